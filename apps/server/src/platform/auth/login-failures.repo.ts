import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';

/** The failures of one account name from one source address. */
export interface LoginFailures {
  failures: number;
  lockedUntil: Date | null;
}

/**
 * Failed logins counted per (tenant, account name, source address). Names that do not exist are counted
 * like the others, so the answers to a login never tell whether an account exists.
 */
export function createLoginFailuresRepo() {
  return {
    async find(
      db: Kysely<DB>,
      key: { tenantCode: string; username: string; sourceIp: string },
    ): Promise<LoginFailures | undefined> {
      const row = await db
        .selectFrom('login_failures')
        .select(['failures', 'locked_until'])
        .where('tenant_code', '=', key.tenantCode)
        .where('username', '=', key.username)
        .where('source_ip', '=', key.sourceIp)
        .executeTakeFirst();
      return (
        row && { failures: row.failures, lockedUntil: row.locked_until ? new Date(row.locked_until) : null }
      );
    },

    /**
     * Counts one failure in one statement (concurrent attempts cannot slip past the limit). The count starts
     * afresh when the previous failure is older than `forgetBefore` or its lock has run out; reaching
     * `maxFailures` locks until `lockUntil`.
     */
    async record(
      db: Kysely<DB>,
      key: { tenantCode: string; username: string; sourceIp: string },
      at: { now: Date; forgetBefore: Date; lockUntil: Date; maxFailures: number },
    ): Promise<LoginFailures> {
      const fresh = sql<boolean>`(login_failures.last_failure_at < ${at.forgetBefore}
        OR (login_failures.locked_until IS NOT NULL AND login_failures.locked_until <= ${at.now}))`;
      const next = sql<number>`CASE WHEN ${fresh} THEN 1 ELSE login_failures.failures + 1 END`;
      const row = await db
        .insertInto('login_failures')
        .values({
          tenant_code: key.tenantCode,
          username: key.username,
          source_ip: key.sourceIp,
          failures: 1,
          locked_until: at.maxFailures <= 1 ? at.lockUntil : null,
          last_failure_at: at.now,
        })
        .onConflict((oc) =>
          oc.columns(['tenant_code', 'username', 'source_ip']).doUpdateSet({
            failures: next,
            locked_until: sql`CASE WHEN ${next} >= ${at.maxFailures} THEN ${at.lockUntil}::timestamptz
              WHEN ${fresh} THEN NULL ELSE login_failures.locked_until END`,
            last_failure_at: at.now,
          }),
        )
        .returning(['failures', 'locked_until'])
        .executeTakeFirstOrThrow();
      return { failures: row.failures, lockedUntil: row.locked_until ? new Date(row.locked_until) : null };
    },

    /** A successful login from this address forgets its failures (other addresses keep theirs). */
    async clear(db: Kysely<DB>, key: { tenantCode: string; username: string; sourceIp: string }) {
      await db
        .deleteFrom('login_failures')
        .where('tenant_code', '=', key.tenantCode)
        .where('username', '=', key.username)
        .where('source_ip', '=', key.sourceIp)
        .execute();
    },

    /** Unlocking an account forgets its failures from every address. */
    async clearAccount(db: Kysely<DB>, tenantCode: string, username: string) {
      await db
        .deleteFrom('login_failures')
        .where('tenant_code', '=', tenantCode)
        .where('username', '=', username)
        .execute();
    },

    /** The latest lock of an account from any address, while it lasts. */
    async lockedUntil(db: Kysely<DB>, tenantCode: string, username: string, now: Date): Promise<Date | null> {
      const row = await db
        .selectFrom('login_failures')
        .select((eb) => eb.fn.max('locked_until').as('until'))
        .where('tenant_code', '=', tenantCode)
        .where('username', '=', username)
        .where('locked_until', '>', now)
        .executeTakeFirst();
      return row?.until ? new Date(row.until) : null;
    },

    /** Drops rows that neither count (older than `before`) nor lock any more. */
    async prune(db: Kysely<DB>, before: Date, now: Date) {
      await db
        .deleteFrom('login_failures')
        .where('last_failure_at', '<', before)
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
        .execute();
    },
  };
}
export type LoginFailuresRepo = ReturnType<typeof createLoginFailuresRepo>;
