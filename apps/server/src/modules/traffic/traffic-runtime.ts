import type {
  SignModel,
  TrafficCondition,
  TrafficDeviceKind,
  TrafficLevel,
  TrafficRules,
  TrafficTemplate,
} from '@ronghui/contracts';
import type { createRuleEngine, Reading, SignCandidate } from '@ronghui/traffic';

/** What one instance keeps in memory per tenant: the configuration, the rule state and the signs. */

export interface SectionRt {
  id: string;
  name: string;
  direction: 'both' | 'forward' | 'backward';
  line: [number, number][];
  edges: number[];
  /** The section's own thresholds (over the tenant's). */
  rules: Partial<TrafficRules>;
  note: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface DeviceRt {
  id: string;
  name: string;
  kind: TrafficDeviceKind;
  sectionId: string | null;
  position: [number, number];
  model: SignModel | null;
  signId: string | null;
  junction: string | null;
  branch: string | null;
  heartbeatSeconds: number;
  /** Last message of any kind (ms), or 0. */
  lastSeen: number;
  /** Last reading's time held (ms): older readings are history only. */
  lastReadingAt: number;
  last: Record<string, unknown> | null;
  rejected: Record<string, number>;
  /** Online as last announced. */
  online: boolean;
  /** Changed since last written to the database. */
  dirty: boolean;
}

export interface HazardRt {
  id: string;
  sectionId: string;
  condition: TrafficCondition;
  level: TrafficLevel;
  startedAt: number;
  roadEventId: string | null;
  label: string;
  advice: string;
  priority: number;
}

export interface SignRt {
  /** Messages competing for the sign, by key (`hazard:<id>`, `plate`, `convergence`, `override`). */
  candidates: Map<string, SignCandidate>;
  text: string;
  lines: string[];
  source: SignCandidate['source'] | 'blank';
  priority: number;
  expiresAt: number | null;
  delivery: 'ok' | 'pending' | 'failed';
  commandId: string | null;
  attempts: number;
  lastAckAt: number | null;
  retryTimer: NodeJS.Timeout | undefined;
  expiryTimer: NodeJS.Timeout | undefined;
}

export interface TenantTraffic {
  code: string;
  rootOrgId: string;
  rules: TrafficRules;
  readingRetentionDays: number;
  plateRetentionDays: number;
  sections: Map<string, SectionRt>;
  devices: Map<string, DeviceRt>;
  templates: Map<string, TrafficTemplate>;
  engine: ReturnType<typeof createRuleEngine>;
  /** Open hazards by `<section>/<condition>`. */
  hazards: Map<string, HazardRt>;
  signs: Map<string, SignRt>;
  /** Hazard transitions are applied one after another. */
  chain: Promise<void>;
}

export const SENSOR_KINDS: readonly TrafficDeviceKind[] = ['weather', 'visibility', 'surface'];
export const VEHICLE_KINDS: readonly TrafficDeviceKind[] = ['anpr', 'detector'];

export const templateKey = (condition: string, level: string) => `${condition}/${level}`;
export const hazardKey = (sectionId: string, condition: string) => `${sectionId}/${condition}`;

/** A stored reading's fields as a `Reading` (epoch ms). */
export function toReading(deviceId: string, at: number, r: Partial<Record<string, unknown>>): Reading {
  const n = (v: unknown) => (typeof v === 'number' ? v : undefined);
  return {
    deviceId,
    at,
    visibilityM: n(r.visibilityM),
    airTempC: n(r.airTempC),
    surfaceTempC: n(r.surfaceTempC),
    dewPointC: n(r.dewPointC),
    friction: n(r.friction),
    precipitationMmH: n(r.precipitationMmH),
    windSpeedMs: n(r.windSpeedMs),
    windGustMs: n(r.windGustMs),
  };
}
