/**
 * bench:console — frame times of the command console (指挥调度) in headless Chromium while every unit of the
 * county reports its position once a second, against the same page with no updates measured in the same run.
 *
 * A fresh embedded database gets the Dehua demo plus patrol cars up to `--units` (all on duty, a third of them
 * busy through the real status API); `ronghui start` serves it on an ephemeral port with the simulator off; the
 * county `dispatcher` signs in to /dispatch; a separate process drives every unit along the roads and posts all
 * fixes once a second to `POST /api/avl`, so they reach the page over the real WebSocket. The page's frames are
 * timed with requestAnimationFrame, long tasks with a PerformanceObserver. Last line: one JSON object.
 *
 *   npm run bench:console -- [--seconds 30] [--warmup 5] [--units 500] [--width 1366] [--height 768]
 *                            [--interval 1000] [--views county,town] [--profile] [--trace] [--web-dist <dir>]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pino from 'pino';
import type { Page } from 'playwright-core';
import { launchBrowser, signIn } from '../../../test/support/browser.ts';
import { repoRoot } from '../../../test/support/env.ts';
import { startTestServer } from '../../../test/support/server.ts';
import { ensureWebBuilt } from '../src/cli/web-build.ts';
import { loadConfig } from '../src/config.ts';
import { seedDemo } from '../src/demo/seed-demo.ts';
import { createServices } from '../src/main.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { fillUnits } from './bench-units.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '30' },
    warmup: { type: 'string', default: '5' },
    units: { type: 'string', default: '500' },
    width: { type: 'string', default: '1366' },
    height: { type: 'string', default: '768' },
    interval: { type: 'string', default: '1000' },
    profile: { type: 'boolean', default: false },
    trace: { type: 'boolean', default: false },
    /** Another build of the console, e.g. an unminified one for readable profiles. */
    'web-dist': { type: 'string' },
    /** `county` (the first view, units in clusters) and `town` (the county town close up, every unit an arrow). */
    views: { type: 'string', default: 'county,town' },
  },
});
const seconds = Number(values.seconds);
const warmup = Number(values.warmup);
const unitCount = Number(values.units);
const viewport = { width: Number(values.width), height: Number(values.height) };
const tenant = '350526';
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
const pct = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : Number.NaN;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

ensureWebBuilt((line) => console.log(line));

// 1. A fresh embedded database with the demo and `--units` units on duty.
const dataDir = mkdtempSync(join(tmpdir(), 'ronghui-console-bench-'));
{
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', MQTT_PORT: '0' });
  const database = await openDatabase({ databaseUrl: undefined, dataDir, command: 'bench' });
  await migrate(database);
  const services = await createServices({ database, config, log: pino({ level: 'silent' }) });
  await seedDemo(services);
  const n = await fillUnits(services.db, tenant, unitCount, new Date());
  console.log(`seeded the demo with ${n} units on duty`);
  await services.bus.close();
  await database.close();
}

// 2. The real server on that database.
const server = await startTestServer({
  dataDir,
  env: {
    SIMULATE: 'off',
    DEMO: 'off',
    ...(values['web-dist'] ? { WEB_DIST: values['web-dist'] } : {}),
  },
});
const url = server.url;
// Should the benchmark fail half-way, the server and the driver do not outlive it.
const children = [server.child];
process.once('exit', () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
});
const login = async (username: string) => {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'ronghui-demo' }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
};
const cookie = await login('dispatcher');
const units = (
  (await (await fetch(`${url}/api/units`, { headers: { cookie } })).json()) as {
    items: { id: string; position: { lon: number; lat: number } | null }[];
  }
).items.filter((u) => u.position);
// Every third unit busy, so the map shows a mix of states as it would on a working day.
const busy = ['en-route', 'on-scene', 'returning', 'committed', 'staging'] as const;
const toSet = units.filter((_, i) => i % 3 === 1);
for (let i = 0; i < toSet.length; i += 8) {
  await Promise.all(
    toSet.slice(i, i + 8).map(async (u, k) => {
      const res = await fetch(`${url}/api/units/${u.id}/status`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({ status: busy[(i + k) % busy.length], note: '压测' }),
      });
      if (!res.ok) throw new Error(`status of ${u.id}: ${res.status} ${await res.text()}`);
    }),
  );
}
console.log(`server ${url}; ${units.length} units with a position, ${toSet.length} of them busy`);

// 3. The console in headless Chromium, signed in as the county dispatcher.
const browser = await launchBrowser();
const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
const page = await context.newPage();
const pageErrors: string[] = [];
page.on('pageerror', (e) => pageErrors.push(e.message));
// What the page's own WebSocket receives (counted outside the page, so the counting costs it nothing).
const received = { events: 0, fixes: 0 };
page.on('websocket', (ws) => {
  ws.on('framereceived', ({ payload }) => {
    if (typeof payload !== 'string' || !payload.includes('"unit.positions"')) return;
    const msg = JSON.parse(payload) as { topic?: string; payload?: { positions?: unknown[] } };
    if (msg.topic !== 'unit.positions') return;
    received.events++;
    received.fixes += msg.payload?.positions?.length ?? 0;
  });
});
await signIn(page, url, 'dispatcher');
await page.goto(`${url}/dispatch`);
await page.locator('[data-testid=dispatch-map][data-map-state=idle]').waitFor({ timeout: 120_000 });
await page.locator('[data-testid=live-state][data-state=open]').waitFor({ timeout: 60_000 });
// (Page scripts are strings here: this file is type-checked without the DOM library.)
await page.waitForFunction(
  `Number(document.querySelector('[data-testid=dispatch-map]')?.getAttribute('data-units')) > 0`,
  undefined,
  { timeout: 60_000 },
);

/** `--profile`: the page's CPU time during the live window by function (self time), heaviest first. */
function printProfile(profile: {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  }[];
  samples?: number[];
  timeDeltas?: number[];
}) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const byFile = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let total = 0;
  samples.forEach((id, i) => {
    const node = byId.get(id);
    const ms = (deltas[i + 1] ?? 0) / 1000;
    if (!node) return;
    const f = node.callFrame;
    const file = f.url.split('/').pop() || '(native)';
    const k = `${f.functionName || '(anonymous)'} ${file}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
    self.set(k, (self.get(k) ?? 0) + ms);
    byFile.set(file, (byFile.get(file) ?? 0) + ms);
    total += ms;
  });
  const top = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `  ${String(round(v, 0)).padStart(7)} ms  ${k}`);
  console.log(`profile: ${round(total, 0)} ms sampled; by file:\n${top(byFile, 10).join('\n')}`);
  console.log(`by function (self):\n${top(self, 30).join('\n')}`);
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { data?: { url?: string; functionName?: string } };
}
/** `--trace`: wall time of trace events by thread and name (events nested in others are counted too). */
function printTrace(events: TraceEvent[], s: number) {
  const threads = new Map<string, string>();
  for (const e of events)
    if (e.ph === 'M' && e.name === 'thread_name')
      threads.set(`${e.pid}:${e.tid}`, (e.args as { name?: string } | undefined)?.name ?? '?');
  const sums = new Map<string, { ms: number; n: number; max: number }>();
  for (const e of events) {
    if (e.ph !== 'X' || !e.dur) continue;
    const k = `${threads.get(`${e.pid}:${e.tid}`) ?? e.tid} / ${e.name}`;
    const v = sums.get(k) ?? { ms: 0, n: 0, max: 0 };
    v.ms += e.dur / 1000;
    v.n++;
    v.max = Math.max(v.max, e.dur / 1000);
    sums.set(k, v);
  }
  const rows = [...sums].sort((a, b) => b[1].ms - a[1].ms).slice(0, 40);
  console.log('trace: ms/s, count/s, max ms by thread / event');
  for (const [k, v] of rows)
    console.log(
      `  ${String(round(v.ms / s, 1)).padStart(7)} ${String(round(v.n / s, 1)).padStart(7)} ${String(round(v.max, 1)).padStart(7)}  ${k}`,
    );
}

/** Frame-to-frame times (requestAnimationFrame) and long tasks in the page for `ms`. */
const measureScript = (ms: number) => `new Promise((done) => {
  const frames = [];
  const longTasks = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push(e.duration);
  });
  observer.observe({ type: 'longtask' });
  let last = null;
  let end = null;
  const tick = (t) => {
    if (last !== null) frames.push(t - last);
    last = t;
    if (end === null) end = t + ${ms};
    if (t < end) requestAnimationFrame(tick);
    else {
      observer.disconnect();
      done({ frames, longTasks });
    }
  };
  requestAnimationFrame(tick);
})`;
/** How many unit updates the page has drawn: the map's own counter, else the live snapshots React got. */
const drawnVersion = (p: Page) =>
  p.evaluate(`(() => {
    const map = document.querySelector('[data-testid=dispatch-map]');
    const frame = document.querySelector('[data-testid=dispatch-map-frame]');
    return Number(map?.getAttribute('data-units-drawn') ?? frame?.getAttribute('data-live-version') ?? 0);
  })()`) as Promise<number>;

interface Window {
  frames: number[];
  longTasks: number[];
  events: number;
  fixes: number;
  redraws: number;
  seconds: number;
}
async function measure(): Promise<Window> {
  const before = { ...received, version: await drawnVersion(page) };
  const t = performance.now();
  const r = (await page.evaluate(measureScript(seconds * 1000))) as { frames: number[]; longTasks: number[] };
  const s = (performance.now() - t) / 1000;
  return {
    frames: r.frames.sort((a, b) => a - b),
    longTasks: r.longTasks,
    events: received.events - before.events,
    fixes: received.fixes - before.fixes,
    redraws: (await drawnVersion(page)) - before.version,
    seconds: s,
  };
}

// 4. Baseline: the same page, nothing moving.
await sleep(warmup * 1000);
console.log(`baseline: ${seconds} s with no updates…`);
const baseline = await measure();

// 5. Every unit reports once a second from its own process.
const driver: ChildProcess = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    fileURLToPath(new URL('./avl-drive.ts', import.meta.url)),
    `--url=${url}`,
    `--cookie=${cookie}`,
    `--units=${JSON.stringify(units.map((u) => ({ id: u.id, lon: u.position!.lon, lat: u.position!.lat })))}`,
    `--interval=${values.interval}`,
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
children.push(driver);
let driverOut = '';
driver.stdout!.on('data', (c: Buffer) => {
  driverOut += c.toString();
});
const driverExit = new Promise((r) => driver.once('exit', r));
const firstFix = received.fixes;
for (let i = 0; i < 600 && received.fixes === firstFix; i++) await sleep(100);
if (received.fixes === firstFix) throw new Error('the page received no positions within 60 s');
await sleep(warmup * 1000);
console.log(`live: ${seconds} s with ${units.length} units reporting every ${values.interval} ms…`);
const cdp = values.profile ? await context.newCDPSession(page) : null;
if (cdp) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
}
const tracer = values.trace ? await context.newCDPSession(page) : null;
const traceEvents: TraceEvent[] = [];
if (tracer) {
  tracer.on('Tracing.dataCollected', (e) => traceEvents.push(...(e.value as unknown as TraceEvent[])));
  await tracer.send('Tracing.start', {
    categories: 'devtools.timeline,disabled-by-default-devtools.timeline,toplevel,v8.execute,gpu,cc,blink',
  });
}
const live = await measure();
if (tracer) {
  const complete = new Promise((r) => tracer.once('Tracing.tracingComplete', r));
  await tracer.send('Tracing.end');
  await complete;
  printTrace(traceEvents, live.seconds);
}
if (cdp) {
  const { profile } = await cdp.send('Profiler.stop');
  printProfile(profile);
}
const shots = join(repoRoot, 'test-results/bench');
mkdirSync(shots, { recursive: true });
await page.screenshot({ path: join(shots, 'console-county.png') });

// 6. The county town close up (zoom 14): every unit an arrow instead of clusters.
let town: { live: Window; baseline: Window } | null = null;
if (values.views.split(',').includes('town')) {
  try {
    // From the status board: a county-town traffic officer, which centres the map on them at zoom 14.
    await page.getByRole('tab', { name: '警力' }).click();
    const board = page.getByTestId('unit-board');
    await board.locator('input').first().fill('交警01');
    await board.locator('tbody tr.ant-table-row').first().click({ timeout: 10_000 });
    await sleep(3_000);
    await page.locator('[data-testid=dispatch-map][data-map-state=idle]').waitFor({ timeout: 30_000 });
    await sleep(warmup * 1000);
    console.log(`county town: ${seconds} s live…`);
    const townLive = await measure();
    await page.screenshot({ path: join(shots, 'console-town.png') });
    driver.kill('SIGTERM');
    await driverExit;
    await sleep(warmup * 1000);
    console.log(`county town: ${seconds} s with no updates…`);
    town = { live: townLive, baseline: await measure() };
  } catch (error) {
    console.log(`county town view skipped: ${(error as Error).message.split('\n')[0]}`);
  }
}
if (driver.exitCode === null) {
  driver.kill('SIGTERM');
  await driverExit;
}
const load = JSON.parse(driverOut.trim().split('\n').pop() ?? '{}') as {
  sent: number;
  accepted: number;
  rejected: number;
  failed: number;
  post_p50_ms: number;
};
await browser.close();
await server.close();
rmSync(dataDir, { recursive: true, force: true });

// 7. Report.
const row = (name: string, w: Window) => {
  const f = w.frames;
  return [
    name.padEnd(10),
    String(round(pct(f, 50))).padStart(7),
    String(round(pct(f, 95))).padStart(7),
    String(round(pct(f, 99))).padStart(7),
    String(round(f[f.length - 1] ?? Number.NaN)).padStart(7),
    String(f.length).padStart(7),
    String(round(f.length / w.seconds)).padStart(6),
    String(w.longTasks.length).padStart(6),
    String(round(w.longTasks.reduce((a, b) => a + b, 0) / w.seconds, 0)).padStart(9),
    String(round(w.fixes / w.seconds, 0)).padStart(8),
    String(round(w.redraws / w.seconds)).padStart(9),
  ].join(' ');
};
console.log(
  `\n${'page'.padEnd(10)} ${'p50 ms'.padStart(7)} ${'p95 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'max ms'.padStart(7)} ${'frames'.padStart(7)} ${'fps'.padStart(6)} ${'long'.padStart(6)} ${'long ms/s'.padStart(9)} ${'fixes/s'.padStart(8)} ${'redraws/s'.padStart(9)}`,
);
console.log(row('baseline', baseline));
console.log(row('live', live));
if (town) {
  console.log(row('town base', town.baseline));
  console.log(row('town live', town.live));
}
const ratio = (a: number, b: number) => round(a / b, 2);
console.log(
  `live/baseline: p50 ×${ratio(pct(live.frames, 50), pct(baseline.frames, 50))}, p95 ×${ratio(pct(live.frames, 95), pct(baseline.frames, 95))}; ` +
    `driver sent ${load.sent} fixes (accepted ${load.accepted}, rejected ${load.rejected}, failed ${load.failed}), POST p50 ${round(load.post_p50_ms)} ms`,
);
if (pageErrors.length) console.log(`page errors: ${pageErrors.join(' | ')}`);
const result = {
  frame_p50_ms: round(pct(live.frames, 50)),
  frame_p95_ms: round(pct(live.frames, 95)),
  frame_p99_ms: round(pct(live.frames, 99)),
  frame_max_ms: round(live.frames[live.frames.length - 1] ?? Number.NaN),
  frames: live.frames.length,
  baseline_p50_ms: round(pct(baseline.frames, 50)),
  baseline_p95_ms: round(pct(baseline.frames, 95)),
  baseline_p99_ms: round(pct(baseline.frames, 99)),
  p95_vs_baseline: ratio(pct(live.frames, 95), pct(baseline.frames, 95)),
  long_tasks: live.longTasks.length,
  long_task_ms_per_s: round(live.longTasks.reduce((a, b) => a + b, 0) / live.seconds, 0),
  units: units.length,
  updates_per_s: round(live.fixes / live.seconds, 0),
  events_per_s: round(live.events / live.seconds, 1),
  redraws_per_s: round(live.redraws / live.seconds, 1),
  ...(town
    ? {
        town_p50_ms: round(pct(town.live.frames, 50)),
        town_p95_ms: round(pct(town.live.frames, 95)),
        town_p99_ms: round(pct(town.live.frames, 99)),
        town_baseline_p95_ms: round(pct(town.baseline.frames, 95)),
        town_updates_per_s: round(town.live.fixes / town.live.seconds, 0),
      }
    : {}),
  seconds,
  width: viewport.width,
  height: viewport.height,
};
console.log(JSON.stringify(result));
process.exit(0);
