import type {
  GridCoverage,
  GridFeatureCollection,
  GridImportBody,
  GridImportResult,
  GridLayer,
  GridList,
  RosterCreateBody,
  RosterEndBody,
  RosterEntry,
  RosterList,
  RosterRevealBody,
  RosterRevealed,
  RosterSummary,
} from '@ronghui/contracts';
import { api } from './http-client.ts';

export const gridApi = {
  list: (layer: GridLayer) => api.get<GridList>('/grids', { layer }),
  geojson: () => api.get<GridFeatureCollection>('/grids/geojson'),
  summary: () => api.get<RosterSummary>('/grid/rosters/summary'),
  /** The current appointments in the caller's scope (a grid worker: their police grid and its community grids). */
  rostersInScope: () => api.get<RosterList>('/grid/rosters'),
  rosters: (gridId: string, history = false) =>
    api.get<RosterList>('/grid/rosters', { gridId, ...(history ? { history: 'true' } : {}) }),
  coverage: (lon: number, lat: number) => api.get<GridCoverage>('/grid/coverage', { lon, lat }),
  importCommunity: (body: GridImportBody) => api.post<GridImportResult>('/grids/import', body),
  appoint: (body: RosterCreateBody) => api.post<RosterEntry>('/grid/rosters', body),
  end: (id: string, body: RosterEndBody) =>
    api.post<RosterEntry>(`/grid/rosters/${encodeURIComponent(id)}/end`, body),
  reveal: (id: string, body: RosterRevealBody) =>
    api.post<RosterRevealed>(`/grid/rosters/${encodeURIComponent(id)}/reveal`, body),
};
