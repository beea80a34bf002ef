import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef } from 'react';
import { fetchOrgGeojson } from '../../api/orgs-api.ts';
import { boundsOf } from '../../map/geometry-bounds.ts';
import { useT } from '../../i18n/i18n-context.tsx';
import { dispatchApi, openStatuses } from '../../api/dispatch-api.ts';
import { useLiveEvents } from '../../app/live-channel.tsx';
import type { Place } from './map-toolbar.tsx';
import type { MessageTarget } from '../messages/message-panel.tsx';

/** The map's MapLibre control texts in the user's language. */
export function useMapStrings(): Record<string, string> {
  const t = useT();
  return useMemo(
    () => ({
      'NavigationControl.ZoomIn': t('map.zoomIn'),
      'NavigationControl.ZoomOut': t('map.zoomOut'),
      'ScaleControl.Meters': t('map.meters'),
      'ScaleControl.Kilometers': t('map.kilometers'),
    }),
    [t],
  );
}

/** Org outlines, searchable places and stations, the demo roads and the open incidents (kept live). */
export function useDispatchData() {
  const queryClient = useQueryClient();
  const orgs = useQuery({ queryKey: ['orgs', 'geojson'], queryFn: fetchOrgGeojson, staleTime: 5 * 60_000 });
  const roads = useQuery({
    queryKey: ['dispatch', 'roads'],
    queryFn: dispatchApi.roads,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const incidents = useQuery({
    queryKey: ['dispatch', 'incidents'],
    queryFn: () => dispatchApi.incidents({ status: openStatuses }),
  });
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  // Bursts of events (a station committing four units) become one refresh of the lists.
  useLiveEvents(['incident.', 'request.'], (event) => {
    const payload = event.payload as { incidentId?: string };
    if (payload.incidentId) {
      void queryClient.invalidateQueries({ queryKey: ['dispatch', 'incident', payload.incidentId] });
      void queryClient.invalidateQueries({ queryKey: ['dispatch', 'board', payload.incidentId] });
    }
    clearTimeout(pending.current);
    pending.current = setTimeout(() => {
      void queryClient.invalidateQueries({ queryKey: ['dispatch', 'incidents'] });
      void queryClient.invalidateQueries({ queryKey: ['dispatch', 'recommendations'] });
    }, 300);
  });

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
