import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { disputeKeys, disputesApi } from '../api/disputes-api.ts';
import { gridApi } from '../api/grid-api.ts';
import { hazardKeys, hazardsApi } from '../api/hazards-api.ts';
import { useAuth } from '../app/auth-context.tsx';
import { useMobileContext } from './mobile-context.ts';
import type { Position } from './grid-tasks.ts';

/** The phone's position, asked once when the page opens and again on `locate()`. */
export function usePosition() {
  const [here, setHere] = useState<Position | null>(null);
  const [error, setError] = useState<string | null>(null);
  const locate = () => {
    if (!('geolocation' in navigator)) return setError('geolocation');
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setHere({ lon: p.coords.longitude, lat: p.coords.latitude });
        setError(null);
      },
      (e) => setError(e.message || String(e.code)),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: locate once when the page opens
  useEffect(() => locate(), []);
  return { here, error, locate };
}

/** Everything 我的网格 reads: the grids, the roster, the grid's hazards, its open disputes and mine. */
export function useMyGrid() {
  const { offline } = useMobileContext();
  const { user } = useAuth();
  const enabled = !offline;
  const grids = useQuery({
    queryKey: ['grids', 'geojson'],
    queryFn: gridApi.geojson,
    staleTime: 5 * 60_000,
    enabled,
  });
  const roster = useQuery({
    queryKey: ['grid', 'rosters', 'scope'],
    queryFn: gridApi.rostersInScope,
    staleTime: 5 * 60_000,
    enabled,
  });
  const hazards = useQuery({
    queryKey: hazardKeys.list('phone'),
    queryFn: () => hazardsApi.list({}),
    refetchInterval: 30_000,
    enabled,
  });
  const openDisputes = useQuery({
    queryKey: disputeKeys.list('open'),
    queryFn: () => disputesApi.list({ status: ['registered', 'mediating'], page: 1, pageSize: 200 }),
    refetchInterval: 30_000,
    enabled,
  });
  const mine = useQuery({
    queryKey: disputeKeys.list('mine'),
    queryFn: () => disputesApi.list({ mine: true, page: 1, pageSize: 200 }),
    refetchInterval: 30_000,
    enabled,
  });
  return { user, grids, roster, hazards, openDisputes, mine };
}
