import { requireUser } from '../../platform/auth/guard.ts';
import type { App } from '../../platform/http/app-types.ts';
import {
  createIncidentBody,
  idempotencyHeaders,
  idParams,
  listQuery,
  mergeBody,
  revealBody,
  settingsBody,
  statusBody,
  suggestQuery,
  trendQuery,
} from './incidents.schema.ts';
import type { IncidentsService } from './incidents.service.ts';

const tags = ['incidents'];

export function registerIncidentsRoutes(app: App, incidents: IncidentsService) {
  app.post(
    '/api/incidents',
    { schema: { tags, body: createIncidentBody, headers: idempotencyHeaders } },
    async (request, reply) => {
      const result = await incidents.create(
        requireUser(request),
        request.body,
        request.headers['idempotency-key'],
      );
      reply.status(result.replayed ? 200 : 201);
      return result.incident;
    },
  );
  app.get('/api/incidents', { schema: { tags, querystring: listQuery } }, async (request) =>
    incidents.list(requireUser(request), request.query),
  );
  app.get(
    '/api/incidents/address-suggestions',
    {
      schema: {
        tags,
        summary:
          'Intake autocomplete: gazetteer entries (township, village, named place) for a typed address',
        querystring: suggestQuery,
      },
    },
    async (request) => incidents.suggestAddresses(requireUser(request), request.query.q, request.query.limit),
  );
  app.get(
    '/api/incidents/trend',
    {
      schema: {
        tags,
        summary: '比降: incidents per day against the same days last year, in total and by kind',
        querystring: trendQuery,
      },
    },
    async (request) => incidents.trend(requireUser(request), request.query),
  );
  app.get('/api/incidents/settings', { schema: { tags } }, async (request) =>
    incidents.settings(requireUser(request)),
  );
  app.put('/api/incidents/settings', { schema: { tags, body: settingsBody } }, async (request) =>
    incidents.updateSettings(requireUser(request), request.body),
  );
  app.get('/api/incidents/:id', { schema: { tags, params: idParams } }, async (request) =>
    incidents.get(requireUser(request), request.params.id),
  );
  app.get('/api/incidents/:id/eido', { schema: { tags, params: idParams } }, async (request) =>
    incidents.eido(requireUser(request), request.params.id),
  );
  app.post(
    '/api/incidents/:id/status',
    { schema: { tags, params: idParams, body: statusBody } },
    async (request) => incidents.changeStatus(requireUser(request), request.params.id, request.body),
  );
  app.post(
    '/api/incidents/:id/merge',
    { schema: { tags, params: idParams, body: mergeBody } },
    async (request) => incidents.merge(requireUser(request), request.params.id, request.body.into),
  );
  app.post(
    '/api/incidents/:id/reveal',
    { schema: { tags, params: idParams, body: revealBody } },
    async (request) =>
      incidents.reveal(requireUser(request), request.params.id, request.body.field, request.body.reason),
  );
}
