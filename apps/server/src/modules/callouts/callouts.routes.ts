import {
  callout,
  calloutCreateBody,
  calloutDeclineBody,
  calloutList,
  calloutListQuery,
  calloutParams,
  incidentCalloutBody,
  incidentParams,
  myCallout,
  myCalloutList,
  ok,
  smsReceiptBody,
  volunteerLivePositionList,
  volunteerPositionBody,
  volunteerPositionResult,
  volunteerPositionsQuery,
} from '@ronghui/contracts';
import { requireUser } from '../../platform/auth/guard.ts';
import type { App } from '../../platform/http/app-types.ts';
import type { CalloutsService } from './callouts.service.ts';

const tags = ['callouts'];

export function registerCalloutsRoutes(app: App, callouts: CalloutsService) {
  app.post(
    '/api/incidents/:id/callouts',
    {
      schema: {
        tags,
        summary:
          '一呼百应: call the volunteers nearest the incident by road ETA, ring by ring, until `needed` accept',
        params: incidentParams,
        body: incidentCalloutBody,
        response: { 201: callout },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await callouts.forIncident(requireUser(request), request.params.id, request.body)),
  );
  app.post(
    '/api/callouts',
    {
      schema: {
        tags,
        summary: 'Call volunteers by hand to a point, with what is going on there',
        body: calloutCreateBody,
        response: { 201: callout },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await callouts.byHand(requireUser(request), request.body)),
  );
  app.get(
    '/api/callouts',
    { schema: { tags, querystring: calloutListQuery, response: { 200: calloutList } } },
    async (request) => callouts.list(requireUser(request), request.query),
  );
  app.get(
    '/api/callouts/mine',
    {
      schema: {
        tags,
        summary: "A volunteer's own calls: the exact address only after accepting; never the caller",
        response: { 200: myCalloutList },
      },
    },
    async (request) => callouts.mine(requireUser(request)),
  );
  app.get(
    '/api/callouts/:id',
    { schema: { tags, params: calloutParams, response: { 200: callout } } },
    async (request) => callouts.get(requireUser(request), request.params.id),
  );
  app.post(
    '/api/callouts/:id/cancel',
    { schema: { tags, params: calloutParams, response: { 200: callout } } },
    async (request) => callouts.cancel(requireUser(request), request.params.id),
  );
  app.post(
    '/api/callouts/:id/accept',
    {
      schema: {
        tags,
        summary: 'Accept a call (409 with reason "filled" once enough have accepted)',
        params: calloutParams,
        response: { 200: myCallout },
      },
    },
    async (request) => callouts.accept(requireUser(request), request.params.id),
  );
  app.post(
    '/api/callouts/:id/decline',
    {
      schema: {
        tags,
        params: calloutParams,
        body: calloutDeclineBody.optional(),
        response: { 200: myCallout },
      },
    },
    async (request) => callouts.decline(requireUser(request), request.params.id, request.body?.reason),
  );
  app.post(
    '/api/callouts/sms-receipts',
    {
      schema: {
        tags,
        summary: "The SMS gateway's delivery receipt (Authorization: Bearer CALLOUT_SMS_TOKEN)",
        body: smsReceiptBody,
        response: { 200: ok },
      },
    },
    async (request) => {
      const auth = request.headers.authorization;
      return callouts.receipt(auth?.startsWith('Bearer ') ? auth.slice(7) : undefined, request.body);
    },
  );
  app.post(
    '/api/volunteers/me/position',
    {
      schema: {
        tags,
        summary:
          "A volunteer's live position from the phone (as PUT): stored only with consent and on duty (409 naming why)",
        body: volunteerPositionBody,
        response: { 200: volunteerPositionResult },
      },
    },
    async (request) => callouts.position(requireUser(request), request.body),
  );
  app.get(
    '/api/volunteers/positions',
    {
      schema: {
        tags,
        summary:
          "The command map's volunteer layer: on-duty consenting volunteers' live positions in the caller's stations' teams (audited)",
        querystring: volunteerPositionsQuery,
        response: { 200: volunteerLivePositionList },
      },
    },
    async (request) => callouts.livePositions(requireUser(request), request.query),
  );
}
