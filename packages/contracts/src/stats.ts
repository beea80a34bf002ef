import { z } from 'zod';
import { codeId, isoDate, isoDateTime, listOf, pageQuery, uuidParams } from './common.ts';

/**
 * The bureau's scorecard, computed from the records and never typed in: 比降 (year-on-year change) of
 * incidents by category, area and station; clearance (破案率 = solved ÷ filed) of crime records; the
 * modules' indicators (dispatch, grid, volunteers, service hall, outreach, cases); rankings of stations
 * and of the deployment's counties; 三率 survey results imported per township and period; weekly and
 * monthly reports in Chinese (PDF, XLSX). Every figure drills down to its records.
 * Fractions (change, rates) are rounded to 4 decimals and null when their base is 0.
 */

/** Who reads the scorecard. */
export const STATS_READ_ROLES = ['leader', 'commander', 'analyst'] as const;

const year = z.coerce.number().int().min(2000).max(2100);
/** A day of the year `MM-DD` (a part of the year compared with the same part of the year before). */
const monthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be a day MM-DD');
const fraction = z.number().nullable();

/**
 * A yoy category: `criminal`, `public-order` (incident kinds), `theft` (0501 盗窃 and its children), or
 * any other incident category code (`0502`) or kind (`traffic`).
 */
export const statsCategory = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9-]+$/, 'must be criminal, public-order, theft, a category code or a kind');

export const CLEARANCE_GROUPS = ['traditional', 'theft', 'robbery', 'fraud', 'telecom-fraud', 'all'] as const;
export const clearanceGroup = z.enum(CLEARANCE_GROUPS);
export type ClearanceGroup = z.infer<typeof clearanceGroup>;

// ── 比降 (year on year) ───────────────────────────────────────────────────────────────────────────────

/** `GET /api/stats/yoy`: incidents counted by received_at in Beijing time; from/to narrow both years. */
export const statsYoyQuery = z
  .object({
    year,
    category: statsCategory,
    from: monthDay.optional(),
    to: monthDay.optional(),
    station: codeId.optional(),
  })
  .strict();
export type StatsYoyQuery = z.infer<typeof statsYoyQuery>;
export const statsYoy = z.object({
  year: z.number().int(),
  category: z.string(),
  count: z.number().int(),
  lastYear: z.number().int(),
  /** (count − lastYear) ÷ lastYear, 4 decimals; null when lastYear is 0. */
  change: fraction,
});
export type StatsYoy = z.infer<typeof statsYoy>;

export const YOY_BREAKDOWNS = ['station', 'township', 'category'] as const;
export const statsYoyBreakdownQuery = statsYoyQuery
  .omit({ station: true })
  .extend({ by: z.enum(YOY_BREAKDOWNS) })
  .strict();
export type StatsYoyBreakdownQuery = z.infer<typeof statsYoyBreakdownQuery>;
export const statsYoyRow = z.object({
  key: z.string(),
  name: z.string(),
  count: z.number().int(),
  lastYear: z.number().int(),
  change: fraction,
});
export type StatsYoyRow = z.infer<typeof statsYoyRow>;
export const statsYoyBreakdown = listOf(statsYoyRow);
export type StatsYoyBreakdown = z.infer<typeof statsYoyBreakdown>;

// ── Clearance (破案率) ─────────────────────────────────────────────────────────────────────────────────

/** `GET /api/stats/clearance`: records filed in the year (filed_at, else occurred_from), solved ones among them. */
export const statsClearanceQuery = z
  .object({ year, group: clearanceGroup.default('traditional'), station: codeId.optional() })
  .strict();
export type StatsClearanceQuery = z.infer<typeof statsClearanceQuery>;
export const statsClearance = z.object({
  year: z.number().int(),
  group: clearanceGroup,
  filed: z.number().int(),
  solved: z.number().int(),
  /** solved ÷ filed, 4 decimals; null when nothing was filed. */
  rate: fraction,
});
export type StatsClearance = z.infer<typeof statsClearance>;
export const statsClearanceBreakdownQuery = statsClearanceQuery
  .omit({ station: true })
  .extend({ by: z.enum(['category', 'station']) })
  .strict();
export type StatsClearanceBreakdownQuery = z.infer<typeof statsClearanceBreakdownQuery>;
export const statsClearanceRow = z.object({
  key: z.string(),
  name: z.string(),
  filed: z.number().int(),
  solved: z.number().int(),
  rate: fraction,
});
export type StatsClearanceRow = z.infer<typeof statsClearanceRow>;
export const statsClearanceBreakdown = listOf(statsClearanceRow);
export type StatsClearanceBreakdown = z.infer<typeof statsClearanceBreakdown>;

// ── Indicators ──────────────────────────────────────────────────────────────────────────────────────

export const INDICATOR_GROUPS = ['dispatch', 'grid', 'volunteer', 'service', 'outreach', 'cases'] as const;
export const indicatorGroup = z.enum(INDICATOR_GROUPS);
export type IndicatorGroup = z.infer<typeof indicatorGroup>;
export const INDICATOR_UNITS = ['count', 'rate', 'seconds', 'yuan'] as const;
export const indicatorUnit = z.enum(INDICATOR_UNITS);
export type IndicatorUnit = z.infer<typeof indicatorUnit>;

/** The indicators of `GET /api/stats/indicators`, in their order. */
export const INDICATOR_KEYS = [
  'incidents-received',
  'on-time-rate',
  'median-response-seconds',
  'hazards-reported',
  'hazards-closed',
  'disputes-resolved',
  'volunteer-activities',
  'volunteer-hours',
  'service-cases',
  'service-on-time-rate',
  'service-satisfaction',
  'warnings-issued',
  'warnings-dissuaded-rate',
  'money-saved',
  'home-visits-done',
  'crimes-filed',
  'crimes-solved',
  'clearance-rate',
] as const;
export const indicatorKey = z.enum(INDICATOR_KEYS);
export type IndicatorKey = z.infer<typeof indicatorKey>;

/** What `GET /api/stats/drill` needs to list a figure's records. */
export const statsDrillRef = z.object({
  figure: z.string(),
  params: z.record(z.string(), z.string()),
});
export type StatsDrillRef = z.infer<typeof statsDrillRef>;

export const statsIndicatorsQuery = z.object({ from: isoDate, to: isoDate }).strict();
export type StatsIndicatorsQuery = z.infer<typeof statsIndicatorsQuery>;
export const statsIndicator = z.object({
  key: indicatorKey,
  group: indicatorGroup,
  /** The figure: a count, a rate (fraction), seconds or yuan; null when it has no base (or its records are absent). */
  value: z.number().nullable(),
  unit: indicatorUnit,
  /** The records behind it (for a rate, its base). */
  count: z.number().int(),
  drill: statsDrillRef,
});
export type StatsIndicator = z.infer<typeof statsIndicator>;
export const statsIndicators = z.object({
  from: isoDate,
  to: isoDate,
  items: z.array(statsIndicator),
});
export type StatsIndicators = z.infer<typeof statsIndicators>;

// ── Rankings ────────────────────────────────────────────────────────────────────────────────────────

export const RANKING_INDICATORS = [
  'theft-yoy',
  'criminal-yoy',
  'public-order-yoy',
  'clearance',
  'on-time-rate',
] as const;
export const rankingIndicator = z.enum(RANKING_INDICATORS);
export type RankingIndicator = z.infer<typeof rankingIndicator>;
/**
 * `GET /api/stats/rankings`: stations (or, with scope=county, the deployment's counties, aggregates only).
 * yoy indicators rank the largest fall first; clearance and on-time rate the highest first. Ties share a
 * rank (1, 2, 2, 4); rows without a value come last with rank null.
 */
export const statsRankingsQuery = z
  .object({ year, indicator: rankingIndicator, scope: z.enum(['station', 'county']).default('station') })
  .strict();
export type StatsRankingsQuery = z.infer<typeof statsRankingsQuery>;
export const statsRankingRow = z.object({
  rank: z.number().int().nullable(),
  id: z.string(),
  name: z.string(),
  value: z.number().nullable(),
  /** The records counted: this year's incidents for yoy, filed cases for clearance, arrivals for on-time. */
  count: z.number().int(),
});
export type StatsRankingRow = z.infer<typeof statsRankingRow>;
export const statsRankings = z.object({
  indicator: rankingIndicator,
  scope: z.enum(['station', 'county']),
  items: z.array(statsRankingRow),
});
export type StatsRankings = z.infer<typeof statsRankings>;

// ── Drill-down ──────────────────────────────────────────────────────────────────────────────────────

/**
 * `GET /api/stats/drill`: the records behind a figure. yoy: year, category, from?, to?, station?, and
 * `side=last` for last year's records; clearance: year, group, station?, and `solved=true|false`;
 * indicator: key, from, to.
 */
export const statsDrillQuery = pageQuery
  .extend({
    figure: z.enum(['yoy', 'clearance', 'indicator']),
    year: year.optional(),
    category: statsCategory.optional(),
    from: z.string().max(10).optional(),
    to: z.string().max(10).optional(),
    station: codeId.optional(),
    side: z.enum(['current', 'last']).optional(),
    group: clearanceGroup.optional(),
    solved: z.enum(['true', 'false']).optional(),
    key: indicatorKey.optional(),
  })
  .strict();
export type StatsDrillQuery = z.infer<typeof statsDrillQuery>;
export const statsDrillItem = z.object({
  id: z.string(),
  /** incident | crime | hazard | dispute | volunteer-activity | service-case | fraud-warning | home-visit */
  kind: z.string(),
  /** The record's own number (incident or case number) when it has one. */
  number: z.string().nullable(),
  at: isoDateTime,
  category: z.string().nullable(),
  categoryName: z.string().nullable(),
  stationId: z.string().nullable(),
  stationName: z.string().nullable(),
  status: z.string().nullable(),
});
export type StatsDrillItem = z.infer<typeof statsDrillItem>;
export const statsDrill = listOf(statsDrillItem);
export type StatsDrill = z.infer<typeof statsDrill>;

// ── 三率 surveys ────────────────────────────────────────────────────────────────────────────────────

/** A survey period: a quarter `2023Q4`, a half `2023H1` or a year `2023`. */
export const surveyPeriod = z
  .string()
  .regex(/^\d{4}(Q[1-4]|H[12])?$/, 'must be a period like 2023Q4, 2023H2 or 2023');

/**
 * `POST /api/stats/surveys/import`: an XLSX or CSV file as base64. Columns (Chinese headers or the English
 * names): 期次 period, 乡镇 township (code, name, 全县 or 全省), 样本数 respondents, 知晓率 awareness, 参与率
 * participation, 满意率 satisfaction (fractions or percentages), 全省排名 provinceRank (the county row). Any bad
 * line rejects the whole file (nothing half-imported); an imported period replaces what was there.
 */
export const surveyImportBody = z
  .object({
    fileName: z.string().max(200),
    contentBase64: z.string().min(1).max(14_000_000),
    dryRun: z.boolean().default(false),
  })
  .strict();
export type SurveyImportBody = z.input<typeof surveyImportBody>;
export const surveyImportProblem = z.object({
  /** The line in the file (1 = the header). */
  line: z.number().int(),
  field: z.string(),
  message: z.string(),
});
export type SurveyImportProblem = z.infer<typeof surveyImportProblem>;
export const surveyImportResult = z.object({
  rows: z.number().int(),
  /** Rows saved: 0 when any line has a problem (or on a dry run). */
  imported: z.number().int(),
  periods: z.array(surveyPeriod),
  problems: z.array(surveyImportProblem),
  dryRun: z.boolean(),
});
export type SurveyImportResult = z.infer<typeof surveyImportResult>;

export const surveyPeriodList = listOf(z.object({ period: surveyPeriod }));
export type SurveyPeriodList = z.infer<typeof surveyPeriodList>;
export const surveyQuery = z.object({ period: surveyPeriod }).strict();
export type SurveyQuery = z.infer<typeof surveyQuery>;

const rateChange = z.object({ awareness: fraction, participation: fraction, satisfaction: fraction });
/** `GET /api/stats/surveys?period=`: rates are fractions; changes are against the previous period. */
export const surveyResult = z.object({
  period: surveyPeriod,
  /** The period before it that has results, or null. */
  previous: surveyPeriod.nullable(),
  /** The 全县 row when imported, else the townships weighted by respondents; provinceRank from the 全县 row. */
  county: z.object({
    awareness: fraction,
    participation: fraction,
    satisfaction: fraction,
    respondents: z.number().int(),
    provinceRank: z.number().int().nullable(),
  }),
  /** The 全省 row, null rates when not imported. */
  province: z.object({ awareness: fraction, participation: fraction, satisfaction: fraction }),
  townships: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      awareness: z.number(),
      participation: z.number(),
      satisfaction: z.number(),
      respondents: z.number().int(),
      change: rateChange,
    }),
  ),
});
export type SurveyResult = z.infer<typeof surveyResult>;

// ── Leadership summary ──────────────────────────────────────────────────────────────────────────────

export const statsSummaryQuery = z.object({ year }).strict();
export type StatsSummaryQuery = z.infer<typeof statsSummaryQuery>;
/** `GET /api/stats/summary?year=`: what the leadership summary screen shows. */
export const statsSummary = z.object({
  year: z.number().int(),
  /** theft, criminal, public-order */
  yoy: z.array(statsYoy.omit({ year: true })),
  /** 传统盗抢骗 */
  clearance: statsClearance.pick({ filed: true, solved: true, rate: true }),
  /** The indicators over the year (to today for the current year). */
  indicators: z.array(statsIndicator),
  /** The latest survey period's results, or null. */
  survey: surveyResult.nullable(),
});
export type StatsSummary = z.infer<typeof statsSummary>;

// ── Reports ─────────────────────────────────────────────────────────────────────────────────────────

export const STATS_REPORT_KINDS = ['weekly', 'monthly'] as const;
export const statsReportKind = z.enum(STATS_REPORT_KINDS);
export type StatsReportKind = z.infer<typeof statsReportKind>;
export const statsReport = z.object({
  id: z.string(),
  kind: statsReportKind,
  /** The first and last day covered (Beijing calendar days, inclusive). */
  from: isoDate,
  to: isoDate,
  title: z.string(),
  createdAt: isoDateTime,
});
export type StatsReport = z.infer<typeof statsReport>;
export const statsReportList = listOf(statsReport);
export type StatsReportList = z.infer<typeof statsReportList>;
/** `POST /api/stats/reports`: without from/to, the last ended week (Mon–Sun) or month. */
export const statsReportBody = z
  .object({ kind: statsReportKind, from: isoDate.optional(), to: isoDate.optional() })
  .strict()
  .refine((b) => (b.from === undefined) === (b.to === undefined), {
    path: ['to'],
    message: 'from and to go together',
  })
  .refine((b) => b.from === undefined || b.to === undefined || b.from <= b.to, {
    path: ['to'],
    message: 'must not be before from',
  });
export type StatsReportBody = z.infer<typeof statsReportBody>;
export const statsReportParams = uuidParams('a report');
