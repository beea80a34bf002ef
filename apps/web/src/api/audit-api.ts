import { api } from './http-client.ts';
import type { AuditEntry, AuditOutcome, AuditVerifyResult, Page } from './types.ts';

export interface AuditQuery {
  from?: string | undefined;
  to?: string | undefined;
  actor?: string | undefined;
  action?: string | undefined;
  outcome?: AuditOutcome | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

export const fetchAudit = (query: AuditQuery) => api.get<Page<AuditEntry>>('/audit', { ...query });
export const verifyAuditChain = () => api.post<AuditVerifyResult>('/audit/verify');
