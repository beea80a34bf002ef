import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

export interface SessionRecord {
  tokenHash: string;
  tenantCode: string;
  userId: string;
  kind: 'session' | 'token';
  lastSeenAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

export function createSessionsRepo() {
  return {
    async insert(
      db: Kysely<DB>,
      s: {
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
      if (!row) return undefined;
      return {
        tokenHash: row.token_hash,
        tenantCode: row.tenant_code,
        userId: row.user_id,
        kind: row.kind,
        lastSeenAt: new Date(row.last_seen_at),
        expiresAt: row.expires_at ? new Date(row.expires_at) : null,
        revokedAt: row.revoked_at ? new Date(row.revoked_at) : null,
      };
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
    async revokeAllOfUser(db: Kysely<DB>, tenantCode: string, userId: string, now: Date) {
      await db
        .updateTable('sessions')
        .set({ revoked_at: now })
        .where('tenant_code', '=', tenantCode)
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .execute();
    },
  };
}
export type SessionsRepo = ReturnType<typeof createSessionsRepo>;
