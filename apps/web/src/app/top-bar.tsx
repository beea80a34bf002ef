import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { App, Button, Space, Tag, Tooltip, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useT } from '../i18n/i18n-context.tsx';
import { useAuth } from './auth-context.tsx';
import { LanguageSwitch } from './language-switch.tsx';
import { productIcon } from './navigation.tsx';
import { useHealth } from './use-health.ts';

const light = { color: 'rgba(255,255,255,0.92)' };

export function TopBar() {
  const { user, signOut } = useAuth();
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
    <div style={{ display: 'flex', alignItems: 'center', gap: 16, height: '100%' }}>
      <Space size={8} style={{ ...light, fontSize: 18, fontWeight: 600, whiteSpace: 'nowrap' }}>
        <span style={{ fontSize: 22 }}>{productIcon}</span>
        <span data-testid="product-name">{t('app.name')}</span>
      </Space>
      {health.data && (
        <Tag color="geekblue" variant="outlined" style={{ marginInlineEnd: 0 }} data-testid="tenant-name">
          {health.data.tenant.name}
        </Tag>
      )}
      <div style={{ flex: 1 }} />
      {user && (
        <Space size={6} style={light} data-testid="current-user">
          <UserOutlined />
          <Typography.Text style={light} strong>
            {user.displayName}
          </Typography.Text>
          {user.roles.map((role) => (
            <Tag key={role} color="blue" style={{ marginInlineEnd: 0 }}>
              {t(`role.${role}`)}
            </Tag>
          ))}
          {user.scope.orgName !== health.data?.tenant.name && (
            <Tooltip title={t(`scope.${user.scope.kind}`)}>
              <Typography.Text style={{ color: 'rgba(255,255,255,0.65)' }}>
                {user.scope.orgName}
              </Typography.Text>
            </Tooltip>
          )}
        </Space>
      )}
      <LanguageSwitch size="small" />
      <Button icon={<LogoutOutlined />} onClick={onLogout} data-testid="logout">
        {t('shell.logout')}
      </Button>
    </div>
  );
}
