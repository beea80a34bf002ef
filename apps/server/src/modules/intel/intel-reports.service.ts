import { CHINA_OFFSET_MS } from '@ronghui/geo';
import { randomUUID } from 'node:crypto';
import type {
  IntelReport,
  IntelReportCreateBody,
  IntelReportEditBody,
  IntelReportFigure,
  IntelReportList,
  IntelReportParams,
  IntelReportSection,
} from '@ronghui/contracts';
import { aoristicHeat, DAY_MS } from '@ronghui/intel';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { canReach } from '../../platform/auth/guard.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { EventBus } from '../../platform/bus/bus.ts';
import { enqueue } from '../../platform/bus/outbox.ts';
import type { Clock } from '../../platform/clock.ts';
import { invalid, notFound } from '../../platform/http/errors.ts';
import type { IntelAnalysisService } from './intel-analysis.service.ts';
import type { IntelLinkageService } from './intel-linkage.service.ts';
import type { IntelReportsRepo, ReportRow } from './intel-reports.repo.ts';
import { type IntelScope, presentCrime } from './intel-scope.ts';
import { reportSections } from './report-content.ts';
import { renderReportHtml } from './report-html.ts';
import { reportFigures } from './report-figures.ts';
import { shanghaiDate } from './report-model.ts';
import { renderPdf } from './report-pdf.ts';

/** The intel_reports row → JSON presenter (`intelReport` in the contract); the JSON columns as stored. */
const present = (r: ReportRow): IntelReport => ({
  id: r.id,
  title: r.title,
  params: r.params as IntelReportParams,
  sections: r.sections as IntelReportSection[],
  figures: r.figures as IntelReportFigure[],
  createdBy: r.created_by,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

/** 研判报告: assembled from the analyses, stored, edited by analysts, printed to HTML and PDF. */
export function createIntelReportsService(deps: {
  scope: IntelScope;
  repo: IntelReportsRepo;
  analysis: IntelAnalysisService;
  linkage: IntelLinkageService;
  audit: AuditService;
  bus: EventBus;
  clock: Clock;
  chromiumPath?: string | undefined;
}) {
  const { scope, repo, analysis, linkage, audit, bus, clock } = deps;
  const { db } = scope;

  async function load(principal: Principal, id: string) {
    scope.read(principal, 'Reading analysis reports');
    const row = await repo.findReport(db, principal.tenantCode, id);
    if (!row || !(await visible(principal, row))) throw notFound('report', id);
    return present(row);
  }

  /** A report drawn from a whole county's records is read only by those who see the whole county. */
  async function visible(principal: Principal, row: ReportRow): Promise<boolean> {
    if (principal.scopeKind === 'tenant') return true;
    const scopeOrgId = typeof row.params.scopeOrgId === 'string' ? row.params.scopeOrgId : null;
    if (!scopeOrgId) return false;
    return canReach(principal, (await scope.orgs.lookup(principal.tenantCode, scopeOrgId))?.path ?? []);
  }

  async function tenantName(principal: Principal) {
    const dir = await scope.orgs.directory(principal.tenantCode);
    return dir.root()?.name ?? principal.tenantCode;
  }

  async function html(principal: Principal, id: string) {
    const report = await load(principal, id);
    const demo = await repo.isDemoTenant(db, principal.tenantCode);
    return renderReportHtml(report, await tenantName(principal), demo);
  }

  return {
    async create(principal: Principal, input: IntelReportCreateBody): Promise<IntelReport> {
      scope.write(principal, 'Writing analysis reports');
      const all = await scope.load(principal, { orgId: input.area, category: input.category });
      const end =
        input.to ??
        new Date(Math.ceil(Math.max(0, ...all.map((r) => r.occurred_to.getTime())) / DAY_MS) * DAY_MS);
      const start = input.from ?? new Date(end.getTime() - 365 * DAY_MS);
      if (start >= end) throw invalid('/from', 'from must be before to');
      const records = all.filter((r) => r.occurred_to >= start && r.occurred_from < end);
      const series = input.seriesId ? await linkage.getSeries(principal, input.seriesId) : null;
      const scopeQuery = { area: input.area, category: input.category };
      const trend = await analysis.trend(principal, {
        ...scopeQuery,
        end,
        windowDays: 28,
        baseline: 6,
        by: 'station',
        test: 'conditional-binomial',
        alpha: 0.05,
      });
      const forecastDays = 28;
      const hot = await analysis.hotspots(principal, {
        ...scopeQuery,
        method: 'kde',
        cellMeters: 250,
        from: start,
        to: new Date(end.getTime() - forecastDays * DAY_MS),
        forecastDays,
        areaShare: 0.02,
      });
      const context = await scope.context(principal.tenantCode);
      const flagged = hot.features.filter((f) => f.properties.flagged);
      const villages = [
        ...new Set(
          flagged.map((f) => {
            const [lon, lat] = f.geometry.coordinates[0]?.[0] ?? [0, 0];
            return context.place(lon, lat).villageName;
          }),
        ),
      ].filter(Boolean);
      const subject = series?.members.length ? series.members : records.map(presentCrime);
      const subjectRecords = subject.map((m) => ({
        occurredFrom: new Date(m.occurredFrom).getTime(),
        occurredTo: new Date(m.occurredTo).getTime(),
      }));
      const heat = aoristicHeat(subjectRecords, CHINA_OFFSET_MS)[0]?.cells ?? [];
      const stations = [
        ...new Set(
          await Promise.all(
            (series?.members ?? []).map((m) => scope.orgName(principal.tenantCode, m.stationId)),
          ),
        ),
      ];
      const sections = reportSections({
        scopeName: input.area
          ? await scope.orgName(principal.tenantCode, input.area)
          : await tenantName(principal),
        from: start,
        to: end,
        records: records.map(presentCrime),
        series: series && {
          id: series.id,
          name: series.name,
          members: series.members,
          explanation: series.explanation.zh,
          stations,
        },
        heat,
        heatOf: series ? 'series' : 'all',
        trend: {
          testName: trend.testName,
          windowDays: trend.windowDays,
          baseline: trend.baselineWindows,
          up: trend.areas
            .filter((a) => a.significant)
            .map((a) => ({ name: a.name, recent: a.recent, mean: a.baselineMean, p: a.p })),
        },
        hotspots: {
          method: hot.method,
          cellM: hot.cellMeters,
          flaggedCells: hot.forecast.flaggedCells,
          areaSharePct: hot.forecast.areaShare * 100,
          villages: villages.slice(0, 6),
          pai: hot.forecast.pai,
          pei: hot.forecast.pei,
          n: hot.forecast.flaggedCrimes,
          N: hot.forecast.studyCrimes,
          forecastFrom: shanghaiDate(hot.forecast.from),
          forecastTo: shanghaiDate(hot.forecast.to),
        },
      });
      const dir = await scope.orgs.directory(principal.tenantCode);
      const figures = reportFigures({
        outline: dir.root()?.boundary ?? null,
        hot,
        villages,
        place: (lon, lat) => context.place(lon, lat).villageName,
        series,
        heat,
        subjectIds: subject.map((m) => m.id),
        scopeQuery,
      });
      const now = clock.now();
      const params: IntelReportParams = {
        ...input,
        from: start.toISOString(),
        to: end.toISOString(),
        scopeOrgId: principal.scopeKind === 'tenant' ? null : principal.orgId,
      };
      const row: ReportRow = {
        tenant_code: principal.tenantCode,
        id: `RPT-${randomUUID().slice(0, 8)}`,
        title: input.title ?? `${shanghaiDate(end)} 入户盗窃警情研判报告`,
        params,
        sections,
        figures,
        created_by: principal.displayName,
        created_at: now,
        updated_at: now,
      };
      await db.transaction().execute(async (trx) => {
        await repo.insertReport(trx, row);
        await audit.write(trx, principal, {
          action: 'intel.report.create',
          resource: 'intel_report',
          resourceId: row.id,
          detail: { params: row.params },
        });
        await enqueue(trx, principal.tenantCode, 'intel.changed', {
          change: 'report-saved',
          id: row.id,
          count: 1,
        });
      });
      bus.kick();
      return present(row);
    },

    get: load,

    async list(principal: Principal): Promise<IntelReportList> {
      scope.read(principal, 'Reading analysis reports');
      const all = await repo.listReports(db, principal.tenantCode);
      const seen = await Promise.all(all.map((r) => visible(principal, r)));
      const rows = all.filter((_, k) => seen[k]);
      const items = rows.map((r) => {
        const { id, title, createdBy, createdAt, updatedAt } = present(r);
        return { id, title, createdBy, createdAt, updatedAt };
      });
      return { items, total: items.length };
    },

    async edit(principal: Principal, id: string, patch: IntelReportEditBody): Promise<IntelReport> {
      scope.write(principal, 'Editing analysis reports');
      const report = await load(principal, id);
      const known = new Set(report.sections.map((s) => s.key));
      const unknown = patch.sections.find((s) => !known.has(s.key));
      if (unknown)
        throw invalid(
          '/sections',
          `no section "${unknown.key}" in this report (sections: ${[...known].join(', ')})`,
        );
      const texts = new Map(patch.sections.map((s) => [s.key, s.text]));
      const sections = report.sections.map((s) => ({ ...s, text: texts.get(s.key) ?? s.text }));
      const title = patch.title ?? report.title;
      await db.transaction().execute(async (trx) => {
        await repo.updateReport(trx, principal.tenantCode, id, { title, sections }, clock.now());
        await audit.write(trx, principal, {
          action: 'intel.report.edit',
          resource: 'intel_report',
          resourceId: id,
          detail: { sections: [...texts.keys()] },
        });
        await enqueue(trx, principal.tenantCode, 'intel.changed', { change: 'report-saved', id, count: 1 });
      });
      bus.kick();
      return load(principal, id);
    },

    async html(principal: Principal, id: string): Promise<string> {
      return html(principal, id);
    },

    async pdf(principal: Principal, id: string): Promise<Buffer> {
      const pdf = await renderPdf(await html(principal, id), deps.chromiumPath);
      await audit.record(principal, {
        action: 'intel.report.export',
        resource: 'intel_report',
        resourceId: id,
        detail: { format: 'pdf' },
      });
      return pdf;
    },
  };
}
export type IntelReportsService = ReturnType<typeof createIntelReportsService>;
