import { ApiError } from '../../api/api-error.ts';
import type {
  DrillQuery,
  SurveyImportResult,
  IndicatorGroup,
  IndicatorUnit,
  StatsIndicator,
  StatsPeriod,
  SurveyRates,
} from '../../api/stats-api.ts';

/** A fraction as a percentage with up to two decimals (0.9737 → 97.37%), a dash when there is none. */
export function pct(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return '—';
  return `${Number((rate * 100).toFixed(2))}%`;
}

export interface ChangeView {
  /** ↓ a fall, ↑ a rise, → no change. */
  arrow: '↓' | '↑' | '→';
  /** The size of the change as a percentage (−0.191 → 19.1%). */
  text: string;
  /** A fall of incidents is good news (green); a rise is red. */
  tone: 'down' | 'up' | 'flat';
}

/** 比降: the year-on-year change of a count, or null when last year had nothing to compare with. */
export function changeView(change: number | null | undefined): ChangeView | null {
  if (change === null || change === undefined) return null;
  const text = `${Number((Math.abs(change) * 100).toFixed(2))}%`;
  if (change < 0) return { arrow: '↓', text, tone: 'down' };
  if (change > 0) return { arrow: '↑', text, tone: 'up' };
  return { arrow: '→', text: '0%', tone: 'flat' };
}

export const toneColor = { down: '#389e0d', up: '#cf1322', flat: '#8c8c8c' } as const;
export const screenToneColor = { down: '#73d13d', up: '#ff7875', flat: '#9fc3f0' } as const;

/** An indicator's value in its unit: counts, rates, seconds (as m′ss″) or yuan. */
export function indicatorValue(value: number | null | undefined, unit: IndicatorUnit): string {
  if (value === null || value === undefined) return '—';
  switch (unit) {
    case 'rate':
      return pct(value);
    case 'seconds': {
      const s = Math.round(value);
      const m = Math.floor(s / 60);
      return m > 0 ? `${m}′${String(s % 60).padStart(2, '0')}″` : `${s}″`;
    }
    case 'yuan':
      return `¥${Math.round(value).toLocaleString('zh-CN')}`;
    default:
      return Math.round(value).toLocaleString('zh-CN');
  }
}

export const INDICATOR_GROUPS: readonly IndicatorGroup[] = [
  'dispatch',
  'grid',
  'volunteer',
  'service',
  'outreach',
  'cases',
];

/** Indicators by group in the page's order, keeping the server's order inside a group; empty groups left out. */
export function groupIndicators(
  items: readonly StatsIndicator[],
): { group: IndicatorGroup; items: StatsIndicator[] }[] {
  return INDICATOR_GROUPS.map((group) => ({ group, items: items.filter((i) => i.group === group) })).filter(
    (g) => g.items.length > 0,
  );
}

/** The dates a period covers: the whole year, or MM-DD … MM-DD within it. */
export function periodDates(p: StatsPeriod): { from: string; to: string } {
  return { from: `${p.year}-${p.from ?? '01-01'}`, to: `${p.year}-${p.to ?? '12-31'}` };
}

/** The period as query parameters (from/to only when narrowed). */
export function periodQuery(p: StatsPeriod): StatsPeriod {
  return p.from && p.to ? { year: p.year, from: p.from, to: p.to } : { year: p.year };
}

/** `MM-DD` of a `YYYY-MM-DD` date, or undefined for anything else. */
export function monthDay(date: string | null | undefined): string | undefined {
  return date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date.slice(5) : undefined;
}

/** Change between two rates in percentage points (0.95 vs 0.93 → +2.00), null when either is missing. */
export function points(now: number | null | undefined, before: number | null | undefined): number | null {
  if (now === null || now === undefined || before === null || before === undefined) return null;
  return Number(((now - before) * 100).toFixed(2));
}

export function pointsText(p: number | null): string {
  if (p === null) return '—';
  return `${p > 0 ? '+' : p < 0 ? '−' : '±'}${Math.abs(p).toFixed(2)}`;
}

export const SURVEY_RATES: readonly (keyof SurveyRates)[] = ['awareness', 'participation', 'satisfaction'];

/** The drill query of a figure: which figure, its parameters, and the page. */
export function drillQuery(figure: string, params: DrillQuery, page: number, pageSize: number): DrillQuery {
  const out: DrillQuery = { figure };
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') out[k] = v;
  return { ...out, page, pageSize };
}

/** Years a picker offers: this year back to 2020, newest first. */
export function yearOptions(thisYear: number, first = 2020): number[] {
  const out: number[] = [];
  for (let y = thisYear; y >= first; y--) out.push(y);
  return out;
}

export interface ImportProblemView {
  key: string;
  /** The file's line (1 = the header), or null for a problem of the request itself. */
  line: number | null;
  field: string;
  message: string;
}

/**
 * The lines an import names as wrong, whether the server answered with its result (`problems`, nothing
 * imported) or with a 400 listing the fields (`errors`), as one list to show in the dialog.
 */
export function importProblems(
  result: Pick<SurveyImportResult, 'problems'> | null,
  error: unknown,
): ImportProblemView[] {
  const fromResult = (result?.problems ?? []).map((p, i) => ({ key: `r${i}`, ...p }));
  const fromError =
    error instanceof ApiError
      ? error.errors.map((p, i) => ({ key: `e${i}`, line: null, field: p.path, message: p.message }))
      : [];
  return [...fromResult, ...fromError];
}
