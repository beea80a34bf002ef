import { type MoTable, parentCode } from './mo-codes.ts';

/**
 * Rarity-weighted similarity of one categorical attribute (Series Finder): a match on value v scores
 * 1 − f(v)², so a rare shared method counts more than a common one; two different codes under the same
 * parent get `partialCredit` × (1 − f(parent)²). Empty values carry no evidence and score 0.
 */
export interface CategoricalModel {
  readonly ids: ReadonlyMap<string, number>;
  readonly size: number;
  /** size × size similarity matrix. */
  readonly sim: Float64Array;
}

export function buildCategoricalModel(
  values: readonly string[],
  table: MoTable,
  partialCredit: number,
): CategoricalModel {
  const counts = new Map<string, number>();
  const parentCounts = new Map<string, number>();
  let n = 0;
  for (const v of values) {
    if (v === '') continue;
    n++;
    counts.set(v, (counts.get(v) ?? 0) + 1);
    const p = parentCode(table, v);
    if (p) parentCounts.set(p, (parentCounts.get(p) ?? 0) + 1);
  }
  const codes = [...counts.keys()].sort();
  const ids = new Map(codes.map((c, i) => [c, i]));
  const size = codes.length;
  const sim = new Float64Array(size * size);
  for (let a = 0; a < size; a++) {
    const ca = codes[a] as string;
    const pa = parentCode(table, ca);
    for (let b = 0; b < size; b++) {
      const cb = codes[b] as string;
      let s = 0;
      if (a === b) {
        const f = (counts.get(ca) ?? 0) / n;
        s = 1 - f * f;
      } else if (pa !== null && pa === parentCode(table, cb)) {
        const f = (parentCounts.get(pa) ?? 0) / n;
        s = partialCredit * (1 - f * f);
      }
      sim[a * size + b] = s;
    }
  }
  return { ids, size, sim };
}

/** Similarity of two codes under the model (codes the model never saw score 0). */
export function categoricalSimilarity(model: CategoricalModel, a: string, b: string): number {
  const i = model.ids.get(a);
  const j = model.ids.get(b);
  if (i === undefined || j === undefined) return 0;
  return model.sim[i * model.size + j] ?? 0;
}
