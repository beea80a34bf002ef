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
import { clientErrorHandler, frameworkErrors } from './client-errors.ts';
import { DomainError } from './errors.ts';
import { installJsonBodyParser } from './json-body.ts';
import { rejectNul } from './nul-guard.ts';
import { installProblemHandlers, type RefusalRecorder } from './problem.ts';
import { type ContentSources, installSecurityHeaders } from './security-headers.ts';

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
  /** `TRUST_PROXY`: proxies whose X-Forwarded-* headers are believed (default: none). */
  trustProxy?: TrustProxy | undefined;
  /** `REQUEST_TIMEOUT_MS`: the longest a whole request (headers and body) may take to arrive. */
  requestTimeoutMs?: number | undefined;
  /** Outside origins the console's Content-Security-Policy allows (tile server, camera streams). */
  contentSources?: ContentSources | undefined;
  /** Audits the refusals (401/403/404) of signed-in users; none recorded when absent. */
  recordRefusal?: RefusalRecorder | undefined;
}

/** Off, a hop count, or addresses and CIDRs (`10.0.0.0/8`), as `TRUST_PROXY` gives them. */
export type TrustProxy = false | number | readonly string[];

/**
 * Fastify's `trustProxy`. A hop count becomes "the nearest n hops", whatever their address (Fastify itself
 * refuses to trust by count alone); a list is matched by address, which is the safer choice.
 */
function trustProxyOption(
  trust: TrustProxy | undefined,
): boolean | string[] | ((a: string, i: number) => boolean) {
  if (trust === undefined || trust === false) return false;
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return [...trust];
}

/** The largest request line plus headers accepted (Node's default, stated): beyond it a 431 problem. */
export const MAX_HEADER_BYTES = 16 * 1024;

/**
 * Socket timeouts. The whole request must arrive within `requestTimeoutMs` (a body trickled byte by byte
 * is cut off with a 408); headers within 10 s of it; an idle socket is closed after two minutes (a slow
 * answer, such as a PDF report, is not idle for that long); keep-alive between requests as Fastify
 * advises behind load balancers. /api/ws is not affected: an upgraded socket leaves the HTTP server's
 * request timers, and the WebSocket library clears the idle timeout.
 */
function timeouts(requestTimeoutMs: number) {
  return {
    requestTimeout: requestTimeoutMs,
    connectionTimeout: Math.max(120_000, requestTimeoutMs),
    keepAliveTimeout: 72_000,
    http: {
      maxHeaderSize: MAX_HEADER_BYTES,
      headersTimeout: Math.min(10_000, requestTimeoutMs),
      // How often Node looks for requests over their time; its 30 s default would let one run 60 s.
      connectionsCheckingInterval: Math.max(50, Math.min(5_000, Math.floor(requestTimeoutMs / 4))),
    },
  };
}

/** Fastify with zod validation, problem+json errors, cookies, WebSocket and OpenAPI at /api/docs. */
export async function createHttpApp(options: HttpOptions): Promise<App> {
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger as FastifyBaseLogger } : { logger: false }),
    bodyLimit: options.bodyLimit,
    genReqId: () => crypto.randomUUID(),
    ajv: { customOptions: { removeAdditional: false } },
    trustProxy: trustProxyOption(options.trustProxy),
    ...timeouts(options.requestTimeoutMs ?? 30_000),
    // Long ids reach the schema (and get a 400 naming the field); longer ones a 414 problem.
    routerOptions: { maxParamLength: 2_000 },
    clientErrorHandler,
    frameworkErrors,
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
  await installSecurityHeaders(app, options.contentSources);
  installJsonBodyParser(app);
  // Before any schema or handler: PostgreSQL cannot store U+0000, so it never gets that far.
  app.addHook('preValidation', rejectNul);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installProblemHandlers(app, { recordRefusal: options.recordRefusal });
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
  // The API's description is for signed-in users only (the session is resolved by a root onRequest hook,
  // which runs before these).
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    uiHooks: {
      onRequest: async (request) => {
        if (!(request as { principal?: unknown }).principal) {
          throw new DomainError('unauthenticated', 'Not signed in', 'Sign in to read the API documentation.');
        }
      },
    },
  });
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
