/**
 * When the phone reports its position (the phone as a tracker): often enough that the command room sees
 * an officer on foot move, rarely enough that a day on duty does not empty the battery or flood the server.
 * Pure: the hook that watches the GPS asks it about every fix.
 */

export interface TrackerFix {
  lon: number;
  lat: number;
  /** Epoch milliseconds of the fix. */
  at: number;
  /** Metres (the GPS's own estimate, 95%). */
  accuracy: number;
  speedKmh?: number | undefined;
  heading?: number | undefined;
}

export interface BatteryState {
  /** 0..1. */
  level: number;
  charging: boolean;
}

export interface TrackerPolicy {
  /** Never two reports closer than this (ms). */
  minIntervalMs: number;
  /** Report at least this often while on duty, even standing still (ms). */
  heartbeatMs: number;
  /** A move of this many metres is reported once `minIntervalMs` has passed. */
  minMoveMeters: number;
  /** Fixes less precise than this are not worth sending (indoors, cold start). */
  maxAccuracyMeters: number;
  /** Below this battery level (not charging) every interval is multiplied by `lowBatteryFactor`. */
  lowBatteryLevel: number;
  lowBatteryFactor: number;
}

export const defaultTrackerPolicy: TrackerPolicy = {
  minIntervalMs: 10_000,
  heartbeatMs: 60_000,
  minMoveMeters: 30,
  maxAccuracyMeters: 100,
  lowBatteryLevel: 0.2,
  lowBatteryFactor: 4,
};

/** Metres between two points (haversine). */
export function metersBetween(a: { lon: number; lat: number }, b: { lon: number; lat: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Whether the battery is low enough to report less often. */
export function savingBattery(battery: BatteryState | null, policy = defaultTrackerPolicy): boolean {
  return battery !== null && !battery.charging && battery.level < policy.lowBatteryLevel;
}

/** The intervals in force: stretched when the battery is low and not charging. */
export function intervals(battery: BatteryState | null, policy = defaultTrackerPolicy) {
  const factor = savingBattery(battery, policy) ? policy.lowBatteryFactor : 1;
  return { minIntervalMs: policy.minIntervalMs * factor, heartbeatMs: policy.heartbeatMs * factor };
}

export type TrackerDecision = 'send' | 'too-soon' | 'imprecise' | 'not-moved';

/** Whether to send this fix, given the last one sent (null: none yet). */
export function decide(
  fix: TrackerFix,
  last: TrackerFix | null,
  battery: BatteryState | null,
  policy = defaultTrackerPolicy,
): TrackerDecision {
  if (fix.accuracy > policy.maxAccuracyMeters) return 'imprecise';
  if (!last) return 'send';
  const { minIntervalMs, heartbeatMs } = intervals(battery, policy);
  const elapsed = fix.at - last.at;
  if (elapsed < minIntervalMs) return 'too-soon';
  if (elapsed >= heartbeatMs) return 'send';
  return metersBetween(fix, last) >= policy.minMoveMeters ? 'send' : 'not-moved';
}
