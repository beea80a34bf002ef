import { evaluateLinkage, LINK_FEATURES, createRng } from '@ronghui/intel';
import { type CliIo, CliUsageError, parseCliArgs } from '../command.ts';
import { formatOption, loadIncidents, numberList, numberOption, positiveInteger } from './options.ts';

export const linkEvalUsage = `ronghui intel link-eval --incidents <csv> [--k 10,50] [--folds 5] [--seed N] [--format ronghui]
  Evaluate series linkage on solved incidents, cross-validated by series (weights never see the labels
  of the series they score). Last line: JSON with pairs_auc, recall_at_<k>, tpr_at_fpr_5.
  --k 10,50           list sizes for recall@k
  --folds N           folds over series ids (default 5)
  --seed N            seed for the fold split and negative sampling (default 1)`;

export async function runLinkEval(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCliArgs(
    args,
    {
      incidents: { type: 'string' },
      k: { type: 'string' },
      folds: { type: 'string' },
      seed: { type: 'string' },
      format: { type: 'string' },
    },
    false,
  );
  const ks = numberList(values.k ?? '10,50', '--k');
  for (const k of ks)
    if (!positiveInteger(k)) throw new CliUsageError(`--k: "${k}" is not a positive integer`);
  const folds = numberOption(
    values.folds,
    '--folds',
    5,
    (n) => Number.isInteger(n) && n >= 2,
    'an integer ≥ 2',
  );
  const seed = numberOption(values.seed, '--seed', 1, Number.isInteger, 'an integer');
  const records = await loadIncidents(values.incidents, formatOption(values.format), io);
  const series = new Set(records.flatMap((r) => (r.seriesId ? [r.seriesId] : [])));
  if (series.size < 2)
    throw new CliUsageError(
      `${values.incidents}: link-eval needs solved incidents of at least two series (series_id)`,
    );
  const r = evaluateLinkage(records, { ks, folds, rng: createRng(seed) });
  const meanWeights = Object.fromEntries(
    LINK_FEATURES.map((f, k) => [
      f,
      Number((r.weights.reduce((s, w) => s + (w[k] ?? 0), 0) / r.weights.length).toFixed(4)),
    ]),
  );
  io.out(
    `${r.solved} solved incidents in ${r.series} series, ${r.incidents} in all; ${r.positive_pairs} linked pairs, ${r.negative_pairs} unlinked`,
  );
  io.out(`mean weights λ: ${JSON.stringify(meanWeights)}`);
  const result: Record<string, unknown> = { pairs_auc: r.pairs_auc };
  for (const k of ks) result[`recall_at_${k}`] = r.recall[k];
  Object.assign(result, {
    tpr_at_fpr_5: r.tpr_at_fpr_5,
    folds: r.folds,
    incidents: r.incidents,
    solved: r.solved,
    series: r.series,
    weights: meanWeights,
  });
  io.out(JSON.stringify(result));
  return 0;
}
