import type { FastifyRequest } from 'fastify';
import { DomainError } from '../http/errors.ts';
import type { Principal } from './principal.ts';
import type { Role } from './roles.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    sessionToken: string | null;
  }
}

export const SESSION_COOKIE = 'rh_session';

export function requireUser(request: FastifyRequest): Principal {
  if (!request.principal) {
    throw new DomainError(
      'unauthenticated',
      'Not signed in',
      'Sign in first (session expired or missing credentials).',
    );
  }
  return request.principal;
}

/** Role check used by services: least privilege, each use-case names the roles allowed. */
export function requireRole(principal: Principal, roles: readonly Role[], what: string): void {
  if (!principal.roles.some((r) => roles.includes(r))) {
    throw new DomainError('forbidden', 'Forbidden', `${what} needs one of the roles: ${roles.join(', ')}.`);
  }
}

/** Scope check: the org must be the principal's scope org or lie below it (or be granted explicitly). */
export function canReach(
  principal: Principal,
  orgPath: readonly string[],
  extraOrgIds: readonly string[] = [],
): boolean {
  if (principal.scopeKind === 'tenant') return true;
  return orgPath.includes(principal.orgId) || extraOrgIds.includes(principal.orgId);
}
