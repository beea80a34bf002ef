import { describe, expect, it } from 'vitest';
import { demoCatalogue } from './catalogue.ts';
import { isWorkingDay } from './calendar.ts';
import { generateServiceHistory, type HistoryOptions } from './history.ts';
import { DEFAULT_HALL_HOURS, isOpenAt, localDate, localTime } from './hours.ts';

const items = demoCatalogue();
const opts: HistoryOptions = {
  year: 2024,
  seed: 7,
  visits: 1500,
  items,
  halls: [
    {
      id: 'centre',
      centre: true,
      hours: DEFAULT_HALL_HOURS,
      counters: [
        { id: 'c1', itemCodes: null },
        { id: 'c2', itemCodes: items.filter((i) => i.group === 'B').map((i) => i.code) },
        { id: 'c3', itemCodes: items.filter((i) => i.group === 'C').map((i) => i.code) },
      ],
      clerkIds: ['u1', 'u2', 'u3'],
      weight: 3,
    },
    {
      id: 'town',
      centre: false,
      hours: { ...DEFAULT_HALL_HOURS, extended: [] },
      counters: [{ id: 't1', itemCodes: items.filter((i) => i.group === 'A').map((i) => i.code) }],
      clerkIds: ['u9'],
      weight: 1,
    },
  ],
};

describe('demo hall history', () => {
  const visits = generateServiceHistory(opts);
  const at = (iso: string) => new Date(iso);
  const hours = (id: string) => opts.halls.find((h) => h.id === id)!.hours;

  it('is the same for the same seed and different for another', () => {
    expect(visits).toHaveLength(1500);
    expect(generateServiceHistory(opts)).toEqual(visits);
    expect(generateServiceHistory({ ...opts, seed: 8 })).not.toEqual(visits);
  });

  it('stays inside open hours and in order: issued ≤ called ≤ started ≤ finished', () => {
    for (const v of visits) {
      const h = hours(v.hallId);
      for (const t of [v.issuedAt, v.calledAt, v.startedAt]) {
        expect(isOpenAt(localDate(at(t)), localTime(at(t)), h), `${v.hallId} ${t}`).toBe(true);
      }
      const lastOpenSecond = new Date(Date.parse(v.finishedAt) - 1000);
      expect(isOpenAt(localDate(lastOpenSecond), localTime(lastOpenSecond), h)).toBe(true);
      expect(v.issuedAt <= v.calledAt && v.calledAt <= v.startedAt && v.startedAt <= v.finishedAt).toBe(true);
    }
    // The town hall has no extended windows: nothing there on Saturdays or after 17:30.
    const town = visits.filter((v) => v.hallId === 'town');
    expect(town.length).toBeGreaterThan(0);
    for (const v of town) expect(isWorkingDay(localDate(at(v.issuedAt)))).toBe(true);
    expect(visits.some((v) => !isWorkingDay(localDate(at(v.issuedAt))))).toBe(true); // Saturdays at the centre
  });

  it('waits mostly 2–15 minutes and serves 1–2 items a visit at a counter that handles them', () => {
    const waits = visits.map((v) => (Date.parse(v.calledAt) - Date.parse(v.issuedAt)) / 60_000);
    expect(waits.filter((w) => w <= 15).length / waits.length).toBeGreaterThan(0.85);
    const walkIns = visits.filter((v) => v.source !== 'appointment');
    const walkInWaits = walkIns.map((v) => (Date.parse(v.calledAt) - Date.parse(v.issuedAt)) / 60_000);
    expect(walkInWaits.filter((w) => w >= 2 && w <= 15).length / walkIns.length).toBeGreaterThan(0.8);
    for (const v of visits) {
      expect(v.cases.length).toBeGreaterThanOrEqual(1);
      expect(v.cases.length).toBeLessThanOrEqual(2);
      const hall = opts.halls.find((h) => h.id === v.hallId)!;
      const counter = hall.counters.find((c) => c.id === v.counterId)!;
      for (const c of v.cases) {
        expect(counter.itemCodes === null || counter.itemCodes.includes(c.itemCode)).toBe(true);
        const item = items.find((i) => i.code === c.itemCode)!;
        if (v.hallId === 'town') expect(item.centreOnly).toBe(false);
      }
    }
  });

  it('completes every case on or before its deadline, and delivers after completion', () => {
    let promised = 0;
    for (const v of visits)
      for (const c of v.cases) {
        expect(
          localDate(at(c.completedAt)) <= c.deadline,
          `${c.itemCode} ${c.completedAt} > ${c.deadline}`,
        ).toBe(true);
        expect(c.completedAt >= c.acceptedAt).toBe(true);
        expect(c.deliveredAt >= c.completedAt).toBe(true);
        if (c.deadline > localDate(at(c.acceptedAt))) promised++;
      }
    expect(promised).toBeGreaterThan(0);
    expect(visits.some((v) => v.cases.some((c) => c.expedited))).toBe(true);
  });

  it('numbers tickets per hall, day and group from 001', () => {
    const seen = new Map<string, string[]>();
    for (const v of visits) {
      const key = `${v.hallId}|${localDate(at(v.issuedAt))}|${v.group}`;
      seen.set(key, [...(seen.get(key) ?? []), v.ticketNumber]);
    }
    for (const [key, numbers] of seen) {
      const group = key.split('|')[2] as string;
      expect(numbers).toEqual(numbers.map((_, i) => `${group}${String(i + 1).padStart(3, '0')}`));
    }
  });

  it('rates most visits, all 4 or 5; appointments carry their slot', () => {
    const rated = visits.filter((v) => v.rating);
    expect(rated.length / visits.length).toBeGreaterThan(0.7);
    for (const v of rated) expect([4, 5]).toContain(v.rating!.level);
    for (const v of visits.filter((x) => x.source === 'appointment')) {
      expect(v.appointment).not.toBeNull();
      expect(v.appointment!.bookedAt < v.issuedAt).toBe(true);
      expect(localDate(at(v.appointment!.slotStart))).toBe(localDate(at(v.issuedAt)));
    }
  });
});
