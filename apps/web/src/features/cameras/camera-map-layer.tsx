import { useQuery } from '@tanstack/react-query';
import type { GeoJSONSource, LayerSpecification, Map as MapLibreMap, MapLayerMouseEvent } from 'maplibre-gl';
import { useEffect, useMemo, useRef } from 'react';
import { useNavigate } from 'react-router';
import { hasAnyRole, useAuth } from '../../app/auth-context.tsx';
import { cameraFeatures, cameraLayerIds } from './camera-features.ts';
import { cameraReaders } from './camera-guard.tsx';
import { camerasApi } from './cameras-api.ts';

const iconPx = 32;

/** A camera body with its lens pointing up (north): the map turns it by the camera's heading. */
function drawCameraIcon(): ImageData | null {
  const canvas = document.createElement('canvas');
  canvas.width = iconPx;
  canvas.height = iconPx;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.fillStyle = '#0b3d91';
  ctx.strokeStyle = '#ffffff';
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.roundRect(9, 12, 14, 16, 3);
  ctx.fill();
  ctx.stroke();
  ctx.beginPath();
  ctx.moveTo(16, 2);
  ctx.lineTo(24, 13);
  ctx.lineTo(8, 13);
  ctx.closePath();
  ctx.fill();
  ctx.stroke();
  ctx.beginPath();
  ctx.arc(16, 20, 3, 0, Math.PI * 2);
  ctx.fillStyle = '#69b1ff';
  ctx.fill();
  return ctx.getImageData(0, 0, iconPx, iconPx);
}

const layers: LayerSpecification[] = [
  {
    id: 'camera-cone',
    type: 'fill',
    source: 'camera-cones',
    paint: { 'fill-color': '#1677ff', 'fill-opacity': ['case', ['get', 'active'], 0.18, 0.06] },
  },
  {
    id: 'camera-icon',
    type: 'symbol',
    source: 'camera-points',
    layout: {
      'icon-image': 'camera',
      'icon-rotate': ['get', 'heading'],
      'icon-rotation-alignment': 'map',
      'icon-allow-overlap': true,
      'icon-ignore-placement': true,
      'icon-size': 1.1,
    },
    paint: { 'icon-opacity': ['case', ['get', 'active'], 1, 0.45] },
  },
];

/**
 * Cameras on the command map: icons turned to their heading with their view cone; a click opens the
 * camera's AR view. Installs its own sources and layers on the loaded map.
 */
export function CameraMapLayer(props: {
  map: MapLibreMap | null;
  visible: boolean;
  /** False while map clicks belong to another tool (picking a point, drawing a patrol plan). */
  clickable?: boolean;
}) {
  const { map, visible, clickable = true } = props;
  const { user } = useAuth();
  const navigate = useNavigate();
  const allowed = hasAnyRole(user, cameraReaders);
  const cameras = useQuery({
    queryKey: ['cameras'],
    queryFn: camerasApi.list,
    enabled: allowed,
    staleTime: 60_000,
  });
  const features = useMemo(() => cameraFeatures(cameras.data?.items ?? []), [cameras.data]);
  const go = useRef(navigate);
  go.current = navigate;
  const shown = useRef(visible);
  shown.current = visible;
  const active = useRef(clickable);
  active.current = clickable;

  useEffect(() => {
    if (!map || !allowed) return;
    if (!map.hasImage('camera')) {
      const image = drawCameraIcon();
      if (image) map.addImage('camera', image, { pixelRatio: 1.5 });
    }
    if (!map.getSource('camera-points')) {
      map.addSource('camera-points', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      map.addSource('camera-cones', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      for (const layer of layers) map.addLayer(layer);
      for (const id of cameraLayerIds)
        map.setLayoutProperty(id, 'visibility', shown.current ? 'visible' : 'none');
    }
    const open = (event: MapLayerMouseEvent) => {
      if (!active.current) return;
      const id = event.features?.[0]?.properties?.id;
      if (typeof id === 'string') go.current(`/cameras/${id}`);
    };
    const pointer = () => {
      if (active.current) map.getCanvas().style.cursor = 'pointer';
    };
    // How many camera icons are drawn, for the console's own browser tests.
    const counted = () => {
      if (map.getLayer('camera-icon'))
        map.getContainer().dataset.cameras = String(
          map.queryRenderedFeatures({ layers: ['camera-icon'] }).length,
        );
    };
    map.on('click', 'camera-icon', open);
    map.on('mouseenter', 'camera-icon', pointer);
    map.on('idle', counted);
    return () => {
      map.off('click', 'camera-icon', open);
      map.off('mouseenter', 'camera-icon', pointer);
      map.off('idle', counted);
    };
  }, [map, allowed]);

  useEffect(() => {
    if (!map?.getSource('camera-points')) return;
    (map.getSource('camera-points') as GeoJSONSource).setData(features.points);
    (map.getSource('camera-cones') as GeoJSONSource).setData(features.cones);
  }, [map, features]);

  useEffect(() => {
    if (!map) return;
    for (const id of cameraLayerIds)
      if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
  }, [map, visible]);

  return null;
}
