import type { Kysely } from 'kysely';
import type { Role } from '../../platform/auth/roles.ts';
import type { DB } from '../../platform/db/schema.ts';
import { invalid } from '../../platform/http/errors.ts';
import type { OrgDirectory } from '../orgs/index.ts';
import type { UnitsRepo } from '../units/index.ts';
import type { GroupRow, MessagesRepo, UserRef } from './messages.repo.ts';

/** Who a message is addressed to, as the sender wrote it. */
export interface Target {
  users?: string[] | undefined;
  units?: string[] | undefined;
  stations?: string[] | undefined;
  areas?: string[] | undefined;
  group?: string | undefined;
}

export interface ResolvedRecipient {
  kind: 'user' | 'unit';
  id: string;
  name: string;
  /** The user's scope org, or the unit's station. */
  orgId: string;
}

/**
 * Roles that receive what is addressed to an org: the people on duty there and its command room.
 * Grid workers, volunteers, clerks and administrators are not on the command channel.
 */
export const RECEIVING_ROLES: readonly Role[] = ['officer', 'auxiliary', 'dispatcher', 'commander'];

const receives = (u: UserRef) => u.roles.some((r) => (RECEIVING_ROLES as readonly string[]).includes(r));

/**
 * Expands a target to recipients: a station or area means every receiving user whose scope org is that
 * org or lies below it, plus every unit of its stations (units are addressable endpoints of their own);
 * named units and users are taken as they are; a group contributes its members. The sender is left out.
 */
export async function resolveRecipients(deps: {
  db: Kysely<DB>;
  tenantCode: string;
  dir: OrgDirectory;
  repo: MessagesRepo;
  units: UnitsRepo;
  target: Target;
  group: GroupRow | undefined;
  senderId: string;
}): Promise<ResolvedRecipient[]> {
  const { db, tenantCode, dir, repo, units, target, group } = deps;
  const orgIds: string[] = [];
  for (const id of new Set(target.stations ?? [])) {
    const kind = dir.get(id)?.kind;
    if (kind !== 'station' && kind !== 'brigade')
      throw invalid('/to/stations', `"${id}" is not a station or brigade of this county`);
    orgIds.push(id);
  }
  for (const id of new Set(target.areas ?? [])) {
    if (dir.get(id)?.kind !== 'area')
      throw invalid('/to/areas', `"${id}" is not a joint-service area of this county`);
    orgIds.push(id);
  }
  const subtree = [...new Set(orgIds.flatMap((id) => dir.subtreeIds(id)))];
  const out = new Map<string, ResolvedRecipient>();
  const add = (r: ResolvedRecipient) => out.set(`${r.kind}:${r.id}`, r);

  for (const u of (await repo.usersOf(db, tenantCode, subtree)).filter(receives))
    add({ kind: 'user', id: u.id, name: u.display_name, orgId: u.org_id });
  const stationIds = subtree.filter((id) => ['station', 'brigade'].includes(dir.get(id)?.kind ?? ''));
  if (stationIds.length)
    for (const u of await units.list(db, tenantCode, { stationIds }))
      add({ kind: 'unit', id: u.id, name: u.callsign, orgId: u.stationId });

  const userIds = [...new Set([...(target.users ?? []), ...(group?.user_ids ?? [])])];
  const users = await repo.usersById(db, tenantCode, userIds);
  const missingUser = userIds.find((id) => !users.some((u) => u.id === id));
  if (missingUser) throw invalid('/to/users', `no active user "${missingUser}" in this county`);
  for (const u of users) add({ kind: 'user', id: u.id, name: u.display_name, orgId: u.org_id });

  for (const id of new Set([...(target.units ?? []), ...(group?.unit_ids ?? [])])) {
    const u = await units.get(db, tenantCode, id);
    if (!u) throw invalid('/to/units', `no unit "${id}" in this county`);
    add({ kind: 'unit', id: u.id, name: u.callsign, orgId: u.stationId });
  }
  out.delete(`user:${deps.senderId}`);
  return [...out.values()];
}
