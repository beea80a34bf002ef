import type { Kysely } from 'kysely';
import { enqueue } from '../../platform/bus/outbox.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { Unit } from './units.repo.ts';

/** A unit's change of state, for the `unit.status` live event. */
export interface UnitStatusChange {
  tenantCode: string;
  /** The unit as it was before the change (its `status` is the state it leaves). */
  unit: Pick<Unit, 'id' | 'callsign' | 'stationId' | 'status'>;
  /** The state it enters. */
  status: string;
  incidentId: string | null;
  at: Date;
  /** The unit's station with all its ancestors (`OrgDirectory.pathOf(stationId)`): who may see the event. */
  orgPath: readonly string[];
}

/**
 * Writes the `unit.status` event of a change in the caller's transaction (delivered after commit). The one
 * place that builds this event: a status report here, a dispatch, commit or release in the dispatch module.
 */
export async function enqueueUnitStatus(trx: Kysely<DB>, change: UnitStatusChange): Promise<void> {
  const { unit } = change;
  await enqueue(
    trx,
    change.tenantCode,
    'unit.status',
    {
      unitId: unit.id,
      callsign: unit.callsign,
      stationId: unit.stationId,
      from: unit.status,
      status: change.status,
      incidentId: change.incidentId,
      at: change.at.toISOString(),
    },
    change.orgPath,
  );
}
