import type { Callout, VolunteerLivePosition } from '@ronghui/contracts';
import { type CalloutSetting, FIRST_RING_M } from '@ronghui/dispatch';
import type { Feature, FeatureCollection, Point, Polygon } from 'geojson';

/** Roles that see the call-out and volunteer layers (READ_ACCESS `callout` and `volunteer` on the server). */
export const CALLOUT_MAP_ROLES = ['dispatcher', 'commander', 'officer', 'auxiliary', 'leader'] as const;

/** A recipient's dot: alerted (waiting), accepted, declined; filled / expired / cancelled did not take part. */
export const recipientColors = {
  alerted: '#fa8c16',
  accepted: '#52c41a',
  declined: '#8c8c8c',
  other: '#d9d9d9',
} as const;
export type RecipientColor = keyof typeof recipientColors;
export const calloutPlaceColor = '#cf1322';
export const volunteerColor = '#722ed1';

export function recipientColor(state: string): RecipientColor {
  return state === 'alerted' || state === 'accepted' || state === 'declined' ? state : 'other';
}

/** The straight-line picture of ring `ring`: the first ring's metres (500 m town, 1 km rural), doubling outwards. */
export function ringRadiusM(setting: CalloutSetting, ring: number): number {
  return FIRST_RING_M[setting] * 2 ** (Math.max(1, ring) - 1);
}

/** A circle of `radiusM` metres around a point, as a polygon of `steps` sides (local flat-earth, fine at km scale). */
export function circlePolygon(lon: number, lat: number, radiusM: number, steps = 48): Polygon {
  const dLat = radiusM / 111_320;
  const dLon = dLat / Math.cos((lat * Math.PI) / 180);
  const ring: [number, number][] = [];
  for (let i = 0; i <= steps; i++) {
    const a = (2 * Math.PI * (i % steps)) / steps;
    ring.push([lon + dLon * Math.cos(a), lat + dLat * Math.sin(a)]);
  }
  return { type: 'Polygon', coordinates: [ring] };
}

/**
 * The open call-outs on the command map: each place, the ring reached, and every recipient as a dot coloured
 * by their answer at their last known position (the accepted from the call-out itself, the others from the
 * volunteers' live positions; a recipient without a known position is not drawn).
 */
export function calloutFeatures(
  callouts: readonly Callout[],
  positions: readonly VolunteerLivePosition[],
): FeatureCollection<Point | Polygon> {
  const where = new Map(positions.map((p) => [p.volunteerId, p]));
  const features: Feature<Point | Polygon>[] = [];
  for (const c of callouts) {
    if (c.status !== 'open') continue;
    features.push({
      type: 'Feature',
      geometry: circlePolygon(c.lon, c.lat, ringRadiusM(c.setting, c.ring)),
      properties: { kind: 'ring', calloutId: c.id, ring: c.ring },
    });
    for (const r of c.candidates) {
      const at = r.position ?? where.get(r.volunteerId) ?? null;
      if (!at) continue;
      const color = recipientColor(r.state);
      features.push({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [at.lon, at.lat] },
        properties: {
          kind: 'recipient',
          calloutId: c.id,
          incidentId: c.incidentId,
          name: r.name,
          state: r.state,
          color: recipientColors[color],
          etaSeconds: r.etaSeconds,
        },
      });
    }
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [c.lon, c.lat] },
      properties: {
        kind: 'place',
        calloutId: c.id,
        incidentId: c.incidentId,
        name: c.kind,
        place: c.place,
        ring: c.ring,
        needed: c.needed,
        accepted: c.accepted,
        color: calloutPlaceColor,
      },
    });
  }
  return { type: 'FeatureCollection', features };
}

/** On-duty consenting volunteers at their live positions. */
export function volunteerFeatures(positions: readonly VolunteerLivePosition[]): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    features: positions.map((p) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
      properties: {
        id: p.volunteerId,
        name: p.name,
        skills: p.skills.join(','),
        at: p.at,
        callout: p.callout?.state ?? null,
      },
    })),
  };
}
