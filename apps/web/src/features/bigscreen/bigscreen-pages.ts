import type { AntiFraudWarning } from '../../api/stats-api.ts';

/** The big screen's pages, in the order the tabs show them and the rotation visits them. */
export const BIGSCREEN_PAGES = [
  'summary',
  'dispatch',
  'grid',
  'volunteers',
  'traffic',
  'services',
  'antifraud',
] as const;
export type BigScreenPageKey = (typeof BIGSCREEN_PAGES)[number];

/** `?page=`: a known page, else 指挥调度 (what `/bigscreen` has always shown). */
export function pageFromParam(value: string | null): BigScreenPageKey {
  return BIGSCREEN_PAGES.find((p) => p === value) ?? 'dispatch';
}

/** The page after `current` in the rotation, back to the first after the last. */
export function nextPage(current: BigScreenPageKey): BigScreenPageKey {
  const i = BIGSCREEN_PAGES.indexOf(current);
  return BIGSCREEN_PAGES[(i + 1) % BIGSCREEN_PAGES.length] ?? 'summary';
}

export interface RotationSettings {
  /** Seconds each page stays before the next; 0 turns the rotation off. */
  dwellSeconds: number;
  /** Seconds without a touch, click or key before the rotation starts. */
  idleSeconds: number;
}

export const DEFAULT_ROTATION: RotationSettings = { dwellSeconds: 30, idleSeconds: 120 };

function seconds(value: string | null, fallback: number, min: number): number {
  if (value === null || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) return fallback;
  if (n === 0) return 0;
  return Math.min(3600, Math.max(min, Math.round(n)));
}

/** `?rotate=<seconds per page>` (0 = off) and `?idle=<seconds before rotating>`, bounded to sensible values. */
export function rotationFromParams(params: URLSearchParams): RotationSettings {
  return {
    dwellSeconds: seconds(params.get('rotate'), DEFAULT_ROTATION.dwellSeconds, 10),
    idleSeconds: seconds(params.get('idle'), DEFAULT_ROTATION.idleSeconds, 5),
  };
}

/** How long from the last activity until the screen moves on: the idle wait, then one dwell per page. */
export function rotationDelayMs(settings: RotationSettings, rotating: boolean): number | null {
  if (settings.dwellSeconds === 0) return null;
  return (rotating ? settings.dwellSeconds : Math.max(settings.idleSeconds, settings.dwellSeconds)) * 1000;
}

/** `?year=`: a year between 2000 and 2100, else this year in Beijing time. */
export function yearFromParam(value: string | null, now: number): number {
  const y = Number(value);
  if (Number.isInteger(y) && y >= 2000 && y <= 2100) return y;
  return Number(new Date(now + 8 * 3_600_000).toISOString().slice(0, 4));
}

export interface WarningFigures {
  total: number;
  byRisk: Record<AntiFraudWarning['risk'], number>;
  byStatus: Record<AntiFraudWarning['status'], number>;
  overdue: number;
}

/** The anti-fraud warnings counted by risk and by stage (the items the list returned; `total` as the server says). */
export function warningFigures(list: { items: readonly AntiFraudWarning[]; total: number }): WarningFigures {
  const byRisk = { high: 0, medium: 0, low: 0 };
  const byStatus = { issued: 0, signed: 0, dissuaded: 0, feedback: 0 };
  let overdue = 0;
  for (const w of list.items) {
    if (w.risk in byRisk) byRisk[w.risk]++;
    if (w.status in byStatus) byStatus[w.status]++;
    if (w.overdue) overdue++;
  }
  return { total: list.total, byRisk, byStatus, overdue };
}
