import mqtt, { type MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import { DomainError } from '../../platform/http/errors.ts';
import type { TrafficService } from './traffic.service.ts';

/**
 * Road sensors publish readings on `ronghui/<tenant>/rwis/<device>` (a JSON array of readings, or one
 * reading; `deviceId` may be left out and is then the topic's); refused readings are answered on
 * `…/rwis/<device>/rejected`. Signs take commands on `ronghui/<tenant>/vms/<sign>/cmd` and acknowledge
 * on `…/vms/<sign>/ack` with `{"id": <command id>}` (`"ok": false` when they could not show it); a sign's
 * heartbeat is any message on `…/vms/<sign>/status`. Plate cameras publish `{"plate","at"?}` on
 * `ronghui/<tenant>/anpr/<camera>` (refusals answered on `…/anpr/<camera>/rejected`).
 */
export const RWIS_TOPIC = 'ronghui/+/rwis/+';
export const VMS_ACK_TOPIC = 'ronghui/+/vms/+/ack';
export const VMS_STATUS_TOPIC = 'ronghui/+/vms/+/status';
export const ANPR_TOPIC = 'ronghui/+/anpr/+';
const RWIS = /^ronghui\/(\d{6})\/rwis\/([A-Za-z0-9._:-]{1,64})$/;
const ACK = /^ronghui\/(\d{6})\/vms\/([A-Za-z0-9._:-]{1,64})\/ack$/;
const ANPR = /^ronghui\/(\d{6})\/anpr\/([A-Za-z0-9._:-]{1,64})$/;
const STATUS = /^ronghui\/(\d{6})\/vms\/([A-Za-z0-9._:-]{1,64})\/status$/;

export type Reply = (topic: string, body: object) => void;

/** Is this a topic the traffic module takes? */
export const isTrafficTopic = (topic: string) =>
  RWIS.test(topic) || ACK.test(topic) || STATUS.test(topic) || ANPR.test(topic);

/**
 * Takes one device message; resolves once its readings are stored (or refused and answered), so the
 * broker acknowledges to the device only then. Rejects when storing failed: the device sends again.
 */
export async function handleTrafficMessage(
  traffic: TrafficService,
  reply: Reply,
  topic: string,
  payload: Buffer,
): Promise<void> {
  const anpr = ANPR.exec(topic);
  if (anpr) {
    const [, tenantCode, deviceId] = anpr as unknown as [string, string, string];
    const refuse = (path: string, reason: string, message: string) =>
      reply(`ronghui/${tenantCode}/anpr/${deviceId}/rejected`, { rejected: [{ path, reason, message }] });
    let body: { plate?: unknown; at?: unknown };
    try {
      body = JSON.parse(payload.toString()) as typeof body;
    } catch {
      await traffic.countRejected(tenantCode, deviceId, 'not-json');
      return refuse('', 'not-json', 'the message is not JSON');
    }
    if (typeof body?.plate !== 'string' || (body.at !== undefined && typeof body.at !== 'string'))
      return refuse('plate', 'plate-invalid', 'a plate read is {"plate": "闽C8H58M", "at"?: ISO time}');
    try {
      await traffic.deviceVehicle(tenantCode, deviceId, body.plate, body.at as string | undefined);
    } catch (error) {
      if (error instanceof DomainError) {
        const problem = error.errors[0];
        return refuse(
          problem?.path ?? '',
          problem?.path === 'plate' ? 'plate-invalid' : 'refused',
          error.message,
        );
      }
      throw error;
    }
    return;
  }
  const status = STATUS.exec(topic);
  if (status) {
    await traffic.heartbeat(status[1]!, status[2]!);
    return;
  }
  const ack = ACK.exec(topic);
  if (ack) {
    let body: unknown;
    try {
      body = JSON.parse(payload.toString());
    } catch {
      return;
    }
    if (body && typeof body === 'object')
      await traffic.acknowledge(ack[1]!, ack[2]!, body as { id?: unknown });
    return;
  }
  const match = RWIS.exec(topic);
  if (!match) return;
  const [, tenantCode, deviceId] = match as unknown as [string, string, string];
  let body: unknown;
  try {
    body = JSON.parse(payload.toString());
  } catch {
    reply(`ronghui/${tenantCode}/rwis/${deviceId}/rejected`, {
      rejected: [{ path: '', reason: 'not-json', message: 'the message is not JSON' }],
    });
    await traffic.countRejected(tenantCode, deviceId, 'not-json');
    return;
  }
  const items = (Array.isArray(body) ? body : [body]).map((item) =>
    item && typeof item === 'object' && !('deviceId' in item) ? { deviceId, ...item } : item,
  );
  const misaddressed = items.filter(
    (i) => i && typeof i === 'object' && (i as { deviceId?: unknown }).deviceId !== deviceId,
  );
  const own = items.filter((i) => !misaddressed.includes(i));
  const { problems } = await traffic.ingestDevice(tenantCode, own);
  const rejected = [
    ...problems.map((p) => ({ path: p.path, reason: p.reason, message: p.message })),
    ...misaddressed.map(() => ({
      path: 'deviceId',
      reason: 'wrong-topic',
      message: `a reading on ${deviceId}'s topic names another device`,
    })),
  ];
  if (rejected.length) reply(`ronghui/${tenantCode}/rwis/${deviceId}/rejected`, { rejected });
}

/**
 * For an external broker (MQTT_URL): subscribes to sensor readings and sign acknowledgements with QoS 1
 * (acknowledged to the broker once stored) and sends sign commands through the same connection.
 */
export async function startTrafficSubscriber(options: {
  url: string;
  credentials?: { username: string; password: string } | undefined;
  traffic: TrafficService;
  log: Logger;
}): Promise<{ client: MqttClient; close(): Promise<void> }> {
  const client = await mqtt.connectAsync(options.url, {
    clientId: `ronghui-traffic-${process.pid}`,
    clean: false,
    reconnectPeriod: 1_000,
    ...(options.credentials ?? {}),
  });
  const reply: Reply = (topic, body) => client.publish(topic, JSON.stringify(body), { qos: 0 });
  client.handleMessage = (packet, callback) => {
    handleTrafficMessage(options.traffic, reply, packet.topic, packet.payload as Buffer).then(
      () => callback(),
      (error) => {
        options.log.error(
          { err: error, topic: packet.topic },
          'traffic message not stored; the broker sends it again',
        );
        client.end(true, undefined, () => client.reconnect());
      },
    );
  };
  await client.subscribeAsync([RWIS_TOPIC, ANPR_TOPIC, VMS_ACK_TOPIC, VMS_STATUS_TOPIC], { qos: 1 });
  options.traffic.setPublisher((topic, body) => client.publish(topic, JSON.stringify(body), { qos: 1 }));
  return {
    client,
    async close() {
      options.traffic.setPublisher(undefined);
      await client.endAsync();
    },
  };
}
