import { z } from 'zod';
import { requireUser } from '../../platform/auth/guard.ts';
import { ROLE_KEYS } from '../../platform/auth/roles.ts';
import type { App } from '../../platform/http/app-types.ts';
import type { UsersService } from './users.service.ts';

const idParams = z.object({ id: z.string().uuid('must be a user id (UUID)') }).strict();
const role = z.enum(ROLE_KEYS);
const username = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{2,39}$/, '3–40 lowercase letters, digits, dot, dash or underscore');
const displayName = z.string().trim().min(1).max(40);

export const createUserBody = z
  .object({
    username,
    displayName,
    password: z.string().min(1).max(200),
    roles: z.array(role).min(1).max(5),
    orgId: z.string().min(1).max(100),
  })
  .strict();
export const patchUserBody = z
  .object({
    displayName: displayName.optional(),
    roles: z.array(role).min(1).max(5).optional(),
    orgId: z.string().min(1).max(100).optional(),
    status: z.enum(['active', 'disabled']).optional(),
  })
  .strict();
const listQuery = z
  .object({
    q: z.string().max(100).optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(20),
  })
  .strict();

export function registerUsersRoutes(app: App, users: UsersService) {
  app.get('/api/users', { schema: { tags: ['users'], querystring: listQuery } }, async (request) =>
    users.list(requireUser(request), request.query),
  );
  app.post('/api/users', { schema: { tags: ['users'], body: createUserBody } }, async (request, reply) => {
    reply.status(201);
    return users.create(requireUser(request), request.body);
  });
  app.patch(
    '/api/users/:id',
    { schema: { tags: ['users'], params: idParams, body: patchUserBody } },
    async (request) => users.update(requireUser(request), request.params.id, request.body),
  );
  app.post(
    '/api/users/:id/password',
    {
      schema: {
        tags: ['users'],
        params: idParams,
        body: z.object({ password: z.string().min(1).max(200) }).strict(),
      },
    },
    async (request, reply) => {
      await users.setPassword(requireUser(request), request.params.id, request.body.password);
      return reply.status(204).send();
    },
  );
  app.post(
    '/api/users/:id/unlock',
    { schema: { tags: ['users'], params: idParams } },
    async (request, reply) => {
      await users.unlock(requireUser(request), request.params.id);
      return reply.status(204).send();
    },
  );
}
