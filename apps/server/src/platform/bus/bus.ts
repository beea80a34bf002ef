import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { DB } from '../db/schema.ts';
import type { EventEnvelope, EventMap, Topic } from './events.ts';
import { relayBatch } from './outbox.ts';

export type EventHandler = (event: EventEnvelope) => void | Promise<void>;

/** How committed outbox events leave this process: straight to local handlers, or through NATS. */
export interface Transport {
  readonly kind: 'in-process' | 'nats';
  /** Publishes durably; resolves once the transport has accepted every event. */
  publish(events: EventEnvelope[]): Promise<void>;
  /**
   * Live-only events (unit positions), already stored elsewhere: delivered to every process's handlers at once,
   * without the outbox, at most once. Fire and forget.
   */
  publishLive(events: EventEnvelope[]): void;
  /** Starts delivering events (from every process) to `deliver`. */
  start(deliver: (event: EventEnvelope) => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

export interface EventBus {
  readonly kind: Transport['kind'];
  subscribe(handler: EventHandler): () => void;
  /** Call after a commit that wrote to the outbox: relays soon instead of at the next poll. */
  kick(): void;
  /**
   * Sends a live event to WebSocket clients of every process right away, bypassing the outbox: for data
   * that is already stored durably (positions) and only needs to be seen soon. Not replayed; id 0.
   */
  publishLive<T extends Topic>(
    tenantCode: string,
    topic: T,
    payload: EventMap[T],
    orgIds?: readonly string[],
  ): void;
  /** Relays until the outbox is empty (tests, shutdown). */
  drain(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export function createEventBus(deps: {
  db: Kysely<DB>;
  transport: Transport;
  log: Logger;
  pollMs?: number;
}): EventBus {
  const { db, transport, log } = deps;
  const handlers = new Set<EventHandler>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let closed = false;

  async function deliverLocal(event: EventEnvelope) {
    for (const h of handlers) {
      try {
        await h(event);
      } catch (error) {
        log.error({ err: error, topic: event.topic, id: event.id }, 'event handler failed');
      }
    }
  }

  async function relayAll(): Promise<void> {
    for (;;) {
      const n = await relayBatch(db, (events) => transport.publish(events));
      if (n === 0) return;
    }
  }

  function relay(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await relayAll();
        } catch (error) {
          if (!closed) log.warn({ err: error }, 'outbox relay failed; will retry');
        }
      } while (again && !closed);
    })().finally(() => {
      running = undefined;
    });
    return running;
  }

  return {
    kind: transport.kind,
    subscribe(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    kick() {
      if (!closed) void relay();
    },
    publishLive(tenantCode, topic, payload, orgIds = []) {
      if (closed) return;
      transport.publishLive([
        { id: 0, tenantCode, topic, payload, orgIds: [...orgIds], at: new Date().toISOString() },
      ]);
    },
    async drain() {
      await relay();
      if (running) await running;
    },
    async start() {
      await transport.start(deliverLocal);
      timer = setInterval(() => void relay(), deps.pollMs ?? 1_000);
      timer.unref();
      void relay();
    },
    async close() {
      closed = true;
      if (timer) clearInterval(timer);
      // A relay failure is logged where it happens; closing only waits for the relay to stop.
      if (running) await running.catch(() => undefined);
      await transport.close();
    },
  };
}

/** Single process: what is committed is delivered here and now. */
export function inProcessTransport(): Transport {
  let deliver: ((e: EventEnvelope) => Promise<void>) | undefined;
  return {
    kind: 'in-process',
    async publish(events) {
      for (const e of events) await deliver?.(e);
    },
    publishLive(events) {
      for (const e of events) void deliver?.(e);
    },
    async start(d) {
      deliver = d;
    },
    async close() {
      deliver = undefined;
    },
  };
}
