import {
  coverageQuery,
  coverageReport,
  patrolPlanBody,
  patrolPlanFeature,
  patrolPlanList,
  patrolPlanParams,
} from '@ronghui/contracts';
import { z } from 'zod';
import { requireUser } from '../../platform/auth/guard.ts';
import type { App } from '../../platform/http/app-types.ts';
import type { CoverageService } from './coverage.service.ts';
import { presentCoverage, presentPlan, presentPlanList } from './dispatch.presenter.ts';

export function registerCoverageRoutes(app: App, service: CoverageService) {
  app.get(
    '/api/coverage',
    {
      schema: {
        tags: ['dispatch'],
        summary:
          'Rapid-response circle: share of people and villages the available units reach in time, by area',
        querystring: coverageQuery,
        response: { 200: coverageReport },
      },
    },
    async (request) => {
      const minutes = request.query.minutes
        .split(',')
        .map(Number)
        .filter((m) => m > 0);
      return presentCoverage(await service.coverage(requireUser(request), minutes));
    },
  );
  app.get(
    '/api/patrol-plans',
    {
      schema: {
        tags: ['dispatch'],
        summary: '守点、巡线、控面: plan features (GeoJSON) of the stations in your scope',
        response: { 200: patrolPlanList },
      },
    },
    async (request) => presentPlanList(await service.listPlans(requireUser(request))),
  );
  app.post(
    '/api/patrol-plans',
    { schema: { tags: ['dispatch'], body: patrolPlanBody, response: { 201: patrolPlanFeature } } },
    async (request, reply) => {
      const saved = await service.savePlan(requireUser(request), request.body);
      reply.status(201);
      return presentPlan(saved);
    },
  );
  app.put(
    '/api/patrol-plans/:id',
    {
      schema: {
        tags: ['dispatch'],
        params: patrolPlanParams,
        body: patrolPlanBody,
        response: { 200: patrolPlanFeature },
      },
    },
    async (request) =>
      presentPlan(await service.savePlan(requireUser(request), request.body, request.params.id)),
  );
  app.delete(
    '/api/patrol-plans/:id',
    {
      schema: {
        tags: ['dispatch'],
        params: patrolPlanParams,
        response: { 204: z.null().describe('deleted') },
      },
    },
    async (request, reply) => {
      await service.deletePlan(requireUser(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
