import { CHINA_OFFSET_MS } from '@ronghui/geo';
import { DAY_MINUTES, minuteOfDay, minuteOfWeek } from './circular-time.ts';
import { type CrimeRecord, DAY_MS } from './crime-record.ts';
import { moName, parentCode } from './mo-codes.ts';

export interface LinkExplanation {
  readonly zh: string;
  readonly en: string;
  readonly clauses: readonly { readonly zh: string; readonly en: string }[];
}

const WEEKDAYS_ZH = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];
const WEEKDAYS_EN = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
/** 作案特点 under 03 环境 describe the place, so they are read together with the premise. */
const PLACE_FEATURE_PARENT = '03';

const hhmm = (min: number) =>
  `${String(Math.floor(min / 60) % 24).padStart(2, '0')}:${String(Math.floor(min % 60)).padStart(2, '0')}`;

/** Smallest arc of the day covering every record's window, or undefined when they cover the whole day. */
function coveringArc(
  records: readonly CrimeRecord[],
  offsetMs: number,
): { from: number; to: number } | undefined {
  const covered = new Uint8Array(DAY_MINUTES);
  for (const r of records) {
    const start = minuteOfDay(r.occurredFrom, offsetMs);
    const length = Math.min(DAY_MINUTES, Math.round((r.occurredTo - r.occurredFrom) / 60_000));
    for (let m = 0; m < Math.max(1, length); m++) covered[(start + m) % DAY_MINUTES] = 1;
  }
  // The complement of the longest uncovered run is the covering arc.
  let bestStart = -1;
  let bestLength = 0;
  for (let s = 0; s < DAY_MINUTES; s++) {
    if (covered[s] || !covered[(s + DAY_MINUTES - 1) % DAY_MINUTES]) continue;
    let l = 0;
    while (l < DAY_MINUTES && !covered[(s + l) % DAY_MINUTES]) l++;
    if (l > bestLength) {
      bestLength = l;
      bestStart = s;
    }
  }
  if (bestStart < 0) return undefined;
  return { from: (bestStart + bestLength) % DAY_MINUTES, to: bestStart };
}

function allEqual<T>(values: readonly T[]): boolean {
  return values.every((v) => v === values[0]);
}

/**
 * Plain-language account, in Chinese and English, of what a group of crimes (a series and a candidate)
 * have in common, e.g. "作案时间均在02:00–05:00；处所均为背街小巷自建房；均戴口罩".
 */
export function explainLink(records: readonly CrimeRecord[], offsetMs = CHINA_OFFSET_MS): LinkExplanation {
  const clauses: { zh: string; en: string }[] = [];
  if (records.length < 2) return { zh: '', en: '', clauses };
  const arc = coveringArc(records, offsetMs);
  if (arc && (arc.to - arc.from + DAY_MINUTES) % DAY_MINUTES <= 6 * 60) {
    const span = `${hhmm(arc.from)}–${hhmm(arc.to)}`;
    clauses.push({ zh: `作案时间均在${span}`, en: `all between ${span}` });
  }
  const weekdays = records.map((r) => Math.floor(minuteOfWeek(r.occurredFrom, offsetMs) / DAY_MINUTES));
  const sameDay = records.every((r) => r.occurredTo - r.occurredFrom < DAY_MS);
  if (sameDay && allEqual(weekdays)) {
    const d = weekdays[0] as number;
    clauses.push({ zh: `均发生在${WEEKDAYS_ZH[d]}`, en: `all on a ${WEEKDAYS_EN[d]}` });
  } else if (sameDay && weekdays.every((d) => d >= 5))
    clauses.push({ zh: '均发生在周末', en: 'all at weekends' });

  const common = (records[0]?.features ?? []).filter((f) => records.every((r) => r.features.includes(f)));
  const placeFeatures = common.filter((f) => parentCode('feature', f) === PLACE_FEATURE_PARENT);
  const otherFeatures = common.filter((f) => parentCode('feature', f) !== PLACE_FEATURE_PARENT);
  const premises = records.map((r) => r.premise);
  let premiseZh = '';
  let premiseEn = '';
  if (premises[0] && allEqual(premises)) {
    premiseZh = moName('premise', premises[0], 'zh');
    premiseEn = moName('premise', premises[0], 'en');
  } else {
    const parents = premises.map((p) => parentCode('premise', p));
    if (parents[0] && allEqual(parents)) {
      premiseZh = `${moName('premise', parents[0], 'zh')}类`;
      premiseEn = moName('premise', parents[0], 'en');
    }
  }
  const placeZh = placeFeatures.map((f) => moName('feature', f, 'zh')).join('');
  const placeEn = placeFeatures.map((f) => moName('feature', f, 'en')).join(', ');
  if (premiseZh || placeZh) {
    clauses.push({
      zh: `处所均为${placeZh}${premiseZh}`,
      en: `all at ${[premiseEn ? `a ${premiseEn}` : '', placeEn ? `(${placeEn})` : ''].filter(Boolean).join(' ')}`,
    });
  }
  const methods = records.map((r) => r.method);
  if (methods[0] && allEqual(methods)) {
    clauses.push({
      zh: `手段均为${moName('method', methods[0], 'zh')}`,
      en: `all entered by ${moName('method', methods[0], 'en')}`,
    });
  }
  if (otherFeatures.length > 0) {
    clauses.push({
      zh: `均${otherFeatures.map((f) => moName('feature', f, 'zh')).join('、')}`,
      en: `all: ${otherFeatures.map((f) => moName('feature', f, 'en')).join(', ')}`,
    });
  }
  let farthest = 0;
  for (let a = 0; a < records.length; a++)
    for (let b = a + 1; b < records.length; b++) {
      const ra = records[a] as CrimeRecord;
      const rb = records[b] as CrimeRecord;
      farthest = Math.max(farthest, Math.hypot(ra.x - rb.x, ra.y - rb.y));
    }
  if (farthest <= 3000) {
    const m = Math.max(100, Math.ceil(farthest / 100) * 100);
    clauses.push({ zh: `彼此相距不超过${m}米`, en: `within ${m} m of each other` });
  }
  const mids = records.map((r) => (r.occurredFrom + r.occurredTo) / 2);
  const spanDays = Math.ceil((Math.max(...mids) - Math.min(...mids)) / DAY_MS);
  if (spanDays <= 60) clauses.push({ zh: `发生在${spanDays}天之内`, en: `within ${spanDays} days` });
  return { zh: clauses.map((c) => c.zh).join('；'), en: clauses.map((c) => c.en).join('; '), clauses };
}
