/**
 * China Standard Time (UTC+8, no daylight saving since 1991): the civil time every county runs on. Day
 * boundaries, incident-number days and hand-over times are computed here, never with the machine's time
 * zone.
 */
export const CHINA_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

const toMs = (at: Date | number) => (typeof at === 'number' ? at : at.getTime());

/** The China-time calendar day of an instant: `YYYY-MM-DD`. */
export function chinaDate(at: Date | number): string {
  return new Date(toMs(at) + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The China-time calendar day as `YYYYMMDD` (incident numbers count within it). */
export function chinaDateKey(at: Date | number): string {
  return chinaDate(at).replaceAll('-', '');
}

/** The instant a China-time day (`YYYY-MM-DD`) begins: 00:00+08:00. */
export function chinaDayStart(date: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return new Date(`${date}T00:00:00+08:00`);
}

/** Epoch ms of 00:00 China time on the day of `at`. */
export function chinaMidnight(at: Date | number): number {
  const ms = toMs(at);
  return Math.floor((ms + CHINA_OFFSET_MS) / DAY_MS) * DAY_MS - CHINA_OFFSET_MS;
}

/** Epoch ms of `hour`:00 China time on the day of `at` (e.g. the 08:00 hand-over). */
export function chinaTimeOfDay(at: Date | number, hour: number, minute = 0): number {
  return chinaMidnight(at) + hour * 3_600_000 + minute * 60_000;
}

/** Hour of day (0–23) in China time. */
export function chinaHour(at: Date | number): number {
  return Math.floor((toMs(at) - chinaMidnight(at)) / 3_600_000);
}

/** `2026-03-01T02:30:00+08:00`: an instant written in China time with its offset. */
export function chinaIso(at: Date | number): string {
  return `${new Date(toMs(at) + CHINA_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}
