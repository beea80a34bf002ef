import type {
  FraudImportResult,
  FraudWarning,
  FraudWarningDetail,
  FraudWarningList,
  FraudWarningStep,
  HomeVisit,
  PlanEntry,
  Resident,
  ResidentBody,
  VisitBody,
} from '@ronghui/contracts';
import { problemToError } from './api-error.ts';
import { api, apiUrl } from './http-client.ts';

export type {
  FraudImportResult,
  FraudWarning,
  FraudWarningDetail,
  FraudWarningStep,
  HomeVisit,
  PlanEntry,
  Resident,
  ResidentBody,
  VisitBody,
};
interface Page<T> {
  items: T[];
  total: number;
}

export interface WarningFilters {
  status?: string | undefined;
  risk?: string | undefined;
  station?: string | undefined;
  overdue?: 'true' | 'false' | undefined;
  page: number;
  pageSize: number;
}

const enc = encodeURIComponent;

export const outreachKeys = {
  warnings: (f?: WarningFilters) => (f ? ['outreach', 'warnings', f] : ['outreach', 'warnings']),
  warning: (id: string) => ['outreach', 'warnings', 'detail', id],
  residents: ['outreach', 'residents'],
  plans: (officer?: string) => ['outreach', 'plans', officer ?? 'default'],
  visits: (resident?: string) => ['outreach', 'visits', resident ?? 'all'],
};

/** Where the phone's outbox posts a visit (with the visit's own id). */
export const OUTREACH_VISITS_PATH = '/api/outreach/visits';

export const outreachApi = {
  warnings: (f: WarningFilters) => api.get<FraudWarningList>('/anti-fraud/warnings', { ...f }),
  warning: (id: string) => api.get<FraudWarningDetail>(`/anti-fraud/warnings/${enc(id)}`),
  step: (id: string, body: FraudWarningStep) =>
    api.post<FraudWarningDetail>(`/anti-fraud/warnings/${enc(id)}/steps`, body),
  revealWarning: (id: string, field: 'personName' | 'phone' | 'idNumber', reason: string) =>
    api.post<{ field: string; value: string }>(`/anti-fraud/warnings/${enc(id)}/reveal`, { field, reason }),
  async importFile(file: Blob): Promise<FraudImportResult> {
    const response = await fetch(apiUrl('/anti-fraud/warnings/import'), {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'content-type': 'application/octet-stream',
        accept: 'application/json, application/problem+json',
      },
      body: file,
    });
    const body = await response.json().catch(() => null);
    if (!response.ok) throw problemToError(response.status, response.statusText, body);
    return body as FraudImportResult;
  },
  residents: (station?: string) => api.get<Page<Resident>>('/outreach/residents', { station, pageSize: 500 }),
  createResident: (body: ResidentBody) => api.post<Resident>('/outreach/residents', body),
  revealResident: (id: string, field: 'name' | 'phone' | 'idNumber', reason: string) =>
    api.post<{ field: string; value: string }>(`/outreach/residents/${enc(id)}/reveal`, { field, reason }),
  plans: (officer?: string, days = 14) => api.get<Page<PlanEntry>>('/outreach/plans', { officer, days }),
  plan: (body: { residentId: string; plannedFor: string; officerId?: string }) =>
    api.post<HomeVisit>('/outreach/plans', body),
  visits: (resident?: string) => api.get<Page<HomeVisit>>('/outreach/visits', { resident, pageSize: 200 }),
};
