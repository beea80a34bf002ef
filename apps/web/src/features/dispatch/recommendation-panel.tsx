import type { Incident, RecommendedUnit } from '@ronghui/contracts';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FeatureCollection } from 'geojson';
import { Alert, Button, InputNumber, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { describeError } from '../../api/describe-error.ts';
import { useT } from '../../i18n/i18n-context.tsx';
import { dispatchApi } from '../../api/dispatch-api.ts';
import { formatDuration } from '../../i18n/format-duration.ts';

export interface RecommendationPanelProps {
  incident: Incident;
  positionOf: (unitId: string) => [number, number] | null;
  onRoutes: (routes: FeatureCollection) => void;
}

const routesShown = 4;

/** Units ranked by road ETA with the target, routes on the map, one-click dispatch and area requests. */
export function RecommendationPanel({ incident, positionOf, onRoutes }: RecommendationPanelProps) {
  const t = useT();
  const queryClient = useQueryClient();
  const [scope, setScope] = useState<'area' | 'county'>('area');
  const [selected, setSelected] = useState<string[]>([]);
  const [perStation, setPerStation] = useState(2);
  const recs = useQuery({
    queryKey: ['dispatch', 'recommendations', incident.id, scope],
    queryFn: () => dispatchApi.recommendations(incident.id, scope),
    staleTime: 15_000,
  });
  const items = recs.data?.items ?? [];
  const shown = selected.length > 0 ? selected : items.slice(0, routesShown).map((r) => r.unit.id);
  const to: [number, number] = [incident.location.lon, incident.location.lat];
  const routes = useQueries({
    queries: shown.slice(0, 8).map((unitId) => ({
      queryKey: ['dispatch', 'route', unitId, incident.id],
      queryFn: () => {
        const from = positionOf(unitId);
        return from ? dispatchApi.route(from, to) : Promise.resolve(null);
      },
      staleTime: 30_000,
    })),
  });
  const geometries = routes.map((r) => r.data?.geometry ?? null);
  const key = geometries.map((g) => (g ? g.coordinates.length : 0)).join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: redrawn when the set of fetched routes changes
  const collection = useMemo<FeatureCollection>(
    () => ({
      type: 'FeatureCollection',
      features: geometries.flatMap((g) => (g ? [{ type: 'Feature', geometry: g, properties: {} }] : [])),
    }),
    [key, shown.join(',')],
  );
  useEffect(() => onRoutes(collection), [collection, onRoutes]);
  useEffect(() => () => onRoutes({ type: 'FeatureCollection', features: [] }), [onRoutes]);

  const done = () => {
    setSelected([]);
    void queryClient.invalidateQueries({ queryKey: ['dispatch'] });
  };
  const dispatch = useMutation({
    mutationFn: () => dispatchApi.dispatch(incident.id, selected),
    onSuccess: done,
  });
  const request = useMutation({
    mutationFn: () => dispatchApi.requestArea(incident.id, perStation),
    onSuccess: done,
  });

  return (
    <div data-testid="recommendations">
      <Space wrap style={{ marginBottom: 8 }}>
        <Segmented
          size="small"
          value={scope}
          onChange={(v) => setScope(v as 'area' | 'county')}
          options={[
            { value: 'area', label: t('dispatch.rec.scopeArea') },
            { value: 'county', label: t('dispatch.rec.scopeCounty') },
          ]}
        />
        {recs.data && (
          <Typography.Text type={recs.data.shortfall > 0 ? 'warning' : 'success'}>
            {t('dispatch.rec.summary', {
              n: recs.data.withinTarget,
              m: Math.round(recs.data.targetSeconds / 60),
            })}
          </Typography.Text>
        )}
      </Space>
      <Table<RecommendedUnit>
        size="small"
        rowKey={(r) => r.unit.id}
        loading={recs.isLoading}
        dataSource={items}
        pagination={false}
        scroll={{ x: 380, y: 220 }}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)) }}
        columns={[
          {
            title: t('dispatch.rec.unit'),
            render: (_, r) => (
              <span>
                <b>{r.unit.callsign}</b> <Typography.Text type="secondary">{r.station.name}</Typography.Text>
              </span>
            ),
          },
          {
            title: t('dispatch.rec.eta'),
            width: 70,
            render: (_, r) => (r.etaSeconds === null ? '—' : formatDuration(r.etaSeconds)),
          },
          {
            title: t('dispatch.rec.distance'),
            width: 70,
            render: (_, r) =>
              r.distanceMeters === null ? '—' : `${(r.distanceMeters / 1000).toFixed(1)} km`,
          },
          {
            title: t('dispatch.rec.target'),
            width: 64,
            render: (_, r) =>
              r.withinTarget ? (
                <Tag color="green">{t('dispatch.rec.in')}</Tag>
              ) : (
                <Tag color="red">{t('dispatch.rec.out')}</Tag>
              ),
          },
        ]}
      />
      {recs.isError && <Alert type="error" showIcon title={describeError(recs.error, t)} />}
      <Space wrap style={{ marginTop: 8 }}>
        <Button
          type="primary"
          danger
          disabled={selected.length === 0}
          loading={dispatch.isPending}
          onClick={() => dispatch.mutate()}
        >
          {t('dispatch.rec.dispatch', { n: selected.length })}
        </Button>
        <Space.Compact>
          <InputNumber
            min={1}
            max={20}
            value={perStation}
            onChange={(v) => setPerStation(v ?? 1)}
            aria-label={t('dispatch.rec.perStation')}
            style={{ width: 64 }}
          />
          <Button loading={request.isPending} onClick={() => request.mutate()} disabled={!incident.area}>
            {t('dispatch.rec.requestArea')}
          </Button>
        </Space.Compact>
      </Space>
      {(dispatch.isError || request.isError) && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 8 }}
          title={describeError(dispatch.error ?? request.error, t)}
        />
      )}
    </div>
  );
}
