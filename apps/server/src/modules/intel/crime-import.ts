import { CRIME_CSV_COLUMNS, csvLines, parseCrimeCsv, splitCsvLine } from '@ronghui/intel';
import { type CrimeContext, MAX_VILLAGE_DISTANCE_M } from './crime-context.ts';
import type { NewCrimeRow } from './intel.repo.ts';

export interface ImportRowError {
  line: number;
  message: string;
}

export interface PreparedImport {
  rows: { line: number; crime: NewCrimeRow }[];
  errors: ImportRowError[];
  /** Set when the file as a whole is unusable (empty, header lacking columns). */
  headerError?: string;
}

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

/**
 * Crime CSV → rows to store. Bad rows are reported by line and the good ones kept; rows must carry
 * lon/lat (WGS-84) inside the county, since the map and the org attribution need them.
 */
export function prepareImport(text: string, context: CrimeContext): PreparedImport {
  const parsed = parseCrimeCsv(text);
  if (parsed.headerError) return { rows: [], errors: [], headerError: parsed.headerError };
  const errors: ImportRowError[] = parsed.errors.map((e) => ({ line: e.line, message: e.reason }));
  // parseCrimeCsv keeps the order of the file: recover each record's line from its id.
  const lines = csvLines(text);
  const idAt = splitCsvLine(lines[0] ?? '')
    .map((h) => h.trim())
    .indexOf(CRIME_CSV_COLUMNS[0]);
  const lineOf = new Map<string, number>();
  for (let i = 1; i < lines.length; i++) {
    const id = (splitCsvLine(lines[i] ?? '')[idAt] ?? '').trim();
    if (id && !lineOf.has(id)) lineOf.set(id, i + 1);
  }
  const rows: PreparedImport['rows'] = [];
  for (const r of parsed.records) {
    const line = lineOf.get(r.id) ?? 0;
    if (!ID_PATTERN.test(r.id)) {
      errors.push({ line, message: `id "${r.id.slice(0, 80)}": 1–64 letters, digits, dot, colon, dash` });
      continue;
    }
    if (r.lon === undefined || r.lat === undefined) {
      errors.push({ line, message: 'lon and lat (WGS-84) are required to import a record' });
      continue;
    }
    const place = context.place(r.lon, r.lat);
    if (place.distanceM > MAX_VILLAGE_DISTANCE_M) {
      errors.push({ line, message: `lon/lat ${r.lon},${r.lat} lies outside the county` });
      continue;
    }
    rows.push({
      line,
      crime: {
        id: r.id,
        occurred_from: new Date(r.occurredFrom),
        occurred_to: new Date(r.occurredTo),
        lon: r.lon,
        lat: r.lat,
        category: r.category,
        premise: r.premise,
        method: r.method,
        features: [...r.features],
        property: null,
        suspect: null,
        series_id: r.seriesId ?? null,
        filed_at: r.filedAt === undefined ? null : new Date(r.filedAt),
        solved_at: r.solvedAt === undefined ? null : new Date(r.solvedAt),
        source_incident_id: null,
        station_id: place.stationId,
        area_id: place.areaId,
        grid_id: place.gridId,
      },
    });
  }
  errors.sort((a, b) => a.line - b.line);
  return { rows, errors };
}
