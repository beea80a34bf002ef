import { avlFix } from '@ronghui/contracts';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { AvlService, IncomingFix } from './avl.service.ts';

/** `ronghui/<tenant>/avl/<unit>`: one fix per message, JSON `{lon, lat, at?, speedKmh?, heading?}`. */
export const AVL_TOPIC = 'ronghui/+/avl/+';
const TOPIC = /^ronghui\/(\d{6})\/avl\/([A-Za-z0-9._:-]{1,64})$/;
const payloadSchema = avlFix.omit({ unitId: true });

interface Pending {
  tenantCode: string;
  fix: IncomingFix;
  resolve: () => void;
  reject: (error: Error) => void;
}

export type Reply = (topic: string, body: object) => void;

/**
 * Gathers AVL messages from many devices into small batches (one transaction each). `submit` resolves once its
 * message is stored — or refused and answered on `…/avl/<unit>/rejected` — so the caller acknowledges to the
 * device only then; it rejects when the batch could not be stored, so the device sends again.
 */
export function createAvlBatcher(options: {
  avl: AvlService;
  log: Logger;
  reply: Reply;
  batchSize?: number;
  batchMs?: number;
}) {
  const { avl, log, reply } = options;
  const batchSize = options.batchSize ?? 500;
  const batchMs = options.batchMs ?? 10;
  let queue: Pending[] = [];
  let timer: NodeJS.Timeout | undefined;
  // Batches are handed to the AVL service as they are cut; it writes concurrent ones in one transaction.
  const inFlight = new Set<Promise<void>>();

  async function flush(batch: Pending[]) {
    const byTenant = new Map<string, Pending[]>();
    for (const p of batch) byTenant.set(p.tenantCode, [...(byTenant.get(p.tenantCode) ?? []), p]);
    for (const [tenantCode, items] of byTenant) {
      try {
        const result = await avl.ingest(
          tenantCode,
          { tenantCode, userId: 'system:mqtt', username: 'mqtt' },
          items.map((i) => i.fix),
          'mqtt',
        );
        for (const r of result.rejected)
          reply(`ronghui/${tenantCode}/avl/${r.unitId}/rejected`, { reason: r.reason });
        for (const i of items) i.resolve();
      } catch (error) {
        log.error(
          { err: error, count: items.length },
          'AVL batch from MQTT not stored; devices will send again',
        );
        for (const i of items) i.reject(error as Error);
      }
    }
  }

  function cut() {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const batch = queue;
    queue = [];
    if (batch.length === 0) return;
    const done: Promise<void> = flush(batch).finally(() => inFlight.delete(done));
    inFlight.add(done);
  }

  return {
    async submit(topic: string, payload: Buffer): Promise<void> {
      const match = TOPIC.exec(topic);
      if (!match) return;
      const [, tenantCode, unitId] = match as unknown as [string, string, string];
      let parsed: z.infer<typeof payloadSchema>;
      try {
        parsed = payloadSchema.parse(JSON.parse(payload.toString()));
      } catch (error) {
        const detail =
          error instanceof z.ZodError
            ? error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`).join('; ')
            : 'payload is not JSON';
        reply(`ronghui/${tenantCode}/avl/${unitId}/rejected`, { reason: 'malformed', detail });
        await avl.countRejected(tenantCode, 'malformed');
        return;
      }
      await new Promise<void>((resolve, reject) => {
        queue.push({ tenantCode, fix: { unitId, ...parsed }, resolve, reject });
        if (queue.length >= batchSize) cut();
        else timer ??= setTimeout(cut, batchMs);
      });
    },
    async close() {
      cut();
      await Promise.all(inFlight);
    },
  };
}

/**
 * For an external broker (MQTT_URL): subscribes to AVL topics with QoS 1 and acknowledges each message to the
 * broker only after it is stored. Several connections share the subscription (`$share/…`, MQTT 5 and
 * Mosquitto/EMQX shared subscriptions), because a connection hands over one unacknowledged message at a time.
 */
export async function startAvlSubscriber(options: {
  url: string;
  credentials?: { username: string; password: string } | undefined;
  avl: AvlService;
  log: Logger;
  connections?: number;
  batchMs?: number;
}): Promise<{ clients: MqttClient[]; close(): Promise<void> }> {
  const count = options.connections ?? 1;
  const clients: MqttClient[] = [];
  const publish: Reply = (topic, body) => clients[0]?.publish(topic, JSON.stringify(body), { qos: 0 });
  const batcher = createAvlBatcher({
    avl: options.avl,
    log: options.log,
    reply: publish,
    batchMs: options.batchMs,
  });
  for (let i = 0; i < count; i++) {
    const clientOptions: IClientOptions = {
      clientId: `ronghui-avl-${process.pid}-${i}`,
      clean: false,
      reconnectPeriod: 1_000,
      ...(options.credentials ?? {}),
    };
    const client = await mqtt.connectAsync(options.url, clientOptions);
    client.handleMessage = (packet, callback) => {
      batcher.submit(packet.topic, packet.payload as Buffer).then(
        () => callback(),
        // Not acknowledged: the broker delivers it again after reconnecting.
        () => client.end(true, undefined, () => client.reconnect()),
      );
    };
    await client.subscribeAsync(count > 1 ? `$share/ronghui-avl/${AVL_TOPIC}` : AVL_TOPIC, { qos: 1 });
    clients.push(client);
  }
  return {
    clients,
    async close() {
      await batcher.close();
      await Promise.all(clients.map((c) => c.endAsync()));
    },
  };
}
