import { describe, expect, it } from 'vitest';
import {
  actionsFrom,
  deadlineOf,
  HAZARD_ACTIONS,
  HAZARD_STATES,
  nextState,
  overdueLevel,
} from './hazard-flow.ts';

const DAY = 86_400_000;

describe('hazard closed loop', () => {
  it('walks report → register → dispatch → handle → report back → verify → close → evaluate', () => {
    let state = 'reported' as const as (typeof HAZARD_STATES)[number];
    for (const action of [
      'register',
      'dispatch',
      'start',
      'report-back',
      'verify',
      'close',
      'evaluate',
    ] as const) {
      const r = nextState(state, action);
      expect(r.ok, `${action} from ${state}`).toBe(true);
      if (r.ok) state = r.to;
    }
    expect(state).toBe('evaluated');
  });

  it('refuses skipping steps and says why', () => {
    const r = nextState('reported', 'close');
    expect(r).toEqual({ ok: false, reason: expect.stringContaining('only from verified') });
    expect(nextState('evaluated', 'evaluate').ok).toBe(false);
    expect(nextState('handling', 'verify').ok).toBe(false);
  });

  it('sends a rejected report back to handling, and may re-dispatch to another unit', () => {
    expect(nextState('reported-back', 'reject')).toEqual({ ok: true, to: 'handling' });
    expect(nextState('dispatched', 'dispatch')).toEqual({ ok: true, to: 'dispatched' });
  });

  it('lists the actions open in each state; none after evaluation', () => {
    expect(actionsFrom('reported')).toEqual(['register']);
    expect(actionsFrom('reported-back')).toEqual(['verify', 'reject']);
    expect(actionsFrom('evaluated')).toEqual([]);
    for (const s of HAZARD_STATES) for (const a of actionsFrom(s)) expect(HAZARD_ACTIONS).toContain(a);
  });
});

describe('deadlines', () => {
  it('gives fire 3 days and the others 7 unless the county says otherwise', () => {
    expect(deadlineOf('fire', 0)).toBe(3 * DAY);
    expect(deadlineOf('traffic', 0)).toBe(7 * DAY);
    expect(deadlineOf('traffic', 0, { traffic: 5 })).toBe(5 * DAY);
  });

  it('warns in the last day, is overdue past the deadline, escalates half its time later', () => {
    const reg = 0;
    const due = deadlineOf('fire', reg);
    expect(overdueLevel('dispatched', reg, due, 1 * DAY)).toBe('none');
    expect(overdueLevel('dispatched', reg, due, 2.5 * DAY)).toBe('warning');
    expect(overdueLevel('handling', reg, due, 3 * DAY)).toBe('overdue');
    expect(overdueLevel('handling', reg, due, 4.6 * DAY)).toBe('escalated');
    expect(overdueLevel('closed', reg, due, 10 * DAY)).toBe('none');
    expect(overdueLevel('reported', null, null, 10 * DAY)).toBe('none');
  });
});
