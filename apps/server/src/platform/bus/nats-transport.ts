import {
  type ConsumerMessages,
  connect,
  DeliverPolicy,
  JSONCodec,
  type NatsConnection,
  nanos,
  type Subscription,
} from 'nats';
import type { Logger } from 'pino';
import type { EventEnvelope } from './events.ts';
import type { Transport } from './bus.ts';

export const EVENTS_STREAM = 'RONGHUI_EVENTS';
const codec = JSONCodec<EventEnvelope>();

/**
 * Several server processes share events through NATS JetStream: every process publishes what its relay
 * claimed from the shared outbox, and every process consumes the whole stream with an ordered consumer,
 * so WebSocket clients of any process see every event. The outbox row (id and creation time) is the
 * JetStream message id, so a relay retry after a crash is de-duplicated by the stream.
 */
export function natsTransport(url: string, log: Logger, stream: string = EVENTS_STREAM): Transport {
  let nc: NatsConnection | undefined;
  let messages: ConsumerMessages | undefined;
  let loop: Promise<void> | undefined;
  let live: Subscription | undefined;
  // Live events use core NATS (no stream, no storage) under a prefix the stream does not capture.
  const livePrefix = `${stream.toLowerCase()}_live`;

  async function connection(): Promise<NatsConnection> {
    if (!nc) {
      nc = await connect({ servers: url, name: `ronghui-${process.pid}`, maxReconnectAttempts: -1 });
      const jsm = await nc.jetstreamManager();
      try {
        await jsm.streams.info(stream);
      } catch {
        await jsm.streams.add({
          name: stream,
          subjects: [`${stream.toLowerCase()}.>`],
          max_age: nanos(24 * 3_600_000),
        });
      }
    }
    return nc;
  }

  return {
    kind: 'nats',
    async publish(events) {
      const js = (await connection()).jetstream();
      await Promise.all(
        events.map((e) =>
          js.publish(`${stream.toLowerCase()}.${e.tenantCode}.${e.topic}`, codec.encode(e), {
            msgID: `${e.tenantCode}:${e.id}`,
          }),
        ),
      );
    },
    publishLive(events) {
      if (!nc || nc.isClosed()) return;
      for (const e of events) nc.publish(`${livePrefix}.${e.tenantCode}.${e.topic}`, codec.encode(e));
    },
    async start(deliver) {
      const conn = await connection();
      live = conn.subscribe(`${livePrefix}.>`, {
        callback: (error, m) => {
          if (error) return;
          deliver(codec.decode(m.data)).catch((e) => log.error({ err: e }, 'failed to handle a live event'));
        },
      });
      const js = conn.jetstream();
      const consumer = await js.consumers.get(stream, { deliver_policy: DeliverPolicy.New });
      messages = await consumer.consume();
      loop = (async () => {
        for await (const m of messages!) {
          try {
            await deliver(codec.decode(m.data));
          } catch (error) {
            log.error({ err: error }, 'failed to handle an event from NATS');
          }
        }
      })();
    },
    async close() {
      const connection = nc;
      nc = undefined;
      // An ordered consumer may not finish closing while its server-side consumer is being recreated:
      // give the orderly path a moment, then close the connection, which ends every iterator.
      const orderly = (async () => {
        live?.unsubscribe();
        messages?.stop();
        await messages?.close();
        // The consume loop logs its own failures; here it only has to have ended.
        await loop?.catch(() => undefined);
        await connection?.drain();
      })().catch((error: unknown) =>
        log.debug({ err: error }, 'NATS did not close in order; closing the connection'),
      );
      await Promise.race([orderly, new Promise((r) => setTimeout(r, 2_000).unref())]);
      if (connection && !connection.isClosed()) await connection.close();
    },
  };
}
