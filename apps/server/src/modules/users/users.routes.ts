import {
  createUserBody,
  patchUserBody,
  user,
  userList,
  userListQuery,
  userParams,
  userPasswordBody,
  userSessionList,
  userSessionParams,
} from '@ronghui/contracts';
import { z } from 'zod';
import { requireUser } from '../../platform/auth/guard.ts';
import type { App } from '../../platform/http/app-types.ts';
import type { UsersService } from './users.service.ts';

export function registerUsersRoutes(app: App, users: UsersService) {
  app.get(
    '/api/users',
    { schema: { tags: ['users'], querystring: userListQuery, response: { 200: userList } } },
    async (request) => users.list(requireUser(request), request.query),
  );
  app.post(
    '/api/users',
    { schema: { tags: ['users'], body: createUserBody, response: { 201: user } } },
    async (request, reply) => {
      reply.status(201);
      return users.create(requireUser(request), request.body);
    },
  );
  app.patch(
    '/api/users/:id',
    { schema: { tags: ['users'], params: userParams, body: patchUserBody, response: { 200: user } } },
    async (request) => users.update(requireUser(request), request.params.id, request.body),
  );
  app.post(
    '/api/users/:id/password',
    {
      schema: { tags: ['users'], params: userParams, body: userPasswordBody, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await users.setPassword(requireUser(request), request.params.id, request.body.password);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/api/users/:id/unlock',
    { schema: { tags: ['users'], params: userParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await users.unlock(requireUser(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/api/users/:id/sessions',
    {
      schema: {
        tags: ['users'],
        summary: "A user's live sessions and bearer tokens (security administrator)",
        params: userParams,
        response: { 200: userSessionList },
      },
    },
    async (request) => {
      const items = (await users.listSessions(requireUser(request), request.params.id)).map((s) => ({
        id: s.id,
        kind: s.kind,
        name: s.name,
        createdAt: s.createdAt.toISOString(),
        expiresAt: s.expiresAt?.toISOString() ?? null,
        lastUsedAt: s.lastUsedAt.toISOString(),
      }));
      return { items, total: items.length };
    },
  );
  app.delete(
    '/api/users/:id/sessions',
    {
      schema: {
        tags: ['users'],
        summary: 'End every session and bearer token of a user (security administrator)',
        params: userParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await users.revokeSessions(requireUser(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  app.delete(
    '/api/users/:id/sessions/:sessionId',
    {
      schema: {
        tags: ['users'],
        summary: 'End one session or bearer token of a user (security administrator)',
        params: userSessionParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await users.revokeSessions(requireUser(request), request.params.id, request.params.sessionId);
      return reply.status(204).send(null);
    },
  );
}
