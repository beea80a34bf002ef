import { useQuery } from '@tanstack/react-query';
import { Card, Col, Radio, Row, Select, Space, Table } from 'antd';
import { useMemo, useState } from 'react';
import {
  type ClearanceGroup,
  type StatsClearanceRow,
  type StatsPeriod,
  statsApi,
  statsKeys,
} from '../../api/stats-api.ts';
import { LoadError } from '../../app/load-error.tsx';
import { EChart } from '../../charts/echart.tsx';
import { useT } from '../../i18n/i18n-context.tsx';
import { DrillLink } from './drill-drawer.tsx';
import { rateBars } from './stats-charts.ts';
import { pct } from './stats-view.ts';

export const CLEARANCE_GROUPS: readonly ClearanceGroup[] = [
  'traditional',
  'theft',
  'robbery',
  'fraud',
  'telecom-fraud',
  'all',
];
const REFRESH = 60_000;

/** One group's clearance: rate, filed (立案) and solved (破案), each drilling to its records. */
function ClearanceCard({
  period,
  group,
  main,
}: {
  period: StatsPeriod;
  group: ClearanceGroup;
  main?: boolean;
}) {
  const t = useT();
  const q = { year: period.year, group };
  const c = useQuery({
    queryKey: statsKeys.clearance(q),
    queryFn: () => statsApi.clearance(q),
    refetchInterval: REFRESH,
  });
  const name = t(`stats.group.${group}`);
  const d = c.data;
  return (
    <Card size="small" title={name} data-testid={`clearance-card-${group}`} style={{ height: '100%' }}>
      {c.error ? (
        <LoadError error={c.error} onRetry={() => void c.refetch()} />
      ) : (
        <Space align="end" size="large" wrap>
          <div>
            <div style={{ fontSize: 12, color: '#8c8c8c' }}>{t('stats.clearance.rate')}</div>
            <div
              style={{ fontSize: main ? 32 : 22, fontWeight: 600, color: '#389e0d' }}
              data-testid={`clearance-rate-${group}`}
            >
              {d ? pct(d.rate) : '—'}
            </div>
          </div>
          <div>
            <div style={{ fontSize: 12, color: '#8c8c8c' }}>{t('stats.clearance.filed')}</div>
            <div style={{ fontSize: 18 }}>
              {d ? (
                <DrillLink
                  testId={`clearance-filed-${group}`}
                  target={{
                    title: `${name} · ${t('stats.clearance.filed')}`,
                    figure: 'clearance',
                    params: q,
                  }}
                >
                  {d.filed}
                </DrillLink>
              ) : (
                '—'
              )}
            </div>
          </div>
          <div>
            <div style={{ fontSize: 12, color: '#8c8c8c' }}>{t('stats.clearance.solved')}</div>
            <div style={{ fontSize: 18 }}>
              {d ? (
                <DrillLink
                  testId={`clearance-solved-${group}`}
                  target={{
                    title: `${name} · ${t('stats.clearance.solved')}`,
                    figure: 'clearance',
                    params: { ...q, solved: true },
                  }}
                >
                  {d.solved}
                </DrillLink>
              ) : (
                '—'
              )}
            </div>
          </div>
        </Space>
      )}
    </Card>
  );
}

/** Clearance of 传统盗抢骗 and of each group, and one group by category or station. */
export function ClearanceTab({ period }: { period: StatsPeriod }) {
  const t = useT();
  const [group, setGroup] = useState<ClearanceGroup>('traditional');
  const [by, setBy] = useState<'category' | 'station'>('category');
  const q = { year: period.year, group, by };
  const rows = useQuery({
    queryKey: statsKeys.clearanceBreakdown(q),
    queryFn: () => statsApi.clearanceBreakdown(q),
    refetchInterval: REFRESH,
  });
  const items = rows.data?.items ?? [];
  const chart = useMemo(() => rateBars(items.map((r) => ({ name: r.name, rate: r.rate }))), [items]);
  // A station's cases drill to their records; a category's are counted but not a drill of their own.
  const drill = (r: StatsClearanceRow, solved: boolean, value: number) =>
    by === 'station' ? (
      <DrillLink
        target={{
          title: `${r.name} · ${t(solved ? 'stats.clearance.solved' : 'stats.clearance.filed')}`,
          figure: 'clearance',
          params: { year: period.year, group, station: r.key, ...(solved ? { solved: true } : {}) },
        }}
      >
        {value}
      </DrillLink>
    ) : (
      value
    );
  const columns = [
    { title: t(`stats.by.${by}`), dataIndex: 'name' },
    {
      title: t('stats.clearance.filed'),
      dataIndex: 'filed',
      width: 100,
      render: (v: number, r: StatsClearanceRow) => drill(r, false, v),
    },
    {
      title: t('stats.clearance.solved'),
      dataIndex: 'solved',
      width: 100,
      render: (v: number, r: StatsClearanceRow) => drill(r, true, v),
    },
    { title: t('stats.clearance.rate'), dataIndex: 'rate', width: 100, render: (v: number | null) => pct(v) },
  ];
  return (
    <div data-testid="stats-clearance">
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={8}>
          <ClearanceCard period={period} group="traditional" main />
        </Col>
        <Col xs={24} lg={16}>
          <Row gutter={[12, 12]}>
            {CLEARANCE_GROUPS.filter((g) => g !== 'traditional').map((g) => (
              <Col key={g} xs={24} sm={12} xl={8}>
                <ClearanceCard period={period} group={g} />
              </Col>
            ))}
          </Row>
        </Col>
      </Row>
      <Space wrap style={{ margin: '16px 0 8px' }}>
        <Select
          value={group}
          style={{ width: 160 }}
          onChange={setGroup}
          options={CLEARANCE_GROUPS.map((g) => ({ value: g, label: t(`stats.group.${g}`) }))}
        />
        <Radio.Group
          value={by}
          onChange={(e) => setBy(e.target.value)}
          optionType="button"
          options={(['category', 'station'] as const).map((b) => ({ value: b, label: t(`stats.by.${b}`) }))}
        />
      </Space>
      {rows.error ? (
        <LoadError error={rows.error} onRetry={() => void rows.refetch()} />
      ) : (
        <Row gutter={[12, 12]}>
          <Col xs={24} xl={12}>
            <Table<StatsClearanceRow>
              rowKey="key"
              size="small"
              loading={rows.isLoading}
              dataSource={items}
              columns={columns}
              pagination={false}
              scroll={{ y: 360 }}
              data-testid="clearance-breakdown"
            />
          </Col>
          <Col xs={24} xl={12}>
            <EChart option={chart} testId="clearance-chart" height={Math.max(200, items.length * 28 + 24)} />
          </Col>
        </Row>
      )}
    </div>
  );
}
