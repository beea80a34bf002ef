import { randomUUID } from 'node:crypto';
import type {
  StatsIndicator,
  StatsReport,
  StatsReportBody,
  StatsReportKind,
  StatsReportList,
} from '@ronghui/contracts';
import {
  clearanceRate,
  customPeriod,
  instants,
  lastEndedMonth,
  lastEndedWeek,
  type Period,
  samePeriodLastYear,
  yoyChange,
} from '@ronghui/scorecard';
import ExcelJS from 'exceljs';
import { requireRole } from '../../platform/auth/guard.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { READ_ACCESS } from '../../platform/auth/read-access.ts';
import { DomainError, invalid } from '../../platform/http/errors.ts';
import { renderPdf } from '../intel/index.ts';
import { INDICATOR_META, type StatsDeps, YOY_NAMES } from './stats-common.ts';
import type { StatsFigures } from './stats.service.ts';

/** Who makes a report on demand. */
export const REPORT_WRITE_ROLES = ['analyst', 'leader', 'commander'] as const;

/** What a report holds: the figures of its period, computed when it was made. */
export interface ReportContent {
  kind: StatsReportKind;
  from: string;
  to: string;
  title: string;
  tenantName: string;
  yoy: { category: string; name: string; count: number; lastYear: number; change: number | null }[];
  clearance: { filed: number; solved: number; rate: number | null };
  indicators: StatsIndicator[];
}

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(2)}%`);
const signedPct = (v: number | null) => (v === null ? '—' : `${v > 0 ? '+' : ''}${(v * 100).toFixed(2)}%`);

export function formatIndicator(i: StatsIndicator): string {
  if (i.value === null) return '—';
  switch (i.unit) {
    case 'rate':
      return pct(i.value);
    case 'seconds':
      return `${Math.floor(i.value / 60)}分${Math.round(i.value % 60)}秒`;
    case 'yuan':
      return i.value.toLocaleString('zh-CN', { maximumFractionDigits: 2 });
    default:
      return i.value.toLocaleString('zh-CN');
  }
}

const GROUP_ZH: Record<StatsIndicator['group'], string> = {
  dispatch: '接处警',
  grid: '网格治理',
  volunteer: '群防群治',
  service: '一窗通办',
  outreach: '暖心为民',
  cases: '案件',
};

export function reportTitle(tenantName: string, kind: StatsReportKind, from: string, to: string): string {
  const md = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
  return kind === 'monthly'
    ? `${tenantName}公安工作月报（${from.slice(0, 4)}年${Number(from.slice(5, 7))}月）`
    : `${tenantName}公安工作周报（${from.slice(0, 4)}年${md(from)}至${md(to)}）`;
}

export async function reportXlsx(c: ReportContent): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Ronghui';
  const sheet = wb.addWorksheet('概要');
  sheet.columns = [{ width: 26 }, { width: 16 }, { width: 16 }, { width: 16 }];
  sheet.addRow([c.title]).font = { bold: true, size: 14 };
  sheet.addRow([`统计期间：${c.from} 至 ${c.to}（北京时间）`]);
  sheet.addRow([]);
  sheet.addRow(['警情比降', '本期', '去年同期', '同比']).font = { bold: true };
  for (const y of c.yoy) sheet.addRow([y.name, y.count, y.lastYear, signedPct(y.change)]);
  sheet.addRow([]);
  sheet.addRow(['传统盗抢骗破案', '立案', '破案', '破案率']).font = { bold: true };
  sheet.addRow(['传统盗抢骗', c.clearance.filed, c.clearance.solved, pct(c.clearance.rate)]);
  sheet.addRow([]);
  sheet.addRow(['指标', '类别', '数值', '记录数']).font = { bold: true };
  for (const i of c.indicators)
    sheet.addRow([INDICATOR_META[i.key].zh, GROUP_ZH[i.group], formatIndicator(i), i.count]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const esc = (s: string) =>
  s.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!);

export function reportHtml(c: ReportContent): string {
  const yoyRows = c.yoy
    .map(
      (y) =>
        `<tr><td>${esc(y.name)}</td><td>${y.count}</td><td>${y.lastYear}</td><td>${signedPct(y.change)}</td></tr>`,
    )
    .join('');
  const indicatorRows = c.indicators
    .map(
      (i) =>
        `<tr><td>${GROUP_ZH[i.group]}</td><td>${esc(INDICATOR_META[i.key].zh)}</td><td>${esc(formatIndicator(i))}</td><td>${i.count}</td></tr>`,
    )
    .join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(c.title)}</title>
<style>@page{size:A4;margin:18mm}body{font-family:"Noto Sans CJK SC","Noto Sans SC","WenQuanYi Micro Hei",sans-serif;font-size:11pt;color:#222}
h1{font-size:17pt;text-align:center;margin:0 0 4mm}p.sub{text-align:center;color:#555;margin:0 0 8mm}h2{font-size:13pt;border-left:4px solid #1d4ed8;padding-left:6px;margin:8mm 0 3mm}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:4px 6px;text-align:left}th{background:#eef2ff}</style></head>
<body><h1>${esc(c.title)}</h1><p class="sub">统计期间 ${c.from} 至 ${c.to}（北京时间）· 数据均由系统记录自动统计</p>
<h2>一、警情比降（与去年同期相比）</h2><table><tr><th>类别</th><th>本期</th><th>去年同期</th><th>同比</th></tr>${yoyRows}</table>
<h2>二、传统盗抢骗破案</h2><table><tr><th>立案</th><th>破案</th><th>破案率</th></tr><tr><td>${c.clearance.filed}</td><td>${c.clearance.solved}</td><td>${pct(c.clearance.rate)}</td></tr></table>
<h2>三、工作指标</h2><table><tr><th>类别</th><th>指标</th><th>数值</th><th>记录数</th></tr>${indicatorRows}</table>
</body></html>`;
}

export function createStatsReports(deps: StatsDeps, figures: StatsFigures) {
  const { db, audit, clock } = deps;

  async function tenantName(tenant: string) {
    const row = await db
      .selectFrom('tenants')
      .select('name')
      .where('tenant_code', '=', tenant)
      .executeTakeFirst();
    return row?.name ?? tenant;
  }

  async function content(tenant: string, kind: StatsReportKind, period: Period): Promise<ReportContent> {
    const name = await tenantName(tenant);
    const current = instants(period);
    const last = instants(samePeriodLastYear(period));
    const yoy = await Promise.all(
      (['theft', 'criminal', 'public-order'] as const).map(async (category) => {
        const [count, lastYear] = await Promise.all([
          figures.countIncidents(tenant, current, category, null),
          figures.countIncidents(tenant, last, category, null),
        ]);
        return { category, name: YOY_NAMES[category]!, count, lastYear, change: yoyChange(count, lastYear) };
      }),
    );
    const cl = await figures.clearanceCounts(tenant, current, 'traditional', null);
    return {
      kind,
      from: period.from,
      to: period.to,
      title: reportTitle(name, kind, period.from, period.to),
      tenantName: name,
      yoy,
      clearance: { ...cl, rate: clearanceRate(cl.solved, cl.filed) },
      indicators: await figures.computeIndicators(tenant, period.from, period.to, null),
    };
  }

  const toReport = (r: {
    id: string;
    kind: StatsReportKind;
    date_from: string;
    date_to: string;
    title: string;
    created_at: Date;
  }): StatsReport => ({
    id: r.id,
    kind: r.kind,
    from: r.date_from,
    to: r.date_to,
    title: r.title,
    createdAt: new Date(r.created_at).toISOString(),
  });

  /** Makes the report of a period unless it exists; returns it either way. */
  async function make(
    actor: Pick<Principal, 'tenantCode' | 'userId' | 'username'>,
    kind: StatsReportKind,
    period: Period,
  ): Promise<{ report: StatsReport; created: boolean }> {
    const tenant = actor.tenantCode;
    const existing = await db
      .selectFrom('stats_reports')
      .select(['id', 'kind', 'date_from', 'date_to', 'title', 'created_at'])
      .where('tenant_code', '=', tenant)
      .where('kind', '=', kind)
      .where('date_from', '=', period.from)
      .where('date_to', '=', period.to)
      .executeTakeFirst();
    if (existing) return { report: toReport(existing), created: false };
    const c = await content(tenant, kind, period);
    const xlsx = await reportXlsx(c);
    const id = randomUUID();
    const now = clock.now();
    const inserted = await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('stats_reports')
        .values({
          tenant_code: tenant,
          id,
          kind,
          date_from: period.from,
          date_to: period.to,
          title: c.title,
          content: JSON.stringify(c),
          xlsx,
          pdf: null,
          created_by: actor.userId,
          created_at: now,
        })
        .onConflict((oc) => oc.columns(['tenant_code', 'kind', 'date_from', 'date_to']).doNothing())
        .returning(['id', 'kind', 'date_from', 'date_to', 'title', 'created_at'])
        .executeTakeFirst();
      if (row)
        await audit.write(trx, actor, {
          action: 'stats.report.create',
          resource: 'stats-report',
          resourceId: id,
          detail: { kind, from: period.from, to: period.to },
        });
      return row;
    });
    if (inserted) return { report: toReport(inserted), created: true };
    return make(actor, kind, period);
  }

  async function create(principal: Principal, body: StatsReportBody): Promise<StatsReport> {
    requireRole(principal, REPORT_WRITE_ROLES, 'Making a report');
    const today = figures.today();
    let period: Period;
    if (body.from && body.to) {
      try {
        period = customPeriod(body.from, body.to);
      } catch (e) {
        throw invalid('/to', (e as Error).message);
      }
      if (period.to >= today) throw invalid('/to', 'must be a day that has ended (before today)');
    } else period = body.kind === 'weekly' ? lastEndedWeek(today) : lastEndedMonth(today);
    return (await make(principal, body.kind, period)).report;
  }

  async function list(principal: Principal): Promise<StatsReportList> {
    requireRole(principal, READ_ACCESS.stats, 'Reading reports');
    const rows = await db
      .selectFrom('stats_reports')
      .select(['id', 'kind', 'date_from', 'date_to', 'title', 'created_at'])
      .where('tenant_code', '=', principal.tenantCode)
      .orderBy('date_to', 'desc')
      .orderBy('kind')
      .execute();
    return { items: rows.map(toReport), total: rows.length };
  }

  async function stored(principal: Principal, id: string) {
    requireRole(principal, READ_ACCESS.stats, 'Reading reports');
    const row = await db
      .selectFrom('stats_reports')
      .selectAll()
      .where('tenant_code', '=', principal.tenantCode)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw new DomainError('not-found', 'Not found', `Report "${id}" does not exist.`);
    return row;
  }

  async function file(principal: Principal, id: string, format: 'pdf' | 'xlsx') {
    const row = await stored(principal, id);
    const c = (typeof row.content === 'string' ? JSON.parse(row.content) : row.content) as ReportContent;
    let bytes: Buffer;
    if (format === 'xlsx') bytes = row.xlsx ? Buffer.from(row.xlsx) : await reportXlsx(c);
    else if (row.pdf) bytes = Buffer.from(row.pdf);
    else {
      // Printed on first request (Chromium may be absent where reports are made), then kept.
      bytes = await renderPdf(reportHtml(c), deps.chromiumPath);
      await db
        .updateTable('stats_reports')
        .set({ pdf: bytes })
        .where('tenant_code', '=', principal.tenantCode)
        .where('id', '=', id)
        .execute();
    }
    await audit.record(principal, {
      action: `stats.report.${format}`,
      resource: 'stats-report',
      resourceId: id,
    });
    return { bytes, fileName: `${row.kind}-${row.date_from}_${row.date_to}.${format}`, title: row.title };
  }

  /** The sweep: the report of the last ended week and month, each made once. */
  async function sweep(tenant: string): Promise<number> {
    const today = figures.today();
    const actor = { tenantCode: tenant, userId: 'system:stats', username: 'system' };
    let made = 0;
    for (const [kind, period] of [
      ['weekly', lastEndedWeek(today)],
      ['monthly', lastEndedMonth(today)],
    ] as const)
      if ((await make(actor, kind, period)).created) made++;
    return made;
  }

  return { create, list, file, sweep, content };
}

export type StatsReports = ReturnType<typeof createStatsReports>;
