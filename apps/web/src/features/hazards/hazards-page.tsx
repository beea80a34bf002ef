import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Col, Row, Segmented, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { fetchOrgGeojson } from '../../api/orgs-api.ts';
import { LiveChannelProvider, useLiveEvents, useLiveState } from '../../app/live-channel.tsx';
import { useT } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { formatDateTime } from '../../i18n/format-datetime.ts';
import { HazardDetailCard } from './hazard-detail.tsx';
import { HazardMap } from './hazard-map.tsx';
import { type Hazard, hazardColor, hazardKeys, hazardsApi, OPEN_STATES } from '../../api/hazards-api.ts';

type Filter = 'open' | 'overdue' | 'all';

/** 隐患: the hazards in the user's scope on the map and in a list, one in detail with its loop and steps. */
export function HazardsPage() {
  return (
    <LiveChannelProvider subscribe={['hazard.*']}>
      <HazardsWorkspace />
    </LiveChannelProvider>
  );
}

function HazardsWorkspace() {
  const live = useLiveState();
  const t = useT();
  const { notification } = App.useApp();
  const queryClient = useQueryClient();
  const [filter, setFilter] = useState<Filter>('open');
  // `/hazards?id=…` (a link from the command map's popup) opens that hazard.
  const [params] = useSearchParams();
  const linked = params.get('id');
  const [selected, setSelected] = useState<string | null>(linked);
  useEffect(() => {
    if (linked) setSelected(linked);
  }, [linked]);
  const orgs = useQuery({ queryKey: ['orgs', 'geojson'], queryFn: fetchOrgGeojson, staleTime: 5 * 60_000 });
  const list = useQuery({
    queryKey: hazardKeys.list(filter),
    queryFn: () =>
      hazardsApi.list({
        status: filter === 'open' ? OPEN_STATES.join(',') : undefined,
        overdue: filter === 'overdue',
      }),
  });
  const stations = useMemo(
    () =>
      (orgs.data?.features ?? [])
        .filter((f) => f.properties.kind === 'station')
        .map((f) => ({ id: f.properties.id, name: f.properties.name })),
    [orgs.data],
  );

  // New and moved hazards arrive live: the map and list follow without a reload.
  useLiveEvents('hazard.changed', (event) => {
    void queryClient.invalidateQueries({ queryKey: hazardKeys.all });
    if (event.payload.change === 'created')
      notification.info({
        message: t('hazards.live', { number: event.payload.number }),
        description: t(`hazards.kind.${event.payload.kind}` as MessageKey),
        placement: 'bottomRight',
      });
  });

  const items = list.data?.items ?? [];
  const columns: TableColumnsType<Hazard> = [
    { title: t('hazards.col.number'), dataIndex: 'number', width: 160 },
    {
      title: t('hazards.col.kind'),
      dataIndex: 'kind',
      width: 110,
      render: (k: string) => t(`hazards.kind.${k}` as MessageKey),
    },
    {
      title: t('hazards.col.status'),
      width: 130,
      render: (_, h) => (
        <>
          <Tag color={hazardColor(h)}>{t(`hazards.state.${h.status}` as MessageKey)}</Tag>
          {h.overdue !== 'none' && h.overdue !== 'warning' && (
            <Tag color="red">{t(`hazards.overdue.${h.overdue}` as MessageKey)}</Tag>
          )}
        </>
      ),
    },
    {
      title: t('hazards.col.grid'),
      width: 150,
      ellipsis: true,
      render: (_, h) => h.grid?.name ?? h.station?.name ?? '—',
    },
    { title: t('hazards.col.reportedAt'), width: 150, render: (_, h) => formatDateTime(h.reportedAt) },
    { title: t('hazards.col.deadline'), width: 150, render: (_, h) => formatDateTime(h.deadlineAt) },
  ];

  return (
    <div data-testid="hazards-page">
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t('hazards.title')}
        </Typography.Title>
        <Badge
          data-testid="live-state"
          data-state={live}
          status={live === 'open' ? 'success' : live === 'connecting' ? 'processing' : 'error'}
          text={t(`dispatch.live.${live}`)}
        />
      </Space>
      <Segmented<Filter>
        value={filter}
        onChange={setFilter}
        style={{ marginBottom: 12 }}
        options={[
          { value: 'open', label: t('hazards.filter.open') },
          { value: 'overdue', label: t('hazards.filter.overdue') },
          { value: 'all', label: t('hazards.filter.all') },
        ]}
      />
      <Row gutter={16}>
        <Col xs={24} xl={15}>
          {orgs.data && (
            <HazardMap orgs={orgs.data} hazards={items} selectedId={selected} onSelect={setSelected} />
          )}
          <Table<Hazard>
            style={{ marginTop: 12 }}
            data-testid="hazard-list"
            rowKey="id"
            size="small"
            scroll={{ x: 820 }}
            loading={list.isPending}
            columns={columns}
            dataSource={items}
            pagination={{ pageSize: 10, showTotal: (n) => t('common.total', { n }) }}
            onRow={(h) => ({
              onClick: () => setSelected(h.id),
              style: { cursor: 'pointer', background: h.id === selected ? '#e6f4ff' : undefined },
              'data-testid': 'hazard-row',
            })}
          />
        </Col>
        <Col xs={24} xl={9}>
          <HazardDetailCard id={selected} stations={stations} />
        </Col>
      </Row>
    </div>
  );
}
