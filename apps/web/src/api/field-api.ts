import type { AvlBatchBody, AvlBatchResult, IncidentAttachmentList, MyUnit, Unit } from '@ronghui/contracts';
import { api } from './http-client.ts';

/**
 * What the phone app reads directly. Its writes (status, notes, photos, backup, commit and decline) go through
 * the offline outbox instead, with the URLs below.
 */
export const fieldApi = {
  myUnit: () => api.get<MyUnit>('/units/mine'),
  signOn: (unitId: string) => api.put<MyUnit>('/units/mine', { unitId }),
  signOff: () => api.delete<MyUnit>('/units/mine'),
  unit: (id: string) => api.get<Unit>(`/units/${id}`),
  attachments: (incidentId: string) =>
    api.get<IncidentAttachmentList>(`/incidents/${incidentId}/attachments`),
  /** Positions are sent as they come and never queued: a stale fix is worth nothing to the command room. */
  reportPositions: (body: AvlBatchBody) => api.post<AvlBatchResult>('/avl', body),
};

/** The URLs of the phone's writes, sent through the outbox. */
export const fieldUrls = {
  unitStatus: (unitId: string) => `/api/units/${unitId}/status`,
  commit: (requestId: string) => `/api/requests/${requestId}/commit`,
  decline: (requestId: string) => `/api/requests/${requestId}/decline`,
  note: (incidentId: string) => `/api/incidents/${incidentId}/notes`,
  photo: (incidentId: string) => `/api/incidents/${incidentId}/photos`,
  backup: (incidentId: string) => `/api/incidents/${incidentId}/backup`,
  emergency: (unitId: string) => `/api/units/${unitId}/emergency`,
};
