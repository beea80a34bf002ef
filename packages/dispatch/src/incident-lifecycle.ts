/**
 * The life of an incident and every timestamp it keeps (DOMAIN-RULES, Dispatch): received, answered,
 * dispatched, acknowledged (签收), en route, on scene, resolved, closed, callback (回访). Steps may be
 * skipped forward (a unit can report on scene without en route), never taken back.
 */
export const INCIDENT_STATUSES = [
  'received',
  'answered',
  'dispatched',
  'acknowledged',
  'en-route',
  'on-scene',
  'resolved',
  'closed',
  'callback',
  'merged',
] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const STATUS_NAMES: Readonly<Record<IncidentStatus, { zh: string; en: string }>> = {
  received: { zh: '已接报', en: 'received' },
  answered: { zh: '已接警', en: 'answered' },
  dispatched: { zh: '已派警', en: 'dispatched' },
  acknowledged: { zh: '已签收', en: 'acknowledged' },
  'en-route': { zh: '出警途中', en: 'en route' },
  'on-scene': { zh: '已到场', en: 'on scene' },
  resolved: { zh: '已处置', en: 'resolved' },
  closed: { zh: '已结警', en: 'closed' },
  callback: { zh: '已回访', en: 'callback done' },
  merged: { zh: '已合并', en: 'merged' },
};

/** Allowed next states. `merged` is reached only through a merge, never through a status change. */
export const TRANSITIONS: Readonly<Record<IncidentStatus, readonly IncidentStatus[]>> = {
  received: ['answered', 'dispatched', 'resolved'],
  answered: ['dispatched', 'resolved'],
  dispatched: ['acknowledged', 'en-route', 'on-scene', 'resolved'],
  acknowledged: ['en-route', 'on-scene', 'resolved'],
  'en-route': ['on-scene', 'resolved'],
  'on-scene': ['resolved'],
  resolved: ['closed'],
  closed: ['callback'],
  callback: [],
  merged: [],
};

export function canTransition(from: IncidentStatus, to: IncidentStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Statuses from which an incident can still be merged into another (nothing closed or merged). */
export function isOpen(status: IncidentStatus): boolean {
  return status !== 'closed' && status !== 'callback' && status !== 'merged';
}

/** How an incident was resolved (处置结果). */
export const DISPOSITIONS = [
  { code: 'handled-on-scene', zh: '现场处置完毕', en: 'handled on scene' },
  { code: 'criminal-case', zh: '刑事立案', en: 'criminal case opened' },
  { code: 'administrative-case', zh: '行政案件受理', en: 'administrative case opened' },
  { code: 'mediated', zh: '调解处理', en: 'mediated' },
  { code: 'referred', zh: '移交其他部门', en: 'referred to another agency' },
  { code: 'advice-given', zh: '电话告知', en: 'advice given by phone' },
  { code: 'no-finding', zh: '到场未发现', en: 'nothing found' },
  { code: 'false-report', zh: '虚假报警', en: 'false report' },
] as const;
export type Disposition = (typeof DISPOSITIONS)[number]['code'];
export const DISPOSITION_CODES = DISPOSITIONS.map((d) => d.code) as [Disposition, ...Disposition[]];
