import type { MyCallout } from '@ronghui/contracts';

/**
 * 一呼百应 on the volunteer's phone, the pure part: what state a call is shown in (the server's answer, or
 * the answer still waiting in the offline outbox), the order of the list, which call fills the screen, and
 * what a refused answer means.
 */

export type CalloutShown =
  /** 待响应: alerted, the call open, not answered yet. */
  | 'waiting'
  /** The answer waits in the outbox. */
  | 'sending'
  | 'accepted'
  | 'declined'
  | 'filled'
  | 'expired'
  | 'cancelled';

export type Answer = 'accept' | 'decline';

const answerUrl = /^\/api\/callouts\/([^/?#]+)\/(accept|decline)$/;

/** The call-out and the answer of an outbox write, or null for any other write. */
export function answerOf(url: string): { id: string; answer: Answer } | null {
  const m = answerUrl.exec(url);
  return m ? { id: decodeURIComponent(m[1]!), answer: m[2] as Answer } : null;
}

/** The answers waiting in the outbox, by call-out. */
export function queuedAnswers(pending: readonly { url: string }[]): Map<string, Answer> {
  const out = new Map<string, Answer>();
  for (const p of pending) {
    const a = answerOf(p.url);
    if (a) out.set(a.id, a.answer);
  }
  return out;
}

export function shownState(c: Pick<MyCallout, 'state' | 'status'>, queued: Answer | undefined): CalloutShown {
  switch (c.state) {
    case 'accepted':
    case 'declined':
    case 'filled':
    case 'expired':
    case 'cancelled':
      return c.state;
    default:
      // Alerted: the call may have closed before the phone heard of it.
      if (c.status !== 'open') return c.status;
      return queued ? 'sending' : 'waiting';
  }
}

const rank: Record<CalloutShown, number> = {
  waiting: 0,
  sending: 1,
  accepted: 2,
  declined: 3,
  filled: 3,
  expired: 3,
  cancelled: 3,
};

/** Open calls first (those to answer, then those answered), each group newest first. */
export function sortMine<T extends Pick<MyCallout, 'state' | 'status' | 'alertedAt' | 'id'>>(
  items: readonly T[],
  queued: ReadonlyMap<string, Answer>,
): T[] {
  const key = (c: T) => (c.status === 'open' ? rank[shownState(c, queued.get(c.id))] : 10);
  return [...items].sort((a, b) => key(a) - key(b) || b.alertedAt.localeCompare(a.alertedAt));
}

/** The call that fills the screen: the newest one waiting for an answer that was not put aside. */
export function alertToShow<T extends Pick<MyCallout, 'state' | 'status' | 'alertedAt' | 'id'>>(
  items: readonly T[],
  queued: ReadonlyMap<string, Answer>,
  later: ReadonlySet<string>,
): T | null {
  return (
    sortMine(items, queued).find((c) => shownState(c, queued.get(c.id)) === 'waiting' && !later.has(c.id)) ??
    null
  );
}

/**
 * Why the server refused an answer: 409 "filled" (enough volunteers accepted first: thank them, do not try
 * again), another 409 (the call ended or was answered already), or anything else.
 */
export function refusalKind(problem: {
  status: number;
  detail: string | null;
}): 'filled' | 'closed' | 'refused' {
  if (problem.status !== 409) return 'refused';
  return /\bfilled\b/i.test(problem.detail ?? '') ? 'filled' : 'closed';
}
