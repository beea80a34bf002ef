import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { AvlService, IncomingFix } from './avl.service.ts';
import { avlFix } from './units.routes.ts';

/** `ronghui/<tenant>/avl/<unit>`: one fix per message, JSON `{lon, lat, at?, speedKmh?, heading?}`. */
export const AVL_TOPIC = 'ronghui/+/avl/+';
const TOPIC = /^ronghui\/(\d{6})\/avl\/([A-Za-z0-9._:-]{1,64})$/;
const payloadSchema = avlFix.omit({ unitId: true });

interface Pending {
  tenantCode: string;
  fix: IncomingFix;
  done: () => void;
}

/**
 * Subscribes to AVL topics on the embedded or an external broker (QoS 1) and ingests fixes in small batches.
 * A message is acknowledged to the broker only after its batch is committed, so a crash re-delivers it
 * instead of losing it. Refusals go back to the device on `…/avl/<unit>/rejected`.
 */
export async function startAvlSubscriber(options: {
  url: string;
  credentials?: { username: string; password: string } | undefined;
  avl: AvlService;
  log: Logger;
  batchSize?: number;
  batchMs?: number;
}): Promise<{ client: MqttClient; close(): Promise<void> }> {
  const { avl, log } = options;
  const batchSize = options.batchSize ?? 500;
  const batchMs = options.batchMs ?? 25;
  let queue: Pending[] = [];
  let timer: NodeJS.Timeout | undefined;
  let flushing = Promise.resolve();

  const clientOptions: IClientOptions = {
    clientId: `ronghui-avl-${process.pid}`,
    clean: false,
    reconnectPeriod: 1_000,
    ...(options.credentials ?? {}),
  };
  const client = await mqtt.connectAsync(options.url, clientOptions);

  const reject = (tenantCode: string, unitId: string, reason: string, detail?: string) => {
    client.publish(
      `ronghui/${tenantCode}/avl/${unitId}/rejected`,
      JSON.stringify({ reason, ...(detail ? { detail } : {}) }),
      { qos: 0 },
    );
  };

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
        for (const r of result.rejected) reject(tenantCode, r.unitId, r.reason);
        for (const i of items) i.done();
      } catch (error) {
        // Not acknowledged: the broker delivers these again after reconnect.
        log.error(
          { err: error, count: items.length },
          'AVL batch from MQTT not stored; it will be re-delivered',
        );
        client.end(true, undefined, () => client.reconnect());
      }
    }
  }

  function schedule() {
    if (queue.length >= batchSize) {
      if (timer) clearTimeout(timer);
      timer = undefined;
      const batch = queue;
      queue = [];
      flushing = flushing.then(() => flush(batch));
    } else if (!timer) {
      timer = setTimeout(() => {
        timer = undefined;
        const batch = queue;
        queue = [];
        flushing = flushing.then(() => flush(batch));
      }, batchMs);
    }
  }

  client.handleMessage = (packet, callback) => {
    const match = TOPIC.exec(packet.topic);
    if (!match) {
      callback();
      return;
    }
    const [, tenantCode, unitId] = match as unknown as [string, string, string];
    let parsed: z.infer<typeof payloadSchema>;
    try {
      parsed = payloadSchema.parse(JSON.parse(packet.payload.toString()));
    } catch (error) {
      const detail =
        error instanceof z.ZodError
          ? error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`).join('; ')
          : 'payload is not JSON';
      reject(tenantCode, unitId, 'malformed', detail);
      void avl.countRejected(tenantCode, 'malformed').then(
        () => callback(),
        () => callback(),
      );
      return;
    }
    queue.push({ tenantCode, fix: { unitId, ...parsed }, done: () => callback() });
    schedule();
  };
  await client.subscribeAsync(AVL_TOPIC, { qos: 1 });

  return {
    client,
    async close() {
      if (timer) clearTimeout(timer);
      const batch = queue;
      queue = [];
      flushing = flushing.then(() => flush(batch));
      await flushing;
      await client.endAsync();
    },
  };
}
