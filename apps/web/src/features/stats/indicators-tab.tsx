import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Row, Spin, Statistic } from 'antd';
import { type StatsIndicator, type StatsPeriod, statsApi, statsKeys } from '../../api/stats-api.ts';
import { LoadError } from '../../app/load-error.tsx';
import { useT } from '../../i18n/i18n-context.tsx';
import { DrillLink } from './drill-drawer.tsx';
import { useIndicatorLabel } from './indicator-label.ts';
import { groupIndicators, indicatorValue, periodDates } from './stats-view.ts';

/** One indicator: its value in its unit, drilling to the records it counts when the server says how. */
export function IndicatorFigure({ item }: { item: StatsIndicator }) {
  const label = useIndicatorLabel();
  const text = indicatorValue(item.value, item.unit);
  return (
    <Statistic
      title={label(item.key)}
      value={text}
      valueRender={() =>
        item.drill ? (
          <DrillLink
            testId={`indicator-${item.key}`}
            target={{ title: label(item.key), figure: item.drill.figure, params: item.drill.params }}
          >
            {text}
          </DrillLink>
        ) : (
          <span data-testid={`indicator-${item.key}`}>{text}</span>
        )
      }
    />
  );
}

/** 指标: dispatch, grid, volunteer, service, outreach and case indicators of the period, by group. */
export function IndicatorsTab({ period }: { period: StatsPeriod }) {
  const t = useT();
  const q = periodDates(period);
  const ind = useQuery({
    queryKey: statsKeys.indicators(q),
    queryFn: () => statsApi.indicators(q),
    refetchInterval: 60_000,
  });
  if (ind.error) return <LoadError error={ind.error} onRetry={() => void ind.refetch()} />;
  if (!ind.data) return <Spin />;
  const groups = groupIndicators(ind.data.items);
  if (groups.length === 0) return <Empty />;
  return (
    <Row gutter={[12, 12]} data-testid="stats-indicators">
      {groups.map((g) => (
        <Col key={g.group} xs={24} md={12} xl={8}>
          <Card size="small" title={t(`stats.indicatorGroup.${g.group}`)} style={{ height: '100%' }}>
            <Row gutter={[12, 12]}>
              {g.items.map((item) => (
                <Col key={item.key} span={12}>
                  <IndicatorFigure item={item} />
                </Col>
              ))}
            </Row>
          </Card>
        </Col>
      ))}
    </Row>
  );
}
