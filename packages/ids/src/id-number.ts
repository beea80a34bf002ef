import { fail, ok, type Result } from './result.ts';

/** 居民身份证号 (GB 11643-1999), 18 characters. */
export type Sex = 'male' | 'female';

export interface IdNumber {
  /** Normalised: upper-case X, no spaces. */
  readonly value: string;
  readonly areaCode: string;
  /** YYYY-MM-DD */
  readonly birthDate: string;
  readonly sex: Sex;
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** Province-level prefixes of GB/T 2260, plus 81/82/83 used by residence permits for HK, Macau, Taiwan. */
const PROVINCE_PREFIXES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
  '83',
]);

/** Earliest birth year accepted: older numbers are data-entry errors, not people. */
const MIN_BIRTH_YEAR = 1850;

/** The check character for the first 17 digits. */
export function idCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('idCheckChar needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** Strips spaces and upper-cases a trailing x; does not validate. */
export function normalizeIdNumber(input: string): string {
  return input.replace(/[\s-]/g, '').toUpperCase();
}

export function isValidAreaCode(code: string): boolean {
  return /^\d{6}$/.test(code) && PROVINCE_PREFIXES.has(code.slice(0, 2));
}

/** A real calendar date (the proleptic Gregorian calendar), as YYYY-MM-DD, or undefined. */
function calendarDate(yyyymmdd: string): string | undefined {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (m < 1 || m > 12 || d < 1) return undefined;
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > daysInMonth) return undefined;
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

/**
 * Validates and parses an ID number. `today` (YYYY-MM-DD, in the bureau's time zone) comes from the
 * caller's clock: a birth date after it is refused.
 */
export function parseIdNumber(input: string, opts: { today: string }): Result<IdNumber> {
  const value = normalizeIdNumber(input);
  if (value === '') return fail('id.empty');
  if (!/^\d{17}[\dX]$/.test(value)) return fail('id.format');
  const areaCode = value.slice(0, 6);
  if (!isValidAreaCode(areaCode)) return fail('id.area');
  const birthDate = calendarDate(value.slice(6, 14));
  if (birthDate === undefined || Number(value.slice(6, 10)) < MIN_BIRTH_YEAR) return fail('id.date');
  if (birthDate > opts.today) return fail('id.future');
  if (idCheckChar(value.slice(0, 17)) !== value[17]) return fail('id.checksum');
  const sex: Sex = Number(value[16]) % 2 === 1 ? 'male' : 'female';
  return ok({ value, areaCode, birthDate, sex });
}

/** The parts of a random source that ID generation needs (an Rng from @ronghui/geo fits). */
export interface IntSource {
  int(n: number): number;
}

/** A valid ID number for demo data; the 3-digit sequence is drawn from `rng` with the parity of `sex`. */
export function generateIdNumber(
  rng: IntSource,
  opts: { areaCode: string; birth: string; sex: Sex },
): string {
  if (!isValidAreaCode(opts.areaCode)) throw new RangeError(`not an area code: ${opts.areaCode}`);
  const digits = opts.birth.replace(/-/g, '');
  if (!/^\d{8}$/.test(digits) || calendarDate(digits) === undefined)
    throw new RangeError(`not a date: ${opts.birth}`);
  // Sequence 000 is never issued; odd for men, even for women.
  const half = rng.int(opts.sex === 'male' ? 500 : 499);
  const seq = opts.sex === 'male' ? 2 * half + 1 : 2 * half + 2;
  const first17 = `${opts.areaCode}${digits}${String(seq).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}
