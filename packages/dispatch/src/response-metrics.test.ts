import { describe, expect, it } from 'vitest';
import { percentile, responseMetrics, summarize } from './response-metrics.ts';

const t0 = Date.UTC(2026, 10, 29, 2);
const s = (x: number) => t0 + x * 1000;

describe('response metrics', () => {
  it('uses nearest-rank percentiles', () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([], 50)).toBeNull();
    expect(summarize([30, 10, 20])).toEqual({ count: 3, p50S: 20, p90S: 30, meanS: 20 });
  });

  it('computes each step and the target compliance per group', () => {
    const rows = [
      {
        groupKeys: ['north', 'yangmei'],
        receivedAt: s(0),
        dispatchedAt: s(40),
        onSceneAt: s(540),
        targetS: 600,
      },
      {
        groupKeys: ['north', 'shangyong'],
        receivedAt: s(0),
        dispatchedAt: s(60),
        onSceneAt: s(760),
        targetS: 600,
      },
      {
        groupKeys: ['north', 'yangmei'],
        receivedAt: s(0),
        dispatchedAt: null,
        onSceneAt: null,
        targetS: 600,
      },
    ];
    const [north, shangyong, yangmei] = responseMetrics(rows);
    expect(north).toMatchObject({
      key: 'north',
      incidents: 3,
      arrived: 2,
      withinTarget: 1,
      targetCompliance: 0.5,
      callToDispatch: { count: 2, p50S: 40, p90S: 60 },
      dispatchToArrival: { count: 2, p50S: 500, p90S: 700 },
      callToArrival: { count: 2, p50S: 540, p90S: 760 },
    });
    expect(shangyong!.targetCompliance).toBe(0);
    expect(yangmei).toMatchObject({ incidents: 2, arrived: 1, targetCompliance: 1 });
  });
});
