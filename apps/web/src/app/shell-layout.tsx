import { Layout, Spin } from 'antd';
import { Suspense, useState } from 'react';
import { Outlet } from 'react-router';
import { useT } from '../i18n/i18n-context.tsx';
import { SideMenu } from './side-menu.tsx';
import { TopBar } from './top-bar.tsx';

export function ShellLayout() {
  const [collapsed, setCollapsed] = useState(false);
  const t = useT();
  return (
    <Layout style={{ height: '100vh' }}>
      <Layout.Header>
        <TopBar />
      </Layout.Header>
      <Layout>
        <Layout.Sider
          width={208}
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          breakpoint="xl"
          style={{ overflow: 'auto' }}
        >
          <nav aria-label={t('shell.navigation')} data-testid="side-menu">
            <SideMenu />
          </nav>
        </Layout.Sider>
        <Layout.Content style={{ overflow: 'auto', padding: 16, display: 'flex', flexDirection: 'column' }}>
          <Suspense fallback={<Spin style={{ margin: 'auto' }} description={t('common.loading')} />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
