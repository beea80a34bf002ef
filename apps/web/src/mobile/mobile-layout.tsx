import {
  AlertOutlined,
  CompassOutlined,
  EnvironmentOutlined,
  IdcardOutlined,
  SafetyCertificateOutlined,
  MessageOutlined,
  PhoneOutlined,
  ProfileOutlined,
  SafetyOutlined,
  TeamOutlined,
  UserOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { onlineManager, useQuery } from '@tanstack/react-query';
import { fieldApi } from '../api/field-api.ts';
import { Button, Spin } from 'antd';
import { type ReactNode, useEffect, useMemo, useSyncExternalStore } from 'react';
import { Navigate, NavLink, Outlet, useLocation } from 'react-router';
import { useAuth } from '../app/auth-context.tsx';
import { useT } from '../i18n/i18n-context.tsx';
import { createOutbox, type Outbox, OutboxStatus } from '../offline/index.ts';
import { forgetUser, lastUser, rememberUser } from './last-user.ts';
import type { MobileContext } from './mobile-context.ts';
import { type MobileTabKey, tabsFor } from './tabs.ts';
import { CalloutAlert } from './callouts-page.tsx';
import { FieldLive } from './field-live.tsx';
import { OrderAlert } from './order-alert.tsx';
import { SosButton } from './sos-button.tsx';
import { myUnitKey } from './use-my-unit.ts';
import { useTracker } from './use-tracker.ts';
import { registerServiceWorker } from './register-sw.ts';
import './mobile.css';

const tabIcons: Record<MobileTabKey, ReactNode> = {
  grid: <EnvironmentOutlined />,
  orders: <ProfileOutlined />,
  patrol: <CompassOutlined />,
  duty: <SafetyCertificateOutlined />,
  units: <TeamOutlined />,
  hazards: <WarningOutlined />,
  collect: <IdcardOutlined />,
  callouts: <AlertOutlined />,
  outreach: <PhoneOutlined />,
  messages: <MessageOutlined />,
  me: <UserOutlined />,
};

/** The outbox of this phone's user (one per account, so a shared phone never sends one user's writes as another's). */
function useFieldOutbox(username: string | undefined): Outbox | null {
  const outbox = useMemo(() => (username ? createOutbox({ name: `field-${username}` }) : null), [username]);
  useEffect(() => () => outbox?.close(), [outbox]);
  return outbox;
}

function useOnline(): boolean {
  return useSyncExternalStore(
    (listener) => onlineManager.subscribe(listener),
    () => onlineManager.isOnline(),
  );
}

/**
 * The phone app's frame: the user and station on top, the role's tabs at the bottom, the page between.
 * Opened without a network, it shows the shell of whoever last used this phone (their data waits for the
 * network); a session that has ended goes to the sign-in page.
 */
export function MobileLayout() {
  const t = useT();
  const { status, user } = useAuth();
  const online = useOnline();
  const location = useLocation();
  const outbox = useFieldOutbox(
    user?.username ?? (status === 'signed-out' ? undefined : lastUser()?.username),
  );

  const crew = user?.roles.some((r) => r === 'officer' || r === 'auxiliary') ?? false;
  const working = useQuery({
    queryKey: myUnitKey,
    queryFn: fieldApi.myUnit,
    enabled: crew && online,
    refetchInterval: 30_000,
  }).data?.unit;
  const tracker = useTracker(working?.id ?? null, working?.onDuty ?? false, !user || !online);

  useEffect(() => void registerServiceWorker(), []);
  useEffect(() => {
    if (user) rememberUser(user);
    else if (status === 'signed-out') forgetUser();
  }, [user, status]);

  const offline = !user && (status === 'unreachable' || (status === 'loading' && !online));
  if (status === 'loading' && !offline) {
    return (
      <div style={{ display: 'grid', placeItems: 'center', height: '100dvh' }}>
        <Spin size="large" description={t('common.loading')} />
      </div>
    );
  }
  if (status === 'signed-out') {
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  }
  const shown = user ?? lastUser();
  if (!shown || !outbox) {
    return (
      <div className="m-shell">
        <div className="m-empty" style={{ marginTop: '30vh' }} data-testid="mobile-offline-empty">
          {t('mobile.offlineNoUser')}
          <div style={{ marginTop: 16 }}>
            <Button className="m-button" onClick={() => window.location.reload()}>
              {t('common.retry')}
            </Button>
          </div>
        </div>
      </div>
    );
  }

  const tabs = tabsFor(shown.roles);
  const first = tabs[0]?.path ?? '/m/me';
  const here = tabs.find(
    (tab) => location.pathname === tab.path || location.pathname.startsWith(`${tab.path}/`),
  );
  if (!here) return <Navigate to={first} replace />;

  const context: MobileContext = { user: shown, offline, outbox, tracker };
  const shell = (
    <div className="m-shell" data-testid="mobile-shell" data-offline={offline ? 'true' : 'false'}>
      <header className="m-top">
        <SafetyOutlined className="m-top-icon" />
        <div className="m-top-who">
          <span className="m-top-name" data-testid="mobile-user">
            {shown.displayName}
          </span>
          <span className="m-top-station" data-testid="mobile-station">
            {shown.scope.orgName}
          </span>
        </div>
        <div className="m-top-outbox">
          <OutboxStatus outbox={outbox} />
          {tabs.some((tab) => tab.key === 'orders') && <SosButton context={context} />}
        </div>
      </header>
      {offline && (
        <div className="m-offline" role="status" data-testid="mobile-offline">
          {t('mobile.offline')}
        </div>
      )}
      <main className="m-main">
        <Outlet context={context} />
      </main>
      <nav className="m-tabs" data-testid="mobile-tabs" aria-label={t('mobile.title')}>
        {tabs.map((tab) => (
          <NavLink
            key={tab.key}
            to={tab.path}
            className={({ isActive }) => (isActive ? 'm-tab active' : 'm-tab')}
            data-testid={`mobile-tab-${tab.key}`}
          >
            {tabIcons[tab.key]}
            <span>{t(tab.label)}</span>
          </NavLink>
        ))}
      </nav>
      {!offline && tabs.some((tab) => tab.key === 'orders') && <OrderAlert context={context} />}
      {!offline && tabs.some((tab) => tab.key === 'callouts') && <CalloutAlert context={context} />}
    </div>
  );
  return user ? <FieldLive>{shell}</FieldLive> : shell;
}
