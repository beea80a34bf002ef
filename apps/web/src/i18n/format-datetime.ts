/** The bureau's time zone: every time on screen is Beijing time, whatever the browser's setting. */
export const displayTimeZone = 'Asia/Shanghai';

const formatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: displayTimeZone,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** `YYYY-MM-DD HH:mm` in Asia/Shanghai; an empty or unparseable value gives the fallback. */
export function formatDateTime(value: string | Date | null | undefined, fallback = '—'): string {
  if (value === null || value === undefined || value === '') return fallback;
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return fallback;
  const parts: Record<string, string> = {};
  for (const part of formatter.formatToParts(date)) parts[part.type] = part.value;
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/**
 * A wall-clock time picked in the console (`YYYY-MM-DDTHH:mm:ss`) read as Beijing time, as an ISO
 * instant: filters mean the same moment whatever time zone the browser is set to.
 */
export function shanghaiWallTimeToIso(wallTime: string): string {
  return new Date(`${wallTime}+08:00`).toISOString();
}

const clock = new Intl.DateTimeFormat('en-CA', {
  timeZone: displayTimeZone,
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** `HH:mm:ss` in Asia/Shanghai (a time stamped today, to the second); an unparseable value gives the fallback. */
export function formatClock(value: string | Date | null | undefined, fallback = '—'): string {
  if (value === null || value === undefined || value === '') return fallback;
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return fallback;
  const parts: Record<string, string> = {};
  for (const part of clock.formatToParts(date)) parts[part.type] = part.value;
  return `${parts.hour}:${parts.minute}:${parts.second}`;
}
