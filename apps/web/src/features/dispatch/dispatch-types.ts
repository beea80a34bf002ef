export interface Named {
  id: string;
  name: string;
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
