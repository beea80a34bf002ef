import { describe, expect, it } from 'vitest';
import { incidentTimers } from './timers.ts';

const t0 = Date.UTC(2026, 10, 29, 2, 0, 0);
const at = (sec: number) => t0 + sec * 1000;
const base = {
  receivedAt: t0,
  dispatchedAt: null,
  acknowledgedAt: null,
  onSceneAt: null,
  resolvedAt: null,
  targetS: 600,
  units: [],
};

describe('incident timers', () => {
  it('counts down to the arrival target and warns when dispatch is late', () => {
    const early = incidentTimers(base, at(30));
    expect(early).toMatchObject({
      sinceReceivedS: 30,
      arrivalCountdownS: 570,
      dispatchLevel: 'ok',
      arrivalLevel: 'ok',
      warnings: [],
    });
    const late = incidentTimers(base, at(90));
    expect(late.dispatchLevel).toBe('overdue');
    expect(late.warnings).toEqual(['dispatch-overdue']);
  });

  it('warns at 80% of the target and flags it overdue after', () => {
    const dispatched = {
      ...base,
      dispatchedAt: at(40),
      units: [{ unitId: 'u1', dispatchedAt: at(40), onSceneAt: null, etaS: 400 }],
    };
    expect(incidentTimers(dispatched, at(500)).warnings).toEqual(['arrival-warning']);
    const over = incidentTimers(dispatched, at(700));
    expect(over).toMatchObject({
      arrivalLevel: 'overdue',
      arrivalCountdownS: -100,
      warnings: ['arrival-overdue'],
      toDispatchS: 40,
    });
    expect(over.units[0]).toEqual({ unitId: 'u1', enRouteS: 660, etaLeftS: 0, onScene: false });
    expect(incidentTimers(dispatched, at(100)).units[0]!.etaLeftS).toBe(340);
  });

  it('stops the countdown on arrival and measures time on scene', () => {
    const arrived = {
      ...base,
      dispatchedAt: at(40),
      onSceneAt: at(520),
      units: [{ unitId: 'u1', dispatchedAt: at(40), onSceneAt: at(520), etaS: 500 }],
    };
    const tm = incidentTimers(arrived, at(1_000));
    expect(tm).toMatchObject({
      toArriveS: 520,
      onSceneS: 480,
      arrivalCountdownS: null,
      arrivalLevel: 'ok',
      warnings: [],
    });
    expect(tm.units[0]).toEqual({ unitId: 'u1', enRouteS: 480, etaLeftS: null, onScene: true });
  });
});
