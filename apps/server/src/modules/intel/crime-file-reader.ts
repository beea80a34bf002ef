import { CHINA_OFFSET_MS } from '@ronghui/geo';
import { readFile } from 'node:fs/promises';
import { type CrimeCsvResult, PORTLAND_OFFSET_MS, parseCrimeCsv, parsePortlandCsv } from '@ronghui/intel';

export type CrimeFileFormat = 'ronghui' | 'portland';
export const CRIME_FILE_FORMATS: readonly CrimeFileFormat[] = ['ronghui', 'portland'];

/** Local time offset of each format: dates given without a zone are read in it. */
export function formatOffsetMs(format: CrimeFileFormat): number {
  return format === 'portland' ? PORTLAND_OFFSET_MS : CHINA_OFFSET_MS;
}

/** A crime file that could not be used at all (missing, unreadable, wrong header, no good rows). */
export class CrimeFileError extends Error {
  override readonly name = 'CrimeFileError';
}

/**
 * Read a crime file: the Ronghui CSV format, or the Portland fixture's columns with `portland`. Bad
 * rows are returned as errors for the caller to report; a file with no usable row is an error.
 */
export async function readCrimeFile(
  path: string,
  format: CrimeFileFormat = 'ronghui',
): Promise<CrimeCsvResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CrimeFileError(
      code === 'ENOENT' ? `file not found: ${path}` : `cannot read ${path}: ${(error as Error).message}`,
    );
  }
  const result = format === 'portland' ? parsePortlandCsv(text) : parseCrimeCsv(text);
  if (result.headerError) throw new CrimeFileError(`${path}: ${result.headerError}`);
  if (result.records.length === 0) {
    const first = result.errors[0];
    throw new CrimeFileError(
      `${path}: no usable rows${first ? ` (line ${first.line}: ${first.reason})` : ''}`,
    );
  }
  return result;
}
