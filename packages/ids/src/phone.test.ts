import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeLandline, normalizeMobile, parseCallerNumber } from './phone.ts';

describe('normalizeMobile', () => {
  it.each([
    ['13812341234', '13812341234'],
    ['+86 138 1234 1234', '13812341234'],
    ['0086-138-1234-1234', '13812341234'],
    ['8619912345678', '19912345678'],
    ['(+86) 166-0000-1111', '16600001111'],
  ])('%j → %s', (input, expected) => {
    expect(normalizeMobile(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', 'phone.empty'],
    ['12812341234', 'phone.format'],
    ['1381234123', 'phone.format'],
    ['138123412345', 'phone.format'],
    ['138a2341234', 'phone.format'],
  ])('refuses %j with %s', (input, reason) => {
    expect(normalizeMobile(input)).toEqual({ ok: false, reason });
  });
});

describe('normalizeLandline and parseCallerNumber', () => {
  it.each([
    ['0595-23521234', '0595-23521234'],
    ['059523521234', '0595-23521234'],
    ['010 6512 3456', '010-65123456'],
    ['+86 595 2352 1234', '0595-23521234'],
    ['0595-2352123', '0595-2352123'],
  ])('%j → %s', (input, expected) => {
    expect(normalizeLandline(input)).toEqual({ ok: true, value: expected });
  });

  it('refuses a subscriber number starting with 0 or 1, or of the wrong length', () => {
    expect(normalizeLandline('0595-03521234').ok).toBe(false);
    expect(normalizeLandline('0595-123456').ok).toBe(false);
    expect(normalizeLandline('0595-235212345').ok).toBe(false);
  });

  it('tells mobiles and landlines apart', () => {
    expect(parseCallerNumber('138 1234 1234')).toEqual({
      ok: true,
      value: { kind: 'mobile', value: '13812341234' },
    });
    expect(parseCallerNumber('0595-23521234')).toEqual({
      ok: true,
      value: { kind: 'landline', value: '0595-23521234' },
    });
    expect(parseCallerNumber('1381234123')).toEqual({ ok: false, reason: 'phone.format' });
    expect(parseCallerNumber('0595-1')).toEqual({ ok: false, reason: 'phone.landline-format' });
    expect(parseCallerNumber('  ')).toEqual({ ok: false, reason: 'phone.empty' });
  });
});

const digits = (n: number) =>
  fc.array(fc.constantFrom(...'0123456789'), { minLength: n, maxLength: n }).map((a) => a.join(''));
const decorate = (s: string, seps: string[]) =>
  [...s].map((c, i) => c + (seps[i % seps.length] ?? '')).join('');
const sepArb = fc.array(fc.constantFrom('', ' ', '-'), { minLength: 1, maxLength: 4 });

describe('normalisation is idempotent (properties)', () => {
  it('normalizeMobile ∘ normalizeMobile = normalizeMobile', () => {
    const mobileArb = fc
      .tuple(fc.constantFrom(...'3456789'), digits(9), fc.constantFrom('', '+86', '0086', '+86 '), sepArb)
      .map(([second, rest, prefix, seps]) => prefix + decorate(`1${second}${rest}`, seps));
    fc.assert(
      fc.property(fc.oneof(mobileArb, fc.string()), (input) => {
        const once = normalizeMobile(input);
        if (!once.ok) return;
        expect(once.value).toMatch(/^1[3-9]\d{9}$/);
        expect(normalizeMobile(once.value)).toEqual(once);
      }),
    );
  });

  it('normalizeLandline ∘ normalizeLandline = normalizeLandline', () => {
    const landlineArb = fc
      .tuple(fc.constantFrom('010', '021', '0595', '0591'), fc.constantFrom(...'23456789'), digits(7), sepArb)
      .map(([area, first, rest, seps]) => decorate(area + first + rest, seps));
    fc.assert(
      fc.property(fc.oneof(landlineArb, fc.string()), (input) => {
        const once = normalizeLandline(input);
        if (!once.ok) return;
        expect(normalizeLandline(once.value)).toEqual(once);
      }),
    );
  });
});
