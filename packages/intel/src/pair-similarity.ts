import type { CategoricalModel } from './categorical-similarity.ts';
import { DAY_MINUTES, expectedCircularDistance, WEEK_MINUTES } from './circular-time.ts';
import { maskSimilarity } from './feature-set-similarity.ts';
import type { LinkModel, LinkTable } from './link-model.ts';

function catSim(m: CategoricalModel, a: number, b: number): number {
  return a < 0 || b < 0 ? 0 : (m.sim[a * m.size + b] ?? 0);
}

/**
 * Write the eight similarities s_j (order of LINK_FEATURES, each in [0, 1]) of record i of table `a`
 * and record j of table `b` into out[at … at+7].
 */
export function pairSimilarities(
  model: LinkModel,
  a: LinkTable,
  i: number,
  b: LinkTable,
  j: number,
  out: Float64Array,
  at = 0,
): void {
  const la = a.lengthMin[i] as number;
  const lb = b.lengthMin[j] as number;
  out[at] = catSim(model.category, a.category[i] as number, b.category[j] as number);
  out[at + 1] = catSim(model.premise, a.premise[i] as number, b.premise[j] as number);
  out[at + 2] = catSim(model.method, a.method[i] as number, b.method[j] as number);
  out[at + 3] = maskSimilarity(
    model.features,
    a.featureMask[i] as number,
    a.featureWeight[i] as number,
    b.featureMask[j] as number,
    b.featureWeight[j] as number,
  );
  // Time of day and day of week: 1 − expected circular distance / the largest possible distance.
  const dTod = expectedCircularDistance(
    a.todStart[i] as number,
    la,
    b.todStart[j] as number,
    lb,
    DAY_MINUTES,
    1,
  );
  out[at + 4] = 1 - dTod / (DAY_MINUTES / 2);
  const dWeek = expectedCircularDistance(
    a.weekStart[i] as number,
    la,
    b.weekStart[j] as number,
    lb,
    WEEK_MINUTES,
    1,
  );
  out[at + 5] = 1 - dWeek / (WEEK_MINUTES / 2);
  const dx = (a.x[i] as number) - (b.x[j] as number);
  const dy = (a.y[i] as number) - (b.y[j] as number);
  out[at + 6] = Math.exp(-Math.sqrt(dx * dx + dy * dy) / model.options.distanceScaleM);
  out[at + 7] = Math.exp(
    -Math.abs((a.midDay[i] as number) - (b.midDay[j] as number)) / model.options.daysScale,
  );
}
