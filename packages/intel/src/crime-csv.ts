import type { CrimeRecord } from './crime-record.ts';
import { csvField, csvLines, splitCsvLine } from './csv-line.ts';
import { formatIsoTime, parseIsoTime } from './iso-time.ts';
import { projectionAboutCentroid, CHINA_OFFSET_MS } from '@ronghui/geo';

export const CRIME_CSV_COLUMNS = [
  'id',
  'occurred_from',
  'occurred_to',
  'lon',
  'lat',
  'x_m',
  'y_m',
  'category',
  'premise',
  'method',
  'features',
  'series_id',
] as const;
/** Optional columns: the case's 立案 (filed) and 破案 (solved) times; empty = not given / unsolved. */
export const CRIME_CSV_OPTIONAL_COLUMNS = ['filed_at', 'solved_at'] as const;
type Column = (typeof CRIME_CSV_COLUMNS)[number] | (typeof CRIME_CSV_OPTIONAL_COLUMNS)[number];

export interface CsvRowError {
  /** 1-based line number in the file (the header is line 1). */
  readonly line: number;
  readonly reason: string;
}

export interface CrimeCsvResult {
  readonly records: CrimeRecord[];
  readonly errors: CsvRowError[];
  /** Set when the header itself is unusable: no rows were read. */
  readonly headerError?: string;
}

export interface CrimeCsvOptions {
  /** Offset of local time for timestamps written without one (default +08:00, Asia/Shanghai). */
  readonly defaultOffsetMs?: number;
}

type Draft = Omit<CrimeRecord, 'x' | 'y'> & { x?: number; y?: number };

function num(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : Number.NaN;
}

/**
 * Parse crime records from CSV text. Good rows are kept, bad rows are reported with their line number
 * and reason; extra columns are ignored. Rows without x_m/y_m are placed by projecting lon/lat about
 * the centroid of the file's lon/lat.
 */
export function parseCrimeCsv(text: string, options: CrimeCsvOptions = {}): CrimeCsvResult {
  const offset = options.defaultOffsetMs ?? CHINA_OFFSET_MS;
  const lines = csvLines(text);
  const header = lines[0];
  if (header === undefined) return { records: [], errors: [], headerError: 'the file is empty' };
  const names = splitCsvLine(header).map((h) => h.trim());
  const missing = CRIME_CSV_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length > 0) {
    return {
      records: [],
      errors: [],
      headerError: `header lacks column(s) ${missing.join(', ')}; expected ${CRIME_CSV_COLUMNS.join(',')}`,
    };
  }
  const at = Object.fromEntries(
    [...CRIME_CSV_COLUMNS, ...CRIME_CSV_OPTIONAL_COLUMNS].map((c) => [c, names.indexOf(c)]),
  ) as Record<Column, number>;
  const drafts: Draft[] = [];
  const errors: CsvRowError[] = [];
  const seen = new Set<string>();
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    const cells = splitCsvLine(line);
    const get = (c: Column) => (at[c] < 0 ? '' : (cells[at[c]] ?? '')).trim();
    const result = parseRow(get, offset);
    if (typeof result === 'string') errors.push({ line: i + 1, reason: result });
    else if (seen.has(result.id)) errors.push({ line: i + 1, reason: `duplicate id "${result.id}"` });
    else {
      seen.add(result.id);
      drafts.push(result);
    }
  }
  const geographic = drafts.filter((d) => d.x === undefined && d.lon !== undefined && d.lat !== undefined);
  const projection = projectionAboutCentroid(geographic.map((d) => [d.lon ?? 0, d.lat ?? 0] as const));
  const records = drafts.map((d): CrimeRecord => {
    if (d.x !== undefined && d.y !== undefined) return { ...d, x: d.x, y: d.y };
    const [x, y] = projection.toXY([d.lon ?? 0, d.lat ?? 0]);
    return { ...d, x, y };
  });
  return { records, errors };
}

function parseRow(get: (c: Column) => string, offset: number): Draft | string {
  const id = get('id');
  if (!id) return 'id is empty';
  const fromText = get('occurred_from');
  const from = parseIsoTime(fromText, offset);
  if (from === undefined) return `occurred_from "${fromText}" is not an ISO 8601 time`;
  const toText = get('occurred_to');
  const to = toText === '' ? from : parseIsoTime(toText, offset);
  if (to === undefined) return `occurred_to "${toText}" is not an ISO 8601 time`;
  if (to < from) return 'occurred_to is before occurred_from';
  const x = num(get('x_m'));
  const y = num(get('y_m'));
  const lon = num(get('lon'));
  const lat = num(get('lat'));
  for (const [name, v] of [
    ['x_m', x],
    ['y_m', y],
    ['lon', lon],
    ['lat', lat],
  ] as const) {
    if (Number.isNaN(v)) return `${name} "${get(name)}" is not a number`;
  }
  const hasXY = x !== undefined && y !== undefined;
  const hasLonLat = lon !== undefined && lat !== undefined;
  if (!hasXY && !hasLonLat) return 'no position: give x_m and y_m, or lon and lat';
  if (hasLonLat && (Math.abs(lat) > 90 || Math.abs(lon) > 180)) return `lon/lat ${lon},${lat} out of range`;
  const category = get('category');
  if (!/^\d{6}$/.test(category)) return `category "${category}" is not a 6-digit GA 240.1 code`;
  const features = get('features')
    .split(';')
    .map((f) => f.trim())
    .filter((f) => f !== '');
  const seriesId = get('series_id');
  const outcome: { filedAt?: number; solvedAt?: number } = {};
  for (const [column, key] of [
    ['filed_at', 'filedAt'],
    ['solved_at', 'solvedAt'],
  ] as const) {
    const text = get(column);
    if (!text) continue;
    const t = parseIsoTime(text, offset);
    if (t === undefined) return `${column} "${text}" is not an ISO 8601 time`;
    outcome[key] = t;
  }
  if (outcome.solvedAt !== undefined && outcome.solvedAt < (outcome.filedAt ?? from))
    return 'solved_at is before the case was filed';
  return {
    id,
    ...outcome,
    occurredFrom: from,
    occurredTo: to,
    ...(hasXY ? { x, y } : {}),
    ...(hasLonLat ? { lon, lat } : {}),
    category,
    premise: get('premise'),
    method: get('method'),
    features: [...new Set(features)],
    ...(seriesId ? { seriesId } : {}),
  };
}

/** Write records in the crime CSV format (times in local time at `offsetMs`, default +08:00). */
export function writeCrimeCsv(records: readonly CrimeRecord[], offsetMs = CHINA_OFFSET_MS): string {
  const out = [CRIME_CSV_COLUMNS.join(',')];
  for (const r of records) {
    const row = [
      r.id,
      formatIsoTime(r.occurredFrom, offsetMs),
      formatIsoTime(r.occurredTo, offsetMs),
      r.lon === undefined ? '' : r.lon.toFixed(6),
      r.lat === undefined ? '' : r.lat.toFixed(6),
      r.x.toFixed(1),
      r.y.toFixed(1),
      r.category,
      r.premise,
      r.method,
      r.features.join(';'),
      r.seriesId ?? '',
    ];
    out.push(row.map(csvField).join(','));
  }
  return `${out.join('\n')}\n`;
}
