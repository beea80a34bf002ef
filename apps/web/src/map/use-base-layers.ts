import { useQuery } from '@tanstack/react-query';
import { dispatchApi } from '../api/dispatch-api.ts';
import { fetchOrgGeojson } from '../api/orgs-api.ts';

/** What every county map is drawn on: the org outlines and stations, and the road network. */
export function useBaseLayers() {
  const orgs = useQuery({ queryKey: ['orgs', 'geojson'], queryFn: fetchOrgGeojson, staleTime: 5 * 60_000 });
  const roads = useQuery({
    queryKey: ['dispatch', 'roads'],
    queryFn: dispatchApi.roads,
    staleTime: Number.POSITIVE_INFINITY,
  });
  return { orgs, roads };
}
