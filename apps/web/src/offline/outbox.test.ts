import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.ts';
import { createOutbox, type Outbox, type OutboxLocks, type OutboxOptions } from './outbox.ts';
import type { OutboxAnswer, OutboxRequest, OutboxSend } from './send.ts';

/** A server that honours Idempotency-Key as Ronghui's does: replay on the same body, 409 on another. */
function fakeServer() {
  const stored = new Map<string, { body: string; answer: OutboxAnswer }>();
  const applied: unknown[] = [];
  const received: OutboxRequest[] = [];
  const handle = (request: OutboxRequest): OutboxAnswer => {
    received.push(request);
    const body = JSON.stringify(request.body);
    const previous = stored.get(request.idempotencyKey);
    if (previous) {
      return previous.body === body
        ? { ...previous.answer, status: 200 }
        : { status: 409, body: { title: 'Conflict', status: 409, detail: 'key reused' } };
    }
    applied.push(request.body);
    const answer = { status: 201, body: { n: applied.length } };
    stored.set(request.idempotencyKey, { body, answer });
    return answer;
  };
  return { stored, applied, received, handle };
}

/** Timers that only record: a test fires them itself. */
function fakeTimers() {
  const scheduled: { ms: number; callback: () => void; cleared: boolean }[] = [];
  return {
    scheduled,
    timers: {
      setTimeout: (callback: () => void, ms: number) => {
        const t = { ms, callback, cleared: false };
        scheduled.push(t);
        return t;
      },
      clearTimeout: (handle: unknown) => {
        (handle as { cleared: boolean }).cleared = true;
      },
    },
  };
}

let dbCounter = 0;
const open: Outbox[] = [];
afterEach(() => {
  for (const o of open.splice(0)) o.close();
});

function setup(send: OutboxSend, extra: Partial<OutboxOptions> & { name?: string } = {}) {
  const clock = fakeTimers();
  const events = new EventTarget();
  const net = { online: true };
  const outbox = createOutbox({
    name: extra.name ?? `t${++dbCounter}-${Date.now()}`,
    send,
    events,
    online: () => net.online,
    timers: clock.timers,
    locks: null,
    random: () => 0.5,
    ...extra,
  });
  open.push(outbox);
  return { outbox, clock, events, net };
}

const write = (n: number) => ({
  method: 'POST' as const,
  url: '/api/things',
  body: { n },
  label: `第 ${n} 条`,
});

describe('offline outbox', () => {
  it('sends in the order the writes were made, one at a time, each with its own key', async () => {
    const server = fakeServer();
    let inFlight = 0;
    let maxInFlight = 0;
    const { outbox } = setup(async (r) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5 - (r.id % 3)));
      inFlight--;
      return server.handle(r);
    });
    const ids = [];
    for (let n = 1; n <= 5; n++) ids.push(await outbox.enqueue(write(n)));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const result = await outbox.flush();
    expect(result).toEqual({ outcome: 'done', sent: 5, refused: 0 });
    expect(server.applied).toEqual([1, 2, 3, 4, 5].map((n) => ({ n })));
    expect(maxInFlight).toBe(1);
    expect(new Set(server.received.map((r) => r.idempotencyKey)).size).toBe(5);
    const state = outbox.getState();
    expect(state.pending).toEqual([]);
    expect(state.sent.map((s) => s.label)).toEqual(['第 5 条', '第 4 条', '第 3 条', '第 2 条', '第 1 条']);
    expect(state.sent[0]).toMatchObject({ status: 201, answer: { n: 5 } });
  });

  it('keeps everything while the network fails and sends it when the browser is online again', async () => {
    const server = fakeServer();
    let reachable = false;
    const { outbox, events, net } = setup(async (r) => {
      if (!reachable) throw new TypeError('Failed to fetch');
      return server.handle(r);
    });
    await outbox.enqueue(write(1));
    await outbox.enqueue(write(2));
    expect((await outbox.flush()).outcome).toBe('retrying');
    expect(outbox.getState().pending.map((p) => [p.label, p.attempts, p.lastError])).toEqual([
      ['第 1 条', 1, 'Failed to fetch'],
      ['第 2 条', 0, null],
    ]);
    net.online = false;
    events.dispatchEvent(new Event('offline'));
    expect(outbox.getState().online).toBe(false);
    expect((await outbox.flush()).outcome).toBe('offline');
    expect(server.received).toEqual([]);

    reachable = true;
    net.online = true;
    const changed = new Promise<void>((resolve) => {
      const stop = outbox.subscribe(() => {
        if (outbox.getState().pending.length === 0) {
          stop();
          resolve();
        }
      });
    });
    events.dispatchEvent(new Event('online'));
    await changed;
    expect(server.applied).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('sends a write whose answer was lost again with the same key, and the server applies it once', async () => {
    const server = fakeServer();
    let loseAnswer = true;
    const { outbox } = setup(async (r) => {
      const answer = server.handle(r);
      if (loseAnswer) {
        loseAnswer = false;
        throw new TypeError('connection reset');
      }
      return answer;
    });
    await outbox.enqueue(write(1));
    await outbox.enqueue(write(2));
    expect((await outbox.flush()).outcome).toBe('retrying');
    expect(outbox.getState().pending).toHaveLength(2);
    expect(await outbox.flush()).toEqual({ outcome: 'done', sent: 2, refused: 0 });
    const keys = server.received.map((r) => r.idempotencyKey);
    expect(keys[0]).toBe(keys[1]);
    expect(keys[2]).not.toBe(keys[0]);
    expect(server.applied).toEqual([{ n: 1 }, { n: 2 }]);
    expect(outbox.getState().sent.map((s) => s.status)).toEqual([201, 200]);
  });

  it('moves a refused write (409, 400) to the refused list and goes on with the queue', async () => {
    const server = fakeServer();
    const { outbox } = setup(async (r) => {
      const n = (r.body as { n: number }).n;
      if (n === 2) return { status: 409, body: { title: 'Conflict', status: 409, detail: '已被他人处理' } };
      if (n === 3)
        return {
          status: 400,
          body: { title: 'Bad Request', status: 400, errors: [{ path: 'note', message: 'too long' }] },
        };
      return server.handle(r);
    });
    for (let n = 1; n <= 4; n++) await outbox.enqueue(write(n));
    expect(await outbox.flush()).toEqual({ outcome: 'done', sent: 2, refused: 2 });
    const state = outbox.getState();
    expect(state.pending).toEqual([]);
    expect(server.applied).toEqual([{ n: 1 }, { n: 4 }]);
    expect(state.refused.map((r) => [r.label, r.problem.status, r.problem.detail])).toEqual([
      ['第 2 条', 409, '已被他人处理'],
      ['第 3 条', 400, null],
    ]);
    expect(state.refused[1]!.problem.errors).toEqual([{ path: 'note', message: 'too long' }]);

    // Edited and sent again under a fresh key; the other one discarded by the user.
    const [conflict, invalid] = state.refused;
    await outbox.discard(conflict!.id);
    await outbox.resubmit(invalid!.id, { n: 30 });
    expect(outbox.getState().refused).toEqual([]);
    expect(await outbox.flush()).toEqual({ outcome: 'done', sent: 1, refused: 0 });
    expect(server.applied).toEqual([{ n: 1 }, { n: 4 }, { n: 30 }]);
  });

  it('stops on 401 and keeps everything until the user signs in again', async () => {
    const server = fakeServer();
    let signedIn = false;
    const { outbox, clock } = setup(async (r) => (signedIn ? server.handle(r) : { status: 401, body: null }));
    await outbox.enqueue(write(1));
    await outbox.enqueue(write(2));
    expect((await outbox.flush()).outcome).toBe('needsSignIn');
    expect(outbox.getState()).toMatchObject({ needsSignIn: true, nextRetryAt: null });
    expect(outbox.getState().pending.map((p) => p.lastError)).toEqual(['HTTP 401', null]);
    expect(outbox.getState().refused).toEqual([]);
    expect(server.received).toEqual([]);
    // No automatic try keeps hammering the server while signed out.
    for (const t of clock.scheduled.filter((s) => !s.cleared)) t.callback();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(outbox.getState().pending.map((p) => p.attempts)).toEqual([1, 0]);

    signedIn = true;
    expect(await outbox.flush()).toEqual({ outcome: 'done', sent: 2, refused: 0 });
    expect(outbox.getState().needsSignIn).toBe(false);
  });

  it('keeps its writes across a reload and sends them with the keys they were given', async () => {
    const name = `reload-${Date.now()}`;
    const first = setup(
      async () => {
        throw new TypeError('offline');
      },
      { name },
    );
    await first.outbox.enqueue(write(1));
    await first.outbox.enqueue(write(2));
    await first.outbox.flush();
    first.outbox.close();

    const server = fakeServer();
    const second = setup(async (r) => server.handle(r), { name });
    await second.outbox.ready;
    expect(second.outbox.getState().pending.map((p) => [p.label, p.attempts])).toEqual([
      ['第 1 条', 1],
      ['第 2 条', 0],
    ]);
    expect(await second.outbox.flush()).toEqual({ outcome: 'done', sent: 2, refused: 0 });
    expect(server.applied).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('retries a server failure (503, 429, 408) with a back-off that grows up to its cap', async () => {
    const statuses = [503, 429, 408, 500, 502, 503];
    let call = 0;
    const { outbox, clock } = setup(
      async () => ({ status: statuses[call++ % statuses.length]!, body: null }),
      {
        backoff: { baseMs: 1000, maxMs: 8000 },
      },
    );
    await outbox.enqueue(write(1));
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      expect((await outbox.flush()).outcome).toBe('retrying');
      delays.push(clock.scheduled.at(-1)!.ms);
    }
    // random() = 0.5 → three quarters of the capped exponential delay.
    expect(delays).toEqual([750, 1500, 3000, 6000, 6000, 6000]);
    expect(outbox.getState().pending[0]).toMatchObject({ attempts: 6, lastError: 'HTTP 503' });
    expect(outbox.getState().nextRetryAt).not.toBeNull();
  });

  it('jitters the back-off between half and all of the capped delay', () => {
    const policy = { baseMs: 1000, maxMs: 60_000 };
    expect(backoffDelay(1, policy, () => 0)).toBe(500);
    expect(backoffDelay(1, policy, () => 0.999999)).toBe(1000);
    expect(backoffDelay(4, policy, () => 0)).toBe(4000);
    expect(backoffDelay(40, policy, () => 0.999999)).toBe(60_000);
  });

  it('the periodic timer sends what was queued', async () => {
    const server = fakeServer();
    const { outbox, clock } = setup(async (r) => server.handle(r));
    await outbox.enqueue(write(1));
    const timer = clock.scheduled.find((s) => !s.cleared);
    expect(timer).toBeDefined();
    timer!.callback();
    await expect.poll(() => outbox.getState().pending.length).toBe(0);
    expect(server.applied).toEqual([{ n: 1 }]);
  });

  it('a second flush while one runs waits for it and sends nothing twice', async () => {
    const server = fakeServer();
    const { outbox } = setup(async (r) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return server.handle(r);
    });
    for (let n = 1; n <= 3; n++) await outbox.enqueue(write(n));
    const [a, b] = await Promise.all([outbox.flush(), outbox.flush()]);
    expect(a).toEqual(b);
    expect(server.received).toHaveLength(3);
  });

  /** Web Locks shared by the "tabs" of one test. */
  function sharedLocks(): OutboxLocks {
    const held = new Set<string>();
    return {
      async request(name, _options, callback) {
        if (held.has(name)) return callback(null);
        held.add(name);
        try {
          return await callback({ name });
        } finally {
          held.delete(name);
        }
      },
    };
  }

  it.each([
    ['the IndexedDB lease', () => null],
    ['Web Locks', sharedLocks],
  ])('two tabs flushing together never send one write twice (%s)', async (_kind, makeLocks) => {
    const name = `tabs-${_kind.length}-${Date.now()}`;
    const server = fakeServer();
    const slowSend: OutboxSend = async (r) => {
      await new Promise((resolve) => setTimeout(resolve, 3));
      return server.handle(r);
    };
    const locks = makeLocks();
    const a = setup(slowSend, { name, locks });
    const b = setup(slowSend, { name, locks });
    for (let n = 1; n <= 6; n++) await (n % 2 ? a : b).outbox.enqueue(write(n));
    for (let round = 0; round < 3; round++) {
      await Promise.all([a.outbox.flush(), b.outbox.flush(), a.outbox.flush(), b.outbox.flush()]);
    }
    const keys = server.received.map((r) => r.idempotencyKey);
    expect(keys).toHaveLength(6);
    expect(new Set(keys).size).toBe(6);
    expect(server.applied).toEqual([1, 2, 3, 4, 5, 6].map((n) => ({ n })));
  });
});
