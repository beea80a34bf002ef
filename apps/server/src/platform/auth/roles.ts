import { adminRoleKeys, type RoleKey, roleKey } from '@ronghui/contracts';

/** A role of Ronghui (`roleKey` in the API contract). */
export type Role = RoleKey;

export const ROLE_KEYS = roleKey.options;

const NAMES: Record<Role, { zh: string; en: string }> = {
  dispatcher: { zh: '调度员', en: 'Dispatcher' },
  commander: { zh: '指挥长', en: 'Commander' },
  officer: { zh: '民警', en: 'Police officer' },
  auxiliary: { zh: '辅警', en: 'Auxiliary officer' },
  analyst: { zh: '研判分析员', en: 'Analyst' },
  'grid-worker': { zh: '网格员', en: 'Grid worker' },
  volunteer: { zh: '义警', en: 'Volunteer' },
  clerk: { zh: '窗口办事员', en: 'Service clerk' },
  'staff-officer': { zh: '政工干部', en: 'Staff officer' },
  leader: { zh: '局领导', en: 'Leadership' },
  'system-admin': { zh: '系统管理员', en: 'System administrator' },
  'security-admin': { zh: '安全管理员', en: 'Security administrator' },
  auditor: { zh: '安全审计员', en: 'Auditor' },
};

/** The roles of Ronghui with their names. System, security and audit administration are separate roles (三员分立). */
export const ROLES: readonly { key: Role; zh: string; en: string }[] = ROLE_KEYS.map((key) => ({
  key,
  ...NAMES[key],
}));

export function isRole(value: string): value is Role {
  return (ROLE_KEYS as readonly string[]).includes(value);
}

/** The three administrator roles are never combined in one account. */
export const ADMIN_ROLES: readonly Role[] = adminRoleKeys;
