import { type Kysely, type Selectable, sql } from 'kysely';
import type { AuditLogTable, DB } from '../db/schema.ts';
import { type AuditEntry, chainHash, GENESIS_HASH, type StoredAuditEntry } from './audit-chain.ts';

export type NewAuditEntry = Omit<AuditEntry, 'seq'>;

function toEntry(row: Selectable<AuditLogTable>): StoredAuditEntry {
  return {
    tenantCode: row.tenant_code,
    seq: Number(row.seq),
    at: new Date(row.at),
    actorId: row.actor_id,
    actor: row.actor,
    action: row.action,
    resource: row.resource,
    resourceId: row.resource_id,
    outcome: row.outcome,
    reason: row.reason,
    ip: row.ip,
    detail: row.detail as Record<string, unknown>,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export interface AuditQuery {
  tenantCode: string;
  from?: Date | undefined;
  to?: Date | undefined;
  actor?: string | undefined;
  action?: string | undefined;
  outcome?: 'ok' | 'denied' | 'error' | undefined;
  q?: string | undefined;
  limit: number;
  offset: number;
}

export function createAuditRepo() {
  return {
    /** Appends inside the caller's transaction, so the record commits (or rolls back) with the change. */
    async append(trx: Kysely<DB>, entry: NewAuditEntry): Promise<StoredAuditEntry> {
      // One writer at a time per tenant chain; the lock is released at commit.
      await sql`SELECT pg_advisory_xact_lock(hashtext(${`ronghui-audit:${entry.tenantCode}`}))`.execute(trx);
      const last = await trx
        .selectFrom('audit_log')
        .select(['seq', 'hash'])
        .where('tenant_code', '=', entry.tenantCode)
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirst();
      const seq = last ? Number(last.seq) + 1 : 1;
      const prevHash = last?.hash ?? GENESIS_HASH;
      // Stored timestamps keep microseconds; ours are milliseconds, so the hash input round-trips exactly.
      const full: AuditEntry = { ...entry, seq, at: new Date(entry.at.getTime()) };
      const hash = chainHash(prevHash, full);
      await trx
        .insertInto('audit_log')
        .values({
          tenant_code: full.tenantCode,
          seq,
          at: full.at,
          actor_id: full.actorId,
          actor: full.actor,
          action: full.action,
          resource: full.resource,
          resource_id: full.resourceId,
          outcome: full.outcome,
          reason: full.reason,
          ip: full.ip,
          detail: JSON.stringify(full.detail),
          prev_hash: prevHash,
          hash,
        })
        .execute();
      return { ...full, prevHash, hash };
    },

    async search(db: Kysely<DB>, query: AuditQuery): Promise<{ items: StoredAuditEntry[]; total: number }> {
      let base = db.selectFrom('audit_log').where('tenant_code', '=', query.tenantCode);
      if (query.from) base = base.where('at', '>=', query.from);
      if (query.to) base = base.where('at', '<=', query.to);
      if (query.actor) base = base.where('actor', '=', query.actor);
      if (query.action) base = base.where('action', 'like', `${query.action.replace(/[%_]/g, '')}%`);
      if (query.outcome) base = base.where('outcome', '=', query.outcome);
      if (query.q) {
        const like = `%${query.q.replace(/[%_]/g, '')}%`;
        base = base.where((eb) =>
          eb.or([
            eb('actor', 'like', like),
            eb('action', 'like', like),
            eb('resource', 'like', like),
            eb('resource_id', 'like', like),
            eb('reason', 'like', like),
            eb(sql<string>`detail::text`, 'like', like),
          ]),
        );
      }
      const [rows, count] = await Promise.all([
        base.selectAll().orderBy('seq', 'desc').limit(query.limit).offset(query.offset).execute(),
        base.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(toEntry), total: Number(count.n) };
    },

    /** Streams a tenant's chain in order, in pages, for verification. */
    async *scan(db: Kysely<DB>, tenantCode: string, pageSize = 5_000): AsyncGenerator<StoredAuditEntry> {
      let after = 0;
      for (;;) {
        const rows = await db
          .selectFrom('audit_log')
          .selectAll()
          .where('tenant_code', '=', tenantCode)
          .where('seq', '>', after)
          .orderBy('seq')
          .limit(pageSize)
          .execute();
        for (const row of rows) yield toEntry(row);
        if (rows.length < pageSize) return;
        after = Number(rows[rows.length - 1]!.seq);
      }
    },

    async tenantsWithAudit(db: Kysely<DB>): Promise<string[]> {
      const rows = await db.selectFrom('audit_log').select('tenant_code').distinct().execute();
      return rows.map((r) => r.tenant_code);
    },
  };
}
export type AuditRepo = ReturnType<typeof createAuditRepo>;
