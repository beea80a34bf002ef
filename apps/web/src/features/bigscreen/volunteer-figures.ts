import type { VolunteerStats } from '@ronghui/contracts';

/** The figures of the big screen's 群防群治 panel, in the order shown. */
export const VOLUNTEER_FIGURES = [
  'members',
  'onDutyNow',
  'teams',
  'patrols',
  'mediations',
  'rescues',
  'arrestAssists',
] as const;
export type VolunteerFigure = (typeof VOLUNTEER_FIGURES)[number];

/**
 * The figures `GET /api/volunteers/stats` answers, each only when the answer has it as a number: the
 * activity counts (patrols, mediations, rescues, arrest assists) are newer than members, duty and teams, and
 * a figure the server does not give is left out rather than shown as 0.
 */
export function volunteerFigures(
  stats: VolunteerStats | (Partial<Record<VolunteerFigure, unknown>> & object) | undefined,
): { key: VolunteerFigure; value: number }[] {
  if (!stats) return [];
  const s = stats as Partial<Record<VolunteerFigure, unknown>>;
  return VOLUNTEER_FIGURES.flatMap((key) => {
    const value = s[key];
    return typeof value === 'number' && Number.isFinite(value) ? [{ key, value }] : [];
  });
}
