import type { AuditPage, AuditQuery, AuditVerifyResult } from '@ronghui/contracts';
import { api } from './http-client.ts';

export const fetchAudit = (query: AuditQuery) => api.get<AuditPage>('/audit', { ...query });
export const verifyAuditChain = () => api.post<AuditVerifyResult>('/audit/verify');
