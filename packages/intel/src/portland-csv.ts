import type { CrimeCsvResult, CsvRowError } from './crime-csv.ts';
import { type CrimeRecord, HOUR_MS } from './crime-record.ts';
import { csvLines, splitCsvLine } from './csv-line.ts';
import { parseIsoTime } from './iso-time.ts';

/** Oregon North State Plane coordinates (EPSG:2913) are in international feet. */
const FOOT_M = 0.3048;
/** Portland local time; the data has dates only, so a fixed standard-time offset is enough. */
export const PORTLAND_OFFSET_MS = -8 * HOUR_MS;
const DAY_MS = 24 * HOUR_MS;

/**
 * Read the Portland burglary calls for service (NIJ Real-Time Crime Forecasting data): columns
 * occ_date, x_coordina, y_coordina in State Plane feet. Each crime becomes a whole-day window in
 * Portland time, placed in metres; it has no MO fields and no series labels.
 */
export function parsePortlandCsv(text: string): CrimeCsvResult {
  const lines = csvLines(text);
  const header = lines[0];
  if (header === undefined) return { records: [], errors: [], headerError: 'the file is empty' };
  const names = splitCsvLine(header).map((h) => h.trim());
  const need = ['occ_date', 'x_coordina', 'y_coordina'];
  const missing = need.filter((c) => !names.includes(c));
  if (missing.length > 0)
    return { records: [], errors: [], headerError: `header lacks column(s) ${missing.join(', ')}` };
  const [iDate, iX, iY] = need.map((c) => names.indexOf(c)) as [number, number, number];
  const records: CrimeRecord[] = [];
  const errors: CsvRowError[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    const cells = splitCsvLine(line);
    const date = (cells[iDate] ?? '').trim();
    const from = /^\d{4}-\d{2}-\d{2}$/.test(date) ? parseIsoTime(date, PORTLAND_OFFSET_MS) : undefined;
    const xFt = Number(cells[iX]);
    const yFt = Number(cells[iY]);
    if (from === undefined)
      errors.push({ line: i + 1, reason: `occ_date "${date}" is not a date (YYYY-MM-DD)` });
    else if (
      !Number.isFinite(xFt) ||
      !Number.isFinite(yFt) ||
      cells[iX]?.trim() === '' ||
      cells[iY]?.trim() === ''
    )
      errors.push({ line: i + 1, reason: 'x_coordina/y_coordina are not numbers' });
    else
      records.push({
        id: `P${i + 1}`,
        occurredFrom: from,
        occurredTo: from + DAY_MS - 60_000,
        x: xFt * FOOT_M,
        y: yFt * FOOT_M,
        category: '050101',
        premise: '',
        method: '',
        features: [],
      });
  }
  return { records, errors };
}
