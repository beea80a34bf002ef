import {
  DISPUTE_KINDS,
  DISPUTE_LIMIT_DAYS,
  DISPUTE_STATUSES,
  DISPUTE_WARN_DAYS,
  type DisputeStats,
  type DisputeStatus,
} from '@ronghui/contracts';

const DAY_MS = 86_400_000;

/** Which status may follow which (agreements and follow-up visits have their own routes). */
const NEXT: Readonly<Record<DisputeStatus, readonly DisputeStatus[]>> = {
  registered: ['mediating', 'referred'],
  mediating: ['settled', 'failed', 'referred'],
  settled: ['followed-up', 'closed'],
  failed: ['referred', 'followed-up', 'closed'],
  referred: ['followed-up', 'closed'],
  'followed-up': ['followed-up', 'closed'],
  closed: [],
};

export function canMove(from: DisputeStatus, to: DisputeStatus): boolean {
  return NEXT[from].includes(to);
}

/** Still being mediated: the one-month clock runs. */
export function isOpen(status: DisputeStatus): boolean {
  return status === 'registered' || status === 'mediating';
}

/** The one-month limit of people's mediation, from registration. */
export function dueAt(registeredAt: Date): Date {
  return new Date(registeredAt.getTime() + DISPUTE_LIMIT_DAYS * DAY_MS);
}

export interface ClockFlags {
  dueSoon: boolean;
  overdue: boolean;
}

/** Open and past the limit: overdue; open within 7 days of it: due soon. */
export function clockFlags(row: { status: DisputeStatus; dueAt: Date }, now: Date): ClockFlags {
  if (!isOpen(row.status)) return { dueSoon: false, overdue: false };
  const left = row.dueAt.getTime() - now.getTime();
  return { overdue: left < 0, dueSoon: left >= 0 && left <= DISPUTE_WARN_DAYS * DAY_MS };
}

/** The figures of one row that the statistics need. */
export interface StatsRow {
  kind: string;
  risk: string;
  status: DisputeStatus;
  dueAt: Date;
  concludedAt: Date | null;
  settled: boolean;
  referred: boolean;
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : Math.round((a / b) * 10_000) / 10_000);

/**
 * A group of disputes alike in everything the statistics count: the repository counts these in SQL
 * (`statsBuckets`), so the figures never need every row.
 */
export interface StatsBucket {
  kind: string;
  risk: string;
  status: DisputeStatus;
  settled: boolean;
  referred: boolean;
  /** Concluded on or before the one-month limit. */
  onTime: boolean;
  /** The limit has passed (counts only while the dispute is open). */
  pastDue: boolean;
  n: number;
}

/** Counts by risk, kind and status, the outcome, and the success and on-time rates of concluded disputes. */
export function computeStats(rows: readonly StatsRow[], now: Date, year: number | null): DisputeStats {
  return statsFromBuckets(
    rows.map((r) => ({
      kind: r.kind,
      risk: r.risk,
      status: r.status,
      settled: r.settled,
      referred: r.referred,
      onTime: r.concludedAt !== null && r.concludedAt <= r.dueAt,
      pastDue: now > r.dueAt,
      n: 1,
    })),
    year,
  );
}

/**
 * The one definition of the dispute figures (`GET /api/disputes/stats` and the grid statistics): success
 * rate = settled ÷ concluded, on-time rate = concluded within the limit ÷ concluded.
 */
export function statsFromBuckets(buckets: readonly StatsBucket[], year: number | null): DisputeStats {
  const byRisk = { red: 0, yellow: 0, blue: 0 };
  const byKind: Record<string, number> = Object.fromEntries(DISPUTE_KINDS.map((k) => [k, 0]));
  const byStatus: Record<string, number> = Object.fromEntries(DISPUTE_STATUSES.map((s) => [s, 0]));
  let total = 0;
  let settled = 0;
  let referred = 0;
  let failed = 0;
  let open = 0;
  let overdue = 0;
  let onTime = 0;
  for (const r of buckets) {
    const n = r.n;
    total += n;
    if (r.risk === 'red' || r.risk === 'yellow' || r.risk === 'blue') byRisk[r.risk] += n;
    byKind[r.kind] = (byKind[r.kind] ?? 0) + n;
    byStatus[r.status] = (byStatus[r.status] ?? 0) + n;
    if (isOpen(r.status)) {
      open += n;
      if (r.pastDue) overdue += n;
      continue;
    }
    if (r.settled) settled += n;
    else if (r.referred) referred += n;
    else failed += n;
    if (r.onTime) onTime += n;
  }
  const concluded = settled + referred + failed;
  return {
    year,
    total,
    byRisk,
    byKind,
    byStatus,
    settled,
    failed,
    referred,
    open,
    overdue,
    successRate: ratio(settled, concluded),
    onTimeRate: ratio(onTime, concluded),
  };
}

/** The first instant of a year in China time (UTC+8, no daylight saving). */
export function chinaYearStart(year: number): Date {
  return new Date(Date.UTC(year, 0, 1) - 8 * 3_600_000);
}
