import { type GeoJSON, type LngLat, type LocalProjection, type Rng, pointInPolygon } from '@ronghui/geo';
import type { VillageRow } from './dehua-data.ts';

export type VillageKind = 'village' | 'community';

export interface DemoVillage {
  readonly code: string;
  readonly name: string;
  readonly townshipCode: string;
  readonly kind: VillageKind;
  readonly position: LngLat;
  readonly population: number;
}

/** Dehua's registered population is about 340,000; the demo villages add up to exactly this. */
export const DEHUA_POPULATION = 340_000;

/** 社区 and 居委会 are urban communities; 村委会 are villages. */
export const villageKind = (name: string): VillageKind =>
  name.includes('社区') || name.includes('居委会') ? 'community' : 'village';

interface Spread {
  /** Standard deviation of the offset from the township seat on each axis. */
  readonly sigma: number;
  /** Villages closer than this to an earlier one are re-drawn, so no two share a spot. */
  readonly spacing: number;
}

// Communities cluster in the built-up town around the seat; villages spread over the hills.
function spreadOf(kind: VillageKind, inCountyTown: boolean): Spread {
  if (kind === 'community') return inCountyTown ? { sigma: 900, spacing: 150 } : { sigma: 500, spacing: 150 };
  return inCountyTown ? { sigma: 2_500, spacing: 400 } : { sigma: 3_000, spacing: 500 };
}

// Typical registered population per village before scaling; log-normal spread around it.
function basePopulation(kind: VillageKind, inCountyTown: boolean): number {
  if (kind === 'community') return inCountyTown ? 6_000 : 3_000;
  return inCountyTown ? 1_800 : 1_100;
}

export interface PlaceVillagesInput {
  readonly villages: readonly VillageRow[];
  /** Township seats, already inside the boundary. */
  readonly seats: ReadonlyMap<string, LngLat>;
  readonly countyTownCodes: ReadonlySet<string>;
  readonly boundary: GeoJSON.MultiPolygon;
  readonly projection: LocalProjection;
  readonly rng: Rng;
}

/**
 * Puts each village at a seeded random point near its township seat, inside the county (rejection
 * sampling), and gives it a plausible population; the total is DEHUA_POPULATION exactly.
 */
export function placeVillages(input: PlaceVillagesInput): DemoVillage[] {
  const { projection, rng } = input;
  const placedXY: (readonly [number, number])[] = [];
  const drafts = input.villages.map((v) => {
    const kind = villageKind(v.name);
    const inTown = input.countyTownCodes.has(v.townshipCode);
    const seat = input.seats.get(v.townshipCode);
    if (!seat) throw new Error(`no seat for township ${v.townshipCode}`);
    const position = samplePosition(v.townshipCode, seat, spreadOf(kind, inTown), placedXY, input);
    placedXY.push(projection.toXY(position));
    const raw = basePopulation(kind, inTown) * Math.exp(0.35 * rng.normal());
    return { code: v.code, name: v.name, townshipCode: v.townshipCode, kind, position, raw };
  });
  const populations = scaleToTotal(
    drafts.map((d) => d.raw),
    DEHUA_POPULATION,
  );
  return drafts.map(({ raw: _raw, ...d }, i) => ({ ...d, population: populations[i]! }));
}

function samplePosition(
  townshipCode: string,
  seat: LngLat,
  spread: Spread,
  placed: readonly (readonly [number, number])[],
  { boundary, projection, rng, seats }: PlaceVillagesInput,
): LngLat {
  const [sx, sy] = projection.toXY(seat);
  const otherSeats = [...seats].filter(([code]) => code !== townshipCode).map(([, p]) => projection.toXY(p));
  const maxR2 = (3 * spread.sigma) ** 2;
  for (let attempt = 0; attempt < 2_000; attempt++) {
    // Late attempts relax the spacing: a crowded seat must still place every village.
    const spacing2 = (attempt < 1_000 ? spread.spacing : spread.spacing / 4) ** 2;
    const dx = spread.sigma * rng.normal();
    const dy = spread.sigma * rng.normal();
    if (dx * dx + dy * dy > maxR2) continue;
    const xy = [sx + dx, sy + dy] as const;
    if (placed.some(([px, py]) => (px - xy[0]) ** 2 + (py - xy[1]) ** 2 < spacing2)) continue;
    // A village lies nearer its own seat than any other, so townships do not interleave.
    const own2 = dx * dx + dy * dy;
    if (attempt < 1_500 && otherSeats.some(([ox, oy]) => (ox - xy[0]) ** 2 + (oy - xy[1]) ** 2 < own2))
      continue;
    const p = projection.toLngLat(xy);
    if (pointInPolygon(p, boundary)) return p;
  }
  throw new Error(`could not place a village near ${seat.join(',')}`);
}

/** Rounds shares of `total` proportional to `weights` so that they add up exactly (largest remainder). */
export function scaleToTotal(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  const exact = weights.map((w) => (w / sum) * total);
  const out = exact.map(Math.floor);
  let short = total - out.reduce((s, n) => s + n, 0);
  const byRemainder = exact
    .map((e, i) => [e - Math.floor(e), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of byRemainder) {
    if (short-- <= 0) break;
    out[i]!++;
  }
  return out;
}
