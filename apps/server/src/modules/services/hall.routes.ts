import {
  serviceAppointment,
  serviceAppointmentList,
  serviceAppointmentQuery,
  serviceBoard,
  serviceBooked,
  serviceBookingBody,
  serviceCallNextBody,
  serviceCodeParams,
  serviceCounter,
  serviceCounterBody,
  serviceCounterParams,
  serviceHall,
  serviceHallList,
  serviceHallParams,
  serviceHallPatch,
  serviceHold,
  serviceHoldBody,
  serviceItem,
  serviceItemBody,
  serviceItemList,
  serviceItemPatch,
  serviceItemQuery,
  serviceManageQuery,
  serviceOtpBody,
  serviceOtpSent,
  serviceQueueQuery,
  serviceReferenceParams,
  serviceRescheduleBody,
  serviceSlotList,
  serviceSlotQuery,
  serviceTicket,
  serviceTicketBody,
  serviceTicketList,
  serviceTicketParams,
  serviceTransferBody,
} from '@ronghui/contracts';
import type { FastifyRequest } from 'fastify';
import { requireUser } from '../../platform/auth/guard.ts';
import type { App } from '../../platform/http/app-types.ts';
import type { ServiceHallService } from './hall.service.ts';

const tags = ['services'];

/** The manage token of a booking: header `x-manage-token`, or `?token=`. */
function proof(request: FastifyRequest, query: { token?: string | undefined }) {
  const header = request.headers['x-manage-token'];
  return {
    token: (typeof header === 'string' && header) || query.token,
    principal: request.principal,
  };
}

export function registerServiceHallRoutes(app: App, hall: ServiceHallService) {
  const tenantOf = (request: FastifyRequest) => request.principal?.tenantCode ?? hall.tenantCode;

  // ── catalogue ──
  app.get(
    '/api/services/items',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'The service catalogue (public; inactive items only for administrators)',
        querystring: serviceItemQuery,
        response: { 200: serviceItemList },
      },
    },
    async (request) => hall.listItems(request.principal, tenantOf(request), request.query),
  );
  app.get(
    '/api/services/items/:code',
    { config: { public: true }, schema: { tags, params: serviceCodeParams, response: { 200: serviceItem } } },
    async (request) => hall.getItem(request.principal, tenantOf(request), request.params.code),
  );
  app.post(
    '/api/services/items',
    {
      schema: { tags, summary: 'Add a service item', body: serviceItemBody, response: { 201: serviceItem } },
    },
    async (request, reply) =>
      reply.status(201).send(await hall.createItem(requireUser(request), request.body)),
  );
  app.patch(
    '/api/services/items/:code',
    {
      schema: {
        tags,
        summary: 'Change a service item (promised days ≤ statutory days)',
        params: serviceCodeParams,
        body: serviceItemPatch,
        response: { 200: serviceItem },
      },
    },
    async (request) => hall.patchItem(requireUser(request), request.params.code, request.body),
  );

  // ── halls and counters ──
  app.get(
    '/api/services/halls',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Service halls with their hours and counters',
        response: { 200: serviceHallList },
      },
    },
    async (request) => hall.listHalls(tenantOf(request)),
  );
  app.patch(
    '/api/services/halls/:hallId',
    { schema: { tags, params: serviceHallParams, body: serviceHallPatch, response: { 200: serviceHall } } },
    async (request) => hall.patchHall(requireUser(request), request.params.hallId, request.body),
  );
  app.post(
    '/api/services/halls/:hallId/counters',
    {
      schema: {
        tags,
        params: serviceHallParams,
        body: serviceCounterBody,
        response: { 201: serviceCounter },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await hall.addCounter(requireUser(request), request.params.hallId, request.body)),
  );
  app.patch(
    '/api/services/halls/:hallId/counters/:counterId',
    {
      schema: {
        tags,
        params: serviceCounterParams,
        body: serviceCounterBody.partial(),
        response: { 200: serviceCounter },
      },
    },
    async (request) =>
      hall.patchCounter(requireUser(request), request.params.hallId, request.params.counterId, request.body),
  );
  app.post(
    '/api/services/halls/:hallId/counters/:counterId/sign-in',
    {
      schema: {
        tags,
        summary: 'Take a counter (a clerk signed in elsewhere leaves that counter)',
        params: serviceCounterParams,
        response: { 200: serviceCounter },
      },
    },
    async (request) => hall.signIn(requireUser(request), request.params.hallId, request.params.counterId),
  );
  app.get(
    '/api/services/halls/:hallId/board',
    {
      config: { public: true },
      schema: {
        tags,
        summary: "The hall's calling screen: latest calls and waiting counts (no personal data)",
        params: serviceHallParams,
        response: { 200: serviceBoard },
      },
    },
    async (request) => hall.board(tenantOf(request), request.params.hallId),
  );

  // ── appointments ──
  app.get(
    '/api/services/slots',
    {
      config: { public: true },
      schema: {
        tags,
        summary: "A day's appointment slots with places left (错时 and 延时 windows included)",
        querystring: serviceSlotQuery,
        response: { 200: serviceSlotList },
      },
    },
    async (request) => hall.slots(tenantOf(request), request.query),
  );
  app.post(
    '/api/services/otp',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Send a one-time code by SMS (1 per 60 s, 5 per hour per phone)',
        body: serviceOtpBody,
        response: { 201: serviceOtpSent },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await hall.sendCode(tenantOf(request), request.body.phone)),
  );
  app.post(
    '/api/services/holds',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Hold a place in a slot for a few minutes while booking',
        body: serviceHoldBody,
        response: { 201: serviceHold },
      },
    },
    async (request, reply) => reply.status(201).send(await hall.hold(tenantOf(request), request.body)),
  );
  app.post(
    '/api/services/appointments',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Book the held place with the one-time code; answers the manage token once',
        body: serviceBookingBody,
        response: { 201: serviceBooked },
      },
    },
    async (request, reply) => reply.status(201).send(await hall.book(tenantOf(request), request.body)),
  );
  app.get(
    '/api/services/appointments',
    {
      schema: {
        tags,
        summary: 'Appointments of the halls in your scope (masked)',
        querystring: serviceAppointmentQuery,
        response: { 200: serviceAppointmentList },
      },
    },
    async (request) => hall.listAppointments(requireUser(request), request.query),
  );
  app.get(
    '/api/services/appointments/:reference',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'A booking, by its manage token (x-manage-token or ?token=) or for staff in scope',
        params: serviceReferenceParams,
        querystring: serviceManageQuery,
        response: { 200: serviceAppointment },
      },
    },
    async (request) =>
      hall.getAppointment(tenantOf(request), request.params.reference, proof(request, request.query)),
  );
  app.post(
    '/api/services/appointments/:reference/cancel',
    {
      config: { public: true },
      schema: {
        tags,
        params: serviceReferenceParams,
        querystring: serviceManageQuery,
        response: { 200: serviceAppointment },
      },
    },
    async (request) =>
      hall.cancelAppointment(tenantOf(request), request.params.reference, proof(request, request.query)),
  );
  app.post(
    '/api/services/appointments/:reference/reschedule',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Move a booking to a newly held place (same reference)',
        params: serviceReferenceParams,
        querystring: serviceManageQuery,
        body: serviceRescheduleBody,
        response: { 200: serviceAppointment },
      },
    },
    async (request) =>
      hall.rescheduleAppointment(
        tenantOf(request),
        request.params.reference,
        request.body.holdId,
        proof(request, request.query),
      ),
  );
  app.post(
    '/api/services/appointments/:reference/check-in',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Check in inside the window around the start: issues a priority ticket',
        params: serviceReferenceParams,
        querystring: serviceManageQuery,
        response: { 201: serviceTicket },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await hall.checkIn(tenantOf(request), request.params.reference, proof(request, request.query))),
  );

  // ── queue ──
  app.post(
    '/api/services/tickets',
    {
      schema: {
        tags,
        summary: 'Issue a ticket (walk-in; kiosk with the x-ronghui-kiosk header)',
        body: serviceTicketBody,
        response: { 201: serviceTicket },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await hall.createTicket(
            requireUser(request),
            request.body,
            request.headers['x-ronghui-kiosk'] === '1',
          ),
        ),
  );
  app.get(
    '/api/services/tickets',
    {
      schema: {
        tags,
        summary: "A hall's tickets of a day; waiting ones with their place and expected wait",
        querystring: serviceQueueQuery,
        response: { 200: serviceTicketList },
      },
    },
    async (request) => hall.listTickets(requireUser(request), request.query),
  );
  app.post(
    '/api/services/tickets/call-next',
    {
      schema: {
        tags,
        summary: 'Call the next ticket to a counter',
        body: serviceCallNextBody,
        response: { 200: serviceTicket },
      },
    },
    async (request) => hall.callNext(requireUser(request), request.body.counterId),
  );
  for (const step of ['recall', 'start', 'finish', 'no-show'] as const)
    app.post(
      `/api/services/tickets/:id/${step}`,
      { schema: { tags, params: serviceTicketParams, response: { 200: serviceTicket } } },
      async (request) => hall.ticketStep(requireUser(request), request.params.id, step),
    );
  app.post(
    '/api/services/tickets/:id/transfer',
    {
      schema: {
        tags,
        summary: 'Send a ticket back to the queue of another counter',
        params: serviceTicketParams,
        body: serviceTransferBody,
        response: { 200: serviceTicket },
      },
    },
    async (request) =>
      hall.ticketStep(requireUser(request), request.params.id, 'transfer', request.body.counterId),
  );
}
