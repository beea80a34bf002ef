export interface Named {
  id: string;
  name: string;
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
