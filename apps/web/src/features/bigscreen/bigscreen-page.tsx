import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { UnitStatus } from '@ronghui/dispatch';
import { type CSSProperties, type ReactNode, useMemo, useRef } from 'react';
import { fetchOrgGeojson } from '../../api/orgs-api.ts';
import { useHealth } from '../../app/use-health.ts';
import { formatDateTime } from '../../i18n/format-datetime.ts';
import { useLocale, useT } from '../../i18n/i18n-context.tsx';
import { dispatchApi } from '../../api/dispatch-api.ts';
import { DispatchMap, layerGroups } from '../dispatch/index.ts';
import { consoleTopics, LiveChannelProvider, useLiveEvents } from '../../app/live-channel.tsx';
import { incidentFeatures, unitFeatures } from '../../map/map-features.ts';
import { useLiveUnits } from '../units/index.ts';
import { useNow } from '../../app/use-now.ts';
import { areaBars, kindPie, responseBars, statusBars, trendLines } from './bigscreen-charts.ts';
import {
  byArea,
  byKind,
  changeBadge,
  compliancePercent,
  startOfShanghaiDay,
  unitsByStatus,
} from './bigscreen-data.ts';
import { EChart } from '../../charts/echart.tsx';
import { GridGovernancePanel } from './bigscreen-grid-panel.tsx';
import { ServicesPanel } from './bigscreen-services-panel.tsx';
import { TrafficPanel } from './bigscreen-traffic-panel.tsx';
import { VolunteerPanel } from './bigscreen-volunteer-panel.tsx';

export function BigScreenPage() {
  return (
    <LiveChannelProvider subscribe={bigscreenTopics}>
      <BigScreen />
    </LiveChannelProvider>
  );
}

// The volunteer panel follows the open call-outs, the traffic panel the road-weather hazards and signs,
// the service panel the halls' tickets and cases.
const bigscreenTopics = [...consoleTopics, 'callout.changed', 'traffic.*', 'services.*'] as const;

const box: CSSProperties = {
  background: 'rgba(16,42,84,0.85)',
  border: '1px solid #1f4f8f',
  borderRadius: 6,
  padding: '8px 12px',
  display: 'flex',
  flexDirection: 'column',
  minHeight: 0,
};

function Panel({ title, extra, children }: { title: string; extra?: ReactNode; children: ReactNode }) {
  return (
    <section style={box}>
      <h2
        style={{
          margin: '0 0 4px',
          fontSize: 18,
          color: '#7fd1ff',
          fontWeight: 600,
          display: 'flex',
          justifyContent: 'space-between',
        }}
      >
        <span>▍{title}</span>
        {extra}
      </h2>
      <div style={{ flex: 1, minHeight: 0, position: 'relative' }}>{children}</div>
    </section>
  );
}

function Kpi({ label, value, color = '#ffffff' }: { label: string; value: string | number; color?: string }) {
  return (
    <div style={{ ...box, alignItems: 'center', flex: 1 }}>
      <div style={{ fontSize: 14, color: '#9fc3f0' }}>{label}</div>
      <div style={{ fontSize: 34, fontWeight: 700, color }}>{value}</div>
    </div>
  );
}

const TREND_DAYS = 30;

const visible = new Set(layerGroups.filter((g) => g !== 'isochrone' && g !== 'roads'));

/** 指挥大屏: today's incidents, response against target, units on duty, and the live map. */
function BigScreen() {
  const t = useT();
  const { locale } = useLocale();
  const zh = locale === 'zh-CN';
  const queryClient = useQueryClient();
  const now = useNow(1000);
  const health = useHealth();
  const from = startOfShanghaiDay(new Date(now));
  const orgs = useQuery({ queryKey: ['orgs', 'geojson'], queryFn: fetchOrgGeojson, staleTime: 5 * 60_000 });
  const today = useQuery({
    queryKey: ['bigscreen', 'incidents', from],
    queryFn: () => dispatchApi.incidents({ from }),
    refetchInterval: 60_000,
  });
  const metrics = useQuery({
    queryKey: ['bigscreen', 'metrics', from],
    queryFn: () => dispatchApi.metrics(from, new Date().toISOString()),
    refetchInterval: 60_000,
  });
  const trend = useQuery({
    queryKey: ['bigscreen', 'trend', TREND_DAYS],
    queryFn: () => dispatchApi.trend(TREND_DAYS),
    refetchInterval: 5 * 60_000,
  });
  const { units, version } = useLiveUnits();
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useLiveEvents(['incident.*', 'request.*'], () => {
    clearTimeout(pending.current);
    pending.current = setTimeout(() => void queryClient.invalidateQueries({ queryKey: ['bigscreen'] }), 1000);
  });

  const incidents = useMemo(() => today.data?.items ?? [], [today.data]);
  const open = useMemo(
    () => incidents.filter((i) => !['resolved', 'closed', 'callback', 'merged'].includes(i.status)),
    [incidents],
  );
  const kinds = useMemo(() => kindPie(byKind(incidents, zh)), [incidents, zh]);
  const areas = useMemo(() => areaBars(byArea(incidents, t('bigscreen.noArea'))), [incidents, t]);
  const response = useMemo(
    () =>
      responseBars(metrics.data?.byArea ?? [], {
        p50: t('bigscreen.p50'),
        p90: t('bigscreen.p90'),
        compliance: t('bigscreen.compliance'),
        minutes: t('bigscreen.minutes'),
      }),
    [metrics.data, t],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` marks a new snapshot of live units
  const statusRows = useMemo(() => unitsByStatus(units), [version]);
  const statuses = useMemo(
    () => statusBars(statusRows, (s: UnitStatus) => t(`dispatch.unitStatus.${s}`)),
    [statusRows, t],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` marks a new snapshot of live units
  const mapData = useMemo(
    () => ({ units: unitFeatures(units, null), incidents: incidentFeatures(open, null) }),
    [version, open],
  );
  const trendChart = useMemo(
    () =>
      trendLines(trend.data?.days ?? [], {
        thisYear: t('bigscreen.trend.thisYear'),
        lastYear: t('bigscreen.trend.lastYear'),
      }),
    [trend.data, t],
  );
  const badge = changeBadge(trend.data?.changePercent ?? null);
  const onDuty = statusRows.reduce((n, r) => n + r.value, 0);
  const compliance = compliancePercent(metrics.data?.overall);

  return (
    <div
      data-testid="bigscreen"
      style={{
        width: '100vw',
        height: '100vh',
        background: 'radial-gradient(circle at 50% 0%, #12356b 0%, #061631 70%)',
        color: '#e6f0ff',
        display: 'grid',
        gridTemplateRows: '64px 1fr',
        padding: 12,
        gap: 12,
        boxSizing: 'border-box',
        overflow: 'hidden',
      }}
    >
      <header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between' }}>
        <div style={{ fontSize: 16, color: '#9fc3f0', width: 320 }}>{formatDateTime(new Date(now))}</div>
        <h1 style={{ margin: 0, fontSize: 32, letterSpacing: 4, color: '#ffffff' }}>
          {health.data?.tenant.name ?? ''} {t('bigscreen.title')}
        </h1>
        <div style={{ fontSize: 14, color: '#9fc3f0', width: 320, textAlign: 'right' }}>
          {t('dispatch.map.roadsNote')}
        </div>
      </header>
      <main style={{ display: 'grid', gridTemplateColumns: '1fr 1.9fr 1fr', gap: 12, minHeight: 0 }}>
        <div style={{ display: 'grid', gridTemplateRows: '1fr 1fr 1fr 150px', gap: 12, minHeight: 0 }}>
          <Panel title={t('bigscreen.byKind')}>
            <EChart option={kinds} testId="chart-kind" />
          </Panel>
          <Panel title={t('bigscreen.byArea')}>
            <EChart option={areas} testId="chart-area" />
          </Panel>
          <Panel
            title={t('bigscreen.trend.title', { n: TREND_DAYS })}
            extra={
              <span data-testid="trend-change" style={{ fontSize: 16 }}>
                {trend.data && (
                  <>
                    <span style={{ color: '#9fc3f0' }}>
                      {t('bigscreen.trend.summary', {
                        now: trend.data.total,
                        before: trend.data.lastYearTotal,
                      })}{' '}
                    </span>
                    {badge ? (
                      <span style={{ color: badge.color, fontWeight: 700 }}>
                        {badge.arrow} {badge.value}
                      </span>
                    ) : (
                      <span style={{ color: '#9fc3f0' }}>{t('bigscreen.trend.noLastYear')}</span>
                    )}
                  </>
                )}
              </span>
            }
          >
            <EChart option={trendChart} testId="chart-trend" />
          </Panel>
          <Panel title={t('bigscreen.traffic.title')}>
            <TrafficPanel />
          </Panel>
        </div>
        <div style={{ display: 'grid', gridTemplateRows: 'auto 1fr 120px', gap: 12, minHeight: 0 }}>
          <div style={{ display: 'flex', gap: 12 }} data-testid="bigscreen-kpis">
            <Kpi label={t('bigscreen.today')} value={today.data?.total ?? '—'} />
            <Kpi label={t('bigscreen.open')} value={open.length} color="#ff7875" />
            <Kpi label={t('bigscreen.onDuty')} value={onDuty} color="#95de64" />
            <Kpi
              label={t('bigscreen.compliance')}
              value={compliance === null ? '—' : `${compliance}%`}
              color="#ffd666"
            />
          </div>
          <section style={{ ...box, padding: 0, overflow: 'hidden', position: 'relative' }}>
            {orgs.data && (
              <DispatchMap
                key={locale}
                orgs={orgs.data}
                data={mapData}
                visible={visible}
                interactive={false}
                testId="bigscreen-map"
              />
            )}
          </section>
          <Panel title={t('bigscreen.volunteers.title')}>
            <VolunteerPanel />
          </Panel>
        </div>
        <div style={{ display: 'grid', gridTemplateRows: '1fr 1fr 1fr 130px', gap: 12, minHeight: 0 }}>
          <Panel title={t('bigscreen.response')}>
            <EChart option={response} testId="chart-response" />
          </Panel>
          <Panel title={t('bigscreen.units')}>
            <EChart option={statuses} testId="chart-units" />
          </Panel>
          <Panel title={t('bigscreen.grid.title')}>
            <GridGovernancePanel year={Number(new Date(now + 8 * 3_600_000).toISOString().slice(0, 4))} />
          </Panel>
          <Panel title={t('bigscreen.services.title')}>
            <ServicesPanel year={Number(new Date(now + 8 * 3_600_000).toISOString().slice(0, 4))} />
          </Panel>
        </div>
      </main>
    </div>
  );
}
