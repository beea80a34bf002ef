import type { Unit } from '@ronghui/contracts';
import { describe, expect, it } from 'vitest';
import {
  applyPositions,
  applyStatus,
  createCoalescer,
  createThrottle,
  createUnitFeed,
  type Timers,
} from './live-coalescer.ts';

/** A clock and timers that move only when told to. */
function fakeTime() {
  let now = 0;
  let next = 1;
  const due = new Map<number, { at: number; fn: () => void }>();
  const timers: Timers = {
    set(fn, ms) {
      const id = next++;
      due.set(id, { at: now + ms, fn });
      return id;
    },
    clear(handle) {
      due.delete(handle as number);
    },
  };
  const advance = (ms: number) => {
    const until = now + ms;
    for (;;) {
      const first = [...due].sort((a, b) => a[1].at - b[1].at)[0];
      if (!first || first[1].at > until) break;
      due.delete(first[0]);
      now = first[1].at;
      first[1].fn();
    }
    now = until;
  };
  return { timers, advance, now: () => now, pending: () => due.size };
}

const unit = (id: string, at: string | null): Unit => ({
  id,
  callsign: id,
  name: '民警',
  kind: 'officer',
  stationId: 'station-350526200',
  stationName: '杨梅派出所',
  pool: null,
  capabilities: [],
  status: 'available',
  statusName: { zh: '空闲', en: 'Available' },
  onDuty: true,
  incidentId: null,
  position: at ? { lon: 118.1, lat: 25.7, speedKmh: 0, heading: 0, at } : null,
});

describe('createCoalescer', () => {
  it('turns a burst of station events into one flush at the end of the window', () => {
    const t = fakeTime();
    let flushes = 0;
    const c = createCoalescer(() => flushes++, 200, t.timers);
    for (let i = 0; i < 20; i++) {
      c.mark();
      t.advance(3);
    }
    expect(flushes).toBe(0);
    expect(c.pending).toBe(true);
    t.advance(200);
    expect(flushes).toBe(1);
    expect(c.pending).toBe(false);
    // The next second's burst is its own flush.
    t.advance(740);
    c.mark();
    t.advance(200);
    expect(flushes).toBe(2);
  });

  it('flushes nothing after cancel', () => {
    const t = fakeTime();
    let flushes = 0;
    const c = createCoalescer(() => flushes++, 200, t.timers);
    c.mark();
    c.cancel();
    t.advance(1000);
    expect(flushes).toBe(0);
    expect(t.pending()).toBe(0);
  });
});

describe('createThrottle', () => {
  it('flushes the first change at once, then at most once per interval, and always the last one', () => {
    const t = fakeTime();
    const at: number[] = [];
    const c = createThrottle(() => at.push(t.now()), 5000, t.timers, t.now);
    c.mark();
    expect(at).toEqual([0]);
    // A change every second for twelve seconds.
    for (let s = 1; s <= 12; s++) {
      t.advance(1000);
      c.mark();
    }
    t.advance(10_000);
    expect(at).toEqual([0, 5000, 10_000, 15_000]);
  });
});

describe('applyPositions / applyStatus', () => {
  it('moves known units, ignores unknown ones and never moves a unit back to an older fix', () => {
    const table = new Map([
      ['a', unit('a', '2026-11-29T10:00:05Z')],
      ['b', unit('b', null)],
    ]);
    const fix = (unitId: string, at: string, lon: number) => ({
      unitId,
      lon,
      lat: 25.7,
      speedKmh: 30,
      heading: 90,
      at,
    });
    const applied = applyPositions(table, [
      fix('a', '2026-11-29T10:00:04Z', 118.0),
      fix('b', '2026-11-29T10:00:04Z', 118.2),
      fix('zz', '2026-11-29T10:00:04Z', 118.3),
    ]);
    expect(applied).toBe(1);
    expect(table.get('a')?.position?.lon).toBe(118.1);
    expect(table.get('b')?.position).toMatchObject({ lon: 118.2, heading: 90 });
    expect(applyPositions(table, [fix('a', '2026-11-29T10:00:06Z', 118.4)])).toBe(1);
    expect(table.get('a')?.position?.lon).toBe(118.4);
  });

  it('changes status and incident of a known unit only', () => {
    const table = new Map([['a', unit('a', null)]]);
    expect(applyStatus(table, { unitId: 'a', status: 'en-route', incidentId: 'i-1' })).toBe(true);
    expect(table.get('a')).toMatchObject({ status: 'en-route', incidentId: 'i-1' });
    expect(applyStatus(table, { unitId: 'zz', status: 'en-route', incidentId: null })).toBe(false);
    // A state the console does not know (a newer server) leaves the unit as it is.
    expect(applyStatus(table, { unitId: 'a', status: 'teleported', incidentId: null })).toBe(false);
    expect(table.get('a')).toMatchObject({ status: 'en-route', incidentId: 'i-1' });
  });
});

describe('createUnitFeed', () => {
  it('hands the latest units to a new subscriber and every publish to current ones', () => {
    const feed = createUnitFeed();
    const seen: number[] = [];
    feed.publish([unit('a', null)]);
    const stop = feed.subscribe((units) => seen.push(units.length));
    feed.publish([unit('a', null), unit('b', null)]);
    stop();
    feed.publish([]);
    expect(seen).toEqual([1, 2]);
    expect(feed.latest).toEqual([]);
  });
});
