/**
 * 反诈预警 (anti-fraud warnings): the grade decides the action, the warning goes issued → signed →
 * dissuaded → feedback, and each grade has its local time limits.
 */

export const RISKS = ['high', 'medium', 'low'] as const;
export type Risk = (typeof RISKS)[number];

export const WARNING_STATUSES = ['issued', 'signed', 'dissuaded', 'feedback'] as const;
export type WarningStatus = (typeof WARNING_STATUSES)[number];

export const OUTCOMES = ['dissuaded', 'defrauded', 'unreachable'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** How the person at risk is reached. */
export const ACTIONS = ['visit', 'call', 'sms'] as const;
export type WarningAction = (typeof ACTIONS)[number];

/** Where a warning came from: a higher level, or one of our own incidents. */
export const SOURCES = ['ministry', 'province', 'city', 'incident'] as const;
export type WarningSource = (typeof SOURCES)[number];

/** Fraud types (the ministry's usual headings, shortened). */
export const FRAUD_TYPES = [
  'elderly-wealth',
  'impersonate-police',
  'online-loan',
  'brushing',
  'investment',
  'impersonate-service',
  'romance',
  'other',
] as const;
export type FraudType = (typeof FRAUD_TYPES)[number];

export const FRAUD_TYPE_NAMES: Record<FraudType, string> = {
  'elderly-wealth': '养老理财',
  'impersonate-police': '冒充公检法',
  'online-loan': '网络贷款',
  brushing: '刷单返利',
  investment: '虚假投资理财',
  'impersonate-service': '冒充电商客服',
  romance: '网络交友诱导',
  other: '其他',
};

/**
 * The action a grade calls for: high → a face-to-face visit by the station of the person's address;
 * medium → a phone call, logged by the officer; low → an SMS through the webhook.
 */
export function actionFor(risk: Risk): WarningAction {
  return risk === 'high' ? 'visit' : risk === 'medium' ? 'call' : 'sms';
}

export interface TimeLimit {
  /** Minutes from issue to signing for it (签收). */
  signMinutes: number;
  /** Minutes from issue to the dissuasion (劝阻) being recorded. */
  dissuadeMinutes: number;
  /** Minutes from the dissuasion to the feedback (反馈) to the level that issued it. */
  feedbackMinutes: number;
}

/** Local rules of 德化县公安局 (stated in the README): the tighter the grade, the shorter the limits. */
export const TIME_LIMITS: Record<Risk, TimeLimit> = {
  high: { signMinutes: 10, dissuadeMinutes: 60, feedbackMinutes: 24 * 60 },
  medium: { signMinutes: 30, dissuadeMinutes: 4 * 60, feedbackMinutes: 24 * 60 },
  low: { signMinutes: 2 * 60, dissuadeMinutes: 24 * 60, feedbackMinutes: 48 * 60 },
};

export type WarningStep = 'sign' | 'dissuade' | 'feedback';

/** Where each step may start, and where it leads. A call is logged on a signed warning; it moves nothing. */
export const STEPS: Record<WarningStep, { from: WarningStatus; to: WarningStatus }> = {
  sign: { from: 'issued', to: 'signed' },
  dissuade: { from: 'signed', to: 'dissuaded' },
  feedback: { from: 'dissuaded', to: 'feedback' },
};

/** May this step be taken from this status? */
export function canStep(status: WarningStatus, step: WarningStep): boolean {
  return STEPS[step].from === status;
}

export interface WarningClock {
  risk: Risk;
  status: WarningStatus;
  issuedAt: Date;
  signedAt?: Date | null;
  dissuadedAt?: Date | null;
  feedbackAt?: Date | null;
}

const MIN = 60_000;

/** The instant by which the warning's next step is due (null once feedback is given). */
export function nextDue(w: WarningClock): { step: WarningStep; due: Date } | null {
  const limit = TIME_LIMITS[w.risk];
  const issued = w.issuedAt.getTime();
  switch (w.status) {
    case 'issued':
      return { step: 'sign', due: new Date(issued + limit.signMinutes * MIN) };
    case 'signed':
      return { step: 'dissuade', due: new Date(issued + limit.dissuadeMinutes * MIN) };
    case 'dissuaded': {
      const from = (w.dissuadedAt ?? w.issuedAt).getTime();
      return { step: 'feedback', due: new Date(from + limit.feedbackMinutes * MIN) };
    }
    default:
      return null;
  }
}

/** Is the warning's next step past its limit at `now`? */
export function isOverdue(w: WarningClock, now: Date): boolean {
  const next = nextDue(w);
  return next !== null && now.getTime() > next.due.getTime();
}

/**
 * Was a step taken late (for warnings already past it): signing after the sign limit, or the dissuasion
 * after the dissuade limit. The overdue flag of a warning stays set once it has been late.
 */
export function wasLate(w: WarningClock): boolean {
  const limit = TIME_LIMITS[w.risk];
  const issued = w.issuedAt.getTime();
  if (w.signedAt && w.signedAt.getTime() - issued > limit.signMinutes * MIN) return true;
  if (w.dissuadedAt && w.dissuadedAt.getTime() - issued > limit.dissuadeMinutes * MIN) return true;
  if (
    w.feedbackAt &&
    w.dissuadedAt &&
    w.feedbackAt.getTime() - w.dissuadedAt.getTime() > limit.feedbackMinutes * MIN
  )
    return true;
  return false;
}
