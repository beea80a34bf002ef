import type {
  VolunteerActivity,
  VolunteerActivityCreateBody,
  VolunteerActivityDecisionBody,
  VolunteerActivityList,
  VolunteerImportBody,
  VolunteerImportResult,
  VolunteerJoinDecisionBody,
  VolunteerJoinRequest,
  VolunteerJoinRequestList,
  VolunteerMemberDetail,
  VolunteerMemberList,
  VolunteerMyPoints,
  VolunteerRanking,
  VolunteerRevealBody,
  VolunteerRevealed,
  VolunteerStats,
  VolunteerTeam,
  VolunteerTeamCreateBody,
  VolunteerTeamList,
} from '@ronghui/contracts';
import { api, apiUrl } from './http-client.ts';

export interface VolunteerMemberFilters {
  teamId?: string | undefined;
  skill?: string | undefined;
  onDuty?: boolean | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

export interface VolunteerActivityFilters {
  teamId?: string | undefined;
  kind?: string | undefined;
  status?: string | undefined;
  month?: string | undefined;
  page: number;
  pageSize: number;
}

/** 群防群治: the console's calls and the volunteer's own (duty and location consent on the phone). */
export const volunteersApi = {
  teams: () => api.get<VolunteerTeamList>('/volunteers/teams'),
  createTeam: (body: VolunteerTeamCreateBody) => api.post<VolunteerTeam>('/volunteers/teams', body),
  members: (f: VolunteerMemberFilters) =>
    api.get<VolunteerMemberList>('/volunteers/members', {
      teamId: f.teamId,
      skill: f.skill,
      onDuty: f.onDuty === undefined ? undefined : String(f.onDuty),
      q: f.q || undefined,
      page: f.page,
      pageSize: f.pageSize,
    }),
  member: (id: string) => api.get<VolunteerMemberDetail>(`/volunteers/members/${encodeURIComponent(id)}`),
  reveal: (id: string, body: VolunteerRevealBody) =>
    api.post<VolunteerRevealed>(`/volunteers/members/${encodeURIComponent(id)}/reveal`, body),
  stats: (year?: number) => api.get<VolunteerStats>('/volunteers/stats', { year }),
  activities: (f: VolunteerActivityFilters) =>
    api.get<VolunteerActivityList>('/volunteers/activities', {
      teamId: f.teamId,
      kind: f.kind,
      status: f.status,
      month: f.month,
      page: f.page,
      pageSize: f.pageSize,
    }),
  createActivity: (body: VolunteerActivityCreateBody) =>
    api.post<VolunteerActivity>('/volunteers/activities', body),
  decideActivity: (id: string, body: VolunteerActivityDecisionBody) =>
    api.post<VolunteerActivity>(`/volunteers/activities/${encodeURIComponent(id)}/decision`, body),
  ranking: (q: {
    month: string;
    scope: 'team' | 'township' | 'county';
    teamId?: string;
    township?: string;
  }) => api.get<VolunteerRanking>('/volunteers/ranking', { ...q, limit: 100 }),
  certificateUrl: (memberId: string, period: string) =>
    apiUrl(`/volunteers/members/${encodeURIComponent(memberId)}/certificate.pdf`, { period }),
  myPoints: () => api.get<VolunteerMyPoints>('/volunteers/me/points'),
  joinRequests: (status?: string) =>
    api.get<VolunteerJoinRequestList>('/volunteers/join-requests', { status }),
  decide: (id: string, body: VolunteerJoinDecisionBody) =>
    api.post<VolunteerJoinRequest>(`/volunteers/join-requests/${encodeURIComponent(id)}/decision`, body),
  importFile: (body: VolunteerImportBody) => api.post<VolunteerImportResult>('/volunteers/import', body),
  templateUrl: (format: 'xlsx' | 'csv') => apiUrl('/volunteers/import-template', { format }),
  me: () => api.get<VolunteerMemberDetail>('/volunteers/me'),
  setDuty: (onDuty: boolean) => api.put<VolunteerMemberDetail>('/volunteers/me/duty', { onDuty }),
  setPosition: (p: { lon: number; lat: number; accuracyM?: number }) =>
    api.put<{ stored: boolean; at: string }>('/volunteers/me/position', p),
  /** Full URLs for the phone's offline outbox. */
  urls: {
    duty: '/api/volunteers/me/duty',
    consent: '/api/volunteers/me/consent',
    activities: '/api/volunteers/activities',
  },
  setConsent: (location: boolean) => api.put<VolunteerMemberDetail>('/volunteers/me/consent', { location }),
};
