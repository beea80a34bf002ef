import type {
  Hazard,
  HazardDetail,
  HazardIncidentBody,
  HazardList,
  HazardStepBody,
} from '@ronghui/contracts';
import { api } from './http-client.ts';

export type { Hazard, HazardDetail };

/** The console's and the phone's reads of hazards (the phone's writes go through its outbox). */
export const hazardsApi = {
  list: (query: { status?: string; overdue?: boolean; mine?: boolean } = {}) =>
    api.get<HazardList>('/hazards', {
      status: query.status,
      overdue: query.overdue ? 'true' : undefined,
      mine: query.mine ? 'true' : undefined,
      pageSize: 500,
    }),
  get: (id: string) => api.get<HazardDetail>(`/hazards/${id}`),
  step: (id: string, body: HazardStepBody) => api.post<HazardDetail>(`/hazards/${id}/steps`, body),
  toIncident: (id: string, body: HazardIncidentBody) =>
    api.post<HazardDetail>(`/hazards/${id}/incident`, body),
};

/** The URLs of hazard writes the phone queues in its outbox. */
export const hazardUrls = {
  create: () => '/api/hazards',
  photo: (hazardId: string) => `/api/hazards/${hazardId}/photos`,
};

export const hazardKeys = {
  all: ['hazards'] as const,
  list: (filter: string) => ['hazards', 'list', filter] as const,
  detail: (id: string) => ['hazards', 'detail', id] as const,
};

/** Open states (not yet closed). */
export const OPEN_STATES = ['reported', 'registered', 'dispatched', 'handling', 'reported-back', 'verified'];

/** Map colour of a hazard: red when overdue, orange near its deadline, grey when closed, blue otherwise. */
export function hazardColor(h: Pick<Hazard, 'status' | 'overdue'>): string {
  if (h.status === 'closed' || h.status === 'evaluated') return '#8c8c8c';
  if (h.overdue === 'overdue' || h.overdue === 'escalated') return '#cf1322';
  if (h.overdue === 'warning') return '#fa8c16';
  return '#1677ff';
}
