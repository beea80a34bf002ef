import { HOUR_MS } from './crime-record.ts';

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Parse an ISO 8601 date or date-time to epoch ms. A value without an offset is local time at
 * `defaultOffsetMs` (we never let the machine's time zone decide). Returns undefined when malformed.
 */
export function parseIsoTime(text: string, defaultOffsetMs: number): number | undefined {
  const m = ISO.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', ms = '0', zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60)
    return undefined;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, Number(ms.padEnd(3, '0')));
  // Date.UTC rolls 31 February over into March; reject instead.
  if (new Date(utc).getUTCDate() !== day && hour < 24) return undefined;
  let offset = defaultOffsetMs;
  if (zone === 'Z') offset = 0;
  else if (zone) {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offset = sign * (Number(digits.slice(0, 2)) * HOUR_MS + Number(digits.slice(2)) * 60_000);
  }
  return utc - offset;
}

/** Format epoch ms as ISO 8601 local time with its offset, e.g. 2026-03-01T02:30:00+08:00. */
export function formatIsoTime(ms: number, offsetMs: number): string {
  const local = new Date(ms + offsetMs).toISOString().slice(0, 19);
  if (offsetMs === 0) return `${local}Z`;
  const sign = offsetMs < 0 ? '-' : '+';
  const abs = Math.abs(offsetMs);
  const hh = String(Math.floor(abs / HOUR_MS)).padStart(2, '0');
  const mm = String(Math.floor((abs % HOUR_MS) / 60_000)).padStart(2, '0');
  return `${local}${sign}${hh}:${mm}`;
}
