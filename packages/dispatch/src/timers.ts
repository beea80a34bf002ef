/** The clocks of one incident, as the dispatcher's console and the big screen show them. */
export interface TimerInput {
  receivedAt: number;
  dispatchedAt: number | null;
  acknowledgedAt: number | null;
  onSceneAt: number | null;
  resolvedAt: number | null;
  targetS: number;
  units: { unitId: string; dispatchedAt: number; onSceneAt: number | null; etaS: number | null }[];
}

export type TimerLevel = 'ok' | 'warning' | 'overdue';
export type TimerWarning = 'dispatch-overdue' | 'arrival-warning' | 'arrival-overdue';

export interface Timers {
  sinceReceivedS: number;
  toDispatchS: number | null;
  toAcknowledgeS: number | null;
  toArriveS: number | null;
  onSceneS: number | null;
  /** Seconds left until the arrival target (negative once passed); null once a unit is on scene. */
  arrivalCountdownS: number | null;
  dispatchLevel: TimerLevel;
  arrivalLevel: TimerLevel;
  warnings: TimerWarning[];
  units: { unitId: string; enRouteS: number; etaLeftS: number | null; onScene: boolean }[];
}

/** NFPA 1225: from answer to first unit dispatched, 90% within 60 s. */
export const DISPATCH_TARGET_S = 60;
/** Warn when this share of the arrival target has passed with nobody on scene. */
export const ARRIVAL_WARNING_SHARE = 0.8;

const s = (from: number, to: number) => Math.round((to - from) / 1000);

export function incidentTimers(i: TimerInput, now: number): Timers {
  const end = i.resolvedAt ?? now;
  const sinceReceivedS = s(i.receivedAt, end);
  const toDispatchS = i.dispatchedAt === null ? null : s(i.receivedAt, i.dispatchedAt);
  const waitingS = toDispatchS ?? sinceReceivedS;
  const dispatchLevel: TimerLevel =
    waitingS > DISPATCH_TARGET_S
      ? 'overdue'
      : waitingS > DISPATCH_TARGET_S * ARRIVAL_WARNING_SHARE
        ? 'warning'
        : 'ok';
  const toArriveS = i.onSceneAt === null ? null : s(i.receivedAt, i.onSceneAt);
  const arrivalCountdownS = i.onSceneAt === null ? i.targetS - sinceReceivedS : null;
  const elapsed = toArriveS ?? sinceReceivedS;
  const arrivalLevel: TimerLevel =
    elapsed > i.targetS
      ? 'overdue'
      : i.onSceneAt === null && elapsed > i.targetS * ARRIVAL_WARNING_SHARE
        ? 'warning'
        : 'ok';
  const warnings: TimerWarning[] = [];
  if (i.dispatchedAt === null && i.resolvedAt === null && sinceReceivedS > DISPATCH_TARGET_S)
    warnings.push('dispatch-overdue');
  if (i.onSceneAt === null && i.resolvedAt === null) {
    if (sinceReceivedS > i.targetS) warnings.push('arrival-overdue');
    else if (sinceReceivedS > i.targetS * ARRIVAL_WARNING_SHARE) warnings.push('arrival-warning');
  }
  return {
    sinceReceivedS,
    toDispatchS,
    toAcknowledgeS: i.acknowledgedAt === null ? null : s(i.receivedAt, i.acknowledgedAt),
    toArriveS,
    onSceneS: i.onSceneAt === null ? null : s(i.onSceneAt, end),
    arrivalCountdownS,
    dispatchLevel,
    arrivalLevel,
    warnings,
    units: i.units.map((u) => {
      const enRouteS = s(u.dispatchedAt, u.onSceneAt ?? now);
      return {
        unitId: u.unitId,
        enRouteS,
        etaLeftS: u.onSceneAt === null && u.etaS !== null ? Math.max(0, Math.round(u.etaS - enRouteS)) : null,
        onScene: u.onSceneAt !== null,
      };
    }),
  };
}
