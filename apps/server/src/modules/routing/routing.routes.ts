import {
  roadClosure,
  roadClosureBody,
  roadClosureList,
  roadClosureParams,
  routingIsochrone,
  routingIsochroneQuery,
  routingRoads,
  routingRoute,
  routingRouteQuery,
} from '@ronghui/contracts';
import { z } from 'zod';
import { requireUser } from '../../platform/auth/guard.ts';
import type { App } from '../../platform/http/app-types.ts';
import type { RoutingService } from './routing.service.ts';

export function registerRoutingRoutes(app: App, routing: RoutingService) {
  app.get(
    '/api/routing/route',
    {
      schema: {
        tags: ['routing'],
        summary: 'Fastest car route between two positions, with live closures',
        querystring: routingRouteQuery,
        response: { 200: routingRoute },
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
        querystring: routingIsochroneQuery,
        response: { 200: routingIsochrone },
      },
    },
    async (request) => routing.isochrone(requireUser(request), request.query),
  );
  app.get(
    '/api/routing/roads',
    {
      schema: {
        tags: ['routing'],
        summary: 'The road network for the map (GeoJSON LineStrings)',
        response: { 200: routingRoads },
      },
    },
    async (request) => routing.roads(requireUser(request)),
  );
  app.get(
    '/api/routing/closures',
    {
      schema: {
        tags: ['routing'],
        summary: 'Active road closures and slow-downs',
        response: { 200: roadClosureList },
      },
    },
    async (request) => {
      const items = routing.listClosures(requireUser(request));
      return { items, total: items.length };
    },
  );
  app.post(
    '/api/routing/closures',
    {
      schema: {
        tags: ['routing'],
        summary: 'Close or slow roads (by edges, a circle or a line)',
        body: roadClosureBody,
        response: { 201: roadClosure },
      },
    },
    async (request, reply) => {
      const created = await routing.addClosure(requireUser(request), request.body);
      return reply.code(201).send(created);
    },
  );
  app.delete(
    '/api/routing/closures/:id',
    {
      schema: {
        tags: ['routing'],
        summary: 'Reopen a road',
        params: roadClosureParams,
        response: { 204: z.null().describe('reopened') },
      },
    },
    async (request, reply) => {
      await routing.removeClosure(requireUser(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
}
