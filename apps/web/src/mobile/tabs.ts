import type { RoleKey } from '@ronghui/contracts';
import type { MessageKey } from '../i18n/messages.ts';

/**
 * The phone app's tabs, and which role sees which. A new field role (or a new page for one) is one row in
 * `tabsByRole`; a new tab is one entry in `mobileTabs`.
 */

export type MobileTabKey =
  | 'grid'
  | 'orders'
  | 'units'
  | 'hazards'
  | 'collect'
  | 'callouts'
  | 'patrol'
  | 'duty'
  | 'outreach'
  | 'messages'
  | 'me';

export interface MobileTab {
  key: MobileTabKey;
  /** Below /m/. */
  path: string;
  label: MessageKey;
}

/** Every tab, in the order the bottom bar shows them. */
export const mobileTabs: readonly MobileTab[] = [
  { key: 'grid', path: '/m/grid', label: 'mobile.tab.grid' },
  { key: 'orders', path: '/m/orders', label: 'mobile.tab.orders' },
  { key: 'units', path: '/m/units', label: 'mobile.tab.units' },
  { key: 'hazards', path: '/m/hazards', label: 'mobile.tab.hazards' },
  { key: 'collect', path: '/m/collect', label: 'mobile.tab.collect' },
  { key: 'callouts', path: '/m/callouts', label: 'mobile.tab.callouts' },
  { key: 'patrol', path: '/m/patrol', label: 'mobile.tab.patrol' },
  { key: 'duty', path: '/m/duty', label: 'mobile.tab.duty' },
  { key: 'outreach', path: '/m/outreach', label: 'mobile.tab.outreach' },
  { key: 'messages', path: '/m/messages', label: 'mobile.tab.messages' },
  { key: 'me', path: '/m/me', label: 'mobile.tab.me' },
];

/** The roles that work in the field, on a phone. */
export const fieldRoles = [
  'officer',
  'auxiliary',
  'grid-worker',
  'volunteer',
] as const satisfies readonly RoleKey[];
export type FieldRole = (typeof fieldRoles)[number];

/** role → its tabs: 我的网格, 任务 (station requests, units en route), 地图 (the station's units), 隐患, 采集 (一标三实), 呼叫 (a volunteer's 一呼百应 call-outs), 巡逻 (a volunteer's patrol tasks and track), 值守 (a volunteer's duty and location consent), 走访 (an officer's anti-fraud warnings and visit plan), 消息, 我的. */
export const tabsByRole: Readonly<Record<FieldRole, readonly MobileTabKey[]>> = {
  officer: ['orders', 'units', 'outreach', 'messages', 'me'],
  auxiliary: ['orders', 'units', 'outreach', 'messages', 'me'],
  'grid-worker': ['grid', 'hazards', 'collect', 'messages', 'me'],
  volunteer: ['callouts', 'patrol', 'duty', 'messages', 'me'],
};

/** Every user can read messages and see their own profile. */
const everyone: readonly MobileTabKey[] = ['messages', 'me'];

const isFieldRole = (role: RoleKey): role is FieldRole => (fieldRoles as readonly RoleKey[]).includes(role);

/** The tabs of a user with these roles: the union of their rows, in bar order. */
export function tabsFor(roles: readonly RoleKey[]): MobileTab[] {
  const keys = new Set<MobileTabKey>(everyone);
  for (const role of roles) if (isFieldRole(role)) for (const key of tabsByRole[role]) keys.add(key);
  return mobileTabs.filter((tab) => keys.has(tab.key));
}

/** A user all of whose roles are field roles (someone with a console role as well keeps the console). */
export function isFieldUser(roles: readonly RoleKey[]): boolean {
  return roles.length > 0 && roles.every(isFieldRole);
}

/** Screens narrower than this are phones. */
export const phoneMaxWidth = 767;

/**
 * Where sign-in leads: a field user on a phone-width screen who was headed for the console's home goes to
 * the phone app; everyone else goes where they were headed.
 */
export function landingPath(roles: readonly RoleKey[], screenWidth: number, target: string): string {
  return target === '/' && screenWidth <= phoneMaxWidth && isFieldUser(roles) ? '/m/' : target;
}
