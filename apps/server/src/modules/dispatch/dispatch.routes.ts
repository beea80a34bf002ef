import { z } from 'zod';
import { requireUser } from '../../platform/auth/guard.ts';
import type { App } from '../../platform/http/app-types.ts';
import type { DispatchService } from './dispatch.service.ts';
import type { TimersService } from './timers.service.ts';

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits, . _ : -');
const incidentParams = z.object({ id }).strict();
const requestParams = z.object({ id: z.string().uuid('must be a request id (UUID)') }).strict();
const unitIds = z.array(id).min(1).max(50);
const bool = z.enum(['true', 'false']).transform((v) => v === 'true');

export function registerDispatchRoutes(app: App, dispatch: DispatchService, timers: TimersService) {
  app.get(
    '/api/incidents/:id/timers',
    {
      schema: {
        tags: ['dispatch'],
        summary: 'Time to dispatch, acknowledge, arrive; countdown to the arrival target; per unit',
        params: incidentParams,
      },
    },
    async (request) => timers.timers(requireUser(request), request.params.id),
  );
  app.get(
    '/api/incidents/:id/recommendations',
    {
      schema: {
        tags: ['dispatch'],
        summary:
          'Units ranked by road ETA (live closures included), with the shortfall against the zone target',
        params: incidentParams,
        querystring: z
          .object({
            scope: z.enum(['area', 'county']).default('area'),
            per_station: z.coerce.number().int().min(1).max(20).optional(),
            capabilities: z
              .string()
              .max(200)
              .regex(/^[a-z0-9,-]*$/)
              .optional(),
            allow_last_unit: bool.optional(),
            limit: z.coerce.number().int().min(1).max(500).default(50),
          })
          .strict(),
      },
    },
    async (request) => {
      const q = request.query;
      return dispatch.recommendations(requireUser(request), request.params.id, {
        scope: q.scope,
        perStation: q.per_station,
        capabilities: q.capabilities ? q.capabilities.split(',').filter(Boolean) : undefined,
        allowLastUnit: q.allow_last_unit,
        limit: q.limit,
      });
    },
  );
  app.post(
    '/api/incidents/:id/requests',
    {
      schema: {
        tags: ['dispatch'],
        summary: 'Ask stations for units: one request per station ("area" = every station of the joint area)',
        params: incidentParams,
        body: z
          .object({
            stations: z.union([z.literal('area'), z.array(id).min(1).max(50)]),
            per_station: z.number().int().min(1).max(50),
            note: z.string().max(500).optional(),
          })
          .strict(),
      },
    },
    async (request, reply) => {
      const b = request.body;
      reply.status(201);
      return dispatch.createRequests(requireUser(request), request.params.id, {
        stations: b.stations,
        perStation: b.per_station,
        note: b.note,
      });
    },
  );
  app.post(
    '/api/incidents/:id/escalate',
    {
      schema: {
        tags: ['dispatch'],
        summary:
          'Refer the incident up to the county command centre (a joint area asking for cross-area support)',
        params: incidentParams,
        body: z.object({ reason: z.string().trim().min(2).max(500) }).strict(),
      },
    },
    async (request) => dispatch.escalate(requireUser(request), request.params.id, request.body.reason),
  );
  app.get(
    '/api/incidents/:id/requests',
    { schema: { tags: ['dispatch'], params: incidentParams } },
    async (request) => dispatch.board(requireUser(request), request.params.id),
  );
  app.get(
    '/api/requests',
    { schema: { tags: ['dispatch'], summary: 'Open requests addressed to your station(s)' } },
    async (request) => dispatch.openForMe(requireUser(request)),
  );
  app.post(
    '/api/requests/:id/commit',
    { schema: { tags: ['dispatch'], params: requestParams, body: z.object({ unit_ids: unitIds }).strict() } },
    async (request) => dispatch.commit(requireUser(request), request.params.id, request.body.unit_ids),
  );
  app.post(
    '/api/requests/:id/decline',
    {
      schema: {
        tags: ['dispatch'],
        params: requestParams,
        body: z.object({ reason: z.string().trim().min(2).max(500) }).strict(),
      },
    },
    async (request) => dispatch.decline(requireUser(request), request.params.id, request.body.reason),
  );
  app.post(
    '/api/requests/:id/release',
    { schema: { tags: ['dispatch'], params: requestParams } },
    async (request) => dispatch.release(requireUser(request), request.params.id),
  );
  app.post(
    '/api/incidents/:id/dispatch',
    {
      schema: { tags: ['dispatch'], params: incidentParams, body: z.object({ unit_ids: unitIds }).strict() },
    },
    async (request) => dispatch.dispatch(requireUser(request), request.params.id, request.body.unit_ids),
  );
}
