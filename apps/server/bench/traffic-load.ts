/**
 * Load generator for bench:traffic, run as its own process so that it does not share the server's event loop:
 * road sensors publishing readings over MQTT (QoS 1, one connection per `--per-connection` sensors, each sensor
 * at `--hz`), ANPR plate reads over HTTP at `--plates` a second, and sign controllers that take the commands on
 * `…/vms/+/cmd` and acknowledge them on `…/ack`. Measures plate read sent → sign command received (matched by
 * the plate at the head of the command text) and reading sent → PUBACK. Prints one JSON line.
 */
import { parseArgs } from 'node:util';
import mqtt, { type MqttClient } from 'mqtt';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    mqtt: { type: 'string' },
    cookie: { type: 'string' },
    token: { type: 'string' },
    tenant: { type: 'string', default: '350526' },
    /** JSON: [{id, kind, fog}] — `fog` sensors see fog banks come and go. */
    sensors: { type: 'string' },
    /** JSON: camera ids, plate reads go round them. */
    cameras: { type: 'string' },
    hz: { type: 'string', default: '1' },
    plates: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '60' },
    'per-connection': { type: 'string', default: '20' },
    /** First plate number, so that plates stay unique across runs. */
    'plate-offset': { type: 'string', default: '0' },
    /** How cameras send their reads: MQTT (`…/anpr/<camera>`, QoS 1) or HTTP (`POST /api/traffic/plate-reads`). */
    'plates-via': { type: 'string', default: 'mqtt' },
  },
});
const url = values.url!;
const tenant = values.tenant!;
const cookie = values.cookie!;
const sensors = JSON.parse(values.sensors!) as { id: string; kind: string; fog: boolean }[];
const cameras = JSON.parse(values.cameras!) as string[];
const hz = Number(values.hz);
const plateRate = Number(values.plates);
const seconds = Number(values.seconds);
const perConnection = Math.max(1, Number(values['per-connection']));
const plateOffset = Number(values['plate-offset']);
const platesViaMqtt = values['plates-via'] !== 'http';

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : null;
};
const round = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

/** Ordinary GA 36-2018 plates 闽C + letter + 4 digits, unique per index. */
const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const plateOf = (n: number) =>
  `闽C${LETTERS[Math.floor(n / 10_000) % LETTERS.length]}${String(n % 10_000).padStart(4, '0')}`;

// Sign controllers: take each command, note when a plate's warning arrives, acknowledge it.
const sentAt = new Map<string, number>();
const plateMs: number[] = [];
let commands = 0;
let acks = 0;
const signs = await mqtt.connectAsync(values.mqtt!, { username: 'vms-controllers', password: values.token! });
signs.on('message', (topic, payload) => {
  const now = performance.now();
  commands++;
  const command = JSON.parse(payload.toString()) as { id: string; text: string };
  const plate = command.text.split(',')[0]!;
  const sent = sentAt.get(plate);
  if (sent !== undefined) {
    plateMs.push(now - sent);
    sentAt.delete(plate);
  }
  signs.publish(topic.replace(/\/cmd$/, '/ack'), JSON.stringify({ id: command.id }), { qos: 1 }, (error) => {
    if (!error) acks++;
  });
});
await signs.subscribeAsync(`ronghui/${tenant}/vms/+/cmd`, { qos: 0 });

// Sensors: one MQTT connection per `perConnection` of them.
const connections: MqttClient[] = await Promise.all(
  Array.from({ length: Math.ceil(sensors.length / perConnection) }, (_, k) =>
    mqtt.connectAsync(values.mqtt!, { username: `rwis-${k}`, password: values.token! }),
  ),
);

// Cameras: each its own connection, as a roadside camera is its own MQTT client.
const cameraConnections: MqttClient[] = platesViaMqtt
  ? await Promise.all(
      cameras.map((id) => mqtt.connectAsync(values.mqtt!, { username: id, password: values.token! })),
    )
  : [];

/** Mostly benign weather; `fog` sensors' visibility falls below 500 m for 15 s in every 30 s. */
const reading = (s: { kind: string; fog: boolean }, i: number, elapsedS: number) => {
  const wobble = Math.sin(elapsedS / 7 + i);
  const at = new Date().toISOString();
  if (s.kind === 'visibility')
    return {
      at,
      visibilityM: s.fog && Math.floor(elapsedS / 15) % 2 === 1 ? 150 + 50 * wobble : 4000 + 1500 * wobble,
    };
  if (s.kind === 'surface')
    return {
      at,
      surfaceTempC: 6 + 2 * wobble,
      dewPointC: 1 + wobble,
      friction: 0.8 + 0.05 * wobble,
    };
  return {
    at,
    airTempC: 9 + 2 * wobble,
    dewPointC: 2 + wobble,
    windSpeedMs: 3 + wobble,
    windGustMs: 6 + 2 * wobble,
    precipitationMmH: 0.2 + 0.2 * wobble,
  };
};

let readingsSent = 0;
let readingsAcked = 0;
let readingsFailed = 0;
const pubackMs: number[] = [];
let platesSent = 0;
let platesAccepted = 0;
let platesWarned = 0;
const plateFailures = new Map<string | number, number>();
const httpMs: number[] = [];
const pending = new Set<Promise<void>>();

const periodMs = 1000 / hz;
const start = performance.now();
const endAt = start + seconds * 1000;
// Each sensor's next send time, spread evenly over one period so that the load is flat.
const next = sensors.map((_, i) => start + (i / sensors.length) * periodMs);
let plateIndex = 0;
const plateIntervalMs = plateRate > 0 ? 1000 / plateRate : Number.POSITIVE_INFINITY;
let nextPlate = start;

const sendPlate = (n: number) => {
  const plate = plateOf(plateOffset + n);
  const deviceId = cameras[n % cameras.length]!;
  const t = performance.now();
  sentAt.set(plate, t);
  platesSent++;
  if (platesViaMqtt) {
    const job = new Promise<void>((resolve) => {
      cameraConnections[n % cameraConnections.length]!.publish(
        `ronghui/${tenant}/anpr/${deviceId}`,
        JSON.stringify({ plate }),
        { qos: 1 },
        (error) => {
          httpMs.push(performance.now() - t);
          if (error) plateFailures.set('mqtt', (plateFailures.get('mqtt') ?? 0) + 1);
          else platesAccepted++;
          resolve();
        },
      );
    });
    pending.add(job);
    void job.finally(() => pending.delete(job));
    return;
  }
  const job = fetch(`${url}/api/traffic/plate-reads`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ deviceId, plate }),
  })
    .then(async (res) => {
      const body = (await res.json()) as { accepted?: number; warned?: boolean };
      httpMs.push(performance.now() - t);
      if (res.status !== 202) {
        plateFailures.set(res.status, (plateFailures.get(res.status) ?? 0) + 1);
        return;
      }
      platesAccepted += body.accepted ?? 0;
      if (body.warned) platesWarned++;
    })
    .catch((error: { cause?: { code?: string } }) => {
      const key = error.cause?.code ?? 'network';
      plateFailures.set(key, (plateFailures.get(key) ?? 0) + 1);
    });
  pending.add(job);
  void job.finally(() => pending.delete(job));
};

while (performance.now() < endAt) {
  const now = performance.now();
  for (let i = 0; i < sensors.length; i++) {
    if (next[i]! > now) continue;
    next[i]! += periodMs;
    const s = sensors[i]!;
    const t = performance.now();
    readingsSent++;
    connections[Math.floor(i / perConnection)]!.publish(
      `ronghui/${tenant}/rwis/${s.id}`,
      JSON.stringify(reading(s, i, (now - start) / 1000)),
      { qos: 1 },
      (error) => {
        if (error) readingsFailed++;
        else {
          readingsAcked++;
          pubackMs.push(performance.now() - t);
        }
      },
    );
  }
  while (nextPlate <= now) {
    sendPlate(plateIndex++);
    nextPlate += plateIntervalMs;
  }
  await new Promise((r) => setTimeout(r, 5));
}
const sendSeconds = (performance.now() - start) / 1000;
await Promise.all(pending);
// Every PUBACK back (stored), or 30 s.
const drainUntil = performance.now() + 30_000;
while (readingsAcked + readingsFailed < readingsSent && performance.now() < drainUntil)
  await new Promise((r) => setTimeout(r, 50));
// Commands for the last plate reads, and their acknowledgements.
await new Promise((r) => setTimeout(r, 2_000));
await Promise.all([...connections, ...cameraConnections].map((c) => c.endAsync()));
await signs.endAsync();
console.log(
  JSON.stringify({
    sendSeconds,
    readingsSent,
    readingsAcked,
    readingsFailed,
    pubackP50: round(pct(pubackMs, 50)),
    pubackP99: round(pct(pubackMs, 99)),
    platesSent,
    platesAccepted,
    platesWarned,
    plateFailures: Object.fromEntries(plateFailures),
    plateHttpP99: round(pct(httpMs, 99)),
    plateCommands: plateMs.length,
    plateP50: round(pct(plateMs, 50)),
    plateP99: round(pct(plateMs, 99)),
    plateMax: round(pct(plateMs, 100)),
    commands,
    acks,
    connections: connections.length,
  }),
);
process.exit(0);
