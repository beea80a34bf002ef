import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { EventEnvelope, EventMap, Topic } from './events.ts';

/** Writes an event in the caller's transaction; the relay publishes it after commit. */
export async function enqueue<T extends Topic>(
  trx: Kysely<DB>,
  tenantCode: string,
  topic: T,
  payload: EventMap[T],
  orgIds: readonly string[] = [],
  /** Addressed to these users: besides them, only roles that oversee the resource (within scope) hear it. */
  userIds?: readonly string[],
): Promise<void> {
  await trx
    .insertInto('outbox')
    .values({
      tenant_code: tenantCode,
      topic,
      payload: JSON.stringify(payload),
      org_ids: [...orgIds],
      user_ids: userIds ? [...new Set(userIds)] : null,
    })
    .execute();
}

/**
 * Claims a batch of unpublished events, hands them to `deliver`, and marks them published in the same
 * transaction. If delivery throws, nothing is marked and the batch is retried. SKIP LOCKED lets several
 * server processes relay one outbox without double work.
 */
export async function relayBatch(
  db: Kysely<DB>,
  deliver: (events: EventEnvelope[]) => Promise<void>,
  limit = 500,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('outbox')
      .selectAll()
      .where('published_at', 'is', null)
      .orderBy('id')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    if (rows.length === 0) return 0;
    const events = rows.map(
      (r): EventEnvelope => ({
        id: Number(r.id),
        tenantCode: r.tenant_code,
        topic: r.topic as Topic,
        payload: r.payload as EventMap[Topic],
        orgIds: r.org_ids,
        ...(r.user_ids ? { userIds: r.user_ids } : {}),
        at: new Date(r.created_at).toISOString(),
      }),
    );
    await deliver(events);
    await trx
      .updateTable('outbox')
      .set({ published_at: sql`now()` })
      .where(
        'id',
        'in',
        events.map((e) => e.id),
      )
      .execute();
    return rows.length;
  });
}
