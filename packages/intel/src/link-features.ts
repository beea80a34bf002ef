import { CHINA_OFFSET_MS } from '@ronghui/geo';

/** The per-feature similarities Series Finder combines, in a fixed order (index = position in vectors). */
export const LINK_FEATURES = [
  'category',
  'premise',
  'method',
  'features',
  'timeOfDay',
  'dayOfWeek',
  'distance',
  'daysApart',
] as const;
export type LinkFeature = (typeof LINK_FEATURES)[number];
export const LINK_FEATURE_COUNT = LINK_FEATURES.length;

/** General weights λ_j, one per LINK_FEATURES entry, non-negative. */
export type LinkWeights = Float64Array;

export interface LinkOptions {
  /** Local time offset for time-of-day and day-of-week (Asia/Shanghai: +8 h). */
  readonly offsetMs: number;
  /** Distance similarity exp(−d / distanceScaleM). */
  readonly distanceScaleM: number;
  /** Days-apart similarity exp(−Δ / daysScale). */
  readonly daysScale: number;
  /** Share of a match's credit given to two different codes under the same parent. */
  readonly partialCredit: number;
}

export const DEFAULT_LINK_OPTIONS: LinkOptions = {
  offsetMs: CHINA_OFFSET_MS,
  distanceScaleM: 1000,
  daysScale: 30,
  partialCredit: 0.5,
};

/** Equal weights: the starting point before anything is learned. */
export function equalWeights(): LinkWeights {
  return new Float64Array(LINK_FEATURE_COUNT).fill(1 / LINK_FEATURE_COUNT);
}
