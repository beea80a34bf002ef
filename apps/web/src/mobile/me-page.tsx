import { Button, Switch } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '../api/api-error.ts';
import { describeError } from '../api/describe-error.ts';
import { useAuth } from '../app/auth-context.tsx';
import { LanguageSwitch } from '../app/language-switch.tsx';
import { useT } from '../i18n/i18n-context.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { forgetUser } from './last-user.ts';
import { useMobileContext } from './mobile-context.ts';
import { usePush } from './use-push.ts';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="m-card-row" style={{ minHeight: 48, borderBottom: '1px solid #f0f0f0' }}>
      <span style={{ color: '#595959', flex: 'none' }}>{label}</span>
      <span style={{ textAlign: 'end', minWidth: 0 }}>{children}</span>
    </div>
  );
}

/** 我的: who is signed in, push on this phone, language, sign out. */
export function MePage() {
  const t = useT();
  const { signOut } = useAuth();
  const navigate = useNavigate();
  const { user, offline } = useMobileContext();
  const push = usePush();

  const leave = async () => {
    forgetUser();
    await signOut().catch(() => undefined);
    navigate('/login', { replace: true });
  };

  return (
    <div data-testid="mobile-me">
      <div className="m-card">
        <div className="m-card-title" style={{ fontSize: 18, marginBottom: 4 }}>
          {user.displayName}
        </div>
        <Row label={t('mobile.me.username')}>{user.username}</Row>
        <Row label={t('mobile.me.station')}>{user.scope.orgName}</Row>
        <Row label={t('mobile.me.roles')}>
          {user.roles.map((role) => t(`role.${role}` as MessageKey)).join('、')}
        </Row>
      </div>

      <div className="m-card" data-testid="mobile-push" data-support={push.support}>
        <div className="m-card-row" style={{ minHeight: 48 }}>
          <span className="m-card-title">{t('mobile.me.push')}</span>
          {push.support === 'available' && (
            <Switch
              checked={push.subscribed}
              loading={push.busy}
              disabled={offline}
              onChange={(on) => push.setOn(on)}
              aria-label={t('mobile.me.push')}
              style={{ transform: 'scale(1.3)', marginInlineEnd: 6 }}
            />
          )}
        </div>
        <div className="m-card-sub" data-testid="mobile-push-text">
          {push.support === 'checking' && t('mobile.me.pushChecking')}
          {push.support === 'available' && t(push.subscribed ? 'mobile.me.pushOn' : 'mobile.me.pushOff')}
          {(push.support === 'unsupported' || push.support === 'denied' || push.support === 'server-off') && (
            <>
              {t(`mobile.me.pushWhy.${push.support}`)}
              <div style={{ marginTop: 4, color: '#ad4e00' }}>{t('mobile.me.pushFallback')}</div>
            </>
          )}
        </div>
        {push.error !== null && push.error !== undefined && push.support === 'available' && (
          <div className="m-card-sub" style={{ color: '#cf1322' }}>
            {t('mobile.me.pushFailed', {
              reason:
                push.error instanceof ApiError || !(push.error instanceof Error)
                  ? describeError(push.error, t)
                  : push.error.message,
            })}
            <div style={{ marginTop: 4 }}>{t('mobile.me.pushFallback')}</div>
          </div>
        )}
      </div>

      <div className="m-card">
        <div className="m-card-row" style={{ minHeight: 48 }}>
          <span>{t('mobile.me.language')}</span>
          <LanguageSwitch size="large" />
        </div>
        <div className="m-card-sub">{t('mobile.me.install')}</div>
      </div>

      <Button block size="large" className="m-button" href="/" style={{ marginBottom: 10 }}>
        {t('mobile.me.console')}
      </Button>
      <Button
        block
        danger
        size="large"
        className="m-button"
        onClick={() => void leave()}
        data-testid="mobile-sign-out"
      >
        {t('mobile.me.signOut')}
      </Button>
    </div>
  );
}
