import type {
  ServiceAppointment,
  ServiceBoard,
  ServiceBooked,
  ServiceBookingBody,
  ServiceCase,
  ServiceCaseBody,
  ServiceCaseList,
  ServiceCounter,
  ServiceCounterBody,
  ServiceFollowUp,
  ServiceHall,
  ServiceHallList,
  ServiceHallPatch,
  ServiceHold,
  ServiceHomeVisit,
  ServiceHomeVisitBody,
  ServiceItem,
  ServiceItemBody,
  ServiceItemList,
  ServiceItemPatch,
  ServiceItemQuery,
  ServiceProgress,
  ServiceRating,
  ServiceRatingBody,
  ServiceSlot,
  ServiceStats,
  ServiceTicket,
  ServiceTicketBody,
  ServiceTicketList,
  serviceCaseStep,
  serviceDeadline,
  serviceFollowUpStep,
  serviceHomeVisitStep,
  serviceOtpSent,
} from '@ronghui/contracts';
import type { z } from 'zod';
import { ApiError, problemToError } from './api-error.ts';
import { api, apiUrl } from './http-client.ts';

export type {
  ServiceAppointment,
  ServiceBoard,
  ServiceBooked,
  ServiceCase,
  ServiceCounter,
  ServiceFollowUp,
  ServiceHall,
  ServiceHomeVisit,
  ServiceItem,
  ServiceProgress,
  ServiceSlot,
  ServiceStats,
  ServiceTicket,
};
export type ServiceOtpSent = z.infer<typeof serviceOtpSent>;
export type ServiceCaseStepBody = z.input<typeof serviceCaseStep>;
export type ServiceFollowUpStepBody = z.input<typeof serviceFollowUpStep>;
export type ServiceHomeVisitStepBody = z.input<typeof serviceHomeVisitStep>;
export type ServiceDeadline = z.infer<typeof serviceDeadline>;
export type ServiceRevealField = 'applicantName' | 'applicantPhone' | 'applicantIdNumber';
export interface ServiceRevealed {
  field: ServiceRevealField;
  value: string;
}
interface Page<T> {
  items: T[];
  total: number;
}

export interface CaseFilters {
  hallId?: string;
  status?: string;
  itemCode?: string;
  dueBy?: string;
  page: number;
  pageSize: number;
}

const enc = encodeURIComponent;
const ticket = (id: string) => `/services/tickets/${enc(id)}`;
const appointment = (reference: string) => `/services/appointments/${enc(reference)}`;

/**
 * A request that carries extra headers (the kiosk's mark, the phone's manage token); the shared client
 * sends only JSON headers.
 */
async function send<T>(method: string, path: string, headers: Record<string, string>, body?: unknown) {
  let response: Response;
  try {
    response = await fetch(apiUrl(path), {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json, application/problem+json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? null : JSON.stringify(body),
    });
  } catch (cause) {
    throw new ApiError({ status: 0, title: 'Network error', detail: String(cause) });
  }
  const type = response.headers.get('content-type') ?? '';
  const parsed: unknown = type.includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) throw problemToError(response.status, response.statusText, parsed);
  return parsed as T;
}

const manage = (token: string) => ({ 'x-manage-token': token });

/** 一窗通办: one function per route of `/api/services`. The public ones work without a session. */
export const servicesApi = {
  // Catalogue (public reads, system-admin writes).
  items: (q: ServiceItemQuery = {}) => api.get<ServiceItemList>('/services/items', { ...q }),
  item: (code: string) => api.get<ServiceItem>(`/services/items/${enc(code)}`),
  createItem: (body: ServiceItemBody) => api.post<ServiceItem>('/services/items', body),
  patchItem: (code: string, body: ServiceItemPatch) =>
    api.patch<ServiceItem>(`/services/items/${enc(code)}`, body),

  // Halls and counters.
  halls: () => api.get<ServiceHallList>('/services/halls'),
  patchHall: (hallId: string, body: ServiceHallPatch) =>
    api.patch<ServiceHall>(`/services/halls/${enc(hallId)}`, body),
  createCounter: (hallId: string, body: ServiceCounterBody) =>
    api.post<ServiceCounter>(`/services/halls/${enc(hallId)}/counters`, body),
  patchCounter: (hallId: string, counterId: string, body: Partial<ServiceCounterBody>) =>
    api.patch<ServiceCounter>(`/services/halls/${enc(hallId)}/counters/${enc(counterId)}`, body),
  signIn: (hallId: string, counterId: string) =>
    api.post<ServiceCounter>(`/services/halls/${enc(hallId)}/counters/${enc(counterId)}/sign-in`),
  board: (hallId: string) => api.get<ServiceBoard>(`/services/halls/${enc(hallId)}/board`),

  // Booking from a phone.
  slots: (hallId: string, itemCode: string, date: string) =>
    api.get<Page<ServiceSlot>>('/services/slots', { hallId, itemCode, date }),
  otp: (phone: string) => api.post<ServiceOtpSent>('/services/otp', { phone }),
  hold: (hallId: string, itemCode: string, start: string) =>
    api.post<ServiceHold>('/services/holds', { hallId, itemCode, start }),
  book: (body: ServiceBookingBody) => api.post<ServiceBooked>('/services/appointments', body),
  appointments: (f: { hallId?: string; date?: string; status?: string; page?: number; pageSize?: number }) =>
    api.get<Page<ServiceAppointment>>('/services/appointments', { ...f }),
  /** Staff read it with their session; a phone with its manage token. */
  appointment: (reference: string, token?: string) =>
    token
      ? send<ServiceAppointment>('GET', appointment(reference), manage(token))
      : api.get<ServiceAppointment>(appointment(reference)),
  cancel: (reference: string, token?: string) =>
    send<ServiceAppointment>('POST', `${appointment(reference)}/cancel`, token ? manage(token) : {}, {}),
  reschedule: (reference: string, holdId: string, token?: string) =>
    send<ServiceAppointment>('POST', `${appointment(reference)}/reschedule`, token ? manage(token) : {}, {
      holdId,
    }),
  /** Check-in gives the appointment its ticket. */
  checkIn: (reference: string, token?: string) =>
    send<ServiceAppointment>('POST', `${appointment(reference)}/check-in`, token ? manage(token) : {}, {}),

  // Queue.
  tickets: (hallId: string, status?: string, date?: string) =>
    api.get<ServiceTicketList>('/services/tickets', { hallId, status, date }),
  /** A walk-in ticket; from the kiosk it carries the kiosk's mark. */
  takeTicket: (body: ServiceTicketBody, kiosk = false) =>
    kiosk
      ? send<ServiceTicket>('POST', '/services/tickets', { 'x-ronghui-kiosk': '1' }, body)
      : api.post<ServiceTicket>('/services/tickets', body),
  callNext: (counterId: string) => api.post<ServiceTicket>('/services/tickets/call-next', { counterId }),
  recall: (id: string) => api.post<ServiceTicket>(`${ticket(id)}/recall`),
  start: (id: string) => api.post<ServiceTicket>(`${ticket(id)}/start`),
  finish: (id: string) => api.post<ServiceTicket>(`${ticket(id)}/finish`),
  noShow: (id: string) => api.post<ServiceTicket>(`${ticket(id)}/no-show`),
  transfer: (id: string, counterId: string) =>
    api.post<ServiceTicket>(`${ticket(id)}/transfer`, { counterId }),

  // Cases.
  cases: (f: CaseFilters) => api.get<ServiceCaseList>('/services/cases', { ...f }),
  case: (id: string) => api.get<ServiceCase>(`/services/cases/${enc(id)}`),
  accept: (body: ServiceCaseBody) => api.post<ServiceCase>('/services/cases', body),
  step: (id: string, body: ServiceCaseStepBody) =>
    api.post<ServiceCase>(`/services/cases/${enc(id)}/steps`, body),
  reveal: (id: string, field: ServiceRevealField, reason: string) =>
    api.post<ServiceRevealed>(`/services/cases/${enc(id)}/reveal`, { field, reason }),
  progress: (number: string, phoneLast4: string) =>
    api.get<ServiceProgress>('/services/progress', { number, phoneLast4 }),

  // 好差评 and follow-ups.
  rate: (body: ServiceRatingBody) => api.post<ServiceRating>('/services/ratings', body),
  followUps: (f: { hallId?: string; status?: string } = {}) =>
    api.get<Page<ServiceFollowUp>>('/services/follow-ups', { ...f }),
  followUpStep: (id: string, body: ServiceFollowUpStepBody) =>
    api.post<ServiceFollowUp>(`/services/follow-ups/${enc(id)}/steps`, body),

  // 上门办证.
  homeVisits: (f: { status?: string } = {}) =>
    api.get<Page<ServiceHomeVisit>>('/services/home-visits', { ...f }),
  requestHomeVisit: (body: ServiceHomeVisitBody) => api.post<ServiceHomeVisit>('/services/home-visits', body),
  homeVisitStep: (id: string, body: ServiceHomeVisitStepBody) =>
    api.post<ServiceHomeVisit>(`/services/home-visits/${enc(id)}/steps`, body),

  // Statistics and the calendar.
  stats: (q: { year?: number; from?: string; to?: string; hallId?: string }) =>
    api.get<ServiceStats>('/services/stats', { ...q }),
  deadline: (from: string, workingDays: number) =>
    api.get<ServiceDeadline>('/services/deadline', { from, workingDays }),
};

export const servicesKeys = {
  all: ['services'] as const,
  items: (filter = '') => ['services', 'items', filter] as const,
  halls: ['services', 'halls'] as const,
  tickets: (hallId: string) => ['services', 'tickets', hallId] as const,
  board: (hallId: string) => ['services', 'board', hallId] as const,
  cases: (filter: string) => ['services', 'cases', filter] as const,
  case: (id: string) => ['services', 'case', id] as const,
  appointments: (filter: string) => ['services', 'appointments', filter] as const,
  followUps: ['services', 'follow-ups'] as const,
  homeVisits: ['services', 'home-visits'] as const,
  stats: (filter: string) => ['services', 'stats', filter] as const,
};
