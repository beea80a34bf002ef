import {
  backupRequestBody,
  commitStationRequestBody,
  createStationRequestsBody,
  declineStationRequestBody,
  directDispatchBody,
  dispatchIncidentParams,
  dispatchMetrics,
  dispatchMetricsQuery,
  escalateIncidentBody,
  incidentDetail,
  incidentTimerView,
  recommendations,
  recommendationsQuery,
  stationRequest,
  stationRequestList,
  stationRequestParams,
  unitAssignmentList,
} from '@ronghui/contracts';
import { requireUser } from '../../platform/auth/guard.ts';
import type { App } from '../../platform/http/app-types.ts';
import type { DispatchMetricsService } from './dispatch-metrics.ts';
import {
  presentAssignments,
  presentMetrics,
  presentRecommendations,
  presentRequest,
  presentRequestList,
  presentTimers,
} from './dispatch.presenter.ts';
import type { DispatchService } from './dispatch.service.ts';
import type { TimersService } from './timers.service.ts';

export function registerDispatchRoutes(app: App, dispatch: DispatchService, timers: TimersService) {
  app.get(
    '/api/incidents/:id/timers',
    {
      schema: {
        tags: ['dispatch'],
        summary: 'Time to dispatch, acknowledge, arrive; countdown to the arrival target; per unit',
        params: dispatchIncidentParams,
        response: { 200: incidentTimerView },
      },
    },
    async (request) => presentTimers(await timers.timers(requireUser(request), request.params.id)),
  );
  app.get(
    '/api/incidents/:id/recommendations',
    {
      schema: {
        tags: ['dispatch'],
        summary:
          'Units ranked by road ETA (live closures included), with the shortfall against the zone target',
        params: dispatchIncidentParams,
        querystring: recommendationsQuery,
        response: { 200: recommendations },
      },
    },
    async (request) => {
      const q = request.query;
      const result = await dispatch.recommendations(requireUser(request), request.params.id, {
        scope: q.scope,
        perStation: q.perStation,
        capabilities: q.capabilities ? q.capabilities.split(',').filter(Boolean) : undefined,
        allowLastUnit: q.allowLastUnit,
        limit: q.limit,
      });
      return presentRecommendations(result);
    },
  );
  app.post(
    '/api/incidents/:id/requests',
    {
      schema: {
        tags: ['dispatch'],
        summary: 'Ask stations for units: one request per station ("area" = every station of the joint area)',
        params: dispatchIncidentParams,
        body: createStationRequestsBody,
        response: { 201: stationRequestList },
      },
    },
    async (request, reply) => {
      const created = await dispatch.createRequests(requireUser(request), request.params.id, request.body);
      reply.status(201);
      return presentRequestList(created);
    },
  );
  app.post(
    '/api/incidents/:id/backup',
    {
      schema: {
        tags: ['dispatch'],
        summary: 'Request backup (请求增援): the command rooms over the incident are alerted',
        params: dispatchIncidentParams,
        body: backupRequestBody,
        response: { 200: incidentDetail },
      },
    },
    async (request) => dispatch.requestBackup(requireUser(request), request.params.id, request.body),
  );
  app.post(
    '/api/incidents/:id/escalate',
    {
      schema: {
        tags: ['dispatch'],
        summary:
          'Refer the incident up to the county command centre (a joint area asking for cross-area support)',
        params: dispatchIncidentParams,
        body: escalateIncidentBody,
        response: { 200: incidentDetail },
      },
    },
    async (request) => dispatch.escalate(requireUser(request), request.params.id, request.body.reason),
  );
  app.get(
    '/api/incidents/:id/requests',
    {
      schema: {
        tags: ['dispatch'],
        summary: "The incident's request board",
        params: dispatchIncidentParams,
        response: { 200: stationRequestList },
      },
    },
    async (request) => presentRequestList(await dispatch.board(requireUser(request), request.params.id)),
  );
  app.get(
    '/api/requests',
    {
      schema: {
        tags: ['dispatch'],
        summary: 'Open requests addressed to your station(s)',
        response: { 200: stationRequestList },
      },
    },
    async (request) => presentRequestList(await dispatch.openForMe(requireUser(request))),
  );
  app.post(
    '/api/requests/:id/commit',
    {
      schema: {
        tags: ['dispatch'],
        summary: 'The station commits named units: they go en route',
        params: stationRequestParams,
        body: commitStationRequestBody,
        response: { 200: stationRequest },
      },
    },
    async (request) =>
      presentRequest(await dispatch.commit(requireUser(request), request.params.id, request.body.unitIds)),
  );
  app.post(
    '/api/requests/:id/decline',
    {
      schema: {
        tags: ['dispatch'],
        summary: 'The station declines, saying why',
        params: stationRequestParams,
        body: declineStationRequestBody,
        response: { 200: stationRequest },
      },
    },
    async (request) =>
      presentRequest(await dispatch.decline(requireUser(request), request.params.id, request.body.reason)),
  );
  app.post(
    '/api/requests/:id/release',
    {
      schema: {
        tags: ['dispatch'],
        summary: 'Let the committed units go home',
        params: stationRequestParams,
        response: { 200: stationRequest },
      },
    },
    async (request) => presentRequest(await dispatch.release(requireUser(request), request.params.id)),
  );
  app.post(
    '/api/incidents/:id/dispatch',
    {
      schema: {
        tags: ['dispatch'],
        summary: 'Direct dispatch; answers every unit the incident has had, oldest first',
        params: dispatchIncidentParams,
        body: directDispatchBody,
        response: { 200: unitAssignmentList },
      },
    },
    async (request) =>
      presentAssignments(
        await dispatch.dispatch(requireUser(request), request.params.id, request.body.unitIds),
      ),
  );
  app.get(
    '/api/incidents/:id/units',
    {
      schema: {
        tags: ['dispatch'],
        summary: 'Every unit the incident has had (dispatched, released), oldest first',
        params: dispatchIncidentParams,
        response: { 200: unitAssignmentList },
      },
    },
    async (request) =>
      presentAssignments(await dispatch.assignments(requireUser(request), request.params.id)),
  );
}

export function registerDispatchMetricsRoute(app: App, metrics: DispatchMetricsService) {
  app.get(
    '/api/dispatch/metrics',
    {
      schema: {
        tags: ['dispatch'],
        summary: 'Response-time metrics by area and station for a period',
        querystring: dispatchMetricsQuery,
        response: { 200: dispatchMetrics },
      },
    },
    async (request) => presentMetrics(await metrics(requireUser(request), request.query)),
  );
}
