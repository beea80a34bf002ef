import type { Callout, VolunteerLivePosition } from '@ronghui/contracts';
import { haversine } from '@ronghui/geo';
import { describe, expect, it } from 'vitest';
import {
  calloutFeatures,
  circlePolygon,
  recipientColor,
  ringRadiusM,
  volunteerFeatures,
} from './callout-map-data.ts';

const candidate = (volunteerId: string, state: string, position: { lon: number; lat: number } | null) => ({
  volunteerId,
  name: `测*${volunteerId}`,
  etaSeconds: 120,
  distanceMeters: 900,
  ring: 1,
  state,
  alertedAt: '2026-12-06T02:00:00.000Z',
  answeredAt: null,
  reason: null,
  deliveries: [],
  position: position ? { ...position, at: '2026-12-06T02:01:00.000Z' } : null,
});

const callout = (status: string, candidates: ReturnType<typeof candidate>[]) =>
  ({
    id: `c-${status}`,
    status,
    incidentId: 'i1',
    stationId: 's1',
    kind: '落水',
    description: '',
    address: '',
    place: '曾坂村',
    lon: 118.3,
    lat: 25.6,
    setting: 'rural',
    needed: 3,
    accepted: 1,
    ring: 2,
    skills: [],
    createdAt: '2026-12-06T02:00:00.000Z',
    expiresAt: '2026-12-06T02:15:00.000Z',
    closedAt: null,
    candidates,
    rings: [],
  }) as unknown as Callout;

const live = (volunteerId: string, lon: number, lat: number): VolunteerLivePosition => ({
  volunteerId,
  name: `测*${volunteerId}`,
  skills: ['first-aid'],
  teamIds: ['t1'],
  lon,
  lat,
  at: '2026-12-06T02:00:00.000Z',
  callout: null,
});

describe('call-outs on the command map', () => {
  it('draws rings doubling from 1 km rural / 500 m town, as a closed circle of that radius', () => {
    expect(ringRadiusM('rural', 1)).toBe(1_000);
    expect(ringRadiusM('rural', 3)).toBe(4_000);
    expect(ringRadiusM('town', 2)).toBe(1_000);
    const poly = circlePolygon(118.3, 25.6, 2_000, 24);
    const ring = poly.coordinates[0]!;
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    for (const p of ring)
      expect(Math.abs(haversine(p as [number, number], [118.3, 25.6]) - 2_000)).toBeLessThan(20);
  });

  it('colours each recipient by answer at its last position, leaves out those without one and closed calls', () => {
    const open = callout('open', [
      candidate('a', 'accepted', { lon: 118.31, lat: 25.6 }),
      candidate('b', 'alerted', null),
      candidate('c', 'declined', null),
      candidate('d', 'alerted', null),
    ]);
    const fc = calloutFeatures(
      [open, callout('filled', [candidate('e', 'accepted', { lon: 1, lat: 1 })])],
      [live('b', 118.29, 25.61), live('c', 118.28, 25.6)],
    );
    const kinds = fc.features.map((f) => f.properties?.kind);
    expect(kinds).toEqual(['ring', 'recipient', 'recipient', 'recipient', 'place']);
    const dots = fc.features.filter((f) => f.properties?.kind === 'recipient');
    expect(dots.map((f) => [f.properties?.name, f.properties?.state, f.properties?.color])).toEqual([
      ['测*a', 'accepted', '#52c41a'],
      ['测*b', 'alerted', '#fa8c16'],
      ['测*c', 'declined', '#8c8c8c'],
    ]);
    expect(dots[1]!.geometry).toEqual({ type: 'Point', coordinates: [118.29, 25.61] });
    expect(recipientColor('filled')).toBe('other');
  });

  it('puts every on-duty volunteer at their live position', () => {
    const fc = volunteerFeatures([live('a', 118.1, 25.5)]);
    expect(fc.features).toHaveLength(1);
    expect(fc.features[0]!.geometry.coordinates).toEqual([118.1, 25.5]);
    expect(fc.features[0]!.properties).toMatchObject({ name: '测*a', skills: 'first-aid' });
  });
});
