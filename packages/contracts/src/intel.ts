import { z } from 'zod';
import { isoDateTime, listOf, uuidOf } from './common.ts';

/**
 * Intelligence analysis (研判): crime records, series linkage, trend / hotspots / near repeat / heat and
 * the stored analysis reports. Distances are metres (`…Meters`), Knox time bands days (`…Days`).
 */

// ── Requests ────────────────────────────────────────────────────────────────────────────────────────

const intelTime = z.coerce.date({ message: 'must be an ISO 8601 date or time' });
const intelOrgId = z.string().min(1).max(100);
const crimeCategory = z.string().regex(/^\d{6}$/, 'a 6-digit GA 240.1 category code');
const increasingNumbers = (what: string) =>
  z
    .string()
    .max(200)
    .regex(/^\d+(\.\d+)?(,\d+(\.\d+)?)+$/, `${what}: at least two increasing numbers, e.g. 0,7,14`)
    .transform((s) => s.split(',').map(Number))
    .refine((a) => a.every((v, i) => i === 0 || v > (a[i - 1] as number)), `${what} must increase`);
/** Analyses narrowed to an area, station or grid (`area`) and a case category. */
const intelScope = { area: intelOrgId.optional(), category: crimeCategory.optional() };

export const crimeRecordId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, 'must be a crime record id');
export type CrimeRecordId = z.infer<typeof crimeRecordId>;
export const crimeSeriesId = z.string().regex(/^SR-[0-9a-f]{8}$/, 'must be a series id (SR-xxxxxxxx)');
export type CrimeSeriesId = z.infer<typeof crimeSeriesId>;

/** `POST /api/intel/records/import`: the CSV file itself (`Content-Type: text/csv`). */
export const crimeCsvBody = z
  .string({ message: 'send the CSV file as the body with Content-Type: text/csv' })
  .min(1);
export type CrimeCsvBody = z.infer<typeof crimeCsvBody>;

export const crimeRecordsQuery = z
  .object({ from: intelTime.optional(), to: intelTime.optional(), ...intelScope })
  .strict();
export type CrimeRecordsQuery = z.infer<typeof crimeRecordsQuery>;

export const crimeRecordParams = z.object({ id: crimeRecordId }).strict();
export type CrimeRecordParams = z.infer<typeof crimeRecordParams>;

export const crimeLinkCandidatesQuery = z
  .object({ k: z.coerce.number().int().min(1).max(200).default(20) })
  .strict();
export type CrimeLinkCandidatesQuery = z.infer<typeof crimeLinkCandidatesQuery>;

export const crimeSeriesParams = z.object({ id: crimeSeriesId }).strict();
export type CrimeSeriesParams = z.infer<typeof crimeSeriesParams>;

export const crimeSeriesGrowBody = z
  .object({
    seedIds: z.array(crimeRecordId).min(1).max(20),
    name: z.string().trim().min(1).max(60).optional(),
    minCohesion: z.number().min(0).max(1).default(0.52),
    maxSize: z.number().int().min(2).max(100).default(30),
  })
  .strict();
export type CrimeSeriesGrowBody = z.infer<typeof crimeSeriesGrowBody>;

/** `POST /api/intel/series/:id/confirm|reject`. */
export const crimeSeriesVerdictBody = z.object({ recordId: crimeRecordId }).strict();
export type CrimeSeriesVerdictBody = z.infer<typeof crimeSeriesVerdictBody>;

export const intelTrendQuery = z
  .object({
    end: intelTime.optional(),
    windowDays: z.coerce.number().int().min(1).max(365).default(28),
    baseline: z.coerce.number().int().min(1).max(52).default(6),
    by: z.enum(['station', 'area', 'grid']).default('station'),
    test: z.enum(['conditional-binomial', 'poisson-exact']).default('conditional-binomial'),
    alpha: z.coerce.number().gt(0).lt(1).default(0.05),
    ...intelScope,
  })
  .strict();
export type IntelTrendQuery = z.infer<typeof intelTrendQuery>;

export const intelHotspotsQuery = z
  .object({
    method: z.enum(['kde', 'gistar']).default('kde'),
    cellMeters: z.coerce.number().min(50).max(2000).default(250),
    from: intelTime.optional(),
    to: intelTime.optional(),
    forecastDays: z.coerce.number().int().min(1).max(365).default(28),
    areaShare: z.coerce.number().gt(0).max(0.5).default(0.02),
    bandwidthMeters: z.coerce.number().min(50).max(10_000).optional(),
    ...intelScope,
  })
  .strict();
export type IntelHotspotsQuery = z.infer<typeof intelHotspotsQuery>;

export const intelNearRepeatQuery = z
  .object({
    spaceBandsMeters: increasingNumbers('spaceBandsMeters').default([0, 1, 200, 400, 800]),
    timeBandsDays: increasingNumbers('timeBandsDays').default([0, 7, 14, 21, 28]),
    metric: z.enum(['manhattan', 'euclidean']).default('manhattan'),
    iterations: z.coerce.number().int().min(1).max(999).default(99),
    seed: z.coerce
      .number()
      .int()
      .min(0)
      .max(2 ** 31)
      .default(1),
    from: intelTime.optional(),
    to: intelTime.optional(),
    ...intelScope,
  })
  .strict();
export type IntelNearRepeatQuery = z.infer<typeof intelNearRepeatQuery>;

export const intelHeatQuery = z
  .object({ from: intelTime.optional(), to: intelTime.optional(), ...intelScope })
  .strict();
export type IntelHeatQuery = z.infer<typeof intelHeatQuery>;

export const intelReportCreateBody = z
  .object({
    title: z.string().trim().min(1).max(100).optional(),
    seriesId: crimeSeriesId.optional(),
    from: intelTime.optional(),
    to: intelTime.optional(),
    ...intelScope,
  })
  .strict();
export type IntelReportCreateBody = z.infer<typeof intelReportCreateBody>;

export const intelReportEditBody = z
  .object({
    title: z.string().trim().min(1).max(100).optional(),
    sections: z
      .array(z.object({ key: z.string().min(1).max(40), text: z.string().max(20_000) }).strict())
      .max(20),
  })
  .strict();
export type IntelReportEditBody = z.infer<typeof intelReportEditBody>;

/** `RPT-xxxxxxxx` (JSON), `RPT-xxxxxxxx.html` or `RPT-xxxxxxxx.pdf`. */
export const intelReportFileParams = z
  .object({ id: z.string().regex(/^RPT-[0-9a-f]{8}(\.html|\.pdf)?$/, 'must be a report id (RPT-xxxxxxxx)') })
  .strict();
export type IntelReportFileParams = z.infer<typeof intelReportFileParams>;
export const intelReportIdParams = z
  .object({ id: z.string().regex(/^RPT-[0-9a-f]{8}$/, 'must be a report id (RPT-xxxxxxxx)') })
  .strict();
export type IntelReportIdParams = z.infer<typeof intelReportIdParams>;

const moCode = z.string().regex(/^[0-9A-Za-z.-]{1,20}$/, 'an MO code from the code tables');
/** `POST /api/intel/records/from-incident/:incidentId` (警情转研判). */
export const crimeFromIncidentParams = z.object({ incidentId: uuidOf('an incident') }).strict();
export type CrimeFromIncidentParams = z.infer<typeof crimeFromIncidentParams>;
export const crimeFromIncidentBody = z
  .object({
    occurredFrom: z.iso.datetime({ offset: true }).optional(),
    occurredTo: z.iso.datetime({ offset: true }).optional(),
    category: moCode.optional(),
    premise: moCode,
    method: moCode,
    features: z.array(moCode).max(20).default([]),
  })
  .strict();
export type CrimeFromIncidentBody = z.infer<typeof crimeFromIncidentBody>;

// ── Responses ───────────────────────────────────────────────────────────────────────────────────────

/** One crime record with the names of its codes (zh) and the orgs it is attributed to. Positions WGS-84. */
export const crimeRecord = z.object({
  id: z.string(),
  occurredFrom: isoDateTime,
  occurredTo: isoDateTime,
  lon: z.number(),
  lat: z.number(),
  category: z.string(),
  categoryName: z.string(),
  premise: z.string(),
  premiseName: z.string(),
  method: z.string(),
  methodName: z.string(),
  features: z.array(z.string()),
  featureNames: z.array(z.string()),
  property: z.string().nullable(),
  suspect: z.string().nullable(),
  seriesId: z.string().nullable(),
  /** The dispatch incident it was recorded from (警情转研判), else null. */
  sourceIncidentId: z.string().nullable(),
  stationId: z.string().nullable(),
  areaId: z.string().nullable(),
  gridId: z.string().nullable(),
});
export type CrimeRecord = z.infer<typeof crimeRecord>;

export const crimeRecordList = listOf(crimeRecord);
export type CrimeRecordList = z.infer<typeof crimeRecordList>;

/** A CSV import: rows stored, and the refused rows by line of the file. */
export const crimeImportResult = z.object({
  imported: z.number().int().nonnegative(),
  errors: z.array(z.object({ line: z.number().int(), message: z.string() })),
});
export type CrimeImportResult = z.infer<typeof crimeImportResult>;

/** The query behind an answer, as the API would be asked for it again (free-form echo). */
export const intelSourceQuery = z.record(z.string(), z.unknown());
export type IntelSourceQuery = z.infer<typeof intelSourceQuery>;
/** Where a figure comes from: the records and the query. */
export const intelSource = z.object({ query: intelSourceQuery, recordIds: z.array(z.string()) });
export type IntelSource = z.infer<typeof intelSource>;

export const crimeLinkExplanation = z.object({ zh: z.string(), en: z.string() });
export type CrimeLinkExplanation = z.infer<typeof crimeLinkExplanation>;

/** Linkage weights λ per feature name (`category`, `premise`, … `daysApart`). */
export const crimeLinkFeatureValues = z.record(z.string(), z.number());
export type CrimeLinkFeatureValues = z.infer<typeof crimeLinkFeatureValues>;

export const crimeLinkCandidate = z.object({
  record: crimeRecord,
  score: z.number(),
  /** Per-feature similarity (0–1) behind the score. */
  similarities: crimeLinkFeatureValues,
  explanation: crimeLinkExplanation,
});
export type CrimeLinkCandidate = z.infer<typeof crimeLinkCandidate>;

/** The records most likely in the same series as record `id`, best first. */
export const crimeLinkCandidates = listOf(crimeLinkCandidate).extend({
  id: z.string(),
  weights: crimeLinkFeatureValues,
  source: z.object({
    recordIds: z.array(z.string()),
    query: z.object({ k: z.number().int() }),
    /** How many records the ranking searched. */
    records: z.number().int().nonnegative(),
  }),
});
export type CrimeLinkCandidates = z.infer<typeof crimeLinkCandidates>;

export const crimeSeries = z.object({
  id: z.string(),
  name: z.string(),
  seedIds: z.array(z.string()),
  memberIds: z.array(z.string()),
  members: z.array(crimeRecord),
  cohesion: z.number().nullable(),
  explanation: crimeLinkExplanation,
  createdBy: z.string(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type CrimeSeries = z.infer<typeof crimeSeries>;

export const crimeSeriesList = listOf(crimeSeries);
export type CrimeSeriesList = z.infer<typeof crimeSeriesList>;

/** A series just grown from its seeds, with the record added at each step. */
export const grownCrimeSeries = crimeSeries.extend({
  steps: z.array(z.object({ id: z.string(), score: z.number(), cohesion: z.number() })),
});
export type GrownCrimeSeries = z.infer<typeof grownCrimeSeries>;

/** The tenant's learned linkage weights (null until first learned). */
export const crimeLinkWeights = z.object({
  weights: crimeLinkFeatureValues,
  solvedPairs: z.number().int().nonnegative(),
  feedbackPairs: z.number().int().nonnegative(),
  updatedAt: isoDateTime,
});
export type CrimeLinkWeights = z.infer<typeof crimeLinkWeights>;

export const intelTrendArea = z.object({
  /** Org id (station, area or grid), `(none)` for records attributed to none. */
  area: z.string(),
  name: z.string(),
  /** Counts per window, oldest first; the last is the recent window. */
  counts: z.array(z.number().int()),
  recent: z.number().int(),
  baselineMean: z.number(),
  /** recent / baseline mean; null when the baseline is empty. */
  ratio: z.number().nullable(),
  p: z.number(),
  test: z.enum(['conditional-binomial', 'poisson-exact']),
  significant: z.boolean(),
});
export type IntelTrendArea = z.infer<typeof intelTrendArea>;

export const intelTrend = z.object({
  test: z.enum(['conditional-binomial', 'poisson-exact']),
  testName: z.string(),
  alpha: z.number(),
  windowDays: z.number().int(),
  baselineWindows: z.number().int(),
  end: isoDateTime,
  by: z.enum(['station', 'area', 'grid']),
  areas: z.array(intelTrendArea),
  source: z.object({ query: intelSourceQuery, records: z.number().int().nonnegative() }),
});
export type IntelTrend = z.infer<typeof intelTrend>;

/** One hotspot grid cell as a GeoJSON feature (WGS-84 square). */
export const intelHotspotCell = z.object({
  type: z.literal('Feature'),
  geometry: z.object({
    type: z.literal('Polygon'),
    coordinates: z.array(z.array(z.tuple([z.number(), z.number()]))),
  }),
  properties: z.object({
    /** `column,row` in the analysis grid. */
    cell: z.string(),
    /** Risk value of the method (KDE density or Gi*). */
    value: z.number(),
    /** Training crimes in the cell. */
    count: z.number().int(),
    z: z.number(),
    p: z.number(),
    flagged: z.boolean(),
  }),
});
export type IntelHotspotCell = z.infer<typeof intelHotspotCell>;

/** Hotspot cells as a GeoJSON FeatureCollection, with the forecast check (PAI, PEI) after `to`. */
export const intelHotspots = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(intelHotspotCell),
  method: z.enum(['kde', 'gistar']),
  cellMeters: z.number(),
  /** KDE bandwidth; null for Gi*. */
  bandwidthMeters: z.number().nullable(),
  train: z.object({
    from: isoDateTime,
    to: isoDateTime,
    count: z.number().int().nonnegative(),
    recordIds: z.array(z.string()),
  }),
  forecast: z.object({
    from: isoDateTime,
    to: isoDateTime,
    areaShare: z.number(),
    pai: z.number().nullable(),
    pei: z.number().nullable(),
    /** Forecast-window crimes inside the flagged cells, and in the whole study area. */
    flaggedCrimes: z.number().int().nonnegative(),
    studyCrimes: z.number().int().nonnegative(),
    flaggedCells: z.number().int().nonnegative(),
    studyCells: z.number().int().nonnegative(),
    recordIds: z.array(z.string()),
  }),
  source: intelSource,
});
export type IntelHotspots = z.infer<typeof intelHotspots>;

/** Knox near-repeat table: rows are distance bands, columns time bands. */
export const intelNearRepeat = z.object({
  events: z.number().int().nonnegative(),
  metric: z.enum(['manhattan', 'euclidean']),
  iterations: z.number().int(),
  seed: z.number().int(),
  spaceLabels: z.array(z.string()),
  timeLabels: z.array(z.string()),
  observed: z.array(z.array(z.number())),
  expected: z.array(z.array(z.number())),
  /** observed / expected; null where nothing was expected. */
  ratio: z.array(z.array(z.number().nullable())),
  p: z.array(z.array(z.number())),
  source: intelSource,
});
export type IntelNearRepeat = z.infer<typeof intelNearRepeat>;

/** Aoristic weights per weekday (周一 first) × hour of day, Asia/Shanghai. */
export const intelHeat = z.object({
  utcOffsetHours: z.number(),
  rows: z.string(),
  cells: z.array(z.array(z.number())),
  total: z.number(),
  source: intelSource,
});
export type IntelHeat = z.infer<typeof intelHeat>;

export const intelReportSection = z.object({ key: z.string(), title: z.string(), text: z.string() });
export type IntelReportSection = z.infer<typeof intelReportSection>;

export const intelReportFigure = z.object({
  id: z.string(),
  caption: z.string(),
  svg: z.string().optional(),
  table: z.object({ head: z.array(z.string()), rows: z.array(z.array(z.string())) }).optional(),
  source: intelSource,
});
export type IntelReportFigure = z.infer<typeof intelReportFigure>;

/** What a report was drawn from: the request, its resolved period and the author's scope. */
export const intelReportParams = z.object({
  title: z.string().optional(),
  seriesId: z.string().optional(),
  from: isoDateTime,
  to: isoDateTime,
  area: z.string().optional(),
  category: z.string().optional(),
  /** The author's area/station/grid when not county-wide (who may read the report). */
  scopeOrgId: z.string().nullable(),
});
export type IntelReportParams = z.infer<typeof intelReportParams>;

/** A stored analysis report (研判报告): editable text sections and traceable figures. */
export const intelReport = z.object({
  id: z.string(),
  title: z.string(),
  params: intelReportParams,
  sections: z.array(intelReportSection),
  figures: z.array(intelReportFigure),
  createdBy: z.string(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type IntelReport = z.infer<typeof intelReport>;

export const intelReportSummary = intelReport.pick({
  id: true,
  title: true,
  createdBy: true,
  createdAt: true,
  updatedAt: true,
});
export type IntelReportSummary = z.infer<typeof intelReportSummary>;

export const intelReportList = listOf(intelReportSummary);
export type IntelReportList = z.infer<typeof intelReportList>;
