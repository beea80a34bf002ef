import { z } from 'zod';
import { requireUser } from '../../platform/auth/guard.ts';
import type { App } from '../../platform/http/app-types.ts';
import type { IntelModule } from './index.ts';
import {
  candidatesQuery,
  createReportBody,
  editReportBody,
  growBody,
  hotspotsQuery,
  heatQuery,
  nearRepeatQuery,
  recordParams,
  recordsQuery,
  reportIdParams,
  reportParams,
  seriesParams,
  trendQuery,
  verdictBody,
} from './intel.schema.ts';

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
        body: z.string({ message: 'send the CSV file as the body with Content-Type: text/csv' }).min(1),
      },
    },
    async (request) => intel.records.importCsv(requireUser(request), request.body),
  );
  app.get('/api/intel/records', { schema: { tags, querystring: recordsQuery } }, async (request) =>
    intel.records.list(requireUser(request), request.query),
  );
  app.get(
    '/api/intel/records/:id/candidates',
    { schema: { tags, params: recordParams, querystring: candidatesQuery } },
    async (request) => intel.linkage.candidates(requireUser(request), request.params.id, request.query.k),
  );
  app.get('/api/intel/series', { schema: { tags } }, async (request) =>
    intel.linkage.listSeries(requireUser(request)),
  );
  app.get('/api/intel/series/:id', { schema: { tags, params: seriesParams } }, async (request) =>
    intel.linkage.getSeries(requireUser(request), request.params.id),
  );
  app.post('/api/intel/series', { schema: { tags, body: growBody } }, async (request, reply) => {
    reply.status(201);
    return intel.linkage.grow(requireUser(request), request.body);
  });
  app.post(
    '/api/intel/series/:id/confirm',
    { schema: { tags, params: seriesParams, body: verdictBody } },
    async (request) => intel.linkage.confirm(requireUser(request), request.params.id, request.body.recordId),
  );
  app.post(
    '/api/intel/series/:id/reject',
    { schema: { tags, params: seriesParams, body: verdictBody } },
    async (request) => intel.linkage.reject(requireUser(request), request.params.id, request.body.recordId),
  );
  app.get('/api/intel/weights', { schema: { tags } }, async (request) =>
    intel.linkage.weights(requireUser(request)),
  );
  app.get('/api/intel/trend', { schema: { tags, querystring: trendQuery } }, async (request) =>
    intel.analysis.trend(requireUser(request), request.query),
  );
  app.get('/api/intel/hotspots', { schema: { tags, querystring: hotspotsQuery } }, async (request) =>
    intel.analysis.hotspots(requireUser(request), request.query),
  );
  app.get('/api/intel/near-repeat', { schema: { tags, querystring: nearRepeatQuery } }, async (request) =>
    intel.analysis.nearRepeat(requireUser(request), request.query),
  );
  app.get('/api/intel/heat', { schema: { tags, querystring: heatQuery } }, async (request) =>
    intel.analysis.heat(requireUser(request), request.query),
  );
  app.get('/api/intel/reports', { schema: { tags } }, async (request) =>
    intel.reports.list(requireUser(request)),
  );
  app.post('/api/intel/reports', { schema: { tags, body: createReportBody } }, async (request, reply) => {
    reply.status(201);
    return intel.reports.create(requireUser(request), request.body);
  });
  app.put(
    '/api/intel/reports/:id',
    { schema: { tags, params: reportIdParams, body: editReportBody } },
    async (request) => intel.reports.edit(requireUser(request), request.params.id, request.body),
  );
  // One route for the report as JSON, printable HTML (`RPT-….html`) and PDF (`RPT-….pdf`).
  app.get('/api/intel/reports/:id', { schema: { tags, params: reportParams } }, async (request, reply) => {
    const principal = requireUser(request);
    const [id, format] = request.params.id.split('.') as [string, string | undefined];
    if (format === 'html')
      return reply.type('text/html; charset=utf-8').send(await intel.reports.html(principal, id));
    if (format === 'pdf') {
      const pdf = await intel.reports.pdf(principal, id);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${id}.pdf"`)
        .send(pdf);
    }
    return intel.reports.get(principal, id);
  });
}
