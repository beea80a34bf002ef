import type { FieldProblem } from '@ronghui/contracts';

/**
 * Every error the API can answer with, as a stable code. The mapping to HTTP status is an exhaustive
 * switch: a new code that nobody mapped fails to compile.
 */
export type ErrorCode =
  | 'validation'
  | 'malformed-request'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'locked'
  | 'too-many-requests'
  | 'payload-too-large'
  | 'request-timeout'
  | 'uri-too-long'
  | 'headers-too-large'
  | 'unsupported-media-type'
  | 'unprocessable'
  | 'unavailable'
  | 'internal';

/** A domain error: thrown by services, turned into application/problem+json in one place. */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  /**
   * True once the refusal is in the audit trail (a service that audits its own refusal says so with
   * `markAudited`), so the error handler does not record it a second time.
   */
  audited = false;
  constructor(
    readonly code: ErrorCode,
    readonly title: string,
    detail?: string,
    readonly extensions: Record<string, unknown> = {},
    readonly errors: FieldProblem[] = [],
  ) {
    super(detail ?? title);
  }
}

export function assertNever(value: never): never {
  throw new Error(`unmapped value: ${String(value)}`);
}

export function statusOf(code: ErrorCode): number {
  switch (code) {
    case 'validation':
    case 'malformed-request':
      return 400;
    case 'unauthenticated':
      return 401;
    case 'forbidden':
      return 403;
    case 'not-found':
      return 404;
    case 'conflict':
      return 409;
    case 'request-timeout':
      return 408;
    case 'payload-too-large':
      return 413;
    case 'uri-too-long':
      return 414;
    case 'unsupported-media-type':
      return 415;
    case 'unprocessable':
      return 422;
    case 'locked':
      return 423;
    case 'too-many-requests':
      return 429;
    case 'headers-too-large':
      return 431;
    case 'unavailable':
      return 503;
    case 'internal':
      return 500;
    default:
      return assertNever(code);
  }
}

/** Says that the refusal `error` has been audited by the service that threw it; answers the error to rethrow. */
export function markAudited<E>(error: E): E {
  if (error instanceof DomainError) error.audited = true;
  return error;
}

export const notFound = (what: string, id: string) =>
  new DomainError('not-found', 'Not found', `${what} "${id}" does not exist or is outside your scope.`);
export const forbidden = (detail: string) => new DomainError('forbidden', 'Forbidden', detail);
export const conflict = (detail: string, extensions: Record<string, unknown> = {}) =>
  new DomainError('conflict', 'Conflict', detail, extensions);
export const invalid = (path: string, message: string) =>
  new DomainError('validation', 'Invalid request', `${path}: ${message}`, {}, [{ path, message }]);
