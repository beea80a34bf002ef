import type { CalloutList, MyCalloutList, VolunteerLivePositionList } from '@ronghui/contracts';
import { api } from './http-client.ts';

/** 一呼百应: the volunteer's own calls (the phone) and the command map's reads. */
export const calloutsApi = {
  mine: () => api.get<MyCalloutList>('/callouts/mine'),
  list: (open?: boolean) =>
    api.get<CalloutList>('/callouts', { open: open === undefined ? undefined : String(open) }),
  /** On-duty consenting volunteers' live positions (audited on the server). */
  positions: (bbox?: readonly [number, number, number, number]) =>
    api.get<VolunteerLivePositionList>('/volunteers/positions', { bbox: bbox?.join(',') }),
  /** Full URLs of the phone's answers, sent through the offline outbox. */
  urls: {
    accept: (id: string) => `/api/callouts/${encodeURIComponent(id)}/accept`,
    decline: (id: string) => `/api/callouts/${encodeURIComponent(id)}/decline`,
  },
};

export const calloutKeys = {
  mine: ['mobile', 'callouts'] as const,
  list: ['callouts', 'list'] as const,
  positions: ['callouts', 'volunteer-positions'] as const,
};
