import { type BackoffPolicy, backoffDelay, defaultBackoff } from './backoff.ts';
import {
  type OutboxDb,
  openOutboxDb,
  type RefusalProblem,
  type RefusedWrite,
  type SentWrite,
  type StoredWrite,
  type WriteMethod,
} from './outbox-db.ts';
import { fetchSend, type OutboxAnswer, type OutboxSend } from './send.ts';

export interface OutboxWrite {
  method: WriteMethod;
  /** The full path, e.g. `/api/incidents`. */
  url: string;
  body?: unknown;
  /** What the user sees in the list of writes waiting to be sent ("到场反馈 F350526…"). */
  label: string;
}

/** A write waiting to be sent, as the user sees it. */
export interface PendingEntry {
  id: number;
  label: string;
  method: WriteMethod;
  url: string;
  createdAt: string;
  attempts: number;
  lastError: string | null;
}

/** A write the server refused (400/403/404/409/422 …): kept until the user discards or edits it. */
export interface RefusedEntry extends PendingEntry {
  body: unknown;
  refusedAt: string;
  problem: RefusalProblem;
}

export interface SentEntry {
  id: number;
  label: string;
  sentAt: string;
  status: number;
  answer: unknown;
}

export interface OutboxState {
  /** False until the stored queue has been read. */
  loaded: boolean;
  pending: readonly PendingEntry[];
  refused: readonly RefusedEntry[];
  /** The last writes the server accepted, newest first. */
  sent: readonly SentEntry[];
  sending: boolean;
  online: boolean;
  /** The server answered 401: nothing is sent until the user signs in again and `flush()` is called. */
  needsSignIn: boolean;
  /** When the next automatic try is due (ISO), or null. */
  nextRetryAt: string | null;
}

export type FlushOutcome =
  /** The queue is empty. */
  | 'done'
  /** A network error or 408/429/5xx: the rest waits for the back-off. */
  | 'retrying'
  /** 401. */
  | 'needsSignIn'
  /** The browser says it is offline. */
  | 'offline'
  /** Another tab is sending this queue right now. */
  | 'busy'
  | 'closed';

export interface FlushResult {
  outcome: FlushOutcome;
  sent: number;
  refused: number;
}

export interface OutboxTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The part of the Web Locks API the outbox uses. */
export interface OutboxLocks {
  request<T>(
    name: string,
    options: { ifAvailable: true },
    callback: (lock: unknown) => Promise<T>,
  ): Promise<T>;
}

export interface OutboxOptions {
  /** Names the IndexedDB database: one outbox per name and browser profile. */
  name: string;
  send?: OutboxSend;
  /** Milliseconds since the epoch. */
  now?: () => number;
  /** Whether the browser thinks it is online (default `navigator.onLine`). */
  online?: () => boolean;
  /** Where `online` / `offline` events arrive (default `window`). */
  events?: EventTarget | null;
  timers?: OutboxTimers;
  /** Web Locks (default `navigator.locks`); null → the IndexedDB lease. */
  locks?: OutboxLocks | null;
  random?: () => number;
  backoff?: BackoffPolicy;
  /** The periodic try while anything is queued. */
  periodMs?: number;
  /** How long a tab's flush lease lasts without renewal (IndexedDB lease only). */
  leaseMs?: number;
  /** How many accepted writes the "sent" history keeps. */
  sentHistory?: number;
}

export interface Outbox {
  /** Stores the write with a fresh Idempotency-Key and its place in the queue; returns its id. */
  enqueue(write: OutboxWrite): Promise<number>;
  /** Sends the queue in order, one write at a time. A call while a flush runs waits for it. */
  flush(): Promise<FlushResult>;
  /** Forgets a refused write. */
  discard(id: number): Promise<void>;
  /** Queues a refused write again (edited body or not) under a fresh key; returns the new id. */
  resubmit(id: number, body?: unknown): Promise<number>;
  getState(): OutboxState;
  subscribe(listener: () => void): () => void;
  /** Resolves once the stored queue has been read. */
  ready: Promise<void>;
  /** Stops timers and listeners and closes the database. */
  close(): void;
}

const globalNavigator = (): Navigator | undefined =>
  typeof navigator === 'undefined' ? undefined : navigator;

function problemOf(status: number, body: unknown): RefusalProblem {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
  const errors = Array.isArray(b.errors)
    ? b.errors
        .filter((e): e is Record<string, unknown> => !!e && typeof e === 'object')
        .map((e) => ({ path: String(e.path ?? ''), message: String(e.message ?? '') }))
    : [];
  return { status, title: text(b.title), detail: text(b.detail), errors };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message || error.name : String(error);
}

type Verdict = 'sent' | 'retry' | 'signIn' | 'refused';

function verdictOf(status: number): Verdict {
  if (status >= 200 && status < 300) return 'sent';
  if (status === 401) return 'signIn';
  if (status === 408 || status === 429 || status >= 500) return 'retry';
  if (status >= 400) return 'refused';
  // 1xx/3xx should never reach here (fetch follows redirects): try again later rather than lose it.
  return 'retry';
}

const pendingView = (w: StoredWrite): PendingEntry => ({
  id: w.seq!,
  label: w.label,
  method: w.method,
  url: w.url,
  createdAt: w.createdAt,
  attempts: w.attempts,
  lastError: w.lastError,
});

export function createOutbox(options: OutboxOptions): Outbox {
  const db: OutboxDb = openOutboxDb(options.name);
  const send = options.send ?? fetchSend;
  const now = options.now ?? (() => Date.now());
  const isOnline = options.online ?? (() => globalNavigator()?.onLine ?? true);
  const events =
    options.events === undefined ? (typeof window === 'undefined' ? null : window) : options.events;
  const timers: OutboxTimers = options.timers ?? {
    setTimeout: (cb, ms) => globalThis.setTimeout(cb, ms),
    clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
  };
  const locks: OutboxLocks | null =
    options.locks === undefined
      ? ((globalNavigator()?.locks as unknown as OutboxLocks | undefined) ?? null)
      : options.locks;
  const random = options.random ?? Math.random;
  const backoff = options.backoff ?? defaultBackoff;
  const periodMs = options.periodMs ?? 30_000;
  const leaseMs = options.leaseMs ?? 60_000;
  const sentHistory = options.sentHistory ?? 20;
  const lockName = `ronghui-outbox:${options.name}`;
  const owner = crypto.randomUUID();

  let state: OutboxState = {
    loaded: false,
    pending: [],
    refused: [],
    sent: [],
    sending: false,
    online: isOnline(),
    needsSignIn: false,
    nextRetryAt: null,
  };
  const listeners = new Set<() => void>();
  let closed = false;
  let failures = 0;
  let timer: unknown = null;
  let running: Promise<FlushResult> | null = null;
  let again = false;

  const setState = (patch: Partial<OutboxState>) => {
    state = { ...state, ...patch };
    for (const listener of [...listeners]) listener();
  };

  const refresh = async () => {
    if (closed) return;
    const [pending, refused, sent] = await Promise.all([
      db.pending.orderBy('seq').toArray(),
      db.refused.orderBy('seq').toArray(),
      db.sent.orderBy('seq').reverse().toArray(),
    ]);
    if (closed) return;
    setState({
      loaded: true,
      pending: pending.map(pendingView),
      refused: refused.map((r) => ({
        ...pendingView(r),
        body: r.body,
        refusedAt: r.refusedAt,
        problem: r.problem,
      })),
      sent: sent.map((s) => ({
        id: s.seq,
        label: s.label,
        sentAt: s.sentAt,
        status: s.status,
        answer: s.answer,
      })),
    });
  };

  const schedule = (ms: number | null) => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    if (ms === null || closed) {
      if (state.nextRetryAt !== null) setState({ nextRetryAt: null });
      return;
    }
    timer = timers.setTimeout(() => {
      timer = null;
      if (state.needsSignIn) return;
      void flush().catch(() => {});
    }, ms);
    setState({ nextRetryAt: new Date(now() + ms).toISOString() });
  };

  /** IndexedDB lease for browsers without Web Locks: taken or renewed in one transaction. */
  const takeLease = () =>
    db.transaction('rw', db.lease, async () => {
      const lease = await db.lease.get('flush');
      if (lease && lease.owner !== owner && lease.until > now()) return false;
      await db.lease.put({ name: 'flush', owner, until: now() + leaseMs });
      return true;
    });
  const dropLease = () =>
    db.transaction('rw', db.lease, async () => {
      const lease = await db.lease.get('flush');
      if (lease?.owner === owner) await db.lease.delete('flush');
    });

  /** Moves the head write out of the queue according to the server's answer, in one transaction. */
  const settle = async (head: StoredWrite, verdict: Verdict, answer: OutboxAnswer) => {
    const at = new Date(now()).toISOString();
    if (verdict === 'sent') {
      await db.transaction('rw', db.pending, db.sent, async () => {
        await db.pending.delete(head.seq!);
        await db.sent.put({
          seq: head.seq!,
          idempotencyKey: head.idempotencyKey,
          method: head.method,
          url: head.url,
          label: head.label,
          createdAt: head.createdAt,
          sentAt: at,
          status: answer.status,
          answer: answer.body,
        } satisfies SentWrite);
        const keys = await db.sent.orderBy('seq').primaryKeys();
        if (keys.length > sentHistory) await db.sent.bulkDelete(keys.slice(0, keys.length - sentHistory));
      });
    } else {
      await db.transaction('rw', db.pending, db.refused, async () => {
        await db.pending.delete(head.seq!);
        await db.refused.put({
          ...(head as Required<StoredWrite>),
          refusedAt: at,
          problem: problemOf(answer.status, answer.body),
          answer: answer.body,
        } satisfies RefusedWrite);
      });
    }
  };

  /** One pass over the queue, under the lock. */
  const drain = async (holdsLease: boolean): Promise<FlushResult> => {
    const result: FlushResult = { outcome: 'done', sent: 0, refused: 0 };
    while (!closed) {
      if (holdsLease && !(await takeLease())) return { ...result, outcome: 'busy' };
      const head = await db.pending.orderBy('seq').first();
      if (!head) return result;
      // The attempt is counted before the write leaves: a crash after this point sends it again with the
      // same key, and the server answers with what it stored.
      await db.pending.update(head.seq!, { attempts: head.attempts + 1 });
      let answer: OutboxAnswer;
      try {
        answer = await send({
          id: head.seq!,
          method: head.method,
          url: head.url,
          body: head.body,
          idempotencyKey: head.idempotencyKey,
        });
      } catch (error) {
        await db.pending.update(head.seq!, { lastError: errorText(error) });
        return { ...result, outcome: 'retrying' };
      }
      const verdict = verdictOf(answer.status);
      if (verdict === 'sent' || verdict === 'refused') {
        await settle(head, verdict, answer);
        if (verdict === 'sent') result.sent++;
        else result.refused++;
        await refresh();
        continue;
      }
      await db.pending.update(head.seq!, { lastError: `HTTP ${answer.status}` });
      return { ...result, outcome: verdict === 'signIn' ? 'needsSignIn' : 'retrying' };
    }
    return { ...result, outcome: 'closed' };
  };

  const locked = async (): Promise<FlushResult> => {
    if (locks) {
      return locks.request(lockName, { ifAvailable: true }, async (lock) =>
        lock ? drain(false) : { outcome: 'busy' as const, sent: 0, refused: 0 },
      );
    }
    if (!(await takeLease())) return { outcome: 'busy', sent: 0, refused: 0 };
    try {
      return await drain(true);
    } finally {
      await dropLease().catch(() => {});
    }
  };

  const pass = async (): Promise<FlushResult> => {
    if (closed) return { outcome: 'closed', sent: 0, refused: 0 };
    if (!isOnline()) {
      setState({ online: false });
      return { outcome: 'offline', sent: 0, refused: 0 };
    }
    setState({ sending: true, online: true, needsSignIn: false });
    let result: FlushResult;
    try {
      result = await locked();
    } finally {
      if (!closed) setState({ sending: false });
    }
    if (closed) return result;
    await refresh();
    if (result.outcome === 'needsSignIn') setState({ needsSignIn: true });
    if (result.outcome === 'retrying') failures++;
    else if (result.outcome !== 'busy') failures = 0;
    if (result.outcome === 'needsSignIn' || result.outcome === 'offline' || state.pending.length === 0) {
      schedule(null);
    } else if (result.outcome === 'retrying') {
      schedule(backoffDelay(failures, backoff, random));
    } else {
      schedule(periodMs);
    }
    return result;
  };

  function flush(): Promise<FlushResult> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let result: FlushResult;
      do {
        again = false;
        result = await pass();
      } while (again && result.outcome === 'done');
      return result;
    })().finally(() => {
      running = null;
    });
    return running;
  }

  const onOnline = () => {
    setState({ online: true });
    failures = 0;
    void flush().catch(() => {});
  };
  const onOffline = () => setState({ online: false });
  events?.addEventListener('online', onOnline);
  events?.addEventListener('offline', onOffline);

  const ready = refresh().then(() => {
    if (state.pending.length > 0) schedule(periodMs);
  });

  return {
    ready,
    async enqueue(write) {
      const seq = await db.pending.add({
        idempotencyKey: crypto.randomUUID(),
        method: write.method,
        url: write.url,
        body: write.body,
        label: write.label,
        createdAt: new Date(now()).toISOString(),
        attempts: 0,
        lastError: null,
      });
      await refresh();
      if (timer === null && !state.needsSignIn) schedule(0);
      return seq as number;
    },
    flush,
    async discard(id) {
      await db.refused.delete(id);
      await refresh();
    },
    async resubmit(id, body) {
      const refused = await db.refused.get(id);
      if (!refused) throw new Error(`No refused write ${id}`);
      const seq = await db.transaction('rw', db.pending, db.refused, async () => {
        await db.refused.delete(id);
        return db.pending.add({
          idempotencyKey: crypto.randomUUID(),
          method: refused.method,
          url: refused.url,
          body: body === undefined ? refused.body : body,
          label: refused.label,
          createdAt: new Date(now()).toISOString(),
          attempts: 0,
          lastError: null,
        });
      });
      await refresh();
      if (timer === null && !state.needsSignIn) schedule(0);
      return seq as number;
    },
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      closed = true;
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
      events?.removeEventListener('online', onOnline);
      events?.removeEventListener('offline', onOffline);
      listeners.clear();
      db.close();
    },
  };
}
