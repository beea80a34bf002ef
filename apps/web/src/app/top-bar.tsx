import { LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { App, Button, Space, Tag, Tooltip, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useT } from '../i18n/i18n-context.tsx';
import { useAuth } from './auth-context.tsx';
import { LanguageSwitch } from './language-switch.tsx';
import { productIcon } from './navigation.tsx';
import { useHealth } from './use-health.ts';
import type { Screen } from './use-screen.ts';

const light = { color: 'rgba(255,255,255,0.92)' };

/** Who is signed in: name, roles and, when narrower than the tenant, the unit they work for. */
export function UserSummary({ vertical = false, scope = true }: { vertical?: boolean; scope?: boolean }) {
  const { user } = useAuth();
  const health = useHealth();
  const t = useT();
  if (!user) return null;
  return (
    <Space
      size={6}
      wrap={vertical}
      style={{ ...light, whiteSpace: 'nowrap', minWidth: 0 }}
      data-testid={vertical ? 'menu-user' : 'current-user'}
    >
      <UserOutlined />
      <Typography.Text style={light} strong>
        {user.displayName}
      </Typography.Text>
      {user.roles.map((role) => (
        <Tag key={role} color="blue" style={{ marginInlineEnd: 0 }}>
          {t(`role.${role}`)}
        </Tag>
      ))}
      {scope && user.scope.orgName !== health.data?.tenant.name && (
        <Tooltip title={t(`scope.${user.scope.kind}`)}>
          <Typography.Text style={{ color: 'rgba(255,255,255,0.65)' }}>{user.scope.orgName}</Typography.Text>
        </Tooltip>
      )}
    </Space>
  );
}

/**
 * The console's top bar. Wide screens show everything; below 992 px a menu button opens the menu drawer,
 * the tenant and scope give way and sign-out is an icon; on a phone the user and language move into the drawer.
 */
export function TopBar({ screen, onMenu }: { screen: Screen; onMenu?: () => void }) {
  const { signOut } = useAuth();
  const health = useHealth();
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();

  const onLogout = async () => {
    try {
      await signOut();
    } finally {
      navigate('/login', { replace: true });
      message.success(t('shell.loggedOut'));
    }
  };

  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: screen.compact ? 8 : 16, height: '100%' }}>
      {onMenu && (
        <Button
          type="text"
          icon={<MenuOutlined style={light} />}
          onClick={onMenu}
          aria-label={t('shell.openMenu')}
          title={t('shell.openMenu')}
          data-testid="menu-button"
        />
      )}
      <Space size={8} style={{ ...light, fontSize: 18, fontWeight: 600, whiteSpace: 'nowrap' }}>
        <span style={{ fontSize: 22 }}>{productIcon}</span>
        <span data-testid="product-name">{screen.phone ? t('app.shortName') : t('app.name')}</span>
      </Space>
      {health.data && !screen.compact && (
        <Tag color="geekblue" variant="outlined" style={{ marginInlineEnd: 0 }} data-testid="tenant-name">
          {health.data.tenant.name}
        </Tag>
      )}
      <div style={{ flex: 1 }} />
      {!screen.phone && <UserSummary scope={!screen.compact} />}
      {!screen.phone && <LanguageSwitch size="small" />}
      <Button
        icon={<LogoutOutlined />}
        onClick={onLogout}
        aria-label={screen.compact ? t('shell.logout') : undefined}
        title={screen.compact ? t('shell.logout') : undefined}
        data-testid="logout"
      >
        {screen.compact ? null : t('shell.logout')}
      </Button>
    </div>
  );
}
