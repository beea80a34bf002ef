import { ArrowLeftOutlined } from '@ant-design/icons';
import { createCameraProjector, type GroundHit } from '@ronghui/geo';
import { useQuery } from '@tanstack/react-query';
import { Alert, Badge, Button, Flex, Space, Spin, Typography } from 'antd';
import { type MouseEvent, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { describeError } from '../../api/describe-error.ts';
import { hasAnyRole, useAuth } from '../../app/auth-context.tsx';
import { useLocale, useT } from '../../i18n/i18n-context.tsx';
import { LiveChannelProvider, useLiveState } from '../../app/live-channel.tsx';
import { useBaseLayers } from '../../map/use-base-layers.ts';
import { useOpenIncidents } from '../incidents/index.ts';
import { useLiveUnits } from '../units/index.ts';
import { combineLabels, pointLabels, poseOf, roadOverlay } from './ar-labels.ts';
import { ArOverlay } from './ar-overlay.tsx';
import { CameraMap } from './camera-map.tsx';
import { CameraStream, type StreamState } from './camera-stream.tsx';
import { camerasApi } from './cameras-api.ts';
import { intakeLink } from './intake-link.ts';
import './cameras.css';

export function CameraViewPage() {
  return (
    <LiveChannelProvider>
      <CameraView />
    </LiveChannelProvider>
  );
}

/** The largest 16:9 box inside the available area. */
function useFrameSize() {
  const outer = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  useEffect(() => {
    const element = outer.current;
    if (!element) return;
    const measure = () => {
      const w = element.clientWidth;
      const h = element.clientHeight;
      if (w < 50 || h < 50) return;
      const width = Math.floor(Math.min(w, (h * 16) / 9));
      setSize({ width, height: Math.floor((width * 9) / 16) });
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return { outer, size };
}

/** AR实景: the camera's picture (or the map from its pose) with live labels projected into it. */
function CameraView() {
  const t = useT();
  const { locale } = useLocale();
  const { user } = useAuth();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const live = useLiveState();
  const camera = useQuery({ queryKey: ['cameras', id], queryFn: () => camerasApi.get(id) });
  const scene = useQuery({ queryKey: ['cameras', id, 'scene'], queryFn: () => camerasApi.scene(id) });
  const { orgs, roads } = useBaseLayers();
  const incidents = useOpenIncidents();
  const { units, version } = useLiveUnits();
  const { outer, size } = useFrameSize();
  const [stream, setStream] = useState<StreamState>('none');
  const [pick, setPick] = useState<{ x: number; y: number; hit: GroundHit | null } | null>(null);

  const c = camera.data;
  const hasStream = Boolean(c?.streamUrl && c.streamKind !== 'none');
  useEffect(() => setStream(hasStream ? 'loading' : 'none'), [hasStream]);
  const pose = useMemo(() => (c && size ? poseOf(c, size.width, size.height) : null), [c, size]);
  const projector = useMemo(() => (pose ? createCameraProjector(pose) : null), [pose]);
  // The roads stay put: traced once per pose. Units move: their labels follow each live snapshot.
  const road = useMemo(
    () => (projector ? roadOverlay(projector, roads.data) : null),
    [projector, roads.data],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` marks a new snapshot of live units
  const points = useMemo(
    () =>
      projector
        ? pointLabels(
            projector,
            { units, incidents: incidents.data?.items ?? [], places: scene.data?.items ?? [] },
            {
              unitStatus: (s) => t(`dispatch.unitStatus.${s as 'available'}`),
              category: (i) => (locale === 'zh-CN' ? i.category.zh : i.category.en),
            },
          )
        : null,
    [projector, version, incidents.data, scene.data, t, locale],
  );
  const drawn = useMemo(
    () => (points && road ? { labels: combineLabels(points, road.labels), roads: road.traces } : null),
    [points, road],
  );

  if (camera.isError)
    return <Alert type="error" showIcon title={describeError(camera.error, t)} style={{ margin: 16 }} />;

  const showMap = !hasStream || stream === 'failed';
  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    if (!projector) return;
    const rect = event.currentTarget.getBoundingClientRect();
    const x = event.clientX - rect.left;
    const y = event.clientY - rect.top;
    setPick({ x, y, hit: projector.unproject(x, y) });
  };
  const canTake = hasAnyRole(user, ['dispatcher', 'commander']);
  const source =
    stream === 'failed'
      ? t('cameras.view.streamFailed')
      : hasStream
        ? t(`cameras.stream.${c!.streamKind}`)
        : t('cameras.view.noStream');

  return (
    <div style={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0, gap: 8 }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Space wrap size={[8, 4]}>
          <Link to="/cameras">
            <Button size="small" icon={<ArrowLeftOutlined />}>
              {t('cameras.view.back')}
            </Button>
          </Link>
          <Typography.Title level={5} style={{ margin: 0 }} data-testid="camera-title">
            {c ? `${c.name} · ${c.code}` : t('common.loading')}
          </Typography.Title>
          {c && <Typography.Text type="secondary">{c.stationName}</Typography.Text>}
        </Space>
        <Badge
          data-testid="live-state"
          data-state={live}
          status={live === 'open' ? 'success' : live === 'connecting' ? 'processing' : 'error'}
          text={t(`dispatch.live.${live}`)}
          style={{ whiteSpace: 'nowrap' }}
        />
      </Flex>
      {scene.isError && <Alert type="warning" showIcon title={describeError(scene.error, t)} />}
      <div ref={outer} style={{ flex: 1, minHeight: 0, display: 'flex', justifyContent: 'center' }}>
        {!c || !size || !pose ? (
          <Spin style={{ margin: 'auto' }} />
        ) : (
          <div
            data-testid="camera-frame"
            data-width={size.width}
            data-height={size.height}
            data-source={showMap ? 'map' : 'stream'}
            data-stream-state={stream}
            data-labels={drawn?.labels.length ?? 0}
            onClick={onClick}
            className={showMap ? 'camera-frame-map' : undefined}
            style={{
              position: 'relative',
              width: size.width,
              height: size.height,
              background: showMap ? undefined : '#001529',
              borderRadius: 6,
              overflow: 'hidden',
              cursor: 'crosshair',
            }}
          >
            {showMap && orgs.data && (
              <CameraMap key={locale} orgs={orgs.data} roads={roads.data} pose={pose} />
            )}
            {hasStream && stream !== 'failed' && (
              <CameraStream kind={c.streamKind as 'hls'} url={c.streamUrl!} onState={setStream} />
            )}
            {drawn && (
              <ArOverlay labels={drawn.labels} roads={drawn.roads} width={size.width} height={size.height} />
            )}
            <div className="camera-hud" data-testid="camera-hud">
              <b>{c.name}</b>
              <div>
                {t('cameras.hud.pose', {
                  heading: Math.round(c.headingDegrees),
                  tilt: c.tiltDegrees.toFixed(1),
                  fov: Math.round(c.hfovDegrees),
                  height: Math.round(c.heightMeters),
                })}
              </div>
              <div>
                {t('cameras.hud.range', {
                  range: (c.rangeMeters / 1000).toFixed(1),
                  n: drawn?.labels.length ?? 0,
                })}
              </div>
              <div>{source}</div>
            </div>
            {pick && (
              <>
                <div className="camera-pick-mark" style={{ left: pick.x, top: pick.y }} />
                <div
                  className="camera-pick"
                  data-testid="camera-pick"
                  style={{
                    left: Math.min(Math.max(pick.x, 140), size.width - 140),
                    top: Math.min(pick.y, size.height - 90),
                  }}
                  onClick={(e) => e.stopPropagation()}
                >
                  {pick.hit ? (
                    <Space direction="vertical" size={4}>
                      <span data-testid="camera-pick-coords">
                        {t('cameras.pick.at', {
                          lat: pick.hit.lat.toFixed(5),
                          lon: pick.hit.lon.toFixed(5),
                          distance: Math.round(pick.hit.distanceM),
                        })}
                      </span>
                      {pick.hit.beyondRange && (
                        <Typography.Text type="warning">{t('cameras.pick.far')}</Typography.Text>
                      )}
                      <Space>
                        {canTake && (
                          <Button
                            size="small"
                            type="primary"
                            onClick={() => pick.hit && navigate(intakeLink(pick.hit))}
                          >
                            {t('cameras.pick.intake')}
                          </Button>
                        )}
                        <Button size="small" onClick={() => setPick(null)}>
                          {t('cameras.pick.close')}
                        </Button>
                      </Space>
                    </Space>
                  ) : (
                    <Space>
                      <span>{t('cameras.pick.sky')}</span>
                      <Button size="small" onClick={() => setPick(null)}>
                        {t('cameras.pick.close')}
                      </Button>
                    </Space>
                  )}
                </div>
              </>
            )}
          </div>
        )}
      </div>
    </div>
  );
}
