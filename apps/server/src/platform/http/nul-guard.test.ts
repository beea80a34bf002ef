import { describe, expect, it } from 'vitest';
import { loneSurrogatePath, nulPath } from './nul-guard.ts';

describe('nulPath', () => {
  it('finds a NUL in nested strings, array items and keys, and nothing in clean values', () => {
    expect(nulPath({ a: 'ok', b: { c: ['x', 'y\u0000'] } }, 'body')).toBe('body/b/c/1');
    expect(nulPath({ 'k\u0000': 1 }, 'body')).toBe('body/k\\u0000');
    expect(nulPath('\u0000', 'body')).toBe('body');
    expect(nulPath({ a: 'ok', n: 1, t: true, z: null, l: ['张三'] }, 'body')).toBeUndefined();
    expect(nulPath(undefined, 'body')).toBeUndefined();
  });

  it('stops at a depth no request reaches', () => {
    let deep: unknown = '\u0000';
    for (let i = 0; i < 100; i++) deep = [deep];
    expect(nulPath(deep, 'body')).toBeUndefined();
  });
});

describe('loneSurrogatePath', () => {
  it('finds a lone surrogate in values and keys, and passes paired ones (emoji, rare CJK)', () => {
    expect(loneSurrogatePath({ a: ['ok', 'x\ud800y'] }, 'body')).toBe('body/a/1');
    expect(loneSurrogatePath({ 'k\udc00': 1 }, 'body')).toBe('body/k\ufffd');
    expect(loneSurrogatePath({ a: '😀 𠮷', b: '张三' }, 'body')).toBeUndefined();
  });
});
