import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Input, Select, Space, Tabs, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { StatsPeriod } from '../../api/stats-api.ts';
import { LiveChannelProvider, useLiveEvents } from '../../app/live-channel.tsx';
import { useT } from '../../i18n/i18n-context.tsx';
import { ClearanceTab } from './clearance-tab.tsx';
import { DrillProvider } from './drill-drawer.tsx';
import { IndicatorsTab } from './indicators-tab.tsx';
import { RankingsTab } from './rankings-tab.tsx';
import { ReportsTab } from './reports-tab.tsx';
import { SurveyTab } from './survey-tab.tsx';
import { monthDay, periodQuery, yearOptions } from './stats-view.ts';
import { YoyTab } from './yoy-tab.tsx';

/** The records the figures come from change with these events; the page reads them again (and every 60 s). */
const statsTopics = [
  'incident.*',
  'intel.*',
  'hazard.*',
  'dispute.*',
  'services.*',
  'callout.changed',
] as const;

export function StatsPage() {
  return (
    <LiveChannelProvider subscribe={statsTopics}>
      <DrillProvider>
        <Stats />
      </DrillProvider>
    </LiveChannelProvider>
  );
}

const TABS = ['yoy', 'clearance', 'indicators', 'rankings', 'survey', 'reports'] as const;
type TabKey = (typeof TABS)[number];

const thisYear = () => Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));

/** 数据统计: 比降, clearance, indicators, rankings, 三率 and reports for a year or a period of it. */
function Stats() {
  const t = useT();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const tab: TabKey = TABS.find((k) => k === params.get('tab')) ?? 'yoy';
  const year = Number(params.get('year')) || thisYear();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const period: StatsPeriod = periodQuery({ year, from: monthDay(from), to: monthDay(to) });
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useLiveEvents(statsTopics, () => {
    clearTimeout(pending.current);
    pending.current = setTimeout(() => void queryClient.invalidateQueries({ queryKey: ['stats'] }), 2000);
  });
  const set = (key: string, value: string) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        next.set(key, value);
        return next;
      },
      { replace: true },
    );

  return (
    <div data-testid="stats-page">
      <Space align="center" wrap style={{ marginBottom: 12, justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('stats.title')}
        </Typography.Title>
        {tab !== 'survey' && tab !== 'reports' && (
          <Space wrap>
            <span>{t('stats.year')}</span>
            <Select
              value={year}
              style={{ width: 110 }}
              data-testid="stats-year"
              options={yearOptions(thisYear()).map((y) => ({ value: y, label: String(y) }))}
              onChange={(y) => {
                set('year', String(y));
                setFrom('');
                setTo('');
              }}
            />
            {(tab === 'yoy' || tab === 'indicators') && (
              <>
                <span>{t('stats.period')}</span>
                <Input
                  type="date"
                  value={from}
                  min={`${year}-01-01`}
                  max={`${year}-12-31`}
                  onChange={(e) => setFrom(e.target.value)}
                  style={{ width: 150 }}
                  aria-label={t('stats.period.from')}
                />
                <span>—</span>
                <Input
                  type="date"
                  value={to}
                  min={`${year}-01-01`}
                  max={`${year}-12-31`}
                  onChange={(e) => setTo(e.target.value)}
                  style={{ width: 150 }}
                  aria-label={t('stats.period.to')}
                />
                {(from || to) && (
                  <Button
                    onClick={() => {
                      setFrom('');
                      setTo('');
                    }}
                  >
                    {t('stats.period.whole')}
                  </Button>
                )}
              </>
            )}
          </Space>
        )}
      </Space>
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(k) => set('tab', k)}
          destroyOnHidden
          items={[
            { key: 'yoy', label: t('stats.tab.yoy'), children: <YoyTab period={period} /> },
            { key: 'clearance', label: t('stats.tab.clearance'), children: <ClearanceTab period={period} /> },
            {
              key: 'indicators',
              label: t('stats.tab.indicators'),
              children: <IndicatorsTab period={period} />,
            },
            { key: 'rankings', label: t('stats.tab.rankings'), children: <RankingsTab year={period.year} /> },
            { key: 'survey', label: t('stats.tab.survey'), children: <SurveyTab /> },
            { key: 'reports', label: t('stats.tab.reports'), children: <ReportsTab /> },
          ]}
        />
      </Card>
    </div>
  );
}
