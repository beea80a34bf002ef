import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Candidate, recommend } from './recommend.ts';

const unit = (
  unitId: string,
  stationId: string,
  etaS: number,
  extra: Partial<Candidate> = {},
): Candidate => ({
  unitId,
  stationId,
  status: 'available',
  onDuty: true,
  capabilities: [],
  etaS,
  distanceM: etaS * 10,
  ...extra,
});

describe('recommend', () => {
  it('ranks by road ETA and leaves out busy, off-duty, incapable and unreachable units with reasons', () => {
    const r = recommend(
      [
        unit('a', 'home', 300),
        unit('b', 'home', 100),
        unit('c', 'home', 50, { status: 'en-route' }),
        unit('d', 'home', 60, { onDuty: false }),
        unit('e', 'home', 70, { capabilities: ['armed'] }),
        unit('f', 'home', Number.POSITIVE_INFINITY),
      ],
      { homeStationId: 'home', targetS: 200, requiredCapabilities: [] },
    );
    expect(r.units.map((u) => u.unitId)).toEqual(['e', 'b', 'a']);
    expect(r.units.map((u) => u.withinTarget)).toEqual([true, true, false]);
    expect(r.excluded).toEqual([
      { unitId: 'c', stationId: 'home', reason: 'busy' },
      { unitId: 'd', stationId: 'home', reason: 'off-duty' },
      { unitId: 'f', stationId: 'home', reason: 'unreachable' },
    ]);
  });

  it('filters by capability', () => {
    const r = recommend([unit('a', 's', 10), unit('b', 's', 20, { capabilities: ['armed', 'vehicle'] })], {
      homeStationId: 's',
      targetS: 600,
      requiredCapabilities: ['armed'],
    });
    expect(r.units.map((u) => u.unitId)).toEqual(['b']);
  });

  it("never strips another station of its last available unit unless told to; the incident's own station may send it", () => {
    const candidates = [unit('far1', 'other', 100), unit('home1', 'home', 200)];
    const r = recommend(candidates, { homeStationId: 'home', targetS: 600 });
    expect(r.units.map((u) => u.unitId)).toEqual(['home1']);
    expect(r.excluded).toContainEqual({ unitId: 'far1', stationId: 'other', reason: 'last-unit' });
    const told = recommend(candidates, { homeStationId: 'home', targetS: 600, allowLastUnit: true });
    expect(told.units.map((u) => u.unitId)).toEqual(['far1', 'home1']);
  });

  it('takes N per station for joint-area orders and reports the shortfall against the target', () => {
    const candidates = [
      unit('y1', 'yangmei', 100),
      unit('y2', 'yangmei', 150),
      unit('y3', 'yangmei', 900),
      unit('s1', 'shangyong', 500),
      unit('s2', 'shangyong', 700),
      unit('s3', 'shangyong', 800),
    ];
    const r = recommend(candidates, { homeStationId: 'yangmei', targetS: 600, perStation: 2 });
    expect(r.units.map((u) => u.unitId)).toEqual(['y1', 'y2', 's1', 's2']);
    expect(r.withinTarget).toBe(3);
    expect(r.shortfall).toBe(1);
  });

  it('property: never more than perStation from a station, never a busy unit, sorted by ETA', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            unitId: fc.uuid(),
            stationId: fc.constantFrom('s1', 's2', 's3'),
            status: fc.constantFrom('available', 'en-route', 'returning', 'off-duty'),
            onDuty: fc.boolean(),
            capabilities: fc.constant([]),
            etaS: fc.float({ min: 0, max: 3600, noNaN: true }),
            distanceM: fc.constant(0),
          }),
        ),
        fc.integer({ min: 1, max: 3 }),
        (cands, per) => {
          const r = recommend(cands, { homeStationId: 's1', targetS: 600, perStation: per });
          const counts = new Map<string, number>();
          for (const u of r.units) counts.set(u.stationId, (counts.get(u.stationId) ?? 0) + 1);
          const sorted = r.units.every((u, i) => i === 0 || r.units[i - 1]!.etaS <= u.etaS);
          return (
            sorted &&
            [...counts.values()].every((n) => n <= per) &&
            r.units.every((u) => u.onDuty && (u.status === 'available' || u.status === 'returning'))
          );
        },
      ),
    );
  });
});
