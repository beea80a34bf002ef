import type {
  CrimeLinkCandidates,
  CrimeRecordList,
  CrimeSeries,
  CrimeSeriesList,
  GrownCrimeSeries,
  IntelHeat,
  IntelHotspots,
  IntelNearRepeat,
  IntelReport,
} from '@ronghui/contracts';
import { api } from '../../api/http-client.ts';

/** The workbench's period, area (area / station / grid id) and category: the query of every analysis. */
export interface IntelFilters {
  from?: string | undefined;
  to?: string | undefined;
  area?: string | undefined;
  category?: string | undefined;
}

export const fetchRecords = (f: IntelFilters) => api.get<CrimeRecordList>('/intel/records', { ...f });
export const fetchCandidates = (id: string, k = 20) =>
  api.get<CrimeLinkCandidates>(`/intel/records/${encodeURIComponent(id)}/candidates`, { k });
export const fetchSeries = () => api.get<CrimeSeriesList>('/intel/series');
export const growSeries = (seedIds: string[], name?: string) =>
  api.post<GrownCrimeSeries>('/intel/series', name ? { seedIds, name } : { seedIds });
export const judgeLink = (seriesId: string, recordId: string, verdict: 'confirm' | 'reject') =>
  api.post<CrimeSeries>(`/intel/series/${seriesId}/${verdict}`, { recordId });
export const fetchHotspots = (f: IntelFilters & { method: 'kde' | 'gistar'; cellMeters: number }) =>
  api.get<IntelHotspots>('/intel/hotspots', {
    method: f.method,
    cellMeters: f.cellMeters,
    area: f.area,
    category: f.category,
  });
export const fetchKnox = (f: IntelFilters) =>
  api.get<IntelNearRepeat>('/intel/near-repeat', { ...f, iterations: 99, seed: 1 });
export const fetchHeat = (f: IntelFilters) => api.get<IntelHeat>('/intel/heat', { ...f });
export const createReport = (body: { seriesId?: string; area?: string; category?: string }) =>
  api.post<IntelReport>('/intel/reports', body);
export const fetchReport = (id: string) => api.get<IntelReport>(`/intel/reports/${id}`);
export const saveReport = (id: string, body: { title: string; sections: { key: string; text: string }[] }) =>
  api.put<IntelReport>(`/intel/reports/${id}`, body);
export const reportFileUrl = (id: string, format: 'html' | 'pdf') => `/api/intel/reports/${id}.${format}`;
