import {
  type GridCollectionFigures,
  type GridHazardFigures,
  type GridWorkerActivity,
  HAZARD_KINDS,
  HAZARD_STATES,
  type RosterCounts,
} from '@ronghui/contracts';

/** Hazards counted in SQL: one row per (unit, state, kind, lateness). */
export interface HazardGroup {
  key: string | null;
  status: string;
  kind: string;
  overdue: string;
  n: number;
}

const SETTLED = new Set(['closed', 'evaluated']);

/** The hazard figures of a set of groups: by state, by kind, open, overdue and escalated (open only). */
export function hazardFigures(groups: readonly Omit<HazardGroup, 'key'>[]): GridHazardFigures {
  const byState: Record<string, number> = Object.fromEntries(HAZARD_STATES.map((s) => [s, 0]));
  const byKind: Record<string, number> = Object.fromEntries(HAZARD_KINDS.map((k) => [k, 0]));
  const out = { total: 0, byState, byKind, open: 0, overdue: 0, escalated: 0 };
  for (const g of groups) {
    out.total += g.n;
    byState[g.status] = (byState[g.status] ?? 0) + g.n;
    byKind[g.kind] = (byKind[g.kind] ?? 0) + g.n;
    if (SETTLED.has(g.status)) continue;
    out.open += g.n;
    if (g.overdue === 'overdue' || g.overdue === 'escalated') out.overdue += g.n;
    if (g.overdue === 'escalated') out.escalated += g.n;
  }
  return out;
}

/** The summary key of each "1+2+N" role. */
const ROSTER_KEY: Record<string, Exclude<keyof RosterCounts, 'total'>> = {
  'community-officer': 'communityOfficer',
  auxiliary: 'auxiliary',
  assistant: 'assistant',
  'full-time': 'fullTime',
  'part-time': 'partTime',
  'village-cadre': 'villageCadre',
  volunteer: 'volunteer',
};

export function rosterFigures(groups: readonly { role: string; n: number }[]): RosterCounts {
  const out: RosterCounts = {
    communityOfficer: 0,
    auxiliary: 0,
    assistant: 0,
    fullTime: 0,
    partTime: 0,
    villageCadre: 0,
    volunteer: 0,
    total: 0,
  };
  for (const g of groups) {
    const key = ROSTER_KEY[g.role];
    if (!key) continue;
    out[key] += g.n;
    out.total += g.n;
  }
  return out;
}

/**
 * The most active people: hazards they reported plus the mediation meetings and follow-up visits they
 * logged, merged by name, most first (ties by name), at most `top`.
 */
export function topWorkers(
  reporters: readonly { name: string; n: number }[],
  mediation: readonly { name: string; kind: string; n: number }[],
  top: number,
): GridWorkerActivity[] {
  const byName = new Map<string, GridWorkerActivity>();
  const get = (name: string) => {
    let w = byName.get(name);
    if (!w) {
      w = { name, hazardsReported: 0, meetings: 0, followUps: 0, total: 0 };
      byName.set(name, w);
    }
    return w;
  };
  for (const r of reporters) get(r.name).hazardsReported += r.n;
  for (const m of mediation) {
    if (m.kind === 'meeting') get(m.name).meetings += m.n;
    else if (m.kind === 'follow-up') get(m.name).followUps += m.n;
  }
  return [...byName.values()]
    .map((w) => ({ ...w, total: w.hazardsReported + w.meetings + w.followUps }))
    .sort((a, b) => b.total - a.total || a.name.localeCompare(b.name, 'zh-CN'))
    .slice(0, top);
}

/** The registry's collections of a unit: the sum over its grids (null without a registry). */
export function collectionsOf(
  counts: ReadonlyMap<string, GridCollectionFigures> | null,
  gridIds: Iterable<string>,
): GridCollectionFigures | null {
  if (!counts) return null;
  const out = { collected: 0, verified: 0 };
  for (const id of gridIds) {
    const c = counts.get(id);
    if (!c) continue;
    out.collected += c.collected;
    out.verified += c.verified;
  }
  return out;
}

/** Groups by key: the rows of each key, for rolling up per child unit. */
export function byKey<T extends { key: string | null }>(rows: readonly T[]): Map<string | null, T[]> {
  const out = new Map<string | null, T[]>();
  for (const r of rows) {
    const list = out.get(r.key);
    if (list) list.push(r);
    else out.set(r.key, [r]);
  }
  return out;
}
