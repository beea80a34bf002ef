import mqtt from 'mqtt';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, testServices } from '../../../../../test/support/db.ts';
import type { Services } from '../../main.ts';
import type { Database } from '../../platform/db/database.ts';
import { type EmbeddedBroker, startEmbeddedBroker } from '../../platform/mqtt/broker.ts';
import { createAvlBatcher, type Reply, startAvlSubscriber } from './avl.mqtt.ts';

const log = pino({ level: 'silent' });

async function until<T>(f: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('AVL over MQTT (embedded broker)', () => {
  let database: Database;
  let services: Services;
  let broker: EmbeddedBroker;
  let batcher: ReturnType<typeof createAvlBatcher>;
  let token: string;
  let unitId: string;

  beforeAll(async () => {
    database = await openTestDatabase('pglite', { demo: true });
    services = await testServices(database);
    let reply: Reply = () => {};
    batcher = createAvlBatcher({
      avl: services.avl,
      log,
      reply: (topic, body) => reply(topic, body),
      batchMs: 10,
    });
    broker = (await startEmbeddedBroker({
      port: 0,
      host: '127.0.0.1',
      authenticate: (t) => services.auth.authenticate(t),
      log,
      onDevicePublish: (topic, payload) => batcher.submit(topic, payload),
    }))!;
    reply = broker.publish;
    const { principal } = await services.auth.login({
      tenantCode: '350526',
      username: 'officer-yangmei',
      password: 'ronghui-demo',
    });
    token = (await services.auth.createToken(principal, 'tracker', 30)).token;
    unitId = (
      await database.db
        .selectFrom('units')
        .select('id')
        .where('station_id', '=', 'station-350526200')
        .executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(async () => {
    await batcher?.close();
    await broker?.close();
    await database?.close();
  });

  it('stores a tracker fix and answers refusals on the rejected topic', async () => {
    const device = await mqtt.connectAsync(broker.url, { username: 'tracker-1', password: token });
    const rejections: { topic: string; body: { reason: string; detail?: string } }[] = [];
    device.on('message', (topic, payload) =>
      rejections.push({ topic, body: JSON.parse(payload.toString()) }),
    );
    await device.subscribeAsync('ronghui/350526/avl/+/rejected');
    const before = await services.db
      .selectFrom('avl_positions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await device.publishAsync(
      `ronghui/350526/avl/${unitId}`,
      JSON.stringify({ lon: 118.03, lat: 25.71, speedKmh: 35, heading: 180 }),
      { qos: 1 },
    );
    await device.publishAsync(`ronghui/350526/avl/${unitId}`, '{"lon": 118.03, "lat": ', { qos: 1 });
    await device.publishAsync('ronghui/350526/avl/ghost-unit', JSON.stringify({ lon: 118.03, lat: 25.71 }), {
      qos: 1,
    });
    await until(async () => (rejections.length >= 2 ? true : undefined));
    expect(rejections).toEqual(
      expect.arrayContaining([
        {
          topic: `ronghui/350526/avl/${unitId}/rejected`,
          body: { reason: 'malformed', detail: 'payload is not JSON' },
        },
        { topic: 'ronghui/350526/avl/ghost-unit/rejected', body: { reason: 'unknown-unit' } },
      ]),
    );
    const after = await until(async () => {
      const r = await services.db
        .selectFrom('avl_positions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(r.n) > Number(before.n) ? r : undefined;
    });
    expect(Number(after.n) - Number(before.n)).toBe(1);
    const unit = await services.db
      .selectFrom('units')
      .selectAll()
      .where('id', '=', unitId)
      .executeTakeFirstOrThrow();
    expect([unit.lon, unit.lat, unit.heading]).toEqual([118.03, 25.71, 180]);
    const counts = await services.avl.rejectionCounts('350526');
    expect(counts).toMatchObject({ malformed: 1, 'unknown-unit': 1 });
    await device.endAsync();
  });

  it('refuses devices without a valid token', async () => {
    await expect(
      mqtt.connectAsync(broker.url, { username: 'x', password: 'not-a-token', reconnectPeriod: 0 }),
    ).rejects.toThrow(/Bad username or password|Not authorized/i);
  });

  it('keeps a device inside its tenant', async () => {
    const device = await mqtt.connectAsync(broker.url, {
      username: 'tracker-2',
      password: token,
      reconnectPeriod: 0,
    });
    const closed = new Promise<void>((r) => device.once('close', () => r()));
    device.publish('ronghui/110105/avl/any', JSON.stringify({ lon: 116.4, lat: 39.9 }), { qos: 1 });
    await closed;
    device.end(true);
  });
});

describe('AVL from an external broker (MQTT_URL)', () => {
  it('subscribes with QoS 1 and stores what devices publish there', async () => {
    const database = await openTestDatabase('pglite', { demo: true });
    const services = await testServices(database);
    // A broker that is not ours (no Ronghui sign-in), as Mosquitto or EMQX would be.
    const external = (await startEmbeddedBroker({
      port: 0,
      host: '127.0.0.1',
      authenticate: async () => undefined,
      log,
    }))!;
    const subscriber = await startAvlSubscriber({
      url: external.url,
      credentials: external.internal,
      avl: services.avl,
      log,
      batchMs: 10,
    });
    try {
      const unitId = (
        await database.db
          .selectFrom('units')
          .select('id')
          .where('station_id', '=', 'station-350526100')
          .executeTakeFirstOrThrow()
      ).id;
      const device = await mqtt.connectAsync(external.url, external.internal);
      for (let i = 0; i < 20; i++) {
        await device.publishAsync(
          `ronghui/350526/avl/${unitId}`,
          JSON.stringify({ lon: 118.24 + i * 0.0001, lat: 25.49 }),
          { qos: 1 },
        );
      }
      const stored = await until(async () => {
        const r = await services.db
          .selectFrom('avl_positions')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('unit_id', '=', unitId)
          .executeTakeFirstOrThrow();
        return Number(r.n) >= 20 ? Number(r.n) : undefined;
      });
      expect(stored).toBe(20);
      await device.endAsync();
    } finally {
      await subscriber.close();
      await external.close();
      await database.close();
    }
  });
});
