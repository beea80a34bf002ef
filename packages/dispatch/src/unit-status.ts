/** Unit states (after Resgrid's set): what a unit is doing, as the command room sees it. */
export const UNIT_STATUSES = [
  'available',
  'en-route',
  'on-scene',
  'returning',
  'committed',
  'staging',
  'delayed',
  'out-of-service',
  'off-duty',
] as const;
export type UnitStatus = (typeof UNIT_STATUSES)[number];

export const UNIT_STATUS_NAMES: Record<UnitStatus, { zh: string; en: string }> = {
  available: { zh: '空闲', en: 'Available' },
  'en-route': { zh: '出警途中', en: 'En route' },
  'on-scene': { zh: '到达现场', en: 'On scene' },
  returning: { zh: '返回中', en: 'Returning' },
  committed: { zh: '已承诺增援', en: 'Committed' },
  staging: { zh: '集结待命', en: 'Staging' },
  delayed: { zh: '受阻延误', en: 'Delayed' },
  'out-of-service': { zh: '暂停服务', en: 'Out of service' },
  'off-duty': { zh: '下班', en: 'Off duty' },
};

/** States in which a unit is tied to an incident. */
export const INCIDENT_BOUND_STATUSES: readonly UnitStatus[] = [
  'en-route',
  'on-scene',
  'committed',
  'delayed',
  'staging',
];

export function isUnitStatus(value: string): value is UnitStatus {
  return (UNIT_STATUSES as readonly string[]).includes(value);
}

/** Whether a unit in this state may be recommended for a new incident. */
export function isAssignable(status: UnitStatus): boolean {
  return status === 'available' || status === 'returning';
}
