import {
  crimeCsvBody,
  crimeImportResult,
  crimeLinkCandidates,
  crimeLinkCandidatesQuery,
  crimeLinkWeights,
  crimeRecordList,
  crimeRecordParams,
  crimeRecordsQuery,
  crimeSeries,
  crimeSeriesGrowBody,
  crimeSeriesList,
  crimeSeriesParams,
  crimeSeriesVerdictBody,
  grownCrimeSeries,
  intelHeat,
  intelHeatQuery,
  intelHotspots,
  intelHotspotsQuery,
  intelNearRepeat,
  intelNearRepeatQuery,
  intelReport,
  intelReportCreateBody,
  intelReportEditBody,
  intelReportFileParams,
  intelReportIdParams,
  intelReportList,
  intelTrend,
  intelTrendQuery,
} from '@ronghui/contracts';
import type { FastifyReply } from 'fastify';
import { requireUser } from '../../platform/auth/guard.ts';
import type { App } from '../../platform/http/app-types.ts';
import type { IntelModule } from './intel.module.ts';

/** A CSV import of a few tens of thousands of records fits; anything bigger is split by the sender. */
export const CSV_BODY_LIMIT = 8 * 1024 * 1024;

export function registerIntelRoutes(app: App, intel: IntelModule) {
  const tags = ['intel'];
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: CSV_BODY_LIMIT }, (_r, body, done) =>
    done(null, body),
  );
  app.post(
    '/api/intel/records/import',
    {
      bodyLimit: CSV_BODY_LIMIT,
      schema: {
        tags,
        consumes: ['text/csv'],
        body: crimeCsvBody,
        response: { 200: crimeImportResult },
      },
    },
    async (request) => intel.records.importCsv(requireUser(request), request.body),
  );
  app.get(
    '/api/intel/records',
    { schema: { tags, querystring: crimeRecordsQuery, response: { 200: crimeRecordList } } },
    async (request) => intel.records.list(requireUser(request), request.query),
  );
  app.get(
    '/api/intel/records/:id/candidates',
    {
      schema: {
        tags,
        params: crimeRecordParams,
        querystring: crimeLinkCandidatesQuery,
        response: { 200: crimeLinkCandidates },
      },
    },
    async (request) => intel.linkage.candidates(requireUser(request), request.params.id, request.query.k),
  );
  app.get('/api/intel/series', { schema: { tags, response: { 200: crimeSeriesList } } }, async (request) =>
    intel.linkage.listSeries(requireUser(request)),
  );
  app.get(
    '/api/intel/series/:id',
    { schema: { tags, params: crimeSeriesParams, response: { 200: crimeSeries } } },
    async (request) => intel.linkage.getSeries(requireUser(request), request.params.id),
  );
  app.post(
    '/api/intel/series',
    { schema: { tags, body: crimeSeriesGrowBody, response: { 201: grownCrimeSeries } } },
    async (request, reply) => {
      reply.status(201);
      return intel.linkage.grow(requireUser(request), request.body);
    },
  );
  app.post(
    '/api/intel/series/:id/confirm',
    {
      schema: {
        tags,
        params: crimeSeriesParams,
        body: crimeSeriesVerdictBody,
        response: { 200: crimeSeries },
      },
    },
    async (request) => intel.linkage.confirm(requireUser(request), request.params.id, request.body.recordId),
  );
  app.post(
    '/api/intel/series/:id/reject',
    {
      schema: {
        tags,
        params: crimeSeriesParams,
        body: crimeSeriesVerdictBody,
        response: { 200: crimeSeries },
      },
    },
    async (request) => intel.linkage.reject(requireUser(request), request.params.id, request.body.recordId),
  );
  // null until the tenant's weights are first learned.
  app.get(
    '/api/intel/weights',
    { schema: { tags, response: { 200: crimeLinkWeights.nullable() } } },
    async (request) => intel.linkage.weights(requireUser(request)),
  );
  app.get(
    '/api/intel/trend',
    { schema: { tags, querystring: intelTrendQuery, response: { 200: intelTrend } } },
    async (request) => intel.analysis.trend(requireUser(request), request.query),
  );
  app.get(
    '/api/intel/hotspots',
    { schema: { tags, querystring: intelHotspotsQuery, response: { 200: intelHotspots } } },
    async (request) => intel.analysis.hotspots(requireUser(request), request.query),
  );
  app.get(
    '/api/intel/near-repeat',
    { schema: { tags, querystring: intelNearRepeatQuery, response: { 200: intelNearRepeat } } },
    async (request) => intel.analysis.nearRepeat(requireUser(request), request.query),
  );
  app.get(
    '/api/intel/heat',
    { schema: { tags, querystring: intelHeatQuery, response: { 200: intelHeat } } },
    async (request) => intel.analysis.heat(requireUser(request), request.query),
  );
  app.get('/api/intel/reports', { schema: { tags, response: { 200: intelReportList } } }, async (request) =>
    intel.reports.list(requireUser(request)),
  );
  app.post(
    '/api/intel/reports',
    { schema: { tags, body: intelReportCreateBody, response: { 201: intelReport } } },
    async (request, reply) => {
      reply.status(201);
      return intel.reports.create(requireUser(request), request.body);
    },
  );
  app.put(
    '/api/intel/reports/:id',
    {
      schema: {
        tags,
        params: intelReportIdParams,
        body: intelReportEditBody,
        response: { 200: intelReport },
      },
    },
    async (request) => intel.reports.edit(requireUser(request), request.params.id, request.body),
  );
  // One route for the report as JSON, printable HTML (`RPT-….html`) and PDF (`RPT-….pdf`).
  app.get(
    '/api/intel/reports/:id',
    {
      schema: {
        tags,
        params: intelReportFileParams,
        produces: ['application/json', 'text/html', 'application/pdf'],
        response: { 200: intelReport },
      },
    },
    async (request, reply) => {
      const principal = requireUser(request);
      const [id, format] = request.params.id.split('.') as [string, string | undefined];
      // HTML and PDF are sent as they are; the response schema types and serialises the JSON answer only.
      const file = reply as FastifyReply;
      if (format === 'html')
        return file.type('text/html; charset=utf-8').send(await intel.reports.html(principal, id));
      if (format === 'pdf') {
        const pdf = await intel.reports.pdf(principal, id);
        return file
          .type('application/pdf')
          .header('content-disposition', `inline; filename="${id}.pdf"`)
          .send(pdf);
      }
      return intel.reports.get(principal, id);
    },
  );
}
