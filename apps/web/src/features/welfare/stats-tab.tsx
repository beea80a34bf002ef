import { useQuery } from '@tanstack/react-query';
import { Card, Col, Progress, Row, Select, Space, Statistic, Table } from 'antd';
import { useState } from 'react';
import { type WelfareStats, welfareApi, welfareKeys } from '../../api/welfare-api.ts';
import { LoadError } from '../../app/load-error.tsx';
import { useT } from '../../i18n/i18n-context.tsx';
import { percent, welfareYears, yuan } from './welfare-view.ts';

type CampaignRow = WelfareStats['campaigns'][number];

/** 统计: the year's condolence visits (by mechanism), health checks, schooling cases and staff, from the records. */
export function StatsTab() {
  const t = useT();
  const years = welfareYears();
  const [year, setYear] = useState(years[0]!);
  const stats = useQuery({ queryKey: welfareKeys.stats(year), queryFn: () => welfareApi.stats(year) });
  const s = stats.data;
  const figure = (key: string, title: string, value: string | number) => (
    <Col xs={12} md={8} xl={4} key={key}>
      <Card size="small">
        <Statistic title={title} value={value} valueStyle={{ fontSize: 26 }} />
        <span data-testid={`wf-stat-${key}`} hidden>
          {value}
        </span>
      </Card>
    </Col>
  );
  return (
    <div data-testid="wf-stats">
      <Space style={{ marginBottom: 12 }}>
        <Select
          value={year}
          style={{ width: 120 }}
          onChange={setYear}
          data-testid="wf-stats-year"
          options={years.map((y) => ({ value: y, label: t('wf.year', { year: y }) }))}
        />
        <span>{t('wf.stats.note')}</span>
      </Space>
      {stats.isError && <LoadError error={stats.error} onRetry={() => void stats.refetch()} />}
      {s && (
        <>
          <Row gutter={[12, 12]}>
            {figure('condolences', t('wf.stats.condolences'), s.condolences)}
            {figure('healthChecks', t('wf.stats.healthChecks'), s.healthChecks)}
            {figure('schooling', t('wf.stats.schooling'), s.schooling)}
            {figure('yuan', t('wf.stats.yuan'), yuan(s.condolenceYuan))}
            {figure('completion', t('wf.stats.completion'), percent(s.campaignCompletionRate))}
            {figure('staff', t('wf.stats.staff'), s.staff.total)}
          </Row>
          <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('wf.stats.byMechanism')}>
                {(['daily', 'holiday', 'operation'] as const).map((m) => (
                  <div key={m} style={{ marginBottom: 8 }}>
                    <div>
                      {t(`wf.mechanism.${m}`)} · {s.byMechanism[m]}
                    </div>
                    <Progress
                      percent={s.condolences ? Math.round((s.byMechanism[m] / s.condolences) * 1000) / 10 : 0}
                      showInfo
                    />
                  </div>
                ))}
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('wf.stats.people')}>
                <Space size="large" wrap>
                  <Statistic title={t('wf.kind.officer')} value={s.staff.officer} />
                  <Statistic title={t('wf.kind.auxiliary')} value={s.staff.auxiliary} />
                  <Statistic title={t('wf.kind.civilian')} value={s.staff.civilian} />
                  <Statistic title={t('wf.stats.injuries')} value={s.injuries} />
                  <Statistic title={t('wf.stats.schoolingOpen')} value={s.schoolingOpen} />
                </Space>
              </Card>
              <Table<CampaignRow>
                style={{ marginTop: 12 }}
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={s.campaigns}
                columns={[
                  { title: t('wf.stats.campaign'), dataIndex: 'title' },
                  {
                    title: t('wf.health.done'),
                    width: 120,
                    render: (_: unknown, c) => `${c.done} / ${c.targets}`,
                  },
                  { title: t('wf.stats.completion'), width: 100, render: (_: unknown, c) => percent(c.rate) },
                ]}
              />
            </Col>
          </Row>
        </>
      )}
    </div>
  );
}
