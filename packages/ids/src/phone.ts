import { fail, ok, type Result } from './result.ts';

/**
 * Phone numbers as callers and officers type them. Only the number's shape is checked: the carrier is
 * never inferred from the prefix, because numbers move between carriers.
 */

export type CallerNumber =
  | { readonly kind: 'mobile'; readonly value: string }
  | { readonly kind: 'landline'; readonly value: string };

const SEPARATORS = /[\s\-().·]/g;

/** Digits only, with a leading country code (+86, 0086, or 86 before 11 more digits) removed. */
function nationalDigits(input: string): string | undefined {
  let s = input.replace(SEPARATORS, '');
  if (s.startsWith('+86')) s = s.slice(3);
  else if (s.startsWith('0086')) s = s.slice(4);
  else if (s.startsWith('86') && s.length === 13) s = s.slice(2);
  return /^\d+$/.test(s) ? s : undefined;
}

/** A mainland mobile number, normalised to its 11 digits (e.g. `+86 138-1234-1234` → `13812341234`). */
export function normalizeMobile(input: string): Result<string> {
  if (input.trim() === '') return fail('phone.empty');
  const digits = nationalDigits(input);
  if (digits === undefined || !/^1[3-9]\d{9}$/.test(digits)) return fail('phone.format');
  return ok(digits);
}

/**
 * A landline, normalised to `area-subscriber` (`0595-23521234`). Area codes are 010, 02x or a 4-digit
 * 0xxx; subscriber numbers have 7 or 8 digits and never start with 0 or 1. With an international
 * prefix the trunk 0 is restored (`+86 595 2352 1234` → `0595-23521234`).
 */
export function normalizeLandline(input: string): Result<string> {
  if (input.trim() === '') return fail('phone.empty');
  const international = /^\s*(\+|00)86/.test(input);
  let digits = nationalDigits(input);
  if (digits === undefined) return fail('phone.landline-format');
  if (international && !digits.startsWith('0')) digits = `0${digits}`;
  const areaLength = /^0(10|2\d)/.test(digits) ? 3 : 4;
  const area = digits.slice(0, areaLength);
  const subscriber = digits.slice(areaLength);
  if (!/^0(10|2\d|[3-9]\d\d)$/.test(area) || !/^[2-9]\d{6,7}$/.test(subscriber))
    return fail('phone.landline-format');
  return ok(`${area}-${subscriber}`);
}

/** A caller's number for 110 intake: a mobile or a landline, each normalised. */
export function parseCallerNumber(input: string): Result<CallerNumber> {
  const mobile = normalizeMobile(input);
  if (mobile.ok) return ok({ kind: 'mobile', value: mobile.value });
  if (mobile.reason === 'phone.empty') return fail('phone.empty');
  const landline = normalizeLandline(input);
  if (landline.ok) return ok({ kind: 'landline', value: landline.value });
  // A number that starts like a mobile most likely is one with a digit missing or extra.
  return fail(nationalDigits(input)?.startsWith('1') ? 'phone.format' : 'phone.landline-format');
}
