import type {
  DisputeAgreementBody,
  DisputeCreateBody,
  DisputeDetail,
  DisputeFollowUpBody,
  DisputeList,
  DisputeMeetingBody,
  DisputeRevealBody,
  DisputeRevealed,
  DisputeStats,
  DisputeStatusBody,
} from '@ronghui/contracts';
import { api, apiUrl } from './http-client.ts';

export interface DisputeFilters {
  risk?: string[];
  status?: string[];
  kind?: string[];
  overdue?: boolean;
  /** Only the disputes the caller mediates. */
  mine?: boolean;
  year?: number;
  page: number;
  pageSize: number;
}

const one = (id: string) => `/disputes/${encodeURIComponent(id)}`;

export const disputesApi = {
  list: (f: DisputeFilters) =>
    api.get<DisputeList>('/disputes', {
      risk: f.risk?.join(','),
      status: f.status?.join(','),
      kind: f.kind?.join(','),
      overdue: f.overdue ? 'true' : undefined,
      mine: f.mine ? 'true' : undefined,
      year: f.year,
      page: f.page,
      pageSize: f.pageSize,
    }),
  stats: (year: number) => api.get<DisputeStats>('/disputes/stats', { year }),
  get: (id: string) => api.get<DisputeDetail>(one(id)),
  create: (body: DisputeCreateBody) => api.post<DisputeDetail>('/disputes', body),
  status: (id: string, body: DisputeStatusBody) => api.post<DisputeDetail>(`${one(id)}/status`, body),
  meeting: (id: string, body: DisputeMeetingBody) => api.post<DisputeDetail>(`${one(id)}/meetings`, body),
  agreement: (id: string, body: DisputeAgreementBody) => api.put<DisputeDetail>(`${one(id)}/agreement`, body),
  followUp: (id: string, body: DisputeFollowUpBody) => api.post<DisputeDetail>(`${one(id)}/follow-ups`, body),
  reveal: (id: string, body: DisputeRevealBody) => api.post<DisputeRevealed>(`${one(id)}/reveal`, body),
  pdfUrl: (id: string) => apiUrl(`${one(id)}/agreement.pdf`),
};

/** The URLs of dispute writes the phone queues in its outbox. */
export const disputeUrls = {
  create: () => '/api/disputes',
  meeting: (id: string) => `/api${one(id)}/meetings`,
};

export const disputeKeys = {
  all: ['disputes'] as const,
  list: (filter: string) => ['disputes', 'list', filter] as const,
  detail: (id: string) => ['disputes', 'detail', id] as const,
};

/** Map and tag colour of a risk level (red / yellow / blue). */
export const RISK_HEX: Record<string, string> = { red: '#cf1322', yellow: '#d4b106', blue: '#1677ff' };
