import {
  type HazardAction,
  type HazardState,
  nextState,
  type OverdueLevel,
  overdueLevel,
} from '@ronghui/hazards';
import { describe, expect, it } from 'vitest';
import { type DemoCommunityGrid, generateHazardHistory, locateIn } from './seed-hazards.ts';

const square = (id: string, x: number, workers: string[]): DemoCommunityGrid => ({
  id,
  villageCode: `v-${id}`,
  villageName: `${id}村`,
  policeGridId: `grid-${id}`,
  stationId: 'station-1',
  stationName: '一号派出所',
  boundary: {
    type: 'Polygon',
    coordinates: [
      [
        [x, 25],
        [x + 0.01, 25],
        [x + 0.01, 25.01],
        [x, 25.01],
        [x, 25],
      ],
    ],
  },
  bbox: [x, 25, x + 0.01, 25.01],
  population: 1000,
  workers,
});

const grids = [square('a', 118, ['林志明', '陈秀英']), square('b', 118.02, [])];
const now = new Date('2026-12-06T06:00:00Z');
const options = {
  tenantCode: 'T',
  countyId: 'T',
  actorId: 'seed',
  now,
  year: 2023,
  count: 300,
  recentDays: 90,
  recentCount: 300,
  seed: 7,
};
const ms = (d: unknown) => new Date(d as Date).getTime();

describe('demo hazard history', () => {
  const seed = generateHazardHistory(grids, options);

  it('replays every timeline through the state machine to the hazard status', () => {
    const byHazard = new Map<string, typeof seed.events>();
    for (const e of seed.events) byHazard.set(e.hazard_id, [...(byHazard.get(e.hazard_id) ?? []), e]);
    for (const row of seed.rows) {
      const events = byHazard.get(row.id) ?? [];
      expect(events[0]).toMatchObject({ kind: 'created', to_status: 'reported' });
      let state: HazardState = 'reported';
      let last = 0;
      for (const e of events) {
        expect(ms(e.at)).toBeGreaterThanOrEqual(last);
        expect(ms(e.at)).toBeLessThanOrEqual(now.getTime());
        last = ms(e.at);
        if (e.kind === 'created' || e.kind === 'overdue') continue;
        const step = nextState(state, e.kind as HazardAction);
        expect(step.ok).toBe(true);
        if (step.ok) state = step.to;
        expect(e.to_status).toBe(state);
      }
      expect(row.status).toBe(state);
    }
  });

  it('marks lateness as the sweep would, and closes, rates and places each hazard', () => {
    for (const row of seed.rows) {
      const settled = row.status === 'closed' || row.status === 'evaluated';
      expect(row.closed_at != null).toBe(settled);
      expect(row.rating != null).toBe(row.status === 'evaluated');
      expect(row.demo).toBe(true);
      const g = locateIn(grids, row.lon, row.lat);
      expect(g?.id).toBe(row.community_grid_id);
      if (!settled && row.registered_at)
        expect(row.overdue).toBe(
          overdueLevel(row.status as HazardState, ms(row.registered_at), ms(row.deadline_at), now.getTime()),
        );
      const level = row.overdue as OverdueLevel;
      if (level === 'escalated') expect(row.escalated_to).toBe('T');
      if (level === 'overdue') expect(row.escalated_to).toBe('station-1');
    }
    const open = seed.rows.filter((r) => r.closed_at == null);
    expect(open.some((r) => r.overdue === 'escalated')).toBe(true);
    expect(open.length).toBeGreaterThan(0);
    expect(
      seed.rows.filter((r) => ms(r.reported_at) < ms('2024-01-01T00:00:00+08:00')).every((r) => r.closed_at),
    ).toBe(true);
    expect(new Set(seed.rows.map((r) => r.number)).size).toBe(seed.rows.length);
    expect(
      seed.rows
        .filter((r) => r.community_grid_id === 'a')
        .every((r) => ['林志明', '陈秀英'].includes(r.reported_by)),
    ).toBe(true);
  });

  it('is the same history from the same seed', () => {
    const again = generateHazardHistory(grids, options);
    const shape = (s: typeof seed) =>
      s.rows.map((r) => [r.number, r.kind, r.status, r.overdue, r.rating, r.lon]);
    expect(shape(again)).toEqual(shape(seed));
    expect(shape(generateHazardHistory(grids, { ...options, seed: 8 }))).not.toEqual(shape(seed));
  });
});
