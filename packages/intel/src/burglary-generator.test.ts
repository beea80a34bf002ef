import { describe, expect, it } from 'vitest';
import { generateBurglaries } from './burglary-generator.ts';
import { parseCrimeCsv, writeCrimeCsv } from './crime-csv.ts';
import { createRng } from './rng.ts';

describe('burglary generator', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = writeCrimeCsv(generateBurglaries(createRng(7), { series: 5, background: 50 }).records);
    const b = writeCrimeCsv(generateBurglaries(createRng(7), { series: 5, background: 50 }).records);
    const c = writeCrimeCsv(generateBurglaries(createRng(8), { series: 5, background: 50 }).records);
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  it('writes a valid crime CSV with the requested series and background', () => {
    const { records, offenders } = generateBurglaries(createRng(9), { series: 6, background: 40 });
    const parsed = parseCrimeCsv(writeCrimeCsv(records));
    expect(parsed.errors).toEqual([]);
    expect(parsed.records).toHaveLength(records.length);
    const series = new Set(records.flatMap((r) => (r.seriesId ? [r.seriesId] : [])));
    expect(series.size).toBe(6);
    expect(offenders).toHaveLength(6);
    expect(records.filter((r) => !r.seriesId)).toHaveLength(40);
    for (const r of records) {
      expect(r.occurredTo).toBeGreaterThanOrEqual(r.occurredFrom);
      expect(r.category).toMatch(/^\d{6}$/);
    }
  });

  it('gives offenders a consistent MO: most of a series shares its habitual premise', () => {
    const { records, offenders } = generateBurglaries(createRng(10), { series: 20, background: 0 });
    let same = 0;
    for (const r of records)
      if (offenders.find((o) => o.seriesId === r.seriesId)?.premise === r.premise) same++;
    expect(same / records.length).toBeGreaterThan(0.7);
  });
});
