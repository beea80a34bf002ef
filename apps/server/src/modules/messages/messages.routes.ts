import { z } from 'zod';
import { requireUser } from '../../platform/auth/guard.ts';
import type { App } from '../../platform/http/app-types.ts';
import type { EmergenciesService } from './emergencies.service.ts';
import type { MessageGroupsService } from './message-groups.service.ts';
import type { MessagesService } from './messages.service.ts';

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits, . _ : -');
const ids = z.array(id).min(1).max(200);
const uuidParams = (what: string) => z.object({ id: z.string().uuid(`must be ${what} id (UUID)`) }).strict();
const bool = z.enum(['true', 'false']).transform((v) => v === 'true');
const limit = z.coerce.number().int().min(1).max(500).default(100);

export const sendBody = z
  .object({
    to: z
      .object({
        users: ids.optional(),
        units: ids.optional(),
        stations: ids.optional(),
        areas: ids.optional(),
        group: z.string().uuid('must be a message group id (UUID)').optional(),
      })
      .strict(),
    kind: z.enum(['message', 'order']),
    text: z.string().trim().min(1).max(2000),
    incidentId: id.optional(),
    priority: z.enum(['normal', 'urgent']).optional(),
  })
  .strict();
export type SendBody = z.infer<typeof sendBody>;

export const emergencyBody = z
  .object({
    lon: z.number().min(-180).max(180).optional(),
    lat: z.number().min(-90).max(90).optional(),
    note: z.string().trim().max(500).optional(),
  })
  .strict()
  .refine((b) => (b.lon === undefined) === (b.lat === undefined), {
    message: 'give both lon and lat, or neither (the unit’s last position is used)',
    path: ['lat'],
  });

export function registerMessagesRoutes(
  app: App,
  deps: { messages: MessagesService; groups: MessageGroupsService; emergencies: EmergenciesService },
) {
  const { messages, groups, emergencies } = deps;
  app.post(
    '/api/messages',
    {
      schema: {
        tags: ['messages'],
        summary: 'Send a message or an order to users, units, stations, areas or a group',
        body: sendBody,
      },
    },
    async (request, reply) => {
      reply.status(201);
      return messages.send(requireUser(request), request.body);
    },
  );
  app.get(
    '/api/messages',
    {
      schema: {
        tags: ['messages'],
        summary: 'inbox (addressed to you), sent (by you), all (your scope’s traffic; command roles)',
        querystring: z
          .object({
            box: z.enum(['inbox', 'sent', 'all']).default('inbox'),
            incidentId: id.optional(),
            limit,
          })
          .strict(),
      },
    },
    async (request) => messages.list(requireUser(request), request.query),
  );
  app.get(
    '/api/messages/:id',
    { schema: { tags: ['messages'], params: uuidParams('a message') } },
    async (request) => messages.get(requireUser(request), request.params.id),
  );
  app.post(
    '/api/messages/:id/delivered',
    {
      schema: {
        tags: ['messages'],
        summary: 'The client received the message over the live channel',
        params: uuidParams('a message'),
      },
    },
    async (request) => messages.delivered(requireUser(request), request.params.id),
  );
  app.post(
    '/api/messages/:id/ack',
    {
      schema: {
        tags: ['messages'],
        summary: '签收: acknowledge as yourself, or for a unit of your station',
        params: uuidParams('a message'),
        // No body (or null) acknowledges as yourself.
        body: z.object({ unitId: id.optional() }).strict().nullish(),
      },
    },
    async (request) => messages.acknowledge(requireUser(request), request.params.id, request.body?.unitId),
  );
  app.post(
    '/api/message-groups',
    {
      schema: {
        tags: ['messages'],
        body: z.object({ name: z.string().trim().min(1).max(100), members: ids }).strict(),
      },
    },
    async (request, reply) => {
      reply.status(201);
      return groups.create(requireUser(request), request.body);
    },
  );
  app.get(
    '/api/message-groups',
    { schema: { tags: ['messages'], querystring: z.object({}).strict() } },
    async (request) => groups.list(requireUser(request)),
  );
  app.post(
    '/api/units/:id/emergency',
    {
      schema: {
        tags: ['messages'],
        summary: 'Emergency button: alerts the command rooms and the nearest available units',
        params: z.object({ id }).strict(),
        body: emergencyBody,
      },
    },
    async (request, reply) => {
      const result = await emergencies.raise(requireUser(request), request.params.id, request.body);
      reply.status(result.created ? 201 : 200);
      return result.emergency;
    },
  );
  app.post(
    '/api/emergencies/:id/ack',
    { schema: { tags: ['messages'], params: uuidParams('an emergency') } },
    async (request) => emergencies.acknowledge(requireUser(request), request.params.id),
  );
  app.get(
    '/api/emergencies',
    {
      schema: {
        tags: ['messages'],
        querystring: z.object({ open: bool.optional(), limit }).strict(),
      },
    },
    async (request) => emergencies.list(requireUser(request), request.query),
  );
}
