import type { PatrolTask } from '@ronghui/contracts';
import type { Feature } from 'geojson';
import type { GeoJSONSource } from 'maplibre-gl';
import { useEffect, useMemo } from 'react';
import { buildDispatchStyle, emptyCollection } from '../../map/dispatch-style.ts';
import { useMapLibre } from '../../map/use-maplibre.ts';
import { boundsOf, collection, patrolLayers, targetFeatures, trackFeatures } from './patrol-map.ts';

const layers = patrolLayers('patrol');

/** A small map of one patrol: its target and, when a run is chosen, the walked track. */
export function PatrolTrackMap(props: { task: PatrolTask; track: readonly (readonly [number, number])[] }) {
  const { task, track } = props;
  const features = useMemo(
    (): Feature[] => [...targetFeatures(task), ...trackFeatures(track, { taskId: task.id })],
    [task, track],
  );
  const { container, map } = useMapLibre({
    name: 'patrol map',
    style: () => {
      const base = buildDispatchStyle({ type: 'FeatureCollection', features: [] });
      return {
        ...base,
        sources: { ...base.sources, patrol: { type: 'geojson', data: emptyCollection } },
        layers: [...base.layers, ...layers],
      };
    },
    view: () => ({ center: [task.place.lon, task.place.lat], zoom: 15 }),
    init: (m, element) => {
      m.on('idle', () => {
        element.dataset.mapState = 'idle';
      });
      return undefined;
    },
  });
  useEffect(() => {
    if (!map) return;
    (map.getSource('patrol') as GeoJSONSource | undefined)?.setData(collection(features));
    map.getContainer().dataset.trackPoints = String(track.length);
    const b = boundsOf(features);
    if (b) map.fitBounds(b, { padding: 40, maxZoom: 17, duration: 0 });
  }, [map, features, track.length]);
  return (
    <div
      ref={container}
      data-testid="patrol-track-map"
      style={{ height: 320, borderRadius: 8, overflow: 'hidden', position: 'relative' }}
    />
  );
}
