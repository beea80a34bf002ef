import type { OrgKind } from '@ronghui/contracts';
import type { Role } from './roles.ts';

/** The authenticated user of a request, with the ancestry of their org scope. */
export interface Principal {
  userId: string;
  username: string;
  displayName: string;
  tenantCode: string;
  roles: Role[];
  orgId: string;
  orgName: string;
  scopeKind: OrgKind;
  /** Ids from the tenant root down to the scope org. */
  orgPath: string[];
  sessionKind: 'session' | 'token';
  ip?: string | undefined;
}

export function hasRole(principal: Principal, ...roles: Role[]): boolean {
  return principal.roles.some((r) => roles.includes(r));
}

/** A system actor for seeds, simulators and background jobs (audited under this name). */
export function systemPrincipal(tenantCode: string, rootOrgId: string, name = 'system'): Principal {
  return {
    userId: `system:${name}`,
    username: name,
    displayName: name,
    tenantCode,
    roles: [],
    orgId: rootOrgId,
    orgName: '',
    scopeKind: 'tenant',
    orgPath: [rootOrgId],
    sessionKind: 'token',
  };
}
