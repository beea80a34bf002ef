import { PATROL_POINTS_MAX, type PatrolPoint } from '@ronghui/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { patrolsApi } from '../api/patrols-api.ts';
import type { Outbox } from '../offline/index.ts';

/** A batch goes out at most this often (and at check-out). */
const BATCH_EVERY_MS = 15_000;
/** Fixes closer together than this are not kept (the GPS may fire several times a second). */
const MIN_GAP_MS = 3_000;

export interface PatrolTrack {
  /** Fixes recorded during this run on this phone (sent or waiting). */
  recorded: number;
  /** Fixes not yet handed to the outbox. */
  buffered: number;
  error: 'unsupported' | 'denied' | null;
  /** Hands the buffered fixes to the outbox now (before a check-out). */
  flush(): Promise<void>;
}

/**
 * The GPS track of a patrol run: while the run is active the position is watched, fixes are buffered and
 * sent in batches (≤ 500) through the offline outbox, each batch under its own Idempotency-Key; the server
 * keeps one fix per run and instant, so a resent batch never doubles a point.
 */
export function usePatrolTrack(runId: string | null, outbox: Outbox, label: string): PatrolTrack {
  const buffer = useRef<PatrolPoint[]>([]);
  const [recorded, setRecorded] = useState(0);
  const [buffered, setBuffered] = useState(0);
  const [error, setError] = useState<PatrolTrack['error']>(null);
  const runRef = useRef(runId);
  runRef.current = runId;

  const flush = useCallback(async () => {
    const id = runRef.current;
    if (!id) return;
    while (buffer.current.length) {
      const points = buffer.current.splice(0, PATROL_POINTS_MAX);
      await outbox.enqueue({
        method: 'POST',
        url: patrolsApi.urls.points(id),
        body: { points },
        label: `${label} · ${points.length}`,
      });
    }
    setBuffered(0);
  }, [outbox, label]);

  useEffect(() => {
    buffer.current = [];
    setRecorded(0);
    setBuffered(0);
    if (!runId) return;
    if (!('geolocation' in navigator)) {
      setError('unsupported');
      return;
    }
    setError(null);
    let last = 0;
    const watch = navigator.geolocation.watchPosition(
      (p) => {
        const at = Math.round(p.timestamp || Date.now());
        if (at - last < MIN_GAP_MS) return;
        last = at;
        buffer.current.push({
          lon: p.coords.longitude,
          lat: p.coords.latitude,
          accuracyM: Number.isFinite(p.coords.accuracy) ? p.coords.accuracy : undefined,
          at: new Date(at).toISOString(),
        });
        setRecorded((n) => n + 1);
        setBuffered(buffer.current.length);
      },
      (e) => setError(e.code === e.PERMISSION_DENIED ? 'denied' : null),
      { enableHighAccuracy: true, maximumAge: 5_000, timeout: 30_000 },
    );
    const timer = setInterval(() => void flush(), BATCH_EVERY_MS);
    return () => {
      navigator.geolocation.clearWatch(watch);
      clearInterval(timer);
      void flush();
    };
  }, [runId, flush]);

  return { recorded, buffered, error, flush };
}
