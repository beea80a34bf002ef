import type { TrafficCondition, TrafficLevel, TrafficRules } from '@ronghui/contracts';

/** One road-weather reading, time in epoch milliseconds; measurements a device does not have are absent. */
export interface Reading {
  deviceId: string;
  at: number;
  visibilityM?: number | undefined;
  airTempC?: number | undefined;
  surfaceTempC?: number | undefined;
  dewPointC?: number | undefined;
  friction?: number | undefined;
  precipitationMmH?: number | undefined;
  windSpeedMs?: number | undefined;
  windGustMs?: number | undefined;
}

/** A measurement's field name. */
export type Measurement = Exclude<keyof Reading, 'deviceId' | 'at'>;

/** A condition the rules decided on a section: started, changed level, or ended. */
export interface Transition {
  kind: 'start' | 'change' | 'end';
  sectionId: string;
  condition: TrafficCondition;
  /** The level now (for `end`: the level it had). */
  level: TrafficLevel;
  /** When the decision took effect (ms): the reading's time that completed the minimum duration. */
  at: number;
  /** The readings that decided it (latest per device on the section). */
  evidence: Reading[];
}

/** What drivers are told for a condition at a level, and what the road engine does (第八十一条, RWIS). */
export interface Advice {
  speedLimitKmh: number | null;
  gapM: number | null;
  /** Speed multiplier on the section's edges; null = closed. */
  speedFactor: number | null;
  /** NTCIP 1204 essSurfaceStatus / essVisibilitySituation code where one exists. */
  ntcipCode: number | null;
  /** DATEX II type (`PoorEnvironmentConditions`/`fog`, `denseFog`, `patchyFog`, `freezingFog`; `NonWeatherRelatedRoadConditions`/…). */
  datexType: string;
}

export type { TrafficCondition, TrafficLevel, TrafficRules };
