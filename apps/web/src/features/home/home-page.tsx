import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Flex, Skeleton, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { fetchOrgGeojson } from '../../api/orgs-api.ts';
import type { OrgKind } from '@ronghui/contracts';
import { useAuth } from '../../app/auth-context.tsx';
import { LoadError } from '../../app/load-error.tsx';
import { useLocale, useT } from '../../i18n/i18n-context.tsx';
import { OrgMap } from '../../map/org-map.tsx';
import { OrgTree, useOrgTree } from '../orgs/index.ts';
import { MapLegend } from './map-legend.tsx';
import { useScreen } from '../../app/use-screen.ts';

const orgKinds: readonly string[] = ['tenant', 'area', 'station', 'brigade', 'grid'] satisfies OrgKind[];

export function HomePage() {
  const t = useT();
  const tree = useOrgTree();
  const geojson = useQuery({
    queryKey: ['orgs', 'geojson'],
    queryFn: fetchOrgGeojson,
    staleTime: 5 * 60_000,
  });
  const { user } = useAuth();
  // Someone whose data scope is one area, station or grid starts looking at it, not the whole county.
  const [selectedId, setSelectedId] = useState<string | null>(() =>
    user && user.scope.kind !== 'tenant' ? user.scope.orgId : null,
  );
  const [mapFailure, setMapFailure] = useState<string | null>(null);
  const { locale } = useLocale();
  // Below 992 px the tree sits above the map, at a fixed height with its own scroll bar.
  const { compact, phone } = useScreen();

  const describe = useCallback(
    ({ name, kind }: { name: string; kind: string }) =>
      orgKinds.includes(kind) ? `${name} · ${t(`org.kind.${kind as OrgKind}`)}` : name,
    [t],
  );
  const selectedHasGeometry =
    !selectedId || !geojson.data || geojson.data.features.some((f) => f.properties.id === selectedId);

  return (
    <Flex vertical={compact} gap={compact ? 12 : 16} style={{ flex: 1, minHeight: 0 }}>
      <Card
        title={t('org.treeTitle')}
        size={compact ? 'small' : 'default'}
        style={{
          width: compact ? undefined : 300,
          height: compact ? 240 : undefined,
          flex: 'none',
          display: 'flex',
          flexDirection: 'column',
        }}
        styles={{ body: { flex: 1, overflow: 'auto', padding: 12 } }}
      >
        {tree.error && <LoadError error={tree.error} onRetry={() => tree.refetch()} />}
        {tree.isPending && <Skeleton active />}
        {tree.data && (
          <OrgTree root={tree.data} index={tree.index} selectedId={selectedId} onSelect={setSelectedId} />
        )}
      </Card>
      <Card
        title={t('home.mapTitle')}
        size={compact ? 'small' : 'default'}
        extra={
          phone ? null : (
            <Typography.Text type="secondary">
              {t(compact ? 'home.mapHintAbove' : 'home.mapHint')}
            </Typography.Text>
          )
        }
        style={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column' }}
        styles={{ body: { flex: 1, padding: 0, position: 'relative', minHeight: 360 } }}
      >
        {geojson.error && (
          <div style={{ padding: 16 }}>
            <LoadError error={geojson.error} onRetry={() => geojson.refetch()} />
          </div>
        )}
        {geojson.isPending && <Skeleton active style={{ padding: 16 }} />}
        {mapFailure && (
          <Alert
            type="error"
            showIcon
            style={{ margin: 16 }}
            title={t('home.mapFailed', { reason: mapFailure })}
          />
        )}
        {geojson.data && !mapFailure && (
          <>
            <OrgMap
              key={locale}
              data={geojson.data}
              selectedId={selectedId}
              onSelect={setSelectedId}
              describe={describe}
              onError={setMapFailure}
            />
            <MapLegend />
            {!selectedHasGeometry && (
              <Alert
                type="info"
                showIcon
                style={{ position: 'absolute', top: 12, left: 12 }}
                title={t('home.noGeometry')}
              />
            )}
          </>
        )}
      </Card>
    </Flex>
  );
}
