import { type IncidentStatus, isOpen } from '@ronghui/dispatch';
import { canReach, requireRole } from '../../platform/auth/guard.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { enqueue } from '../../platform/bus/outbox.ts';
import { conflict, invalid } from '../../platform/http/errors.ts';
import { appendTimelineEntry, incidentAudience } from '../incidents/index.ts';
import { type DispatchDeps, STATION } from './dispatch-deps.ts';

/**
 * 请求增援: an officer on an incident asks the command room for more units. The request stays on the
 * incident's timeline and in the audit, and the command rooms over the incident are alerted at once; they
 * answer it the usual way (station requests or direct dispatch).
 */
export function createBackupService(deps: DispatchDeps) {
  const { db, incidents, units, orgs, audit, bus, clock } = deps;

  return {
    async requestBackup(
      principal: Principal,
      incidentId: string,
      input: { quantity: number; reason: string; unitId?: string | undefined },
    ) {
      requireRole(principal, STATION, 'Requesting backup');
      const incident = await incidents.get(principal, incidentId);
      if (!isOpen(incident.status as IncidentStatus))
        throw conflict(`the incident is ${incident.status}: no backup can be requested`, {
          current: incident.status,
        });
      let unit: { id: string; callsign: string } | null = null;
      if (input.unitId) {
        const found = await units.get(db, principal.tenantCode, input.unitId);
        const dir = await orgs.directory(principal.tenantCode);
        if (!found || !canReach(principal, dir.pathOf(found.stationId)))
          throw invalid('/unitId', `unit "${input.unitId}" does not exist or is outside your scope`);
        unit = { id: found.id, callsign: found.callsign };
      }
      const at = clock.now();
      const detail = { quantity: input.quantity, unitId: unit?.id ?? null, callsign: unit?.callsign ?? null };
      await db.transaction().execute(async (trx) => {
        await appendTimelineEntry(trx, {
          tenantCode: principal.tenantCode,
          incidentId,
          at,
          actorId: principal.userId,
          actor: principal.username,
          kind: 'backup-requested',
          note: input.reason,
          detail,
        });
        await audit.write(trx, principal, {
          action: 'incident.backup',
          resource: 'incident',
          resourceId: incidentId,
          detail: { number: incident.number, ...detail, reason: input.reason },
        });
        await enqueue(
          trx,
          principal.tenantCode,
          'incident.backup',
          {
            incidentId,
            number: incident.number,
            quantity: input.quantity,
            unitId: unit?.id ?? null,
            callsign: unit?.callsign ?? null,
            by: principal.username,
            reason: input.reason,
            at: at.toISOString(),
          },
          await incidentAudience(trx, principal.tenantCode, incidentId),
        );
      });
      bus.kick();
      return incidents.get(principal, incidentId);
    },
  };
}
