import type { HazardAction } from '@ronghui/hazards';
import type { Role } from '../../platform/auth/roles.ts';
import { READ_ACCESS } from '../../platform/auth/read-access.ts';

/** Who reads hazards (scope aside): grid workers their grid, stations theirs, the county all. */
export const READ_ROLES: readonly Role[] = READ_ACCESS.hazard;
/** Who reports a hazard. */
export const REPORT_ROLES: readonly Role[] = [
  'grid-worker',
  'officer',
  'auxiliary',
  'dispatcher',
  'commander',
];
/** The grid centre's decisions: register, dispatch, verify, send back, close. */
export const MANAGE_ROLES: readonly Role[] = ['officer', 'dispatcher', 'commander'];
/** The responsible unit's work and the reporter's evaluation. */
export const WORK_ROLES: readonly Role[] = [...MANAGE_ROLES, 'auxiliary', 'grid-worker'];
/** Who turns a hazard that is police business into an incident. */
export const INCIDENT_ROLES: readonly Role[] = ['officer', 'auxiliary', 'dispatcher', 'commander'];
/** Who hands a 110 call that is not police business to the grid centre. */
export const REFER_ROLES: readonly Role[] = ['dispatcher', 'commander'];
/** Who sets the deadlines per kind. */
export const SETTINGS_ROLES: readonly Role[] = ['commander'];

export const ACTION_ROLES: Readonly<Record<HazardAction, readonly Role[]>> = {
  register: MANAGE_ROLES,
  dispatch: MANAGE_ROLES,
  start: WORK_ROLES,
  'report-back': WORK_ROLES,
  verify: MANAGE_ROLES,
  reject: MANAGE_ROLES,
  close: MANAGE_ROLES,
  evaluate: WORK_ROLES,
};
