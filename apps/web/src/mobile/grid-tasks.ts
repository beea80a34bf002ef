import type {
  DisputeStatus,
  DisputeSummary,
  GridFeatureCollection,
  Hazard,
  RosterEntry,
} from '@ronghui/contracts';
import { type GeoJSON, pointInPolygon } from '@ronghui/geo';

/**
 * 我的任务 on the grid worker's phone: the hazards they reported or that lie in their grid, and the disputes
 * they mediate, as one list with a deadline badge and the next step, the most pressing first. Pure: the
 * page gives it the lists and the time.
 */

const DAY_MS = 86_400_000;

/** 已超期 past the deadline, 临期 near it, 正常 otherwise, 无期限 with no deadline running yet. */
export type DeadlineBadge = 'overdue' | 'warning' | 'ok' | 'none';

export type HazardNextStep =
  | 'register'
  | 'dispatch'
  | 'start'
  | 'report-back'
  | 'verify'
  | 'close'
  | 'evaluate';
export type DisputeNextStep = 'first-meeting' | 'meeting-or-agreement' | 'follow-up' | 'close';

export interface GridTask {
  kind: 'hazard' | 'dispute';
  id: string;
  number: string;
  /** The hazard's or the dispute's kind (for its label). */
  type: string;
  status: string;
  description: string;
  dueAt: string | null;
  badge: DeadlineBadge;
  /** Whole days to the deadline (negative once past), or null without one. */
  daysLeft: number | null;
  /** The next step of the hazard's loop or the dispute's mediation. */
  next: HazardNextStep | DisputeNextStep;
  /** The next step is the caller's to take (a hazard's `actions` names it; a mediator's dispute is theirs). */
  mine: boolean;
  /** Disputes only: red / yellow / blue. */
  risk: string | null;
}

const HAZARD_NEXT: Record<string, HazardNextStep | null> = {
  reported: 'register',
  registered: 'dispatch',
  dispatched: 'start',
  handling: 'report-back',
  'reported-back': 'verify',
  verified: 'close',
  closed: 'evaluate',
  evaluated: null,
};

const DISPUTE_NEXT: Record<DisputeStatus, DisputeNextStep | null> = {
  registered: 'first-meeting',
  mediating: 'meeting-or-agreement',
  settled: 'follow-up',
  failed: 'follow-up',
  referred: 'follow-up',
  'followed-up': 'close',
  closed: null,
};

/** Whole days from now to the deadline, rounded towards the deadline (0.2 days left is 1, 0.2 past is -1). */
export function daysLeft(dueAt: string | null, now: number): number | null {
  if (!dueAt) return null;
  const ms = Date.parse(dueAt) - now;
  return ms >= 0 ? Math.ceil(ms / DAY_MS) : -Math.ceil(-ms / DAY_MS);
}

/** A hazard as a task, or null once its loop is done (evaluated). */
export function hazardTask(h: Hazard, now: number): GridTask | null {
  const next = HAZARD_NEXT[h.status] ?? null;
  if (!next) return null;
  // Closed and waiting only for the reporter's evaluation: a task only for whoever may evaluate.
  if (h.status === 'closed' && !h.actions.includes('evaluate')) return null;
  const settled = h.status === 'closed';
  const badge: DeadlineBadge = settled
    ? 'none'
    : h.overdue === 'overdue' || h.overdue === 'escalated'
      ? 'overdue'
      : h.overdue === 'warning'
        ? 'warning'
        : h.deadlineAt
          ? 'ok'
          : 'none';
  return {
    kind: 'hazard',
    id: h.id,
    number: h.number,
    type: h.kind,
    status: h.status,
    description: h.description,
    dueAt: settled ? null : h.deadlineAt,
    badge,
    daysLeft: settled ? null : daysLeft(h.deadlineAt, now),
    next,
    mine: h.actions.includes(next),
    risk: null,
  };
}

/** A dispute the caller mediates as a task, or null once it is closed. */
export function disputeTask(d: DisputeSummary, now: number): GridTask | null {
  const next = DISPUTE_NEXT[d.status];
  if (!next) return null;
  const open = d.status === 'registered' || d.status === 'mediating';
  return {
    kind: 'dispute',
    id: d.id,
    number: d.number,
    type: d.kind,
    status: d.status,
    description: d.description,
    dueAt: open ? d.dueAt : null,
    badge: !open ? 'none' : d.overdue ? 'overdue' : d.dueSoon ? 'warning' : 'ok',
    daysLeft: open ? daysLeft(d.dueAt, now) : null,
    next,
    mine: true,
    risk: d.risk,
  };
}

const BADGE_RANK: Record<DeadlineBadge, number> = { overdue: 0, warning: 1, ok: 2, none: 3 };
const RISK_RANK: Record<string, number> = { red: 0, yellow: 1, blue: 2 };

/**
 * The most pressing first: overdue, then near the deadline, then running, then without a deadline; within
 * one badge the earliest deadline first, then the caller's own next steps, then red disputes, then number.
 */
export function compareTasks(a: GridTask, b: GridTask): number {
  const due = a.dueAt && b.dueAt ? Date.parse(a.dueAt) - Date.parse(b.dueAt) : a.dueAt ? -1 : b.dueAt ? 1 : 0;
  return (
    BADGE_RANK[a.badge] - BADGE_RANK[b.badge] ||
    due ||
    Number(b.mine) - Number(a.mine) ||
    (RISK_RANK[a.risk ?? ''] ?? 3) - (RISK_RANK[b.risk ?? ''] ?? 3) ||
    a.number.localeCompare(b.number)
  );
}

/** 我的任务: hazards and mediated disputes as tasks, the most pressing first. */
export function gridTasks(
  hazards: readonly Hazard[],
  disputes: readonly DisputeSummary[],
  now: number,
): GridTask[] {
  const tasks = [
    ...hazards.map((h) => hazardTask(h, now)),
    ...disputes.map((d) => disputeTask(d, now)),
  ].filter((t): t is GridTask => t !== null);
  return tasks.sort(compareTasks);
}

/** The figures on top of 我的网格. */
export function gridFigures(hazards: readonly Hazard[], disputes: readonly DisputeSummary[]) {
  const openHazards = hazards.filter((h) => h.status !== 'closed' && h.status !== 'evaluated');
  return {
    openHazards: openHazards.length,
    overdueHazards: openHazards.filter((h) => h.overdue === 'overdue' || h.overdue === 'escalated').length,
    openDisputes: disputes.filter((d) => d.status === 'registered' || d.status === 'mediating').length,
    overdueDisputes: disputes.filter((d) => d.overdue).length,
  };
}

export type Position = { lon: number; lat: number };

/**
 * The worker's community grid: the one they are appointed to (a roster row with their account), else the
 * one the phone stands in, else none (the page then shows their police grid).
 */
export function myCommunityGrid(
  userId: string | undefined,
  roster: readonly RosterEntry[],
  grids: GridFeatureCollection | undefined,
  policeGridId: string,
  here: Position | null,
): string | null {
  const appointed = roster.find((r) => r.current && r.gridLayer === 'community' && r.userId === userId);
  if (appointed && userId) return appointed.gridId;
  if (!here || !grids) return null;
  const inside = grids.features.find(
    (f) =>
      f.properties.layer === 'community' &&
      f.properties.policeGridId === policeGridId &&
      pointInPolygon([here.lon, here.lat], f.geometry as unknown as GeoJSON.Polygon | GeoJSON.MultiPolygon),
  );
  return inside?.properties.id ?? null;
}
