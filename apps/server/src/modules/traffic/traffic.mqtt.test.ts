import mqtt, { type MqttClient } from 'mqtt';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, testServices } from '../../../../../test/support/db.ts';
import { mqttTestUrl, requires } from '../../../../../test/support/env.ts';
import type { Services } from '../../main.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Database } from '../../platform/db/database.ts';
import { type EmbeddedBroker, startEmbeddedBroker } from '../../platform/mqtt/broker.ts';
import { handleTrafficMessage, startTrafficSubscriber } from './traffic.mqtt.ts';
import { createTrafficService, type TrafficService } from './traffic.service.ts';

const log = pino({ level: 'silent' });
const TENANT = '350526';

async function until<T>(f: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const countReadings = async (services: Services, deviceId: string) =>
  Number(
    (
      await services.db
        .selectFrom('traffic_readings')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('tenant_code', '=', TENANT)
        .where('device_id', '=', deviceId)
        .executeTakeFirstOrThrow()
    ).n,
  );

/** Two ice readings a minute apart (the rules' default minimum duration), ending now. */
const iceReadings = (deviceId: string) => {
  const now = Date.now();
  return [-60_000, 0].map((d) => ({
    deviceId,
    at: new Date(now + d).toISOString(),
    surfaceTempC: -2,
    dewPointC: -2.5,
    friction: 0.45,
  }));
};

describe('smart traffic over MQTT (embedded broker)', () => {
  let database: Database;
  let services: Services;
  let traffic: TrafficService;
  let broker: EmbeddedBroker;
  let token: string;
  let officer: Principal;
  const clients: MqttClient[] = [];

  beforeAll(async () => {
    database = await openTestDatabase('pglite', { demo: true });
    services = await testServices(database);
    // Its own instance, with a short acknowledgement timeout so retries show within the test.
    traffic = createTrafficService(
      {
        db: services.db,
        orgs: services.orgs,
        audit: services.audit,
        bus: services.bus,
        clock: services.clock,
        routing: services.routing,
        log,
      },
      { ackTimeoutMs: 300, maxAttempts: 3 },
    );
    let reply: (topic: string, body: object) => void = () => {};
    broker = (await startEmbeddedBroker({
      port: 0,
      host: '127.0.0.1',
      authenticate: (t) => services.auth.authenticate(t),
      log,
      onDevicePublish: (topic, payload) =>
        handleTrafficMessage(traffic, (t, b) => reply(t, b), topic, payload),
    }))!;
    reply = broker.publish;
    traffic.setPublisher(broker.publish);
    const { principal } = await services.auth.login({
      tenantCode: TENANT,
      username: 'officer',
      password: 'ronghui-demo',
    });
    officer = principal;
    // Other readings on the section came first: decide on the first ice reading, not after a minute.
    const commander = (
      await services.auth.login({ tenantCode: TENANT, username: 'commander', password: 'ronghui-demo' })
    ).principal;
    await traffic.putRules(commander, { minOnSeconds: 0 });
    token = (await services.auth.createToken(principal, 'roadside gateway', 30)).token;
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.endAsync()));
    await broker?.close();
    await database?.close();
  });

  const connect = async (name: string) => {
    const c = await mqtt.connectAsync(broker.url, { username: name, password: token });
    clients.push(c);
    return c;
  };

  it('stores readings once acknowledged, answers and counts refused ones per device', async () => {
    const sensor = await connect('JXS-WX-1');
    const answers: { topic: string; body: { rejected: { path: string; reason: string }[] } }[] = [];
    sensor.on('message', (topic, payload) => answers.push({ topic, body: JSON.parse(payload.toString()) }));
    await sensor.subscribeAsync(`ronghui/${TENANT}/rwis/JXS-WX-1/rejected`);
    const at = Date.now();
    // A QoS 1 PUBACK comes only after the readings are stored: no polling needed.
    await sensor.publishAsync(
      `ronghui/${TENANT}/rwis/JXS-WX-1`,
      JSON.stringify([
        {
          at: new Date(at - 2000).toISOString(),
          airTempC: 1.5,
          dewPointC: 0.4,
          windSpeedMs: 4,
          windGustMs: 7.5,
        },
        { at: new Date(at - 1000).toISOString(), airTempC: 1.4, precipitationMmH: -3 },
      ]),
      { qos: 1 },
    );
    expect(await countReadings(services, 'JXS-WX-1')).toBe(1);
    await sensor.publishAsync(`ronghui/${TENANT}/rwis/JXS-WX-1`, 'not json', { qos: 1 });
    await sensor.publishAsync(
      `ronghui/${TENANT}/rwis/JXS-WX-1`,
      JSON.stringify({ deviceId: 'JXS-SURF-1', friction: 0.5 }),
      { qos: 1 },
    );
    const got = await until(() => (answers.length >= 3 ? answers : undefined));
    expect(got.map((a) => a.body.rejected[0]!.reason)).toEqual([
      'precipitationMmH-out-of-range',
      'not-json',
      'wrong-topic',
    ]);
    expect(got[0]!.body.rejected[0]!.path).toBe('[1].precipitationMmH');
    const t = await traffic.tenantOf(TENANT);
    expect(t.devices.get('JXS-WX-1')!.rejected).toEqual({
      'precipitationMmH-out-of-range': 1,
      'not-json': 1,
    });
    expect(await countReadings(services, 'JXS-SURF-1')).toBe(0);
  });

  it('a sign takes its command over MQTT and acknowledges it; a silent sign is retried, then flagged', async () => {
    const controller = await connect('JXS-VMS-1');
    const commands: { id: string; text: string; lines: string[] }[] = [];
    controller.on('message', (_topic, payload) => commands.push(JSON.parse(payload.toString())));
    await controller.subscribeAsync(`ronghui/${TENANT}/vms/JXS-VMS-1/cmd`, { qos: 1 });
    const t0 = await traffic.tenantOf(TENANT);
    expect(t0.devices.get('JXS-VMS-1')!.lastSeen).toBe(0);
    await controller.publishAsync(`ronghui/${TENANT}/vms/JXS-VMS-1/status`, JSON.stringify({ ok: true }), {
      qos: 1,
    });
    expect(t0.devices.get('JXS-VMS-1')!.lastSeen).toBeGreaterThan(0);
    const sensor = await connect('JXS-SURF-1');
    await sensor.publishAsync(
      `ronghui/${TENANT}/rwis/JXS-SURF-1`,
      JSON.stringify(iceReadings('JXS-SURF-1')),
      {
        qos: 1,
      },
    );
    await traffic.idle(TENANT);
    const first = await until(() => commands[0]);
    expect(first.text).toBe('冰冻天气,地面湿滑,保持车距');
    // Not acknowledged: sent again after the timeout, with the same id.
    const again = await until(() => (commands.length >= 2 ? commands[1] : undefined));
    expect(again.id).toBe(first.id);
    await controller.publishAsync(`ronghui/${TENANT}/vms/JXS-VMS-1/ack`, JSON.stringify({ id: first.id }), {
      qos: 1,
    });
    const t = await traffic.tenantOf(TENANT);
    await until(() => (t.signs.get('JXS-VMS-1')!.delivery === 'ok' ? true : undefined));
    const row = await until(async () => {
      const r = await services.db
        .selectFrom('traffic_signs')
        .selectAll()
        .where('tenant_code', '=', TENANT)
        .where('sign_id', '=', 'JXS-VMS-1')
        .executeTakeFirst();
      return r?.delivery === 'ok' ? r : undefined;
    });
    expect(row).toMatchObject({ text: '冰冻天气,地面湿滑,保持车距', source: 'hazard' });

    // The plate read now puts the driver's plate on the sign; this time the controller stays silent.
    const sent = commands.length;
    const before = performance.now();
    const answer = await traffic.plateRead(officer, { deviceId: 'JXS-ANPR-1', plate: '闽C8H58M' });
    expect(answer.warned).toBe(true);
    const plateCommand = await until(() => commands[sent]);
    expect(performance.now() - before).toBeLessThan(5_000);
    expect(plateCommand.text).toBe('闽C8H58M,冰冻天气,地面湿滑,保持车距');
    await until(() => (t.signs.get('JXS-VMS-1')!.delivery === 'failed' ? true : undefined), 5_000);
    expect(commands.filter((c) => c.id === plateCommand.id)).toHaveLength(3);
  });
});

describe('plate reads over MQTT (…/anpr/<camera>)', () => {
  it('a camera publishes its reads; a bad plate is answered and counted, a good one addresses the driver', async () => {
    const database = await openTestDatabase('pglite', { demo: true });
    const services = await testServices(database);
    let reply: (topic: string, body: object) => void = () => {};
    const broker = (await startEmbeddedBroker({
      port: 0,
      host: '127.0.0.1',
      authenticate: (t) => services.auth.authenticate(t),
      log,
      onDevicePublish: (topic, payload) =>
        handleTrafficMessage(services.traffic, (t, b) => reply(t, b), topic, payload),
    }))!;
    reply = broker.publish;
    services.traffic.setPublisher(broker.publish);
    const { principal } = await services.auth.login({
      tenantCode: TENANT,
      username: 'officer',
      password: 'ronghui-demo',
    });
    const token = (await services.auth.createToken(principal, 'camera', 30)).token;
    const camera = await mqtt.connectAsync(broker.url, { username: 'JXS-ANPR-1', password: token });
    try {
      const answers: { rejected: { path: string; reason: string }[] }[] = [];
      const commands: { text: string }[] = [];
      camera.on('message', (topic, payload) =>
        (topic.endsWith('/rejected') ? answers : commands).push(JSON.parse(payload.toString())),
      );
      await camera.subscribeAsync([
        `ronghui/${TENANT}/anpr/JXS-ANPR-1/rejected`,
        `ronghui/${TENANT}/vms/JXS-VMS-1/cmd`,
      ]);
      await camera.publishAsync(`ronghui/${TENANT}/anpr/JXS-ANPR-1`, JSON.stringify({ plate: '闽C8HO8M' }), {
        qos: 1,
      });
      const bad = await until(() => answers[0]);
      expect(bad.rejected[0]).toMatchObject({ path: 'plate', reason: 'plate-invalid' });
      const t = await services.traffic.tenantOf(TENANT);
      expect(t.devices.get('JXS-ANPR-1')!.rejected).toEqual({ 'plate-invalid': 1 });
      await services.traffic.ingestDevice(TENANT, iceReadings('JXS-SURF-1'));
      await services.traffic.idle(TENANT);
      await camera.publishAsync(`ronghui/${TENANT}/anpr/JXS-ANPR-1`, JSON.stringify({ plate: '闽C8H58M' }), {
        qos: 1,
      });
      const command = await until(() => commands.find((c) => c.text.startsWith('闽C8H58M')));
      expect(command.text).toBe('闽C8H58M,冰冻天气,地面湿滑,保持车距');
    } finally {
      await camera.endAsync();
      await services.traffic.close();
      await broker.close();
      await database.close();
    }
  });
});

describe('smart traffic from an external broker (Mosquitto, MQTT_TEST_URL)', () => {
  it.skipIf(!requires('an external MQTT broker (MQTT_TEST_URL)', !!mqttTestUrl))(
    'subscribes to readings and acknowledgements, and commands signs through it',
    async () => {
      const database = await openTestDatabase('pglite', { demo: true });
      const services = await testServices(database);
      const subscriber = await startTrafficSubscriber({ url: mqttTestUrl!, traffic: services.traffic, log });
      const device = await mqtt.connectAsync(mqttTestUrl!, { clientId: `rh-test-sensor-${process.pid}` });
      const sign = await mqtt.connectAsync(mqttTestUrl!, { clientId: `rh-test-sign-${process.pid}` });
      try {
        const commands: { id: string; text: string }[] = [];
        sign.on('message', (_t, payload) => commands.push(JSON.parse(payload.toString())));
        await sign.subscribeAsync(`ronghui/${TENANT}/vms/JXS-VMS-1/cmd`, { qos: 1 });
        await device.publishAsync(
          `ronghui/${TENANT}/rwis/JXS-SURF-1`,
          JSON.stringify(iceReadings('JXS-SURF-1')),
          {
            qos: 1,
          },
        );
        expect(
          await until(async () => ((await countReadings(services, 'JXS-SURF-1')) === 2 ? 2 : undefined)),
        ).toBe(2);
        const command = await until(() => commands[0]);
        expect(command.text).toBe('冰冻天气,地面湿滑,保持车距');
        await sign.publishAsync(`ronghui/${TENANT}/vms/JXS-VMS-1/ack`, JSON.stringify({ id: command.id }), {
          qos: 1,
        });
        const t = await services.traffic.tenantOf(TENANT);
        await until(() => (t.signs.get('JXS-VMS-1')!.delivery === 'ok' ? true : undefined));
      } finally {
        await device.endAsync();
        await sign.endAsync();
        await subscriber.close();
        await services.traffic.idle(TENANT);
        await database.close();
      }
    },
  );
});
