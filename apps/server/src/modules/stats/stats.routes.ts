import {
  statsClearance,
  statsClearanceBreakdown,
  statsClearanceBreakdownQuery,
  statsClearanceQuery,
  statsDrill,
  statsDrillQuery,
  statsIndicators,
  statsIndicatorsQuery,
  statsRankings,
  statsRankingsQuery,
  statsReport,
  statsReportBody,
  statsReportList,
  statsReportParams,
  statsSummary,
  statsSummaryQuery,
  statsYoy,
  statsYoyBreakdown,
  statsYoyBreakdownQuery,
  statsYoyQuery,
  surveyImportBody,
  surveyImportResult,
  surveyPeriodList,
  surveyQuery,
  surveyResult,
} from '@ronghui/contracts';
import { requireUser } from '../../platform/auth/guard.ts';
import type { App } from '../../platform/http/app-types.ts';
import type { StatsModule } from './stats.module.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function registerStatsRoutes(app: App, stats: StatsModule) {
  const tags = ['stats'];
  app.get(
    '/api/stats/yoy',
    {
      schema: {
        tags,
        summary: '比降: incidents this year against the same days last year',
        querystring: statsYoyQuery,
        response: { 200: statsYoy },
      },
    },
    async (request) => stats.figures.yoy(requireUser(request), request.query),
  );
  app.get(
    '/api/stats/yoy/breakdown',
    { schema: { tags, querystring: statsYoyBreakdownQuery, response: { 200: statsYoyBreakdown } } },
    async (request) => stats.figures.yoyBreakdown(requireUser(request), request.query),
  );
  app.get(
    '/api/stats/clearance',
    {
      schema: {
        tags,
        summary: '破案率: solved ÷ filed over the records filed in the year',
        querystring: statsClearanceQuery,
        response: { 200: statsClearance },
      },
    },
    async (request) => stats.figures.clearance(requireUser(request), request.query),
  );
  app.get(
    '/api/stats/clearance/breakdown',
    {
      schema: { tags, querystring: statsClearanceBreakdownQuery, response: { 200: statsClearanceBreakdown } },
    },
    async (request) => stats.figures.clearanceBreakdown(requireUser(request), request.query),
  );
  app.get(
    '/api/stats/indicators',
    { schema: { tags, querystring: statsIndicatorsQuery, response: { 200: statsIndicators } } },
    async (request) => stats.figures.indicators(requireUser(request), request.query),
  );
  app.get(
    '/api/stats/rankings',
    { schema: { tags, querystring: statsRankingsQuery, response: { 200: statsRankings } } },
    async (request) => stats.figures.rankings(requireUser(request), request.query),
  );
  app.get(
    '/api/stats/drill',
    {
      schema: {
        tags,
        summary: 'The records behind a figure',
        querystring: statsDrillQuery,
        response: { 200: statsDrill },
      },
    },
    async (request) => stats.figures.drill(requireUser(request), request.query),
  );
  app.get(
    '/api/stats/summary',
    { schema: { tags, querystring: statsSummaryQuery, response: { 200: statsSummary } } },
    async (request) => stats.summary(requireUser(request), request.query.year),
  );
  app.post(
    '/api/stats/surveys/import',
    {
      bodyLimit: 20 * 1024 * 1024,
      schema: {
        tags,
        summary:
          'Import 三率 results (XLSX or CSV); any bad line rejects the file, reported by line and field',
        body: surveyImportBody,
        response: { 200: surveyImportResult },
      },
    },
    async (request) => stats.surveys.importFile(requireUser(request), request.body),
  );
  app.get(
    '/api/stats/surveys/periods',
    { schema: { tags, response: { 200: surveyPeriodList } } },
    async (request) => stats.surveys.periods(requireUser(request)),
  );
  app.get(
    '/api/stats/surveys',
    { schema: { tags, querystring: surveyQuery, response: { 200: surveyResult } } },
    async (request) => stats.surveys.get(requireUser(request), request.query.period),
  );
  app.get('/api/stats/reports', { schema: { tags, response: { 200: statsReportList } } }, async (request) =>
    stats.reports.list(requireUser(request)),
  );
  app.post(
    '/api/stats/reports',
    { schema: { tags, body: statsReportBody, response: { 201: statsReport } } },
    async (request, reply) =>
      reply.status(201).send(await stats.reports.create(requireUser(request), request.body)),
  );
  for (const format of ['pdf', 'xlsx'] as const)
    app.get(
      `/api/stats/reports/:id/${format}`,
      {
        schema: { tags, params: statsReportParams, produces: [format === 'pdf' ? 'application/pdf' : XLSX] },
      },
      async (request, reply) => {
        const file = await stats.reports.file(requireUser(request), request.params.id, format);
        return reply
          .type(format === 'pdf' ? 'application/pdf' : XLSX)
          .header('content-disposition', `attachment; filename="${file.fileName}"`)
          .send(file.bytes);
      },
    );
}
