import type {
  DispatchMetrics,
  Emergency,
  EmergencyList,
  IncidentAddressSuggestions,
  IncidentAttachmentList,
  IncidentCreateBody,
  IncidentCreated,
  IncidentDetail,
  IncidentList,
  IncidentTrend,
  MessageDetail,
  MessageGroupList,
  MessageList,
  Recommendations,
  RoutingIsochrone,
  RoutingRoads,
  RoutingRoute,
  SendMessageBody,
  StationRequest,
  StationRequestList,
  UnitAssignmentList,
  UnitList,
} from '@ronghui/contracts';
import { api } from './http-client.ts';

export const openStatuses = 'received,answered,dispatched,acknowledged,en-route,on-scene,resolved';

export const dispatchApi = {
  createIncident: (body: IncidentCreateBody) => api.post<IncidentCreated>('/incidents', body),
  addressSuggestions: (q: string) =>
    api.get<IncidentAddressSuggestions>('/incidents/address-suggestions', { q, limit: 8 }),
  incidents: (query: { status?: string; from?: string; pageSize?: number }) =>
    api.get<IncidentList>('/incidents', { pageSize: 200, ...query }),
  incident: (id: string) => api.get<IncidentDetail>(`/incidents/${id}`),
  setStatus: (id: string, status: string, disposition?: string) =>
    api.post<IncidentDetail>(`/incidents/${id}/status`, { status, disposition }),
  recommendations: (id: string, scope: 'area' | 'county') =>
    api.get<Recommendations>(`/incidents/${id}/recommendations`, { scope }),
  dispatch: (id: string, unitIds: string[]) =>
    api.post<UnitAssignmentList>(`/incidents/${id}/dispatch`, { unitIds }),
  requestArea: (id: string, perStation: number) =>
    api.post<StationRequestList>(`/incidents/${id}/requests`, { stations: 'area', perStation }),
  /** Every unit the incident has had: when each was sent and released. */
  assignments: (id: string) => api.get<UnitAssignmentList>(`/incidents/${id}/units`),
  /** Photos from the scene; each image is read from its `url` (same origin, session cookie). */
  attachments: (id: string) => api.get<IncidentAttachmentList>(`/incidents/${id}/attachments`),
  board: (id: string) => api.get<StationRequestList>(`/incidents/${id}/requests`),
  escalate: (id: string, reason: string) => api.post<IncidentDetail>(`/incidents/${id}/escalate`, { reason }),
  openRequests: () => api.get<StationRequestList>('/requests'),
  commit: (id: string, unitIds: string[]) => api.post<StationRequest>(`/requests/${id}/commit`, { unitIds }),
  decline: (id: string, reason: string) => api.post<StationRequest>(`/requests/${id}/decline`, { reason }),
  release: (id: string) => api.post<StationRequest>(`/requests/${id}/release`),
  units: () => api.get<UnitList>('/units'),
  roads: () => api.get<RoutingRoads>('/routing/roads'),
  route: (from: [number, number], to: [number, number]) =>
    api.get<RoutingRoute>('/routing/route', { from: from.join(','), to: to.join(',') }),
  isochrone: (at: [number, number], minutes: string) =>
    api.get<RoutingIsochrone>('/routing/isochrone', { at: at.join(','), minutes }),
  messages: (box: 'inbox' | 'sent') => api.get<MessageList>('/messages', { box, limit: 50 }),
  message: (id: string) => api.get<MessageDetail>(`/messages/${id}`),
  messageGroups: () => api.get<MessageGroupList>('/message-groups'),
  sendMessage: (body: SendMessageBody) => api.post<MessageDetail>('/messages', body),
  ackMessage: (id: string) => api.post<MessageDetail>(`/messages/${id}/ack`),
  emergencies: () => api.get<EmergencyList>('/emergencies', { open: 'true' }),
  ackEmergency: (id: string) => api.post<Emergency>(`/emergencies/${id}/ack`),
  metrics: (from: string, to: string) => api.get<DispatchMetrics>('/dispatch/metrics', { from, to }),
  trend: (days: number) => api.get<IncidentTrend>('/incidents/trend', { days }),
};
