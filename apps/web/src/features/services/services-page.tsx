import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Space, Tabs, Typography } from 'antd';
import { useMemo } from 'react';
import { servicesApi, servicesKeys } from '../../api/services-api.ts';
import { useAuth } from '../../app/auth-context.tsx';
import { LiveChannelProvider, useLiveEvents, useLiveState } from '../../app/live-channel.tsx';
import { useT } from '../../i18n/i18n-context.tsx';
import { AppointmentsTab } from './appointments-tab.tsx';
import { CasesTab } from './cases-tab.tsx';
import { CatalogueTab } from './catalogue-tab.tsx';
import { FollowUpsTab } from './follow-ups-tab.tsx';
import { HomeVisitsTab } from './home-visits-tab.tsx';
import { QueueTab } from './queue-tab.tsx';
import { servicesAccess } from './services-access.ts';
import { hallsFor } from './service-view.ts';
import { StatsTab } from './stats-tab.tsx';

/**
 * 智慧一窗通办: the hall's queue at a counter, cases with their deadlines, the day's bookings, follow-ups of
 * bad reviews, home service, statistics and the catalogue.
 */
export function ServicesPage() {
  return (
    <LiveChannelProvider subscribe={['services.*']}>
      <ServicesWorkspace />
    </LiveChannelProvider>
  );
}

function ServicesWorkspace() {
  const t = useT();
  const live = useLiveState();
  const { user } = useAuth();
  const access = servicesAccess(user?.roles ?? []);
  const queryClient = useQueryClient();
  const halls = useQuery({ queryKey: servicesKeys.halls, queryFn: servicesApi.halls });
  const items = useQuery({ queryKey: servicesKeys.items(), queryFn: () => servicesApi.items() });
  const mine = useMemo(() => hallsFor(halls.data?.items ?? [], user?.scope.orgId), [halls.data, user]);

  useLiveEvents('services.*', (event) => {
    if (event.topic === 'services.ticket.changed') {
      void queryClient.invalidateQueries({ queryKey: servicesKeys.tickets(event.payload.hallId) });
      void queryClient.invalidateQueries({ queryKey: servicesKeys.halls });
    } else void queryClient.invalidateQueries({ queryKey: ['services', 'cases'] });
  });

  const all = items.data?.items ?? [];
  const tabs = [
    access.read && {
      key: 'queue',
      label: t('svc.tab.queue'),
      children: mine.length > 0 && <QueueTab key={mine[0]!.id} halls={mine} canWork={access.work} />,
    },
    access.read && {
      key: 'cases',
      label: t('svc.tab.cases'),
      children: <CasesTab halls={mine} items={all} canWork={access.work} />,
    },
    access.read && {
      key: 'appointments',
      label: t('svc.tab.appointments'),
      children: mine.length > 0 && <AppointmentsTab halls={mine} canWork={access.work} />,
    },
    access.read && {
      key: 'follow-ups',
      label: t('svc.tab.followUps'),
      children: <FollowUpsTab canWork={access.work} />,
    },
    access.read && {
      key: 'home',
      label: t('svc.tab.home'),
      children: (
        <HomeVisitsTab halls={mine} items={all} canRequest={access.homeRequest} canWork={access.homeWork} />
      ),
    },
    access.read && { key: 'stats', label: t('svc.tab.stats'), children: <StatsTab /> },
    {
      key: 'catalogue',
      label: t('svc.tab.catalogue'),
      children: <CatalogueTab items={all} loading={items.isPending} canEdit={access.admin} />,
    },
  ].filter((x) => x !== false);

  return (
    <div data-testid="services-page">
      <Space style={{ width: '100%', justifyContent: 'space-between', flexWrap: 'wrap' }}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t('svc.title')}
        </Typography.Title>
        <Space wrap>
          <Badge
            data-testid="live-state"
            data-state={live}
            status={live === 'open' ? 'success' : live === 'connecting' ? 'processing' : 'error'}
            text={t(`dispatch.live.${live}`)}
          />
          <Typography.Link href="/guide" target="_blank">
            {t('svc.link.guide')}
          </Typography.Link>
          {mine[0] && (
            <>
              <Typography.Link
                href={`/hall/${mine[0].id}/screen`}
                target="_blank"
                data-testid="svc-screen-link"
              >
                {t('svc.link.screen')}
              </Typography.Link>
              <Typography.Link href={`/kiosk/${mine[0].id}`} target="_blank">
                {t('svc.link.kiosk')}
              </Typography.Link>
            </>
          )}
        </Space>
      </Space>
      <Tabs items={tabs} destroyOnHidden />
    </div>
  );
}
