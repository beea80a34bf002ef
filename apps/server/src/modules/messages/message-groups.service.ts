import { randomUUID } from 'node:crypto';
import type { MessageGroup, MessageGroupList } from '@ronghui/contracts';
import type { Kysely } from 'kysely';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { requireRole } from '../../platform/auth/guard.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DB } from '../../platform/db/schema.ts';
import { invalid } from '../../platform/http/errors.ts';
import type { OrgsService } from '../orgs/index.ts';
import type { UnitsRepo } from '../units/index.ts';
import { canUseGroup, MESSAGING } from './message-access.ts';
import type { GroupRow, MessagesRepo } from './messages.repo.ts';

/** Ad-hoc groups (临时群组): named lists of users and units to message together. */
export function createMessageGroupsService(deps: {
  db: Kysely<DB>;
  repo: MessagesRepo;
  units: UnitsRepo;
  orgs: OrgsService;
  audit: AuditService;
  clock: Clock;
}) {
  const { db, repo, units, orgs, audit, clock } = deps;

  async function present(tenantCode: string, g: GroupRow): Promise<MessageGroup> {
    const users = await repo.usersById(db, tenantCode, g.user_ids);
    const members = [
      ...users.map((u) => ({ kind: 'user' as const, id: u.id, name: u.display_name })),
      ...(await Promise.all(g.unit_ids.map((id) => units.get(db, tenantCode, id))))
        .filter((u) => u !== undefined)
        .map((u) => ({ kind: 'unit' as const, id: u.id, name: u.callsign })),
    ];
    return {
      id: g.id,
      name: g.name,
      members,
      createdBy: g.created_by,
      createdAt: new Date(g.created_at).toISOString(),
    };
  }

  return {
    /** Members are user ids or unit ids; each must name an active user or a unit of this county. */
    async create(principal: Principal, input: { name: string; members: string[] }) {
      requireRole(principal, MESSAGING, 'Creating message groups');
      const ids = [...new Set(input.members)];
      const users = await repo.usersById(db, principal.tenantCode, ids);
      const userIds = users.map((u) => u.id);
      const unitIds: string[] = [];
      for (const id of ids.filter((i) => !userIds.includes(i))) {
        if (!(await units.get(db, principal.tenantCode, id)))
          throw invalid('/members', `"${id}" is neither an active user nor a unit of this county`);
        unitIds.push(id);
      }
      const row: GroupRow = {
        tenant_code: principal.tenantCode,
        id: randomUUID(),
        name: input.name,
        user_ids: userIds,
        unit_ids: unitIds,
        owner_org_id: principal.orgId,
        created_by: principal.username,
        created_at: clock.now(),
      };
      await db.transaction().execute(async (trx) => {
        await repo.insertGroup(trx, row);
        await audit.write(trx, principal, {
          action: 'message-group.create',
          resource: 'message-group',
          resourceId: row.id,
          detail: { name: row.name, users: userIds.length, units: unitIds.length },
        });
      });
      return present(principal.tenantCode, row);
    },

    async list(principal: Principal): Promise<MessageGroupList> {
      requireRole(principal, MESSAGING, 'Viewing message groups');
      const dir = await orgs.directory(principal.tenantCode);
      const unitStations = new Map(
        (await units.ids(db, principal.tenantCode)).map((u) => [u.id, u.stationId]),
      );
      const groups = (await repo.groups(db, principal.tenantCode)).filter((g) =>
        canUseGroup(principal, dir, g, unitStations),
      );
      const items = await Promise.all(groups.map((g) => present(principal.tenantCode, g)));
      return { items, total: items.length };
    },
  };
}
export type MessageGroupsService = ReturnType<typeof createMessageGroupsService>;
