/**
 * AVL driver for bench:console, run as its own process so that it shares neither the server's nor the
 * benchmark's event loop: every unit drives along the county's road network (GET /api/routing/roads) at its
 * own speed, turning at junctions, and all of them report a fix every `--interval` ms in one batch through
 * `POST /api/avl`. Runs until SIGTERM (or `--seconds`), then prints one JSON line with what was sent.
 */
import { parseArgs } from 'node:util';
import { localDistance } from '@ronghui/geo';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    cookie: { type: 'string' },
    units: { type: 'string' },
    interval: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '3600' },
  },
});
const url = values.url!;
const cookie = values.cookie!;
const units = JSON.parse(values.units!) as { id: string; lon: number; lat: number }[];
const intervalMs = Number(values.interval);

type Coord = [number, number];
const roads = (
  (await (await fetch(`${url}/api/routing/roads`, { headers: { cookie } })).json()) as {
    features: { geometry: { type: string; coordinates: Coord[] } }[];
  }
).features
  .filter((f) => f.geometry.type === 'LineString' && f.geometry.coordinates.length >= 2)
  .map((f) => f.geometry.coordinates);

// Junctions: road ends that share a node.
const key = (c: Coord) => `${c[0].toFixed(6)},${c[1].toFixed(6)}`;
const ends = new Map<string, { road: number; atStart: boolean }[]>();
roads.forEach((line, road) => {
  for (const atStart of [true, false]) {
    const k = key(atStart ? line[0]! : line[line.length - 1]!);
    const list = ends.get(k) ?? [];
    list.push({ road, atStart });
    ends.set(k, list);
  }
});

const distance = (a: Coord, b: Coord) => localDistance(a, b);
const bearing = (a: Coord, b: Coord) => {
  const dx = (b[0] - a[0]) * Math.cos((a[1] * Math.PI) / 180);
  const dy = b[1] - a[1];
  return ((((Math.atan2(dx, dy) * 180) / Math.PI) % 360) + 360) % 360;
};

interface Car {
  id: string;
  road: number;
  /** Index of the vertex the car drives towards. */
  next: number;
  step: 1 | -1;
  at: Coord;
  speedKmh: number;
}

// Each unit starts on the road vertex nearest to it (units without roads nearby still get the nearest one).
const cars: Car[] = units.map((u) => {
  let best = { road: 0, vertex: 0, d: Number.POSITIVE_INFINITY };
  roads.forEach((line, road) => {
    line.forEach((c, vertex) => {
      const d = (c[0] - u.lon) ** 2 + (c[1] - u.lat) ** 2;
      if (d < best.d) best = { road, vertex, d };
    });
  });
  const line = roads[best.road]!;
  const step = best.vertex < line.length - 1 ? 1 : -1;
  return {
    id: u.id,
    road: best.road,
    next: best.vertex + step,
    step,
    at: [...line[best.vertex]!] as Coord,
    speedKmh: 25 + Math.random() * 45,
  };
});

/** Moves a car `meters` along the network; at a road's end it takes another road from that junction. */
function drive(car: Car, meters: number): number {
  let left = meters;
  let heading = 0;
  for (let guard = 0; left > 0 && guard < 1000; guard++) {
    const line = roads[car.road]!;
    const target = line[car.next]!;
    const d = distance(car.at, target);
    if (d > 0) heading = bearing(car.at, target);
    if (d > left) {
      const f = left / d;
      car.at = [car.at[0] + (target[0] - car.at[0]) * f, car.at[1] + (target[1] - car.at[1]) * f];
      return heading;
    }
    left -= d;
    car.at = [...target];
    const after = car.next + car.step;
    if (after >= 0 && after < line.length) {
      car.next = after;
      continue;
    }
    // End of this road: any other road at the junction, or back the way it came.
    const options = (ends.get(key(target)) ?? []).filter((o) => o.road !== car.road);
    const pick = options.length ? options[Math.floor(Math.random() * options.length)]! : null;
    if (pick) {
      const next = roads[pick.road]!;
      car.road = pick.road;
      car.step = pick.atStart ? 1 : -1;
      car.next = pick.atStart ? 1 : next.length - 2;
    } else {
      car.step = car.step === 1 ? -1 : 1;
      car.next += car.step;
    }
  }
  return heading;
}

let sent = 0;
let accepted = 0;
let rejected = 0;
let failed = 0;
const postMs: number[] = [];
let stopping = false;
process.once('SIGTERM', () => {
  stopping = true;
});
const started = performance.now();
for (let tick = 0; !stopping && performance.now() - started < Number(values.seconds) * 1000; tick++) {
  const at = new Date().toISOString();
  const positions = cars.map((car) => {
    // Speed wanders a little, like traffic does.
    car.speedKmh = Math.min(80, Math.max(10, car.speedKmh + (Math.random() - 0.5) * 6));
    const heading = drive(car, (car.speedKmh / 3.6) * (intervalMs / 1000));
    return {
      unitId: car.id,
      lon: Math.round(car.at[0] * 1e6) / 1e6,
      lat: Math.round(car.at[1] * 1e6) / 1e6,
      speedKmh: Math.round(car.speedKmh),
      heading: Math.round(heading) % 360,
      at,
    };
  });
  const t = performance.now();
  try {
    const res = await fetch(`${url}/api/avl`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ positions }),
    });
    const body = (await res.json()) as { accepted: number; rejected: unknown[] };
    accepted += body.accepted;
    rejected += body.rejected.length;
  } catch {
    failed += positions.length;
  }
  sent += positions.length;
  postMs.push(performance.now() - t);
  const next = started + (tick + 1) * intervalMs;
  await new Promise((r) => setTimeout(r, Math.max(0, next - performance.now())));
}
const seconds = (performance.now() - started) / 1000;
postMs.sort((a, b) => a - b);
console.log(
  JSON.stringify({
    sent,
    accepted,
    rejected,
    failed,
    seconds,
    roads: roads.length,
    post_p50_ms: postMs[Math.floor(postMs.length / 2)] ?? null,
    post_max_ms: postMs[postMs.length - 1] ?? null,
  }),
);
process.exit(0);
