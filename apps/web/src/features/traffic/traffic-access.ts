import type { RoleKey } from '@ronghui/contracts';

export interface TrafficAccess {
  /** Devices, sections, rules, templates and routes (commanders and system administrators). */
  canManage: boolean;
  /** Put a text on a sign by hand and clear it, replay a recorded day (dispatchers and commanders). */
  canOverride: boolean;
}

/** What a user may change on the traffic page; the others read it (the server refuses their writes too). */
export function trafficAccess(roles: readonly RoleKey[]): TrafficAccess {
  return {
    canManage: roles.includes('commander') || roles.includes('system-admin'),
    canOverride: roles.includes('commander') || roles.includes('dispatcher'),
  };
}
