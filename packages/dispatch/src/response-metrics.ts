/** One incident's clock: epoch ms of each step (null when not reached). */
export interface IncidentTimes {
  groupKeys: readonly string[];
  receivedAt: number;
  dispatchedAt: number | null;
  onSceneAt: number | null;
  targetS: number;
}

export interface Summary {
  count: number;
  p50S: number | null;
  p90S: number | null;
  meanS: number | null;
}

export interface GroupMetrics {
  key: string;
  incidents: number;
  callToDispatch: Summary;
  dispatchToArrival: Summary;
  callToArrival: Summary;
  /** Share of arrived incidents that arrived within their zone's target (null when none arrived). */
  targetCompliance: number | null;
  arrived: number;
  withinTarget: number;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function summarize(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50S: percentile(sorted, 50),
    p90S: percentile(sorted, 90),
    meanS: sorted.length ? Math.round((sorted.reduce((s, v) => s + v, 0) / sorted.length) * 10) / 10 : null,
  };
}

/** Call-to-dispatch, dispatch-to-arrival and arrival-target compliance per group (area, station, …). */
export function responseMetrics(rows: readonly IncidentTimes[]): GroupMetrics[] {
  const groups = new Map<string, IncidentTimes[]>();
  for (const r of rows) for (const k of r.groupKeys) groups.set(k, [...(groups.get(k) ?? []), r]);
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, list]) => {
      const s = (a: number, b: number) => (b - a) / 1000;
      const dispatched = list.filter((r) => r.dispatchedAt !== null);
      const arrived = list.filter((r) => r.onSceneAt !== null);
      const within = arrived.filter((r) => s(r.receivedAt, r.onSceneAt!) <= r.targetS);
      return {
        key,
        incidents: list.length,
        callToDispatch: summarize(dispatched.map((r) => s(r.receivedAt, r.dispatchedAt!))),
        dispatchToArrival: summarize(
          arrived.filter((r) => r.dispatchedAt !== null).map((r) => s(r.dispatchedAt!, r.onSceneAt!)),
        ),
        callToArrival: summarize(arrived.map((r) => s(r.receivedAt, r.onSceneAt!))),
        targetCompliance: arrived.length ? within.length / arrived.length : null,
        arrived: arrived.length,
        withinTarget: within.length,
      };
    });
}
