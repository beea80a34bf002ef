import { describe, expect, it } from 'vitest';
import { moduleForPath } from './navigation.tsx';

describe('moduleForPath', () => {
  it('matches the longest menu path, and / only itself', () => {
    expect(moduleForPath('/')?.key).toBe('home');
    expect(moduleForPath('/admin/audit')?.key).toBe('audit');
    expect(moduleForPath('/admin/users/42')?.key).toBe('users');
    expect(moduleForPath('/dispatchers')).toBeUndefined();
    expect(moduleForPath('/nowhere')).toBeUndefined();
  });
});
