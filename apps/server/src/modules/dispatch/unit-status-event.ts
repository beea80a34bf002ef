import type { Kysely } from 'kysely';
import { enqueue } from '../../platform/bus/outbox.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { Unit } from '../units/index.ts';

/**
 * The `unit.status` event of a state change that dispatch makes (en route on assignment, returning on
 * release), so consoles see it like any status report. The same payload as the units module's own status
 * reports; dispatch builds it here only.
 */
export async function enqueueUnitStatus(
  trx: Kysely<DB>,
  change: {
    tenantCode: string;
    unit: Unit;
    status: string;
    incidentId: string | null;
    at: Date;
    /** The org ids of the unit's station and its ancestors (who may see the change). */
    orgPath: readonly string[];
  },
): Promise<void> {
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
