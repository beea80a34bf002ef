import { fail, ok, type Result } from './result.ts';

/** Chinese motor-vehicle plates (GA 36-2018). */

export type PlateKind =
  | 'ordinary'
  | 'new-energy-small'
  | 'new-energy-large'
  | 'trailer'
  | 'learner'
  | 'police'
  | 'hong-kong'
  | 'macau';

export interface Plate {
  /** Normalised: upper case, no spaces, dots or dashes (`闽C8H58M`). */
  readonly value: string;
  /** Province character, e.g. 闽. */
  readonly province: string;
  /** Issuing-authority letter, e.g. C (闽C = 泉州). */
  readonly authority: string;
  readonly kind: PlateKind;
  /** New-energy plates only: battery-electric (D, A, B, C, E) or other (F, G, H, J, K: hybrids, fuel cells). */
  readonly energy?: 'battery-electric' | 'other';
}

export const PLATE_PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';

const SUFFIX_KINDS: Record<string, PlateKind> = {
  挂: 'trailer',
  学: 'learner',
  警: 'police',
  港: 'hong-kong',
  澳: 'macau',
};

// Letters exclude I and O, which read as 1 and 0.
const L = 'A-HJ-NP-Z';
const ORDINARY = new RegExp(`^[${L}][${L}0-9]{5}$`);
const SUFFIXED = new RegExp(`^[${L}][${L}0-9]{4}[挂学警港澳]$`);
const NEW_ENERGY_SMALL = new RegExp(`^[${L}][DABCEFGHJK][${L}0-9]\\d{4}$`);
const NEW_ENERGY_LARGE = new RegExp(`^[${L}]\\d{5}[DF]$`);

export function normalizePlate(input: string): string {
  return input.replace(/[\s·•.-]/g, '').toUpperCase();
}

const energyOf = (c: string): 'battery-electric' | 'other' =>
  'DABCE'.includes(c) ? 'battery-electric' : 'other';

export function parsePlate(input: string): Result<Plate> {
  const value = normalizePlate(input);
  if (value === '') return fail('plate.empty');
  const chars = [...value];
  const province = chars[0]!;
  if (!PLATE_PROVINCES.includes(province)) return fail('plate.province');
  const rest = chars.slice(1).join('');
  const authority = rest.charAt(0);
  const base = { value, province, authority };
  if (rest.length === 6 && ORDINARY.test(rest)) return ok({ ...base, kind: 'ordinary' });
  if (rest.length === 6 && SUFFIXED.test(rest)) return ok({ ...base, kind: SUFFIX_KINDS[rest.charAt(5)]! });
  if (rest.length === 7 && NEW_ENERGY_SMALL.test(rest))
    return ok({ ...base, kind: 'new-energy-small', energy: energyOf(rest.charAt(1)) });
  if (rest.length === 7 && NEW_ENERGY_LARGE.test(rest))
    return ok({ ...base, kind: 'new-energy-large', energy: energyOf(rest.charAt(6)) });
  return fail('plate.format');
}
