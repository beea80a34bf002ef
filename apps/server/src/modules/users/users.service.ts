import { randomUUID } from 'node:crypto';
import type { User } from '@ronghui/contracts';
import type { Kysely } from 'kysely';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { requireRole } from '../../platform/auth/guard.ts';
import { hashPassword, passwordProblem } from '../../platform/auth/password.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { ADMIN_ROLES, type Role } from '../../platform/auth/roles.ts';
import type { AuthService } from '../../platform/auth/auth.service.ts';
import { createLoginFailuresRepo } from '../../platform/auth/login-failures.repo.ts';
import { enqueue } from '../../platform/bus/outbox.ts';
import type { EventBus } from '../../platform/bus/bus.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DB } from '../../platform/db/schema.ts';
import { conflict, DomainError, invalid, notFound } from '../../platform/http/errors.ts';
import type { OrgsService } from '../orgs/index.ts';
import type { UserPatch, UserRecord, UsersRepo } from './users.repo.ts';
import { READ_ACCESS } from '../../platform/auth/read-access.ts';

const MANAGE: Role[] = ['system-admin'];
const SECURITY: Role[] = ['system-admin', 'security-admin'];
const SESSIONS: Role[] = ['security-admin'];

const isAdmin = (roles: readonly Role[]) => roles.some((r) => ADMIN_ROLES.includes(r));

/** The rules of 三员分立 that user administration through the API enforces, each with its refusal. */
const RULES = {
  'admin-accounts-by-cli':
    'Administrator accounts (system-admin, security-admin, auditor) are created, changed and have their password reset only on the server, with `npx ronghui create-admin` and `npx ronghui reset-password` (三员分立).',
  'no-admin-role-grant':
    'The administrator roles (system-admin, security-admin, auditor) are given only on the server, with `npx ronghui create-admin` (三员分立).',
  'own-roles': 'Nobody changes their own roles.',
} as const;
type Rule = keyof typeof RULES;

export function createUsersService(deps: {
  db: Kysely<DB>;
  repo: UsersRepo;
  auth: AuthService;
  orgs: OrgsService;
  audit: AuditService;
  bus: EventBus;
  clock: Clock;
}) {
  const { db, repo, auth, orgs, audit, bus, clock } = deps;
  const loginFailures = createLoginFailuresRepo();

  async function present(u: UserRecord): Promise<User> {
    const org = await orgs.lookup(u.tenantCode, u.orgId);
    const now = clock.now();
    return {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      roles: u.roles,
      scope: { kind: org?.kind ?? 'unknown', orgId: u.orgId, orgName: org?.name ?? '' },
      status: u.status,
      lockedUntil: u.lockedUntil && u.lockedUntil > now ? u.lockedUntil.toISOString() : null,
      lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
      createdAt: u.createdAt.toISOString(),
    };
  }

  async function checkOrg(tenantCode: string, orgId: string) {
    if (!(await orgs.lookup(tenantCode, orgId)))
      throw invalid('/orgId', `org "${orgId}" does not exist in this tenant`);
  }

  async function load(principal: Principal, id: string) {
    const user = await repo.findById(db, principal.tenantCode, id);
    if (!user) throw notFound('user', id);
    return user;
  }

  /** Records the refusal and answers 403 naming the rule. */
  async function refuse(
    principal: Principal,
    action: string,
    rule: Rule,
    resourceId: string | null,
    detail: Record<string, unknown> = {},
  ): Promise<never> {
    await audit.record(principal, {
      action,
      resource: 'user',
      resourceId,
      outcome: 'denied',
      reason: rule,
      detail,
    });
    throw new DomainError('forbidden', 'Forbidden', RULES[rule], { rule });
  }

  async function change(
    principal: Principal,
    user: UserRecord,
    action: string,
    patch: UserPatch,
    detail: Record<string, unknown>,
    event: 'updated' | 'password' | 'unlocked',
  ) {
    let endedSessions = false;
    await db.transaction().execute(async (trx) => {
      if (event === 'unlocked') await loginFailures.clearAccount(trx, principal.tenantCode, user.username);
      else await repo.update(trx, principal.tenantCode, user.id, patch, clock.now());
      if (event === 'password' || patch.status === 'disabled') {
        await auth.endSessionsIn(trx, principal.tenantCode, user.id);
        endedSessions = true;
      }
      await audit.write(trx, principal, { action, resource: 'user', resourceId: user.id, detail });
      await enqueue(trx, principal.tenantCode, 'user.changed', {
        userId: user.id,
        username: user.username,
        change: event,
      });
    });
    if (endedSessions) auth.sessionsEnded({ userId: user.id, tenantCode: principal.tenantCode });
    bus.kick();
  }

  return {
    present,
    async list(principal: Principal, query: { q?: string | undefined; page: number; pageSize: number }) {
      requireRole(principal, READ_ACCESS.user, 'Listing users');
      const result = await repo.list(db, principal.tenantCode, {
        q: query.q,
        limit: query.pageSize,
        offset: (query.page - 1) * query.pageSize,
      });
      await audit.record(principal, {
        action: 'user.list',
        resource: 'user',
        detail: { q: query.q ?? null, page: query.page, returned: result.items.length },
      });
      return { items: await Promise.all(result.items.map(present)), total: result.total };
    },
    async create(
      principal: Principal,
      input: { username: string; displayName: string; password: string; roles: Role[]; orgId: string },
    ) {
      requireRole(principal, MANAGE, 'Creating users');
      if (isAdmin(input.roles))
        await refuse(principal, 'user.create', 'admin-accounts-by-cli', null, {
          username: input.username,
          roles: input.roles,
        });
      const problem = passwordProblem(input.password);
      if (problem) throw invalid('/password', problem);
      await checkOrg(principal.tenantCode, input.orgId);
      if (await repo.findByUsername(db, principal.tenantCode, input.username)) {
        throw conflict(`username "${input.username}" is already taken`);
      }
      const id = randomUUID();
      const passwordHash = await hashPassword(input.password);
      await db.transaction().execute(async (trx) => {
        await repo.insert(trx, {
          id,
          tenantCode: principal.tenantCode,
          username: input.username,
          displayName: input.displayName,
          passwordHash,
          roles: input.roles,
          orgId: input.orgId,
          status: 'active',
        });
        await audit.write(trx, principal, {
          action: 'user.create',
          resource: 'user',
          resourceId: id,
          detail: { username: input.username, roles: input.roles, orgId: input.orgId },
        });
        await enqueue(trx, principal.tenantCode, 'user.changed', {
          userId: id,
          username: input.username,
          change: 'created',
        });
      });
      bus.kick();
      return present((await repo.findById(db, principal.tenantCode, id))!);
    },
    async update(
      principal: Principal,
      id: string,
      patch: {
        displayName?: string | undefined;
        roles?: Role[] | undefined;
        orgId?: string | undefined;
        status?: 'active' | 'disabled' | undefined;
      },
    ) {
      requireRole(principal, MANAGE, 'Changing users');
      const user = await load(principal, id);
      if (patch.roles && id === principal.userId)
        await refuse(principal, 'user.update', 'own-roles', id, { roles: patch.roles });
      if (isAdmin(user.roles))
        await refuse(principal, 'user.update', 'admin-accounts-by-cli', id, { ...patch });
      if (patch.roles && isAdmin(patch.roles))
        await refuse(principal, 'user.update', 'no-admin-role-grant', id, { roles: patch.roles });
      if (patch.orgId) await checkOrg(principal.tenantCode, patch.orgId);
      await change(principal, user, 'user.update', patch, { ...patch }, 'updated');
      return present((await repo.findById(db, principal.tenantCode, id))!);
    },
    async setPassword(principal: Principal, id: string, password: string) {
      requireRole(principal, SECURITY, 'Resetting passwords');
      const user = await load(principal, id);
      if (isAdmin(user.roles)) await refuse(principal, 'user.password.reset', 'admin-accounts-by-cli', id);
      const problem = passwordProblem(password);
      if (problem) throw invalid('/password', problem);
      await change(
        principal,
        user,
        'user.password.reset',
        { passwordHash: await hashPassword(password) },
        {},
        'password',
      );
    },
    async unlock(principal: Principal, id: string) {
      requireRole(principal, SECURITY, 'Unlocking accounts');
      const user = await load(principal, id);
      await change(principal, user, 'user.unlock', {}, {}, 'unlocked');
    },

    /** The live sessions and bearer tokens of a user (the security administrator's view). */
    async listSessions(principal: Principal, id: string) {
      requireRole(principal, SESSIONS, "Listing a user's sessions");
      const user = await load(principal, id);
      const items = await auth.sessionsOf(principal.tenantCode, user.id);
      await audit.record(principal, {
        action: 'user.sessions.list',
        resource: 'user',
        resourceId: user.id,
        detail: { returned: items.length },
      });
      return items;
    },

    /** Ends every session and token of a user, or one of them (`sessionId`). */
    async revokeSessions(principal: Principal, id: string, sessionId?: string) {
      requireRole(principal, SESSIONS, "Ending a user's sessions");
      const user = await load(principal, id);
      const ended = await db.transaction().execute(async (trx) => {
        const hashes = await auth.endSessionsIn(
          trx,
          principal.tenantCode,
          user.id,
          sessionId ? [sessionId] : undefined,
        );
        if (sessionId && hashes.length === 0) throw notFound('session', sessionId);
        await audit.write(trx, principal, {
          action: 'user.sessions.revoke',
          resource: 'user',
          resourceId: user.id,
          detail: { sessionId: sessionId ?? null, ended: hashes.length },
        });
        return hashes;
      });
      auth.sessionsEnded(
        sessionId
          ? { userId: user.id, tenantCode: principal.tenantCode, tokenHashes: ended }
          : { userId: user.id, tenantCode: principal.tenantCode },
      );
    },
  };
}
export type UsersService = ReturnType<typeof createUsersService>;
