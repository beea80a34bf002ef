import type { ExpressionBuilder, Kysely, Selectable } from 'kysely';
import type { DB, UsersTable } from '../../platform/db/schema.ts';
import type { Role } from '../../platform/auth/roles.ts';
import type { AuthUser } from '../../platform/auth/user-store.ts';

/** An account; the repo is the auth service's `UserStore`. */
export interface UserRecord extends AuthUser {
  /** The latest lock from failed logins, from any source address (it may have run out). */
  lockedUntil: Date | null;
  createdAt: Date;
}

/** The latest lock of the account from failed logins (`login_failures`, per source address). */
const lockOf = (eb: ExpressionBuilder<DB, 'users'>) =>
  eb
    .selectFrom('login_failures as lf')
    .select((f) => f.fn.max('lf.locked_until').as('m'))
    .whereRef('lf.tenant_code', '=', 'users.tenant_code')
    .whereRef('lf.username', '=', 'users.username')
    .as('source_locked_until');

function toUser(row: Selectable<UsersTable> & { source_locked_until: Date | string | null }): UserRecord {
  return {
    id: row.id,
    tenantCode: row.tenant_code,
    username: row.username,
    displayName: row.display_name,
    passwordHash: row.password_hash,
    roles: row.roles as Role[],
    orgId: row.org_id,
    status: row.status,
    lockedUntil: row.source_locked_until ? new Date(row.source_locked_until) : null,
    lastLoginAt: row.last_login_at ? new Date(row.last_login_at) : null,
    createdAt: new Date(row.created_at),
  };
}

export interface UserPatch {
  displayName?: string | undefined;
  roles?: Role[] | undefined;
  orgId?: string | undefined;
  status?: 'active' | 'disabled' | undefined;
  passwordHash?: string | undefined;
}

export function createUsersRepo() {
  return {
    async findByUsername(
      db: Kysely<DB>,
      tenantCode: string,
      username: string,
    ): Promise<UserRecord | undefined> {
      const row = await db
        .selectFrom('users')
        .selectAll()
        .select(lockOf)
        .where('tenant_code', '=', tenantCode)
        .where('username', '=', username)
        .executeTakeFirst();
      return row && toUser(row);
    },
    async findById(db: Kysely<DB>, tenantCode: string, id: string): Promise<UserRecord | undefined> {
      const row = await db
        .selectFrom('users')
        .selectAll()
        .select(lockOf)
        .where('tenant_code', '=', tenantCode)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toUser(row);
    },
    async list(
      db: Kysely<DB>,
      tenantCode: string,
      query: { q?: string | undefined; orgIds?: string[] | undefined; limit: number; offset: number },
    ): Promise<{ items: UserRecord[]; total: number }> {
      let base = db.selectFrom('users').where('tenant_code', '=', tenantCode);
      if (query.q) {
        const like = `%${query.q.replace(/[%_]/g, '')}%`;
        base = base.where((eb) => eb.or([eb('username', 'like', like), eb('display_name', 'like', like)]));
      }
      if (query.orgIds) base = base.where('org_id', 'in', query.orgIds.length ? query.orgIds : ['']);
      const [rows, count] = await Promise.all([
        base.selectAll().select(lockOf).orderBy('username').limit(query.limit).offset(query.offset).execute(),
        base.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(toUser), total: Number(count.n) };
    },
    async insert(db: Kysely<DB>, user: Omit<UserRecord, 'lockedUntil' | 'lastLoginAt' | 'createdAt'>) {
      await db
        .insertInto('users')
        .values({
          id: user.id,
          tenant_code: user.tenantCode,
          username: user.username,
          display_name: user.displayName,
          password_hash: user.passwordHash,
          roles: user.roles,
          org_id: user.orgId,
          status: user.status,
        })
        .execute();
    },
    async update(db: Kysely<DB>, tenantCode: string, id: string, patch: UserPatch, now: Date): Promise<void> {
      await db
        .updateTable('users')
        .set({
          ...(patch.displayName !== undefined ? { display_name: patch.displayName } : {}),
          ...(patch.roles !== undefined ? { roles: patch.roles } : {}),
          ...(patch.orgId !== undefined ? { org_id: patch.orgId } : {}),
          ...(patch.status !== undefined ? { status: patch.status } : {}),
          ...(patch.passwordHash !== undefined ? { password_hash: patch.passwordHash } : {}),
          updated_at: now,
        })
        .where('tenant_code', '=', tenantCode)
        .where('id', '=', id)
        .execute();
    },
    async recordLoginSuccess(db: Kysely<DB>, tenantCode: string, id: string, now: Date): Promise<void> {
      await db
        .updateTable('users')
        .set({ last_login_at: now })
        .where('tenant_code', '=', tenantCode)
        .where('id', '=', id)
        .execute();
    },
  };
}
export type UsersRepo = ReturnType<typeof createUsersRepo>;
