import type { FeatureCollection } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap, MapLayerMouseEvent, MapMouseEvent } from 'maplibre-gl';
import { Badge, Space } from 'antd';
import { useEffect, useMemo, useRef } from 'react';
import { type Translate, useT } from '../../../i18n/i18n-context.tsx';
import { maplibregl } from '../../../map/setup-worker.ts';
import { formatDateTime } from '../../../i18n/format-datetime.ts';
import {
  closestLine,
  closureFeatures,
  coverageFeatures,
  draftFeatures,
  edgesOf,
  planFeatures,
} from './overlay-features.ts';
import {
  closureLayers,
  coverageColors,
  installOverlayLayers,
  type OverlaySource,
  overlayGroupLayers,
  planLayers,
  vertexLayer,
} from './overlay-layers.ts';
import { usePatrol } from './patrol-state.tsx';

export interface PatrolMapLayersProps {
  map: MapLibreMap | null;
  /** Switched-on layer groups of the console (coverage, plans, closures among them). */
  visible: ReadonlySet<string>;
  /** Changes whenever units move or change status. */
  unitsVersion: number;
  roads: FeatureCollection | undefined;
  callsignOf: (unitId: string) => string;
}

const hoverLayers = ['coverage-village', ...planLayers, ...closureLayers];

function describeFeature(
  layer: string,
  p: Record<string, unknown>,
  t: Translate,
  callsignOf: (id: string) => string,
): string {
  if (layer === 'coverage-village') {
    const minutes = p.arrivalMin;
    return `${String(p.name)}\n${
      minutes === null || minutes === undefined || minutes === 'null'
        ? t('dispatch.coverage.unreached')
        : t('dispatch.coverage.arrival', { n: String(minutes) })
    }`;
  }
  if (layer.startsWith('closure')) {
    const until = p.until ? `\n${t('dispatch.closure.until')} ${formatDateTime(String(p.until))}` : '';
    return `${t('dispatch.closure.closed')} · ${t(`dispatch.closure.cause.${p.cause as 'other'}`)}${
      p.road ? ` · ${String(p.road)}` : ''
    }${p.note ? `\n${String(p.note)}` : ''}${until}`;
  }
  const units = edgesLike(p.unitIds).map(callsignOf);
  return `${t(`dispatch.plan.kind.${p.kind as 'guard-point'}`)} · ${String(p.name)}\n${String(p.stationName)}${
    units.length ? ` · ${units.join('、')}` : ` · ${t('dispatch.plan.noUnits')}`
  }`;
}

/** Unit id lists come back from the map as JSON text, like edge lists. */
function edgesLike(value: unknown): string[] {
  let list = value;
  if (typeof value === 'string') {
    try {
      list = JSON.parse(value);
    } catch {
      list = [];
    }
  }
  return Array.isArray(list) ? list.map(String) : [];
}

/**
 * The coverage, patrol-plan and closure overlays of the dispatch map, and the mouse and keyboard of the
 * patrol tools: click to add vertices, double-click or Enter to finish, Esc to cancel, drag vertices,
 * click a road to close it. Renders nothing itself.
 */
export function PatrolMapLayers({ map, visible, unitsVersion, roads, callsignOf }: PatrolMapLayersProps) {
  const t = useT();
  const patrol = usePatrol();
  const latest = useRef({ patrol, t, callsignOf });
  latest.current = { patrol, t, callsignOf };
  const applied = useRef(new Map<OverlaySource, FeatureCollection>());

  const showCoverage = visible.has('coverage');
  useEffect(() => patrol.wantCoverage('map', showCoverage), [patrol.wantCoverage, showCoverage]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new units version is the trigger
  useEffect(() => patrol.unitsChanged(), [unitsVersion, patrol.unitsChanged]);

  const editingId = patrol.editor.mode === 'shaped' ? patrol.editor.id : null;
  const sources = useMemo<Record<OverlaySource, FeatureCollection>>(
    () => ({
      coverage: coverageFeatures(patrol.coverage.data?.villages ?? [], patrol.coverage.data?.minutes ?? []),
      plans: planFeatures(patrol.plans.data ?? [], editingId),
      closures: closureFeatures(roads, patrol.closures.data ?? []),
      'plan-draft': draftFeatures(patrol.editor),
    }),
    [patrol.coverage.data, patrol.plans.data, patrol.closures.data, patrol.editor, editingId, roads],
  );

  useEffect(() => {
    if (!map) return;
    applied.current.clear();
    installOverlayLayers(map);
    const canvas = map.getCanvas();
    const hover = new maplibregl.Popup({ closeButton: false, closeOnClick: false, offset: 10 });

    const onMove = (event: MapMouseEvent) => {
      const { patrol: p, t: tr, callsignOf: cs } = latest.current;
      if (p.editor.mode === 'shaped' && p.editor.dragging !== null) {
        p.send({ type: 'move', at: [event.lngLat.lng, event.lngLat.lat] });
        return;
      }
      if (p.capturing) {
        hover.remove();
        return;
      }
      const layers = hoverLayers.filter((l) => map.getLayer(l));
      const feature = map.queryRenderedFeatures(event.point, { layers })[0];
      const overVertex =
        p.editor.mode === 'shaped' &&
        map.getLayer(vertexLayer) &&
        map.queryRenderedFeatures(event.point, { layers: [vertexLayer] }).length > 0;
      if (overVertex) canvas.style.cursor = 'move';
      if (!feature) {
        hover.remove();
        return;
      }
      const div = document.createElement('div');
      div.textContent = describeFeature(feature.layer.id, feature.properties ?? {}, tr, cs);
      div.style.whiteSpace = 'pre';
      div.dataset.testid = 'overlay-tooltip';
      hover.setLngLat(event.lngLat).setDOMContent(div).addTo(map);
    };

    const onClick = (event: MapMouseEvent) => {
      const { patrol: p } = latest.current;
      if (p.editor.mode === 'drawing') {
        p.send({ type: 'click', at: [event.lngLat.lng, event.lngLat.lat] });
        return;
      }
      if (!p.closurePick) return;
      const box: [[number, number], [number, number]] = [
        [event.point.x - 12, event.point.y - 12],
        [event.point.x + 12, event.point.y + 12],
      ];
      const candidates = map.getLayer('roads-line')
        ? map.queryRenderedFeatures(box, { layers: ['roads-line'] })
        : [];
      const lines = candidates.map((f) =>
        f.geometry.type === 'LineString'
          ? f.geometry.coordinates.map((c) => {
              const px = map.project([c[0]!, c[1]!]);
              return [px.x, px.y] as const;
            })
          : [],
      );
      const best = closestLine([event.point.x, event.point.y], lines);
      const road = best >= 0 ? candidates[best] : undefined;
      const edges = edgesOf(road?.properties?.edges);
      if (!road || edges.length === 0) {
        p.setMapNotice('noRoad');
        return;
      }
      p.setMapNotice(null);
      p.setPickedRoad({
        edges,
        name: typeof road.properties?.name === 'string' ? road.properties.name : null,
        at: { lon: event.lngLat.lng, lat: event.lngLat.lat },
      });
      p.setClosurePick(false);
    };

    const onDoubleClick = (event: MapMouseEvent) => {
      const { patrol: p } = latest.current;
      if (p.editor.mode !== 'drawing') return;
      event.preventDefault();
      p.send({ type: 'finish' });
    };

    const onVertexDown = (event: MapLayerMouseEvent) => {
      const { patrol: p } = latest.current;
      if (p.editor.mode !== 'shaped' || !p.canPlan) return;
      const index = Number(event.features?.[0]?.properties?.index);
      if (!Number.isInteger(index)) return;
      // Stops the map from panning while the vertex follows the mouse.
      event.preventDefault();
      p.send({ type: 'grab', index });
    };
    const onUp = () => {
      const { patrol: p } = latest.current;
      if (p.editor.mode === 'shaped' && p.editor.dragging !== null) p.send({ type: 'drop' });
    };

    const onKey = (event: KeyboardEvent) => {
      const { patrol: p } = latest.current;
      const target = event.target as HTMLElement | null;
      if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
      if (event.key === 'Escape') {
        if (p.editor.mode === 'drawing') p.send({ type: 'cancel' });
        if (p.closurePick) p.setClosurePick(false);
      } else if (event.key === 'Enter' && p.editor.mode === 'drawing') {
        p.send({ type: 'finish' });
      }
    };

    map.on('mousemove', onMove);
    map.on('click', onClick);
    map.on('dblclick', onDoubleClick);
    map.on('mousedown', vertexLayer, onVertexDown);
    map.on('mouseup', onUp);
    window.addEventListener('keydown', onKey);
    return () => {
      hover.remove();
      map.off('mousemove', onMove);
      map.off('click', onClick);
      map.off('dblclick', onDoubleClick);
      map.off('mousedown', vertexLayer, onVertexDown);
      map.off('mouseup', onUp);
      window.removeEventListener('keydown', onKey);
    };
  }, [map]);

  useEffect(() => {
    if (!map) return;
    for (const [id, collection] of Object.entries(sources) as [OverlaySource, FeatureCollection][]) {
      if (applied.current.get(id) === collection) continue;
      const source = map.getSource(id) as GeoJSONSource | undefined;
      if (!source) continue;
      applied.current.set(id, collection);
      source.setData(collection);
      // What each overlay holds, for people and tests reading the page.
      map.getContainer().dataset[
        `overlay${id.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase())}`
      ] = String(collection.features.length);
    }
  }, [map, sources]);

  useEffect(() => {
    if (!map) return;
    for (const [group, layers] of Object.entries(overlayGroupLayers)) {
      for (const layer of layers)
        if (map.getLayer(layer))
          map.setLayoutProperty(layer, 'visibility', visible.has(group) ? 'visible' : 'none');
    }
  }, [map, visible]);

  // While drawing, a double-click finishes the shape instead of zooming; the cursor says a click places.
  const capturing = patrol.capturing;
  useEffect(() => {
    if (!map) return;
    if (capturing) map.doubleClickZoom.disable();
    else map.doubleClickZoom.enable();
    const frame = map.getContainer();
    frame.dataset.patrolMode =
      patrol.editor.mode === 'drawing' ? 'drawing' : patrol.closurePick ? 'road' : 'idle';
    map.getCanvas().style.cursor = capturing ? 'crosshair' : '';
  }, [map, capturing, patrol.editor.mode, patrol.closurePick]);

  if (!showCoverage) return null;
  return (
    <div
      data-testid="coverage-legend"
      style={{
        position: 'absolute',
        left: 8,
        bottom: 48,
        zIndex: 2,
        background: 'rgba(255,255,255,0.94)',
        borderRadius: 6,
        padding: '4px 8px',
        boxShadow: '0 1px 4px rgba(0,0,0,.2)',
        fontSize: 12,
      }}
    >
      <Space size={8} wrap>
        <span>{t('dispatch.layer.coverage')}</span>
        {([3, 5, 10] as const).map((m) => (
          <Badge key={m} color={coverageColors[m]} text={t('dispatch.coverage.within', { n: m })} />
        ))}
        <Badge color={coverageColors.later} text={t('dispatch.coverage.later')} />
        <Badge color={coverageColors.none} text={t('dispatch.coverage.unreached')} />
      </Space>
    </div>
  );
}
