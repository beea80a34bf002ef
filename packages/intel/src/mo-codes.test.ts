import { describe, expect, it } from 'vitest';
import { leafCodes, moName, parentCode, PREMISE_CODES, METHOD_CODES, FEATURE_CODES } from './mo-codes.ts';

describe('MO code tables', () => {
  it('derive the parent from the code structure', () => {
    expect(parentCode('premise', '0101')).toBe('01');
    expect(parentCode('premise', '01')).toBeNull();
    expect(parentCode('method', '0103')).toBe('01');
    expect(parentCode('category', '050101')).toBe('0501');
    expect(parentCode('premise', '9999')).toBeNull();
  });

  it('name codes in Chinese and English', () => {
    expect(moName('premise', '0101', 'zh')).toBe('自建房');
    expect(moName('method', '0201', 'en')).toBe('through a window');
    expect(moName('feature', '0301', 'zh')).toBe('背街小巷');
    expect(moName('feature', 'X9', 'zh')).toBe('X9');
  });

  it('have unique codes whose parents exist', () => {
    for (const t of [PREMISE_CODES, METHOD_CODES, FEATURE_CODES]) {
      const codes = new Set(t.map((c) => c.code));
      expect(codes.size).toBe(t.length);
      for (const c of t) if (c.parent) expect(codes.has(c.parent)).toBe(true);
    }
  });

  it('list leaves without their parents', () => {
    const leaves = leafCodes('premise').map((c) => c.code);
    expect(leaves).toContain('0102');
    expect(leaves).not.toContain('01');
  });
});
