import type { ServiceCase, ServiceHall } from '../../api/services-api.ts';

/** 5 非常满意 … 1 非常不满意, best first as the citizen reads them. */
export const RATING_LEVELS = [5, 4, 3, 2, 1] as const;

/** A date `YYYY-MM-DD` in Beijing time. */
export function shanghaiDate(at: Date | number): string {
  return new Date(new Date(at).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** `HH:mm` of an instant in Beijing time. */
export function shanghaiHhmm(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(11, 16);
}

/** Adds whole days to a `YYYY-MM-DD` date. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** A rate 0…1 as a percentage with one decimal, or a dash when there is nothing to rate. */
export function percent(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`;
}

/** Seconds as whole minutes (rounded up: a wait under a minute still shows 1). */
export function minutes(seconds: number | null | undefined): string {
  return seconds === null || seconds === undefined ? '—' : String(Math.max(0, Math.ceil(seconds / 60)));
}

/** An open case's deadline state on `today`: past it, on or after its warning day, or neither. */
export function dueState(c: Pick<ServiceCase, 'status' | 'overdue' | 'warnOn' | 'deadline'>, today: string) {
  if (c.status !== 'accepted' && c.status !== 'processing') return null;
  if (c.overdue || c.deadline < today) return 'overdue' as const;
  if (c.warnOn <= today) return 'due-soon' as const;
  return null;
}

/** What the calling screen says: the number and the counter, as a Mandarin voice reads them. */
export function callSpeech(number: string, counterName: string): string {
  return `请 ${number} 号到 ${counterName}办理`;
}

export interface BoardCall {
  seq: number;
  number: string;
  counterName: string;
}

/** The calls newer than the last one spoken, oldest first (a screen speaks each once). */
export function unspokenCalls<T extends BoardCall>(calls: readonly T[], lastSpoken: number): T[] {
  return calls.filter((c) => c.seq > lastSpoken).sort((a, b) => a.seq - b.seq);
}

/**
 * The halls a user may work in: a station's staff see their station's own halls; county staff (or a
 * station without a hall) see them all.
 */
export function hallsFor(halls: readonly ServiceHall[], scopeOrgId: string | undefined): ServiceHall[] {
  const own = halls.filter((h) => h.orgId === scopeOrgId && !h.centre);
  return own.length > 0 ? own : [...halls];
}

const TOKEN_KEY = 'ronghui.services.booking.';

/** The phone keeps each booking's manage token; the server shows it once. */
export const bookingTokens = {
  save(reference: string, token: string): void {
    try {
      localStorage.setItem(TOKEN_KEY + reference, token);
    } catch {
      // A private window without storage: the booking still stands, only managing it needs the SMS.
    }
  },
  load(reference: string): string | null {
    try {
      return localStorage.getItem(TOKEN_KEY + reference);
    } catch {
      return null;
    }
  },
};
