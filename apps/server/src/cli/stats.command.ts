import { CLEARANCE_GROUPS, type ClearanceGroup } from '@ronghui/contracts';
import {
  clearanceRate,
  incidentSelector,
  instants,
  yearPart,
  yearPeriod,
  yoyChange,
} from '@ronghui/scorecard';
import pino from 'pino';
import {
  type CliCommand,
  type CliIo,
  CliUsageError,
  commandWithSubcommands,
  parseCliArgs,
} from './command.ts';
import { withDatabase } from './with-database.ts';

type Sub = (args: readonly string[], io: CliIo) => Promise<number>;

const yoyUsage = `ronghui stats yoy --year YYYY --category theft|criminal|public-order|<code>|<kind> [--from MM-DD --to MM-DD]
  比降: the configured tenant's incidents of the year (received, Beijing time) against the same days a
  year earlier. Last line: JSON {"year","category","count","lastYear","change"} (change a fraction).`;

const clearanceUsage = `ronghui stats clearance --year YYYY [--group traditional|theft|robbery|fraud|telecom-fraud|all]
  破案率: crime records filed in the year and solved among them. Last line: JSON
  {"year","group","filed","solved","rate"}.`;

function requireYear(value: string | undefined): number {
  if (value === undefined) throw new CliUsageError('--year is required (YYYY)');
  if (!/^\d{4}$/.test(value)) throw new CliUsageError(`--year: "${value}" is not a year (YYYY)`);
  return Number(value);
}

async function figures<T>(
  fn: (s: Awaited<ReturnType<typeof import('../main.ts').createServices>>) => Promise<T>,
) {
  return withDatabase('stats', async (database, config) => {
    const { createServices } = await import('../main.ts');
    const services = await createServices({ database, config, log: pino({ level: 'warn' }) });
    return fn(services);
  });
}

async function runYoy(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCliArgs(
    args,
    {
      year: { type: 'string' },
      category: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
    },
    false,
  );
  const year = requireYear(values.year);
  const category = values.category;
  if (!category)
    throw new CliUsageError('--category is required (theft, criminal, public-order, a code or kind)');
  if (!incidentSelector(category)) throw new CliUsageError(`--category: unknown category "${category}"`);
  for (const flag of ['from', 'to'] as const)
    if (values[flag] !== undefined && !/^\d{2}-\d{2}$/.test(values[flag]!))
      throw new CliUsageError(`--${flag}: "${values[flag]}" is not a day MM-DD`);
  const part = yearPart(year, values.from, values.to);
  const last = yearPart(year - 1, values.from, values.to);
  const result = await figures(async (s) => {
    const tenant = s.config.TENANT_CODE;
    const [count, lastYear] = await Promise.all([
      s.stats.figures.countIncidents(tenant, instants(part), category, null),
      s.stats.figures.countIncidents(tenant, instants(last), category, null),
    ]);
    return { year, category, count, lastYear, change: yoyChange(count, lastYear) };
  });
  const pct = result.change === null ? '—' : `${(result.change * 100).toFixed(2)}%`;
  io.out(`${year} ${category}: ${result.count} against ${result.lastYear} a year earlier, change ${pct}`);
  io.out(JSON.stringify(result));
  return 0;
}

async function runClearance(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCliArgs(args, { year: { type: 'string' }, group: { type: 'string' } }, false);
  const year = requireYear(values.year);
  const group = (values.group ?? 'traditional') as ClearanceGroup;
  if (!CLEARANCE_GROUPS.includes(group))
    throw new CliUsageError(`--group: "${values.group}" is not one of ${CLEARANCE_GROUPS.join(', ')}`);
  const counts = await figures((s) =>
    s.stats.figures.clearanceCounts(s.config.TENANT_CODE, instants(yearPeriod(year)), group, null),
  );
  const rate = clearanceRate(counts.solved, counts.filed);
  io.out(
    `${year} ${group}: ${counts.solved} solved of ${counts.filed} filed, rate ${rate === null ? '—' : `${(rate * 100).toFixed(2)}%`}`,
  );
  io.out(JSON.stringify({ year, group, filed: counts.filed, solved: counts.solved, rate }));
  return 0;
}

const subcommands: Record<string, { run: Sub; usage: string }> = {
  yoy: { run: runYoy, usage: yoyUsage },
  clearance: { run: runClearance, usage: clearanceUsage },
};

export const statsCommand: CliCommand = commandWithSubcommands({
  name: 'stats',
  summary: 'the scorecard: 比降 (year-on-year change) and clearance rates from the records',
  intro: `Usage: ronghui stats <sub-command> [options]

The scorecard (比降, 破案率), computed from the configured database's records for TENANT_CODE.`,
  subcommands,
});
