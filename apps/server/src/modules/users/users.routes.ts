import {
  createUserBody,
  patchUserBody,
  user,
  userList,
  userListQuery,
  userParams,
  userPasswordBody,
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
}
