import type {
  WelfareCampaign,
  WelfareCampaignBody,
  WelfareCondolence,
  WelfareCondolenceBody,
  WelfareCondolenceList,
  WelfareHealthCheck,
  WelfareHealthCheckBody,
  WelfareInjury,
  WelfareInjuryBody,
  WelfareReminder,
  WelfareReminderList,
  WelfareRevealed,
  WelfareSchooling,
  WelfareSchoolingBody,
  WelfareSchoolingStep,
  WelfareStaff,
  WelfareStaffBody,
  WelfareStaffList,
  WelfareStats,
} from '@ronghui/contracts';
import { api } from './http-client.ts';

export type {
  WelfareCampaign,
  WelfareCondolence,
  WelfareHealthCheck,
  WelfareInjury,
  WelfareReminder,
  WelfareSchooling,
  WelfareStaff,
  WelfareStats,
};
export type WelfareRevealField = 'name' | 'phone' | 'family' | 'healthNotes';
interface Page<T> {
  items: T[];
  total: number;
}

const enc = encodeURIComponent;

/** 爱警暖警: one function per route of `/api/welfare` (staff office and leadership only). */
export const welfareApi = {
  staff: (f: { kind?: string; orgId?: string; page?: number; pageSize?: number } = {}) =>
    api.get<WelfareStaffList>('/welfare/staff', { ...f }),
  createStaff: (body: WelfareStaffBody) => api.post<WelfareStaff>('/welfare/staff', body),
  reveal: (id: string, field: WelfareRevealField, reason: string) =>
    api.post<WelfareRevealed>(`/welfare/staff/${enc(id)}/reveal`, { field, reason }),
  injuries: (f: { unanswered?: 'true' | 'false'; page?: number; pageSize?: number } = {}) =>
    api.get<Page<WelfareInjury>>('/welfare/injuries', { ...f }),
  recordInjury: (body: WelfareInjuryBody) => api.post<WelfareInjury>('/welfare/injuries', body),
  condolences: (f: { mechanism?: string; year?: number; page?: number; pageSize?: number } = {}) =>
    api.get<WelfareCondolenceList>('/welfare/condolences', { ...f }),
  recordCondolence: (body: WelfareCondolenceBody) =>
    api.post<WelfareCondolence>('/welfare/condolences', body),
  campaigns: (year?: number) => api.get<Page<WelfareCampaign>>('/welfare/campaigns', { year }),
  createCampaign: (body: WelfareCampaignBody) => api.post<WelfareCampaign>('/welfare/campaigns', body),
  checks: (id: string, f: { status?: 'done' | 'pending'; page?: number; pageSize?: number } = {}) =>
    api.get<Page<WelfareHealthCheck>>(`/welfare/campaigns/${enc(id)}/checks`, { ...f }),
  markDone: (id: string, staffId: string, body: WelfareHealthCheckBody) =>
    api.post<WelfareHealthCheck>(`/welfare/campaigns/${enc(id)}/checks/${enc(staffId)}`, body),
  revealResult: (id: string, staffId: string, reason: string) =>
    api.post<WelfareRevealed>(`/welfare/campaigns/${enc(id)}/checks/${enc(staffId)}/reveal`, { reason }),
  schooling: (f: { status?: string; page?: number; pageSize?: number } = {}) =>
    api.get<Page<WelfareSchooling>>('/welfare/schooling', { ...f }),
  openSchooling: (body: WelfareSchoolingBody) => api.post<WelfareSchooling>('/welfare/schooling', body),
  stepSchooling: (id: string, body: WelfareSchoolingStep) =>
    api.post<WelfareSchooling>(`/welfare/schooling/${enc(id)}/steps`, body),
  reminders: () => api.get<WelfareReminderList>('/welfare/reminders'),
  stats: (year: number) => api.get<WelfareStats>('/welfare/stats', { year }),
};

export const welfareKeys = {
  all: ['welfare'] as const,
  staff: (filter: string) => ['welfare', 'staff', filter] as const,
  injuries: (filter: string) => ['welfare', 'injuries', filter] as const,
  condolences: (filter: string) => ['welfare', 'condolences', filter] as const,
  campaigns: ['welfare', 'campaigns'] as const,
  checks: (id: string, filter: string) => ['welfare', 'checks', id, filter] as const,
  schooling: (filter: string) => ['welfare', 'schooling', filter] as const,
  reminders: ['welfare', 'reminders'] as const,
  stats: (year: number) => ['welfare', 'stats', year] as const,
};
