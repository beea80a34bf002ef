import { createRng } from '@ronghui/geo';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateIdNumber, idCheckChar, parseIdNumber } from './id-number.ts';

const today = '2026-11-29';

describe('parseIdNumber', () => {
  it('accepts the published examples and reads birth date and sex', () => {
    expect(parseIdNumber('11010519491231002X', { today })).toEqual({
      ok: true,
      value: { value: '11010519491231002X', areaCode: '110105', birthDate: '1949-12-31', sex: 'female' },
    });
    expect(parseIdNumber('440524188001010014', { today })).toEqual({
      ok: true,
      value: { value: '440524188001010014', areaCode: '440524', birthDate: '1880-01-01', sex: 'male' },
    });
  });

  it('normalises a lower-case x and spaces', () => {
    const r = parseIdNumber(' 110105 19491231 002x ', { today });
    expect(r.ok && r.value.value).toBe('11010519491231002X');
  });

  it.each([
    ['', 'id.empty'],
    ['11010519491231002', 'id.format'],
    ['1101051949123100X2', 'id.format'],
    ['99010519491231002X', 'id.area'],
    ['110105194902300021', 'id.date'],
    ['110105190002290027', 'id.date'],
    ['11010520270101002X', 'id.future'],
    ['110105194912310021', 'id.checksum'],
  ])('refuses %j with %s', (input, reason) => {
    expect(parseIdNumber(input, { today })).toEqual({ ok: false, reason });
  });

  it('accepts 29 February in a leap year and a birth on today', () => {
    const leap = `35052620000229001`;
    expect(parseIdNumber(leap + idCheckChar(leap), { today }).ok).toBe(true);
    const born = '35052620261129002';
    expect(parseIdNumber(born + idCheckChar(born), { today }).ok).toBe(true);
  });
});

const birthArb = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2026-11-29T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const areaArb = fc.constantFrom('350526', '110105', '440524', '350503', '650102');

describe('generateIdNumber (properties)', () => {
  it('every generated number validates with the requested birth date, sex and area', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        areaArb,
        birthArb,
        fc.constantFrom('male', 'female'),
        (seed, areaCode, birth, sex) => {
          const id = generateIdNumber(createRng(seed), { areaCode, birth, sex });
          const r = parseIdNumber(id, { today });
          expect(r).toEqual({ ok: true, value: { value: id, areaCode, birthDate: birth, sex } });
        },
      ),
    );
  });

  it('changing any one of the first 17 digits changes the check character', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        birthArb,
        fc.nat(16),
        fc.integer({ min: 1, max: 9 }),
        (seed, birth, pos, delta) => {
          const id = generateIdNumber(createRng(seed), { areaCode: '350526', birth, sex: 'male' });
          const digit = (Number(id[pos]) + delta) % 10;
          const changed = id.slice(0, pos) + digit + id.slice(pos + 1);
          expect(idCheckChar(changed.slice(0, 17))).not.toBe(id[17]);
          expect(parseIdNumber(changed, { today }).ok).toBe(false);
        },
      ),
    );
  });

  it('changing the check character is caught as a checksum error', () => {
    fc.assert(
      fc.property(fc.integer(), birthArb, fc.constantFrom(...'0123456789X'), (seed, birth, c) => {
        const id = generateIdNumber(createRng(seed), { areaCode: '350526', birth, sex: 'female' });
        fc.pre(c !== id[17]);
        expect(parseIdNumber(id.slice(0, 17) + c, { today })).toEqual({ ok: false, reason: 'id.checksum' });
      }),
    );
  });

  it('refuses a bad area code or date', () => {
    const rng = createRng(1);
    expect(() => generateIdNumber(rng, { areaCode: '990000', birth: '2000-01-01', sex: 'male' })).toThrow();
    expect(() => generateIdNumber(rng, { areaCode: '350526', birth: '2001-02-29', sex: 'male' })).toThrow();
  });
});
