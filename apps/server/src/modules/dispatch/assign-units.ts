import type { Kysely } from 'kysely';
import type { Principal } from '../../platform/auth/principal.ts';
import { enqueue } from '../../platform/bus/outbox.ts';
import type { DB } from '../../platform/db/schema.ts';
import { conflict } from '../../platform/http/errors.ts';
import type { Unit } from '../units/index.ts';
import type { DispatchDeps } from './dispatch-deps.ts';
import { enqueueUnitStatus } from '../units/index.ts';
import { incidentAudience } from '../incidents/index.ts';

/** A unit may be sent when it is free: available, or on its way home. */
export function requireAssignable(u: Unit): void {
  if (u.status !== 'available' && u.status !== 'returning')
    throw conflict(`unit ${u.callsign} is ${u.status}, not available`);
}

/** Sending units to an incident, shared by a station's commit and the command room's direct dispatch. */
export function createUnitAssignment(deps: DispatchDeps) {
  const { repo, units, incidents, orgs, routing, clock, log } = deps;

  return {
    /** Road ETAs (seconds) of the units with a position, live road events included. */
    async etasFor(principal: Principal, incidentId: string, list: Unit[]): Promise<Map<string, number>> {
      const incident = await incidents.get(principal, incidentId);
      const located = list.filter((u) => u.position);
      const times = routing.travelTimes(
        principal.tenantCode,
        located.map((u) => [u.position!.lon, u.position!.lat] as const),
        [incident.location.lon, incident.location.lat],
      );
      return new Map(located.map((u, i) => [u.id, times[i]!.etaS]));
    },

    /**
     * Assigns units to an incident in the caller's transaction: the units go en route (with their status
     * event), the incident concerns their stations, and the incident's consoles hear of the units.
     */
    async assignUnits(
      trx: Kysely<DB>,
      principal: Principal,
      incidentId: string,
      chosen: Unit[],
      requestId: string | null,
      etas: Map<string, number>,
    ): Promise<void> {
      const now = clock.now();
      const dir = await orgs.directory(principal.tenantCode);
      await repo.assign(
        trx,
        chosen.map((u) => ({
          tenant_code: principal.tenantCode,
          incident_id: incidentId,
          unit_id: u.id,
          request_id: requestId,
          eta_s: etas.get(u.id) ?? null,
          dispatched_at: now,
          dispatched_by: principal.username,
        })),
      );
      for (const u of chosen) {
        await units.setStatus(trx, principal.tenantCode, u, {
          status: 'en-route',
          incidentId,
          note: requestId ? `request ${requestId}` : null,
          at: now,
          actor: principal.username,
        });
        await enqueueUnitStatus(trx, {
          tenantCode: principal.tenantCode,
          unit: u,
          status: 'en-route',
          incidentId,
          at: now,
          orgPath: dir.pathOf(u.stationId),
        });
      }
      for (const stationId of new Set(chosen.map((u) => u.stationId))) {
        await incidents.linkOrg(trx, principal, incidentId, stationId, 'responding');
      }
      await enqueue(
        trx,
        principal.tenantCode,
        'incident.units',
        { incidentId, unitIds: chosen.map((u) => u.id), change: 'dispatched' },
        await incidentAudience(trx, principal.tenantCode, incidentId),
      );
    },

    /**
     * After units were sent (committed): a received or answered incident becomes dispatched. The units are
     * on their way whatever happens here, so a failure (the incident moved on meanwhile, say) does not fail
     * the dispatch; it is logged with what it concerned.
     */
    async markDispatched(principal: Principal, incidentId: string): Promise<void> {
      try {
        const incident = await incidents.get(principal, incidentId);
        if (incident.status === 'received' || incident.status === 'answered') {
          await incidents.changeStatus(principal, incidentId, { status: 'dispatched' });
        }
      } catch (error) {
        log.warn(
          { err: error, tenant: principal.tenantCode, incidentId, by: principal.username },
          'units were dispatched but the incident could not be marked dispatched',
        );
      }
    },
  };
}
export type UnitAssignment = ReturnType<typeof createUnitAssignment>;
