import {
  MessageOutlined,
  ProfileOutlined,
  SafetyOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { onlineManager } from '@tanstack/react-query';
import { Button, Spin } from 'antd';
import { type ReactNode, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../app/auth-context.tsx';
import { useT } from '../i18n/i18n-context.tsx';
import { createOutbox, type Outbox, OutboxStatus } from '../offline/index.ts';
import { useIncidentBrief } from './incident-brief.tsx';
import { forgetUser, lastUser, rememberUser } from './last-user.ts';
import type { MobileContext } from './mobile-context.ts';
import { type MobileTabKey, tabsFor } from './tabs.ts';
import { useStationRequests } from './use-field-data.ts';
import { registerServiceWorker } from './register-sw.ts';
import './mobile.css';

const tabIcons: Record<MobileTabKey, ReactNode> = {
  orders: <ProfileOutlined />,
  units: <TeamOutlined />,
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

  const context: MobileContext = { user: shown, offline, outbox };
  return (
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
      {!offline && tabs.some((tab) => tab.key === 'orders') && <NewRequestAlert context={context} />}
    </div>
  );
}

/**
 * A new station request fills the screen until it is looked at: where the phone cannot receive push, this
 * is how a task reaches the officer when the app is opened.
 */
function NewRequestAlert({ context }: { context: MobileContext }) {
  const t = useT();
  const navigate = useNavigate();
  const requests = useStationRequests(context);
  const [seen, setSeen] = useState<ReadonlySet<string>>(new Set());
  const waiting = (requests.data ?? []).filter((r) => r.status === 'requested' && !seen.has(r.id));
  const request = waiting[0];
  const brief = useIncidentBrief(request?.incidentId ?? null, context.offline);
  if (!request) return null;
  const dismiss = () => {
    setSeen(new Set([...seen, ...waiting.map((r) => r.id)]));
    navigate(`/m/orders/${request.id}`);
  };
  return (
    <div className="m-alert" role="alertdialog" aria-modal="true" data-testid="mobile-new-request">
      <div className="m-alert-title">{t('mobile.alert.title')}</div>
      <div className="m-alert-body">
        <div style={{ fontSize: 24, fontWeight: 600 }}>{brief.title}</div>
        {brief.place && <div>{brief.place}</div>}
        <div style={{ marginTop: 12 }}>{t('mobile.alert.body', { n: request.quantity })}</div>
      </div>
      <Button size="large" onClick={dismiss} block>
        {t('mobile.alert.view')}
      </Button>
    </div>
  );
}
