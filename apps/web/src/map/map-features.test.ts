import { describe, expect, it } from 'vitest';
import { categoryTree } from '../features/incidents/category-tree.ts';
import type { UnitView } from '../api/dispatch-types.ts';
import { formatDuration, pointFeature, unitFeatures } from './map-features.ts';

const unit = (id: string, position: UnitView['position']): UnitView => ({
  id,
  callsign: `杨梅${id}`,
  name: '民警',
  kind: 'officer',
  stationId: 'station-350526200',
  stationName: '杨梅派出所',
  pool: null,
  status: 'en-route',
  statusName: { zh: '出警途中', en: 'En route' },
  onDuty: true,
  incidentId: null,
  position,
});

describe('map features', () => {
  it('formats durations as m:ss, h:mm:ss and keeps the sign of an overrun', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(75.9)).toBe('1:15');
    expect(formatDuration(3_725)).toBe('1:02:05');
    expect(formatDuration(-61)).toBe('-1:01');
  });

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

  it('builds the category tree with the eight kinds on top and crimes nested by code', () => {
    const tree = categoryTree('zh-CN');
    expect(tree.map((n) => n.title)).toEqual([
      '刑事',
      '治安',
      '交通',
      '火灾',
      '求助',
      '纠纷',
      '举报',
      '其他',
    ]);
    const theft = tree[0]?.children?.find((n) => n.value === '05')?.children?.find((n) => n.value === '0501');
    expect(theft?.children?.map((n) => n.title)).toContain('入室盗窃');
    expect(categoryTree('en-US')[2]?.title).toBe('traffic');
  });
});
