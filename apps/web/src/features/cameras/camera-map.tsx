import type { OrgFeatureCollection } from '../../api/orgs-api.ts';
import { type CameraPose, createCameraProjector, mapCameraForPose } from '@ronghui/geo';
import type { FeatureCollection } from 'geojson';
import type { GeoJSONSource } from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import { useMapLibre } from '../../map/use-maplibre.ts';
import { buildDispatchStyle } from '../../map/dispatch-style.ts';
import 'maplibre-gl/dist/maplibre-gl.css';

/** The steepest MapLibre pitch used: nearer 90° the far field turns to mush. */
export const mapMaxPitch = 88;

/**
 * Stand-in for a camera without a picture: the offline county map seen from the camera's pose (same
 * bearing, pitch, vertical field of view and eye distance), fixed, so the labels land where they would
 * on the video.
 */
export function CameraMap(props: {
  orgs: OrgFeatureCollection;
  roads: FeatureCollection | undefined;
  pose: CameraPose;
}) {
  const { orgs, roads, pose } = props;
  const initial = useRef({ orgs, pose });
  const latestPose = useRef(pose);
  latestPose.current = pose;
  /** The pose the map was last moved to; the map is only "idle" for tests once it shows the latest. */
  const appliedPose = useRef<CameraPose | null>(null);

  const { container, map } = useMapLibre({
    name: 'camera map',
    style: () => buildDispatchStyle(initial.current.orgs),
    interactive: false,
    controls: { zoom: false, scale: false },
    maxPitch: mapMaxPitch,
    view: () => {
      const cam = mapCameraForPose(initial.current.pose, { maxPitch: mapMaxPitch });
      return { center: cam.center, zoom: cam.zoom, bearing: cam.bearing, pitch: cam.pitch, roll: cam.roll };
    },
    init: (map, element) => {
      map.on('idle', () => {
        // The first idle can come before the pose (its field of view above all) has been applied.
        if (appliedPose.current !== latestPose.current) return;
        element.dataset.mapState = 'idle';
        // Where the map draws the ground point the projection puts at a probe pixel: the two must agree
        // for labels to sit on the map (checked by the browser test).
        const { width, height } = latestPose.current;
        const probe = createCameraProjector(latestPose.current).unproject(width * 0.3, height * 0.8);
        if (probe) {
          const at = map.project([probe.lon, probe.lat]);
          element.dataset.probe = `${(width * 0.3).toFixed(1)},${(height * 0.8).toFixed(1)}`;
          element.dataset.probeOnMap = `${at.x.toFixed(1)},${at.y.toFixed(1)}`;
        }
      });
    },
  });

  useEffect(() => {
    if (!map) return;
    map.getContainer().dataset.mapState = 'moving';
    map.resize();
    const cam = mapCameraForPose(pose, { maxPitch: mapMaxPitch });
    map.setVerticalFieldOfView(cam.fovDeg);
    map.jumpTo({
      center: cam.center,
      zoom: cam.zoom,
      bearing: cam.bearing,
      pitch: cam.pitch,
      roll: cam.roll,
    });
    appliedPose.current = pose;
    map.triggerRepaint();
  }, [pose, map]);

  useEffect(() => {
    if (!map || !roads) return;
    (map.getSource('roads') as GeoJSONSource | undefined)?.setData(roads);
  }, [roads, map]);

  return <div ref={container} data-testid="camera-map" style={{ position: 'absolute', inset: 0 }} />;
}
