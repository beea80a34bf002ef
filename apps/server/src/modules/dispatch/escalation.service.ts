import { type IncidentStatus, isOpen } from '@ronghui/dispatch';
import { requireRole } from '../../platform/auth/guard.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { enqueue } from '../../platform/bus/outbox.ts';
import { conflict, notFound } from '../../platform/http/errors.ts';
import { COMMAND, type DispatchDeps } from './dispatch-deps.ts';

/**
 * A joint area's command room refers an incident up to the county command centre (cross-area support, or
 * more than the area can give): the incident joins the county's queue, its timeline and the audit say who
 * referred it and why, and county consoles are alerted.
 */
export function createEscalationService(deps: DispatchDeps) {
  const { db, incidents, orgs, audit, bus } = deps;

  return {
    async escalate(principal: Principal, incidentId: string, reason: string) {
      requireRole(principal, COMMAND, 'Referring incidents up');
      if (principal.scopeKind === 'tenant')
        throw conflict('you are the county command centre: there is no command above to refer to');
      const incident = await incidents.get(principal, incidentId);
      if (!isOpen(incident.status as IncidentStatus))
        throw conflict(`the incident is ${incident.status}: nothing to refer`, { current: incident.status });
      const dir = await orgs.directory(principal.tenantCode);
      const county = dir.root();
      if (!county) throw notFound('county command', principal.tenantCode);
      if (incident.timeline.some((e) => e.kind === 'org-linked' && e.detail?.role === 'escalated'))
        throw conflict('the incident has already been referred to the county command centre');
      const from = dir.get(principal.orgId);
      await db.transaction().execute(async (trx) => {
        // The reason stays on the timeline for whoever opens the incident later.
        await incidents.linkOrg(trx, principal, incidentId, county.id, 'escalated', reason);
        await audit.write(trx, principal, {
          action: 'incident.escalate',
          resource: 'incident',
          resourceId: incidentId,
          detail: { number: incident.number, from: from?.name ?? principal.orgId, reason },
        });
        await enqueue(
          trx,
          principal.tenantCode,
          'incident.escalated',
          {
            incidentId,
            number: incident.number,
            fromOrgId: principal.orgId,
            fromName: from?.name ?? '',
            by: principal.username,
            reason,
          },
          // County-wide users only: an event whose orgs are the county root reaches no narrower scope.
          [county.id],
        );
      });
      bus.kick();
      return incidents.get(principal, incidentId);
    },
  };
}
