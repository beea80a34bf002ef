import { requireUser } from '../../platform/auth/guard.ts';
import type { App } from '../../platform/http/app-types.ts';
import { closureBody, closureParams, isochroneQuery, routeQuery } from './routing.schema.ts';
import type { RoutingService } from './routing.service.ts';

export function registerRoutingRoutes(app: App, routing: RoutingService) {
  app.get(
    '/api/routing/route',
    {
      schema: {
        tags: ['routing'],
        summary: 'Fastest car route between two positions, with live closures',
        querystring: routeQuery,
      },
    },
    async (request) => routing.route(requireUser(request), request.query),
  );
  app.get(
    '/api/routing/isochrone',
    {
      schema: {
        tags: ['routing'],
        summary: 'Areas reachable within N minutes (GeoJSON)',
        querystring: isochroneQuery,
      },
    },
    async (request) => routing.isochrone(requireUser(request), request.query),
  );
  app.get(
    '/api/routing/roads',
    { schema: { tags: ['routing'], summary: 'The road network for the map (GeoJSON LineStrings)' } },
    async (request) => routing.roads(requireUser(request)),
  );
  app.get(
    '/api/routing/closures',
    { schema: { tags: ['routing'], summary: 'Active road closures and slow-downs' } },
    async (request) => routing.listClosures(requireUser(request)),
  );
  app.post(
    '/api/routing/closures',
    {
      schema: {
        tags: ['routing'],
        summary: 'Close or slow roads (by edges, a circle or a line)',
        body: closureBody,
      },
    },
    async (request, reply) => {
      const created = await routing.addClosure(requireUser(request), request.body);
      return reply.code(201).send(created);
    },
  );
  app.delete(
    '/api/routing/closures/:id',
    { schema: { tags: ['routing'], summary: 'Reopen a road', params: closureParams } },
    async (request, reply) => {
      await routing.removeClosure(requireUser(request), request.params.id);
      return reply.code(204).send();
    },
  );
}
