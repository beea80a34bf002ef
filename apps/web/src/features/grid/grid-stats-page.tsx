import {
  DISPUTE_KINDS,
  type GridStats,
  type GridStatsLevel,
  type GridStatsUnit,
  type GridWorkerActivity,
  HAZARD_KINDS,
  HAZARD_STATES,
} from '@ronghui/contracts';
import { useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Row,
  Segmented,
  Select,
  Skeleton,
  Space,
  Statistic,
  Table,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { chinaYear, gridStatsApi } from '../../api/grid-stats-api.ts';
import { LoadError } from '../../app/load-error.tsx';
import { EChart } from '../../charts/echart.tsx';
import { useT } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import {
  countBars,
  entries,
  RISK_COLORS,
  rateOf,
  riskStack,
  rosterN,
  sharePie,
} from './grid-stats-charts.ts';
import { GridTabs } from './grid-tabs.tsx';

const thisYear = Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));
const YEARS = Array.from({ length: thisYear - 2022 }, (_, i) => thisYear - i);

function usePeriod(year: string) {
  return year === 'all' ? {} : chinaYear(Number(year));
}

/** 网格治理统计: the figures of the county, a township or a grid, charts, and a table of the units below. */
export function GridStatsPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const level = (params.get('level') as GridStatsLevel | null) ?? 'county';
  const township = params.get('township') ?? undefined;
  const grid = params.get('grid') ?? undefined;
  const year = params.get('year') ?? 'all';
  const period = usePeriod(year);
  const [childView, setChildView] = useState<'police' | 'community'>('police');
  const set = (next: Record<string, string | undefined>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v === undefined) p.delete(k);
      else p.set(k, v);
    }
    setParams(p, { replace: true });
  };

  const county = useQuery({
    queryKey: ['grid-stats', 'county', year],
    queryFn: () => gridStatsApi.stats({ level: 'county', ...period }),
  });
  const townshipId = township ?? county.data?.children[0]?.id;
  const townshipStats = useQuery({
    queryKey: ['grid-stats', 'township', townshipId, year],
    queryFn: () => gridStatsApi.stats({ level: 'township', id: townshipId, ...period }),
    enabled: level !== 'county' && !!townshipId,
  });
  const gridId = grid ?? townshipStats.data?.children[0]?.id;
  const gridStats = useQuery({
    queryKey: ['grid-stats', 'grid', gridId, year],
    queryFn: () => gridStatsApi.stats({ level: 'grid', id: gridId, ...period }),
    enabled: level === 'grid' && !!gridId,
  });
  const current = level === 'county' ? county : level === 'township' ? townshipStats : gridStats;

  const drill = (u: GridStatsUnit) => {
    if (u.kind === 'township') set({ level: 'township', township: u.id, grid: undefined });
    else if (u.kind === 'police-grid') set({ level: 'grid', grid: u.id });
    else if (u.kind === 'community-grid' && level === 'township') set({ level: 'grid', grid: u.id });
  };

  return (
    <Flex vertical gap={12} data-testid="grid-stats-page" style={{ paddingBottom: 16 }}>
      <Card size="small">
        <Flex gap={16} wrap="wrap" align="center">
          <GridTabs active="stats" />
          <Segmented
            data-testid="grid-stats-level"
            value={level}
            onChange={(v) => set({ level: v as string })}
            options={(['county', 'township', 'grid'] as const).map((l) => ({
              value: l,
              label: t(`gridStats.level.${l}`),
            }))}
          />
          {level !== 'county' && (
            <Select
              data-testid="grid-stats-township"
              style={{ width: 200 }}
              value={townshipId}
              onChange={(v) => set({ township: v, grid: undefined })}
              options={(county.data?.children ?? []).map((c) => ({ value: c.id, label: c.name }))}
              placeholder={t('gridStats.level.township')}
            />
          )}
          {level === 'grid' && (
            <Select
              data-testid="grid-stats-grid"
              style={{ width: 260 }}
              showSearch
              optionFilterProp="label"
              value={gridId}
              onChange={(v) => set({ grid: v })}
              options={[
                ...(townshipStats.data?.children ?? []),
                ...(townshipStats.data?.communityGrids ?? []),
              ].map((c) => ({
                value: c.id,
                label: `${c.kind === 'police-grid' ? '◆' : '·'} ${c.name}`,
              }))}
              placeholder={t('gridStats.level.grid')}
            />
          )}
          <Space>
            <span>{t('gridStats.period')}</span>
            <Select
              data-testid="grid-stats-year"
              style={{ width: 120 }}
              value={year}
              onChange={(v) => set({ year: v })}
              options={[
                { value: 'all', label: t('gridStats.period.all') },
                ...YEARS.map((y) => ({ value: String(y), label: String(y) })),
              ]}
            />
          </Space>
        </Flex>
      </Card>
      {current.error && <LoadError error={current.error} onRetry={() => current.refetch()} />}
      {!current.data && !current.error && <Skeleton active />}
      {current.data && (
        <StatsView stats={current.data} childView={childView} onChildView={setChildView} onDrill={drill} />
      )}
    </Flex>
  );
}

const FIGURES: { key: string; label: MessageKey; value: (u: GridStatsUnit) => string | number }[] = [
  { key: 'police-grids', label: 'grid.summary.policeGrids', value: (u) => u.grids.police },
  { key: 'community-grids', label: 'grid.summary.communityGrids', value: (u) => u.grids.community },
  { key: 'officers', label: 'gridStats.fig.officers', value: (u) => u.rosters.communityOfficer },
  { key: 'auxiliaries', label: 'gridStats.fig.auxiliaries', value: (u) => u.rosters.auxiliary },
  { key: 'n', label: 'gridStats.fig.n', value: rosterN },
  { key: 'hazards', label: 'gridStats.fig.hazards', value: (u) => u.hazards.total },
  { key: 'hazards-open', label: 'gridStats.fig.hazardsOpen', value: (u) => u.hazards.open },
  { key: 'hazards-overdue', label: 'gridStats.fig.hazardsOverdue', value: (u) => u.hazards.overdue },
  { key: 'disputes', label: 'gridStats.fig.disputes', value: (u) => u.disputes.total },
  { key: 'success', label: 'gridStats.fig.successRate', value: (u) => rateOf(u, 'successRate') },
  { key: 'on-time', label: 'gridStats.fig.onTimeRate', value: (u) => rateOf(u, 'onTimeRate') },
  {
    key: 'collections',
    label: 'gridStats.fig.collections',
    value: (u) => (u.collections ? `${u.collections.verified} / ${u.collections.collected}` : '—'),
  },
];

function StatsView({
  stats,
  childView,
  onChildView,
  onDrill,
}: {
  stats: GridStats;
  childView: 'police' | 'community';
  onChildView: (v: 'police' | 'community') => void;
  onDrill: (u: GridStatsUnit) => void;
}) {
  const t = useT();
  const u = stats.unit;
  const rows =
    stats.level === 'township' && childView === 'community' ? stats.communityGrids : stats.children;
  const charts = useMemo(
    () => ({
      states: countBars(
        entries(u.hazards.byState, HAZARD_STATES, (s) => t(`hazards.state.${s}` as MessageKey)),
      ),
      kinds: sharePie(
        entries(u.hazards.byKind, HAZARD_KINDS, (k) => t(`hazards.kind.${k}` as MessageKey), true),
      ),
      risks:
        stats.children.length > 0
          ? riskStack(stats.children, (r) => t(`disputes.risk.${r}` as MessageKey))
          : sharePie(
              entries(u.disputes.byKind, DISPUTE_KINDS, (k) => t(`disputes.kind.${k}` as MessageKey), true),
            ),
    }),
    [u, stats.children, t],
  );

  const columns: ColumnsType<GridStatsUnit> = [
    {
      title: t('gridStats.col.unit'),
      dataIndex: 'name',
      fixed: 'left',
      render: (name: string, r) =>
        r.kind === 'community-grid' && stats.level !== 'township' ? (
          name
        ) : (
          <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onDrill(r)}>
            {name}
          </Button>
        ),
    },
    ...(stats.level === 'county'
      ? [{ title: t('grid.summary.policeGrids'), render: (_: unknown, r: GridStatsUnit) => r.grids.police }]
      : []),
    ...(stats.level !== 'grid'
      ? [
          {
            title: t('grid.summary.communityGrids'),
            render: (_: unknown, r: GridStatsUnit) => r.grids.community,
          },
        ]
      : []),
    {
      title: t('gridStats.col.roster'),
      render: (_, r) => `${r.rosters.communityOfficer}+${r.rosters.auxiliary}+${rosterN(r)}`,
    },
    {
      title: t('gridStats.fig.hazards'),
      render: (_, r) => r.hazards.total,
      sorter: (a, b) => a.hazards.total - b.hazards.total,
    },
    { title: t('gridStats.fig.hazardsOpen'), render: (_, r) => r.hazards.open },
    {
      title: t('gridStats.fig.hazardsOverdue'),
      render: (_, r) => (
        <span style={{ color: r.hazards.overdue ? '#cf1322' : undefined }}>{r.hazards.overdue}</span>
      ),
      sorter: (a, b) => a.hazards.overdue - b.hazards.overdue,
    },
    {
      title: t('gridStats.fig.disputes'),
      render: (_, r) => r.disputes.total,
      sorter: (a, b) => a.disputes.total - b.disputes.total,
    },
    {
      title: t('disputes.risk.red'),
      render: (_, r) => <span style={{ color: RISK_COLORS.red }}>{r.disputes.byRisk.red}</span>,
    },
    { title: t('gridStats.fig.successRate'), render: (_, r) => rateOf(r, 'successRate') },
    { title: t('gridStats.fig.onTimeRate'), render: (_, r) => rateOf(r, 'onTimeRate') },
    {
      title: t('gridStats.fig.collections'),
      render: (_, r) => (r.collections ? `${r.collections.verified} / ${r.collections.collected}` : '—'),
    },
  ];
  const workerColumns: ColumnsType<GridWorkerActivity> = [
    { title: '#', render: (_, __, i) => i + 1, width: 48 },
    { title: t('gridStats.worker.name'), dataIndex: 'name' },
    { title: t('gridStats.worker.hazards'), dataIndex: 'hazardsReported' },
    { title: t('gridStats.worker.meetings'), dataIndex: 'meetings' },
    { title: t('gridStats.worker.followUps'), dataIndex: 'followUps' },
    { title: t('gridStats.worker.total'), dataIndex: 'total' },
  ];

  return (
    <>
      <Card size="small" title={`${u.name} · ${t(`gridStats.kind.${u.kind}` as MessageKey)}`}>
        <Flex gap={28} wrap="wrap" data-testid="grid-stats-figures">
          {FIGURES.map((f) => (
            <div key={f.key} data-testid={`grid-stat-${f.key}`}>
              <Statistic title={t(f.label)} value={f.value(u)} />
            </div>
          ))}
        </Flex>
      </Card>
      <Row gutter={12}>
        <Col span={8}>
          <Card size="small" title={t('gridStats.chart.states')}>
            <EChart option={charts.states} testId="grid-chart-states" height={260} />
          </Card>
        </Col>
        <Col span={8}>
          <Card size="small" title={t('gridStats.chart.kinds')}>
            <EChart option={charts.kinds} testId="grid-chart-kinds" height={260} />
          </Card>
        </Col>
        <Col span={8}>
          <Card
            size="small"
            title={stats.children.length ? t('gridStats.chart.risks') : t('gridStats.chart.disputeKinds')}
          >
            <EChart option={charts.risks} testId="grid-chart-risks" height={260} />
          </Card>
        </Col>
      </Row>
      <Card
        size="small"
        title={t(`gridStats.children.${stats.level}` as MessageKey)}
        extra={
          stats.level === 'township' ? (
            <Segmented
              data-testid="grid-stats-child-view"
              value={childView}
              onChange={(v) => onChildView(v as 'police' | 'community')}
              options={[
                { value: 'police', label: t('grid.layer.police') },
                { value: 'community', label: t('grid.layer.community') },
              ]}
            />
          ) : null
        }
      >
        {rows.length ? (
          <Table
            data-testid="grid-stats-table"
            size="small"
            rowKey="id"
            columns={columns}
            dataSource={rows}
            pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
            scroll={{ x: 'max-content' }}
          />
        ) : (
          <Empty description={t('gridStats.noChildren')} />
        )}
      </Card>
      <Card size="small" title={t('gridStats.workers', { n: stats.workers.length })}>
        <Table
          data-testid="grid-stats-workers"
          size="small"
          rowKey="name"
          columns={workerColumns}
          dataSource={stats.workers}
          pagination={false}
        />
        <div style={{ color: '#8c8c8c', marginTop: 8 }}>{t('gridStats.workers.note')}</div>
      </Card>
    </>
  );
}
