/**
 * 群防群治 recognition points: what a confirmed activity is worth to each person on it, and the monthly
 * ranking. Pure: the activities module stores the points per member per record and ranks with these.
 */

export const ACTIVITY_KINDS = ['patrol', 'mediation', 'rescue', 'arrest-assist', 'event-security'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
export type ActivityRole = 'lead' | 'participant';

export interface PointsRules {
  /** Points for taking part, per kind. */
  base: Record<ActivityKind, number>;
  /** Extra for the person who led it. */
  leadBonus: number;
  /** One extra point per this many minutes beyond the first `bonusAfterMinutes` … */
  bonusEveryMinutes: number;
  bonusAfterMinutes: number;
  /** … up to this many extra points. */
  maxDurationBonus: number;
  /** At most this many points per person per (China) day, whatever they did. */
  dailyCap: number;
}

export const POINTS_RULES: PointsRules = {
  base: { patrol: 2, mediation: 5, rescue: 8, 'arrest-assist': 15, 'event-security': 3 },
  leadBonus: 1,
  bonusEveryMinutes: 60,
  bonusAfterMinutes: 60,
  maxDurationBonus: 4,
  dailyCap: 20,
};

/** The points one person earns for one activity, before the daily cap. */
export function activityPoints(
  kind: ActivityKind,
  durationMinutes: number,
  role: ActivityRole,
  rules: PointsRules = POINTS_RULES,
): number {
  const extra = Math.max(0, Math.floor(durationMinutes) - rules.bonusAfterMinutes);
  const duration = Math.min(rules.maxDurationBonus, Math.floor(extra / rules.bonusEveryMinutes));
  return rules.base[kind] + duration + (role === 'lead' ? rules.leadBonus : 0);
}

/** What is awarded when the person already has `earnedThatDay` points that day: the cap is never passed. */
export function cappedPoints(raw: number, earnedThatDay: number, rules: PointsRules = POINTS_RULES): number {
  return Math.max(0, Math.min(raw, rules.dailyCap - Math.max(0, earnedThatDay)));
}

export interface RankingEntry {
  /** Who (a member, a team or a township). */
  key: string;
  points: number;
  activities: number;
  /** When they reached their total (the last award, ms): whoever got there first ranks higher. */
  lastAwardAt: number;
}

export interface Ranked<E extends RankingEntry> {
  rank: number;
  entry: E;
}

/**
 * Ranks by points (more first); ties are broken by more activities, then by who reached the total first,
 * then by key, so the order never depends on input order. Every entry gets a distinct rank 1…n.
 */
export function rankEntries<E extends RankingEntry>(entries: readonly E[]): Ranked<E>[] {
  return [...entries]
    .sort(
      (a, b) =>
        b.points - a.points ||
        b.activities - a.activities ||
        a.lastAwardAt - b.lastAwardAt ||
        (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
    )
    .map((entry, i) => ({ rank: i + 1, entry }));
}

/** The median of a list of numbers (null when empty). */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
