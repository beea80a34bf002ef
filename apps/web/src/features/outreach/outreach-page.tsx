import { useQueryClient } from '@tanstack/react-query';
import { Tabs, Typography } from 'antd';
import { outreachKeys } from '../../api/outreach-api.ts';
import { useAuth } from '../../app/auth-context.tsx';
import { LiveChannelProvider, useLiveEvents } from '../../app/live-channel.tsx';
import { useT } from '../../i18n/i18n-context.tsx';
import { PlansTab, ResidentsTab } from './residents-tab.tsx';
import { WarningsTab } from './warnings-tab.tsx';

/** 暖心为民: anti-fraud warnings (import, steps, overdue), the register of residents in care, visit plans. */
export function OutreachPage() {
  return (
    <LiveChannelProvider subscribe={['outreach.*']}>
      <OutreachWorkspace />
    </LiveChannelProvider>
  );
}

function OutreachWorkspace() {
  const t = useT();
  const { user } = useAuth();
  const roles = user?.roles ?? [];
  const queryClient = useQueryClient();
  useLiveEvents('outreach.*', () => {
    void queryClient.invalidateQueries({ queryKey: outreachKeys.warnings() });
  });
  const can = {
    intake: roles.some((r) => ['dispatcher', 'commander', 'officer'].includes(r)),
    work: roles.some((r) => ['commander', 'officer', 'auxiliary'].includes(r)),
    register: roles.some((r) => ['commander', 'officer'].includes(r)),
    reveal: roles.some((r) => ['dispatcher', 'commander', 'officer'].includes(r)),
  };
  return (
    <div data-testid="outreach-page">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('or.title')}
      </Typography.Title>
      <Tabs
        items={[
          { key: 'warnings', label: t('or.tab.warnings'), children: <WarningsTab can={can} /> },
          { key: 'residents', label: t('or.tab.residents'), children: <ResidentsTab can={can} /> },
          { key: 'plans', label: t('or.tab.plans'), children: <PlansTab /> },
        ]}
      />
    </div>
  );
}
