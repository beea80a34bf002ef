import { api } from '../../../api/http-client.ts';
import type { PlanGeometry, PlanKind } from './plan-editor.ts';

export interface CoverageShare {
  minutes: number;
  villages: number;
  population: number;
  villageShare: number;
  populationShare: number;
}

export interface CoverageRow {
  /** `all` for the county, else the joint area's org id. */
  key: string;
  name: string;
  villages: number;
  population: number;
  within: CoverageShare[];
}

export interface CoverageVillage {
  code: string;
  name: string;
  lon: number;
  lat: number;
  /** Road time of the first available unit; null when none reaches the village. */
  arrivalS: number | null;
}

export interface CoverageView {
  at: string;
  availableUnits: number;
  minutes: number[];
  rows: CoverageRow[];
  villages: CoverageVillage[];
}

export interface PlanProperties {
  id: string;
  kind: PlanKind;
  name: string;
  stationId: string;
  stationName: string;
  unitIds: string[];
  note: string | null;
}

export interface PlanFeature {
  type: 'Feature';
  id: string;
  geometry: PlanGeometry;
  properties: PlanProperties;
}

export interface PlanInput {
  kind: PlanKind;
  name: string;
  geometry: PlanGeometry;
  stationId: string;
  unitIds: string[];
  note?: string;
}

export const closureCauses = [
  'accident',
  'landslide',
  'flood',
  'ice',
  'fog',
  'works',
  'control',
  'other',
] as const;
export type ClosureCause = (typeof closureCauses)[number];

export interface ClosureView {
  id: string;
  cause: ClosureCause;
  kind: 'closure' | 'slowdown';
  speedFactor: number | null;
  note: string | null;
  edges: number[];
  createdAt: string;
  createdBy: string;
  until: string | null;
}

export interface NewClosure {
  cause: ClosureCause;
  note?: string;
  until?: string;
  place: { kind: 'edges'; edges: number[] };
}

export const plansApi = {
  coverage: (minutes = '3,5,10') => api.get<CoverageView>('/coverage', { minutes }),
  plans: () => api.get<{ type: 'FeatureCollection'; features: PlanFeature[] }>('/patrol-plans'),
  createPlan: (body: PlanInput) => api.post<PlanFeature>('/patrol-plans', body),
  updatePlan: (id: string, body: PlanInput) => api.put<PlanFeature>(`/patrol-plans/${id}`, body),
  deletePlan: (id: string) => api.delete(`/patrol-plans/${id}`),
  closures: () => api.get<ClosureView[]>('/routing/closures'),
  addClosure: (body: NewClosure) => api.post<ClosureView>('/routing/closures', body),
  reopen: (id: string) => api.delete(`/routing/closures/${id}`),
};
