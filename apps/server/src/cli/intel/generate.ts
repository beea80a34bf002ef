import { writeFile } from 'node:fs/promises';
import { generateBurglaries, createRng, writeCrimeCsv } from '@ronghui/intel';
import { type CliIo, CliUsageError, parseCliArgs } from '../command.ts';
import { numberOption, positiveInteger } from './options.ts';

export const generateUsage = `ronghui intel generate --out <csv> [--seed N] [--series N] [--background N] [--days N]
  Write a synthetic burglary history with known series (for evaluating linkage).
  --out <csv>         file to write (Ronghui crime CSV format)
  --seed N            PRNG seed (default 1); the same seed gives the same file
  --series N          offenders, each with a series of 3–10 burglaries (default 150)
  --background N      unrelated burglaries (default 3000)
  --days N            length of the history in days from 2025-01-01 (default 365)`;

export async function runGenerate(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCliArgs(
    args,
    {
      out: { type: 'string' },
      seed: { type: 'string' },
      series: { type: 'string' },
      background: { type: 'string' },
      days: { type: 'string' },
    },
    false,
  );
  if (!values.out) throw new CliUsageError('--out <csv> is required');
  const seed = numberOption(values.seed, '--seed', 1, Number.isInteger, 'an integer');
  const series = numberOption(
    values.series,
    '--series',
    150,
    (n) => Number.isInteger(n) && n >= 0,
    'a count',
  );
  const background = numberOption(
    values.background,
    '--background',
    3000,
    (n) => Number.isInteger(n) && n >= 0,
    'a count',
  );
  const days = numberOption(values.days, '--days', 365, positiveInteger, 'a positive integer');
  const { records } = generateBurglaries(createRng(seed), { series, background, days });
  await writeFile(values.out, writeCrimeCsv(records));
  io.out(`wrote ${records.length} burglaries (${series} series, ${background} background) to ${values.out}`);
  io.out(JSON.stringify({ out: values.out, records: records.length, series, background, seed }));
  return 0;
}
