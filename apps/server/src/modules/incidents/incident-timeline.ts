import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';

/** One entry of an incident's append-only timeline, written by another module about the incident. */
export interface TimelineEntryInput {
  tenantCode: string;
  incidentId: string;
  kind: string;
  /** Who or what made the entry: a username, or a process such as `timer`. */
  actor: string;
  /** The user's id when a user made it. */
  actorId?: string | null | undefined;
  note?: string | null | undefined;
  detail: Record<string, unknown>;
  at: Date;
}

/** Appends a timeline entry in the caller's transaction (the caller audits and announces its own change). */
export async function appendTimelineEntry(trx: Kysely<DB>, entry: TimelineEntryInput): Promise<void> {
  await trx
    .insertInto('incident_events')
    .values({
      tenant_code: entry.tenantCode,
      incident_id: entry.incidentId,
      at: entry.at,
      actor_id: entry.actorId ?? null,
      actor: entry.actor,
      kind: entry.kind,
      note: entry.note ?? null,
      detail: JSON.stringify(entry.detail),
    })
    .execute();
}

/** The timeline entries of one kind on the given incidents (e.g. which timer warnings were already sent). */
export async function timelineEntriesOfKind(
  db: Kysely<DB>,
  tenantCode: string,
  incidentIds: readonly string[],
  kind: string,
): Promise<{ incidentId: string; detail: Record<string, unknown> }[]> {
  if (incidentIds.length === 0) return [];
  const rows = await db
    .selectFrom('incident_events')
    .select(['incident_id', 'detail'])
    .where('tenant_code', '=', tenantCode)
    .where('kind', '=', kind)
    .where('incident_id', 'in', [...incidentIds])
    .execute();
  return rows.map((r) => ({ incidentId: r.incident_id, detail: r.detail }));
}
