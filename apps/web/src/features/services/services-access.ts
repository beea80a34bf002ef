import type { RoleKey } from '@ronghui/contracts';

const has = (roles: readonly RoleKey[], allowed: readonly RoleKey[]) =>
  roles.some((r) => allowed.includes(r));

/** What the page offers each role; the server decides every request by the same lists. */
export function servicesAccess(roles: readonly RoleKey[]) {
  return {
    read: has(roles, ['clerk', 'officer', 'auxiliary', 'commander', 'leader']),
    work: has(roles, ['clerk', 'officer', 'auxiliary']),
    admin: has(roles, ['system-admin']),
    homeRequest: has(roles, ['clerk', 'officer', 'auxiliary', 'grid-worker']),
    homeWork: has(roles, ['officer', 'auxiliary', 'commander']),
  };
}
