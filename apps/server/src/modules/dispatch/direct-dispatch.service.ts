import { canReach, requireRole } from '../../platform/auth/guard.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { invalid } from '../../platform/http/errors.ts';
import type { Unit } from '../units/index.ts';
import { createUnitAssignment, requireAssignable } from './assign-units.ts';
import { COMMAND, type DispatchDeps } from './dispatch-deps.ts';
import type { AssignmentRow } from './dispatch.repo.ts';

/** Direct dispatch by the command room (one click from the recommendation list). */
export function createDirectDispatchService(deps: DispatchDeps) {
  const { db, repo, units, incidents, orgs, audit, bus } = deps;
  const assignment = createUnitAssignment(deps);

  return {
    /** Sends the units; answers every unit the incident has had, oldest first. */
    async dispatch(principal: Principal, incidentId: string, unitIds: string[]): Promise<AssignmentRow[]> {
      requireRole(principal, COMMAND, 'Dispatching units');
      await incidents.get(principal, incidentId);
      const dir = await orgs.directory(principal.tenantCode);
      const chosen: Unit[] = [];
      for (const id of new Set(unitIds)) {
        const u = await units.get(db, principal.tenantCode, id);
        if (!u || !canReach(principal, dir.pathOf(u.stationId)))
          throw invalid('/unitIds', `unit "${id}" does not exist or is outside your scope`);
        requireAssignable(u);
        chosen.push(u);
      }
      const etas = await assignment.etasFor(principal, incidentId, chosen);
      await db.transaction().execute(async (trx) => {
        await assignment.assignUnits(trx, principal, incidentId, chosen, null, etas);
        await audit.write(trx, principal, {
          action: 'incident.dispatch',
          resource: 'incident',
          resourceId: incidentId,
          detail: { unitIds: chosen.map((u) => u.id) },
        });
      });
      bus.kick();
      await assignment.markDispatched(principal, incidentId);
      return repo.assignments(db, principal.tenantCode, incidentId);
    },

    /** Every unit the incident has had, oldest first: whoever may read the incident may see them. */
    async assignments(principal: Principal, incidentId: string): Promise<AssignmentRow[]> {
      await incidents.get(principal, incidentId);
      return repo.assignments(db, principal.tenantCode, incidentId);
    },
  };
}
