import type { FastifyRequest } from 'fastify';
import type { AuditService } from '../audit/audit.service.ts';
import type { Principal } from '../auth/principal.ts';
import { type DomainError, statusOf } from './errors.ts';
import type { RefusalRecorder } from './problem.ts';

/**
 * Audits what a signed-in user was refused (401, 403, or a 404 for something missing or outside their
 * scope): who, which route, the outcome `denied` and the reason the answer gave. Anonymous requests are not
 * recorded here (login attempts are audited by the auth service).
 */
export function createRefusalRecorder(audit: Pick<AuditService, 'record'>): RefusalRecorder {
  return async (request: FastifyRequest, error: DomainError) => {
    const principal = (request as FastifyRequest & { principal?: Principal | null }).principal;
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
