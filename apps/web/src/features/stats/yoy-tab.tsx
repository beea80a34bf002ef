import { useQuery } from '@tanstack/react-query';
import { Card, Col, Radio, Row, Select, Space, Table } from 'antd';
import { useMemo, useState } from 'react';
import { type StatsPeriod, type StatsYoyRow, statsApi, statsKeys } from '../../api/stats-api.ts';
import { LoadError } from '../../app/load-error.tsx';
import { EChart } from '../../charts/echart.tsx';
import { useT } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { DrillLink } from './drill-drawer.tsx';
import { compareBars } from './stats-charts.ts';
import { ChangeTag } from './stats-figures.tsx';

export const YOY_CATEGORIES = ['criminal', 'public-order', 'theft'] as const;
export type YoyCategory = (typeof YOY_CATEGORIES)[number];
export const categoryLabel = (c: string): MessageKey => `stats.category.${c as YoyCategory}`;

const REFRESH = 60_000;

/** One 比降 card: this period's count (drills to its records), last year's, and the change. */
function YoyCard({ period, category }: { period: StatsPeriod; category: YoyCategory }) {
  const t = useT();
  const q = { ...period, category };
  const yoy = useQuery({
    queryKey: statsKeys.yoy(q),
    queryFn: () => statsApi.yoy(q),
    refetchInterval: REFRESH,
  });
  const d = yoy.data;
  return (
    <Card size="small" title={t(categoryLabel(category))} data-testid={`yoy-card-${category}`}>
      {yoy.error ? (
        <LoadError error={yoy.error} onRetry={() => void yoy.refetch()} />
      ) : (
        <Space align="end" size="large" wrap>
          <div>
            <div style={{ fontSize: 12, color: '#8c8c8c' }}>{t('stats.yoy.count')}</div>
            <div style={{ fontSize: 30, fontWeight: 600 }}>
              {d ? (
                <DrillLink
                  testId={`yoy-count-${category}`}
                  target={{
                    title: `${t(categoryLabel(category))} · ${period.year}`,
                    figure: 'yoy',
                    params: q,
                  }}
                >
                  {d.count}
                </DrillLink>
              ) : (
                '—'
              )}
            </div>
          </div>
          <div>
            <div style={{ fontSize: 12, color: '#8c8c8c' }}>{t('stats.yoy.lastYear')}</div>
            <div style={{ fontSize: 20 }} data-testid={`yoy-last-${category}`}>
              {d ? (
                <DrillLink
                  target={{
                    title: `${t(categoryLabel(category))} · ${period.year - 1}`,
                    figure: 'yoy',
                    params: { ...q, side: 'last' },
                  }}
                >
                  {d.lastYear}
                </DrillLink>
              ) : (
                '—'
              )}
            </div>
          </div>
          <div>
            <div style={{ fontSize: 12, color: '#8c8c8c' }}>{t('stats.yoy.change')}</div>
            <div style={{ fontSize: 20 }}>
              <ChangeTag change={d?.change ?? null} testId={`yoy-change-${category}`} />
            </div>
          </div>
        </Space>
      )}
    </Card>
  );
}

type By = 'station' | 'township' | 'category';

/** 比降 of 刑事, 治安 and 盗窃, and the breakdown of one of them by station, township or category. */
export function YoyTab({ period }: { period: StatsPeriod }) {
  const t = useT();
  const [category, setCategory] = useState<YoyCategory>('theft');
  const [by, setBy] = useState<By>('station');
  const q = { ...period, category, by };
  const rows = useQuery({
    queryKey: statsKeys.yoyBreakdown(q),
    queryFn: () => statsApi.yoyBreakdown(q),
    refetchInterval: REFRESH,
  });
  const items = rows.data?.items ?? [];
  const chart = useMemo(
    () =>
      compareBars(
        items.map((r) => ({ name: r.name, now: r.count, before: r.lastYear })),
        { now: String(period.year), before: String(period.year - 1) },
      ),
    [items, period.year],
  );
  // The drill lists a station's or a category's records; a township's are not a drill of their own.
  const drill = (r: StatsYoyRow, side: 'current' | 'last', value: number) => {
    if (by === 'township') return value;
    const params = {
      ...period,
      category,
      side,
      ...(by === 'station' ? { station: r.key } : { category: r.key }),
    };
    const year = side === 'last' ? period.year - 1 : period.year;
    return <DrillLink target={{ title: `${r.name} · ${year}`, figure: 'yoy', params }}>{value}</DrillLink>;
  };
  const columns = [
    { title: t(`stats.by.${by}`), dataIndex: 'name' },
    {
      title: String(period.year),
      dataIndex: 'count',
      width: 110,
      render: (v: number, r: StatsYoyRow) => drill(r, 'current', v),
    },
    {
      title: String(period.year - 1),
      dataIndex: 'lastYear',
      width: 110,
      render: (v: number, r: StatsYoyRow) => drill(r, 'last', v),
    },
    {
      title: t('stats.yoy.change'),
      dataIndex: 'change',
      width: 120,
      render: (v: number | null) => <ChangeTag change={v} />,
    },
  ];
  return (
    <div data-testid="stats-yoy">
      <Row gutter={[12, 12]}>
        {YOY_CATEGORIES.map((c) => (
          <Col key={c} xs={24} md={8}>
            <YoyCard period={period} category={c} />
          </Col>
        ))}
      </Row>
      <Space wrap style={{ margin: '16px 0 8px' }}>
        <Select
          value={category}
          style={{ width: 140 }}
          onChange={setCategory}
          options={YOY_CATEGORIES.map((c) => ({ value: c, label: t(categoryLabel(c)) }))}
        />
        <Radio.Group
          value={by}
          onChange={(e) => setBy(e.target.value)}
          optionType="button"
          options={(['station', 'township', 'category'] as const).map((b) => ({
            value: b,
            label: t(`stats.by.${b}`),
          }))}
        />
      </Space>
      {rows.error ? (
        <LoadError error={rows.error} onRetry={() => void rows.refetch()} />
      ) : (
        <Row gutter={[12, 12]}>
          <Col xs={24} xl={12}>
            <Table<StatsYoyRow>
              rowKey="key"
              size="small"
              loading={rows.isLoading}
              dataSource={items}
              columns={columns}
              pagination={false}
              scroll={{ y: 360 }}
              data-testid="yoy-breakdown"
            />
          </Col>
          <Col xs={24} xl={12}>
            <EChart option={chart} testId="yoy-chart" height={380} />
          </Col>
        </Row>
      )}
    </div>
  );
}
