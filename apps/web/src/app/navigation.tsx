import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  CarOutlined,
  ClusterOutlined,
  CommentOutlined,
  HeartOutlined,
  HomeOutlined,
  IdcardOutlined,
  NodeIndexOutlined,
  PhoneOutlined,
  SafetyOutlined,
  SettingOutlined,
  SolutionOutlined,
  TeamOutlined,
  UserOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { RoleKey } from '@ronghui/contracts';
import type { MessageKey } from '../i18n/messages.ts';

export type ModuleKey =
  | 'home'
  | 'dispatch'
  | 'intel'
  | 'grid'
  | 'registry'
  | 'disputes'
  | 'hazards'
  | 'volunteers'
  | 'traffic'
  | 'services'
  | 'outreach'
  | 'welfare'
  | 'stats'
  | 'users'
  | 'orgs'
  | 'audit';

/** Modules whose screens are not built yet: they show what they will contain, never sample data. */
export type PlannedModuleKey =
  | 'dispatch'
  | 'intel'
  | 'grid'
  | 'volunteers'
  | 'traffic'
  | 'services'
  | 'welfare'
  | 'stats';

export interface ModuleEntry {
  key: ModuleKey;
  path: string;
  label: MessageKey;
  icon: ReactNode;
  /** Who sees the entry. The server enforces access on every request; this only tidies the menu. */
  roles: readonly RoleKey[] | 'everyone';
  group: 'main' | 'admin';
}

const frontLine: readonly RoleKey[] = ['dispatcher', 'commander', 'officer', 'auxiliary', 'leader'];

export const modules: readonly ModuleEntry[] = [
  { key: 'home', path: '/', label: 'menu.home', icon: <HomeOutlined />, roles: 'everyone', group: 'main' },
  {
    key: 'dispatch',
    path: '/dispatch',
    label: 'menu.dispatch',
    icon: <AlertOutlined />,
    roles: frontLine,
    group: 'main',
  },
  {
    key: 'intel',
    path: '/intel',
    label: 'menu.intel',
    icon: <NodeIndexOutlined />,
    roles: ['analyst', 'commander', 'leader'],
    group: 'main',
  },
  {
    key: 'grid',
    path: '/grid',
    label: 'menu.grid',
    icon: <ClusterOutlined />,
    roles: ['grid-worker', 'officer', 'auxiliary', 'dispatcher', 'commander', 'leader'],
    group: 'main',
  },
  {
    key: 'registry',
    path: '/registry',
    label: 'menu.registry',
    icon: <IdcardOutlined />,
    roles: ['grid-worker', 'officer', 'auxiliary', 'dispatcher', 'commander', 'leader'],
    group: 'main',
  },
  {
    key: 'disputes',
    path: '/disputes',
    label: 'menu.disputes',
    icon: <CommentOutlined />,
    roles: ['grid-worker', 'officer', 'auxiliary', 'dispatcher', 'commander', 'analyst', 'leader'],
    group: 'main',
  },
  {
    key: 'hazards',
    path: '/hazards',
    label: 'menu.hazards',
    icon: <WarningOutlined />,
    roles: ['grid-worker', 'officer', 'auxiliary', 'dispatcher', 'commander', 'analyst', 'leader'],
    group: 'main',
  },
  {
    key: 'volunteers',
    path: '/volunteers',
    label: 'menu.volunteers',
    icon: <TeamOutlined />,
    roles: ['volunteer', 'officer', 'auxiliary', 'dispatcher', 'commander', 'leader'],
    group: 'main',
  },
  {
    key: 'traffic',
    path: '/traffic',
    label: 'menu.traffic',
    icon: <CarOutlined />,
    roles: ['dispatcher', 'commander', 'officer', 'auxiliary', 'leader', 'system-admin'],
    group: 'main',
  },
  {
    key: 'services',
    path: '/services',
    label: 'menu.services',
    icon: <SolutionOutlined />,
    roles: ['clerk', 'officer', 'auxiliary', 'commander', 'leader', 'system-admin'],
    group: 'main',
  },
  {
    key: 'outreach',
    path: '/outreach',
    label: 'menu.outreach',
    icon: <PhoneOutlined />,
    roles: frontLine,
    group: 'main',
  },
  {
    key: 'welfare',
    path: '/welfare',
    label: 'menu.welfare',
    icon: <HeartOutlined />,
    roles: ['staff-officer', 'leader'],
    group: 'main',
  },
  {
    key: 'stats',
    path: '/stats',
    label: 'menu.stats',
    icon: <BarChartOutlined />,
    roles: ['leader', 'commander', 'analyst'],
    group: 'main',
  },
  {
    key: 'users',
    path: '/admin/users',
    label: 'menu.users',
    icon: <UserOutlined />,
    roles: ['system-admin', 'security-admin'],
    group: 'admin',
  },
  {
    key: 'orgs',
    path: '/admin/orgs',
    label: 'menu.orgs',
    icon: <ApartmentOutlined />,
    roles: ['system-admin', 'security-admin', 'auditor', 'commander', 'leader'],
    group: 'admin',
  },
  {
    key: 'audit',
    path: '/admin/audit',
    label: 'menu.audit',
    icon: <AuditOutlined />,
    roles: ['auditor'],
    group: 'admin',
  },
];

export const adminGroupIcon = <SettingOutlined />;
export const productIcon = <SafetyOutlined />;

export function moduleByKey(key: ModuleKey): ModuleEntry {
  const entry = modules.find((m) => m.key === key);
  if (!entry) throw new Error(`unknown module ${key}`);
  return entry;
}

/** The menu entry a location belongs to (longest matching path wins, so `/` only matches itself). */
export function moduleForPath(pathname: string): ModuleEntry | undefined {
  return [...modules]
    .filter((m) =>
      m.path === '/' ? pathname === '/' : pathname === m.path || pathname.startsWith(`${m.path}/`),
    )
    .sort((a, b) => b.path.length - a.path.length)[0];
}
