import type {
  ClearanceGroup,
  IndicatorGroup,
  IndicatorUnit,
  List,
  RankingIndicator,
  StatsClearance,
  StatsClearanceBreakdown,
  StatsClearanceRow,
  StatsDrill,
  StatsDrillItem,
  StatsDrillRef,
  StatsIndicator,
  StatsIndicators,
  StatsRankingRow,
  StatsRankings,
  StatsReport,
  StatsReportList,
  StatsSummary,
  StatsYoy,
  StatsYoyBreakdown,
  StatsYoyRow,
  SurveyImportProblem,
  SurveyImportResult,
  SurveyPeriodList,
  SurveyResult,
} from '@ronghui/contracts';
import { api, apiUrl } from './http-client.ts';

export type {
  ClearanceGroup,
  IndicatorGroup,
  IndicatorUnit,
  StatsClearance,
  StatsClearanceRow,
  StatsDrillItem,
  StatsDrillRef,
  StatsIndicator,
  StatsIndicators,
  StatsRankingRow,
  StatsRankings,
  StatsReport,
  StatsSummary,
  StatsYoy,
  StatsYoyRow,
  SurveyImportProblem,
  SurveyImportResult,
  SurveyResult,
};

export type SurveyRates = Pick<SurveyResult['province'], 'awareness' | 'participation' | 'satisfaction'>;
export type SurveyTownship = SurveyResult['townships'][number];
export type RankingIndicatorKey = RankingIndicator;

/** The period of a figure: a year, optionally narrowed to MM-DD … MM-DD of that year (and last year). */
export interface StatsPeriod {
  year: number;
  from?: string | undefined;
  to?: string | undefined;
}

export type DrillQuery = Record<string, string | number | boolean | null | undefined>;

export const statsKeys = {
  all: ['stats'] as const,
  yoy: (q: object) => ['stats', 'yoy', q] as const,
  yoyBreakdown: (q: object) => ['stats', 'yoy-breakdown', q] as const,
  clearance: (q: object) => ['stats', 'clearance', q] as const,
  clearanceBreakdown: (q: object) => ['stats', 'clearance-breakdown', q] as const,
  indicators: (q: object) => ['stats', 'indicators', q] as const,
  rankings: (q: object) => ['stats', 'rankings', q] as const,
  drill: (q: object) => ['stats', 'drill', q] as const,
  surveyPeriods: ['stats', 'survey-periods'] as const,
  survey: (period: string) => ['stats', 'survey', period] as const,
  summary: (year: number) => ['stats', 'summary', year] as const,
  reports: ['stats', 'reports'] as const,
};

export const statsApi = {
  yoy: (q: StatsPeriod & { category: string; station?: string | undefined }) =>
    api.get<StatsYoy>('/stats/yoy', { ...q }),
  yoyBreakdown: (q: StatsPeriod & { category: string; by: 'station' | 'township' | 'category' }) =>
    api.get<StatsYoyBreakdown>('/stats/yoy/breakdown', { ...q }),
  clearance: (q: StatsPeriod & { group: ClearanceGroup; station?: string | undefined }) =>
    api.get<StatsClearance>('/stats/clearance', { ...q }),
  clearanceBreakdown: (q: StatsPeriod & { group: ClearanceGroup; by: 'category' | 'station' }) =>
    api.get<StatsClearanceBreakdown>('/stats/clearance/breakdown', { ...q }),
  indicators: (q: { from: string; to: string }) => api.get<StatsIndicators>('/stats/indicators', q),
  rankings: (q: { year: number; indicator: RankingIndicator; scope: 'station' | 'county' }) =>
    api.get<StatsRankings>('/stats/rankings', q),
  drill: (q: DrillQuery) => api.get<StatsDrill>('/stats/drill', q),
  surveyPeriods: () => api.get<SurveyPeriodList>('/stats/surveys/periods'),
  survey: (period: string) => api.get<SurveyResult>('/stats/surveys', { period }),
  summary: (year: number) => api.get<StatsSummary>('/stats/summary', { year }),
  reports: () => api.get<StatsReportList>('/stats/reports'),
  makeReport: (body: { kind: 'weekly' | 'monthly'; from?: string; to?: string }) =>
    api.post<StatsReport>('/stats/reports', body),
  reportUrl: (id: string, format: 'pdf' | 'xlsx') =>
    apiUrl(`/stats/reports/${encodeURIComponent(id)}/${format}`),
  /** The survey file (XLSX or CSV) as base64; all rows or none, each bad line named in `problems`. */
  async importSurveys(file: File): Promise<SurveyImportResult> {
    const bytes = new Uint8Array(await file.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000)
      binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return api.post<SurveyImportResult>('/stats/surveys/import', {
      fileName: file.name,
      contentBase64: btoa(binary),
    });
  },
};

/** A warning of the anti-fraud module as the big screen needs it. */
export interface AntiFraudWarning {
  id: string;
  risk: 'high' | 'medium' | 'low';
  status: 'issued' | 'signed' | 'dissuaded' | 'feedback';
  overdue?: boolean;
  fraudType?: string;
  moneySaved?: number | null;
  moneyAtRisk?: number | null;
}

export const antiFraudApi = {
  warnings: () => api.get<List<AntiFraudWarning>>('/anti-fraud/warnings'),
};
