import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  answer,
  calloutSetting,
  DEFAULT_COOLDOWN_MS,
  MAX_RINGS,
  nextWave,
  retryDelayMs,
  ringOf,
  ringSeconds,
  type VolunteerCandidate,
  type WaveOptions,
} from './callouts.ts';

const NOW = 1_800_000_000_000;
const v = (
  volunteerId: string,
  etaS: number,
  extra: Partial<VolunteerCandidate> = {},
): VolunteerCandidate => ({
  volunteerId,
  skills: [],
  onDuty: true,
  vetting: 1,
  lastAlertedAt: null,
  etaS,
  ...extra,
});
const opts = (extra: Partial<WaveOptions> = {}): WaveOptions => ({
  needed: 3,
  setting: 'town',
  now: NOW,
  ring: 0,
  alerted: new Set(),
  accepted: 0,
  ...extra,
});

describe('call-out rings', () => {
  it('starts at 500 m in town and 1 km rural, in road seconds, doubling outwards', () => {
    expect(ringSeconds('town', 1)).toBe(60);
    expect(ringSeconds('rural', 1)).toBe(90);
    expect(ringSeconds('town', 3)).toBe(240);
    expect(ringOf('town', 60)).toBe(1);
    expect(ringOf('town', 61)).toBe(2);
    expect(ringOf('town', ringSeconds('town', MAX_RINGS) + 1)).toBeNull();
    expect(ringOf('rural', Number.POSITIVE_INFINITY)).toBeNull();
    expect(calloutSetting('county-town')).toBe('town');
    expect(calloutSetting('suburb')).toBe('town');
    expect(calloutSetting('rural')).toBe('rural');
  });
});

describe('nextWave', () => {
  it('alerts the N nearest by road ETA within the first ring, whatever order they come in', () => {
    const w = nextWave([v('far', 55), v('near', 10), v('mid', 30), v('next', 40)], opts());
    expect(w.ring).toBe(1);
    expect(w.picks.map((p) => p.volunteerId)).toEqual(['near', 'mid', 'next']);
  });

  it('leaves out the off-duty, unskilled, unvetted, recently alerted and unreachable, with reasons', () => {
    const w = nextWave(
      [
        v('off', 5, { onDuty: false }),
        v('noskill', 6),
        v('unvetted', 7, { skills: ['first-aid'], vetting: 0 }),
        v('recent', 8, { skills: ['first-aid'], lastAlertedAt: NOW - DEFAULT_COOLDOWN_MS + 1 }),
        v('rested', 9, { skills: ['first-aid'], lastAlertedAt: NOW - DEFAULT_COOLDOWN_MS }),
        v('cut-off', Number.POSITIVE_INFINITY, { skills: ['first-aid'] }),
        v('ok', 50, { skills: ['first-aid', 'swim'] }),
      ],
      opts({ requiredSkills: ['first-aid'], minVetting: 1 }),
    );
    expect(w.picks.map((p) => p.volunteerId)).toEqual(['rested', 'ok']);
    expect(Object.fromEntries(w.excluded.map((e) => [e.volunteerId, e.reason]))).toEqual({
      off: 'off-duty',
      noskill: 'skill',
      unvetted: 'vetting',
      recent: 'cooldown',
      'cut-off': 'unreachable',
    });
  });

  it('widens ring by ring at once when the first ring holds too few', () => {
    const w = nextWave([v('a', 20), v('b', 100), v('c', 200), v('d', 300)], opts());
    expect(w.ring).toBe(3);
    expect(w.picks.map((p) => [p.volunteerId, p.ring])).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ]);
  });

  it('a later wave alerts only those missing, from the next ring, never the same volunteer twice', () => {
    const all = [v('a', 10), v('b', 20), v('c', 30), v('d', 40), v('e', 100), v('f', 110)];
    const w = nextWave(all, opts({ ring: 1, alerted: new Set(['a', 'b', 'c']), accepted: 1 }));
    expect(w.ring).toBe(2);
    expect(w.picks.map((p) => p.volunteerId)).toEqual(['d', 'e']);
    expect(nextWave(all, opts({ accepted: 3 })).picks).toEqual([]);
    expect(nextWave(all, opts({ ring: MAX_RINGS })).picks).toEqual([]);
  });

  it('never alerts anyone twice, nor more than are missing, and always the nearest eligible first', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 2_000 }), { minLength: 0, maxLength: 30 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 10 }),
        (etas, needed, alertedCount) => {
          const cands = etas.map((e, i) => v(`v${String(i).padStart(2, '0')}`, e));
          const alerted = new Set(cands.slice(0, alertedCount).map((c) => c.volunteerId));
          const w = nextWave(cands, opts({ needed, alerted }));
          expect(w.picks.length).toBeLessThanOrEqual(needed);
          for (const p of w.picks) expect(alerted.has(p.volunteerId)).toBe(false);
          for (let i = 1; i < w.picks.length; i++)
            expect(w.picks[i]!.etaS).toBeGreaterThanOrEqual(w.picks[i - 1]!.etaS);
          const widest = ringSeconds('town', MAX_RINGS);
          const left = cands.filter((c) => !alerted.has(c.volunteerId) && c.etaS <= widest);
          expect(w.picks.length).toBe(Math.min(needed, left.length));
        },
      ),
    );
  });
});

describe('answer', () => {
  it('accepts while places are left, fills on the Nth and tells the next it is filled', () => {
    expect(answer('open', 'alerted', 1, 3, 'accept')).toEqual({
      ok: true,
      recipient: 'accepted',
      filled: false,
    });
    expect(answer('open', 'alerted', 2, 3, 'accept')).toEqual({
      ok: true,
      recipient: 'accepted',
      filled: true,
    });
    expect(answer('filled', 'alerted', 3, 3, 'accept')).toEqual({ ok: false, reason: 'filled' });
    expect(answer('expired', 'alerted', 1, 3, 'accept')).toEqual({ ok: false, reason: 'closed' });
    expect(answer('open', 'accepted', 1, 3, 'decline')).toEqual({ ok: false, reason: 'answered' });
    expect(answer('open', 'alerted', 0, 3, 'decline')).toEqual({
      ok: true,
      recipient: 'declined',
      filled: false,
    });
  });

  it('backs off an unreachable channel and gives up after five attempts', () => {
    expect([0, 1, 2, 3, 4, 5].map((a) => retryDelayMs(a))).toEqual([
      5_000,
      15_000,
      45_000,
      135_000,
      405_000,
      null,
    ]);
  });
});
