import { useMemo } from 'react';
import { boundsOf } from '../../map/geometry-bounds.ts';
import { useBaseLayers } from '../../map/use-base-layers.ts';
import { useOpenIncidents } from '../incidents/index.ts';
import type { MessageTarget } from '../messages/index.ts';
import type { Place } from './map-toolbar.tsx';

/** Org outlines, searchable places and stations, the demo roads and the open incidents (kept live). */
export function useDispatchData() {
  const { orgs, roads } = useBaseLayers();
  const incidents = useOpenIncidents();

  const places = useMemo<Place[]>(() => {
    const out: Place[] = [];
    for (const f of orgs.data?.features ?? []) {
      const b = boundsOf([f.geometry]);
      if (b)
        out.push({
          id: f.properties.id,
          name: f.properties.name,
          lon: (b[0] + b[2]) / 2,
          lat: (b[1] + b[3]) / 2,
        });
    }
    return out;
  }, [orgs.data]);

  const stations = useMemo<MessageTarget[]>(
    () =>
      (orgs.data?.features ?? [])
        .filter(
          (f) =>
            f.properties.kind === 'station' ||
            f.properties.kind === 'brigade' ||
            f.properties.kind === 'area',
        )
        .map((f) => ({
          id: f.properties.id,
          name: f.properties.name,
          kind: f.properties.kind === 'area' ? ('area' as const) : ('station' as const),
        })),
    [orgs.data],
  );

  return { orgs, roads, incidents, places, stations };
}
