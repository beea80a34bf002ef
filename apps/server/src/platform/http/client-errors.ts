import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from './errors.ts';
import { sendProblem, toProblem } from './problem.ts';

/**
 * Answers for requests that never reach a route, as problem+json like every other error. None of them
 * repeats the URL or a header: a 414 or 431 is about something too long to echo, and it may carry secrets.
 */
const connectionProblems: Record<string, DomainError> = {
  HPE_HEADER_OVERFLOW: new DomainError(
    'headers-too-large',
    'Request header fields too large',
    'The request line and headers together exceed the server limit (16 KiB).',
  ),
  ERR_HTTP_REQUEST_TIMEOUT: new DomainError(
    'request-timeout',
    'Request timeout',
    'The request (headers and body) did not arrive in time.',
  ),
  HPE_HEADERS_TIMEOUT: new DomainError(
    'request-timeout',
    'Request timeout',
    'The request headers did not arrive in time.',
  ),
};
const badRequest = new DomainError('malformed-request', 'Bad request', 'The request is not valid HTTP.');

/**
 * Fastify's `clientErrorHandler`: errors of the HTTP parser and the request timeouts, before Fastify has a
 * request. Written straight to the socket, which is then closed.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const domain = connectionProblems[error.code ?? ''] ?? badRequest;
  const problem = toProblem(domain);
  const body = JSON.stringify(problem);
  if (socket.writable) {
    socket.write(
      [
        `HTTP/1.1 ${problem.status} ${domain.title}`,
        'Content-Type: application/problem+json',
        `Content-Length: ${Buffer.byteLength(body)}`,
        'Cache-Control: no-store',
        'X-Content-Type-Options: nosniff',
        'Connection: close',
        '',
        body,
      ].join('\r\n'),
    );
  }
  socket.destroy();
}

/** Fastify's `frameworkErrors`: router errors (a path parameter too long, a URL that does not decode). */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const domain =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? new DomainError('uri-too-long', 'URI too long', 'A path segment of the URL exceeds the server limit.')
      : error.code === 'FST_ERR_BAD_URL'
        ? new DomainError('malformed-request', 'Bad request', 'The URL path is not validly percent-encoded.')
        : new DomainError('malformed-request', 'Bad request', 'The request could not be routed.');
  void sendProblem(reply, toProblem(domain));
}
