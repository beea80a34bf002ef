import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from './password.ts';

describe('passwords', () => {
  it('hashes with a fresh salt and verifies', async () => {
    const a = await hashPassword('ronghui-demo');
    const b = await hashPassword('ronghui-demo');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('ronghui-demo', a)).toBe(true);
    expect(await verifyPassword('ronghui-dem0', a)).toBe(false);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
  });

  it('enforces the policy for new passwords', () => {
    expect(passwordProblem('short1')).toMatch(/10 characters/);
    expect(passwordProblem('onlyletterslong')).toMatch(/letters and digits/);
    expect(passwordProblem('letters-and-42')).toBeUndefined();
  });
});
