import {
  auditCheckpointKey,
  auditCheckpointPage,
  auditCheckpointQuery,
  auditPage,
  auditQuery,
  auditVerifyResult,
} from '@ronghui/contracts';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { requireRole, requireUser } from '../../platform/auth/guard.ts';
import { DomainError } from '../../platform/http/errors.ts';
import type { App } from '../../platform/http/app-types.ts';
import { READ_ACCESS } from '../../platform/auth/read-access.ts';

/** The audit trail is for the auditor alone (三员分立); searching it is itself audited. */
export function registerAuditRoutes(app: App, audit: AuditService) {
  app.get(
    '/api/audit',
    { schema: { tags: ['audit'], querystring: auditQuery, response: { 200: auditPage } } },
    async (request) => {
      const principal = requireUser(request);
      requireRole(principal, READ_ACCESS.audit, 'Reading the audit trail');
      const q = request.query;
      const result = await audit.search({
        tenantCode: principal.tenantCode,
        from: q.from ? new Date(q.from) : undefined,
        to: q.to ? new Date(q.to) : undefined,
        actor: q.actor,
        action: q.action,
        outcome: q.outcome,
        q: q.q,
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
      await audit.record(principal, { action: 'audit.search', resource: 'audit', detail: { ...q } });
      return {
        total: result.total,
        items: result.items.map((e) => ({
          seq: e.seq,
          at: e.at.toISOString(),
          actor: e.actor,
          actorId: e.actorId,
          action: e.action,
          resource: e.resource,
          resourceId: e.resourceId,
          outcome: e.outcome,
          reason: e.reason,
          ip: e.ip,
          detail: e.detail,
          hash: e.hash,
          hashAlg: e.hashAlg,
        })),
      };
    },
  );
  app.post(
    '/api/audit/verify',
    { schema: { tags: ['audit'], response: { 200: auditVerifyResult } } },
    async (request) => {
      const principal = requireUser(request);
      requireRole(principal, ['auditor'], 'Verifying the audit trail');
      const result = await audit.verify(principal.tenantCode, request.log);
      await audit.record(principal, {
        action: 'audit.verify',
        resource: 'audit',
        detail: { ok: result.ok, checked: result.checked, checkpointsChecked: result.checkpointsChecked },
      });
      return result;
    },
  );
  app.get(
    '/api/audit/checkpoints',
    {
      schema: { tags: ['audit'], querystring: auditCheckpointQuery, response: { 200: auditCheckpointPage } },
    },
    async (request) => {
      const principal = requireUser(request);
      requireRole(principal, READ_ACCESS.audit, 'Reading the audit checkpoints');
      const q = request.query;
      const result = await audit.listCheckpoints(principal.tenantCode, {
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
      await audit.record(principal, { action: 'audit.checkpoints', resource: 'audit', detail: { ...q } });
      return result;
    },
  );
  app.get(
    '/api/audit/checkpoint-key',
    { schema: { tags: ['audit'], response: { 200: auditCheckpointKey } } },
    async (request) => {
      const principal = requireUser(request);
      requireRole(principal, READ_ACCESS.audit, 'Reading the audit checkpoint key');
      const key = audit.checkpointKey();
      if (!key)
        throw new DomainError('unavailable', 'No checkpoint key', 'This server has no checkpoint key.');
      return key;
    },
  );
}
