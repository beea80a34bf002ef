import type { FeatureCollection, LineString } from 'geojson';
import { api } from './http-client.ts';
import type {
  DispatchMetrics,
  EmergencyView,
  IncidentPage,
  IncidentView,
  MessageView,
  Recommendations,
  StationRequest,
  UnitView,
} from './dispatch-types.ts';

export interface NewIncident {
  source: string;
  category: string;
  priority: number;
  description: string;
  address?: string;
  location?: { lon: number; lat: number };
  caller?: { name?: string; phone?: string };
}

export interface AddressSuggestion {
  text: string;
  kind: 'township' | 'village' | 'place';
  name: string;
  township: string | null;
  lon: number;
  lat: number;
}

/** 比降: incidents per day against the same days a year earlier. */
export interface IncidentTrend {
  days: { date: string; count: number; lastYear: number }[];
  byKind: { kind: string; count: number; lastYear: number; changePercent: number | null }[];
  total: number;
  lastYearTotal: number;
  changePercent: number | null;
}

export const openStatuses = 'received,answered,dispatched,acknowledged,en-route,on-scene,resolved';

export const dispatchApi = {
  createIncident: (body: NewIncident) => api.post<IncidentView>('/incidents', body),
  addressSuggestions: (q: string) =>
    api.get<AddressSuggestion[]>('/incidents/address-suggestions', { q, limit: 8 }),
  incidents: (query: { status?: string; from?: string; pageSize?: number }) =>
    api.get<IncidentPage>('/incidents', { pageSize: 200, ...query }),
  incident: (id: string) => api.get<IncidentView>(`/incidents/${id}`),
  setStatus: (id: string, status: string, disposition?: string) =>
    api.post<IncidentView>(`/incidents/${id}/status`, { status, disposition }),
  recommendations: (id: string, scope: 'area' | 'county') =>
    api.get<Recommendations>(`/incidents/${id}/recommendations`, { scope }),
  dispatch: (id: string, unitIds: string[]) =>
    api.post<unknown>(`/incidents/${id}/dispatch`, { unit_ids: unitIds }),
  requestArea: (id: string, perStation: number) =>
    api.post<StationRequest[]>(`/incidents/${id}/requests`, { stations: 'area', per_station: perStation }),
  board: (id: string) => api.get<StationRequest[]>(`/incidents/${id}/requests`),
  escalate: (id: string, reason: string) => api.post<IncidentView>(`/incidents/${id}/escalate`, { reason }),
  openRequests: () => api.get<StationRequest[]>('/requests'),
  commit: (id: string, unitIds: string[]) =>
    api.post<StationRequest>(`/requests/${id}/commit`, { unit_ids: unitIds }),
  decline: (id: string, reason: string) => api.post<StationRequest>(`/requests/${id}/decline`, { reason }),
  release: (id: string) => api.post<StationRequest>(`/requests/${id}/release`),
  units: () => api.get<UnitView[]>('/units'),
  roads: () => api.get<FeatureCollection>('/routing/roads'),
  route: (from: [number, number], to: [number, number]) =>
    api.get<{ duration_s: number; distance_m: number; geometry: LineString }>('/routing/route', {
      from: from.join(','),
      to: to.join(','),
    }),
  isochrone: (at: [number, number], minutes: string) =>
    api.get<FeatureCollection>('/routing/isochrone', { at: at.join(','), minutes }),
  messages: (box: 'inbox' | 'sent') => api.get<MessageView[]>('/messages', { box, limit: 50 }),
  sendMessage: (body: { to: Record<string, string[]>; kind: 'message' | 'order'; text: string }) =>
    api.post<MessageView>('/messages', body),
  ackMessage: (id: string) => api.post<unknown>(`/messages/${id}/ack`),
  emergencies: () => api.get<EmergencyView[]>('/emergencies', { open: 'true' }),
  ackEmergency: (id: string) => api.post<unknown>(`/emergencies/${id}/ack`),
  metrics: (from: string, to: string) => api.get<DispatchMetrics>('/dispatch/metrics', { from, to }),
  trend: (days: number) => api.get<IncidentTrend>('/incidents/trend', { days }),
};
