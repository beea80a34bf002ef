import { Menu, type MenuProps } from 'antd';
import { useMemo } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useT } from '../i18n/i18n-context.tsx';
import { hasAnyRole, useAuth } from './auth-context.tsx';
import { adminGroupIcon, moduleForPath, modules } from './navigation.tsx';

type MenuItem = Required<MenuProps>['items'][number];

/** The console's menu; `onNavigate` runs after an entry is chosen (the drawer closes itself with it). */
export function SideMenu({ onNavigate }: { onNavigate?: () => void }) {
  const { user } = useAuth();
  const t = useT();
  const navigate = useNavigate();
  const { pathname } = useLocation();

  const items = useMemo<MenuItem[]>(() => {
    const visible = modules.filter((m) => hasAnyRole(user, m.roles));
    const toItem = (m: (typeof modules)[number]): MenuItem => ({
      key: m.path,
      icon: m.icon,
      label: t(m.label),
    });
    const main = visible.filter((m) => m.group === 'main').map(toItem);
    const admin = visible.filter((m) => m.group === 'admin').map(toItem);
    if (admin.length === 0) return main;
    return [...main, { key: 'admin', icon: adminGroupIcon, label: t('menu.admin'), children: admin }];
  }, [user, t]);

  const selected = moduleForPath(pathname);
  return (
    <Menu
      theme="dark"
      mode="inline"
      items={items}
      selectedKeys={selected ? [selected.path] : []}
      defaultOpenKeys={['admin']}
      onClick={({ key }) => {
        navigate(key);
        onNavigate?.();
      }}
    />
  );
}
