import { api } from '../../api/http-client.ts';
import type {
  CandidatesResult,
  CrimeView,
  HeatResult,
  HotspotResult,
  IntelFilters,
  KnoxResult,
  ReportView,
  SeriesView,
} from './intel-types.ts';

export const fetchRecords = (f: IntelFilters) =>
  api.get<{ items: CrimeView[]; total: number }>('/intel/records', { ...f });
export const fetchCandidates = (id: string, k = 20) =>
  api.get<CandidatesResult>(`/intel/records/${encodeURIComponent(id)}/candidates`, { k });
export const fetchSeries = () => api.get<{ items: SeriesView[] }>('/intel/series');
export const growSeries = (seedIds: string[], name?: string) =>
  api.post<SeriesView>('/intel/series', name ? { seedIds, name } : { seedIds });
export const judgeLink = (seriesId: string, recordId: string, verdict: 'confirm' | 'reject') =>
  api.post<SeriesView>(`/intel/series/${seriesId}/${verdict}`, { recordId });
export const fetchHotspots = (f: IntelFilters & { method: 'kde' | 'gistar'; cellM: number }) =>
  api.get<HotspotResult>('/intel/hotspots', {
    method: f.method,
    cellM: f.cellM,
    area: f.area,
    category: f.category,
  });
export const fetchKnox = (f: IntelFilters) =>
  api.get<KnoxResult>('/intel/near-repeat', { ...f, iterations: 99, seed: 1 });
export const fetchHeat = (f: IntelFilters) => api.get<HeatResult>('/intel/heat', { ...f });
export const createReport = (body: { seriesId?: string; area?: string; category?: string }) =>
  api.post<ReportView>('/intel/reports', body);
export const fetchReport = (id: string) => api.get<ReportView>(`/intel/reports/${id}`);
export const saveReport = (id: string, body: { title: string; sections: { key: string; text: string }[] }) =>
  api.put<ReportView>(`/intel/reports/${id}`, body);
export const reportFileUrl = (id: string, format: 'html' | 'pdf') => `/api/intel/reports/${id}.${format}`;
