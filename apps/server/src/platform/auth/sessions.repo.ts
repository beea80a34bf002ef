import type { Kysely, Selectable } from 'kysely';
import type { DB, SessionsTable } from '../db/schema.ts';

export interface SessionRecord {
  id: string;
  tokenHash: string;
  tenantCode: string;
  userId: string;
  kind: 'session' | 'token';
  name: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

function toRecord(row: Selectable<SessionsTable>): SessionRecord {
  return {
    id: row.id,
    tokenHash: row.token_hash,
    tenantCode: row.tenant_code,
    userId: row.user_id,
    kind: row.kind,
    name: row.name,
    createdAt: new Date(row.created_at),
    lastSeenAt: new Date(row.last_seen_at),
    expiresAt: row.expires_at ? new Date(row.expires_at) : null,
    revokedAt: row.revoked_at ? new Date(row.revoked_at) : null,
  };
}

export function createSessionsRepo() {
  return {
    async insert(
      db: Kysely<DB>,
      s: {
        id: string;
        tokenHash: string;
        tenantCode: string;
        userId: string;
        kind: 'session' | 'token';
        name: string | null;
        now: Date;
        expiresAt: Date | null;
      },
    ) {
      await db
        .insertInto('sessions')
        .values({
          id: s.id,
          token_hash: s.tokenHash,
          tenant_code: s.tenantCode,
          user_id: s.userId,
          kind: s.kind,
          name: s.name,
          created_at: s.now,
          last_seen_at: s.now,
          expires_at: s.expiresAt,
        })
        .execute();
    },
    async find(db: Kysely<DB>, tokenHash: string): Promise<SessionRecord | undefined> {
      const row = await db
        .selectFrom('sessions')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      return row && toRecord(row);
    },
    /** The user's sessions and tokens that are neither revoked nor expired (idle sessions included). */
    async listLive(
      db: Kysely<DB>,
      tenantCode: string,
      userId: string,
      now: Date,
      kind?: 'session' | 'token',
    ): Promise<SessionRecord[]> {
      let q = db
        .selectFrom('sessions')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]));
      if (kind) q = q.where('kind', '=', kind);
      const rows = await q.orderBy('created_at', 'desc').orderBy('id').execute();
      return rows.map(toRecord);
    },
    /** Revokes the live sessions/tokens of a user (all, or those with the given ids); answers their hashes. */
    async revokeOfUser(
      db: Kysely<DB>,
      tenantCode: string,
      userId: string,
      now: Date,
      only?: { ids?: string[]; kind?: 'session' | 'token' },
    ): Promise<string[]> {
      let q = db
        .updateTable('sessions')
        .set({ revoked_at: now })
        .where('tenant_code', '=', tenantCode)
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null);
      if (only?.ids) q = q.where('id', 'in', only.ids.length ? only.ids : ['']);
      if (only?.kind) q = q.where('kind', '=', only.kind);
      const rows = await q.returning('token_hash').execute();
      return rows.map((r) => r.token_hash);
    },
    async touch(db: Kysely<DB>, tokenHash: string, now: Date) {
      await db
        .updateTable('sessions')
        .set({ last_seen_at: now })
        .where('token_hash', '=', tokenHash)
        .execute();
    },
    async revoke(db: Kysely<DB>, tokenHash: string, now: Date) {
      await db.updateTable('sessions').set({ revoked_at: now }).where('token_hash', '=', tokenHash).execute();
    },
  };
}
export type SessionsRepo = ReturnType<typeof createSessionsRepo>;
