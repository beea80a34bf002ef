import type { CliIo } from '../command.ts';
import { CliUsageError } from '../command.ts';
import { CRIME_FILE_FORMATS, type CrimeFileFormat, readCrimeFile } from '../../modules/intel/index.ts';
import type { CrimeRecord } from '@ronghui/intel';

/** Option values shared by the `ronghui intel` sub-commands, parsed with messages that name the option. */
export function numberList(text: string | undefined, option: string): number[] {
  if (text === undefined) throw new CliUsageError(`${option} is required`);
  const parts = text.split(',').map((s) => s.trim());
  return parts.map((p) => {
    const n = Number(p);
    if (p === '' || !Number.isFinite(n))
      throw new CliUsageError(`${option}: "${p}" is not a number (expected e.g. 0,7,14)`);
    return n;
  });
}

export function numberOption(
  text: string | undefined,
  option: string,
  fallback: number | undefined,
  check: (n: number) => boolean = Number.isFinite,
  expected = 'a number',
): number {
  if (text === undefined) {
    if (fallback === undefined) throw new CliUsageError(`${option} is required`);
    return fallback;
  }
  const n = Number(text);
  if (text.trim() === '' || !check(n)) throw new CliUsageError(`${option}: "${text}" is not ${expected}`);
  return n;
}

export const positiveInteger = (n: number) => Number.isInteger(n) && n > 0;

export function formatOption(text: string | undefined): CrimeFileFormat {
  const f = text ?? 'ronghui';
  if (!(CRIME_FILE_FORMATS as readonly string[]).includes(f))
    throw new CliUsageError(`--format: "${f}" is not one of ${CRIME_FILE_FORMATS.join(', ')}`);
  return f as CrimeFileFormat;
}

/** Read the --incidents file, report bad rows (first few) on stderr, return the good ones. */
export async function loadIncidents(
  path: string | undefined,
  format: CrimeFileFormat,
  io: CliIo,
): Promise<CrimeRecord[]> {
  if (!path) throw new CliUsageError('--incidents <csv> is required');
  const { records, errors } = await readCrimeFile(path, format);
  if (errors.length > 0) {
    io.err(`${path}: skipped ${errors.length} bad row(s)`);
    for (const e of errors.slice(0, 5)) io.err(`  line ${e.line}: ${e.reason}`);
  }
  io.out(`read ${records.length} incidents from ${path}`);
  return records;
}
