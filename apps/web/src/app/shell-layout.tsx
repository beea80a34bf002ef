import { Drawer, Layout, Spin } from 'antd';
import { Suspense, useState } from 'react';
import { Outlet } from 'react-router';
import { useT } from '../i18n/i18n-context.tsx';
import { type ConsoleWatcher, ConsoleWatchers } from './console-watchers.tsx';
import { SideMenu } from './side-menu.tsx';
import { TopBar, UserSummary } from './top-bar.tsx';
import { LanguageSwitch } from './language-switch.tsx';
import { useScreen } from './use-screen.ts';

const siderBg = '#0d2447';

/** The console's frame: top bar, menu, the page, and the console-wide watchers the features provide. */
export function ShellLayout({ watchers = [] }: { watchers?: readonly ConsoleWatcher[] }) {
  const [collapsed, setCollapsed] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);
  const t = useT();
  const screen = useScreen();
  const nav = (onNavigate?: () => void) => (
    <nav aria-label={t('shell.navigation')} data-testid="side-menu">
      <SideMenu onNavigate={onNavigate} />
    </nav>
  );
  return (
    <Layout style={{ height: '100vh' }}>
      <ConsoleWatchers watchers={watchers} />
      <Layout.Header style={screen.phone ? { paddingInline: 8 } : undefined}>
        <TopBar screen={screen} onMenu={screen.compact ? () => setMenuOpen(true) : undefined} />
      </Layout.Header>
      <Layout>
        {/* Below 992 px the menu lives in a drawer behind the top bar's menu button; up to 1200 px it shows icons. */}
        {!screen.compact && (
          <Layout.Sider
            width={208}
            collapsible
            collapsed={collapsed}
            onCollapse={setCollapsed}
            breakpoint="xl"
            style={{ overflow: 'auto' }}
          >
            {nav()}
          </Layout.Sider>
        )}
        <Layout.Content
          style={{
            overflow: 'auto',
            padding: screen.phone ? 8 : screen.compact ? 12 : 16,
            display: 'flex',
            flexDirection: 'column',
          }}
        >
          <Suspense fallback={<Spin style={{ margin: 'auto' }} description={t('common.loading')} />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
      {screen.compact && (
        <Drawer
          open={menuOpen}
          onClose={() => setMenuOpen(false)}
          placement="left"
          size={screen.phone ? 260 : 240}
          closable={false}
          title={screen.phone ? <UserSummary vertical /> : null}
          footer={screen.phone ? <LanguageSwitch size="small" /> : null}
          styles={{
            header: { background: siderBg, borderBottomColor: 'rgba(255,255,255,0.12)' },
            body: { padding: 0, background: siderBg },
            footer: { background: siderBg, borderTopColor: 'rgba(255,255,255,0.12)' },
          }}
          data-testid="menu-drawer"
        >
          {nav(() => setMenuOpen(false))}
        </Drawer>
      )}
    </Layout>
  );
}
