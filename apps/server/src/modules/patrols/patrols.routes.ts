import {
  myPatrolTaskList,
  patrolCancelBody,
  patrolCheckInBody,
  patrolCheckOutBody,
  patrolFeatureOptions,
  patrolLive,
  patrolPointsBody,
  patrolPointsResult,
  patrolRun,
  patrolRunDetail,
  patrolRunParams,
  patrolTask,
  patrolTaskCreateBody,
  patrolTaskDetail,
  patrolTaskList,
  patrolTaskParams,
  patrolTaskQuery,
} from '@ronghui/contracts';
import { requireUser } from '../../platform/auth/guard.ts';
import type { App } from '../../platform/http/app-types.ts';
import type { PatrolsService } from './patrols.service.ts';

const tags = ['patrols'];

export function registerPatrolsRoutes(app: App, patrols: PatrolsService) {
  app.get(
    '/api/patrols/features',
    {
      schema: {
        tags,
        summary: 'Guard points, patrol lines and control areas a task may be set on (stations in scope)',
        response: { 200: patrolFeatureOptions },
      },
    },
    async (request) => patrols.features(requireUser(request)),
  );
  app.get(
    '/api/patrols/tasks',
    {
      schema: {
        tags,
        summary: "Patrol tasks by team, China date and status (a volunteer: their teams')",
        querystring: patrolTaskQuery,
        response: { 200: patrolTaskList },
      },
    },
    async (request) => patrols.listTasks(requireUser(request), request.query),
  );
  app.post(
    '/api/patrols/tasks',
    {
      schema: {
        tags,
        summary: "A team's patrol task on a plan feature within a window (memberIds empty: the whole team)",
        body: patrolTaskCreateBody,
        response: { 201: patrolTask },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await patrols.createTask(requireUser(request), request.body)),
  );
  app.get(
    '/api/patrols/tasks/:id',
    { schema: { tags, params: patrolTaskParams, response: { 200: patrolTaskDetail } } },
    async (request) => patrols.getTask(requireUser(request), request.params.id),
  );
  app.post(
    '/api/patrols/tasks/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel a task with a reason (runs under way end and are judged)',
        params: patrolTaskParams,
        body: patrolCancelBody,
        response: { 200: patrolTask },
      },
    },
    async (request) => patrols.cancelTask(requireUser(request), request.params.id, request.body),
  );
  app.post(
    '/api/patrols/tasks/:id/check-in',
    {
      schema: {
        tags,
        summary: 'Check in to a task: only on duty and consenting to location sharing (409 with a reason)',
        params: patrolTaskParams,
        body: patrolCheckInBody,
        response: { 201: patrolRun },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await patrols.checkIn(requireUser(request), request.params.id, request.body)),
  );
  app.get(
    '/api/patrols/mine',
    {
      schema: {
        tags,
        summary: "The volunteer's patrol tasks today with their own latest run",
        response: { 200: myPatrolTaskList },
      },
    },
    async (request) => patrols.mine(requireUser(request)),
  );
  app.get(
    '/api/patrols/live',
    {
      schema: {
        tags,
        summary: 'Runs under way in scope with their track and target (the command map layer)',
        response: { 200: patrolLive },
      },
    },
    async (request) => patrols.live(requireUser(request)),
  );
  app.get(
    '/api/patrols/runs/:id',
    { schema: { tags, params: patrolRunParams, response: { 200: patrolRunDetail } } },
    async (request) => patrols.getRun(requireUser(request), request.params.id),
  );
  app.post(
    '/api/patrols/runs/:id/points',
    {
      schema: {
        tags,
        summary:
          'A batch of 1–500 GPS fixes; idempotent on (run, at): a resent fix counts as a duplicate, never twice',
        params: patrolRunParams,
        body: patrolPointsBody,
        response: { 200: patrolPointsResult },
      },
    },
    async (request) => patrols.addPoints(requireUser(request), request.params.id, request.body),
  );
  app.post(
    '/api/patrols/runs/:id/check-out',
    {
      schema: {
        tags,
        summary: 'Check out: the run is judged by geofence and time (completed / incomplete)',
        params: patrolRunParams,
        body: patrolCheckOutBody,
        response: { 200: patrolRun },
      },
    },
    async (request) => patrols.checkOut(requireUser(request), request.params.id, request.body),
  );
}
