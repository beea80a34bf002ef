import { describe, expect, it } from 'vitest';
import { scaleToTotal, villageKind } from './dehua-villages.ts';

describe('scaleToTotal', () => {
  it('splits a total in proportion, adding up exactly', () => {
    expect(scaleToTotal([1, 1, 1], 10)).toEqual([4, 3, 3]);
    expect(scaleToTotal([2, 1, 1], 10)).toEqual([5, 3, 2]);
    expect(scaleToTotal([0.3, 0.7], 1)).toEqual([0, 1]);
  });
});

describe('villageKind', () => {
  it('reads the kind from the official name', () => {
    expect(villageKind('凤池社区居委会')).toBe('community');
    expect(villageKind('凤凰社区')).toBe('community');
    expect(villageKind('浔中村委会')).toBe('village');
  });
});
