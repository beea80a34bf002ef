import type { Camera, Incident, Unit } from '@ronghui/contracts';
import { createCameraProjector, createLocalProjection, type LngLat } from '@ronghui/geo';
import { describe, expect, it } from 'vitest';
import { arLabels, declutter, poseOf, roadOverlay } from './ar-labels.ts';
import { cameraFeatures } from './camera-features.ts';
import { intakeLink, intakePointOf } from './intake-link.ts';

const camera: Camera = {
  id: 'cam-test',
  code: 'DH-CAM-T',
  name: '测试路口',
  stationId: 'station-350526100',
  stationName: '浔中派出所',
  lon: 118.24,
  lat: 25.49,
  groundElevationMeters: 0,
  heightMeters: 12,
  headingDegrees: 0,
  tiltDegrees: 6,
  rollDegrees: 0,
  hfovDegrees: 60,
  rangeMeters: 1500,
  streamKind: 'none',
  streamUrl: null,
  active: true,
  createdBy: 'system-admin',
  createdAt: '2026-11-29T00:00:00Z',
  updatedAt: '2026-11-29T00:00:00Z',
};
const local = createLocalProjection([camera.lon, camera.lat] as LngLat);
const ahead = (east: number, north: number) => {
  const [lon, lat] = local.toLngLat([east, north]);
  return { lon, lat };
};
const unit = (id: string, at: { lon: number; lat: number } | null): Unit => ({
  id,
  callsign: `浔中${id}`,
  name: '民警',
  kind: 'officer',
  stationId: 'station-350526100',
  stationName: '浔中派出所',
  pool: null,
  capabilities: [],
  status: 'available',
  statusName: { zh: '空闲', en: 'Available' },
  onDuty: true,
  incidentId: null,
  position: at && { ...at, speedKmh: 0, heading: 0, at: '2026-11-29T00:00:00Z' },
});
const names = { unitStatus: (s: string) => s, category: (i: Incident) => i.category.zh };

describe('AR labels', () => {
  const projector = createCameraProjector(poseOf(camera, 1280, 720));

  it('labels units, incidents, places and named roads in view at their projected pixels, and nothing hidden', () => {
    const incident = {
      id: 'i1',
      number: '350526-20261129-0001',
      priority: 1,
      category: { kind: 'criminal', code: '01', zh: '盗窃', en: 'Theft' },
      location: { ...ahead(-30, 200), address: null, township: null, confidence: 1 },
    } as Incident;
    const { labels, roads } = arLabels(
      projector,
      {
        units: [
          unit('01', ahead(20, 300)),
          unit('02', ahead(0, -100)),
          unit('03', ahead(0, 3000)),
          unit('04', null),
        ],
        incidents: [incident],
        places: [{ kind: 'place', name: '德化陶瓷博物馆', ...ahead(0, 500), distanceMeters: 500 }],
        roads: {
          type: 'FeatureCollection',
          features: [
            {
              type: 'Feature',
              properties: { name: '浔中大道' },
              geometry: {
                type: 'LineString',
                coordinates: [ahead(-300, 400), ahead(300, 400)].map((p) => [p.lon, p.lat]),
              },
            },
          ],
        },
      },
      names,
    );
    const byKey = new Map(labels.map((l) => [l.key, l]));
    expect([...byKey.keys()].sort()).toEqual(
      ['incident:i1', 'place:place:德化陶瓷博物馆', 'road:浔中大道', 'unit:01'].sort(),
    );
    const u = projector.project(ahead(20, 300));
    expect(u.visible && byKey.get('unit:01')).toMatchObject({
      x: u.visible ? u.x : 0,
      y: u.visible ? u.y : 0,
    });
    expect(byKey.get('unit:01')?.x).toBeGreaterThan(640);
    expect(byKey.get('incident:i1')?.x).toBeLessThan(640);
    // Collapsed first, then farther before nearer, so readable and near labels are drawn on top.
    const readable = labels.filter((l) => !l.collapsed);
    expect(labels.slice(labels.length - readable.length)).toEqual(readable);
    expect(readable.map((l) => l.distanceM)).toEqual(
      [...readable.map((l) => l.distanceM)].sort((a, b) => b - a),
    );
    // The incident outranks everything: it is never collapsed.
    expect(byKey.get('incident:i1')?.collapsed).toBe(false);
    // The road crosses the picture as one visible piece with its label near the middle.
    expect(roads).toHaveLength(1);
    expect(roads[0]!.pieces.length).toBeGreaterThanOrEqual(1);
    expect(Math.abs(byKey.get('road:浔中大道')!.x - 640)).toBeLessThan(40);
  });

  it('traces only roads within range, breaking them where they leave the picture', () => {
    const line = (a: { lon: number; lat: number }, b: { lon: number; lat: number }, name: string) => ({
      type: 'Feature' as const,
      properties: { name },
      geometry: {
        type: 'LineString' as const,
        coordinates: [
          [a.lon, a.lat],
          [b.lon, b.lat],
        ],
      },
    });
    const { traces, labels } = roadOverlay(projector, {
      type: 'FeatureCollection',
      features: [
        line(ahead(-3000, 5000), ahead(3000, 5000), '远处公路'),
        // From behind the camera to 600 m ahead: only the part in front is drawn.
        line(ahead(10, -400), ahead(10, 600), '龙浔大道'),
      ],
    });
    expect(traces.map((r) => r.name)).toEqual(['龙浔大道']);
    expect(labels.map((l) => l.text)).toEqual(['龙浔大道']);
    for (const piece of traces[0]!.pieces)
      for (const [x, y] of piece) {
        expect(x).toBeGreaterThanOrEqual(0);
        expect(y).toBeLessThanOrEqual(720);
      }
  });

  it('collapses a label whose text would cover a more important one, keeping its dot', () => {
    const base = { detail: '100 m', tone: 'x' };
    const out = declutter([
      { ...base, key: 'road:a', kind: 'road', text: '浔中大道', x: 500, y: 300, distanceM: 50 },
      { ...base, key: 'place:b', kind: 'place', text: '德化一中', x: 520, y: 305, distanceM: 300 },
      { ...base, key: 'unit:c', kind: 'unit', text: '浔中01', x: 900, y: 300, distanceM: 900 },
    ]);
    expect(Object.fromEntries(out.map((l) => [l.key, l.collapsed]))).toEqual({
      'road:a': true,
      'place:b': false,
      'unit:c': false,
    });
  });

  it('draws a view cone around the heading and round-trips intake links', () => {
    const { points, cones } = cameraFeatures([{ ...camera, headingDegrees: 90, rangeMeters: 300 }]);
    expect(points.features[0]!.geometry).toEqual({ type: 'Point', coordinates: [camera.lon, camera.lat] });
    const ring = (cones.features[0]!.geometry as { coordinates: number[][][] }).coordinates[0]!;
    const middle = local.toXY(ring[7] as [number, number]);
    expect(middle[0]).toBeCloseTo(300, 3);
    expect(middle[1]).toBeCloseTo(0, 3);
    expect(intakePointOf(new URL(`http://x${intakeLink({ lon: 118.2, lat: 25.5 })}`).search)).toEqual({
      lon: 118.2,
      lat: 25.5,
    });
    expect(intakePointOf('?lon=abc&lat=25')).toBeNull();
    expect(intakePointOf('?lat=25')).toBeNull();
  });
});
