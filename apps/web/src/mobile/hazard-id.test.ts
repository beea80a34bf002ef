import { describe, expect, it } from 'vitest';
import { newHazardId } from './hazard-id.ts';

describe('newHazardId', () => {
  it('makes a version 4 UUID the server accepts', () => {
    const id = newHazardId();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newHazardId()).not.toBe(id);
  });

  it('sets the version and variant bits whatever the random bytes', () => {
    expect(newHazardId((b) => b.fill(0xff))).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
    expect(newHazardId((b) => b.fill(0))).toBe('00000000-0000-4000-8000-000000000000');
  });
});
