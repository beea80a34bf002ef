import type { Grid, RosterSummary } from '@ronghui/contracts';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Empty,
  Flex,
  Skeleton,
  Space,
  Statistic,
  Tag,
} from 'antd';
import { useMemo, useState } from 'react';
import { hasAnyRole, useAuth } from '../../app/auth-context.tsx';
import { LoadError } from '../../app/load-error.tsx';
import { useLocale, useT } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { gridApi } from '../../api/grid-api.ts';
import { GridMap } from './grid-map.tsx';
import { ImportButton } from './import-button.tsx';
import { GridTabs } from './grid-tabs.tsx';
import { RosterPanel } from './roster-panel.tsx';

const FIGURES: { key: keyof RosterSummary; label: MessageKey }[] = [
  { key: 'policeGrids', label: 'grid.summary.policeGrids' },
  { key: 'communityGrids', label: 'grid.summary.communityGrids' },
  { key: 'communityOfficer', label: 'grid.role.community-officer' },
  { key: 'auxiliary', label: 'grid.role.auxiliary' },
  { key: 'assistant', label: 'grid.role.assistant' },
  { key: 'fullTime', label: 'grid.role.full-time' },
  { key: 'partTime', label: 'grid.role.part-time' },
];

/** Grid governance: both grid layers on the map, "1+2+N" figures, and the roster of the grid clicked. */
export function GridPage() {
  const t = useT();
  const { locale } = useLocale();
  const { user } = useAuth();
  const [showPolice, setShowPolice] = useState(true);
  const [showCommunity, setShowCommunity] = useState(true);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [mapError, setMapError] = useState<string | null>(null);

  const summary = useQuery({ queryKey: ['grid', 'summary'], queryFn: gridApi.summary });
  const geojson = useQuery({ queryKey: ['grid', 'geojson'], queryFn: gridApi.geojson });
  const police = useQuery({ queryKey: ['grid', 'list', 'police'], queryFn: () => gridApi.list('police') });
  const community = useQuery({
    queryKey: ['grid', 'list', 'community'],
    queryFn: () => gridApi.list('community'),
  });
  const byId = useMemo(() => {
    const m = new Map<string, Grid>();
    for (const g of police.data?.items ?? []) m.set(g.id, g);
    for (const g of community.data?.items ?? []) m.set(g.id, g);
    return m;
  }, [police.data, community.data]);
  const selected = selectedId ? byId.get(selectedId) : undefined;
  // Importing grids and appointing people: the server's GRID_WRITE roles.
  const canImport = hasAnyRole(user, ['commander', 'officer']);

  return (
    <Flex vertical gap={12} style={{ flex: 1, minHeight: 0 }} data-testid="grid-page">
      <Card size="small">
        {summary.error && <LoadError error={summary.error} onRetry={() => summary.refetch()} />}
        {summary.isPending && <Skeleton active paragraph={{ rows: 1 }} />}
        {summary.data && (
          <Flex gap={32} wrap="wrap" align="center" data-testid="grid-summary">
            <GridTabs active="map" />
            {FIGURES.map((f) => (
              <Statistic key={f.key} title={t(f.label)} value={summary.data[f.key] as number} />
            ))}
          </Flex>
        )}
      </Card>
      <Flex gap={12} style={{ flex: 1, minHeight: 480 }}>
        <Card
          size="small"
          style={{ flex: 1, display: 'flex', flexDirection: 'column' }}
          styles={{ body: { flex: 1, position: 'relative', padding: 0 } }}
          title={
            <Space>
              <Checkbox
                checked={showPolice}
                onChange={(e) => setShowPolice(e.target.checked)}
                data-testid="toggle-police"
              >
                {t('grid.layer.police')}
              </Checkbox>
              <Checkbox
                checked={showCommunity}
                onChange={(e) => setShowCommunity(e.target.checked)}
                data-testid="toggle-community"
              >
                {t('grid.layer.community')}
              </Checkbox>
            </Space>
          }
          extra={canImport ? <ImportButton /> : null}
        >
          {geojson.error && <LoadError error={geojson.error} onRetry={() => geojson.refetch()} />}
          {mapError && <Alert type="warning" message={mapError} />}
          {geojson.data && (
            <GridMap
              key={locale}
              data={geojson.data}
              showPolice={showPolice}
              showCommunity={showCommunity}
              selectedId={selectedId}
              onSelect={setSelectedId}
              onError={setMapError}
            />
          )}
        </Card>
        <Card
          size="small"
          style={{ width: 520, overflow: 'auto' }}
          title={selected ? selected.name : t('grid.roster.title')}
          data-testid="grid-detail"
        >
          {selected ? (
            <>
              <Descriptions column={1} size="small" bordered style={{ marginBottom: 12 }}>
                <Descriptions.Item label={t('grid.detail.layer')}>
                  <Tag color={selected.layer === 'police' ? 'blue' : 'green'}>
                    {t(`grid.layer.${selected.layer}`)}
                  </Tag>
                </Descriptions.Item>
                <Descriptions.Item label={t('grid.detail.code')}>{selected.code}</Descriptions.Item>
                {selected.layer === 'police' ? (
                  <>
                    <Descriptions.Item label={t('grid.detail.station')}>
                      {selected.stationName}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('grid.summary.communityGrids')}>
                      {selected.communityGridCount}
                    </Descriptions.Item>
                  </>
                ) : (
                  <>
                    <Descriptions.Item label={t('grid.detail.village')}>
                      {selected.villageName}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('grid.layer.police')}>
                      <Button
                        type="link"
                        size="small"
                        style={{ padding: 0 }}
                        onClick={() => setSelectedId(selected.policeGridId ?? null)}
                      >
                        {selected.policeGridName}
                      </Button>
                    </Descriptions.Item>
                  </>
                )}
                {selected.population !== null && (
                  <Descriptions.Item label={t('grid.detail.population')}>
                    {selected.population}
                  </Descriptions.Item>
                )}
              </Descriptions>
              <RosterPanel gridId={selected.id} layer={selected.layer} canWrite={canImport} />
            </>
          ) : (
            <Empty description={t('grid.selectHint')} />
          )}
        </Card>
      </Flex>
    </Flex>
  );
}
