import { createLocalProjection, type LngLat, localDistance, pointInPolygon } from '@ronghui/geo';

/**
 * 群防群治 patrols judged by geofence and time: whether a volunteer's GPS track did the task on a guard
 * point (守点), a patrol line (巡线) or a control area (控面) inside the task's window.
 */

export type PatrolTarget =
  | { kind: 'guard-point'; point: readonly [number, number] }
  | { kind: 'patrol-line'; line: readonly (readonly [number, number])[] }
  | { kind: 'control-area'; polygon: readonly (readonly (readonly [number, number])[])[] };

export interface TrackPoint {
  lon: number;
  lat: number;
  /** Epoch milliseconds. */
  at: number;
  /** Horizontal accuracy (metres), when the phone says. */
  accuracyM?: number | null;
}

export interface PatrolRule {
  /** Guard point: the radius (m) around the point that counts as being there. */
  radiusM: number;
  /** Guard point: the minimum time (s) there. */
  minDwellS: number;
  /** Patrol line: how near (m) the track must come to a sample point of the line. */
  lineToleranceM: number;
  /** Patrol line: the share (0..1) of the line's sample points the track must come near. */
  lineShare: number;
  /** Patrol line: spacing (m) of the sample points along the line. */
  sampleSpacingM: number;
  /** Control area: the minimum time (s) inside the polygon. */
  minInsideS: number;
  /** Points less accurate than this (m) are left out: they cannot tell inside from outside. */
  maxAccuracyM: number;
  /** A gap between two points longer than this (s) counts at most this long (the phone lost its fix). */
  maxGapS: number;
}

export const DEFAULT_PATROL_RULE: PatrolRule = {
  radiusM: 100,
  minDwellS: 600,
  lineToleranceM: 50,
  lineShare: 0.8,
  sampleSpacingM: 25,
  minInsideS: 900,
  maxAccuracyM: 100,
  maxGapS: 120,
};

export interface PatrolJudgement {
  completed: boolean;
  /** Points inside the window and accurate enough. */
  pointsUsed: number;
  /** Guard point / control area: seconds inside; patrol line: null. */
  insideS: number | null;
  /** Patrol line: the share of sample points reached; otherwise null. */
  lineShare: number | null;
  /** What was required, in the same unit (seconds or share). */
  required: number;
  /** Why not completed (null when completed). */
  reason: 'no-points' | 'too-short' | 'line-not-covered' | null;
}

/** The usable points: inside the window, accurate enough, sorted by time, one per instant. */
export function usablePoints(
  points: readonly TrackPoint[],
  window: { start: number; end: number },
  rule: PatrolRule = DEFAULT_PATROL_RULE,
): TrackPoint[] {
  const seen = new Set<number>();
  return points
    .filter(
      (p) =>
        p.at >= window.start &&
        p.at <= window.end &&
        (p.accuracyM == null || p.accuracyM <= rule.maxAccuracyM) &&
        !seen.has(p.at) &&
        seen.add(p.at),
    )
    .sort((a, b) => a.at - b.at);
}

/** Seconds spent inside: each step between two consecutive inside points counts (capped at maxGapS). */
export function dwellSeconds(
  points: readonly TrackPoint[],
  inside: (p: TrackPoint) => boolean,
  maxGapS: number,
): number {
  let ms = 0;
  let prev: TrackPoint | null = null;
  let prevIn = false;
  for (const p of points) {
    const now = inside(p);
    if (prev && prevIn && now) ms += Math.min(p.at - prev.at, maxGapS * 1000);
    prev = p;
    prevIn = now;
  }
  return Math.round(ms / 1000);
}

/** Sample points every `spacing` metres along a line (both ends included). */
export function sampleLine(
  line: readonly (readonly [number, number])[],
  spacingM: number,
): [number, number][] {
  if (line.length === 0) return [];
  const proj = createLocalProjection(line[0] as LngLat);
  const xy = line.map((p) => proj.toXY(p));
  const out: [number, number][] = [[line[0]![0], line[0]![1]]];
  let carry = 0;
  for (let i = 1; i < xy.length; i++) {
    const [x0, y0] = xy[i - 1]!;
    const [x1, y1] = xy[i]!;
    const len = Math.hypot(x1 - x0, y1 - y0);
    let d = spacingM - carry;
    while (d < len) {
      const t = d / len;
      const ll = proj.toLngLat([x0 + (x1 - x0) * t, y0 + (y1 - y0) * t]);
      out.push([ll[0], ll[1]]);
      d += spacingM;
    }
    carry = len - (d - spacingM);
  }
  const last = line[line.length - 1]!;
  const tail = out[out.length - 1]!;
  if (localDistance(tail, last) > 1) out.push([last[0], last[1]]);
  return out;
}

/** Distance (m) from p to the segment a–b, on a local plane about p. */
function toSegment(p: readonly [number, number], a: readonly [number, number], b: readonly [number, number]) {
  const proj = createLocalProjection(p as LngLat);
  const [ax, ay] = proj.toXY(a);
  const [bx, by] = proj.toXY(b);
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
  return Math.hypot(ax + t * dx, ay + t * dy);
}

/** The share of the line's sample points that the track (its points and the steps between them) came near. */
export function lineCoverage(
  line: readonly (readonly [number, number])[],
  points: readonly TrackPoint[],
  rule: PatrolRule = DEFAULT_PATROL_RULE,
): number {
  const samples = sampleLine(line, rule.sampleSpacingM);
  if (samples.length === 0 || points.length === 0) return 0;
  let reached = 0;
  for (const s of samples) {
    let hit = false;
    for (let i = 0; i < points.length && !hit; i++) {
      const p = points[i]!;
      const slack = Math.min(p.accuracyM ?? 0, rule.lineToleranceM);
      if (localDistance(s, [p.lon, p.lat]) <= rule.lineToleranceM + slack) hit = true;
      const q = points[i + 1];
      // A step between two fixes close in time: walked along, so the points between count too.
      if (!hit && q && q.at - p.at <= rule.maxGapS * 1000)
        hit = toSegment(s, [p.lon, p.lat], [q.lon, q.lat]) <= rule.lineToleranceM;
    }
    if (hit) reached++;
  }
  return reached / samples.length;
}

/** Judges a track against a target inside the window [start, end] (epoch ms). */
export function judgePatrol(
  target: PatrolTarget,
  track: readonly TrackPoint[],
  window: { start: number; end: number },
  rule: PatrolRule = DEFAULT_PATROL_RULE,
): PatrolJudgement {
  const points = usablePoints(track, window, rule);
  if (target.kind === 'patrol-line') {
    const share = points.length ? lineCoverage(target.line, points, rule) : 0;
    const done = share >= rule.lineShare;
    return {
      completed: done,
      pointsUsed: points.length,
      insideS: null,
      lineShare: Math.round(share * 1000) / 1000,
      required: rule.lineShare,
      reason: done ? null : points.length ? 'line-not-covered' : 'no-points',
    };
  }
  let inside: (p: TrackPoint) => boolean;
  let required: number;
  if (target.kind === 'guard-point') {
    const at = target.point;
    // Accuracy-aware: the point counts when its circle of uncertainty reaches within the radius.
    inside = (p) =>
      localDistance(at, [p.lon, p.lat]) - Math.min(p.accuracyM ?? 0, rule.radiusM) <= rule.radiusM;
    required = rule.minDwellS;
  } else {
    const polygon = { type: 'Polygon' as const, coordinates: target.polygon };
    inside = (p) => pointInPolygon([p.lon, p.lat], polygon);
    required = rule.minInsideS;
  }
  const seconds = dwellSeconds(points, inside, rule.maxGapS);
  const done = seconds >= required;
  return {
    completed: done,
    pointsUsed: points.length,
    insideS: seconds,
    lineShare: null,
    required,
    reason: done ? null : points.length ? 'too-short' : 'no-points',
  };
}

/** The target of a patrol plan feature's GeoJSON geometry. */
export function patrolTargetOf(
  kind: 'guard-point' | 'patrol-line' | 'control-area',
  geometry: { type: string; coordinates: unknown },
): PatrolTarget {
  if (kind === 'guard-point' && geometry.type === 'Point')
    return { kind, point: geometry.coordinates as [number, number] };
  if (kind === 'patrol-line' && geometry.type === 'LineString')
    return { kind, line: geometry.coordinates as [number, number][] };
  if (kind === 'control-area' && geometry.type === 'Polygon')
    return { kind, polygon: geometry.coordinates as [number, number][][] };
  throw new Error(
    `a ${kind} needs a ${kind === 'guard-point' ? 'Point' : kind === 'patrol-line' ? 'LineString' : 'Polygon'} geometry, not ${geometry.type}`,
  );
}

/** A place to show the target at (the point, the line's middle sample, the polygon's first-ring mean). */
export function patrolTargetPlace(target: PatrolTarget): [number, number] {
  if (target.kind === 'guard-point') return [target.point[0], target.point[1]];
  if (target.kind === 'patrol-line') {
    const s = target.line[Math.floor(target.line.length / 2)]!;
    return [s[0], s[1]];
  }
  const ring = target.polygon[0] ?? [];
  const n = Math.max(ring.length - 1, 1);
  let lon = 0;
  let lat = 0;
  for (let i = 0; i < n; i++) {
    lon += ring[i]?.[0] ?? 0;
    lat += ring[i]?.[1] ?? 0;
  }
  return [lon / n, lat / n];
}
