import { z } from 'zod';
import { requireUser } from '../../platform/auth/guard.ts';
import type { App } from '../../platform/http/app-types.ts';
import type { CoverageService } from './coverage.service.ts';

const lngLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const geometry = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Point'), coordinates: lngLat }).strict(),
  z.object({ type: z.literal('LineString'), coordinates: z.array(lngLat).min(2).max(5_000) }).strict(),
  z
    .object({
      type: z.literal('Polygon'),
      coordinates: z.array(z.array(lngLat).min(4).max(5_000)).min(1).max(50),
    })
    .strict(),
]);
const planBody = z
  .object({
    kind: z.enum(['guard-point', 'patrol-line', 'control-area']),
    name: z.string().trim().min(1).max(80),
    geometry,
    stationId: z.string().min(1).max(64),
    unitIds: z.array(z.string().min(1).max(64)).max(100).default([]),
    note: z.string().max(500).optional(),
  })
  .strict();
const planParams = z.object({ id: z.string().uuid('must be a patrol plan feature id (UUID)') }).strict();

export function registerCoverageRoutes(app: App, service: CoverageService) {
  app.get(
    '/api/coverage',
    {
      schema: {
        tags: ['dispatch'],
        summary:
          'Rapid-response circle: share of people and villages the available units reach in time, by area',
        querystring: z
          .object({
            minutes: z
              .string()
              .regex(/^\d{1,3}(,\d{1,3}){0,9}$/, 'comma-separated minutes, e.g. 3,5,10')
              .default('3,5,10'),
          })
          .strict(),
      },
    },
    async (request) =>
      service.coverage(
        requireUser(request),
        request.query.minutes
          .split(',')
          .map(Number)
          .filter((m) => m > 0),
      ),
  );
  app.get(
    '/api/patrol-plans',
    { schema: { tags: ['dispatch'], summary: '守点、巡线、控面 as GeoJSON' } },
    async (request) => service.listPlans(requireUser(request)),
  );
  app.post(
    '/api/patrol-plans',
    { schema: { tags: ['dispatch'], body: planBody } },
    async (request, reply) => {
      reply.status(201);
      return service.savePlan(requireUser(request), request.body);
    },
  );
  app.put(
    '/api/patrol-plans/:id',
    { schema: { tags: ['dispatch'], params: planParams, body: planBody } },
    async (request) => service.savePlan(requireUser(request), request.body, request.params.id),
  );
  app.delete(
    '/api/patrol-plans/:id',
    { schema: { tags: ['dispatch'], params: planParams } },
    async (request, reply) => {
      await service.deletePlan(requireUser(request), request.params.id);
      return reply.status(204).send();
    },
  );
}
