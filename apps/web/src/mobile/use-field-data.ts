import type { StationRequest, Unit } from '@ronghui/contracts';
import { useQuery } from '@tanstack/react-query';
import { dispatchApi } from '../api/dispatch-api.ts';
import { type MobileContext, stationOf } from './mobile-context.ts';

/** A phone is not a command room: its lists refresh every half minute (and on opening a tab). */
const refreshMs = 30_000;

/** Requests still waiting for the station or still being worked (not declined or released). */
export function isOpenRequest(request: StationRequest): boolean {
  return request.status === 'requested' || request.status === 'committed';
}

/** The station's open requests, newest first. */
export function useStationRequests({ user, offline }: MobileContext) {
  const station = stationOf(user);
  return useQuery({
    queryKey: ['mobile', 'requests'],
    queryFn: dispatchApi.openRequests,
    enabled: !offline,
    refetchInterval: refreshMs,
    select: (list) =>
      list.items
        .filter((r) => isOpenRequest(r) && (station === null || r.station.id === station))
        .sort((a, b) => b.requestedAt.localeCompare(a.requestedAt)),
  });
}

/** The station's units (all units in scope for a user above station level). */
export function useStationUnits({ user, offline }: MobileContext) {
  const station = stationOf(user);
  return useQuery({
    queryKey: ['mobile', 'units'],
    queryFn: dispatchApi.units,
    enabled: !offline,
    refetchInterval: refreshMs,
    select: (list): Unit[] => list.items.filter((u) => station === null || u.stationId === station),
  });
}

/** One incident's number, kind and place, for a request or a unit that names only its id. */
export function useIncident(id: string | null, offline: boolean) {
  return useQuery({
    queryKey: ['mobile', 'incident', id],
    queryFn: () => dispatchApi.incident(id ?? ''),
    enabled: id !== null && !offline,
    staleTime: 60_000,
  });
}
