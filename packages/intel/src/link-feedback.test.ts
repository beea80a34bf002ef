import { describe, expect, it } from 'vitest';
import { generateBurglaries } from './burglary-generator.ts';
import type { CrimeRecord } from './crime-record.ts';
import { LINK_FEATURES } from './link-features.ts';
import { feedbackPairs, learnWeightsFromFeedback } from './link-feedback.ts';
import { buildLinkModel, encodeRecords } from './link-model.ts';
import { createRng } from './rng.ts';

const history = generateBurglaries(createRng(11), { series: 40, background: 600 }).records;
const model = buildLinkModel(history);
const table = encodeRecords(model, history);

describe('analyst feedback', () => {
  it('becomes labelled pairs and moves the weights toward what the analyst confirmed', () => {
    const a = history[0] as CrimeRecord;
    const near = history.map((r, i) => ({ r, i })).filter(({ r }) => Math.hypot(r.x - a.x, r.y - a.y) < 400);
    const far = history.filter((r) => Math.hypot(r.x - a.x, r.y - a.y) > 5000);
    const feedback = [
      ...near.slice(1, 20).map(({ r }) => ({ a: a.id, b: r.id, verdict: 'confirm' as const })),
      ...far.slice(0, 20).map((r) => ({ a: a.id, b: r.id, verdict: 'reject' as const })),
      { a: a.id, b: 'missing', verdict: 'confirm' as const },
    ];
    const pairs = feedbackPairs(model, table, history, feedback);
    expect(pairs.y.length).toBe(feedback.length - 1);
    const w = learnWeightsFromFeedback(model, table, history, feedback);
    expect(w[LINK_FEATURES.indexOf('distance')]).toBeGreaterThan(0.3);
  });
});
