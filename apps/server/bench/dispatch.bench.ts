/**
 * bench:dispatch — recommendation latency through HTTP with 300 on-duty units, AVL ingest over MQTT and HTTP
 * together (throughput, receipt → WebSocket delivery latency, positions lost), and county coverage with 100
 * units; each against a baseline measured in the same run. Last line: one JSON object.
 *
 *   npm run bench:dispatch -- [--seconds 60] [--warmup 5] [--rate 5000] [--requests 200] [--devices 300]
 *
 * AVL runs `--warmup` seconds at the full rate first (sent, stored and checked for losses like the rest; its
 * latency reported apart), then `--seconds` measured.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { loadConfig } from '../src/config.ts';
import { seedDemo } from '../src/demo/seed-demo.ts';
import { createServer, createServices } from '../src/main.ts';
import { createAvlBatcher, type Reply } from '../src/modules/units/index.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { startEmbeddedBroker } from '../src/platform/mqtt/broker.ts';

const { values } = parseArgs({
  options: {
    devices: { type: 'string', default: '300' },
    seconds: { type: 'string', default: '60' },
    rate: { type: 'string', default: '5000' },
    requests: { type: 'string', default: '200' },
    warmup: { type: 'string', default: '5' },
  },
});
const seconds = Number(values.seconds);
const rate = Number(values.rate);
const requests = Number(values.requests);
const log = pino({ level: 'silent' });
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : Number.NaN;
};
const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

const dataDir = mkdtempSync(join(tmpdir(), 'ronghui-bench-'));
const config = loadConfig({
  DATA_DIR: dataDir,
  LOG_LEVEL: 'silent',
  MQTT_PORT: '0',
  ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
});
const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir, command: 'bench' });
await migrate(database);
const services = await createServices({ database, config, log });
await seedDemo(services);
await services.bus.start();
const app = await createServer(services, { logger: false });
const url = await app.listen({ port: 0, host: '127.0.0.1' });
// The embedded broker as `ronghui start` runs it: device messages are stored before they are acknowledged.
let reply: Reply = () => {};
const batcher = createAvlBatcher({ avl: services.avl, log, reply: (topic, body) => reply(topic, body) });
const broker = (await startEmbeddedBroker({
  port: 0,
  host: '127.0.0.1',
  authenticate: (t) => services.auth.authenticate(t),
  log,
  onDevicePublish: (topic, payload) => batcher.submit(topic, payload),
}))!;
reply = broker.publish;
const { db } = services;
console.log(`database: ${database.kind}; server ${url}; MQTT ${broker.url}`);

// 300 on-duty units: the demo's units on a round-the-clock rota, plus county-town units to make up the number.
const seeded = await db.selectFrom('units').select(['id', 'lon', 'lat', 'station_id']).execute();
await db
  .updateTable('duty_rotations')
  .set({ off_hours: 0, anchor: new Date(Date.now() - 3_600_000) })
  .execute();
const town = seeded.find((u) => u.station_id === 'station-350526100')!;
const extra = Math.max(0, 300 - seeded.length);
for (let i = 0; i < extra; i++) {
  const id = `bench-${i}`;
  await db
    .insertInto('units')
    .values({
      tenant_code: '350526',
      id,
      callsign: `压测${i}`,
      name: `压测单元${i}`,
      kind: 'officer',
      station_id: 'station-350526100',
      capabilities: [],
      status: 'available',
      lon: town.lon! + (i % 20) * 0.002,
      lat: town.lat! + Math.floor(i / 20) * 0.002,
      position_at: new Date(),
    })
    .execute();
  await db
    .insertInto('duty_rotations')
    .values({
      tenant_code: '350526',
      unit_id: id,
      anchor: new Date(Date.now() - 3_600_000),
      on_hours: 24,
      off_hours: 0,
    })
    .execute();
}
services.avl.invalidate('350526');
const units = await db.selectFrom('units').select(['id', 'lon', 'lat']).execute();
console.log(`units on duty: ${units.length}`);

const login = async (username: string) => {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'ronghui-demo' }),
  });
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
};
const commander = await login('commander');
const dispatcher = await login('dispatcher');

// 1. Recommendation through HTTP (county scope: every unit is a candidate).
const incident = (await (
  await fetch(`${url}/api/incidents`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: dispatcher },
    body: JSON.stringify({
      source: '110',
      category: '刑事',
      priority: 1,
      description: '压测警情',
      address: '德化县杨梅乡',
    }),
  })
).json()) as { id: string };
const incidentId = incident.id;
const recommendMs: number[] = [];
// Warm-up: the first request loads the road graph and caches; it is not what a dispatcher waits for each time.
for (let i = 0; i < 5; i++)
  await (
    await fetch(`${url}/api/incidents/${incidentId}/recommendations?scope=county`, {
      headers: { cookie: dispatcher },
    })
  ).json();
for (let i = 0; i < requests; i++) {
  const t = performance.now();
  const res = await fetch(`${url}/api/incidents/${incidentId}/recommendations?scope=county`, {
    headers: { cookie: dispatcher },
  });
  await res.json();
  recommendMs.push(performance.now() - t);
}
// Baseline: the same ETAs with one plain Dijkstra per unit instead of one many-to-one sweep.
const roads = services.routing;
const target: [number, number] = [118.02, 25.7];
const sources = units.filter((u) => u.lon !== null).map((u) => [u.lon!, u.lat!] as [number, number]);
const t0 = performance.now();
roads.travelTimes('350526', sources, target);
const manyToOneMs = performance.now() - t0;
const t1 = performance.now();
for (const s of sources) {
  try {
    roads.routeBetween('350526', s, target);
  } catch {
    // unreachable units count as answered
  }
}
const perUnitRoutesMs = performance.now() - t1;
console.log(
  `recommend over HTTP, ${sources.length} units: p50 ${round(pct(recommendMs, 50))} ms, p99 ${round(pct(recommendMs, 99))} ms`,
);
console.log(
  `ETAs in-process: many-to-one ${round(manyToOneMs)} ms vs one route per unit ${round(perUnitRoutesMs)} ms`,
);

// 2. AVL ingest: half over HTTP batches, half over MQTT messages (one connection per tracker), for `seconds`,
// generated by a separate process (scripts in one process would share the server's event loop).
const token = (
  (await (
    await fetch(`${url}/api/auth/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: dispatcher },
      body: JSON.stringify({ name: 'bench tracker', ttlDays: 1 }),
    })
  ).json()) as { token: string }
).token;
const before = Number(
  (
    await db
      .selectFrom('avl_positions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n,
);
const ids = units.map((u) => u.id);
const started = performance.now();
const generator = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    fileURLToPath(new URL('./avl-load.ts', import.meta.url)),
    `--url=${url}`,
    `--mqtt=${broker.url}`,
    `--cookie=${commander}`,
    `--token=${token}`,
    `--units=${JSON.stringify(units.map((u) => ({ id: u.id, lon: u.lon ?? 118.24, lat: u.lat ?? 25.49 })))}`,
    `--rate=${rate}`,
    `--seconds=${seconds}`,
    `--devices=${values.devices}`,
    `--warmup=${values.warmup}`,
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
let out = '';
generator.stdout.on('data', (c: Buffer) => {
  out += c.toString();
});
await new Promise((r) => generator.once('exit', r));
const load = JSON.parse(out.trim().split('\n').pop()!) as {
  http: number;
  mqtt: number;
  rejected: number;
  failed: number;
  sendSeconds: number;
  delivered: number;
  p50: number;
  p99: number;
  windowP99: (number | null)[];
  measured: number;
  warmupSeconds: number;
  warmupP99: number | null;
};
await services.bus.drain();
const stored =
  Number(
    (
      await db
        .selectFrom('avl_positions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  ) - before;
const accepted = load.http + load.mqtt;
const totalSeconds = (performance.now() - started) / 1000;
const sendSeconds = load.sendSeconds;
const rejected = load.rejected;
const delivered = load.delivered;
const latencies = [load.p50, load.p99];
console.log(
  `AVL: ${load.warmupSeconds} s warm-up (p99 ${load.warmupP99} ms), then ${load.measured} fixes in ${round(sendSeconds, 1)} s (${round(load.measured / sendSeconds, 0)}/s); in all sent ${accepted} (HTTP ${load.http}, MQTT ${load.mqtt}), stored ${stored}, rejected ${rejected}, failed ${load.failed}, delivered to WebSocket ${delivered}`,
);
console.log(`AVL receipt → WebSocket after warm-up: p50 ${load.p50} ms, p99 ${load.p99} ms`);
console.log(`AVL p99 per 5 s of sending: ${load.windowP99.map((v) => v ?? '–').join(', ')} ms`);

// 3. Coverage of the county with 100 available units, against a per-village many-to-one baseline.
const keep = new Set(ids.slice(0, 100));
await db
  .updateTable('units')
  .set({ status: 'out-of-service' })
  .where('id', 'not in', [...keep])
  .execute();
const coverageMs: number[] = [];
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  await (await fetch(`${url}/api/coverage?minutes=3,5,10`, { headers: { cookie: commander } })).json();
  coverageMs.push(performance.now() - t);
}
const villages = await db
  .selectFrom('divisions')
  .select(['lon', 'lat'])
  .where('level', '=', 'village')
  .execute();
const coverSources = units
  .filter((u) => keep.has(u.id) && u.lon !== null)
  .map((u) => [u.lon!, u.lat!] as [number, number]);
const t2 = performance.now();
for (const v of villages) roads.travelTimes('350526', coverSources, [v.lon, v.lat]);
const perVillageMs = performance.now() - t2;
console.log(
  `coverage, 100 units × ${villages.length} villages over HTTP: median ${round(pct(coverageMs, 50))} ms; per-village many-to-one baseline ${round(perVillageMs)} ms`,
);

await batcher.close();
await broker.close();
await app.close();
await services.avl.close();
await services.bus.close();
await database.close();
rmSync(dataDir, { recursive: true, force: true });

const result = {
  recommend_units: sources.length,
  recommend_p50_ms: round(pct(recommendMs, 50)),
  recommend_p99_ms: round(pct(recommendMs, 99)),
  eta_many_to_one_ms: round(manyToOneMs),
  eta_per_unit_routes_ms: round(perUnitRoutesMs),
  eta_speedup_vs_per_unit: round(perUnitRoutesMs / Math.max(manyToOneMs, 0.001), 1),
  avl_sent: accepted,
  avl_per_s: round(load.measured / sendSeconds, 0),
  avl_warmup_p99_ms: load.warmupP99,
  avl_stored_per_s: round(stored / totalSeconds, 0),
  avl_p50_ms: latencies[0],
  avl_p99_ms: latencies[1],
  avl_lost: accepted - stored,
  avl_rejected: rejected,
  coverage_ms: round(pct(coverageMs, 50)),
  coverage_baseline_ms: round(perVillageMs),
  database: database.kind,
};
console.log(JSON.stringify(result));
process.exit(0);
