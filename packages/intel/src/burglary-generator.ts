import { minuteOfWeek } from './circular-time.ts';
import { type CrimeRecord, DAY_MS, HOUR_MS } from './crime-record.ts';
import { createLocalProjection, lngLat, CHINA_OFFSET_MS } from '@ronghui/geo';
import { pickWeighted, type Rng } from './rng.ts';

/**
 * Synthetic burglary history with known series, for evaluating linkage: offenders with a consistent
 * but noisy modus operandi, a hunting area and preferred hours, mixed into unrelated background
 * burglaries drawn from common MO frequencies. The town layout is invented (a few centres of housing).
 */
export interface GeneratorOptions {
  readonly series: number;
  readonly background: number;
  /** Start of the history (epoch ms) and its length in days. */
  readonly startMs?: number;
  readonly days?: number;
  /** Where the local x/y origin sits (default: 德化县城 浔中镇). */
  readonly originLon?: number;
  readonly originLat?: number;
}

export interface GeneratedHistory {
  readonly records: CrimeRecord[];
  /** Offender profiles behind each series id, for inspection. */
  readonly offenders: readonly OffenderProfile[];
}

export interface OffenderProfile {
  readonly seriesId: string;
  readonly centreX: number;
  readonly centreY: number;
  readonly radiusM: number;
  readonly startHour: number;
  readonly hoursWide: number;
  readonly weekendOnly: boolean;
  readonly premise: string;
  readonly method: string;
  readonly features: readonly string[];
  /** Probability each MO element follows the offender's habit. */
  readonly consistency: number;
}

const PREMISES: readonly (readonly [string, number])[] = [
  ['0101', 0.4],
  ['0102', 0.3],
  ['0103', 0.14],
  ['0104', 0.03],
  ['0201', 0.08],
  ['0202', 0.02],
  ['0203', 0.03],
];
const METHODS: readonly (readonly [string, number])[] = [
  ['0101', 0.28],
  ['0201', 0.2],
  ['0401', 0.2],
  ['0102', 0.08],
  ['0103', 0.07],
  ['0202', 0.06],
  ['0301', 0.05],
  ['0302', 0.04],
  ['0402', 0.02],
];
/** Independent probability of each 作案特点 in an ordinary burglary. */
const FEATURES: readonly (readonly [string, number])[] = [
  ['0201', 0.5],
  ['0302', 0.3],
  ['0301', 0.25],
  ['0102', 0.2],
  ['0101', 0.15],
  ['0203', 0.15],
  ['0103', 0.1],
  ['0202', 0.1],
  ['0401', 0.1],
  ['0402', 0.05],
  ['0204', 0.03],
];
/** Housing clusters: centre x, y (m), spread (m), weight. */
const TOWNS: readonly (readonly [number, number, number, number])[] = [
  [0, 0, 1800, 0.45],
  [6000, 3500, 1200, 0.15],
  [-7000, 2000, 1000, 0.12],
  [2500, -8000, 1300, 0.12],
  [-4000, -6000, 900, 0.08],
  [9000, -3000, 800, 0.08],
];

function townPoint(rng: Rng): { x: number; y: number } {
  const [cx, cy, sd] = pickWeighted(
    rng,
    TOWNS.map((t) => [t, t[3]] as const),
  );
  return { x: cx + rng.normal() * sd, y: cy + rng.normal() * sd };
}

function categoryFor(premise: string): string {
  return premise.startsWith('02') ? '050105' : '050101';
}

function backgroundHour(rng: Rng): number {
  // Residential burglary peaks while homes are empty by day and again in the small hours.
  return rng.next() < 0.6 ? 8 + rng.next() * 10 : (22 + rng.next() * 8) % 24;
}

function makeOffender(rng: Rng, seriesId: string): OffenderProfile {
  const home = townPoint(rng);
  const night = rng.next() < 0.65;
  const features = FEATURES.filter(([, p]) => rng.next() < Math.min(0.9, p * 1.6)).map(([f]) => f);
  return {
    seriesId,
    centreX: home.x,
    centreY: home.y,
    radiusM: 500 + rng.next() * 2500,
    startHour: night ? (23 + rng.next() * 5) % 24 : 9 + rng.next() * 6,
    hoursWide: 2 + rng.next() * 3,
    weekendOnly: rng.next() < 0.2,
    premise: pickWeighted(rng, PREMISES),
    method: pickWeighted(rng, METHODS),
    features,
    consistency: 0.5 + rng.next() * 0.4,
  };
}

/** A crime's window: the true moment lies somewhere inside; burglaries are often found hours later. */
function windowAround(rng: Rng, t: number): { from: number; to: number } {
  const before = rng.next() < 0.3 ? 0 : rng.next() * 3 * HOUR_MS;
  const after = rng.next() < 0.3 ? 0 : rng.next() * 4 * HOUR_MS;
  const round = (ms: number) => Math.round(ms / 60_000) * 60_000;
  return { from: round(t - before), to: round(t + after) };
}

export function generateBurglaries(rng: Rng, options: GeneratorOptions): GeneratedHistory {
  const start = options.startMs ?? Date.UTC(2025, 0, 1) - CHINA_OFFSET_MS;
  const days = options.days ?? 365;
  const projection = createLocalProjection(
    lngLat(options.originLon ?? 118.2415, options.originLat ?? 25.4924),
  );
  const raw: Omit<CrimeRecord, 'id'>[] = [];
  const localMidnight = (day: number) => start + day * DAY_MS;

  const offenders: OffenderProfile[] = [];
  for (let s = 0; s < options.series; s++) {
    const o = makeOffender(rng, `S${String(s + 1).padStart(4, '0')}`);
    offenders.push(o);
    const activeDays = 30 + rng.next() * 150;
    const firstDay = rng.next() * Math.max(1, days - activeDays);
    const crimes = 3 + rng.int(8);
    for (let c = 0; c < crimes; c++) {
      let day = Math.floor(firstDay + rng.next() * activeDays);
      if (o.weekendOnly) {
        // Move to the next Saturday or Sunday.
        while (Math.floor(minuteOfWeek(localMidnight(day) + HOUR_MS, CHINA_OFFSET_MS) / 1440) < 5) day++;
      }
      const onPattern = rng.next() < 0.85;
      const hour = onPattern ? o.startHour + rng.next() * o.hoursWide : rng.next() * 24;
      const t = localMidnight(day) + hour * HOUR_MS;
      const angle = rng.next() * 2 * Math.PI;
      const r = o.radiusM * Math.sqrt(rng.next());
      const keep = () => rng.next() < o.consistency;
      const premise = keep() ? o.premise : pickWeighted(rng, PREMISES);
      const features = new Set<string>();
      for (const f of o.features) if (keep()) features.add(f);
      for (const [f, p] of FEATURES) if (rng.next() < p * 0.2) features.add(f);
      const { from, to } = windowAround(rng, t);
      raw.push({
        occurredFrom: from,
        occurredTo: to,
        x: o.centreX + r * Math.cos(angle),
        y: o.centreY + r * Math.sin(angle),
        category: categoryFor(premise),
        premise,
        method: keep() ? o.method : pickWeighted(rng, METHODS),
        features: [...features].sort(),
        seriesId: o.seriesId,
      });
    }
  }
  for (let b = 0; b < options.background; b++) {
    const p = townPoint(rng);
    const premise = pickWeighted(rng, PREMISES);
    const t = localMidnight(Math.floor(rng.next() * days)) + backgroundHour(rng) * HOUR_MS;
    const { from, to } = windowAround(rng, t);
    raw.push({
      occurredFrom: from,
      occurredTo: to,
      x: p.x,
      y: p.y,
      category: categoryFor(premise),
      premise,
      method: pickWeighted(rng, METHODS),
      features: FEATURES.filter(([, q]) => rng.next() < q)
        .map(([f]) => f)
        .sort(),
    });
  }
  raw.sort((a, b) => a.occurredFrom - b.occurredFrom);
  const records = raw.map((r, i): CrimeRecord => {
    const [lon, lat] = projection.toLngLat([r.x, r.y]);
    return { id: `G${String(i + 1).padStart(6, '0')}`, ...r, lon, lat };
  });
  return { records, offenders };
}
