import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../../api/api-error.ts';
import { useAuth } from '../../app/auth-context.tsx';
import { LanguageSwitch } from '../../app/language-switch.tsx';
import { productIcon } from '../../app/navigation.tsx';
import { useHealth } from '../../app/use-health.ts';
import { useT } from '../../i18n/i18n-context.tsx';
import { landingPath } from '../../mobile/index.ts';
import { loginErrorMessage } from './login-error-message.ts';

/** Printed only when the server reports a demo installation; real deployments have no shared password. */
const demoPassword = 'ronghui-demo';

interface Credentials {
  username: string;
  password: string;
}

function returnPath(state: unknown): string {
  if (typeof state === 'object' && state !== null && 'from' in state && typeof state.from === 'string') {
    return state.from.startsWith('/') && !state.from.startsWith('/login') ? state.from : '/';
  }
  return '/';
}

export function LoginPage() {
  const t = useT();
  const { status, user, signIn } = useAuth();
  const health = useHealth();
  const navigate = useNavigate();
  const location = useLocation();
  const target = returnPath(location.state);
  const attempt = useMutation({
    mutationFn: ({ username, password }: Credentials) => signIn(username.trim(), password),
    // Field roles on a phone-width screen go to the phone app (外勤); wide screens keep the console.
    onSuccess: (me) => navigate(landingPath(me.roles, window.innerWidth, target), { replace: true }),
  });

  if (status === 'signed-in' && user) {
    return <Navigate to={landingPath(user.roles, window.innerWidth, target)} replace />;
  }

  const serverDown =
    health.error instanceof ApiError && (health.error.status === 0 || health.error.status >= 500);

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        flexDirection: 'column',
        background: 'linear-gradient(160deg, #0a2f66 0%, #0b4ea2 55%, #1d6fd1 100%)',
      }}
    >
      <div style={{ display: 'flex', justifyContent: 'flex-end', padding: 16 }}>
        <LanguageSwitch />
      </div>
      {/* One column at most 400 px wide that shrinks with a phone's screen. */}
      <div
        style={{
          flex: 1,
          display: 'grid',
          gridTemplateColumns: 'minmax(0, 400px)',
          justifyContent: 'center',
          alignItems: 'center',
          padding: 16,
        }}
      >
        <Card style={{ width: '100%' }} styles={{ body: { padding: 'clamp(20px, 6vw, 32px)' } }}>
          <Space
            orientation="vertical"
            size={4}
            style={{ width: '100%', textAlign: 'center', marginBottom: 24 }}
          >
            <span style={{ fontSize: 40, color: '#0b4ea2' }}>{productIcon}</span>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t('app.name')}
            </Typography.Title>
            <Typography.Text type="secondary">
              {health.data ? `${health.data.tenant.name} · ${t('login.title')}` : t('login.title')}
            </Typography.Text>
          </Space>
          <Form<Credentials>
            layout="vertical"
            requiredMark={false}
            onFinish={(values) => attempt.mutate(values)}
            disabled={attempt.isPending}
          >
            <Form.Item
              name="username"
              label={t('login.username')}
              rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
            >
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('login.password')}
              rules={[{ required: true, message: t('login.passwordRequired') }]}
            >
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
            </Form.Item>
            {attempt.error && (
              <Alert
                type="error"
                showIcon
                style={{ marginBottom: 16 }}
                title={t('login.failed')}
                description={loginErrorMessage(attempt.error, t)}
                data-testid="login-error"
              />
            )}
            {serverDown && !attempt.error && (
              <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('login.serverDown')} />
            )}
            <Button type="primary" htmlType="submit" block size="large" loading={attempt.isPending}>
              {t('login.submit')}
            </Button>
          </Form>
          {health.data?.demo && (
            <Alert
              type="info"
              showIcon
              style={{ marginTop: 16 }}
              title={
                <>
                  {t('login.demoHint')}{' '}
                  <Typography.Text code copyable style={{ whiteSpace: 'nowrap' }}>
                    {demoPassword}
                  </Typography.Text>
                </>
              }
              data-testid="demo-hint"
            />
          )}
        </Card>
      </div>
    </div>
  );
}
