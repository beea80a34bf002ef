import { FundProjectionScreenOutlined, VideoCameraOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import type { FeatureCollection } from 'geojson';
import { Alert, Badge, Button, Flex, Space, Spin, Typography } from 'antd';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useCallback, useMemo, useRef, useState } from 'react';
import { describeError } from '../../api/describe-error.ts';
import { CameraMapLayer, intakePointOf } from '../cameras/index.ts';
import { DisputeMapLayer } from '../disputes/index.ts';
import { CalloutMapLayers } from '../callouts/index.ts';
import { HazardMapLayer } from '../hazards/index.ts';
import { TrafficMapLayer } from '../traffic/index.ts';
import { PatrolRunsMapLayer } from '../volunteers/index.ts';
import { useAuth } from '../../app/auth-context.tsx';
import { useLocale, useT } from '../../i18n/i18n-context.tsx';
import { dispatchApi } from '../../api/dispatch-api.ts';
import { DispatchMap, type MapFocus, type MapPick } from './dispatch-map.tsx';
import { emptyCollection } from '../../map/dispatch-style.ts';
import { type LayerGroup, layerGroups } from './layer-groups.ts';
import { CommandTabs } from './command-tabs.tsx';
import { EmergencyAlert } from '../messages/index.ts';
import { BackupNotices, EscalationNotices } from '../incidents/index.ts';
import { consoleTopics, LiveChannelProvider, useLiveState } from '../../app/live-channel.tsx';
import { incidentFeatures, pointFeature, unitFeatures } from '../../map/map-features.ts';
import { MapToolbar, type SearchHit, UnitLegend } from './map-toolbar.tsx';
import { useDispatchData } from './use-dispatch-data.ts';
import { useLiveUnits } from '../units/index.ts';
import { useMap3d } from '../../map/use-map-3d.ts';
import { PatrolMapLayers } from './plans/patrol-map-layers.tsx';
import { PatrolPanel } from './plans/patrol-panel.tsx';
import { PatrolProvider, usePatrol } from './plans/patrol-state.tsx';
import { dispatchAccess } from './roles/dispatch-access.ts';
import { ReadOnlyBadge, ReadOnlyContext } from '../../app/read-only.tsx';
import { useScreen } from '../../app/use-screen.ts';

export function DispatchPage() {
  const { user } = useAuth();
  const access = dispatchAccess(user?.roles ?? []);
  return (
    <LiveChannelProvider subscribe={topics}>
      <ReadOnlyContext.Provider value={access.readOnly}>
        <PatrolProvider canPlan={access.canPlan} canRead={access.seesPlans}>
          <DispatchConsole />
        </PatrolProvider>
      </ReadOnlyContext.Provider>
    </LiveChannelProvider>
  );
}

// The map's hazards, call-outs and volunteers' patrol tracks move live; a new red dispute reloads its layer.
const topics = [
  ...consoleTopics,
  'hazard.changed',
  'dispute.alert',
  'callout.changed',
  'patrol.task.changed',
  'traffic.*',
] as const;

type Point = { lon: number; lat: number };

/** 指挥调度: the live map beside intake, the chosen incident, units, requests and messages. */
function DispatchConsole() {
  const t = useT();
  const { locale } = useLocale();
  const { user } = useAuth();
  // Command rooms, stations, or leadership watching read-only (dispatch-access.ts).
  const access = dispatchAccess(user?.roles ?? []);
  const command = access.view === 'command';
  const patrol = usePatrol();
  // Below 992 px the map sits above the panel instead of beside it; on a phone the page scrolls down to it.
  // Below 1200 px the map is too small for the open layer switcher and legend: they fold behind a button.
  const { wide, compact, phone } = useScreen();
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const live = useLiveState();
  const { orgs, roads, incidents, places, stations } = useDispatchData();
  // The map takes moves from `feed`; the page re-renders for positions alone every 5 s.
  const { units, version, feed } = useLiveUnits({ positionsEveryMs: 5_000 });
  const map3d = useMap3d(orgs.data, units, version);
  const [tab, setTab] = useState(command ? 'intake' : access.readOnly ? 'incident' : 'requests');
  const [incidentId, setIncidentId] = useState<string | null>(null);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [picking, setPicking] = useState(false);
  // A link from a camera's AR view carries the intake point (`?lon=…&lat=…`).
  const [picked, setPicked] = useState<Point | null>(() => intakePointOf(window.location.search));
  const [isoMode, setIsoMode] = useState(false);
  const [isoAt, setIsoAt] = useState<Point | null>(null);
  const [iso, setIso] = useState<FeatureCollection>(emptyCollection);
  const [routes, setRoutes] = useState<FeatureCollection>(emptyCollection);
  // Coverage is computed on the server over every available unit: shown when asked for.
  const [visible, setVisible] = useState<ReadonlySet<LayerGroup>>(
    new Set(layerGroups.filter((g) => g !== 'coverage')),
  );
  const [focus, setFocus] = useState<MapFocus | null>(() => {
    const at = intakePointOf(window.location.search);
    return at && { ...at, zoom: 15, key: 0 };
  });
  const focusOn = useCallback(
    (p: Point, zoom?: number) => setFocus({ ...p, key: Date.now(), ...(zoom ? { zoom } : {}) }),
    [],
  );

  const byId = useRef(new Map<string, (typeof units)[number]>());
  byId.current = useMemo(() => new Map(units.map((u) => [u.id, u])), [units]);
  const positionOf = useCallback((id: string): [number, number] | null => {
    const p = byId.current.get(id)?.position;
    return p ? [p.lon, p.lat] : null;
  }, []);
  const callsignOf = useCallback((id: string) => byId.current.get(id)?.callsign ?? id, []);

  const isochrone = useMutation({
    mutationFn: (at: Point) => dispatchApi.isochrone([at.lon, at.lat], '3,5,10'),
    onSuccess: (fc, at) => {
      setIso(fc);
      setIsoAt(at);
      setVisible((v) => new Set([...v, 'isochrone']));
    },
  });

  const list = incidents.data?.items ?? [];
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` marks a new snapshot of live units
  const unitData = useMemo(() => unitFeatures(units, unitId), [version, unitId]);
  const incidentData = useMemo(() => incidentFeatures(list, incidentId), [list, incidentId]);
  const pickData = useMemo(() => pointFeature(picked ?? isoAt), [picked, isoAt]);
  const mapData = useMemo(
    () => ({
      units: unitData,
      incidents: incidentData,
      routes,
      isochrone: iso,
      pick: pickData,
      ...map3d.data,
      ...(roads.data ? { roads: roads.data } : {}),
    }),
    [unitData, incidentData, routes, iso, pickData, roads.data, map3d.data],
  );

  const onPick = (pick: MapPick) => {
    // Clicks that draw a patrol shape or pick a road to close are the patrol tools' own.
    if (patrol.capturing) return;
    if (isoMode && pick.kind !== 'point') {
      // In circle mode a unit or an incident is the centre of the circle.
      const at =
        pick.kind === 'unit'
          ? byId.current.get(pick.id)?.position
          : list.find((i) => i.id === pick.id)?.location;
      if (at) isochrone.mutate({ lon: at.lon, lat: at.lat });
      return;
    }
    if (pick.kind === 'point') {
      if (picking) {
        setPicked({ lon: pick.lon, lat: pick.lat });
        setPicking(false);
      } else if (isoMode) {
        isochrone.mutate({ lon: pick.lon, lat: pick.lat });
      }
    } else if (pick.kind === 'incident') {
      setIncidentId(pick.id);
      setTab('incident');
    } else {
      setUnitId(pick.id);
      setTab('units');
    }
  };

  const onHit = (hit: SearchHit) => {
    if (hit.kind === 'place') focusOn(hit.place, 12);
    else if (hit.kind === 'unit') {
      setUnitId(hit.unit.id);
      if (hit.unit.position) focusOn(hit.unit.position, 14);
    } else {
      setIncidentId(hit.incident.id);
      setTab('incident');
      focusOn(hit.incident.location, 13);
    }
  };

  const describe = useCallback(
    (p: Record<string, unknown>) => {
      if (p.kind === 'unit')
        return `${String(p.callsign)} · ${String(p.station)}\n${t(`dispatch.unitStatus.${p.status as 'available'}`)} · ${Math.round(Number(p.speed))} km/h`;
      if (p.kind === 'incident')
        return `${String(p.number)}\n${String(locale === 'zh-CN' ? p.category : p.categoryEn)}`;
      if (typeof p.point_count === 'number') return t('dispatch.map.cluster', { n: p.point_count });
      return null;
    },
    [t, locale],
  );

  const selectedUnit = unitId ? byId.current.get(unitId) : undefined;
  return (
    <div
      style={{
        display: 'flex',
        flexDirection: compact ? 'column' : 'row',
        gap: compact ? 8 : 12,
        flex: phone ? 'none' : 1,
        minHeight: 0,
        margin: -4,
      }}
    >
      <div
        style={{
          position: 'relative',
          flex: compact ? 'none' : 1,
          height: phone ? 340 : compact ? '42%' : undefined,
          minWidth: 0,
          borderRadius: 6,
          overflow: 'hidden',
        }}
        data-testid="dispatch-map-frame"
        data-live-version={version}
      >
        {orgs.data ? (
          <DispatchMap
            key={locale}
            orgs={orgs.data}
            data={mapData}
            unitFeed={feed}
            visible={visible}
            focus={focus}
            onPick={onPick}
            describe={describe}
            homeOrgId={user?.scope.kind === 'tenant' ? null : (user?.scope.orgId ?? null)}
            view3d={map3d.on}
            mapSettings={map3d.settings}
            onMap={setMap}
          />
        ) : (
          <Spin style={{ position: 'absolute', inset: 0, margin: 'auto' }} />
        )}
        <MapToolbar
          compact={!wide}
          visible={visible}
          onVisible={setVisible}
          places={places}
          units={units}
          incidents={list}
          onHit={onHit}
          isoMode={isoMode}
          onIsoMode={(on) => {
            setIsoMode(on);
            setPicking(false);
            if (!on) {
              setIso(emptyCollection);
              setIsoAt(null);
            }
          }}
          view3d={map3d.on}
          onView3d={map3d.setOn}
          hasTerrain={map3d.hasTerrain}
          onIsoFromUnit={
            selectedUnit?.position
              ? () => selectedUnit.position && isochrone.mutate(selectedUnit.position)
              : null
          }
        />
        {isochrone.isError && (
          <Alert
            type="error"
            showIcon
            title={describeError(isochrone.error, t)}
            style={{ position: 'absolute', top: 8, right: 56, zIndex: 2 }}
          />
        )}
        {wide && <UnitLegend />}
        <CameraMapLayer
          map={map}
          visible={visible.has('cameras')}
          clickable={!picking && !isoMode && !patrol.capturing}
        />
        <HazardMapLayer
          map={map}
          visible={visible.has('hazards')}
          clickable={!picking && !isoMode && !patrol.capturing}
        />
        <TrafficMapLayer
          map={map}
          visible={visible.has('traffic')}
          clickable={!picking && !isoMode && !patrol.capturing}
        />
        <DisputeMapLayer
          map={map}
          visible={visible.has('disputes')}
          clickable={!picking && !isoMode && !patrol.capturing}
        />
        <CalloutMapLayers
          map={map}
          showCallouts={visible.has('callouts')}
          showVolunteers={visible.has('volunteers')}
          clickable={!picking && !isoMode && !patrol.capturing}
          onIncident={(id) => {
            setIncidentId(id);
            setTab('incident');
          }}
        />
        <PatrolRunsMapLayer
          map={map}
          visible={visible.has('patrols')}
          clickable={!picking && !isoMode && !patrol.capturing}
        />
        <PatrolMapLayers
          map={map}
          visible={visible}
          unitsVersion={version}
          roads={roads.data}
          callsignOf={callsignOf}
        />
      </div>
      <div
        style={{
          width: compact ? undefined : 'clamp(420px, 30vw, 580px)',
          flex: compact ? 1 : 'none',
          // On a phone the panel keeps a usable height below the map; the page scrolls to it.
          minHeight: phone ? 560 : 0,
          display: 'flex',
          flexDirection: 'column',
          background: '#fff',
          borderRadius: 6,
          padding: compact ? '4px 8px' : '4px 12px',
        }}
        data-testid="dispatch-side"
      >
        <Flex justify="space-between" align="center" wrap gap={4} style={{ paddingTop: 4 }}>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {command
              ? t('dispatch.title.command')
              : access.readOnly
                ? t('dispatch.title.watch')
                : t('dispatch.title.station')}{' '}
            {access.readOnly && <ReadOnlyBadge />}
          </Typography.Title>
          <Space wrap size={[8, 4]}>
            <Badge
              data-testid="live-state"
              data-state={live}
              status={live === 'open' ? 'success' : live === 'connecting' ? 'processing' : 'error'}
              text={t(`dispatch.live.${live}`)}
            />
            <Button size="small" icon={<VideoCameraOutlined />} href="/cameras" data-testid="open-cameras">
              {t('cameras.menu')}
            </Button>
            <Button size="small" icon={<FundProjectionScreenOutlined />} href="/bigscreen" target="_blank">
              {t('dispatch.bigscreen')}
            </Button>
          </Space>
        </Flex>
        <CommandTabs
          command={command}
          readOnly={access.readOnly}
          extraTabs={
            access.seesPlans
              ? [
                  {
                    key: 'patrol',
                    label: t('dispatch.tab.patrol'),
                    children: (
                      <PatrolPanel
                        stations={stations.filter((s) => s.kind === 'station')}
                        units={units}
                        callsignOf={callsignOf}
                        onLocate={focusOn}
                      />
                    ),
                  },
                ]
              : []
          }
          tab={tab}
          onTab={setTab}
          incidents={list}
          incidentId={incidentId}
          onIncident={(id, at) => {
            setIncidentId(id);
            setRoutes(emptyCollection);
            const where = at ?? list.find((i) => i.id === id)?.location;
            if (where) focusOn(where, 12);
          }}
          units={units}
          unitId={unitId}
          onUnit={(u) => {
            setUnitId(u.id);
            if (u.position) focusOn(u.position, 14);
          }}
          stations={stations}
          picked={picked}
          picking={picking}
          onPickOnMap={() => {
            setPicking((p) => !p);
            setIsoMode(false);
          }}
          onClearPick={() => setPicked(null)}
          positionOf={positionOf}
          callsignOf={callsignOf}
          onRoutes={setRoutes}
        />
      </div>
      <EmergencyAlert canAcknowledge={command} onLocate={(p) => focusOn(p, 14)} />
      {command && (
        <BackupNotices
          onOpen={(id) => {
            setIncidentId(id);
            setTab('incident');
            const at = list.find((i) => i.id === id)?.location;
            if (at) focusOn(at, 13);
          }}
        />
      )}
      {command && user?.scope.kind === 'tenant' && (
        <EscalationNotices
          onOpen={(id) => {
            setIncidentId(id);
            setTab('incident');
          }}
        />
      )}
    </div>
  );
}
