import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ProblemJson } from '@ronghui/contracts';
import { errorForLog } from '../db/log-redaction.ts';
import { DomainError, type ErrorCode, statusOf } from './errors.ts';

/** The body of every error answer, as the contract describes it (`problem`). */
export type Problem = ProblemJson;

export const problemType = (code: ErrorCode) => `urn:ronghui:problem:${code}`;

function fromFastify(error: FastifyError): DomainError | undefined {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = error.validationContext ?? 'body';
    const errors = error.validation.map((v) => ({
      path: `${where}${v.instancePath === '/' ? '' : v.instancePath}`,
      message: v.message ?? 'invalid',
    }));
    const detail = errors.map((e) => `${e.path}: ${e.message}`).join('; ');
    return new DomainError('validation', 'Invalid request', detail, {}, errors);
  }
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new DomainError('malformed-request', 'Malformed request body', error.message);
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new DomainError('payload-too-large', 'Request body too large', error.message);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_TYPE':
      return new DomainError(
        'unsupported-media-type',
        'Unsupported media type',
        `${error.message}. Send application/json.`,
      );
    default:
      break;
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new DomainError('malformed-request', 'Bad request', error.message);
  }
  // JSON.parse errors thrown by custom parsers.
  if (error instanceof SyntaxError)
    return new DomainError('malformed-request', 'Malformed request body', error.message);
  return undefined;
}

export function toProblem(error: DomainError, instance?: string): Problem {
  // Extensions first: a module's extra member can never overwrite the standard ones.
  return {
    ...error.extensions,
    type: problemType(error.code),
    title: error.title,
    status: statusOf(error.code),
    detail: error.message,
    ...(instance ? { instance } : {}),
    ...(error.errors.length ? { errors: error.errors } : {}),
  };
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.status(problem.status).type('application/problem+json').send(problem);
}

/** Writes a refusal (401, 403, 404 from a service) of a signed-in user to the audit trail. */
export type RefusalRecorder = (request: FastifyRequest, error: DomainError) => Promise<void>;

/** The refusals that go to the audit trail when the user is signed in and the service did not audit them. */
const REFUSALS = new Set<ErrorCode>(['unauthenticated', 'forbidden', 'not-found']);

/**
 * The one place where errors become responses. Unexpected errors are logged with a correlation id, the SQL
 * of a failed query without its parameters (`errorForLog`); refusals are audited by `recordRefusal`.
 */
export function installProblemHandlers(
  app: FastifyInstance,
  options: { recordRefusal?: RefusalRecorder | undefined } = {},
): void {
  app.setErrorHandler(async (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const domain = error instanceof DomainError ? error : fromFastify(error);
    if (domain) {
      const refused =
        REFUSALS.has(domain.code) ||
        (Boolean(request.routeOptions.config?.auditInvalidAs) &&
          (domain.code === 'validation' || domain.code === 'malformed-request'));
      if (options.recordRefusal && refused && !domain.audited) {
        try {
          await options.recordRefusal(request, domain);
          domain.audited = true;
        } catch (auditError) {
          request.log.error({ err: errorForLog(auditError) }, 'could not audit a refused request');
        }
      }
      // A rate limit says when to come back (RFC 9110 Retry-After, in seconds).
      const retryAfter = domain.extensions.retryAfterSeconds;
      if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
      return sendProblem(reply, toProblem(domain, request.url));
    }
    const correlationId = randomUUID();
    request.log.error({ err: errorForLog(error), correlationId }, 'unhandled error');
    return sendProblem(reply, {
      type: problemType('internal'),
      title: 'Internal server error',
      status: 500,
      detail: `Something went wrong on the server. Quote correlation id ${correlationId} when reporting it.`,
      instance: request.url,
      correlationId,
    });
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, {
      type: problemType('not-found'),
      title: 'Not found',
      status: 404,
      detail: `No route ${request.method} ${request.url.split('?')[0]}`,
      instance: request.url,
    }),
  );
}
