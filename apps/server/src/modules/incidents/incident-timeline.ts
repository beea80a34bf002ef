import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';

/** One entry of an incident's append-only timeline (`incident_events`), as another module writes it. */
export interface TimelineEntryInput {
  tenantCode: string;
  incidentId: string;
  at: Date;
  /** The user's id; null for the system (timers, simulator). */
  actorId: string | null;
  /** Who, as the timeline shows it (a username, or `timer`). */
  actor: string;
  /** What happened: `status`, `org-linked`, `timer-warning` … */
  kind: string;
  fromStatus?: string | null | undefined;
  toStatus?: string | null | undefined;
  note?: string | null | undefined;
  detail?: Record<string, unknown> | undefined;
}

/**
 * Appends an entry to an incident's timeline inside the caller's transaction. It writes only the entry: the
 * caller audits its own action and enqueues its own events.
 */
export async function appendTimelineEntry(trx: Kysely<DB>, entry: TimelineEntryInput): Promise<void> {
  await trx
    .insertInto('incident_events')
    .values({
      tenant_code: entry.tenantCode,
      incident_id: entry.incidentId,
      at: entry.at,
      actor_id: entry.actorId,
      actor: entry.actor,
      kind: entry.kind,
      from_status: entry.fromStatus ?? null,
      to_status: entry.toStatus ?? null,
      note: entry.note ?? null,
      detail: JSON.stringify(entry.detail ?? {}),
    })
    .execute();
}

/** Timeline entries of one kind for some incidents (e.g. which timer warnings were sent already). */
export async function timelineEntriesOfKind(
  db: Kysely<DB>,
  tenantCode: string,
  kind: string,
  incidentIds: readonly string[],
): Promise<{ incidentId: string; at: Date; detail: Record<string, unknown> }[]> {
  if (incidentIds.length === 0) return [];
  const rows = await db
    .selectFrom('incident_events')
    .select(['incident_id', 'at', 'detail'])
    .where('tenant_code', '=', tenantCode)
    .where('kind', '=', kind)
    .where('incident_id', 'in', [...incidentIds])
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ incidentId: r.incident_id, at: new Date(r.at), detail: r.detail }));
}
