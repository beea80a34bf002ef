import { describe, expect, it } from 'vitest';
import { enUS } from './en-US.ts';
import { interpolate, type MessageKey } from './messages.ts';
import { zhCN } from './zh-CN.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('interpolate', () => {
  it('fills named placeholders and leaves unknown ones visible', () => {
    expect(interpolate('还可尝试 {n} 次', { n: 3 })).toBe('还可尝试 3 次');
    expect(interpolate('{a}-{b}', { a: 'x' })).toBe('x-{b}');
    expect(interpolate('plain')).toBe('plain');
  });
});

describe('dictionaries', () => {
  it('use the same placeholders in both languages, and no message is empty', () => {
    for (const key of Object.keys(zhCN) as MessageKey[]) {
      expect(zhCN[key].trim(), key).not.toBe('');
      expect(enUS[key].trim(), key).not.toBe('');
      expect(placeholders(enUS[key]), key).toEqual(placeholders(zhCN[key]));
    }
  });
});
