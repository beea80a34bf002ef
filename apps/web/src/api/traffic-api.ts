import type {
  List,
  TrafficCondition,
  TrafficDevice,
  TrafficDeviceBody,
  TrafficDevicePatch,
  TrafficHazard,
  TrafficLevel,
  TrafficOverrideBody,
  TrafficRoute,
  TrafficRules,
  TrafficSection,
  TrafficSectionBody,
  TrafficSectionPatch,
  TrafficSign,
  TrafficStoredReading,
  TrafficTemplate,
  trafficDeviceImportResult,
  trafficPlateRead,
  trafficSettings,
} from '@ronghui/contracts';
import type { z } from 'zod';
import { ApiError, problemToError } from './api-error.ts';
import { api, apiUrl } from './http-client.ts';

export type {
  TrafficCondition,
  TrafficDevice,
  TrafficDeviceBody,
  TrafficHazard,
  TrafficLevel,
  TrafficRoute,
  TrafficRules,
  TrafficSection,
  TrafficSign,
  TrafficStoredReading,
  TrafficTemplate,
};
export type TrafficPlateRead = z.infer<typeof trafficPlateRead>;
export type TrafficSettings = z.infer<typeof trafficSettings>;
export type TrafficImportResult = z.infer<typeof trafficDeviceImportResult>;

/** The demo's recorded day the server can replay. */
export const TRAFFIC_REPLAY_SCENARIO = 'jiuxianshan-2023-12-22';

/** 智慧交通: road sections, devices, signs, hazards, rules, templates and alternative routes. */
export const trafficApi = {
  sections: () => api.get<List<TrafficSection>>('/traffic/sections'),
  createSection: (body: TrafficSectionBody) => api.post<TrafficSection>('/traffic/sections', body),
  updateSection: (id: string, body: TrafficSectionPatch) =>
    api.patch<TrafficSection>(`/traffic/sections/${encodeURIComponent(id)}`, body),
  deleteSection: (id: string) => api.delete(`/traffic/sections/${encodeURIComponent(id)}`),

  devices: () => api.get<List<TrafficDevice>>('/traffic/devices'),
  createDevice: (body: TrafficDeviceBody) => api.post<TrafficDevice>('/traffic/devices', body),
  updateDevice: (id: string, body: TrafficDevicePatch) =>
    api.patch<TrafficDevice>(`/traffic/devices/${encodeURIComponent(id)}`, body),
  deleteDevice: (id: string) => api.delete(`/traffic/devices/${encodeURIComponent(id)}`),
  importDevices: (csv: string) => postText<TrafficImportResult>('/traffic/devices/import', csv),

  signs: () => api.get<List<TrafficSign>>('/traffic/signs'),
  override: (id: string, body: TrafficOverrideBody) =>
    api.post<TrafficSign>(`/traffic/signs/${encodeURIComponent(id)}/override`, body),
  clearOverride: (id: string) => api.delete(`/traffic/signs/${encodeURIComponent(id)}/override`),

  hazards: (active = true) =>
    api.get<List<TrafficHazard>>('/traffic/hazards', { active: active ? 'true' : undefined, pageSize: 500 }),
  readings: (deviceId: string, since: string) =>
    api.get<List<TrafficStoredReading>>('/traffic/readings', { deviceId, since }),
  plateReads: (page = 1) => api.get<List<TrafficPlateRead>>('/traffic/plate-reads', { page, pageSize: 50 }),

  templates: () => api.get<List<TrafficTemplate>>('/traffic/templates'),
  putTemplate: (
    condition: TrafficCondition,
    level: TrafficLevel,
    body: Omit<TrafficTemplate, 'condition' | 'level'>,
  ) => api.put<TrafficTemplate>(`/traffic/templates/${condition}/${level}`, body),
  settings: () => api.get<TrafficSettings>('/traffic/rules'),
  putRules: (rules: Partial<TrafficRules>) => api.put<TrafficSettings>('/traffic/rules', rules),

  routes: () => api.get<List<TrafficRoute>>('/traffic/routes'),
  createRoute: (body: { name: string; from: [number, number]; to: [number, number] }) =>
    api.post<TrafficRoute>('/traffic/routes', body),
  deleteRoute: (id: string) => api.delete(`/traffic/routes/${encodeURIComponent(id)}`),

  replay: () => api.post<unknown>('/traffic/replay', { scenario: TRAFFIC_REPLAY_SCENARIO }),
};

/** The standard exports, linked from the page (opened by the browser, not read by the console). */
export const trafficFeeds = { cap: apiUrl('/traffic/cap'), datex: apiUrl('/traffic/datex') };

export const trafficKeys = {
  all: ['traffic'] as const,
  sections: ['traffic', 'sections'] as const,
  devices: ['traffic', 'devices'] as const,
  signs: ['traffic', 'signs'] as const,
  hazards: ['traffic', 'hazards'] as const,
  readings: (deviceId: string) => ['traffic', 'readings', deviceId] as const,
  plates: (page: number) => ['traffic', 'plates', page] as const,
  templates: ['traffic', 'templates'] as const,
  rules: ['traffic', 'rules'] as const,
  routes: ['traffic', 'routes'] as const,
};

/** A text body (the CSV import); errors come back as problem documents like every other call. */
async function postText<T>(path: string, text: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(apiUrl(path), {
      method: 'POST',
      headers: { accept: 'application/json, application/problem+json', 'content-type': 'text/csv' },
      credentials: 'same-origin',
      body: text,
    });
  } catch (cause) {
    throw new ApiError({
      status: 0,
      title: 'Network error',
      detail: cause instanceof Error ? cause.message : undefined,
    });
  }
  const type = response.headers.get('content-type') ?? '';
  const parsed: unknown = type.includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) throw problemToError(response.status, response.statusText, parsed);
  return parsed as T;
}
