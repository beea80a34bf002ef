import { describe, expect, it } from 'vitest';
import { parseCrimeCsv, writeCrimeCsv } from './crime-csv.ts';

const HEADER = 'id,occurred_from,occurred_to,lon,lat,x_m,y_m,category,premise,method,features,series_id';

describe('parseCrimeCsv', () => {
  it('reads good rows, reports bad ones by line with a reason, ignores extra columns', () => {
    const text = [
      `${HEADER},note`,
      'A1,2026-03-01T02:00,2026-03-01T05:00,,,100,200,050101,0101,0101,0101;0102,S1,x',
      'A2,2026-03-02T02:00:00+08:00,,,,10,20,050101,0102,0201,,,y',
      'A3,yesterday,,,,1,2,050101,0101,0101,,,',
      'A4,2026-03-02T02:00,2026-03-01T02:00,,,1,2,050101,0101,0101,,,',
      'A5,2026-03-02T02:00,,,,,,050101,0101,0101,,,',
      'A6,2026-03-02T02:00,,,,1,2,burglary,0101,0101,,,',
      'A1,2026-03-02T02:00,,,,1,2,050101,0101,0101,,,',
    ].join('\n');
    const { records, errors, headerError } = parseCrimeCsv(text);
    expect(headerError).toBeUndefined();
    expect(records.map((r) => r.id)).toEqual(['A1', 'A2']);
    expect(records[0]?.occurredFrom).toBe(Date.UTC(2026, 1, 28, 18, 0));
    expect(records[0]?.occurredTo).toBe(Date.UTC(2026, 1, 28, 21, 0));
    expect(records[0]?.features).toEqual(['0101', '0102']);
    expect(records[0]?.seriesId).toBe('S1');
    expect(records[1]?.occurredTo).toBe(records[1]?.occurredFrom);
    expect(records[1]?.seriesId).toBeUndefined();
    expect(errors.map((e) => e.line)).toEqual([4, 5, 6, 7, 8]);
    expect(errors[0]?.reason).toMatch(/occurred_from "yesterday"/);
    expect(errors[1]?.reason).toMatch(/before/);
    expect(errors[2]?.reason).toMatch(/no position/);
    expect(errors[3]?.reason).toMatch(/6-digit/);
    expect(errors[4]?.reason).toMatch(/duplicate/);
  });

  it('projects lon/lat about the centroid when x/y are empty', () => {
    const text = [
      HEADER,
      'B1,2026-03-01T02:00Z,,118.0,25.0,,,050101,0101,0101,,',
      'B2,2026-03-01T02:00Z,,118.01,25.0,,,050101,0101,0101,,',
    ].join('\n');
    const { records } = parseCrimeCsv(text);
    const [a, b] = records;
    expect(a?.x).toBeCloseTo(-503.88, 1);
    expect(b?.x).toBeCloseTo(503.88, 1);
    expect(Math.abs(a?.y ?? 1)).toBeLessThan(1e-6);
    expect(a?.occurredFrom).toBe(Date.UTC(2026, 2, 1, 2, 0));
  });

  it('reads the optional filed_at and solved_at, an empty one meaning not given', () => {
    const text = [
      `${HEADER},filed_at,solved_at`,
      'B1,2026-03-01T02:00,,,,1,2,050101,0101,0101,,,2026-03-02T09:00,2026-03-20T10:00',
      'B2,2026-03-01T02:00,,,,1,2,050101,0101,0101,,,,',
      'B3,2026-03-01T02:00,,,,1,2,050101,0101,0101,,,2026-03-02T09:00,2026-03-01T10:00',
      'B4,2026-03-01T02:00,,,,1,2,050101,0101,0101,,,soon,',
    ].join('\n');
    const { records, errors } = parseCrimeCsv(text);
    expect(records.map((r) => [r.id, r.filedAt, r.solvedAt])).toEqual([
      ['B1', Date.parse('2026-03-02T09:00+08:00'), Date.parse('2026-03-20T10:00+08:00')],
      ['B2', undefined, undefined],
    ]);
    expect(errors).toEqual([
      { line: 4, reason: 'solved_at is before the case was filed' },
      { line: 5, reason: 'filed_at "soon" is not an ISO 8601 time' },
    ]);
  });

  it('rejects a header without the required columns', () => {
    const r = parseCrimeCsv('id,when,x,y\n1,2,3,4');
    expect(r.headerError).toMatch(/occurred_from/);
    expect(r.records).toEqual([]);
    expect(parseCrimeCsv('').headerError).toMatch(/empty/);
  });

  it('round-trips through the writer', () => {
    const text = [
      HEADER,
      'C1,2026-03-01T02:00,2026-03-01T03:30,118.2,25.5,1.5,-2.5,050101,0101,0201,"0101;0201",S9',
    ].join('\n');
    const first = parseCrimeCsv(text).records;
    const again = parseCrimeCsv(writeCrimeCsv(first)).records;
    expect(again).toEqual(first);
  });
});
