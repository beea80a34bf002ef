import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizePlate, parsePlate } from './plate.ts';

describe('parsePlate', () => {
  it.each([
    ['闽C8H58M', { province: '闽', authority: 'C', kind: 'ordinary' }],
    ['闽C·8H58M', { province: '闽', authority: 'C', kind: 'ordinary' }],
    ['闽CD12345', { province: '闽', authority: 'C', kind: 'new-energy-small', energy: 'battery-electric' }],
    ['闽CF12345', { province: '闽', authority: 'C', kind: 'new-energy-small', energy: 'other' }],
    ['闽C12345D', { province: '闽', authority: 'C', kind: 'new-energy-large', energy: 'battery-electric' }],
    ['闽A1234挂', { province: '闽', authority: 'A', kind: 'trailer' }],
    ['闽C1234学', { province: '闽', authority: 'C', kind: 'learner' }],
    ['闽C0001警', { province: '闽', authority: 'C', kind: 'police' }],
    ['粤Z1234港', { province: '粤', authority: 'Z', kind: 'hong-kong' }],
    ['粤Z1234澳', { province: '粤', authority: 'Z', kind: 'macau' }],
  ])('%s', (input, expected) => {
    const r = parsePlate(input);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value).toMatchObject(expected);
  });

  it.each([
    ['', 'plate.empty'],
    ['XC8H58M', 'plate.province'],
    ['闽C8H5OM', 'plate.format'],
    ['闽I8H58M', 'plate.format'],
    ['闽C8H58', 'plate.format'],
    ['闽CZ12345', 'plate.format'],
    ['闽C12345A', 'plate.format'],
    ['闽C8H58M挂', 'plate.format'],
  ])('refuses %j with %s', (input, reason) => {
    expect(parsePlate(input)).toEqual({ ok: false, reason });
  });

  it('normalizePlate is idempotent and parsing its output gives the same plate (property)', () => {
    const plateArb = fc
      .tuple(
        fc.constantFrom('闽', '京', '粤'),
        fc.stringMatching(/^[A-HJ-NP-Z][A-HJ-NP-Z0-9]{5}$/),
        fc.constantFrom('', ' ', '·'),
      )
      .map(([p, rest, sep]) => `${p}${rest[0]}${sep}${rest.slice(1).toLowerCase()}`);
    fc.assert(
      fc.property(fc.oneof(plateArb, fc.string()), (input) => {
        const once = normalizePlate(input);
        expect(normalizePlate(once)).toBe(once);
        expect(parsePlate(once)).toEqual(parsePlate(input));
      }),
    );
  });
});
