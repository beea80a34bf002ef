/**
 * 标准地址: the normalised key that tells two spellings of one address apart from two addresses.
 * Full-width characters become half-width, spaces and punctuation go, Chinese numerals in the numbered
 * parts become digits, and the variants of 号 / 栋 (幢, 座, 号楼) / 单元 / 室 (房, 户) collapse to one form.
 */

const DIGIT: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  壹: 1,
  二: 2,
  两: 2,
  贰: 2,
  三: 3,
  叁: 3,
  四: 4,
  肆: 4,
  五: 5,
  伍: 5,
  六: 6,
  陆: 6,
  七: 7,
  柒: 7,
  八: 8,
  捌: 8,
  九: 9,
  玖: 9,
};
const UNIT: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const NUMERAL = /[零〇一壹二两贰三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟]+/g;

/** 十二 → 12, 一百零三 → 103, 三〇一 → 301 (digit by digit when no 十/百/千 appears). */
export function chineseNumeralToNumber(text: string): number | undefined {
  if (!text) return undefined;
  const chars = [...text];
  if (chars.some((c) => !(c in DIGIT) && !(c in UNIT))) return undefined;
  if (!chars.some((c) => c in UNIT)) return Number(chars.map((c) => DIGIT[c]).join(''));
  let total = 0;
  let digit = 0;
  for (const c of chars) {
    if (c in DIGIT) digit = DIGIT[c]!;
    else {
      total += (digit || 1) * UNIT[c]!;
      digit = 0;
    }
  }
  return total + digit;
}

/** Full-width → half-width (NFKC), lower case, no whitespace or punctuation. */
export function normalizeAddressText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\u3000,，.。、;；:：'"“”‘’()（）[\]【】#＃]+/g, '')
    .replace(/[—–－_]+/g, '-');
}

/** Chinese numerals that stand next to a numbered marker (号, 栋, 单元, 室, 层, 楼) become digits. */
function numeralsToDigits(text: string): string {
  return text.replace(NUMERAL, (run, offset: number, whole: string) => {
    const after = whole.slice(offset + run.length);
    const before = whole.slice(0, offset);
    const numbered = /^(号|栋|幢|座|单元|室|房|户|层|楼|组)/.test(after) || /(第)$/.test(before);
    if (!numbered) return run;
    const n = chineseNumeralToNumber(run);
    return n === undefined ? run : String(n);
  });
}

/** One numbered part (door, building, unit, room): digits and letters, markers and numerals unified. */
export function normalizeAddressPart(part: string | null | undefined, kind: AddressPartKind): string {
  if (!part) return '';
  let s = numeralsToDigits(normalizeAddressText(part));
  const n = chineseNumeralToNumber(s);
  if (n !== undefined) s = String(n);
  s = s.replace(/^第/, '');
  const suffix = SUFFIX[kind];
  s = s.replace(suffix, '');
  // Leading zeros of a pure number are noise (03 → 3); 0301 室 stays 301.
  if (/^\d+$/.test(s)) s = String(Number(s));
  return s;
}

export type AddressPartKind = 'door' | 'building' | 'unit' | 'room';
const SUFFIX: Record<AddressPartKind, RegExp> = {
  door: /(号院|号)$/,
  building: /(号楼|栋楼|栋|幢|座|楼|号)$/,
  unit: /(单元|单位|门)$/,
  room: /(室|房|户|号)$/,
};

/** The free-text road or street with its variants unified (路/街/巷 stay: they tell streets apart). */
export function normalizeRoad(road: string | null | undefined): string {
  return road ? numeralsToDigits(normalizeAddressText(road)) : '';
}

export interface AddressParts {
  /** Village or community code (12 digits) of the division table. */
  divisionCode: string;
  road?: string | null | undefined;
  doorNo?: string | null | undefined;
  building?: string | null | undefined;
  unit?: string | null | undefined;
  room?: string | null | undefined;
}

/** The dedupe key of a standard address: `division|road|door|building|unit|room`, each part normalised. */
export function addressKey(a: AddressParts): string {
  return [
    a.divisionCode.trim(),
    normalizeRoad(a.road),
    normalizeAddressPart(a.doorNo, 'door'),
    normalizeAddressPart(a.building, 'building'),
    normalizeAddressPart(a.unit, 'unit'),
    normalizeAddressPart(a.room, 'room'),
  ].join('|');
}

/** The address as people write it: 浔中镇凤凰社区 凤凰路 12号 3栋 2单元 301室. */
export function addressLabel(prefix: string, a: Omit<AddressParts, 'divisionCode'>): string {
  const door = normalizeAddressPart(a.doorNo, 'door');
  const building = normalizeAddressPart(a.building, 'building');
  const unit = normalizeAddressPart(a.unit, 'unit');
  const room = normalizeAddressPart(a.room, 'room');
  return [
    prefix,
    a.road?.trim() ?? '',
    door ? `${door}号` : '',
    building ? `${building}栋` : '',
    unit ? `${unit}单元` : '',
    room ? `${room}室` : '',
  ].join('');
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** 统一社会信用代码 (GB 32100-2015): 18 characters of its alphabet with the check character last. */
export function isValidCreditCode(input: string): boolean {
  const code = input.trim().toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(code[i]!) * USCC_WEIGHTS[i]!;
  const check = (31 - (sum % 31)) % 31;
  return USCC_CHARS[check] === code[17];
}

/** A valid credit code from 17 leading characters (demo data and tests). */
export function creditCodeWithCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(first17[i]!) * USCC_WEIGHTS[i]!;
  return first17 + USCC_CHARS[(31 - (sum % 31)) % 31];
}
