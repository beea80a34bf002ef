import { useQuery } from '@tanstack/react-query';
import type { UnitStatus } from '@ronghui/dispatch';
import { useMemo } from 'react';
import { fetchOrgGeojson } from '../../api/orgs-api.ts';
import { useLocale, useT } from '../../i18n/i18n-context.tsx';
import { dispatchApi } from '../../api/dispatch-api.ts';
import { DispatchMap, layerGroups } from '../dispatch/index.ts';
import { incidentFeatures, unitFeatures } from '../../map/map-features.ts';
import { useLiveUnits } from '../units/index.ts';
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
import { box, Kpi, Panel } from './bigscreen-ui.tsx';
import { VolunteerPanel } from './bigscreen-volunteer-panel.tsx';

const TREND_DAYS = 30;

const visible = new Set(layerGroups.filter((g) => g !== 'isochrone' && g !== 'roads'));

/** The county's map with the units on duty and today's open incidents (live). */
function LiveMap({
  orgs,
  data,
}: {
  orgs: Awaited<ReturnType<typeof fetchOrgGeojson>> | undefined;
  data: Parameters<typeof DispatchMap>[0]['data'];
}) {
  const { locale } = useLocale();
  return (
    <section style={{ ...box, padding: 0, overflow: 'hidden', position: 'relative' }}>
      {orgs && (
        <DispatchMap
          key={locale}
          orgs={orgs}
          data={data}
          visible={visible}
          interactive={false}
          testId="bigscreen-map"
        />
      )}
    </section>
  );
}

/** The live map by itself, for the module pages: the same reads as 指挥调度 (shared in the cache). */
export function BigScreenMap({ now }: { now: number }) {
  const from = startOfShanghaiDay(new Date(now));
  const orgs = useQuery({ queryKey: ['orgs', 'geojson'], queryFn: fetchOrgGeojson, staleTime: 5 * 60_000 });
  const today = useQuery({
    queryKey: ['bigscreen', 'incidents', from],
    queryFn: () => dispatchApi.incidents({ from }),
    refetchInterval: 60_000,
  });
  const { units, version } = useLiveUnits();
  const open = useMemo(
    () =>
      (today.data?.items ?? []).filter(
        (i) => !['resolved', 'closed', 'callback', 'merged'].includes(i.status),
      ),
    [today.data],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` marks a new snapshot of live units
  const data = useMemo(
    () => ({ units: unitFeatures(units, null), incidents: incidentFeatures(open, null) }),
    [version, open],
  );
  return <LiveMap orgs={orgs.data} data={data} />;
}

/** 指挥调度: today's incidents, response against target, units on duty, the live map and the modules' panels. */
export function DispatchBoard({ now }: { now: number }) {
  const t = useT();
  const { locale } = useLocale();
  const zh = locale === 'zh-CN';
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
        <LiveMap orgs={orgs.data} data={mapData} />
        <Panel title={t('bigscreen.volunteers.title')}>
          <VolunteerPanel />
        </Panel>
      </div>
      <div style={{ display: 'grid', gridTemplateRows: '1fr 1fr 1fr 150px', gap: 12, minHeight: 0 }}>
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
  );
}
