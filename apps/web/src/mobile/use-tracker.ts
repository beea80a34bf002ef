import { useEffect, useRef, useState } from 'react';
import { fieldApi } from '../api/field-api.ts';
import { type BatteryState, decide, savingBattery, type TrackerFix } from './tracker-policy.ts';

export type TrackerState =
  /** Not on duty, signed on to no unit, or offline: the GPS is not watched at all. */
  'off' | 'unsupported' | 'starting' | 'denied' | 'tracking';

export interface Tracker {
  state: TrackerState;
  /** The last position sent, and when the server took it. */
  lastSent: TrackerFix | null;
  /** The newest fix from the GPS (sent or not): where the phone is. */
  here: TrackerFix | null;
  /** Reporting less often to save a low battery. */
  saving: boolean;
  error: string | null;
}

interface BatteryManagerLike extends EventTarget {
  level: number;
  charging: boolean;
}

/** The battery, where the browser tells (Chromium on Android does; Safari does not). */
function useBattery(): BatteryState | null {
  const [battery, setBattery] = useState<BatteryState | null>(null);
  useEffect(() => {
    const nav = navigator as Navigator & { getBattery?: () => Promise<BatteryManagerLike> };
    if (!nav.getBattery) return;
    let manager: BatteryManagerLike | null = null;
    const update = () => manager && setBattery({ level: manager.level, charging: manager.charging });
    void nav
      .getBattery()
      .then((m) => {
        manager = m;
        update();
        m.addEventListener('levelchange', update);
        m.addEventListener('chargingchange', update);
      })
      .catch(() => undefined);
    return () => {
      manager?.removeEventListener('levelchange', update);
      manager?.removeEventListener('chargingchange', update);
    };
  }, []);
  return battery;
}

/**
 * The phone as a tracker: while the officer works a unit that is on duty, the GPS is watched and positions are
 * sent as AVL fixes of that unit (`POST /api/avl`), as often as the tracker policy allows. Off duty, signed off
 * or offline, the GPS is not watched. Positions are never queued: a stale one is no use to the command room.
 */
export function useTracker(unitId: string | null, onDuty: boolean, offline: boolean): Tracker {
  const battery = useBattery();
  const batteryRef = useRef(battery);
  batteryRef.current = battery;
  const [tracker, setTracker] = useState<Tracker>({
    state: 'off',
    lastSent: null,
    here: null,
    saving: false,
    error: null,
  });
  const active = unitId !== null && onDuty && !offline;

  useEffect(() => {
    if (!active || !unitId) {
      setTracker((t) => ({ ...t, state: 'off' }));
      return;
    }
    if (!('geolocation' in navigator)) {
      setTracker((t) => ({ ...t, state: 'unsupported' }));
      return;
    }
    setTracker((t) => ({ ...t, state: 'starting', error: null }));
    let last: TrackerFix | null = null;
    let sending = false;
    const onFix = (position: GeolocationPosition) => {
      const { coords } = position;
      const fix: TrackerFix = {
        lon: coords.longitude,
        lat: coords.latitude,
        at: position.timestamp || Date.now(),
        accuracy: coords.accuracy,
        speedKmh: coords.speed !== null && coords.speed >= 0 ? Math.min(coords.speed * 3.6, 400) : undefined,
        heading:
          coords.heading !== null && Number.isFinite(coords.heading) && coords.heading >= 0
            ? coords.heading % 360
            : undefined,
      };
      setTracker((t) => ({ ...t, state: 'tracking', here: fix, saving: savingBattery(batteryRef.current) }));
      if (sending || decide(fix, last, batteryRef.current) !== 'send') return;
      sending = true;
      const sent = fix;
      void fieldApi
        .reportPositions({
          positions: [
            {
              unitId,
              lon: sent.lon,
              lat: sent.lat,
              at: new Date(sent.at).toISOString(),
              ...(sent.speedKmh !== undefined ? { speedKmh: sent.speedKmh } : {}),
              ...(sent.heading !== undefined ? { heading: sent.heading } : {}),
            },
          ],
        })
        .then((answer) => {
          last = sent;
          const refused = answer.rejected[0]?.reason ?? null;
          setTracker((t) => ({ ...t, lastSent: refused ? t.lastSent : sent, error: refused }));
        })
        .catch((error: unknown) =>
          setTracker((t) => ({ ...t, error: error instanceof Error ? error.message : String(error) })),
        )
        .finally(() => {
          sending = false;
        });
    };
    const onError = (error: GeolocationPositionError) =>
      setTracker((t) => ({
        ...t,
        state: error.code === error.PERMISSION_DENIED ? 'denied' : t.state,
        error: error.message,
      }));
    const watch = navigator.geolocation.watchPosition(onFix, onError, {
      enableHighAccuracy: !savingBattery(batteryRef.current),
      maximumAge: 5_000,
      timeout: 60_000,
    });
    return () => navigator.geolocation.clearWatch(watch);
  }, [active, unitId]);

  return tracker;
}
