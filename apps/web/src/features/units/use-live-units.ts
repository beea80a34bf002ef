import type { Unit } from '@ronghui/contracts';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { dispatchApi } from '../../api/dispatch-api.ts';
import {
  applyPositions,
  applyStatus,
  createCoalescer,
  createThrottle,
  createUnitFeed,
  type UnitFeed,
} from '../../app/live-coalescer.ts';
import { useLiveEvents } from '../../app/live-channel.tsx';

/** A burst of fixes (one event per station) is gathered for this long, then drawn on the map at once. */
const flushMs = 200;
/**
 * Units of the user's scope, kept current from the live channel. Fixes arrive in bursts; they are applied to a
 * mutable table and each burst is published once: to `feed` (outside React) and as a new snapshot (`units`,
 * `version`). With `positionsEveryMs` a page that draws its map from `feed` re-renders for positions alone at
 * most that often (its lists do not show positions); status changes and re-reads still reach React at once.
 */
export function useLiveUnits(options: { positionsEveryMs?: number } = {}): {
  units: readonly Unit[];
  version: number;
  feed: UnitFeed;
  refetch: () => void;
} {
  const query = useQuery({ queryKey: ['dispatch', 'units'], queryFn: dispatchApi.units, staleTime: 60_000 });
  const table = useRef(new Map<string, Unit>());
  const [snapshot, setSnapshot] = useState<{ units: readonly Unit[]; version: number }>({
    units: [],
    version: 0,
  });
  const [live] = useState(() => {
    const feed = createUnitFeed();
    const publish = () =>
      setSnapshot((s) => ({ units: [...table.current.values()], version: s.version + 1 }));
    return {
      feed,
      map: createCoalescer(() => feed.publish([...table.current.values()]), flushMs),
      listSoon: createCoalescer(publish, flushMs),
      listLater: options.positionsEveryMs
        ? createThrottle(publish, options.positionsEveryMs)
        : createCoalescer(publish, flushMs),
    };
  });
  useEffect(
    () => () => {
      live.map.cancel();
      live.listSoon.cancel();
      live.listLater.cancel();
    },
    [live],
  );

  useEffect(() => {
    if (!query.data) return;
    table.current = new Map(query.data.items.map((u) => [u.id, u]));
    live.map.mark();
    live.listSoon.mark();
  }, [query.data, live]);

  useLiveEvents(['unit.*', 'incident.units'], (event) => {
    if (event.topic === 'incident.units') {
      // Dispatch, commit and release move units between states without a `unit.status` of their own.
      void query.refetch();
    } else if (event.topic === 'unit.positions') {
      if (applyPositions(table.current, event.payload.positions)) {
        live.map.mark();
        live.listLater.mark();
      }
    } else if (event.topic === 'unit.status') {
      if (applyStatus(table.current, event.payload)) {
        live.map.mark();
        live.listSoon.mark();
      }
    }
  });

  return { ...snapshot, feed: live.feed, refetch: () => void query.refetch() };
}
