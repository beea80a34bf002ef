/**
 * The closed loop of a hazard (隐患) or grid case, GB/T 30428 style: reported → registered → dispatched →
 * handling → reported back → verified → closed → evaluated. Pure: the caller passes the time.
 */

export const HAZARD_KINDS = [
  'fire',
  'traffic',
  'building',
  'public-order',
  'gas-electric',
  'geological',
  'other',
  'referred-call',
] as const;
export type HazardKind = (typeof HAZARD_KINDS)[number];

export const HAZARD_STATES = [
  'reported',
  'registered',
  'dispatched',
  'handling',
  'reported-back',
  'verified',
  'closed',
  'evaluated',
] as const;
export type HazardState = (typeof HAZARD_STATES)[number];

export const HAZARD_ACTIONS = [
  'register',
  'dispatch',
  'start',
  'report-back',
  'verify',
  'reject',
  'close',
  'evaluate',
] as const;
export type HazardAction = (typeof HAZARD_ACTIONS)[number];

export const HAZARD_RATINGS = ['satisfied', 'basically-satisfied', 'dissatisfied'] as const;
export type HazardRating = (typeof HAZARD_RATINGS)[number];

/** Who may take each step: the grid centre registers and dispatches, the responsible unit handles. */
export const HAZARD_TRANSITIONS: Readonly<
  Record<HazardAction, { from: readonly HazardState[]; to: HazardState }>
> = {
  register: { from: ['reported'], to: 'registered' },
  dispatch: { from: ['registered', 'dispatched'], to: 'dispatched' },
  start: { from: ['dispatched'], to: 'handling' },
  'report-back': { from: ['handling'], to: 'reported-back' },
  verify: { from: ['reported-back'], to: 'verified' },
  // The check found the work not done: back to the unit.
  reject: { from: ['reported-back'], to: 'handling' },
  close: { from: ['verified'], to: 'closed' },
  evaluate: { from: ['closed'], to: 'evaluated' },
};

export type StepResult = { ok: true; to: HazardState } | { ok: false; reason: string };

/** Where an action takes a hazard in a state, or why it cannot. */
export function nextState(from: HazardState, action: HazardAction): StepResult {
  const t = HAZARD_TRANSITIONS[action];
  if (!t.from.includes(from))
    return {
      ok: false,
      reason: `a hazard that is "${from}" cannot be "${action}"ed (only from ${t.from.join(', ')})`,
    };
  return { ok: true, to: t.to };
}

/** The actions open from a state (the console shows these as buttons). */
export function actionsFrom(state: HazardState): HazardAction[] {
  return HAZARD_ACTIONS.filter((a) => HAZARD_TRANSITIONS[a].from.includes(state));
}

/** Once closed the work is done: the deadline no longer runs. */
export function isSettled(state: HazardState): boolean {
  return state === 'closed' || state === 'evaluated';
}

/** Days to get a hazard of each kind closed, from the time it is registered (a county may change them). */
export const DEFAULT_DEADLINE_DAYS: Readonly<Record<HazardKind, number>> = {
  fire: 3,
  'gas-electric': 3,
  geological: 3,
  traffic: 7,
  building: 7,
  'public-order': 7,
  other: 7,
  'referred-call': 7,
};

const DAY_MS = 86_400_000;

/** When a hazard of this kind registered at `registeredAtMs` must be closed. */
export function deadlineOf(
  kind: HazardKind,
  registeredAtMs: number,
  days: Partial<Record<HazardKind, number>> = {},
): number {
  return registeredAtMs + (days[kind] ?? DEFAULT_DEADLINE_DAYS[kind]) * DAY_MS;
}

export type OverdueLevel = 'none' | 'warning' | 'overdue' | 'escalated';

/**
 * How late a hazard is: `warning` within the last fifth of its time (at least a day before), `overdue` past
 * the deadline (escalated to the station), `escalated` a further half of its time past (to the county).
 */
export function overdueLevel(
  state: HazardState,
  registeredAtMs: number | null,
  deadlineMs: number | null,
  nowMs: number,
): OverdueLevel {
  if (isSettled(state) || registeredAtMs === null || deadlineMs === null) return 'none';
  const span = Math.max(deadlineMs - registeredAtMs, 0);
  if (nowMs >= deadlineMs + span / 2) return 'escalated';
  if (nowMs >= deadlineMs) return 'overdue';
  if (nowMs >= deadlineMs - Math.max(span / 5, Math.min(DAY_MS, span / 2))) return 'warning';
  return 'none';
}
