/** 重点关爱对象: people who need visits, how often, and who is due when. */

export const RESIDENT_KINDS = ['elderly-alone', 'bedridden', 'disabled', 'fraud-target'] as const;
export type ResidentKind = (typeof RESIDENT_KINDS)[number];

export const RESIDENT_KIND_NAMES: Record<ResidentKind, string> = {
  'elderly-alone': '独居老人',
  bedridden: '卧床',
  disabled: '残疾',
  'fraud-target': '近期受骗或被骗未遂',
};

/** Days between visits for each kind (local rule); a person of several kinds is visited at the shortest. */
export const VISIT_INTERVAL_DAYS: Record<ResidentKind, number> = {
  'elderly-alone': 30,
  bedridden: 14,
  disabled: 30,
  'fraud-target': 7,
};

export function visitInterval(kinds: readonly ResidentKind[]): number {
  if (kinds.length === 0) return 90;
  return Math.min(...kinds.map((k) => VISIT_INTERVAL_DAYS[k]));
}

const DAY_MS = 86_400_000;
const dayNo = (d: string) => Date.parse(`${d}T00:00:00Z`) / DAY_MS;
const dateOf = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  return dateOf(dayNo(date) + days);
}

/** The day a resident's next visit is due: the last visit plus the interval, or today if never visited. */
export function nextVisitDue(
  kinds: readonly ResidentKind[],
  lastVisitOn: string | null,
  today: string,
): string {
  return lastVisitOn ? addDays(lastVisitOn, visitInterval(kinds)) : today;
}

export interface PlanResident {
  id: string;
  officerId: string | null;
  kinds: readonly ResidentKind[];
  /** The last visit done (YYYY-MM-DD), null when never. */
  lastVisitOn: string | null;
  /** A visit already planned and not yet done (YYYY-MM-DD). */
  plannedFor?: string | null;
}

export interface PlanEntry {
  residentId: string;
  officerId: string | null;
  dueOn: string;
  /** Days past due at `today` (0 when due today or later). */
  daysOverdue: number;
  planned: boolean;
}

/**
 * Who is due a visit within `horizonDays` of `today`, per officer, earliest first. A resident with a
 * planned visit is due on that day; otherwise on the day their interval runs out.
 */
export function buildVisitPlan(
  residents: readonly PlanResident[],
  today: string,
  horizonDays: number,
): Map<string | null, PlanEntry[]> {
  const end = addDays(today, horizonDays);
  const out = new Map<string | null, PlanEntry[]>();
  for (const r of residents) {
    const dueOn = r.plannedFor ?? nextVisitDue(r.kinds, r.lastVisitOn, today);
    if (dueOn > end) continue;
    const entry: PlanEntry = {
      residentId: r.id,
      officerId: r.officerId,
      dueOn,
      daysOverdue: Math.max(0, dayNo(today) - dayNo(dueOn)),
      planned: Boolean(r.plannedFor),
    };
    const list = out.get(r.officerId) ?? [];
    list.push(entry);
    out.set(r.officerId, list);
  }
  for (const list of out.values())
    list.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.residentId.localeCompare(b.residentId));
  return out;
}
