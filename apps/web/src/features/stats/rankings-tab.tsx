import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Select, Table } from 'antd';
import { useState } from 'react';
import { type StatsRankingRow, statsApi, statsKeys } from '../../api/stats-api.ts';
import { LoadError } from '../../app/load-error.tsx';
import { useT } from '../../i18n/i18n-context.tsx';
import { ChangeTag } from './stats-figures.tsx';
import { pct } from './stats-view.ts';

export const RANKING_INDICATORS = [
  'theft-yoy',
  'criminal-yoy',
  'public-order-yoy',
  'clearance',
  'on-time-rate',
] as const;
type RankingIndicator = (typeof RANKING_INDICATORS)[number];

function useRanking(year: number, indicator: RankingIndicator, scope: 'station' | 'county') {
  const q = { year, indicator, scope };
  return useQuery({
    queryKey: statsKeys.rankings(q),
    queryFn: () => statsApi.rankings(q),
    refetchInterval: 60_000,
  });
}

function RankingTable({
  ranking,
  indicator,
  scope,
}: {
  ranking: ReturnType<typeof useRanking>;
  indicator: RankingIndicator;
  scope: 'station' | 'county';
}) {
  const t = useT();
  if (ranking.error) return <LoadError error={ranking.error} onRetry={() => void ranking.refetch()} />;
  const yoy = indicator.endsWith('-yoy');
  const columns = [
    { title: t('stats.rank.rank'), dataIndex: 'rank', width: 70, render: (v: number | null) => v ?? '—' },
    { title: t(scope === 'county' ? 'stats.rank.county' : 'stats.rank.station'), dataIndex: 'name' },
    {
      title: t(`stats.rank.indicator.${indicator}`),
      dataIndex: 'value',
      width: 140,
      render: (v: number | null) => (yoy ? <ChangeTag change={v} /> : pct(v)),
    },
    { title: t(yoy ? 'stats.rank.count' : 'stats.rank.base'), dataIndex: 'count', width: 100 },
  ];
  return (
    <Table<StatsRankingRow>
      rowKey="id"
      size="small"
      loading={ranking.isLoading}
      dataSource={ranking.data?.items ?? []}
      columns={columns}
      pagination={false}
      data-testid={`ranking-${scope}`}
    />
  );
}

/** 排名: stations ranked by an indicator, and the counties of the deployment when it holds several. */
export function RankingsTab({ year }: { year: number }) {
  const t = useT();
  const [indicator, setIndicator] = useState<RankingIndicator>('theft-yoy');
  const stations = useRanking(year, indicator, 'station');
  const counties = useRanking(year, indicator, 'county');
  const several = (counties.data?.items.length ?? 0) > 1;
  return (
    <div data-testid="stats-rankings">
      <Select
        value={indicator}
        style={{ width: 200, marginBottom: 12 }}
        onChange={setIndicator}
        options={RANKING_INDICATORS.map((i) => ({ value: i, label: t(`stats.rank.indicator.${i}`) }))}
      />
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={several ? 14 : 24}>
          <Card size="small" title={t('stats.rank.stations', { year })}>
            <RankingTable ranking={stations} indicator={indicator} scope="station" />
          </Card>
        </Col>
        {several && (
          <Col xs={24} xl={10}>
            <Card size="small" title={t('stats.rank.counties', { year })}>
              <RankingTable ranking={counties} indicator={indicator} scope="county" />
            </Card>
          </Col>
        )}
      </Row>
    </div>
  );
}
