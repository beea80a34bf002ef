import { describe, expect, it } from 'vitest';
import { buildDehuaDemo } from './dehua.ts';
import { asOf, generateDisputeHistory } from './seed-disputes.ts';

const demo = buildDehuaDemo();
const gridOfVillage = new Map(
  demo.grids.flatMap((g) => g.villageCodes.map((v) => [v, `grid-${g.code}`] as const)),
);
const ms = (d: unknown) => new Date(d as Date).getTime();

describe('this year’s demo disputes as they stand today', () => {
  const now = new Date('2026-07-01T04:00:00Z');
  const year = generateDisputeHistory(demo, gridOfVillage, (t) => `station-${t}`, {
    tenantCode: 'T',
    year: 2026,
    count: 400,
    seed: 2026,
    actorId: 'seed',
  });
  const today = asOf(year, now);

  it('leaves out what lies after today and keeps each status at its last step', () => {
    expect(today.rows.length).toBeGreaterThan(150);
    expect(today.rows.length).toBeLessThan(260);
    expect(today.events.every((e) => ms(e.at) <= now.getTime())).toBe(true);
    expect(today.parties).toHaveLength(today.rows.length * 2);
    const open = today.rows.filter((r) => r.status === 'registered' || r.status === 'mediating');
    expect(open.length).toBeGreaterThan(0);
    for (const r of open) {
      expect(r.concluded_at).toBeNull();
      expect(r.agreement).toBeNull();
      expect(r.closed_at).toBeNull();
    }
    for (const r of today.rows) {
      expect(ms(r.registered_at)).toBeLessThanOrEqual(now.getTime());
      const last = today.events
        .filter((e) => e.dispute_id === r.id && e.to_status)
        .sort((a, b) => ms(a.at) - ms(b.at))
        .at(-1);
      expect(last?.to_status).toBe(r.status);
      if (r.status === 'settled') expect(r.agreement).not.toBeNull();
    }
    // Numbers stay a run from 1, so the live register continues after them.
    const numbers = today.rows.map((r) => Number(r.number.slice(6))).sort((a, b) => a - b);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
  });
});
