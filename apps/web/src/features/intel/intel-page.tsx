import type { CrimeSeries } from '@ronghui/contracts';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Flex, Row, Skeleton, Tabs, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { fetchOrgGeojson } from '../../api/orgs-api.ts';
import { LoadError } from '../../app/load-error.tsx';
import { formatDateTime } from '../../i18n/format-datetime.ts';
import { useT } from '../../i18n/i18n-context.tsx';
import { CandidatesPanel } from './candidates-panel.tsx';
import { HeatChart } from './heat-chart.tsx';
import { HotspotMap } from './hotspot-map.tsx';
import { IntelFiltersBar, type WorkbenchFilters } from './intel-filters-bar.tsx';
import { fetchHeat, fetchHotspots, fetchKnox, fetchRecords, fetchSeries } from './intel-api.ts';
import { KnoxTable } from './knox-table.tsx';
import { SeriesPanel } from './series-panel.tsx';
import { useScreen } from '../../app/use-screen.ts';

/** 研判分析工作台: hotspots and crimes on the map, linkage candidates, series, near repeat and time patterns. */
export function IntelPage() {
  const t = useT();
  const [filters, setFilters] = useState<WorkbenchFilters>({ method: 'kde' });
  const [recordId, setRecordId] = useState<string | null>(null);
  const [series, setSeries] = useState<CrimeSeries | null>(null);
  const [tab, setTab] = useState('candidates');
  const [mapFailure, setMapFailure] = useState<string | null>(null);
  const { compact, phone } = useScreen();
  const scope = { from: filters.from, to: filters.to, area: filters.area, category: filters.category };
  const orgs = useQuery({ queryKey: ['orgs', 'geojson'], queryFn: fetchOrgGeojson, staleTime: 5 * 60_000 });
  const records = useQuery({ queryKey: ['intel', 'records', scope], queryFn: () => fetchRecords(scope) });
  const hotspots = useQuery({
    queryKey: ['intel', 'hotspots', filters],
    queryFn: () => fetchHotspots({ ...scope, method: filters.method, cellMeters: 250 }),
  });
  const knox = useQuery({ queryKey: ['intel', 'knox', scope], queryFn: () => fetchKnox(scope) });
  const heat = useQuery({ queryKey: ['intel', 'heat', scope], queryFn: () => fetchHeat(scope) });
  const allSeries = useQuery({ queryKey: ['intel', 'series'], queryFn: fetchSeries });
  const seriesIds = useMemo(() => new Set(series?.memberIds ?? []), [series]);
  const f = hotspots.data?.forecast;

  const pick = (id: string) => {
    setRecordId(id);
    setTab('candidates');
  };
  const chooseSeries = (s: CrimeSeries | null) => {
    setSeries(s);
    setTab('series');
  };

  const forecast = (
    <Typography.Text type="secondary" data-testid="intel-forecast">
      {records.data ? `${t('intel.records', { n: records.data.total })} · ` : ''}
      {f
        ? f.pai === null
          ? t('intel.forecastNone')
          : t('intel.forecast', {
              from: formatDateTime(f.from).slice(0, 10),
              to: formatDateTime(f.to).slice(0, 10),
              pai: f.pai.toFixed(1),
              pei: (f.pei ?? 0).toFixed(2),
              n: f.flaggedCrimes,
              N: f.studyCrimes,
            })
        : ''}
    </Typography.Text>
  );

  return (
    <Flex vertical gap={12} style={{ flex: 1, minHeight: 0, overflow: 'auto' }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('intel.title')}
        </Typography.Title>
        <IntelFiltersBar value={filters} onChange={setFilters} />
      </Flex>
      <Row gutter={12}>
        <Col xs={24} xl={15}>
          <Card
            title={
              compact ? (
                <>
                  {t('intel.map.title')}
                  <div style={{ fontWeight: 'normal', fontSize: 12, paddingBottom: 8 }}>{forecast}</div>
                </>
              ) : (
                t('intel.map.title')
              )
            }
            // Below 992 px the forecast line goes under the title instead of squeezing it.
            extra={compact ? null : forecast}
            styles={{
              title: compact ? { whiteSpace: 'normal' } : undefined,
              body: { padding: 0, position: 'relative', height: phone ? 360 : 520 },
            }}
          >
            {(orgs.error || hotspots.error) && (
              <div style={{ padding: 16 }}>
                <LoadError error={orgs.error ?? hotspots.error} onRetry={() => hotspots.refetch()} />
              </div>
            )}
            {orgs.isPending && <Skeleton active style={{ padding: 16 }} />}
            {mapFailure && <Alert type="error" showIcon style={{ margin: 16 }} title={mapFailure} />}
            {orgs.data && !mapFailure && (
              <HotspotMap
                orgs={orgs.data}
                hotspots={hotspots.data}
                records={records.data?.items ?? []}
                seriesIds={seriesIds}
                selectedId={recordId}
                onSelect={pick}
                onError={setMapFailure}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card styles={{ body: { height: 572, display: 'flex', flexDirection: 'column', paddingTop: 4 } }}>
            <Tabs
              activeKey={tab}
              onChange={setTab}
              items={[
                {
                  key: 'candidates',
                  label: t('intel.candidates.title'),
                  children: <CandidatesPanel recordId={recordId} onPick={pick} onSeries={chooseSeries} />,
                },
                {
                  key: 'series',
                  label: t('intel.series.title'),
                  children: (
                    <SeriesPanel
                      series={allSeries.data?.items ?? []}
                      selected={series}
                      onSelect={chooseSeries}
                      onPick={pick}
                      filters={scope}
                    />
                  ),
                },
              ]}
              style={{ flex: 1, minHeight: 0, overflow: 'auto' }}
            />
          </Card>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={24} xl={12}>
          <Card title={t('intel.knox.title')}>
            {knox.error && <LoadError error={knox.error} onRetry={() => knox.refetch()} />}
            {knox.isPending && <Skeleton active />}
            {knox.data && <KnoxTable result={knox.data} />}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card
            title={t('intel.heat.title')}
            extra={
              heat.data && (
                <Typography.Text type="secondary">
                  {t('intel.heat.total', { n: heat.data.total })}
                </Typography.Text>
              )
            }
          >
            {heat.error && <LoadError error={heat.error} onRetry={() => heat.refetch()} />}
            {heat.isPending && <Skeleton active />}
            {heat.data && <HeatChart cells={heat.data.cells} />}
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}
