import type { FastifyRequest } from 'fastify';
import type { AuditService } from '../audit/audit.service.ts';
import type { Principal } from '../auth/principal.ts';
import { type DomainError, statusOf } from './errors.ts';
import type { RefusalRecorder } from './problem.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Audit a refused input of this route (400: validation, malformed, NUL …) under this action even from a
     * caller who is not signed in: sign-in attempts are audited whatever they send.
     */
    auditInvalidAs?: string;
  }
}

/** Printable, short: what a refused request claimed to be (control characters shown as `�`). */
const claimed = (value: unknown) =>
  typeof value === 'string' && value !== ''
    ? [...value.slice(0, 64)]
        .map((ch) => {
          const c = ch.codePointAt(0) ?? 0;
          return c < 0x20 || c === 0x7f || (c >= 0xd800 && c <= 0xdfff) ? '\ufffd' : ch;
        })
        .join('')
    : '(none)';

/**
 * Audits what a signed-in user was refused (401, 403, or a 404 for something missing or outside their
 * scope): who, which route, the outcome `denied` and the reason the answer gave. Anonymous requests are
 * recorded only on routes that ask for it (`auditInvalidAs`: a sign-in attempt with bad input; the auth
 * service audits the others).
 */
export function createRefusalRecorder(
  audit: Pick<AuditService, 'record'>,
  defaultTenant: string,
): RefusalRecorder {
  return async (request: FastifyRequest, error: DomainError) => {
    const principal = (request as FastifyRequest & { principal?: Principal | null }).principal;
    const action = request.routeOptions.config?.auditInvalidAs;
    const badInput = error.code === 'validation' || error.code === 'malformed-request';
    if (!principal && action && badInput) {
      const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<
        string,
        unknown
      >;
      const username = claimed(body.username);
      const tenant =
        typeof body.tenantCode === 'string' && /^\d{6}$/.test(body.tenantCode)
          ? body.tenantCode
          : defaultTenant;
      await audit.record(
        { tenantCode: tenant, userId: `anonymous:${username}`, username, ip: request.ip },
        {
          action,
          resource: 'session',
          outcome: 'denied',
          reason: `refused input: ${error.message}`.slice(0, 500),
          detail: { status: statusOf(error.code) },
        },
      );
      return;
    }
    if (!principal) return;
    const route = request.routeOptions.url ?? request.url.split('?')[0] ?? '';
    const params = (request.params ?? {}) as Record<string, unknown>;
    const resourceId = typeof params.id === 'string' ? params.id.slice(0, 200) : null;
    await audit.record(
      { ...principal, ip: request.ip },
      {
        action: 'http.refused',
        resource: route.slice(0, 200),
        resourceId,
        outcome: 'denied',
        reason: error.message.slice(0, 500),
        detail: { method: request.method, route: route.slice(0, 200), status: statusOf(error.code) },
      },
    );
  };
}
