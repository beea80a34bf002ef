import { maskIdNumber, maskName, maskPhone } from '@ronghui/ids';
import type { AuditService } from '../audit/audit.service.ts';
import { requireRole } from '../auth/guard.ts';
import type { Principal } from '../auth/principal.ts';
import type { Role } from '../auth/roles.ts';
import { invalid, markAudited } from '../http/errors.ts';

/** Kinds of personal data the server masks by default (个人信息保护法: ID numbers are sensitive). */
export type PersonalKind = 'id-number' | 'phone' | 'name';

const MASKERS: Record<PersonalKind, (value: string) => string> = {
  'id-number': maskIdNumber,
  phone: maskPhone,
  name: maskName,
};

/** Roles whose duty can require the full value (with a stated reason). Administrators and auditors never. */
export const UNMASK_ROLES: readonly Role[] = [
  'dispatcher',
  'commander',
  'officer',
  'analyst',
  'clerk',
  'grid-worker',
];

export function mask(kind: PersonalKind, value: string | null | undefined): string | null {
  return value ? MASKERS[kind](value) : null;
}

export interface UnmaskRequest {
  resource: string;
  resourceId: string;
  field: string;
  kind: PersonalKind;
  value: string;
  reason: string | undefined;
}

/**
 * Returns the full value only to a role that may see it and only with a stated reason; every reveal is
 * audited with that reason, and a refused attempt is audited too.
 */
export function createPrivacy(deps: { audit: AuditService }) {
  /** Refuses (403, audited) a role that may never see full values, before anything is looked up. */
  async function requireUnmaskRole(
    principal: Principal,
    req: Pick<UnmaskRequest, 'resource' | 'resourceId' | 'field' | 'reason'>,
  ): Promise<void> {
    try {
      requireRole(principal, UNMASK_ROLES, 'Showing unmasked personal data');
    } catch (error) {
      await deps.audit.record(principal, {
        action: 'personal.unmask',
        resource: req.resource,
        resourceId: req.resourceId,
        outcome: 'denied',
        reason: req.reason?.trim() || null,
        detail: { field: req.field },
      });
      throw markAudited(error);
    }
  }

  return {
    mask,
    requireUnmaskRole,
    async reveal(principal: Principal, req: UnmaskRequest): Promise<string> {
      const reason = req.reason?.trim() ?? '';
      await requireUnmaskRole(principal, req);
      if (reason.length < 4)
        throw invalid('/reason', 'state why you need the full value (at least 4 characters)');
      await deps.audit.record(principal, {
        action: 'personal.unmask',
        resource: req.resource,
        resourceId: req.resourceId,
        reason,
        detail: { field: req.field },
      });
      return req.value;
    },
  };
}
export type Privacy = ReturnType<typeof createPrivacy>;
