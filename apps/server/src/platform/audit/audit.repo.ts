import { type Kysely, type Selectable, sql } from 'kysely';
import type { AuditCheckpointsTable, AuditLogTable, DB } from '../db/schema.ts';
import { type AuditEntry, GENESIS_HASH, keyedChainHash, type StoredAuditEntry } from './audit-chain.ts';
import type { AuditCheckpoint } from './audit-checkpoints.ts';

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
    hashAlg: row.hash_alg,
  };
}

function toCheckpoint(row: Selectable<AuditCheckpointsTable>): AuditCheckpoint {
  return {
    tenantCode: row.tenant_code,
    seq: Number(row.seq),
    headHash: row.head_hash,
    recordCount: Number(row.record_count),
    at: new Date(row.at).toISOString(),
    keyId: row.key_id,
    signature: row.signature,
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
    /**
     * Appends inside the caller's transaction, so the record commits (or rolls back) with the change. The hash
     * is HMAC-SM3 under the audit key, chained to the previous record's.
     */
    async append(trx: Kysely<DB>, entry: NewAuditEntry, key: Buffer): Promise<StoredAuditEntry> {
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
      const hash = keyedChainHash(key, prevHash, full);
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
          hash_alg: 'hmac-sm3',
        })
        .execute();
      return { ...full, prevHash, hash, hashAlg: 'hmac-sm3' };
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

    /** Streams a tenant's chain in order (from after record `from`), in pages, for verification. */
    async *scan(
      db: Kysely<DB>,
      tenantCode: string,
      from = 0,
      pageSize = 5_000,
    ): AsyncGenerator<StoredAuditEntry> {
      let after = from;
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

    async record(db: Kysely<DB>, tenantCode: string, seq: number): Promise<StoredAuditEntry | undefined> {
      const row = await db
        .selectFrom('audit_log')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .where('seq', '=', seq)
        .executeTakeFirst();
      return row && toEntry(row);
    },

    async headSeq(db: Kysely<DB>, tenantCode: string): Promise<number> {
      const row = await db
        .selectFrom('audit_log')
        .select('seq')
        .where('tenant_code', '=', tenantCode)
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row ? Number(row.seq) : 0;
    },

    async tenantsWithAudit(db: Kysely<DB>): Promise<string[]> {
      const rows = await db.selectFrom('audit_log').select('tenant_code').distinct().execute();
      return rows.map((r) => r.tenant_code);
    },

    /** Stores a checkpoint; false when one for that record exists already (another server wrote it). */
    async insertCheckpoint(db: Kysely<DB>, cp: AuditCheckpoint): Promise<boolean> {
      const inserted = await db
        .insertInto('audit_checkpoints')
        .values({
          tenant_code: cp.tenantCode,
          seq: cp.seq,
          head_hash: cp.headHash,
          record_count: cp.recordCount,
          at: cp.at,
          key_id: cp.keyId,
          signature: cp.signature,
        })
        .onConflict((oc) => oc.columns(['tenant_code', 'seq']).doNothing())
        .returning('seq')
        .executeTakeFirst();
      return inserted !== undefined;
    },

    /** A tenant's checkpoints, newest first. */
    async checkpoints(
      db: Kysely<DB>,
      tenantCode: string,
      page?: { limit: number; offset: number },
    ): Promise<{ items: AuditCheckpoint[]; total: number }> {
      const base = db.selectFrom('audit_checkpoints').where('tenant_code', '=', tenantCode);
      let rows = base.selectAll().orderBy('seq', 'desc');
      if (page) rows = rows.limit(page.limit).offset(page.offset);
      const [items, count] = await Promise.all([
        rows.execute(),
        base.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items: items.map(toCheckpoint), total: Number(count.n) };
    },

    async tenantsWithCheckpoints(db: Kysely<DB>): Promise<string[]> {
      const rows = await db.selectFrom('audit_checkpoints').select('tenant_code').distinct().execute();
      return rows.map((r) => r.tenant_code);
    },
  };
}
export type AuditRepo = ReturnType<typeof createAuditRepo>;
