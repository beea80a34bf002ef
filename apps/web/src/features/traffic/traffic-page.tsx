import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Col, Row, Space, Tabs, Tag, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { describeError } from '../../api/describe-error.ts';
import { trafficApi, trafficFeeds, trafficKeys } from '../../api/traffic-api.ts';
import { useAuth } from '../../app/auth-context.tsx';
import { LiveChannelProvider, useLiveEvents, useLiveState } from '../../app/live-channel.tsx';
import { useLocale, useT } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { useBaseLayers } from '../../map/use-base-layers.ts';
import { trafficAccess } from './traffic-access.ts';
import { DevicesTab } from './traffic-devices-tab.tsx';
import { HazardsTab } from './traffic-hazards-tab.tsx';
import { deviceGlyphs, TrafficMap } from './traffic-map.tsx';
import { PlatesTab } from './traffic-plates-tab.tsx';
import { RoutesTab } from './traffic-routes-tab.tsx';
import { RulesTab } from './traffic-rules-tab.tsx';
import { SectionsTab } from './traffic-sections-tab.tsx';
import { SignsTab } from './traffic-signs-tab.tsx';
import type { MapDrawing, MapTool, Position } from './traffic-drawing.ts';
import { levelColors, sectionLevels } from './traffic-view.ts';

/**
 * 智慧交通: the hazard-prone road sections on the map coloured by their worst active hazard, the roadside
 * devices and what each sign shows, the alternative routes; beside it the active hazards, the signs as dot
 * matrices with their overrides, the devices, sections, rules and templates, routes and plate reads.
 */
export function TrafficPage() {
  return (
    <LiveChannelProvider subscribe={['traffic.*']}>
      <TrafficWorkspace />
    </LiveChannelProvider>
  );
}

function TrafficWorkspace() {
  const t = useT();
  const live = useLiveState();
  const { locale } = useLocale();
  const { user } = useAuth();
  const access = trafficAccess(user?.roles ?? []);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { orgs, roads } = useBaseLayers();
  const sections = useQuery({ queryKey: trafficKeys.sections, queryFn: trafficApi.sections });
  const devices = useQuery({ queryKey: trafficKeys.devices, queryFn: trafficApi.devices });
  const signs = useQuery({ queryKey: trafficKeys.signs, queryFn: trafficApi.signs });
  const hazards = useQuery({ queryKey: trafficKeys.hazards, queryFn: () => trafficApi.hazards(true) });
  const routes = useQuery({ queryKey: trafficKeys.routes, queryFn: trafficApi.routes });

  // Readings raise and end hazards on the server; signs, devices and routes follow. Each change refetches.
  useLiveEvents('traffic.*', (event) => {
    const keys = {
      'traffic.sign.changed': [trafficKeys.signs],
      'traffic.hazard.changed': [trafficKeys.hazards, trafficKeys.sections],
      'traffic.device.changed': [trafficKeys.devices],
      'traffic.route.changed': [trafficKeys.routes],
    } as Record<string, readonly (readonly string[])[]>;
    for (const queryKey of keys[event.topic] ?? [trafficKeys.all])
      void queryClient.invalidateQueries({ queryKey });
  });

  const [tab, setTab] = useState('hazards');
  const [tool, setTool] = useState<MapTool>(null);
  const [points, setPoints] = useState<readonly Position[]>([]);
  const [selectedSection, setSelectedSection] = useState<string | null>(null);
  const [selectedDevice, setSelectedDevice] = useState<string | null>(null);
  const [focus, setFocus] = useState<{ sectionId: string; n: number } | null>(null);
  const showSection = useCallback((sectionId: string) => {
    setSelectedSection(sectionId);
    setFocus((prev) => ({ sectionId, n: (prev?.n ?? 0) + 1 }));
  }, []);
  const drawing: MapDrawing = useMemo(
    () => ({
      tool,
      points,
      start: (next, initial = []) => {
        setTool(next);
        setPoints(initial);
      },
      stop: () => {
        setTool(null);
        setPoints([]);
      },
    }),
    [tool, points],
  );
  const onPoint = useCallback(
    (at: Position) => {
      if (tool === 'device') setPoints([at]);
      else if (tool === 'route') setPoints((prev) => (prev.length >= 2 ? [at] : [...prev, at]));
      else setPoints((prev) => [...prev, at]);
    },
    [tool],
  );

  const replay = useMutation({
    mutationFn: trafficApi.replay,
    onSuccess: () => message.success(t('traffic.replay.started')),
    onError: (error) => message.error(describeError(error, t)),
  });

  const levels = useMemo(() => sectionLevels(hazards.data?.items ?? []), [hazards.data]);
  const sectionNames = useMemo(
    () => new Map((sections.data?.items ?? []).map((s) => [s.id, s.name])),
    [sections.data],
  );

  return (
    <div data-testid="traffic-page">
      <Space style={{ width: '100%', justifyContent: 'space-between', flexWrap: 'wrap' }}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t('traffic.title')}
        </Typography.Title>
        <Space wrap>
          <Badge
            data-testid="live-state"
            data-state={live}
            status={live === 'open' ? 'success' : live === 'connecting' ? 'processing' : 'error'}
            text={t(`dispatch.live.${live}`)}
          />
          <Typography.Link href={trafficFeeds.cap} target="_blank" data-testid="traffic-cap">
            {t('traffic.feed.cap')}
          </Typography.Link>
          <Typography.Link href={trafficFeeds.datex} target="_blank" data-testid="traffic-datex">
            {t('traffic.feed.datex')}
          </Typography.Link>
          {access.canOverride && (
            <Button data-testid="traffic-replay" loading={replay.isPending} onClick={() => replay.mutate()}>
              {t('traffic.replay')}
            </Button>
          )}
        </Space>
      </Space>
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          {orgs.data && (
            <TrafficMap
              // The map's own texts (scale, zoom buttons) are set when it is made.
              key={locale}
              orgs={orgs.data}
              roads={roads.data}
              sections={sections.data?.items ?? []}
              levels={levels}
              devices={devices.data?.items ?? []}
              signs={signs.data?.items ?? []}
              routes={routes.data?.items ?? []}
              selectedSection={selectedSection}
              selectedDevice={selectedDevice}
              focus={focus}
              draft={tool ? points : []}
              onPoint={tool ? onPoint : null}
              onSelectSection={(id) => {
                setSelectedSection(id);
                setTab('sections');
              }}
              onSelectDevice={(id) => {
                setSelectedDevice(id);
                setTab(id && signs.data?.items.some((s) => s.id === id) ? 'signs' : 'devices');
              }}
            />
          )}
          <Legend />
          {tool && (
            <Tag color="processing" data-testid="traffic-tool" style={{ marginTop: 8 }}>
              {t(`traffic.tool.${tool}` as MessageKey)}
            </Tag>
          )}
        </Col>
        <Col xs={24} xl={12}>
          <Tabs
            activeKey={tab}
            onChange={(key) => {
              setTab(key);
              drawing.stop();
            }}
            items={[
              {
                key: 'hazards',
                label: `${t('traffic.tab.hazards')} (${hazards.data?.items.length ?? 0})`,
                children: (
                  <HazardsTab
                    hazards={hazards.data?.items ?? []}
                    loading={hazards.isPending}
                    onShow={showSection}
                  />
                ),
              },
              {
                key: 'signs',
                label: t('traffic.tab.signs'),
                children: (
                  <SignsTab
                    signs={signs.data?.items ?? []}
                    sectionNames={sectionNames}
                    canOverride={access.canOverride}
                    selectedId={selectedDevice}
                  />
                ),
              },
              {
                key: 'devices',
                label: t('traffic.tab.devices'),
                children: (
                  <DevicesTab
                    devices={devices.data?.items ?? []}
                    sections={sections.data?.items ?? []}
                    canManage={access.canManage}
                    selectedId={selectedDevice}
                    onSelect={setSelectedDevice}
                    drawing={drawing}
                  />
                ),
              },
              {
                key: 'sections',
                label: t('traffic.tab.sections'),
                children: (
                  <SectionsTab
                    sections={sections.data?.items ?? []}
                    levels={levels}
                    canManage={access.canManage}
                    selectedId={selectedSection}
                    onSelect={showSection}
                    drawing={drawing}
                  />
                ),
              },
              {
                key: 'rules',
                label: t('traffic.tab.rules'),
                children: <RulesTab canManage={access.canManage} />,
              },
              {
                key: 'routes',
                label: t('traffic.tab.routes'),
                children: (
                  <RoutesTab
                    routes={routes.data?.items ?? []}
                    sectionNames={sectionNames}
                    canManage={access.canManage}
                    drawing={drawing}
                  />
                ),
              },
              { key: 'plates', label: t('traffic.tab.plates'), children: <PlatesTab /> },
            ]}
          />
        </Col>
      </Row>
    </div>
  );
}

/** What the colours and letters on the map mean. */
function Legend() {
  const t = useT();
  return (
    <Space wrap size={[12, 4]} style={{ marginTop: 8, fontSize: 12 }} data-testid="traffic-legend">
      {(['red', 'orange', 'yellow', 'none'] as const).map((level) => (
        <span key={level}>
          <span
            style={{
              display: 'inline-block',
              width: 18,
              height: 5,
              background: levelColors[level],
              marginRight: 4,
              verticalAlign: 'middle',
            }}
          />
          {t(`traffic.level.${level}`)}
        </span>
      ))}
      {Object.entries(deviceGlyphs).map(([kind, g]) => (
        <span key={kind}>
          <span
            style={{
              display: 'inline-block',
              width: 16,
              height: 16,
              lineHeight: '16px',
              borderRadius: 8,
              background: g.color,
              color: '#fff',
              textAlign: 'center',
              fontSize: 10,
              marginRight: 4,
            }}
          >
            {g.letter}
          </span>
          {t(`traffic.kind.${kind}` as MessageKey)}
        </span>
      ))}
      <span>
        <span
          style={{
            display: 'inline-block',
            width: 18,
            borderTop: '3px dashed #52c41a',
            marginRight: 4,
            verticalAlign: 'middle',
          }}
        />
        {t('traffic.legend.route')}
      </span>
    </Space>
  );
}
