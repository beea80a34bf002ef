import { addWorkingDays, calendarKnows, isDate, weekday, yearOf, yearSchedule } from '@ronghui/services';
import {
  type CliCommand,
  type CliIo,
  CliUsageError,
  commandWithSubcommands,
  parseCliArgs,
} from './command.ts';

type Sub = (args: readonly string[], io: CliIo) => Promise<number>;

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

const deadlineUsage = `ronghui services deadline --from YYYY-MM-DD --working-days N
  The Nth working day after --from on the official calendar (holidays and make-up working days, 调休);
  --from itself never counts. Last line: JSON {"date"}, with "provisional":true when the official
  schedule of a year involved is not known yet (Mon–Fri minus fixed-date holidays is used).`;

const calendarUsage = `ronghui services calendar --year YYYY
  The year's statutory holidays and make-up working days. Last line: JSON with holidays and
  make_up_working_days ({date, name, name_en}), "provisional":true when the year is not known yet.`;

function requireDate(value: string | undefined, flag: string): string {
  if (value === undefined) throw new CliUsageError(`${flag} is required (YYYY-MM-DD)`);
  if (!isDate(value)) throw new CliUsageError(`${flag}: "${value}" is not a date (YYYY-MM-DD)`);
  return value;
}

function requireWhole(value: string | undefined, flag: string): number {
  if (value === undefined) throw new CliUsageError(`${flag} is required (a whole number ≥ 0)`);
  if (!/^\d+$/.test(value)) throw new CliUsageError(`${flag}: "${value}" is not a whole number ≥ 0`);
  return Number(value);
}

async function runDeadline(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCliArgs(
    args,
    { from: { type: 'string' }, 'working-days': { type: 'string' } },
    false,
  );
  const from = requireDate(values.from, '--from');
  const n = requireWhole(values['working-days'], '--working-days');
  const date = addWorkingDays(from, n);
  let provisional = false;
  for (let y = yearOf(from); y <= yearOf(date); y++) provisional ||= !calendarKnows(y);
  const day = WEEKDAYS[weekday(date)];
  io.out(
    `${from} + ${n} working day${n === 1 ? '' : 's'} = ${date} (${day})` +
      (provisional ? ' — provisional: no official schedule yet, Mon–Fri minus fixed-date holidays' : ''),
  );
  io.out(JSON.stringify(provisional ? { date, provisional } : { date }));
  return 0;
}

async function runCalendar(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCliArgs(args, { year: { type: 'string' } }, false);
  if (values.year === undefined) throw new CliUsageError('--year is required (YYYY)');
  if (!/^\d{4}$/.test(values.year)) throw new CliUsageError(`--year: "${values.year}" is not a year (YYYY)`);
  const s = yearSchedule(Number(values.year));
  io.out(
    `${s.year}: ${s.holidays.length} holiday days, ${s.makeUpWorkingDays.length} make-up working days` +
      (s.provisional ? ' (provisional: the official schedule is not known yet)' : ''),
  );
  for (const d of s.holidays) io.out(`  off   ${d.date} ${WEEKDAYS[weekday(d.date)]}  ${d.name} ${d.nameEn}`);
  for (const d of s.makeUpWorkingDays)
    io.out(`  work  ${d.date} ${WEEKDAYS[weekday(d.date)]}  ${d.name} ${d.nameEn} (调休)`);
  const days = (list: typeof s.holidays) =>
    list.map((d) => ({ date: d.date, name: d.name, name_en: d.nameEn }));
  io.out(
    JSON.stringify({
      year: s.year,
      ...(s.provisional ? { provisional: true } : {}),
      holidays: days(s.holidays),
      make_up_working_days: days(s.makeUpWorkingDays),
    }),
  );
  return 0;
}

const subcommands: Record<string, { run: Sub; usage: string }> = {
  deadline: { run: runDeadline, usage: deadlineUsage },
  calendar: { run: runCalendar, usage: calendarUsage },
};

export const servicesCommand: CliCommand = commandWithSubcommands({
  name: 'services',
  summary: 'public service hall: working-day deadlines and the official holiday calendar',
  intro: `Usage: ronghui services <sub-command> [options]

Public service hall (智慧一窗通办): deadlines in working days on the official calendar.`,
  subcommands,
});
