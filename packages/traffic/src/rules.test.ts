import type { TrafficRules } from '@ronghui/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { advise, createRuleEngine, DEFAULT_TRAFFIC_RULES } from './rules.ts';
import type { Reading, Transition } from './types.ts';

const T0 = Date.parse('2023-12-22T06:00:00+08:00');
const S = 1000;
const MIN = 60 * S;

function engine(over: Partial<TrafficRules> = {}, staleMs?: number) {
  const rules = { ...DEFAULT_TRAFFIC_RULES, ...over };
  return createRuleEngine({ rulesOf: () => rules, ...(staleMs === undefined ? {} : { staleMs }) });
}

const brief = (ts: Transition[]) => ts.map((t) => `${t.kind} ${t.condition} ${t.level} @${(t.at - T0) / S}s`);

describe('九仙山 tunnel mouth: ice', () => {
  const surface = (at: number, friction: number): Reading => ({
    deviceId: 'jxs-surface-1',
    at,
    surfaceTempC: -2,
    friction,
  });

  it('raises ice orange once surface −2 ℃ and friction 0.45 have held for minOn, and not before', () => {
    const e = engine();
    expect(e.observe('jxs', surface(T0, 0.45))).toEqual([]);
    expect(e.observe('jxs', surface(T0 + 30 * S, 0.45))).toEqual([]);
    const ts = e.observe('jxs', surface(T0 + 60 * S, 0.45));
    // Slippery (friction < 0.7) held just as long, but ice outranks it.
    expect(brief(ts)).toEqual(['start ice orange @60s']);
    expect(ts[0]!.evidence).toEqual([surface(T0 + 60 * S, 0.45)]);
    expect(e.active('jxs')).toEqual([
      { sectionId: 'jxs', condition: 'ice', level: 'orange', since: T0 + 60 * S },
    ]);
  });

  it('is immediate with minOnSeconds 0, and goes red below friction 0.4', () => {
    const e = engine({ minOnSeconds: 0 });
    expect(brief(e.observe('jxs', surface(T0, 0.45)))).toEqual(['start ice orange @0s']);
    expect(brief(e.observe('jxs', surface(T0 + 60 * S, 0.35)))).toEqual(['change ice red @60s']);
  });

  it('raises red after minOn with the default rules', () => {
    const e = engine();
    e.observe('jxs', surface(T0, 0.45));
    e.observe('jxs', surface(T0 + 60 * S, 0.45));
    expect(e.observe('jxs', surface(T0 + 90 * S, 0.35))).toEqual([]);
    expect(brief(e.observe('jxs', surface(T0 + 150 * S, 0.35)))).toEqual(['change ice red @150s']);
  });

  it('needs the surface at or below 0 ℃: a wet road at +3 ℃ with friction 0.45 is slippery, not ice', () => {
    const e = engine({ minOnSeconds: 0 });
    const ts = e.observe('s', { deviceId: 'd', at: T0, surfaceTempC: 3, friction: 0.45 });
    expect(brief(ts)).toEqual(['start slippery yellow @0s']);
  });
});

describe('no flapping', () => {
  const vis = (at: number, visibilityM: number, deviceId = 'vis-1'): Reading => ({
    deviceId,
    at,
    visibilityM,
  });

  it('visibility oscillating 190/215 m around 200 m keeps orange (hysteresis), 250 m lowers it', () => {
    const e = engine({ minOnSeconds: 0, minOffSeconds: 0 });
    expect(brief(e.observe('s', vis(T0, 190)))).toEqual(['start fog orange @0s']);
    for (let i = 1; i <= 20; i++) expect(e.observe('s', vis(T0 + i * MIN, i % 2 ? 215 : 190))).toEqual([]);
    expect(brief(e.observe('s', vis(T0 + 21 * MIN, 250)))).toEqual(['change fog yellow @1260s']);
  });

  it('a rise needs the threshold itself: 215 m from yellow stays yellow', () => {
    const e = engine({ minOnSeconds: 0, minOffSeconds: 0 });
    e.observe('s', vis(T0, 400));
    expect(e.observe('s', vis(T0 + MIN, 215))).toEqual([]);
    expect(brief(e.observe('s', vis(T0 + 2 * MIN, 199)))).toEqual(['change fog orange @120s']);
  });

  it('a one-off good reading does not end fog; a clear spell of minOff does', () => {
    const e = engine();
    e.observe('s', vis(T0, 40));
    expect(brief(e.observe('s', vis(T0 + MIN, 40)))).toEqual(['start fog red @60s']);
    expect(e.observe('s', vis(T0 + 2 * MIN, 900))).toEqual([]);
    // Fog back: the pending end is dropped; 10 minutes after the good reading nothing has ended.
    expect(e.observe('s', vis(T0 + 3 * MIN, 40))).toEqual([]);
    expect(e.observe('s', vis(T0 + 12 * MIN, 900))).toEqual([]);
    expect(e.observe('s', vis(T0 + 13 * MIN, 900))).toEqual([]);
    expect(e.observe('s', vis(T0 + 21 * MIN, 900))).toEqual([]);
    expect(brief(e.observe('s', vis(T0 + 22 * MIN, 900)))).toEqual(['end fog red @1320s']);
    expect(e.active()).toEqual([]);
  });

  it('a reading pointing to yet another level restarts the pending timer', () => {
    const e = engine();
    e.observe('s', vis(T0, 150)); // pending orange
    e.observe('s', vis(T0 + 40 * S, 400)); // pending yellow, restarted
    expect(e.observe('s', vis(T0 + 70 * S, 400))).toEqual([]);
    expect(brief(e.observe('s', vis(T0 + 100 * S, 400)))).toEqual(['start fog yellow @100s']);
  });
});

describe('tick', () => {
  it('completes a pending start by the clock, dated when minOn was reached', () => {
    const e = engine();
    e.observe('s', { deviceId: 'v', at: T0, visibilityM: 150 });
    expect(e.tick(T0 + 30 * S)).toEqual([]);
    const ts = e.tick(T0 + 75 * S);
    expect(brief(ts)).toEqual(['start fog orange @60s']);
    expect(ts[0]!.evidence).toEqual([{ deviceId: 'v', at: T0, visibilityM: 150 }]);
    expect(e.tick(T0 + 200 * S)).toEqual([]);
    // The next reading keeps it and emits nothing.
    expect(e.observe('s', { deviceId: 'v', at: T0 + 120 * S, visibilityM: 150 })).toEqual([]);
  });

  it('completes a pending end', () => {
    const e = engine({ minOnSeconds: 0 });
    e.observe('s', { deviceId: 'v', at: T0, visibilityM: 150 });
    e.observe('s', { deviceId: 'v', at: T0 + MIN, visibilityM: 3000 });
    expect(e.tick(T0 + 5 * MIN)).toEqual([]);
    expect(brief(e.tick(T0 + 12 * MIN))).toEqual(['end fog orange @660s']);
  });
});

describe('surface conditions: ice beats frost beats slippery', () => {
  const rws = (at: number, surfaceTempC: number, dewPointC: number, friction: number): Reading => ({
    deviceId: 'rws',
    at,
    surfaceTempC,
    dewPointC,
    friction,
  });

  it('frost gives way to ice and comes back when the ice ends', () => {
    const e = engine({ minOnSeconds: 0, minOffSeconds: 0 });
    expect(brief(e.observe('s', rws(T0, -1, 0, 0.8)))).toEqual(['start frost yellow @0s']);
    expect(brief(e.observe('s', rws(T0 + MIN, -1, 0, 0.5)))).toEqual([
      'start ice orange @60s',
      'end frost yellow @60s',
    ]);
    expect(e.active('s').map((a) => a.condition)).toEqual(['ice']);
    expect(brief(e.observe('s', rws(T0 + 2 * MIN, -1, 0, 0.8)))).toEqual([
      'end ice orange @120s',
      'start frost yellow @120s',
    ]);
  });

  it('frost stays until the ice actually starts (minOn), so the road is never without a warning', () => {
    const e = engine({ minOffSeconds: 0 });
    e.observe('s', rws(T0, -1, 0, 0.8));
    expect(brief(e.observe('s', rws(T0 + MIN, -1, 0, 0.8)))).toEqual(['start frost yellow @60s']);
    expect(e.observe('s', rws(T0 + 2 * MIN, -1, 0, 0.5))).toEqual([]);
    expect(e.active('s').map((a) => a.condition)).toEqual(['frost']);
    expect(brief(e.observe('s', rws(T0 + 3 * MIN, -1, 0, 0.5)))).toEqual([
      'start ice orange @180s',
      'end frost yellow @180s',
    ]);
  });

  it('tick ends frost when it starts the ice, both dated when minOn was reached', () => {
    const e = engine();
    e.observe('s', rws(T0, -1, 0, 0.8));
    e.observe('s', rws(T0 + MIN, -1, 0, 0.8));
    e.observe('s', rws(T0 + 2 * MIN, -1, 0, 0.5));
    expect(brief(e.tick(T0 + 5 * MIN))).toEqual(['start ice orange @180s', 'end frost yellow @180s']);
  });

  it('tick ends the ice and lets frost that held meanwhile follow at the same moment', () => {
    const e = engine();
    e.observe('s', rws(T0, -1, 0, 0.5));
    e.observe('s', rws(T0 + MIN, -1, 0, 0.5)); // ice orange
    e.observe('s', rws(T0 + 2 * MIN, -1, 0, 0.8)); // ice clearing, frost waiting
    expect(e.tick(T0 + 11 * MIN)).toEqual([]);
    expect(brief(e.tick(T0 + 13 * MIN))).toEqual(['end ice orange @720s', 'start frost yellow @720s']);
  });

  it('frost needs the surface below its own device’s dew point and at or below 0 ℃', () => {
    const e = engine({ minOnSeconds: 0 });
    // Warm surface below the dew point: dew, not frost.
    expect(e.observe('s', { deviceId: 'a', at: T0, surfaceTempC: 2, dewPointC: 3 })).toEqual([]);
    // Device b is colder, but its dew point is lower still; a's pair is not frost either.
    expect(e.observe('s', { deviceId: 'b', at: T0, surfaceTempC: -3, dewPointC: -5 })).toEqual([]);
    expect(brief(e.observe('s', { deviceId: 'b', at: T0 + S, surfaceTempC: -3, dewPointC: -2 }))).toEqual([
      'start frost yellow @1s',
    ]);
  });

  it('without a device that has both, frost compares the coldest surface with the highest dew point', () => {
    const e = engine({ minOnSeconds: 0 });
    e.observe('s', { deviceId: 'surface', at: T0, surfaceTempC: -1 });
    expect(brief(e.observe('s', { deviceId: 'weather', at: T0, dewPointC: 0.5 }))).toEqual([
      'start frost yellow @0s',
    ]);
  });
});

describe('wind and rain', () => {
  it('uses the gust, else the mean speed, and holds until 10 % below the threshold', () => {
    const e = engine({ minOnSeconds: 0, minOffSeconds: 0 });
    expect(e.observe('s', { deviceId: 'w', at: T0, windSpeedMs: 20, windGustMs: 16 })).toEqual([]);
    expect(brief(e.observe('s', { deviceId: 'w', at: T0 + S, windSpeedMs: 10, windGustMs: 18 }))).toEqual([
      'start wind yellow @1s',
    ]);
    expect(e.observe('s', { deviceId: 'w', at: T0 + 2 * S, windSpeedMs: 10, windGustMs: 15.6 })).toEqual([]);
    expect(
      brief(e.observe('s', { deviceId: 'w', at: T0 + 3 * S, windSpeedMs: 10, windGustMs: 15.4 })),
    ).toEqual(['end wind yellow @3s']);
    expect(brief(e.observe('s', { deviceId: 'w', at: T0 + 4 * S, windSpeedMs: 33 }))).toEqual([
      'start wind red @4s',
    ]);
  });

  it('rain by hourly intensity, the wettest device counts', () => {
    const e = engine({ minOnSeconds: 0 });
    e.observe('s', { deviceId: 'a', at: T0, precipitationMmH: 5 });
    expect(brief(e.observe('s', { deviceId: 'b', at: T0, precipitationMmH: 31 }))).toEqual([
      'start rain orange @0s',
    ]);
  });
});

describe('readings', () => {
  it('does not merge stale readings', () => {
    const e = engine({ minOnSeconds: 0, minOffSeconds: 0 });
    e.observe('s', { deviceId: 'a', at: T0, visibilityM: 100 });
    // Within 15 minutes the worst of both counts: still orange.
    expect(e.observe('s', { deviceId: 'b', at: T0 + 5 * MIN, visibilityM: 2000 })).toEqual([]);
    const ts = e.observe('s', { deviceId: 'b', at: T0 + 20 * MIN, visibilityM: 2000 });
    expect(brief(ts)).toEqual(['end fog orange @1200s']);
    expect(ts[0]!.evidence.map((r) => r.deviceId)).toEqual(['b']);
  });

  it('honours a shorter staleMs', () => {
    const e = engine({ minOnSeconds: 0, minOffSeconds: 0 }, MIN);
    e.observe('s', { deviceId: 'a', at: T0, visibilityM: 100 });
    expect(brief(e.observe('s', { deviceId: 'b', at: T0 + 2 * MIN, visibilityM: 2000 }))).toEqual([
      'end fog orange @120s',
    ]);
  });

  it('ignores a reading older than the one held for its device', () => {
    const e = engine({ minOnSeconds: 0 });
    e.observe('s', { deviceId: 'a', at: T0 + MIN, visibilityM: 1000 });
    expect(e.observe('s', { deviceId: 'a', at: T0, visibilityM: 100 })).toEqual([]);
    expect(e.active('s')).toEqual([]);
  });

  it('keeps a condition whose inputs are absent', () => {
    const e = engine({ minOnSeconds: 0, minOffSeconds: 0 });
    e.observe('s', { deviceId: 'v', at: T0, visibilityM: 100 });
    expect(e.observe('s', { deviceId: 'v', at: T0 + MIN, airTempC: 3 })).toEqual([]);
    expect(e.active('s').map((a) => a.condition)).toEqual(['fog']);
  });

  it('keeps sections apart; restore and forget', () => {
    const e = engine({ minOnSeconds: 0 });
    e.observe('a', { deviceId: 'v', at: T0, visibilityM: 100 });
    e.restore('b', 'ice', 'red', T0 - MIN);
    expect(e.active()).toEqual([
      { sectionId: 'a', condition: 'fog', level: 'orange', since: T0 },
      { sectionId: 'b', condition: 'ice', level: 'red', since: T0 - MIN },
    ]);
    // A restored hazard is held like any other: a reading that still shows ice emits nothing.
    expect(e.observe('b', { deviceId: 'r', at: T0, surfaceTempC: -2, friction: 0.3 })).toEqual([]);
    e.forget('a');
    expect(e.active().map((a) => a.sectionId)).toEqual(['b']);
  });
});

describe('advise (第八十一条 and the ice rules)', () => {
  it('fog from visibility', () => {
    expect(advise('fog', 'orange', 150)).toMatchObject({ speedLimitKmh: 60, gapM: 100 });
    expect(advise('fog', 'orange', 80)).toMatchObject({ speedLimitKmh: 40, gapM: 50 });
    expect(advise('fog', 'red', 30)).toMatchObject({ speedLimitKmh: 20, gapM: 50, speedFactor: null });
    expect(advise('fog', 'yellow', 300)).toMatchObject({ speedLimitKmh: 80, gapM: 150 });
    // Never less strict than the level: red kept by hysteresis at 55 m still closes.
    expect(advise('fog', 'red', 55).speedFactor).toBeNull();
  });

  it('fog from the level without visibility', () => {
    expect(advise('fog', 'yellow')).toMatchObject({ speedLimitKmh: 80, gapM: 150, ntcipCode: 5 });
    expect(advise('fog', 'orange')).toMatchObject({ speedLimitKmh: 60, gapM: 100, ntcipCode: 4 });
    expect(advise('fog', 'red')).toEqual({
      speedLimitKmh: 20,
      gapM: 50,
      speedFactor: null,
      ntcipCode: 4,
      datexType: 'PoorEnvironmentConditions/denseFog',
    });
  });

  it('surface, wind and rain', () => {
    expect(advise('ice', 'orange')).toEqual({
      speedLimitKmh: 40,
      gapM: 100,
      speedFactor: 0.4,
      ntcipCode: 7,
      datexType: 'WeatherRelatedRoadConditions/ice',
    });
    expect(advise('ice', 'red')).toMatchObject({ speedLimitKmh: 20, speedFactor: 0.25, ntcipCode: 7 });
    expect(advise('frost', 'yellow')).toMatchObject({ speedLimitKmh: 50, speedFactor: 0.6, ntcipCode: 13 });
    expect(advise('slippery', 'yellow')).toMatchObject({ speedLimitKmh: 60, speedFactor: 0.7, ntcipCode: 8 });
    expect(
      [advise('wind', 'yellow'), advise('wind', 'orange'), advise('wind', 'red')].map((a) => a.speedLimitKmh),
    ).toEqual([60, 40, null]);
    expect(advise('wind', 'red').speedFactor).toBeNull();
    expect(['yellow', 'orange', 'red'].map((l) => advise('rain', l as 'red'))).toMatchObject([
      { speedLimitKmh: 60, speedFactor: 0.7, ntcipCode: null },
      { speedLimitKmh: 40, speedFactor: 0.5 },
      { speedLimitKmh: 20, speedFactor: 0.3 },
    ]);
  });
});

describe('properties', () => {
  it('never more transitions than crossings of the thresholds and their hysteresis bounds', () => {
    const r = DEFAULT_TRAFFIC_RULES;
    const bounds = [r.fogYellowM, r.fogOrangeM, r.fogRedM].flatMap((t) => [
      t,
      t * (1 + r.visibilityHysteresis),
    ]);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 120 }), fc.integer({ min: 10, max: 800 })), {
          minLength: 1,
          maxLength: 60,
        }),
        fc.constantFrom(0, 60),
        fc.constantFrom(0, 600),
        (steps, minOnSeconds, minOffSeconds) => {
          const e = engine({ minOnSeconds, minOffSeconds });
          let at = T0;
          let previous = Number.POSITIVE_INFINITY;
          let crossings = 0;
          let transitions = 0;
          for (const [gapS, visibilityM] of steps) {
            at += gapS * S;
            crossings += bounds.filter((b) => previous < b !== visibilityM < b).length;
            previous = visibilityM;
            transitions += e.observe('s', { deviceId: 'v', at, visibilityM }).length;
          }
          expect(transitions).toBeLessThanOrEqual(crossings);
        },
      ),
    );
  });

  it('with no margins and no durations, the level is exactly the threshold band', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 10, max: 800 }), { minLength: 1, maxLength: 40 }), (values) => {
        const e = engine({ minOnSeconds: 0, minOffSeconds: 0, visibilityHysteresis: 0 });
        values.forEach((visibilityM, i) => {
          e.observe('s', { deviceId: 'v', at: T0 + i * S, visibilityM });
          const expected =
            visibilityM < 50 ? 'red' : visibilityM < 200 ? 'orange' : visibilityM < 500 ? 'yellow' : null;
          expect(e.active('s')[0]?.level ?? null).toBe(expected);
        });
      }),
    );
  });
});

describe('speed', () => {
  it('handles 10,000 readings over 100 sections quickly', () => {
    const e = engine();
    const started = performance.now();
    for (let i = 0; i < 10_000; i++) {
      e.observe(`s${i % 100}`, {
        deviceId: `d${i % 7}`,
        at: T0 + i * 100,
        visibilityM: 100 + (i % 600),
        surfaceTempC: -1,
        dewPointC: -0.5,
        friction: 0.5 + (i % 5) / 10,
        windGustMs: i % 30,
        precipitationMmH: i % 40,
      });
    }
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
