import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateBurglaries } from './burglary-generator.ts';
import type { CrimeRecord } from './crime-record.ts';
import { LINK_FEATURE_COUNT } from './link-features.ts';
import { buildLinkModel, encodeRecords } from './link-model.ts';
import { rankCandidates, scoreAgainstAll } from './link-scan.ts';
import { pairSimilarities } from './pair-similarity.ts';
import { createRng } from './rng.ts';

const base: CrimeRecord = {
  id: 'a',
  occurredFrom: Date.UTC(2026, 0, 5, 18, 0), // Tuesday 02:00 in Shanghai
  occurredTo: Date.UTC(2026, 0, 5, 20, 0),
  x: 0,
  y: 0,
  category: '050101',
  premise: '0101',
  method: '0101',
  features: ['0101'],
};

describe('pair similarities', () => {
  it('by hand for two crimes 1 km and 3 days apart at the same hours', () => {
    const b: CrimeRecord = {
      ...base,
      id: 'b',
      occurredFrom: base.occurredFrom + 3 * 86_400_000,
      occurredTo: base.occurredTo + 3 * 86_400_000,
      x: 600,
      y: 800,
      premise: '0102',
      method: '0201',
    };
    const c: CrimeRecord = { ...base, id: 'c', premise: '0201', features: [] };
    const model = buildLinkModel([base, b, c], { distanceScaleM: 1000, daysScale: 30 });
    const t = encodeRecords(model, [base, b, c]);
    const s = new Float64Array(LINK_FEATURE_COUNT);
    pairSimilarities(model, t, 0, t, 1, s);
    expect(s[0]).toBe(0); // every record is 050101: a match on something universal says nothing
    expect(s[1]).toBeCloseTo(0.5 * (1 - (2 / 3) ** 2), 12); // 自建房 vs 商品房: both 住宅
    expect(s[2]).toBe(0); // 撬锁 vs 翻窗: different parents
    expect(s[3]).toBe(1);
    expect(s[4]).toBeCloseTo(1 - 40 / 720, 9); // identical 2 h windows: E distance = 2 h / 3
    expect(s[6]).toBeCloseTo(Math.exp(-1), 12);
    expect(s[7]).toBeCloseTo(Math.exp(-3 / 30), 12);
  });

  it('are symmetric and within [0, 1]', () => {
    const { records } = generateBurglaries(createRng(5), { series: 5, background: 40 });
    const model = buildLinkModel(records);
    const t = encodeRecords(model, records);
    const s1 = new Float64Array(LINK_FEATURE_COUNT);
    const s2 = new Float64Array(LINK_FEATURE_COUNT);
    fc.assert(
      fc.property(fc.nat(records.length - 1), fc.nat(records.length - 1), (i, j) => {
        pairSimilarities(model, t, i, t, j, s1);
        pairSimilarities(model, t, j, t, i, s2);
        for (let k = 0; k < LINK_FEATURE_COUNT; k++) {
          expect(s1[k]).toBeGreaterThanOrEqual(0);
          expect(s1[k]).toBeLessThanOrEqual(1);
          expect(Math.abs((s1[k] as number) - (s2[k] as number))).toBeLessThan(1e-7);
        }
      }),
    );
  });

  it('the fast scan equals Σ λ_j s_j pair by pair, and ranks best first', () => {
    const { records } = generateBurglaries(createRng(6), { series: 4, background: 60 });
    const model = buildLinkModel(records);
    const t = encodeRecords(model, records);
    const w = Float64Array.from([0.05, 0.1, 0.1, 0.15, 0.15, 0.05, 0.25, 0.15]);
    const scores = scoreAgainstAll(model, t, t, 3, w);
    const s = new Float64Array(LINK_FEATURE_COUNT);
    for (let j = 0; j < t.n; j++) {
      pairSimilarities(model, t, 3, t, j, s);
      const expected = s.reduce((sum, v, k) => sum + v * (w[k] as number), 0);
      expect(scores[j]).toBeCloseTo(expected, 9);
    }
    const ranked = rankCandidates(model, t, t, 3, w, 5, (j) => j === 3);
    expect(ranked).toHaveLength(5);
    const sorted = [...scores]
      .map((v, j) => ({ v, j }))
      .filter((e) => e.j !== 3)
      .sort((a, b) => b.v - a.v);
    expect(ranked.map((r) => r.index)).toEqual(sorted.slice(0, 5).map((e) => e.j));
  });
});
