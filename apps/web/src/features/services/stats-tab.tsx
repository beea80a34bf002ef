import { useQuery } from '@tanstack/react-query';
import { Card, Col, Input, InputNumber, Radio, Row, Space, Statistic, Table, Tag } from 'antd';
import { useState } from 'react';
import { type ServiceStats, servicesApi, servicesKeys } from '../../api/services-api.ts';
import { LoadError } from '../../app/load-error.tsx';
import { useT } from '../../i18n/i18n-context.tsx';
import { minutes, percent, shanghaiDate } from './service-view.ts';

type StatRow = ServiceStats['byHall'][number];

/** 统计: a year or a period, with on-time and satisfaction rates, waits, and the same by hall, item and clerk. */
export function StatsTab() {
  const t = useT();
  const [mode, setMode] = useState<'year' | 'period'>('year');
  const [year, setYear] = useState(Number(shanghaiDate(Date.now()).slice(0, 4)));
  const [from, setFrom] = useState(`${shanghaiDate(Date.now()).slice(0, 8)}01`);
  const [to, setTo] = useState(shanghaiDate(Date.now()));
  const q = mode === 'year' ? { year } : { from, to };
  const stats = useQuery({
    queryKey: servicesKeys.stats(JSON.stringify(q)),
    queryFn: () => servicesApi.stats(q),
  });
  const s = stats.data;
  const columns = [
    { title: t('svc.stats.name'), dataIndex: 'name' },
    { title: t('svc.stats.visits'), dataIndex: 'visits', width: 90 },
    { title: t('svc.stats.cases'), dataIndex: 'cases', width: 90 },
    { title: t('svc.stats.onTime'), width: 110, render: (_: unknown, r: StatRow) => percent(r.onTimeRate) },
    {
      title: t('svc.stats.satisfaction'),
      width: 110,
      render: (_: unknown, r: StatRow) => percent(r.satisfactionRate),
    },
    {
      title: t('svc.stats.waitP50P90'),
      width: 140,
      render: (_: unknown, r: StatRow) => `${minutes(r.waitP50Seconds)} / ${minutes(r.waitP90Seconds)}`,
    },
  ];
  return (
    <div data-testid="svc-stats">
      <Space wrap style={{ marginBottom: 12 }}>
        <Radio.Group
          value={mode}
          onChange={(e) => setMode(e.target.value)}
          optionType="button"
          options={[
            { value: 'year', label: t('svc.stats.year') },
            { value: 'period', label: t('svc.stats.period') },
          ]}
        />
        {mode === 'year' ? (
          <InputNumber min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} />
        ) : (
          <>
            <Input
              type="date"
              value={from}
              onChange={(e) => setFrom(e.target.value)}
              style={{ width: 160 }}
            />
            <Input type="date" value={to} onChange={(e) => setTo(e.target.value)} style={{ width: 160 }} />
          </>
        )}
        {s?.demo && <Tag color="gold">{t('svc.stats.demo')}</Tag>}
      </Space>
      {stats.isError && <LoadError error={stats.error} onRetry={() => void stats.refetch()} />}
      {s && (
        <>
          <Row gutter={[12, 12]}>
            {(
              [
                ['onTime', percent(s.onTimeRate)],
                ['satisfaction', percent(s.satisfactionRate)],
                ['visits', s.visits],
                ['cases', s.cases],
                ['waitP50', t('svc.ticket.waitMinutes', { n: minutes(s.waitP50Seconds) })],
                ['waitP90', t('svc.ticket.waitMinutes', { n: minutes(s.waitP90Seconds) })],
                ['appointments', `${s.appointments}（${t('svc.stats.noShows', { n: s.noShows })}）`],
                ['ratings', `${s.ratings}（${t('svc.stats.bad', { n: s.badReviews })}）`],
              ] as const
            ).map(([key, value]) => (
              <Col key={key} xs={12} md={6}>
                <Card size="small">
                  <Statistic title={t(`svc.stats.${key}`)} value={value} data-testid={`svc-stat-${key}`} />
                </Card>
              </Col>
            ))}
          </Row>
          {(
            [
              ['byHall', s.byHall],
              ['byItem', s.byItem],
              ['byClerk', s.byClerk],
            ] as const
          ).map(([key, rows]) => (
            <Table<StatRow>
              key={key}
              size="small"
              rowKey="key"
              style={{ marginTop: 16 }}
              title={() => t(`svc.stats.${key}`)}
              dataSource={rows}
              columns={columns}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
            />
          ))}
        </>
      )}
    </div>
  );
}
