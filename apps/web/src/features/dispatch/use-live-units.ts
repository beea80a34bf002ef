import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { UnitStatus } from '@ronghui/dispatch';
import { dispatchApi } from './dispatch-api.ts';
import type { UnitPosition, UnitView } from './dispatch-types.ts';
import { useLiveEvents } from './live-channel.tsx';

interface PositionsPayload {
  positions: ({ unitId: string } & UnitPosition)[];
}

interface StatusPayload {
  unitId: string;
  status: UnitStatus;
  incidentId: string | null;
}

/** Frames per second at most: the map re-reads its sources no faster than this. */
const flushMs = 200;

/**
 * Units of the user's scope, kept current from the live channel. Fixes arrive in bursts; they are
 * applied to a mutable table and published to React at most five times a second.
 */
export function useLiveUnits(): { units: readonly UnitView[]; version: number; refetch: () => void } {
  const query = useQuery({ queryKey: ['dispatch', 'units'], queryFn: dispatchApi.units, staleTime: 60_000 });
  const table = useRef(new Map<string, UnitView>());
  const dirty = useRef(false);
  const [snapshot, setSnapshot] = useState<{ units: readonly UnitView[]; version: number }>({
    units: [],
    version: 0,
  });

  useEffect(() => {
    if (!query.data) return;
    table.current = new Map(query.data.map((u) => [u.id, u]));
    dirty.current = true;
  }, [query.data]);

  useLiveEvents(['unit.', 'incident.units'], (event) => {
    if (event.topic === 'incident.units') {
      // Dispatch, commit and release move units between states without a `unit.status` of their own.
      void query.refetch();
    } else if (event.topic === 'unit.positions') {
      const { positions } = event.payload as PositionsPayload;
      for (const { unitId, ...position } of positions) {
        const unit = table.current.get(unitId);
        if (unit) table.current.set(unitId, { ...unit, position });
      }
      dirty.current = true;
    } else if (event.topic === 'unit.status') {
      const p = event.payload as StatusPayload;
      const unit = table.current.get(p.unitId);
      if (unit) table.current.set(p.unitId, { ...unit, status: p.status, incidentId: p.incidentId });
      dirty.current = true;
    }
  });

  useEffect(() => {
    const timer = setInterval(() => {
      if (!dirty.current) return;
      dirty.current = false;
      setSnapshot((s) => ({ units: [...table.current.values()], version: s.version + 1 }));
    }, flushMs);
    return () => clearInterval(timer);
  }, []);

  return { ...snapshot, refetch: () => void query.refetch() };
}
