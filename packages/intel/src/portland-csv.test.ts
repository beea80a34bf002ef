import { describe, expect, it } from 'vitest';
import { PORTLAND_OFFSET_MS, parsePortlandCsv } from './portland-csv.ts';

describe('Portland burglary reader', () => {
  it('converts State Plane feet to metres and a date to a whole-day window in Portland time', () => {
    const text =
      'occ_date,x_coordina,y_coordina,week_no\n2012-03-12,7688186,676342,260\nbad,1,2,3\n2012-03-13,,5,1\n';
    const { records, errors } = parsePortlandCsv(text);
    expect(records).toHaveLength(1);
    const r = records[0];
    expect(r?.x).toBeCloseTo(7688186 * 0.3048, 6);
    expect(r?.y).toBeCloseTo(676342 * 0.3048, 6);
    expect(r?.occurredFrom).toBe(Date.UTC(2012, 2, 12) - PORTLAND_OFFSET_MS);
    expect((r?.occurredTo ?? 0) - (r?.occurredFrom ?? 0)).toBe(86_400_000 - 60_000);
    expect(errors.map((e) => e.line)).toEqual([3, 4]);
    expect(parsePortlandCsv('a,b\n1,2').headerError).toMatch(/occ_date/);
  });
});
