import { createLocalProjection, lngLat } from '@ronghui/geo';
import { type CrimeRecord, DAY_MS } from '@ronghui/intel';
import { describe, expect, it } from 'vitest';
import { computeHotspots } from './hotspot-cells.ts';

const projection = createLocalProjection(lngLat(118.24, 25.49));
const t0 = Date.UTC(2026, 0, 1);

function crime(id: string, x: number, y: number, day: number): CrimeRecord {
  const t = t0 + day * DAY_MS;
  return {
    id,
    x,
    y,
    occurredFrom: t,
    occurredTo: t,
    category: '050101',
    premise: '0101',
    method: '0101',
    features: [],
  };
}

describe('computeHotspots', () => {
  // A tight cluster at (2000, 1000) m plus a thin spread elsewhere; the forecast month repeats the cluster.
  const records: CrimeRecord[] = [];
  for (let i = 0; i < 40; i++)
    records.push(crime(`c${i}`, 2000 + (i % 5) * 20, 1000 + Math.floor(i / 5) * 20, i));
  for (let i = 0; i < 20; i++) records.push(crime(`s${i}`, -4000 + i * 400, -3000 + (i % 4) * 900, i * 3));
  for (let i = 0; i < 10; i++) records.push(crime(`f${i}`, 2040, 1060, 70 + i));
  for (let i = 0; i < 2; i++) records.push(crime(`g${i}`, -3000, 2500, 71 + i));

  const result = computeHotspots(records, projection, {
    method: 'gistar',
    cellMeters: 200,
    from: t0,
    to: t0 + 70 * DAY_MS,
    forecastDays: 28,
    areaShare: 0.01,
  });

  it('flags the cluster and scores the forecast window', () => {
    const flagged = result.features.filter((f) => f.properties.flagged);
    expect(flagged.length).toBe(result.forecast.flaggedCells);
    expect(result.forecast.studyCrimes).toBe(12);
    expect(result.forecast.flaggedCrimes).toBe(10);
    expect(result.forecast.pai).toBeCloseTo(
      10 / 12 / (result.forecast.flaggedCells / result.forecast.studyCells),
      10,
    );
    expect(result.train.count).toBe(60);
    expect(result.forecast.recordIds).toHaveLength(12);
  });

  it('returns WGS-84 squares around the cluster with Gi* z and p', () => {
    const top = result.features[0];
    const ring = top?.geometry.coordinates[0] ?? [];
    expect(ring).toHaveLength(5);
    expect(ring[0]).toEqual(ring[4]);
    const [lon, lat] = projection.toLngLat([2040, 1060]);
    const lons = ring.map((p) => p[0]);
    const lats = ring.map((p) => p[1]);
    expect(Math.min(...lons) - 0.01).toBeLessThan(lon);
    expect(Math.max(...lons) + 0.01).toBeGreaterThan(lon);
    expect(Math.min(...lats) - 0.01).toBeLessThan(lat);
    expect(Math.max(...lats) + 0.01).toBeGreaterThan(lat);
    expect(top?.properties.z).toBeGreaterThan(1.96);
    expect(top?.properties.p).toBeLessThan(0.05);
  });
});
