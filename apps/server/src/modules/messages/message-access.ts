import { canReach } from '../../platform/auth/guard.ts';
import { hasRole, type Principal } from '../../platform/auth/principal.ts';
import type { Role } from '../../platform/auth/roles.ts';
import type { OrgDirectory } from '../orgs/index.ts';
import type { GroupRow, Mailbox, MessageRow, RecipientRow } from './messages.repo.ts';
import { OVERSEE_ACCESS, READ_ACCESS } from '../../platform/auth/read-access.ts';

/** Roles that may send and read messages. */
export const MESSAGING: readonly Role[] = READ_ACCESS.message;
/** Roles that may give orders and read all traffic of their scope. */
export const COMMAND: readonly Role[] = OVERSEE_ACCESS.message ?? [];

/**
 * The caller's inbox: their own user rows and, for an officer or auxiliary whose scope is a station,
 * the rows of that station's units (its people staff the units' terminals).
 */
export function mailboxOf(principal: Principal): Mailbox {
  const stationPerson =
    hasRole(principal, 'officer', 'auxiliary') &&
    (principal.scopeKind === 'station' || principal.scopeKind === 'brigade');
  return { userId: principal.userId, unitStationId: stationPerson ? principal.orgId : null };
}

/** Orgs whose traffic a command role sees: undefined = the whole county, null = not a command role. */
export function commandScope(principal: Principal, dir: OrgDirectory): string[] | undefined | null {
  if (!hasRole(principal, ...COMMAND)) return null;
  return principal.scopeKind === 'tenant' ? undefined : dir.subtreeIds(principal.orgId);
}

export function isMine(r: RecipientRow, box: Mailbox): boolean {
  return (
    (r.recipient_kind === 'user' && r.recipient_id === box.userId) ||
    (r.recipient_kind === 'unit' && r.org_id === box.unitStationId)
  );
}

/** Sender, recipient, or a command role whose scope covers the sender or a recipient. */
export function canSeeMessage(
  principal: Principal,
  dir: OrgDirectory,
  m: MessageRow,
  rows: RecipientRow[],
): boolean {
  if (m.sender_id === principal.userId) return true;
  const box = mailboxOf(principal);
  if (rows.some((r) => isMine(r, box))) return true;
  const scope = commandScope(principal, dir);
  if (scope === null) return false;
  if (scope === undefined) return true;
  const inScope = new Set(scope);
  return inScope.has(m.sender_org_id) || rows.some((r) => inScope.has(r.org_id));
}

/**
 * A group is usable by its creator, its members, the people of a station one of its units belongs to (they
 * staff the units' terminals and read what is sent to them, `mailboxOf`), and command roles over the
 * creator's org. `unitStations` maps unit ids to their stations.
 */
export function canUseGroup(
  principal: Principal,
  dir: OrgDirectory,
  g: GroupRow,
  unitStations: ReadonlyMap<string, string>,
): boolean {
  if (g.created_by === principal.username || g.user_ids.includes(principal.userId)) return true;
  const station = mailboxOf(principal).unitStationId;
  if (station !== null && g.unit_ids.some((id) => unitStations.get(id) === station)) return true;
  return hasRole(principal, ...COMMAND) && canReach(principal, dir.pathOf(g.owner_org_id));
}
