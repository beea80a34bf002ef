import type {
  SurveyImportBody,
  SurveyImportResult,
  SurveyPeriodList,
  SurveyResult,
} from '@ronghui/contracts';
import {
  analyseSurvey,
  comparePeriods,
  previousPeriod,
  type SurveyCells,
  type SurveyField,
  type SurveyRow,
  surveyHeaderField,
  validateSurveyRows,
} from '@ronghui/scorecard';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import { requireRole } from '../../platform/auth/guard.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { READ_ACCESS } from '../../platform/auth/read-access.ts';
import type { DB } from '../../platform/db/schema.ts';
import { DomainError, invalid } from '../../platform/http/errors.ts';
import type { StatsDeps } from './stats-common.ts';

/** Who imports survey results: the analysts and the leadership. */
export const SURVEY_IMPORT_ROLES = ['analyst', 'leader'] as const;

/** Splits CSV text into records (RFC 4180: quotes, doubled quotes, newlines inside quotes). */
export function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const t = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < t.length; i++) {
    const c = t[i]!;
    if (quoted) {
      if (c === '"' && t[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && t[i + 1] === '\n') i++;
      row.push(cell);
      out.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell || row.length) {
    row.push(cell);
    out.push(row);
  }
  return out;
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v) return String(v.text);
    if (v instanceof Date) return v.toISOString().slice(0, 10);
  }
  return String(v);
}

/** The file's table: rows of text, the header first. XLSX by its signature (PK), else CSV. */
export async function readTable(fileName: string, bytes: Buffer): Promise<string[][]> {
  const isXlsx = bytes.subarray(0, 2).toString('latin1') === 'PK' || /\.xlsx$/i.test(fileName);
  if (!isXlsx) return parseCsv(bytes.toString('utf8'));
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw invalid('/contentBase64', 'is not a readable XLSX file');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= Math.max(row.cellCount, 1); c++) cells.push(cellText(row.getCell(c).value).trim());
    rows.push(cells);
  }
  return rows;
}

/** The rows under a header naming the columns; a missing required column is a problem on line 1. */
export function tableCells(table: string[][]): { cells: SurveyCells[]; headerProblems: string[] } {
  const header = (table[0] ?? []).map((h) => surveyHeaderField(h));
  const missing = (
    ['period', 'township', 'awareness', 'participation', 'satisfaction'] as SurveyField[]
  ).filter((f) => !header.includes(f));
  const cells: SurveyCells[] = [];
  table.slice(1).forEach((row, i) => {
    if (row.every((c) => !c.trim())) return;
    const out: Partial<Record<SurveyField, string>> = {};
    header.forEach((f, c) => {
      if (f) out[f] = (row[c] ?? '').trim();
    });
    cells.push({ line: i + 2, cells: out });
  });
  return { cells, headerProblems: missing };
}

export function createStatsSurveys(deps: StatsDeps) {
  const { db, audit, clock } = deps;

  async function townships(tenant: string) {
    return db
      .selectFrom('divisions')
      .select(['code', 'name'])
      .where('tenant_code', '=', tenant)
      .where('level', '=', 'township')
      .orderBy('code')
      .execute();
  }

  async function importFile(principal: Principal, body: SurveyImportBody): Promise<SurveyImportResult> {
    requireRole(principal, SURVEY_IMPORT_ROLES, 'Importing survey results');
    const bytes = Buffer.from(body.contentBase64, 'base64');
    const table = await readTable(body.fileName, bytes);
    const { cells, headerProblems } = tableCells(table);
    const dryRun = body.dryRun ?? false;
    if (headerProblems.length)
      return {
        rows: cells.length,
        imported: 0,
        periods: [],
        problems: headerProblems.map((f) => ({ line: 1, field: f, message: `缺少列“${f}”` })),
        dryRun,
      };
    if (cells.length === 0)
      return {
        rows: 0,
        imported: 0,
        periods: [],
        problems: [{ line: 2, field: '', message: '文件没有数据行' }],
        dryRun,
      };
    const { rows, problems } = validateSurveyRows(cells, await townships(principal.tenantCode));
    const periods = [...new Set(rows.map((r) => r.period))].sort(comparePeriods);
    if (problems.length || dryRun) return { rows: cells.length, imported: 0, periods, problems, dryRun };
    await saveRows(db, principal, rows, false);
    return { rows: cells.length, imported: rows.length, periods, problems: [], dryRun };
  }

  /** Replaces the periods' rows in one transaction, audited. */
  async function saveRows(
    database: Kysely<DB>,
    actor: Pick<Principal, 'tenantCode' | 'userId' | 'username'>,
    rows: Omit<SurveyRow, 'line'>[],
    demo: boolean,
  ) {
    const periods = [...new Set(rows.map((r) => r.period))];
    const now = clock.now();
    await database.transaction().execute(async (trx) => {
      await trx
        .deleteFrom('survey_results')
        .where('tenant_code', '=', actor.tenantCode)
        .where('period', 'in', periods)
        .execute();
      await trx
        .insertInto('survey_results')
        .values(
          rows.map((r) => ({
            tenant_code: actor.tenantCode,
            period: r.period,
            area_code: r.code,
            scope: r.scope,
            respondents: r.respondents,
            awareness: r.awareness,
            participation: r.participation,
            satisfaction: r.satisfaction,
            province_rank: r.provinceRank,
            demo,
            imported_by: actor.userId,
            imported_at: now,
          })),
        )
        .execute();
      await audit.write(trx, actor, {
        action: 'stats.survey.import',
        resource: 'survey',
        detail: { periods, rows: rows.length, demo },
      });
    });
  }

  async function periods(principal: Principal): Promise<SurveyPeriodList> {
    requireRole(principal, READ_ACCESS.stats, 'Reading survey results');
    const rows = await db
      .selectFrom('survey_results')
      .select('period')
      .distinct()
      .where('tenant_code', '=', principal.tenantCode)
      .execute();
    const items = rows
      .map((r) => r.period)
      .sort(comparePeriods)
      .reverse()
      .map((period) => ({ period }));
    return { items, total: items.length };
  }

  async function stored(tenant: string, period: string) {
    const rows = await db
      .selectFrom('survey_results')
      .selectAll()
      .where('tenant_code', '=', tenant)
      .where('period', '=', period)
      .execute();
    return rows.map((r) => ({
      period: r.period,
      scope: r.scope,
      code: r.area_code,
      respondents: r.respondents,
      awareness: r.awareness,
      participation: r.participation,
      satisfaction: r.satisfaction,
      provinceRank: r.province_rank,
    }));
  }

  async function result(tenant: string, period: string): Promise<SurveyResult | null> {
    const rows = await stored(tenant, period);
    if (rows.length === 0) return null;
    const all = await db
      .selectFrom('survey_results')
      .select('period')
      .distinct()
      .where('tenant_code', '=', tenant)
      .execute();
    const previous = previousPeriod(
      period,
      all.map((r) => r.period),
    );
    const names = new Map((await townships(tenant)).map((t) => [t.code, t.name]));
    return analyseSurvey(
      period,
      rows,
      previous,
      previous ? await stored(tenant, previous) : [],
      (c) => names.get(c) ?? c,
    );
  }

  async function get(principal: Principal, period: string): Promise<SurveyResult> {
    requireRole(principal, READ_ACCESS.stats, 'Reading survey results');
    const found = await result(principal.tenantCode, period);
    if (!found) throw new DomainError('not-found', 'Not found', `No survey results for ${period}.`);
    return found;
  }

  /** The latest period's results, or null. */
  async function latest(tenant: string): Promise<SurveyResult | null> {
    const all = await db
      .selectFrom('survey_results')
      .select('period')
      .distinct()
      .where('tenant_code', '=', tenant)
      .execute();
    const last = all
      .map((r) => r.period)
      .sort(comparePeriods)
      .at(-1);
    return last ? result(tenant, last) : null;
  }

  return { importFile, saveRows, periods, get, latest };
}

export type StatsSurveys = ReturnType<typeof createStatsSurveys>;
