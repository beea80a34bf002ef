import { buildCategoricalModel, type CategoricalModel } from './categorical-similarity.ts';
import { minuteOfDay, minuteOfWeek } from './circular-time.ts';
import { type CrimeRecord, DAY_MS } from './crime-record.ts';
import {
  buildFeatureSetModel,
  type FeatureSetModel,
  featureMask,
  maskWeight,
} from './feature-set-similarity.ts';
import { DEFAULT_LINK_OPTIONS, type LinkOptions } from './link-features.ts';

/** Frequencies and code tables of a crime history: everything pair similarity needs besides the pair. */
export interface LinkModel {
  readonly options: LinkOptions;
  readonly category: CategoricalModel;
  readonly premise: CategoricalModel;
  readonly method: CategoricalModel;
  readonly features: FeatureSetModel;
}

/**
 * Crimes encoded as parallel typed arrays (struct of arrays) so that scoring one incident against
 * 100,000 records is a tight loop without object lookups.
 */
export interface LinkTable {
  readonly n: number;
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** Middle of the window, in days since the epoch. */
  readonly midDay: Float64Array;
  /** Window start as local minute of the day / of the week, and its length in minutes. */
  readonly todStart: Float64Array;
  readonly weekStart: Float64Array;
  readonly lengthMin: Float64Array;
  /** Code ids in the model's categorical tables; −1 = empty or unknown. */
  readonly category: Int32Array;
  readonly premise: Int32Array;
  readonly method: Int32Array;
  readonly featureMask: Uint32Array;
  readonly featureWeight: Float64Array;
}

export function buildLinkModel(
  records: readonly CrimeRecord[],
  options: Partial<LinkOptions> = {},
): LinkModel {
  const opts = { ...DEFAULT_LINK_OPTIONS, ...options };
  return {
    options: opts,
    category: buildCategoricalModel(
      records.map((r) => r.category),
      'category',
      opts.partialCredit,
    ),
    premise: buildCategoricalModel(
      records.map((r) => r.premise),
      'premise',
      opts.partialCredit,
    ),
    method: buildCategoricalModel(
      records.map((r) => r.method),
      'method',
      opts.partialCredit,
    ),
    features: buildFeatureSetModel(records.map((r) => r.features)),
  };
}

export function encodeRecords(model: LinkModel, records: readonly CrimeRecord[]): LinkTable {
  const n = records.length;
  const t: LinkTable = {
    n,
    x: new Float64Array(n),
    y: new Float64Array(n),
    midDay: new Float64Array(n),
    todStart: new Float64Array(n),
    weekStart: new Float64Array(n),
    lengthMin: new Float64Array(n),
    category: new Int32Array(n),
    premise: new Int32Array(n),
    method: new Int32Array(n),
    featureMask: new Uint32Array(n),
    featureWeight: new Float64Array(n),
  };
  const offset = model.options.offsetMs;
  records.forEach((r, i) => {
    t.x[i] = r.x;
    t.y[i] = r.y;
    t.midDay[i] = (r.occurredFrom + r.occurredTo) / 2 / DAY_MS;
    // Sub-minute precision does not matter for crime times; whole minutes keep the arithmetic exact.
    t.todStart[i] = minuteOfDay(r.occurredFrom, offset);
    t.weekStart[i] = minuteOfWeek(r.occurredFrom, offset);
    t.lengthMin[i] = Math.max(0, (r.occurredTo - r.occurredFrom) / 60_000);
    t.category[i] = model.category.ids.get(r.category) ?? -1;
    t.premise[i] = model.premise.ids.get(r.premise) ?? -1;
    t.method[i] = model.method.ids.get(r.method) ?? -1;
    const mask = featureMask(model.features, r.features);
    t.featureMask[i] = mask;
    t.featureWeight[i] = maskWeight(model.features, mask);
  });
  return t;
}
