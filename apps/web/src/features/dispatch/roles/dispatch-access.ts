import type { RoleKey } from '@ronghui/contracts';

/**
 * Which console a user gets: command rooms dispatch and plan for their area or the county, stations
 * answer requests for their own station, and everyone else with the menu (局领导 leadership) watches the
 * command picture without acting on it. The server refuses the writes of a watcher on its own.
 */
export type DispatchView = 'command' | 'station' | 'watch';

export interface DispatchAccess {
  view: DispatchView;
  /** Every action is hidden: the user sees the picture only. */
  readOnly: boolean;
  /** May draw and change patrol plans and close or reopen roads. */
  canPlan: boolean;
  /** Sees patrol plans and coverage (the server lets auxiliaries see neither). */
  seesPlans: boolean;
}

export function dispatchAccess(roles: readonly RoleKey[]): DispatchAccess {
  if (roles.includes('dispatcher') || roles.includes('commander'))
    return { view: 'command', readOnly: false, canPlan: true, seesPlans: true };
  if (roles.includes('officer') || roles.includes('auxiliary'))
    return { view: 'station', readOnly: false, canPlan: false, seesPlans: roles.includes('officer') };
  return { view: 'watch', readOnly: true, canPlan: false, seesPlans: true };
}
