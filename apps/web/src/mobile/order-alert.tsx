import type { StationRequest } from '@ronghui/contracts';
import { Button } from 'antd';
import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useT } from '../i18n/i18n-context.tsx';
import { useIncidentBrief } from './incident-brief.tsx';
import type { MobileContext } from './mobile-context.ts';
import { etaMinutes, formatDistance, useRoadRoute } from './road-eta.ts';
import { useIncident, useStationRequests } from './use-field-data.ts';
import { useMyUnit } from './use-my-unit.ts';

/** An order the officer has to see: a station request, or their own unit sent to an incident. */
export type FieldOrder =
  | { kind: 'request'; key: string; incidentId: string; request: StationRequest }
  | { kind: 'dispatch'; key: string; incidentId: string };

/**
 * The orders not yet looked at, oldest first: requests waiting for the station, then the unit's dispatch (unless
 * the station sent the unit itself, answering a request: nobody needs telling what they just did). An order of
 * the incident on screen counts as looked at.
 */
export function unseenOrders(
  requests: readonly StationRequest[],
  myUnit: { id: string; status: string; incidentId: string | null } | null,
  seen: ReadonlySet<string>,
  onScreen: string | null = null,
): FieldOrder[] {
  const orders: FieldOrder[] = requests
    .filter((r) => r.status === 'requested')
    .sort((a, b) => a.requestedAt.localeCompare(b.requestedAt))
    .map((r) => ({ kind: 'request', key: `request:${r.id}`, incidentId: r.incidentId, request: r }));
  const selfSent =
    myUnit !== null &&
    requests.some(
      (r) => r.incidentId === myUnit.incidentId && r.status === 'committed' && r.unitIds.includes(myUnit.id),
    );
  if (myUnit?.incidentId && myUnit.status === 'en-route' && !selfSent)
    orders.push({
      kind: 'dispatch',
      key: dispatchKey(myUnit.id, myUnit.incidentId),
      incidentId: myUnit.incidentId,
    });
  return orders.filter((o) => !seen.has(o.key) && o.incidentId !== onScreen);
}

const seenKey = (username: string) => `ronghui-seen-orders-${username}`;

/** Orders this phone's user has seen (or caused: their own station sending their unit), kept across restarts. */
export function loadSeen(username: string): Set<string> {
  try {
    const raw = localStorage.getItem(seenKey(username));
    return new Set(raw ? (JSON.parse(raw) as string[]) : []);
  } catch {
    return new Set();
  }
}

export function markSeen(username: string, ...keys: string[]): void {
  const next = new Set([...loadSeen(username), ...keys]);
  localStorage.setItem(seenKey(username), JSON.stringify([...next].slice(-200)));
}

/** The key of a unit's dispatch to an incident (its alert is shown once). */
export const dispatchKey = (unitId: string, incidentId: string) => `dispatch:${unitId}:${incidentId}`;

/** Three short rising tones and a vibration (where the browser lets a page make a sound). */
export function ring(): void {
  navigator.vibrate?.([400, 200, 400, 200, 400]);
  try {
    const audio = new AudioContext();
    [0, 0.35, 0.7].forEach((start, i) => {
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.frequency.value = 880 + i * 220;
      gain.gain.setValueAtTime(0.25, audio.currentTime + start);
      gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + start + 0.3);
      tone.connect(gain).connect(audio.destination);
      tone.start(audio.currentTime + start);
      tone.stop(audio.currentTime + start + 0.3);
    });
    setTimeout(() => void audio.close(), 1500);
  } catch {
    // No sound without a user gesture on some browsers: the full screen and the vibration remain.
  }
}

/**
 * A new order fills the screen, with a sound, until it is looked at: what, how urgent, where, how far and how
 * long by road, what is asked. Push brings the officer to the app; this is what they see there, and what a
 * phone without push shows when the app is opened.
 */
export function OrderAlert({ context }: { context: MobileContext }) {
  const t = useT();
  const navigate = useNavigate();
  const requests = useStationRequests(context);
  const myUnit = useMyUnit(context).data?.unit ?? null;
  const [looked, setLooked] = useState<ReadonlySet<string>>(new Set());
  const seen = new Set([...looked, ...loadSeen(context.user.username)]);
  const onScreen = /^\/m\/orders\/([^/]+)$/.exec(useLocation().pathname)?.[1] ?? null;
  const order = unseenOrders(requests.data ?? [], myUnit, seen, onScreen)[0];
  const brief = useIncidentBrief(order?.incidentId ?? null, context.offline);
  const incident = useIncident(order?.incidentId ?? null, context.offline).data;
  const here = context.tracker.here ?? myUnit?.position ?? null;
  const route = useRoadRoute(here, incident ? incident.location : null, context.offline);
  const key = order?.key;
  useEffect(() => {
    if (key) ring();
  }, [key]);
  if (!order) return null;

  const look = () => {
    markSeen(context.user.username, order.key);
    setLooked(new Set([...looked, order.key]));
    navigate(`/m/orders/${order.incidentId}`);
  };
  return (
    <div
      className="m-alert"
      role="alertdialog"
      aria-modal="true"
      data-testid="mobile-new-request"
      data-kind={order.kind}
    >
      <div className="m-alert-title">
        {order.kind === 'request' ? t('mobile.alert.title') : t('mobile.alert.dispatchTitle')}
      </div>
      <div className="m-alert-body">
        <div style={{ fontSize: 24, fontWeight: 600 }}>{brief.title}</div>
        {brief.place && <div>{brief.place}</div>}
        {route.data && (
          <div style={{ marginTop: 12, fontSize: 22, fontWeight: 600 }} data-testid="mobile-alert-eta">
            {t('mobile.task.eta', {
              distance: formatDistance(route.data.distanceMeters),
              minutes: etaMinutes(route.data.durationSeconds),
            })}
          </div>
        )}
        <div style={{ marginTop: 12 }}>
          {order.kind === 'request'
            ? t('mobile.alert.body', { n: order.request.quantity })
            : t('mobile.alert.dispatchBody', { unit: myUnit?.callsign ?? '' })}
        </div>
      </div>
      <Button size="large" onClick={look} block data-testid="mobile-alert-view">
        {t('mobile.alert.view')}
      </Button>
    </div>
  );
}
