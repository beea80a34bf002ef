import { round4 } from './rates.ts';

/**
 * 三率 (平安建设 知晓率 awareness, 参与率 participation, 满意率 satisfaction): the provincial survey's results per
 * township and period, checked line by line on import and analysed against the previous period and the
 * province. Rates are fractions (a cell may say 95.3%, 95.3 or 0.953).
 */
export const SURVEY_FIELDS = [
  { field: 'period', header: '期次', required: true },
  { field: 'township', header: '乡镇', required: true },
  { field: 'respondents', header: '样本数', required: false },
  { field: 'awareness', header: '知晓率', required: true },
  { field: 'participation', header: '参与率', required: true },
  { field: 'satisfaction', header: '满意率', required: true },
  { field: 'provinceRank', header: '全省排名', required: false },
] as const;
export type SurveyField = (typeof SURVEY_FIELDS)[number]['field'];
export const RATE_FIELDS = ['awareness', 'participation', 'satisfaction'] as const;
export type RateField = (typeof RATE_FIELDS)[number];

export const COUNTY_WORDS = ['全县', '县', 'county', '合计'];
export const PROVINCE_WORDS = ['全省', '省', 'province'];

export interface SurveyCells {
  line: number;
  cells: Partial<Record<SurveyField, string>>;
}

export type SurveyScope = 'township' | 'county' | 'province';

export interface SurveyRow {
  line: number;
  period: string;
  scope: SurveyScope;
  /** The township's code; `county` / `province` for those rows. */
  code: string;
  respondents: number | null;
  awareness: number;
  participation: number;
  satisfaction: number;
  provinceRank: number | null;
}

export interface SurveyProblem {
  line: number;
  field: string;
  message: string;
}

export const PERIOD_PATTERN = /^\d{4}(Q[1-4]|H[12])?$/;

/** The column a header names (Chinese header or English field name), if any. */
export function surveyHeaderField(text: string): SurveyField | undefined {
  const t = text
    .trim()
    .replace(/^\uFEFF/, '')
    .replace(/\s+/g, '')
    .replace(/[*＊]$/, '');
  return SURVEY_FIELDS.find((c) => c.header === t || c.field.toLowerCase() === t.toLowerCase())?.field;
}

/** A rate cell: `95.3%`, `95.3` (a percentage, over 1) or `0.953`; undefined when not a rate in [0, 1]. */
export function parseRate(text: string): number | undefined {
  const t = text.trim().replace(/％/g, '%');
  const m = /^(\d+(?:\.\d+)?)(%?)$/.exec(t);
  if (!m) return undefined;
  const n = Number(m[1]);
  const v = m[2] || n > 1 ? n / 100 : n;
  return v >= 0 && v <= 1 ? round4(v) : undefined;
}

/** Normalises a period cell: `2023Q4`, `2023年第四季度`, `2023-Q4`, `2023H1`, `2023`. */
export function parsePeriod(text: string): string | undefined {
  const t = text.trim().toUpperCase().replace(/[\s-]/g, '');
  if (PERIOD_PATTERN.test(t)) return t;
  const zh = /^(\d{4})年?(?:第([一二三四1-4])季度)?$/.exec(text.trim());
  if (zh) {
    if (!zh[2]) return zh[1];
    const q = '一二三四'.indexOf(zh[2]) + 1 || Number(zh[2]);
    return `${zh[1]}Q${q}`;
  }
  return undefined;
}

/**
 * Checks every line: a known period, a known township (code or name) or 全县/全省, respondents a positive
 * whole number (required but for the province row), rates in [0, 1], a province rank only on the county
 * row, no line twice for the same period and place. Returns the rows and every problem found.
 */
export function validateSurveyRows(
  input: readonly SurveyCells[],
  townships: readonly { code: string; name: string }[],
): { rows: SurveyRow[]; problems: SurveyProblem[] } {
  const byName = new Map<string, string>();
  for (const t of townships) {
    byName.set(t.code, t.code);
    byName.set(t.name, t.code);
  }
  const rows: SurveyRow[] = [];
  const problems: SurveyProblem[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of input) {
    const bad = (field: string, message: string) => problems.push({ line, field, message });
    const before = problems.length;
    const period = parsePeriod(cells.period ?? '');
    if (!cells.period?.trim()) bad('period', '期次不能为空');
    else if (!period) bad('period', `期次“${cells.period}”应为 2023Q4、2023H1 或 2023`);
    const place = (cells.township ?? '').trim();
    let scope: SurveyScope = 'township';
    let code = '';
    if (!place) bad('township', '乡镇不能为空');
    else if (COUNTY_WORDS.includes(place.toLowerCase())) {
      scope = 'county';
      code = 'county';
    } else if (PROVINCE_WORDS.includes(place.toLowerCase())) {
      scope = 'province';
      code = 'province';
    } else {
      const found = byName.get(place);
      if (found) code = found;
      else bad('township', `未知乡镇“${place}”`);
    }
    let respondents: number | null = null;
    const r = (cells.respondents ?? '').trim();
    if (r) {
      if (/^\d+$/.test(r) && Number(r) > 0) respondents = Number(r);
      else bad('respondents', `样本数“${r}”应为正整数`);
    } else if (scope !== 'province') bad('respondents', '样本数不能为空');
    const rates: Partial<Record<RateField, number>> = {};
    for (const f of RATE_FIELDS) {
      const text = (cells[f] ?? '').trim();
      const label = SURVEY_FIELDS.find((c) => c.field === f)!.header;
      if (!text) bad(f, `${label}不能为空`);
      else {
        const v = parseRate(text);
        if (v === undefined) bad(f, `${label}“${text}”应为 0–100% 之间的比率`);
        else rates[f] = v;
      }
    }
    let provinceRank: number | null = null;
    const rank = (cells.provinceRank ?? '').trim();
    if (rank) {
      if (scope !== 'county') bad('provinceRank', '全省排名只填在全县一行');
      else if (/^\d+$/.test(rank) && Number(rank) >= 1 && Number(rank) <= 200) provinceRank = Number(rank);
      else bad('provinceRank', `全省排名“${rank}”应为 1–200 的整数`);
    }
    if (problems.length > before || !period) continue;
    const key = `${period}/${code}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      bad('township', `与第 ${earlier} 行重复（同一期次同一地区）`);
      continue;
    }
    seen.set(key, line);
    rows.push({
      line,
      period,
      scope,
      code,
      respondents,
      awareness: rates.awareness!,
      participation: rates.participation!,
      satisfaction: rates.satisfaction!,
      provinceRank,
    });
  }
  return { rows, problems };
}

/** Periods in order: by year, then quarter/half/year of the same kind. */
export function comparePeriods(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const periodKind = (p: string) => (p.length === 4 ? 'Y' : p[4]!);

/** The latest period of the same kind before `period` among `available`, or null. */
export function previousPeriod(period: string, available: readonly string[]): string | null {
  const kind = periodKind(period);
  const earlier = available.filter((p) => periodKind(p) === kind && p < period).sort(comparePeriods);
  return earlier.at(-1) ?? null;
}

export interface SurveyRates {
  awareness: number | null;
  participation: number | null;
  satisfaction: number | null;
}

export interface SurveyAnalysis {
  period: string;
  previous: string | null;
  county: SurveyRates & { respondents: number; provinceRank: number | null };
  province: SurveyRates;
  townships: {
    code: string;
    name: string;
    awareness: number;
    participation: number;
    satisfaction: number;
    respondents: number;
    change: SurveyRates;
  }[];
}

type StoredRow = Omit<SurveyRow, 'line'>;

/** The county's rates weighted by respondents over its townships (null when none). */
export function weightedRates(rows: readonly StoredRow[]): SurveyRates & { respondents: number } {
  const n = rows.reduce((s, r) => s + (r.respondents ?? 0), 0);
  const avg = (f: RateField) =>
    n === 0 ? null : round4(rows.reduce((s, r) => s + r[f] * (r.respondents ?? 0), 0) / n);
  return {
    awareness: avg('awareness'),
    participation: avg('participation'),
    satisfaction: avg('satisfaction'),
    respondents: n,
  };
}

const diff = (a: number | null | undefined, b: number | null | undefined) =>
  a === null || a === undefined || b === null || b === undefined ? null : round4(a - b);

/**
 * A period's analysis: the county (its 全县 row, else the townships weighted by respondents), the province
 * (its 全省 row), and each township with its change against the previous period (percentage points as
 * fractions, null where the township had no row then).
 */
export function analyseSurvey(
  period: string,
  rows: readonly StoredRow[],
  previous: string | null,
  previousRows: readonly StoredRow[],
  townshipName: (code: string) => string,
): SurveyAnalysis {
  const townships = rows.filter((r) => r.scope === 'township');
  const countyRow = rows.find((r) => r.scope === 'county');
  const provinceRow = rows.find((r) => r.scope === 'province');
  const weighted = weightedRates(townships);
  const county = countyRow
    ? {
        awareness: countyRow.awareness,
        participation: countyRow.participation,
        satisfaction: countyRow.satisfaction,
        respondents: countyRow.respondents ?? weighted.respondents,
        provinceRank: countyRow.provinceRank,
      }
    : { ...weighted, provinceRank: null };
  const before = new Map(previousRows.filter((r) => r.scope === 'township').map((r) => [r.code, r]));
  return {
    period,
    previous,
    county,
    province: {
      awareness: provinceRow?.awareness ?? null,
      participation: provinceRow?.participation ?? null,
      satisfaction: provinceRow?.satisfaction ?? null,
    },
    townships: townships
      .map((r) => {
        const p = before.get(r.code);
        return {
          code: r.code,
          name: townshipName(r.code),
          awareness: r.awareness,
          participation: r.participation,
          satisfaction: r.satisfaction,
          respondents: r.respondents ?? 0,
          change: {
            awareness: diff(r.awareness, p?.awareness),
            participation: diff(r.participation, p?.participation),
            satisfaction: diff(r.satisfaction, p?.satisfaction),
          },
        };
      })
      .sort((a, b) => a.code.localeCompare(b.code)),
  };
}
