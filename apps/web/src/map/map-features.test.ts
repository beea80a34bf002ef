import type { Unit } from '@ronghui/contracts';
import { describe, expect, it } from 'vitest';
import { pointFeature, unitFeatures } from './map-features.ts';

const unit = (id: string, position: Unit['position']): Unit => ({
  id,
  callsign: `杨梅${id}`,
  name: '民警',
  kind: 'officer',
  stationId: 'station-350526200',
  stationName: '杨梅派出所',
  pool: null,
  capabilities: [],
  status: 'en-route',
  statusName: { zh: '出警途中', en: 'En route' },
  onDuty: true,
  incidentId: null,
  position,
});

describe('map features', () => {
  it('draws only units with a position, with heading, status and selection', () => {
    const at = { lon: 118.02, lat: 25.7, speedKmh: 40, heading: 135, at: '2026-11-29T20:00:00Z' };
    const fc = unitFeatures([unit('01', at), unit('02', null)], '01');
    expect(fc.features).toHaveLength(1);
    expect(fc.features[0]?.geometry).toEqual({ type: 'Point', coordinates: [118.02, 25.7] });
    expect(fc.features[0]?.properties).toMatchObject({
      id: '01',
      status: 'en-route',
      heading: 135,
      selected: true,
    });
  });

  it('gives an empty collection for no point', () => {
    expect(pointFeature(null).features).toEqual([]);
    expect(pointFeature({ lon: 1, lat: 2 }).features).toHaveLength(1);
  });
});
