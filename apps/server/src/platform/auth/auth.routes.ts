import {
  createdToken,
  createTokenBody,
  loginBody,
  loginResult,
  logoutBody,
  type Me,
  me,
  roleList,
  tokenList,
  tokenParams,
} from '@ronghui/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App } from '../http/app-types.ts';
import type { AuthService } from './auth.service.ts';
import { requireUser, SESSION_COOKIE } from './guard.ts';
import type { Principal } from './principal.ts';
import { ROLES } from './roles.ts';

export function presentMe(p: Principal): Me {
  return {
    id: p.userId,
    username: p.username,
    displayName: p.displayName,
    roles: p.roles,
    scope: { kind: p.scopeKind, orgId: p.orgId, orgName: p.orgName },
    tenantCode: p.tenantCode,
  };
}

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+([A-Za-z0-9_-]{20,200})$/.exec(header);
  return match?.[1];
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Open to callers who are not signed in (health, sign-in). Every other `/api` route needs a session. */
    public?: boolean;
  }
}

/**
 * Resolves cookie or bearer credentials on every request; routes and services decide what they need. An
 * `/api` route not marked `config: { public: true }` answers 401 to a caller who is not signed in before
 * its input is even parsed: nobody outside learns a route's schema or probes it with bodies.
 */
export function installAuthentication(app: App, auth: AuthService) {
  app.decorateRequest('principal', null);
  app.decorateRequest('sessionToken', null);
  app.addHook('onRequest', async (request) => {
    const token = bearer(request) ?? request.cookies[SESSION_COOKIE];
    if (token && token.length <= 200) {
      const principal = await auth.authenticate(token, request.ip);
      if (principal) {
        request.principal = principal;
        request.sessionToken = token;
        return;
      }
    }
    if (request.url.startsWith('/api/') && !request.is404 && !request.routeOptions.config?.public)
      requireUser(request);
  });
}

export function registerAuthRoutes(app: App, auth: AuthService, defaultTenant: string) {
  // Secure whenever the request came over HTTPS (request.protocol follows the HTTP layer's proxy trust).
  const setCookie = (request: FastifyRequest, reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      path: '/',
      secure: request.protocol === 'https',
    });

  app.post(
    '/api/auth/login',
    {
      config: { public: true, auditInvalidAs: 'auth.login' },
      schema: { tags: ['auth'], body: loginBody, response: { 200: loginResult } },
    },
    async (request, reply) => {
      const { token, principal } = await auth.login({
        tenantCode: request.body.tenantCode ?? defaultTenant,
        username: request.body.username,
        password: request.body.password,
        ip: request.ip,
      });
      setCookie(request, reply, token);
      return { user: presentMe(principal) };
    },
  );
  app.post(
    '/api/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign out; with {"everywhere": true} end every session and bearer token of yours',
        body: logoutBody,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const principal = requireUser(request);
      await auth.logout(principal, request.sessionToken!, { everywhere: request.body?.everywhere ?? false });
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );
  app.get('/api/auth/me', { schema: { tags: ['auth'], response: { 200: me } } }, async (request) =>
    presentMe(requireUser(request)),
  );
  app.get('/api/auth/roles', { schema: { tags: ['auth'], response: { 200: roleList } } }, async (request) => {
    requireUser(request);
    const items = ROLES.map((r) => ({ key: r.key, nameZh: r.zh, nameEn: r.en }));
    return { items, total: items.length };
  });
  app.post(
    '/api/auth/tokens',
    {
      schema: {
        tags: ['auth'],
        summary: 'Create a bearer token for a device or script acting as you',
        body: createTokenBody,
        response: { 201: createdToken },
      },
    },
    async (request, reply) => {
      const result = await auth.createToken(requireUser(request), request.body.name, request.body.ttlDays);
      reply.status(201);
      return { id: result.id, token: result.token, expiresAt: result.expiresAt.toISOString() };
    },
  );
  app.get(
    '/api/auth/tokens',
    {
      schema: {
        tags: ['auth'],
        summary: 'Your live bearer tokens (never their secrets)',
        response: { 200: tokenList },
      },
    },
    async (request) => {
      const items = (await auth.listTokens(requireUser(request))).map((t) => ({
        id: t.id,
        name: t.name,
        createdAt: t.createdAt.toISOString(),
        expiresAt: t.expiresAt.toISOString(),
        lastUsedAt: t.lastUsedAt.toISOString(),
      }));
      return { items, total: items.length };
    },
  );
  app.delete(
    '/api/auth/tokens/:id',
    {
      schema: {
        tags: ['auth'],
        summary: 'Revoke one of your bearer tokens',
        params: tokenParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await auth.revokeToken(requireUser(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
