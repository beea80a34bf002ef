/**
 * Load generator for bench:dispatch, run as its own process so that it does not share the server's event loop:
 * sends AVL fixes over HTTP batches and MQTT (one connection per tracker) at a fixed rate and measures the time
 * from sending a fix to seeing it on the WebSocket. Prints one JSON line.
 */
import { parseArgs } from 'node:util';
import mqtt from 'mqtt';
import WebSocket from 'ws';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    mqtt: { type: 'string' },
    cookie: { type: 'string' },
    token: { type: 'string' },
    units: { type: 'string' },
    rate: { type: 'string', default: '5000' },
    seconds: { type: 'string', default: '60' },
    devices: { type: 'string', default: '300' },
    warmup: { type: 'string', default: '5' },
  },
});
const url = values.url!;
const cookie = values.cookie!;
const units = JSON.parse(values.units!) as { id: string; lon: number; lat: number }[];
const rate = Number(values.rate);
const seconds = Number(values.seconds);
// The first seconds at full rate warm the server up (JIT, caches, connection buffers): their fixes are sent,
// stored and counted for losses like the rest, and their latency is reported on its own.
const warmupSeconds = Number(values.warmup);

const latencies: number[] = [];
const warmupLatencies: number[] = [];
let measureStart = Number.POSITIVE_INFINITY;
// Per 5-second window of sending time, to show whether the latency holds over the whole run.
const windows: number[][] = [];
let sendStart = 0;
const ws = new WebSocket(`${url.replace('http', 'ws')}/api/ws`, { headers: { cookie } });
await new Promise<void>((r) => ws.once('open', () => r()));
ws.send(JSON.stringify({ type: 'subscribe', topics: ['unit.positions'] }));
ws.on('message', (raw: Buffer) => {
  const msg = JSON.parse(raw.toString()) as { topic?: string; payload?: { positions: { at: string }[] } };
  if (msg.topic !== 'unit.positions') return;
  const now = Date.now();
  for (const p of msg.payload!.positions) {
    const sent = Date.parse(p.at);
    if (sent < measureStart) {
      warmupLatencies.push(now - sent);
      continue;
    }
    latencies.push(now - sent);
    const w = Math.max(0, Math.floor((sent - sendStart) / 5_000));
    const window = windows[w] ?? [];
    windows[w] = window;
    window.push(now - sent);
  }
});
const devices = await Promise.all(
  Array.from({ length: Number(values.devices) }, (_, i) =>
    mqtt.connectAsync(values.mqtt!, { username: `tracker-${i}`, password: values.token! }),
  ),
);

const fix = (i: number) => {
  const u = units[i % units.length]!;
  return {
    unitId: u.id,
    lon: u.lon + (Math.random() - 0.5) * 0.001,
    lat: u.lat + (Math.random() - 0.5) * 0.001,
    speedKmh: 30,
    heading: 90,
    at: new Date().toISOString(),
  };
};
let http = 0;
let mqttSent = 0;
let rejected = 0;
let failed = 0;
const pending: Promise<unknown>[] = [];
const tickMs = 100;
const perTick = Math.round((rate * tickMs) / 1000);
let measured = 0;
const warmupStarted = performance.now();
const started = warmupStarted + warmupSeconds * 1000;
measureStart = Date.now() + warmupSeconds * 1000;
sendStart = measureStart;
for (let tick = 0; performance.now() - started < seconds * 1000; tick++) {
  const warming = performance.now() < started;
  const half = Math.floor(perTick / 2);
  const batch = Array.from({ length: perTick - half }, (_, k) => fix(tick * perTick + k));
  pending.push(
    fetch(`${url}/api/avl`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ positions: batch }),
    })
      .then((r) => r.json() as Promise<{ accepted: number; rejected: unknown[] }>)
      .then(
        (r) => {
          http += r.accepted;
          rejected += r.rejected.length;
        },
        () => {
          failed += batch.length;
        },
      ),
  );
  for (let k = 0; k < half; k++) {
    const { unitId, ...body } = fix(tick * perTick + perTick - half + k);
    devices[k % devices.length]!.publish(`ronghui/350526/avl/${unitId}`, JSON.stringify(body), { qos: 1 });
    mqttSent++;
  }
  if (!warming) measured += perTick;
  const next = warmupStarted + (tick + 1) * tickMs;
  await new Promise((r) => setTimeout(r, Math.max(0, next - performance.now())));
}
await Promise.all(pending);
const sendSeconds = (performance.now() - started) / 1000;
// Every QoS 1 message acknowledged by the server means stored.
await Promise.all(devices.map((d) => d.endAsync()));
await new Promise((r) => setTimeout(r, 2_000));
ws.close();
const sorted = latencies.sort((a, b) => a - b);
const pct = (p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : null;
console.log(
  JSON.stringify({
    http,
    mqtt: mqttSent,
    rejected,
    failed,
    sendSeconds,
    measured,
    warmupSeconds,
    warmupP99: (() => {
      const w = warmupLatencies.sort((a, b) => a - b);
      return w.length ? w[Math.min(w.length - 1, Math.ceil(0.99 * w.length) - 1)] : null;
    })(),
    delivered: sorted.length + warmupLatencies.length,
    p50: pct(50),
    p99: pct(99),
    windowP99: windows.map((w) => {
      const s = (w ?? []).sort((a, b) => a - b);
      return s.length ? s[Math.min(s.length - 1, Math.ceil(0.99 * s.length) - 1)] : null;
    }),
  }),
);
process.exit(0);
