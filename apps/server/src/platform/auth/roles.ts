/** The roles of Ronghui. System, security and audit administration are separate roles (三员分立). */
export const ROLES = [
  { key: 'dispatcher', zh: '调度员', en: 'Dispatcher' },
  { key: 'commander', zh: '指挥长', en: 'Commander' },
  { key: 'officer', zh: '民警', en: 'Police officer' },
  { key: 'auxiliary', zh: '辅警', en: 'Auxiliary officer' },
  { key: 'analyst', zh: '研判分析员', en: 'Analyst' },
  { key: 'grid-worker', zh: '网格员', en: 'Grid worker' },
  { key: 'volunteer', zh: '义警', en: 'Volunteer' },
  { key: 'clerk', zh: '窗口办事员', en: 'Service clerk' },
  { key: 'staff-officer', zh: '政工干部', en: 'Staff officer' },
  { key: 'leader', zh: '局领导', en: 'Leadership' },
  { key: 'system-admin', zh: '系统管理员', en: 'System administrator' },
  { key: 'security-admin', zh: '安全管理员', en: 'Security administrator' },
  { key: 'auditor', zh: '安全审计员', en: 'Auditor' },
] as const;

export type Role = (typeof ROLES)[number]['key'];
export const ROLE_KEYS = ROLES.map((r) => r.key) as [Role, ...Role[]];

export function isRole(value: string): value is Role {
  return (ROLE_KEYS as readonly string[]).includes(value);
}

/** The three administrator roles are never combined in one account. */
export const ADMIN_ROLES: readonly Role[] = ['system-admin', 'security-admin', 'auditor'];
