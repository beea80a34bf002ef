import {
  createMessageGroupBody,
  emergency,
  emergencyList,
  emergencyListQuery,
  emergencyParams,
  messageAckBody,
  messageDelivered,
  messageDetail,
  messageGroup,
  messageGroupList,
  messageGroupListQuery,
  messageList,
  messageListQuery,
  messageParams,
  raiseEmergencyBody,
  sendMessageBody,
  unitEmergencyParams,
} from '@ronghui/contracts';
import { requireUser } from '../../platform/auth/guard.ts';
import type { App } from '../../platform/http/app-types.ts';
import type { EmergenciesService } from './emergencies.service.ts';
import type { MessageGroupsService } from './message-groups.service.ts';
import type { MessagesService } from './messages.service.ts';

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
        body: sendMessageBody,
        response: { 201: messageDetail },
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
        querystring: messageListQuery,
        response: { 200: messageList },
      },
    },
    async (request) => messages.list(requireUser(request), request.query),
  );
  app.get(
    '/api/messages/:id',
    { schema: { tags: ['messages'], params: messageParams, response: { 200: messageDetail } } },
    async (request) => messages.get(requireUser(request), request.params.id),
  );
  app.post(
    '/api/messages/:id/delivered',
    {
      schema: {
        tags: ['messages'],
        summary: 'The client received the message over the live channel',
        params: messageParams,
        response: { 200: messageDelivered },
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
        params: messageParams,
        body: messageAckBody,
        response: { 200: messageDetail },
      },
    },
    async (request) => messages.acknowledge(requireUser(request), request.params.id, request.body?.unitId),
  );
  app.post(
    '/api/message-groups',
    { schema: { tags: ['messages'], body: createMessageGroupBody, response: { 201: messageGroup } } },
    async (request, reply) => {
      reply.status(201);
      return groups.create(requireUser(request), request.body);
    },
  );
  app.get(
    '/api/message-groups',
    {
      schema: { tags: ['messages'], querystring: messageGroupListQuery, response: { 200: messageGroupList } },
    },
    async (request) => groups.list(requireUser(request)),
  );
  app.post(
    '/api/units/:id/emergency',
    {
      schema: {
        tags: ['messages'],
        summary: 'Emergency button: alerts the command rooms and the nearest available units',
        params: unitEmergencyParams,
        body: raiseEmergencyBody,
        // 201 when raised; 200 when pressed again while the unit's emergency is still open.
        response: { 200: emergency, 201: emergency },
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
    { schema: { tags: ['messages'], params: emergencyParams, response: { 200: emergency } } },
    async (request) => emergencies.acknowledge(requireUser(request), request.params.id),
  );
  app.get(
    '/api/emergencies',
    { schema: { tags: ['messages'], querystring: emergencyListQuery, response: { 200: emergencyList } } },
    async (request) => emergencies.list(requireUser(request), request.query),
  );
}
