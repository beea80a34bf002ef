import type { IncidentTimelineEntry, UnitAssignment } from '@ronghui/contracts';

/** How far one unit sent to an incident has got: when it was sent, set off, arrived, and what it says now. */
export interface UnitProgress {
  unitId: string;
  /** As the unit's reports name it; null until it reports (the console knows it from the live units). */
  callsign: string | null;
  /** Null for a unit that reported on the incident without being sent to it. */
  dispatchedAt: string | null;
  enRouteAt: string | null;
  onSceneAt: string | null;
  releasedAt: string | null;
  /** The last state the unit reported on this incident; null before its first report. */
  lastStatus: string | null;
}

interface Report {
  at: string;
  unitId: string;
  callsign: string | null;
  status: string;
}

/** The units' own reports on the incident (`unit-status` entries), oldest first. */
function reportsOf(timeline: readonly IncidentTimelineEntry[]): Report[] {
  const out: Report[] = [];
  for (const e of timeline) {
    if (e.kind !== 'unit-status') continue;
    const { unitId, callsign, status } = e.detail;
    if (typeof unitId !== 'string' || typeof status !== 'string') continue;
    out.push({ at: e.at, unitId, callsign: typeof callsign === 'string' ? callsign : null, status });
  }
  // Stable: reports of the same instant keep the timeline's order.
  return out.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/**
 * One row per unit the incident has had, in the order they were sent, then units that reported on it
 * unsent. A unit sent again after a release counts from its latest dispatch: an arrival on the earlier trip
 * is not this one's.
 */
export function unitProgress(
  assignments: readonly UnitAssignment[],
  timeline: readonly IncidentTimelineEntry[],
): UnitProgress[] {
  const rows = new Map<string, UnitProgress>();
  const sorted = [...assignments].sort((a, b) => Date.parse(a.dispatchedAt) - Date.parse(b.dispatchedAt));
  for (const a of sorted) {
    // A later assignment of the same unit replaces the earlier one, keeping the row where it first came.
    rows.set(a.unitId, {
      unitId: a.unitId,
      callsign: null,
      dispatchedAt: a.dispatchedAt,
      enRouteAt: null,
      onSceneAt: null,
      releasedAt: a.releasedAt,
      lastStatus: null,
    });
  }
  for (const r of reportsOf(timeline)) {
    let row = rows.get(r.unitId);
    if (!row) {
      row = {
        unitId: r.unitId,
        callsign: null,
        dispatchedAt: null,
        enRouteAt: null,
        onSceneAt: null,
        releasedAt: null,
        lastStatus: null,
      };
      rows.set(r.unitId, row);
    }
    row.callsign = r.callsign ?? row.callsign;
    if (row.dispatchedAt && Date.parse(r.at) < Date.parse(row.dispatchedAt)) continue;
    if (r.status === 'en-route' && !row.enRouteAt) row.enRouteAt = r.at;
    if (r.status === 'on-scene' && !row.onSceneAt) row.onSceneAt = r.at;
    row.lastStatus = r.status;
  }
  return [...rows.values()];
}
