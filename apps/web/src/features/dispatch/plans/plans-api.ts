import type {
  CoverageReport,
  PatrolPlanBody,
  PatrolPlanFeature,
  PatrolPlanList,
  RoadClosure,
  RoadClosureBody,
  RoadClosureCause,
  RoadClosureList,
} from '@ronghui/contracts';
import { api } from '../../../api/http-client.ts';

/** Causes in the order the closure form offers them (most frequent first). */
export const closureCauses = [
  'accident',
  'landslide',
  'flood',
  'ice',
  'fog',
  'works',
  'control',
  'other',
] as const satisfies readonly RoadClosureCause[];

export const plansApi = {
  coverage: (minutes = '3,5,10') => api.get<CoverageReport>('/coverage', { minutes }),
  plans: () => api.get<PatrolPlanList>('/patrol-plans'),
  createPlan: (body: PatrolPlanBody) => api.post<PatrolPlanFeature>('/patrol-plans', body),
  updatePlan: (id: string, body: PatrolPlanBody) => api.put<PatrolPlanFeature>(`/patrol-plans/${id}`, body),
  deletePlan: (id: string) => api.delete(`/patrol-plans/${id}`),
  closures: () => api.get<RoadClosureList>('/routing/closures'),
  addClosure: (body: RoadClosureBody) => api.post<RoadClosure>('/routing/closures', body),
  reopen: (id: string) => api.delete(`/routing/closures/${id}`),
};
