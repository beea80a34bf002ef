import type { IncidentStatus, UnitStatus } from '@ronghui/dispatch';

export interface Named {
  id: string;
  name: string;
}

export interface Bilingual {
  zh: string;
  en: string;
}

export interface TimelineEntry {
  at: string;
  actor: string;
  kind: string;
  fromStatus: string | null;
  toStatus: string | null;
  note: string | null;
  detail?: Record<string, unknown>;
}

export type IncidentTimes = Record<
  | 'received'
  | 'answered'
  | 'dispatched'
  | 'acknowledged'
  | 'en-route'
  | 'on-scene'
  | 'resolved'
  | 'closed'
  | 'callback',
  string | null
>;

export interface IncidentView {
  id: string;
  number: string;
  source: string;
  category: { kind: string; code: string; zh: string; en: string };
  priority: 1 | 2 | 3;
  status: IncidentStatus;
  statusName: Bilingual;
  disposition: ({ code: string } & Bilingual) | null;
  description: string;
  caller: { name: string | null; phone: string | null } | null;
  location: {
    lon: number;
    lat: number;
    address: string | null;
    township: { code: string; name: string } | null;
    confidence: number;
  };
  station: Named | null;
  area: Named | null;
  zone: string;
  targetSeconds: number;
  times: IncidentTimes;
  createdAt: string;
  timeline?: TimelineEntry[];
  possibleDuplicates?: {
    id: string;
    number: string;
    status: string;
    distanceM: number;
    minutesAgo: number;
  }[];
}

export interface IncidentPage {
  items: IncidentView[];
  total: number;
}

export interface UnitPosition {
  lon: number;
  lat: number;
  speedKmh: number | null;
  heading: number | null;
  at: string;
}

export interface UnitView {
  id: string;
  callsign: string;
  name: string;
  kind: 'officer' | 'auxiliary' | 'vehicle';
  stationId: string;
  stationName: string;
  pool: string | null;
  status: UnitStatus;
  statusName: Bilingual;
  onDuty: boolean;
  incidentId: string | null;
  position: UnitPosition | null;
}

export interface Recommendation {
  unit: { id: string; callsign: string; name: string; kind: string };
  station: Named;
  eta_s: number;
  distance_m: number;
  withinTarget: boolean;
}

export interface Recommendations {
  targetSeconds: number;
  withinTarget: number;
  shortfall: number;
  items: Recommendation[];
  excluded: { unitId?: string; stationId: string; stationName: string; reason?: string }[];
}

export type RequestStatus = 'requested' | 'committed' | 'declined' | 'released';

export interface StationRequest {
  id: string;
  incidentId: string;
  station: Named;
  quantity: number;
  status: RequestStatus;
  unitIds: string[];
  reason: string | null;
  requestedBy: string;
  requestedAt: string;
  answeredBy: string | null;
  answeredAt: string | null;
}

export interface MessageView {
  id: string;
  kind: 'message' | 'order';
  priority: 'normal' | 'urgent';
  text: string;
  incidentId: string | null;
  from: { username: string; name: string; org: Named };
  createdAt: string;
  counts: { total: number; sent: number; delivered: number; acknowledged: number };
  mine: { kind: 'user' | 'unit'; id: string; name: string; state: string }[];
}

export interface EmergencyView {
  id: string;
  unit: { id: string; callsign: string };
  station: Named;
  position: { lon: number; lat: number } | null;
  note: string | null;
  nearest: { unitId: string; callsign: string; stationName: string; etaS: number }[];
  raisedBy: string;
  raisedAt: string;
  open: boolean;
}

export interface DurationStats {
  count: number;
  p50S: number | null;
  p90S: number | null;
  meanS: number | null;
}

export interface MetricsRow {
  key: string;
  name?: string;
  incidents: number;
  callToDispatch: DurationStats;
  dispatchToArrival: DurationStats;
  callToArrival: DurationStats;
  targetCompliance: number | null;
  arrived: number;
  withinTarget: number;
}

export interface DispatchMetrics {
  from: string;
  to: string;
  overall: MetricsRow;
  byArea: MetricsRow[];
  byStation: MetricsRow[];
}
