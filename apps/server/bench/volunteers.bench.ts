/**
 * bench:volunteers — 一呼百应 call-out selection among 4,370 on-duty volunteers with road ETAs (through HTTP,
 * and the selection alone), and patrol GPS tracks posted by phones checked in to a patrol (10,000 points a
 * minute by default, in batches), each against a baseline measured in the same run. Last line: one JSON object.
 *
 *   npm run bench:volunteers -- [--volunteers 4370] [--callouts 100] [--rate 10000] [--seconds 60] [--phones 200]
 *                               [--batch 10]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { haversine } from '@ronghui/geo';
import pino from 'pino';
import { addTestVolunteers } from '../../../test/support/volunteers.ts';
import { loadConfig } from '../src/config.ts';
import { seedDemo } from '../src/demo/seed-demo.ts';
import { createServer, createServices } from '../src/main.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';

const { values } = parseArgs({
  options: {
    volunteers: { type: 'string', default: '4370' },
    callouts: { type: 'string', default: '100' },
    rate: { type: 'string', default: '10000' },
    seconds: { type: 'string', default: '60' },
    phones: { type: 'string', default: '200' },
    batch: { type: 'string', default: '10' },
  },
});
const volunteerCount = Number(values.volunteers);
const calloutCount = Number(values.callouts);
const ratePerMin = Number(values.rate);
const seconds = Number(values.seconds);
const phoneCount = Math.min(Number(values.phones), volunteerCount);
const batchSize = Math.max(1, Math.min(500, Number(values.batch)));
const log = pino({ level: 'silent' });
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : Number.NaN;
};
const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;
/** Deterministic placement (mulberry32). */
let seed = 20_261_206;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};

const dataDir = mkdtempSync(join(tmpdir(), 'ronghui-bench-'));
const config = loadConfig({
  DATA_DIR: dataDir,
  LOG_LEVEL: 'silent',
  MQTT_PORT: '0',
  // Alerts are counted, not pushed: no browsers in a benchmark.
  PUSH: 'false',
  ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
});
const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir, command: 'bench' });
await migrate(database);
const services = await createServices({ database, config, log });
await seedDemo(services);
await services.bus.start();
const app = await createServer(services, { logger: false });
const url = await app.listen({ port: 0, host: '127.0.0.1' });
const { db } = services;
console.log(`database: ${database.kind}; server ${url}`);

// 4,370 volunteers on duty with consent, spread over the county's villages.
const villages = await db
  .selectFrom('divisions')
  .select(['lon', 'lat', 'station_id'])
  .where('tenant_code', '=', '350526')
  .where('level', '=', 'village')
  .execute();
const station = villages.find((v) => v.station_id)!.station_id!;
// The demo's volunteers on duty with a position count; the rest are added, spread over the villages.
const demoLocated = Number(
  (
    await db
      .selectFrom('volunteer_positions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n,
);
const list = Array.from({ length: Math.max(phoneCount, volunteerCount - demoLocated) }, (_, i) => {
  const v = villages[Math.floor(random() * villages.length)]!;
  return {
    username: `bench-vol-${i}`,
    lon: v.lon + (random() - 0.5) * 0.01,
    lat: v.lat + (random() - 0.5) * 0.01,
    skills: random() < 0.3 ? ['first-aid'] : [],
  };
});
const made = await addTestVolunteers(db, services.fieldCrypto, '350526', list, station);
console.log(`volunteers on duty with a live position: ${demoLocated} of the demo + ${made.length} added`);

const login = async (username: string) => {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'ronghui-demo' }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
};
const dispatcher = await login('dispatcher');

// 1. Call-outs through HTTP: each one ranks every located volunteer by road ETA and alerts the nearest.
const incident = (await (
  await fetch(`${url}/api/incidents`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: dispatcher },
    body: JSON.stringify({
      source: '110',
      category: '纠纷',
      priority: 2,
      description: '压测警情',
      address: '上涌镇曾坂村',
    }),
  })
).json()) as { id: string; location: { lon: number; lat: number } };
const post = async () => {
  const t = performance.now();
  const res = await fetch(`${url}/api/incidents/${incident.id}/callouts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: dispatcher },
    body: JSON.stringify({ needed: 3 }),
  });
  const body = (await res.json()) as { candidates: unknown[] };
  if (res.status !== 201) throw new Error(`call-out: ${res.status} ${JSON.stringify(body)}`);
  return { ms: performance.now() - t, alerted: body.candidates.length };
};
for (let i = 0; i < 5; i++) await post(); // warm-up: graph, caches
const calloutMs: number[] = [];
let alerted = 0;
for (let i = 0; i < calloutCount; i++) {
  const r = await post();
  calloutMs.push(r.ms);
  alerted += r.alerted;
}
// The selection alone, in-process: every volunteer's road ETA (one many-to-one sweep) and the rings.
const target: [number, number] = [incident.location.lon, incident.location.lat];
const located = (await services.volunteers.eligibleForSelection('350526', { consentingOnly: true })).filter(
  (v) => v.position,
);
const sources = located.map((v) => [v.position!.lon, v.position!.lat] as [number, number]);
const selectionMs: number[] = [];
for (let i = 0; i < 50; i++) {
  const t = performance.now();
  services.routing.travelTimes('350526', sources, target, false);
  selectionMs.push(performance.now() - t);
}
// Baseline: one route per volunteer (measured on a sample, scaled to all of them).
const sample = sources.slice(0, 200);
const t1 = performance.now();
for (const s of sample) {
  try {
    services.routing.routeBetween('350526', s, target);
  } catch {
    // unreachable: answered all the same
  }
}
const perRouteMs = ((performance.now() - t1) / sample.length) * sources.length;
// How often the straight-line nearest three differ from the road-ETA nearest three, for the README.
const times = services.routing.travelTimes('350526', sources, target, false);
const byRoad = sources
  .map((_s, i) => ({ i, eta: times[i]!.etaS }))
  .sort((a, b) => a.eta - b.eta)
  .slice(0, 3)
  .map((x) => x.i);
const byLine = sources
  .map((s, i) => ({ i, d: haversine(s, target) }))
  .sort((a, b) => a.d - b.d)
  .slice(0, 3)
  .map((x) => x.i);
console.log(
  `call-outs over HTTP among ${sources.length} volunteers: p50 ${round(pct(calloutMs, 50))} ms, p99 ${round(pct(calloutMs, 99))} ms (${alerted} alerted)`,
);
console.log(
  `road ETAs in-process: many-to-one p99 ${round(pct(selectionMs, 99))} ms vs one route per volunteer ${round(perRouteMs)} ms; straight-line top 3 differ from road top 3: ${byRoad.filter((i) => !byLine.includes(i)).length}`,
);

// 2. Patrol tracks posted by phones: `rate` GPS points a minute for `seconds`, in batches of `batch` (a phone
// sampling every few seconds and sending what it gathered), every one acknowledged and stored exactly once.
const phones: { cookie: string; memberId: string; runId: string; next: number }[] = [];
const feature = (await (
  await fetch(`${url}/api/patrol-plans`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: dispatcher },
    body: JSON.stringify({
      kind: 'patrol-line',
      name: '压测巡逻线',
      stationId: station,
      geometry: {
        type: 'LineString',
        coordinates: [
          [118.0, 25.5],
          [118.01, 25.5],
        ],
      },
    }),
  })
).json()) as { id: string };
const teamId = (
  await db
    .selectFrom('volunteer_team_members')
    .select('team_id')
    .where('member_id', '=', made[0]!.memberId)
    .executeTakeFirstOrThrow()
).team_id;
// The window opened an hour ago: each phone's points are a second apart from then, never in the future.
const startsAt = new Date(Date.now() - 3_600_000);
const task = await fetch(`${url}/api/patrols/tasks`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', cookie: dispatcher },
  body: JSON.stringify({
    teamId,
    featureId: feature.id,
    startsAt: startsAt.toISOString(),
    endsAt: new Date(Date.now() + 6 * 3_600_000).toISOString(),
    memberIds: made.slice(0, phoneCount).map((m) => m.memberId),
  }),
});
const taskBody = (await task.json()) as { id: string };
if (task.status !== 201) throw new Error(`patrol task: ${task.status} ${JSON.stringify(taskBody)}`);
for (const m of made.slice(0, phoneCount)) {
  const cookie = await login(m.username);
  const res = await fetch(`${url}/api/patrols/tasks/${taskBody.id}/check-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({}),
  });
  const run = (await res.json()) as { id: string };
  if (res.status !== 201) throw new Error(`check-in: ${res.status} ${JSON.stringify(run)}`);
  phones.push({ cookie, memberId: m.memberId, runId: run.id, next: 0 });
}
const failures = new Map<string | number, number>();
let duplicates = 0;
/** Posts the phone's next `n` points (one second apart on its own clock); the number stored, or 0. */
const postPoints = async (p: (typeof phones)[number], n: number) => {
  const points = Array.from({ length: n }, () => {
    const k = p.next++;
    return {
      lon: 118.0 + (k % 1000) * 1e-5,
      lat: 25.5 + (k % 7) * 1e-5,
      accuracyM: 8,
      at: new Date(startsAt.getTime() + k * 1000).toISOString(),
    };
  });
  try {
    const res = await fetch(`${url}/api/patrols/runs/${p.runId}/points`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: p.cookie },
      body: JSON.stringify({ points }),
    });
    const body = (await res.json()) as { accepted: number; duplicates: number };
    if (res.status !== 200) {
      failures.set(res.status, (failures.get(res.status) ?? 0) + 1);
      return 0;
    }
    duplicates += body.duplicates;
    return body.accepted;
  } catch (error) {
    const key = (error as { cause?: { code?: string } }).cause?.code ?? 'network';
    failures.set(key, (failures.get(key) ?? 0) + 1);
    return 0;
  }
};
// Baseline: one point per request, one phone at a time, each post waiting for the last.
const tb = performance.now();
let baselineN = 0;
while (performance.now() - tb < 3_000) baselineN += await postPoints(phones[baselineN % phones.length]!, 1);
const baselinePerMin = (baselineN / (performance.now() - tb)) * 60_000;
// The load: every phone sends a batch in turn, the batches spread evenly across the minute.
const total = Math.round((ratePerMin * seconds) / 60);
const batches = Math.ceil(total / batchSize);
const intervalMs = (seconds * 1000) / batches;
let sent = 0;
let acknowledged = 0;
const inflight = new Set<Promise<void>>();
const start = performance.now();
for (let k = 0; k < batches; k++) {
  const due = start + k * intervalMs;
  const wait = due - performance.now();
  if (wait > 1) await new Promise((r) => setTimeout(r, wait));
  const n = Math.min(batchSize, total - sent);
  sent += n;
  const job = postPoints(phones[k % phones.length]!, n).then((stored) => {
    acknowledged += stored;
  });
  inflight.add(job);
  void job.finally(() => inflight.delete(job));
}
await Promise.all(inflight);
const elapsedMin = (performance.now() - start) / 60_000;
// Lost: sent but not stored. The rows themselves are counted, not the answers.
const { n: storedPoints } = await db
  .selectFrom('patrol_points')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .where('tenant_code', '=', '350526')
  .where(
    'run_id',
    'in',
    phones.map((p) => p.runId),
  )
  .executeTakeFirstOrThrow();
const lost = sent + baselineN - Number(storedPoints);
const perMin = acknowledged / elapsedMin;
console.log(`refused or failed: ${JSON.stringify(Object.fromEntries(failures))}; duplicates ${duplicates}`);
console.log(
  `patrol GPS points: ${sent} sent by ${phones.length} phones in batches of ${batchSize} over ${round(elapsedMin * 60, 1)} s, ${round(perMin, 0)}/min stored; lost ${lost}; baseline one point per request, one phone at a time ${round(baselinePerMin, 0)}/min`,
);

await app.close();
await services.bus.close();
await database.close();
rmSync(dataDir, { recursive: true, force: true });

const result = {
  volunteers: sources.length,
  callouts: calloutCount,
  callout_p50_ms: round(pct(calloutMs, 50)),
  callout_p99_ms: round(pct(calloutMs, 99)),
  callout_eta_many_to_one_p99_ms: round(pct(selectionMs, 99)),
  callout_eta_per_volunteer_routes_ms: round(perRouteMs),
  patrol_points_sent: sent,
  patrol_batch: batchSize,
  patrol_points_per_min: round(perMin, 0),
  patrol_points_lost: lost,
  patrol_baseline_one_point_per_request_per_min: round(baselinePerMin, 0),
  database: database.kind,
};
console.log(JSON.stringify(result));
process.exit(0);
