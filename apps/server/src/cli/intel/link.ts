import {
  buildLinkModel,
  encodeRecords,
  explainLink,
  learnWeights,
  createRng,
  rankCandidates,
  seriesPairs,
} from '@ronghui/intel';
import { type CliIo, CliUsageError, parseCliArgs } from '../command.ts';
import { formatOption, loadIncidents, numberOption, positiveInteger } from './options.ts';

export const linkUsage = `ronghui intel link --incidents <csv> --id <incident id> [--k 10] [--seed N]
  Rank the k incidents most likely to belong to the same series as one incident, with the reasons in
  Chinese and English. Weights are learned from the solved series in the file, leaving out the
  incident's own series. Last line: JSON with the ranked candidates.`;

export async function runLink(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCliArgs(
    args,
    {
      incidents: { type: 'string' },
      id: { type: 'string' },
      k: { type: 'string' },
      seed: { type: 'string' },
      format: { type: 'string' },
    },
    false,
  );
  const k = numberOption(values.k, '--k', 10, positiveInteger, 'a positive integer');
  const seed = numberOption(values.seed, '--seed', 1, Number.isInteger, 'an integer');
  if (!values.id) throw new CliUsageError('--id <incident id> is required');
  const records = await loadIncidents(values.incidents, formatOption(values.format), io);
  const qi = records.findIndex((r) => r.id === values.id);
  if (qi < 0) throw new CliUsageError(`no incident with id "${values.id}" in ${values.incidents}`);
  const query = records[qi];
  const model = buildLinkModel(records);
  const table = encodeRecords(model, records);
  const own = query?.seriesId;
  const eligible = records.flatMap((r, i) => (own !== undefined && r.seriesId === own ? [] : [i]));
  const pairs = seriesPairs(
    model,
    table,
    records.map((r) => r.seriesId),
    eligible,
    createRng(seed),
  );
  const weights = pairs.y.includes(1) ? learnWeights(pairs) : undefined;
  if (!weights) io.err('no solved series to learn from: using equal weights');
  const lambda = weights ?? new Float64Array(8).fill(1 / 8);
  const ranked = rankCandidates(model, table, table, qi, lambda, k, (j) => j === qi);
  const candidates = ranked.map((r) => {
    const c = records[r.index];
    const why = explainLink(query && c ? [query, c] : []);
    return {
      id: c?.id,
      score: Number(r.score.toFixed(4)),
      series_id: c?.seriesId ?? null,
      zh: why.zh,
      en: why.en,
    };
  });
  for (const [rank, c] of candidates.entries())
    io.out(`${String(rank + 1).padStart(3)}. ${c.id} ${c.score.toFixed(3)}  ${c.zh}`);
  io.out(JSON.stringify({ id: values.id, candidates }));
  return 0;
}
