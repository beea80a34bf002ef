import { randomUUID } from 'node:crypto';
import type { User } from '@ronghui/contracts';
import type { Kysely } from 'kysely';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { requireRole } from '../../platform/auth/guard.ts';
import { hashPassword, passwordProblem } from '../../platform/auth/password.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { ADMIN_ROLES, type Role } from '../../platform/auth/roles.ts';
import type { SessionsRepo } from '../../platform/auth/sessions.repo.ts';
import { enqueue } from '../../platform/bus/outbox.ts';
import type { EventBus } from '../../platform/bus/bus.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DB } from '../../platform/db/schema.ts';
import { conflict, DomainError, invalid, notFound } from '../../platform/http/errors.ts';
import type { OrgsService } from '../orgs/index.ts';
import type { UserPatch, UserRecord, UsersRepo } from './users.repo.ts';

const MANAGE: Role[] = ['system-admin'];
const SECURITY: Role[] = ['system-admin', 'security-admin'];

function checkRoles(roles: Role[]) {
  const admin = roles.filter((r) => ADMIN_ROLES.includes(r));
  if (admin.length > 0 && roles.length > 1) {
    throw invalid(
      '/roles',
      `the administrator roles (${ADMIN_ROLES.join(', ')}) are held alone: one account, one administrator duty`,
    );
  }
}

export function createUsersService(deps: {
  db: Kysely<DB>;
  repo: UsersRepo;
  sessions: SessionsRepo;
  orgs: OrgsService;
  audit: AuditService;
  bus: EventBus;
  clock: Clock;
}) {
  const { db, repo, sessions, orgs, audit, bus, clock } = deps;

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

  async function change(
    principal: Principal,
    user: UserRecord,
    action: string,
    patch: UserPatch,
    detail: Record<string, unknown>,
    event: 'updated' | 'password' | 'unlocked',
  ) {
    await db.transaction().execute(async (trx) => {
      if (event === 'unlocked') await repo.unlock(trx, principal.tenantCode, user.id);
      else await repo.update(trx, principal.tenantCode, user.id, patch, clock.now());
      if (event === 'password' || patch.status === 'disabled')
        await sessions.revokeAllOfUser(trx, principal.tenantCode, user.id, clock.now());
      await audit.write(trx, principal, { action, resource: 'user', resourceId: user.id, detail });
      await enqueue(trx, principal.tenantCode, 'user.changed', {
        userId: user.id,
        username: user.username,
        change: event,
      });
    });
    bus.kick();
  }

  return {
    present,
    async list(principal: Principal, query: { q?: string | undefined; page: number; pageSize: number }) {
      requireRole(principal, SECURITY, 'Listing users');
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
      checkRoles(input.roles);
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
      if (patch.roles) checkRoles(patch.roles);
      if (patch.orgId) await checkOrg(principal.tenantCode, patch.orgId);
      if (
        id === principal.userId &&
        (patch.status === 'disabled' || (patch.roles && !patch.roles.includes('system-admin')))
      ) {
        throw new DomainError(
          'conflict',
          'Conflict',
          'You cannot disable yourself or remove your own administrator role.',
        );
      }
      await change(principal, user, 'user.update', patch, { ...patch }, 'updated');
      return present((await repo.findById(db, principal.tenantCode, id))!);
    },
    async setPassword(principal: Principal, id: string, password: string) {
      requireRole(principal, SECURITY, 'Resetting passwords');
      const user = await load(principal, id);
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
  };
}
export type UsersService = ReturnType<typeof createUsersService>;
