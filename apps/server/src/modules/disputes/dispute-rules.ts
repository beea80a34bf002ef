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

/** Counts by risk, kind and status, the outcome, and the success and on-time rates of concluded disputes. */
export function computeStats(rows: readonly StatsRow[], now: Date, year: number | null): DisputeStats {
  const byRisk = { red: 0, yellow: 0, blue: 0 };
  const byKind: Record<string, number> = Object.fromEntries(DISPUTE_KINDS.map((k) => [k, 0]));
  const byStatus: Record<string, number> = Object.fromEntries(DISPUTE_STATUSES.map((s) => [s, 0]));
  let settled = 0;
  let referred = 0;
  let failed = 0;
  let open = 0;
  let overdue = 0;
  let onTime = 0;
  for (const r of rows) {
    if (r.risk === 'red' || r.risk === 'yellow' || r.risk === 'blue') byRisk[r.risk] += 1;
    byKind[r.kind] = (byKind[r.kind] ?? 0) + 1;
    byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
    if (isOpen(r.status)) {
      open += 1;
      if (now > r.dueAt) overdue += 1;
      continue;
    }
    if (r.settled) settled += 1;
    else if (r.referred) referred += 1;
    else failed += 1;
    if (r.concludedAt && r.concludedAt <= r.dueAt) onTime += 1;
  }
  const concluded = settled + referred + failed;
  return {
    year,
    total: rows.length,
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
