import { aoristicHeat, type CrimeRecord, HOUR_MS, parseIsoTime, trendByArea } from '@ronghui/intel';
import { formatOffsetMs } from '../../modules/intel/index.ts';
import { type CliIo, CliUsageError, parseCliArgs } from '../command.ts';
import { formatOption, loadIncidents, numberOption, positiveInteger } from './options.ts';

export const heatUsage = `ronghui intel heat --incidents <csv> [--by none|category|premise|method] [--utc-offset-h 8]
  Hour-of-day × weekday table (周一 first) with aoristic apportioning of each crime's time window over
  the local hours it covers (each crime weighs 1 in total). Local time is UTC + --utc-offset-h
  (default: the format's, +8 for Ronghui files). Last line: JSON with one table per group.`;

export const trendUsage = `ronghui intel trend --incidents <csv> --end <date> [--window-days 28] [--baseline 6]
                    [--area-m 2000] [--test conditional-binomial|poisson-exact] [--alpha 0.05]
  Counts per window and per area (square cells of --area-m), and whether the last window is
  significantly above the baseline windows before it (one-sided exact test, named in the output).
  Last line: JSON with every area's counts, p-value and flag.`;

const GROUPS = ['none', 'category', 'premise', 'method'] as const;

export async function runHeat(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCliArgs(
    args,
    {
      incidents: { type: 'string' },
      by: { type: 'string' },
      'utc-offset-h': { type: 'string' },
      format: { type: 'string' },
    },
    false,
  );
  const format = formatOption(values.format);
  const by = values.by ?? 'none';
  if (!(GROUPS as readonly string[]).includes(by))
    throw new CliUsageError(`--by: "${by}" is not one of ${GROUPS.join(', ')}`);
  const offsetH = numberOption(
    values['utc-offset-h'],
    '--utc-offset-h',
    formatOffsetMs(format) / HOUR_MS,
    (n) => Number.isFinite(n) && Math.abs(n) <= 14,
    'an offset in hours (−14…14)',
  );
  const records = await loadIncidents(values.incidents, format, io);
  const key = (r: CrimeRecord) =>
    by === 'none' ? 'all' : r[by as 'category' | 'premise' | 'method'] || '(empty)';
  const tables = aoristicHeat(records, offsetH * HOUR_MS, key);
  const days = ['一', '二', '三', '四', '五', '六', '日'];
  for (const t of tables) {
    io.out(`${t.key} (${t.total} crimes), rows 周一…周日, columns 00…23 h`);
    t.cells.forEach((row, d) => {
      io.out(`周${days[d]} ${row.map((v) => v.toFixed(1).padStart(5)).join('')}`);
    });
  }
  io.out(
    JSON.stringify({
      utc_offset_h: offsetH,
      tables: tables.map((t) => ({
        key: t.key,
        total: t.total,
        cells: t.cells.map((r) => r.map((v) => Math.round(v * 1000) / 1000)),
      })),
    }),
  );
  return 0;
}

export async function runTrend(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCliArgs(
    args,
    {
      incidents: { type: 'string' },
      end: { type: 'string' },
      'window-days': { type: 'string' },
      baseline: { type: 'string' },
      'area-m': { type: 'string' },
      test: { type: 'string' },
      alpha: { type: 'string' },
      format: { type: 'string' },
    },
    false,
  );
  const format = formatOption(values.format);
  if (!values.end) throw new CliUsageError('--end <date> is required');
  const end = parseIsoTime(values.end, formatOffsetMs(format));
  if (end === undefined) throw new CliUsageError(`--end: "${values.end}" is not an ISO 8601 date`);
  const windowDays = numberOption(
    values['window-days'],
    '--window-days',
    28,
    (n) => n > 0,
    'a positive number of days',
  );
  const baseline = numberOption(values.baseline, '--baseline', 6, positiveInteger, 'a positive integer');
  const areaM = numberOption(values['area-m'], '--area-m', 2000, (n) => n > 0, 'a positive number of metres');
  const alpha = numberOption(values.alpha, '--alpha', 0.05, (n) => n > 0 && n < 1, 'a level in (0, 1)');
  const test = values.test ?? 'conditional-binomial';
  if (test !== 'conditional-binomial' && test !== 'poisson-exact')
    throw new CliUsageError(`--test: "${test}" is not conditional-binomial or poisson-exact`);
  const records = await loadIncidents(values.incidents, format, io);
  const areas = trendByArea(
    records,
    (r) => (r.occurredFrom + r.occurredTo) / 2,
    (r) => `${Math.floor(r.x / areaM)},${Math.floor(r.y / areaM)}`,
    { endMs: end, windowMs: windowDays * 24 * HOUR_MS, baselineWindows: baseline, test, alpha },
  );
  const flagged = areas.filter((a) => a.significant).sort((a, b) => a.p - b.p);
  io.out(
    `${areas.length} areas of ${areaM} m with crimes; ${flagged.length} significantly up (${test}, p < ${alpha})`,
  );
  for (const a of flagged.slice(0, 20))
    io.out(
      `  area ${a.area}: ${a.recent} vs baseline mean ${a.baselineMean.toFixed(2)}, p = ${a.p.toExponential(2)}`,
    );
  io.out(
    JSON.stringify({
      test,
      alpha,
      window_days: windowDays,
      baseline_windows: baseline,
      area_m: areaM,
      areas,
    }),
  );
  return 0;
}
