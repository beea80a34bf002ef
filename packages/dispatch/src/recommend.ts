import { isAssignable, isUnitStatus } from './unit-status.ts';

export interface Candidate {
  unitId: string;
  stationId: string;
  status: string;
  onDuty: boolean;
  capabilities: readonly string[];
  /** Road travel time to the incident (Infinity when unreachable). */
  etaS: number;
  distanceM: number;
}

export interface RecommendOptions {
  /** Station of the incident: its last unit may go, since the incident is its own. */
  homeStationId: string | null;
  /** Every capability listed is required (e.g. armed, traffic). */
  requiredCapabilities?: readonly string[];
  /** At most this many units per station (joint-area orders: "each station sends N"). */
  perStation?: number;
  /** Take a station's last available unit even when the incident is not its own. */
  allowLastUnit?: boolean;
  /** Arrival target of the incident's zone, for the shortfall. */
  targetS: number;
  /** Units wanted in total, for the shortfall (default: perStation × stations, or 1). */
  wanted?: number;
  limit?: number;
}

export interface Recommendation extends Candidate {
  withinTarget: boolean;
}

export interface RecommendResult {
  units: Recommendation[];
  /** Candidates left out, with the reason, so the dispatcher sees why a close unit is missing. */
  excluded: {
    unitId: string;
    stationId: string;
    reason: 'busy' | 'off-duty' | 'capability' | 'unreachable' | 'last-unit';
  }[];
  withinTarget: number;
  /** Units short of `wanted` that can arrive within the target. */
  shortfall: number;
}

/**
 * 就近、分级: rank units that can go by road ETA; keep every other station's last available unit at home
 * unless told otherwise; report who was left out and how far the result falls short of the arrival target.
 */
export function recommend(candidates: readonly Candidate[], options: RecommendOptions): RecommendResult {
  const excluded: RecommendResult['excluded'] = [];
  const eligible: Candidate[] = [];
  for (const c of candidates) {
    const status = isUnitStatus(c.status) ? c.status : 'out-of-service';
    if (!c.onDuty || status === 'off-duty')
      excluded.push({ unitId: c.unitId, stationId: c.stationId, reason: 'off-duty' });
    else if (!isAssignable(status))
      excluded.push({ unitId: c.unitId, stationId: c.stationId, reason: 'busy' });
    else if (options.requiredCapabilities?.some((cap) => !c.capabilities.includes(cap))) {
      excluded.push({ unitId: c.unitId, stationId: c.stationId, reason: 'capability' });
    } else if (!Number.isFinite(c.etaS))
      excluded.push({ unitId: c.unitId, stationId: c.stationId, reason: 'unreachable' });
    else eligible.push(c);
  }
  eligible.sort((a, b) => a.etaS - b.etaS || a.unitId.localeCompare(b.unitId));

  const availableByStation = new Map<string, number>();
  for (const c of eligible)
    availableByStation.set(c.stationId, (availableByStation.get(c.stationId) ?? 0) + 1);
  const takenByStation = new Map<string, number>();
  const units: Recommendation[] = [];
  for (const c of eligible) {
    const taken = takenByStation.get(c.stationId) ?? 0;
    if (options.perStation !== undefined && taken >= options.perStation) continue;
    const available = availableByStation.get(c.stationId) ?? 0;
    const keepsLast =
      c.stationId !== options.homeStationId && !options.allowLastUnit && available - taken <= 1;
    if (keepsLast) {
      excluded.push({ unitId: c.unitId, stationId: c.stationId, reason: 'last-unit' });
      continue;
    }
    takenByStation.set(c.stationId, taken + 1);
    units.push({ ...c, withinTarget: c.etaS <= options.targetS });
    if (options.limit !== undefined && units.length >= options.limit) break;
  }
  const stations = new Set(candidates.map((c) => c.stationId)).size;
  const wanted = options.wanted ?? (options.perStation !== undefined ? options.perStation * stations : 1);
  const withinTarget = units.filter((u) => u.withinTarget).length;
  return { units, excluded, withinTarget, shortfall: Math.max(0, wanted - withinTarget) };
}
