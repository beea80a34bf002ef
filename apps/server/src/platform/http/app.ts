import { existsSync } from 'node:fs';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyBaseLogger, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { App } from './app-types.ts';
import { DomainError } from './errors.ts';
import { rejectNul } from './nul-guard.ts';
import { installProblemHandlers } from './problem.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered, for the robustness and contract tests that probe all of them. */
    routeTable: RouteEntry[];
  }
}

function isEmptyBody(body: unknown): boolean {
  if (body === undefined || body === '') return true;
  return body !== null && typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length === 0;
}

function rejectBody(url: string) {
  return async (request: FastifyRequest) => {
    if (!isEmptyBody(request.body)) {
      throw new DomainError(
        'validation',
        'Invalid request',
        `${request.method} ${url} takes no request body`,
        {},
        [{ path: 'body', message: 'must be empty' }],
      );
    }
  };
}

/** A registered route and what its schema declares about its answer. */
export interface RouteEntry {
  method: string;
  url: string;
  /** Status codes with a response schema from `@ronghui/contracts`. */
  responseStatuses: string[];
  /** Content types other than JSON that the route answers with (`schema.produces`). */
  produces: string[];
  websocket: boolean;
  hidden: boolean;
}

export interface HttpOptions {
  /** A pino logger to share with the rest of the server, or false for none. */
  logger: Logger | false;
  bodyLimit: number;
  /** Built web console to serve at `/` (SPA fallback), when present. */
  webDist?: string | undefined;
}

/** Fastify with zod validation, problem+json errors, cookies, WebSocket and OpenAPI at /api/docs. */
export async function createHttpApp(options: HttpOptions): Promise<App> {
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger as FastifyBaseLogger } : { logger: false }),
    bodyLimit: options.bodyLimit,
    genReqId: () => crypto.randomUUID(),
    ajv: { customOptions: { removeAdditional: false } },
    trustProxy: true,
    // Long ids reach the schema (and get a 400 naming the field) instead of a bare 414 from the router.
    routerOptions: { maxParamLength: 2_000 },
  }).withTypeProvider<ZodTypeProvider>();
  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    const methods = [route.method].flat();
    const schema = route.schema as
      | { response?: Record<string, unknown>; produces?: readonly string[]; hide?: boolean }
      | undefined;
    for (const method of methods) {
      if (method === 'HEAD') continue;
      routeTable.push({
        method,
        url: route.url,
        responseStatuses: Object.keys(schema?.response ?? {}),
        produces: [...(schema?.produces ?? [])],
        websocket: Boolean((route as { websocket?: boolean }).websocket),
        hidden: Boolean(schema?.hide),
      });
    }
    // An endpoint without a body schema takes no body: sending one is a client mistake worth naming.
    if (!route.schema?.body && methods.some((m) => m === 'POST' || m === 'PATCH' || m === 'PUT')) {
      const existing = route.preValidation ? [route.preValidation].flat() : [];
      route.preValidation = [...existing, rejectBody(route.url)];
    }
  });
  // Before any schema or handler: PostgreSQL cannot store U+0000, so it never gets that far.
  app.addHook('preValidation', rejectNul);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installProblemHandlers(app);
  await app.register(fastifyCookie);
  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Ronghui (融汇) API',
        version: '0.1.0',
        description: '融警务·汇治理 — integrated policing and community governance',
      },
    },
    transform: jsonSchemaTransform,
    // Schemas named with `.meta({ id })` (recursive ones: the org tree) become components they refer to.
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  if (options.webDist && existsSync(options.webDist)) {
    await app.register(fastifyStatic, { root: options.webDist, wildcard: false, index: ['index.html'] });
    // Client-side routes (/admin/users, /bigscreen …) get the console's index.html.
    app.get('/*', { schema: { hide: true } }, (request, reply) => {
      const path = request.url.split('?')[0] ?? '/';
      if (path.startsWith('/api/')) {
        return reply
          .status(404)
          .type('application/problem+json')
          .send({
            type: 'urn:ronghui:problem:not-found',
            title: 'Not found',
            status: 404,
            detail: `No route ${request.method} ${path}`,
          });
      }
      return reply.sendFile('index.html');
    });
  }
  return app;
}
