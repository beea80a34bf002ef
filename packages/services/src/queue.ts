/** A display ticket number: group prefix and a 3-digit sequence, growing to 4 digits past 999. */
export function ticketNumber(prefix: string, seq: number): string {
  if (!Number.isInteger(seq) || seq < 1)
    throw new RangeError(`ticket sequence must be a whole number ≥ 1, not ${seq}`);
  return `${prefix}${String(seq).padStart(3, '0')}`;
}

/** Queue priorities: an expedited case, an appointment kept on time, a walk-in. */
export const PRIORITY = { expedited: 2, appointment: 1, walkIn: 0 } as const;

export interface QueueTicket {
  id: string;
  group: string;
  itemCodes: string[];
  priority: number;
  /** ISO 8601 instant. */
  issuedAt: string;
  /** The counter this ticket was transferred to, if any. */
  transferredTo?: string | null;
}

export interface CounterServes {
  id: string;
  /** null = a general counter (综合窗口) that serves every item. */
  itemCodes: string[] | null;
}

function before(a: QueueTicket, b: QueueTicket): number {
  return (
    b.priority - a.priority ||
    Date.parse(a.issuedAt) - Date.parse(b.issuedAt) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

function best(tickets: QueueTicket[]): QueueTicket | null {
  return tickets.length === 0 ? null : tickets.reduce((a, b) => (before(a, b) <= 0 ? a : b));
}

/**
 * The ticket a counter calls next: tickets transferred to it come first; otherwise a ticket not
 * transferred elsewhere whose every item the counter serves. Higher priority first, then earliest.
 */
export function nextTicket(waiting: readonly QueueTicket[], counter: CounterServes): QueueTicket | null {
  const transferred = best(waiting.filter((t) => t.transferredTo === counter.id));
  if (transferred) return transferred;
  const serves = counter.itemCodes === null ? null : new Set(counter.itemCodes);
  return best(
    waiting.filter((t) => !t.transferredTo && (serves === null || t.itemCodes.every((c) => serves.has(c)))),
  );
}

/** Service time assumed when a hall has no history yet. */
export const DEFAULT_SERVICE_SECONDS = 300;

/**
 * Expected wait in seconds for the ticket at `position` (1 = next to be called): the median of
 * recent service times for each round of openCounters tickets ahead of and including it.
 */
export function estimateWait(
  position: number,
  openCounters: number,
  recentServiceSeconds: readonly number[],
): number {
  if (!Number.isInteger(position) || position < 0)
    throw new RangeError(`queue position must be a whole number ≥ 0, not ${position}`);
  if (!Number.isInteger(openCounters) || openCounters < 1)
    throw new RangeError(`open counters must be a whole number ≥ 1, not ${openCounters}`);
  const times = recentServiceSeconds.filter((s) => Number.isFinite(s) && s > 0).sort((a, b) => a - b);
  const mid = times.length >> 1;
  const median =
    times.length === 0
      ? DEFAULT_SERVICE_SECONDS
      : times.length % 2
        ? (times[mid] as number)
        : ((times[mid - 1] as number) + (times[mid] as number)) / 2;
  return Math.round(median * Math.ceil(position / openCounters));
}
