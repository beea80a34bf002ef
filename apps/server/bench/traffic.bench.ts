/**
 * bench:traffic — 智慧交通 under load: road sensors publishing readings over MQTT (the embedded broker
 * acknowledges once stored) while ANPR cameras send plate reads over HTTP on the approach to active hazards,
 * and the signs take their commands over MQTT and acknowledge them. Measures receipt → rule decision (server
 * side, per message), plate read sent → sign command received (at the sign controller), and readings lost
 * (sent − stored rows). A baseline at a twentieth of the load runs first in the same run. Last line: one
 * JSON object.
 *
 *   npm run bench:traffic -- [--devices 1000] [--hz 1] [--plates 200] [--seconds 60] [--cameras 20]
 *                            [--baseline-seconds 10] [--database pglite|postgres]
 *
 * `--database postgres` takes DATABASE_URL; the default is embedded PGlite in a temporary directory.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { seedDemo } from '../src/demo/seed-demo.ts';
import { startServer } from '../src/main.ts';

const { values } = parseArgs({
  options: {
    devices: { type: 'string', default: '1000' },
    hz: { type: 'string', default: '1' },
    plates: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '60' },
    cameras: { type: 'string', default: '20' },
    'baseline-seconds': { type: 'string', default: '10' },
    database: { type: 'string', default: 'pglite' },
    /** Writes the server's CPU profile of the full-load run to this file (to see where the time goes). */
    'cpu-profile': { type: 'string' },
    /** How the cameras send plate reads: mqtt (…/anpr/<camera>) or http (POST /api/traffic/plate-reads). */
    'plates-via': { type: 'string', default: 'mqtt' },
  },
});
const deviceCount = Number(values.devices);
const hz = Number(values.hz);
const plateRate = Number(values.plates);
const seconds = Number(values.seconds);
const platesVia = values['plates-via'] === 'http' ? 'http' : 'mqtt';
const cameraCount = Math.max(1, Number(values.cameras));
const baselineSeconds = Number(values['baseline-seconds']);
const TENANT = '350526';
/** Sensor sections (two of them foggy) and ice sections (where the cameras and their signs are). */
const SENSOR_SECTIONS = 10;
const FOG_SECTIONS = 2;
const ICE_SECTIONS = 4;
if (values.database === 'postgres' && !process.env.DATABASE_URL)
  throw new Error('--database postgres needs DATABASE_URL');
const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

/** A free TCP port for the embedded broker (MQTT_PORT 0 would switch it off). */
const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createNetServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });

const dataDir = mkdtempSync(join(tmpdir(), 'ronghui-bench-'));
const config = loadConfig({
  DATA_DIR: dataDir,
  LOG_LEVEL: 'silent',
  HOST: '127.0.0.1',
  PORT: '0',
  MQTT_PORT: String(await freePort()),
  SIMULATE: 'false',
  PUSH: 'false',
  ...(values.database === 'postgres' ? { DATABASE_URL: process.env.DATABASE_URL! } : {}),
});
// The server as `ronghui start` runs it: embedded broker (stored before PUBACK), sign timers, sweeps.
const server = await startServer(config, { seedDemo: (s) => seedDemo(s) });
const { url, services } = server;
const mqttUrl = server.mqttUrl;
if (!mqttUrl) throw new Error('the embedded MQTT broker did not start');
const { db } = services;
console.log(`database: ${config.DATABASE_URL ? 'postgres' : 'pglite'}; server ${url}; MQTT ${mqttUrl}`);

const res = await fetch(`${url}/api/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'commander', password: 'ronghui-demo' }),
});
if (res.status !== 200) throw new Error(`login: ${res.status}`);
const cookie = res.headers
  .getSetCookie()
  .map((c) => c.split(';')[0])
  .join('; ');
const api = async <T>(method: string, path: string, body?: unknown, type = 'application/json') => {
  const r = await fetch(`${url}${path}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': type }) },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await r.text();
  if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${text}`);
  return JSON.parse(text) as T;
};
const token = (
  await api<{ token: string }>('POST', '/api/auth/tokens', { name: 'bench road devices', ttlDays: 1 })
).token;

// Sections along the demo's configured routes (县城 → 赤水, 赤水 → 九仙山), cut into consecutive stretches.
type Line = [number, number][];
const routes = await api<{ items: { name: string; geometry: { coordinates: Line } | null }[] }>(
  'GET',
  '/api/traffic/routes',
);
const paths = routes.items.flatMap((r) => (r.geometry ? [r.geometry.coordinates] : []));
if (!paths.length) throw new Error('the demo has no routes with a geometry to lay sections on');
const wanted = SENSOR_SECTIONS + ICE_SECTIONS;
const sensorSections: string[] = [];
const iceSections: string[] = [];
const lines = new Map<string, Line>();
/** A section on `line`, or undefined when the line covers no whole road edge. */
const addSection = async (line: Line) => {
  const i = sensorSections.length + iceSections.length;
  const ice = i >= SENSOR_SECTIONS;
  const r = await fetch(`${url}/api/traffic/sections`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({
      name: ice ? `压测冰冻路段${i - SENSOR_SECTIONS + 1}` : `压测路段${i + 1}`,
      line,
      // Fog comes and goes within the run; ice, once raised, stays for the whole of it.
      rules: ice ? { minOnSeconds: 0, minOffSeconds: 7200 } : { minOnSeconds: 3, minOffSeconds: 5 },
    }),
  });
  if (r.status === 422) return undefined;
  if (r.status !== 201) throw new Error(`POST /api/traffic/sections: ${r.status} ${await r.text()}`);
  const { id } = (await r.json()) as { id: string };
  (ice ? iceSections : sensorSections).push(id);
  lines.set(id, line);
  return id;
};
// Consecutive stretches of each route, each grown until it covers whole road edges (the section rule).
for (const path of paths) {
  const chunk = Math.max(2, Math.floor(path.length / Math.ceil(wanted / paths.length)));
  let from = 0;
  for (let to = from + chunk; to <= path.length && sensorSections.length + iceSections.length < wanted; ) {
    if (await addSection(path.slice(from, to))) {
      from = to - 1;
      to = from + chunk;
    } else to++;
  }
}
// Too few stretches on the demo roads: later sections share a stretch (sections may overlap).
const made = [...lines.values()];
if (!made.length) throw new Error('no road stretch to lay a section on');
for (let k = 0; sensorSections.length + iceSections.length < wanted; k++)
  await addSection(made[k % made.length]!);
const at = (sectionId: string, share: number) => {
  const line = lines.get(sectionId)!;
  const p = line[Math.min(line.length - 1, Math.floor(share * line.length))]!;
  return `${p[0].toFixed(6)},${p[1].toFixed(6)}`;
};

// Devices, imported as one CSV: the sensors, one icy surface sensor per ice section, cameras with their signs.
const KINDS = ['weather', 'visibility', 'surface'] as const;
const sensors = Array.from({ length: deviceCount }, (_, i) => {
  const section = i % SENSOR_SECTIONS;
  return {
    id: `B-S-${String(i + 1).padStart(4, '0')}`,
    kind: KINDS[i % KINDS.length]!,
    sectionId: sensorSections[section]!,
    fog: section < FOG_SECTIONS,
    share: (Math.floor(i / SENSOR_SECTIONS) + 0.5) / Math.ceil(deviceCount / SENSOR_SECTIONS),
  };
});
const cameras = Array.from({ length: cameraCount }, (_, i) => ({
  id: `B-ANPR-${i + 1}`,
  signId: `B-VMS-${i + 1}`,
  sectionId: iceSections[i % ICE_SECTIONS]!,
  share: ((Math.floor(i / ICE_SECTIONS) % 10) + 0.5) / 10,
}));
const csv = [
  'id,name,kind,lon,lat,sectionId,signId,junction,branch,lines,charsPerLine',
  ...cameras.map(
    (c, i) => `${c.signId},压测情报板${i + 1},sign,${at(c.sectionId, c.share)},${c.sectionId},,,,2,12`,
  ),
  ...cameras.map(
    (c, i) => `${c.id},压测卡口${i + 1},anpr,${at(c.sectionId, c.share)},${c.sectionId},${c.signId},,,,,`,
  ),
  ...iceSections.map((s, i) => `B-ICE-${i + 1},压测冰冻传感器${i + 1},surface,${at(s, 0.5)},${s},,,,,,`),
  ...sensors.map(
    (s, i) => `${s.id},压测${s.kind}${i + 1},${s.kind},${at(s.sectionId, s.share)},${s.sectionId},,,,,,`,
  ),
].join('\n');
const imported = await api<{ created: number }>(
  'POST',
  '/api/traffic/devices/import',
  `${csv}\n`,
  'text/csv',
);
console.log(
  `sections: ${SENSOR_SECTIONS} with sensors (${FOG_SECTIONS} foggy), ${ICE_SECTIONS} iced; devices imported: ${imported.created} (${deviceCount} sensors, ${cameraCount} cameras with a sign each)`,
);

// Ice on every camera's section: surface −3 ℃, friction 0.3.
await api(
  'POST',
  '/api/traffic/readings',
  iceSections.map((_, i) => ({
    deviceId: `B-ICE-${i + 1}`,
    surfaceTempC: -3,
    dewPointC: -4,
    friction: 0.3,
  })),
);
await services.traffic.idle(TENANT);
const active = await api<{ items: { sectionId: string; condition: string }[] }>(
  'GET',
  '/api/traffic/hazards?active=true&pageSize=100',
);
const iced = iceSections.filter((s) => active.items.some((h) => h.sectionId === s && h.condition === 'ice'));
if (iced.length !== ICE_SECTIONS)
  throw new Error(`ice hazards active on ${iced.length} of ${ICE_SECTIONS} sections`);
console.log(`active ice hazards on the camera sections: ${iced.length}`);

interface Load {
  sendSeconds: number;
  readingsSent: number;
  readingsAcked: number;
  readingsFailed: number;
  pubackP50: number | null;
  pubackP99: number | null;
  platesSent: number;
  platesAccepted: number;
  platesWarned: number;
  plateFailures: Record<string, number>;
  plateHttpP99: number | null;
  plateCommands: number;
  plateP50: number | null;
  plateP99: number | null;
  plateMax: number | null;
  commands: number;
  acks: number;
  connections: number;
}
const countReadings = async () =>
  Number(
    (
      await db
        .selectFrom('traffic_readings')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('tenant_code', '=', TENANT)
        .where('device_id', 'like', 'B-S-%')
        .executeTakeFirstOrThrow()
    ).n,
  );
const countPlates = async () =>
  Number(
    (
      await db
        .selectFrom('traffic_plate_reads')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('tenant_code', '=', TENANT)
        .where('device_id', 'like', 'B-ANPR-%')
        .executeTakeFirstOrThrow()
    ).n,
  );
const hazardStarts = async () =>
  Number(
    (
      await db
        .selectFrom('traffic_hazards')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('tenant_code', '=', TENANT)
        .where('section_id', 'in', sensorSections)
        .executeTakeFirstOrThrow()
    ).n,
  );

/** One run of the load generator (its own process); the server's figures for that run alone. */
let plateOffset = 0;
const run = async (label: string, n: number, plates: number, secs: number) => {
  const readingsBefore = await countReadings();
  const platesBefore = await countPlates();
  const hazardsBefore = await hazardStarts();
  services.traffic.resetMetrics();
  const generator = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      fileURLToPath(new URL('./traffic-load.ts', import.meta.url)),
      `--url=${url}`,
      `--mqtt=${mqttUrl}`,
      `--cookie=${cookie}`,
      `--token=${token}`,
      `--tenant=${TENANT}`,
      `--sensors=${JSON.stringify(sensors.slice(0, n).map((s) => ({ id: s.id, kind: s.kind, fog: s.fog })))}`,
      `--cameras=${JSON.stringify(cameras.map((c) => c.id))}`,
      `--hz=${hz}`,
      `--plates=${plates}`,
      `--seconds=${secs}`,
      `--plate-offset=${plateOffset}`,
      `--plates-via=${platesVia}`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  plateOffset += Math.ceil(plates * secs) + 1000;
  let out = '';
  generator.stdout.on('data', (c: Buffer) => {
    out += c.toString();
  });
  const code = await new Promise<number | null>((r) => generator.once('exit', r));
  if (code !== 0) throw new Error(`${label}: the load generator exited with ${code}`);
  const load = JSON.parse(out.trim().split('\n').pop()!) as Load;
  await services.traffic.idle(TENANT);
  const metrics = services.traffic.metrics();
  const stored = (await countReadings()) - readingsBefore;
  const platesStored = (await countPlates()) - platesBefore;
  const hazards = (await hazardStarts()) - hazardsBefore;
  console.log(
    `${label}: ${n} sensors at ${hz} Hz (${load.connections} MQTT connections) + ${plates} plate reads/s for ${round(load.sendSeconds, 1)} s`,
  );
  console.log(
    `  readings: sent ${load.readingsSent} (${round(load.readingsSent / load.sendSeconds, 0)}/s), PUBACK ${load.readingsAcked}, failed ${load.readingsFailed}, stored ${stored}, lost ${load.readingsSent - stored}; sent → PUBACK p50 ${load.pubackP50} ms, p99 ${load.pubackP99} ms`,
  );
  console.log(
    `  rules: ${metrics.decisions} decisions, receipt → decision p50 ${round(metrics.ruleP50Ms, 3)} ms, p99 ${round(metrics.ruleP99Ms, 3)} ms; fog hazards started on the sensor sections: ${hazards}`,
  );
  console.log(
    `  plate reads: sent ${load.platesSent} (${round(load.platesSent / load.sendSeconds, 0)}/s), accepted ${load.platesAccepted}, warned ${load.platesWarned}, stored ${platesStored}, failed ${JSON.stringify(load.plateFailures)}; ${platesVia === 'http' ? 'HTTP' : 'PUBACK'} p99 ${load.plateHttpP99} ms`,
  );
  console.log(
    `  plate read → sign command at the sign: ${load.plateCommands} of ${load.platesSent}, p50 ${load.plateP50} ms, p99 ${load.plateP99} ms, max ${load.plateMax} ms (server-side p99 ${round(metrics.plateToSignP99Ms, 3)} ms); commands ${load.commands}, acknowledged ${load.acks}`,
  );
  return { load, metrics, stored, platesStored, hazards };
};

const baselineDevices = Math.max(1, Math.round(deviceCount / 20));
const baselinePlates = Math.max(1, Math.round(plateRate / 20));
const base = await run('baseline', baselineDevices, baselinePlates, baselineSeconds);
const profiler = values['cpu-profile'] ? new Session() : undefined;
if (profiler) {
  profiler.connect();
  await profiler.post('Profiler.enable');
  await profiler.post('Profiler.start');
}
const full = await run('load', deviceCount, plateRate, seconds);
if (profiler) {
  const { profile } = await profiler.post('Profiler.stop');
  writeFileSync(values['cpu-profile']!, JSON.stringify(profile));
  profiler.disconnect();
}

await server.close();
rmSync(dataDir, { recursive: true, force: true });

const ratio = (a: number | null, b: number | null) =>
  a === null || b === null || b === 0 ? null : round(a / b, 2);
const fullRuleP99 = round(full.metrics.ruleP99Ms, 3);
const lost = full.load.readingsSent - full.stored;
console.log(
  `targets: rule p99 ${fullRuleP99} ms (≤ 50), plate → sign p99 ${full.load.plateP99} ms (≤ 1000), readings lost ${lost} (0), plate reads without a command ${full.load.platesSent - full.load.plateCommands}`,
);
const result = {
  devices: deviceCount,
  hz,
  seconds,
  readings_sent: full.load.readingsSent,
  readings_acked: full.load.readingsAcked,
  readings_stored: full.stored,
  readings_lost: lost,
  readings_per_s: round(full.load.readingsSent / full.load.sendSeconds, 0),
  puback_p50_ms: full.load.pubackP50,
  puback_p99_ms: full.load.pubackP99,
  rule_decisions: full.metrics.decisions,
  rule_p50_ms: round(full.metrics.ruleP50Ms, 3),
  rule_p99_ms: fullRuleP99,
  fog_hazards_started: full.hazards,
  plate_reads: full.load.platesSent,
  plate_reads_per_s: round(full.load.platesSent / full.load.sendSeconds, 0),
  plates_via: platesVia,
  plate_reads_warned: full.load.platesWarned,
  plate_reads_stored: full.platesStored,
  plate_reads_failed: Object.values(full.load.plateFailures).reduce((a, b) => a + b, 0),
  plate_commands_missing: full.load.platesSent - full.load.plateCommands,
  plate_to_sign_p50_ms: full.load.plateP50,
  plate_to_sign_p99_ms: full.load.plateP99,
  plate_to_sign_server_p99_ms: round(full.metrics.plateToSignP99Ms, 3),
  sign_commands: full.load.commands,
  sign_acks: full.load.acks,
  baseline_devices: baselineDevices,
  baseline_plates_per_s: baselinePlates,
  baseline_rule_p99_ms: round(base.metrics.ruleP99Ms, 3),
  baseline_plate_to_sign_p99_ms: base.load.plateP99,
  baseline_puback_p99_ms: base.load.pubackP99,
  baseline_readings_lost: base.load.readingsSent - base.stored,
  rule_p99_vs_baseline: ratio(fullRuleP99, round(base.metrics.ruleP99Ms, 3)),
  plate_to_sign_p99_vs_baseline: ratio(full.load.plateP99, base.load.plateP99),
  puback_p99_vs_baseline: ratio(full.load.pubackP99, base.load.pubackP99),
  database: config.DATABASE_URL ? 'postgres' : 'pglite',
};
console.log(JSON.stringify(result));
process.exit(0);
