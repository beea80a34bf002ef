import type {
  MyPatrolTaskList,
  PatrolFeatureOptions,
  PatrolLive,
  PatrolRunDetail,
  PatrolTask,
  PatrolTaskCreateBody,
  PatrolTaskDetail,
  PatrolTaskList,
} from '@ronghui/contracts';
import { api } from './http-client.ts';

export interface PatrolTaskFilters {
  teamId?: string | undefined;
  date?: string | undefined;
  status?: string | undefined;
  page: number;
  pageSize: number;
}

export const patrolKeys = {
  all: ['patrols'] as const,
  tasks: (f: PatrolTaskFilters) => ['patrols', 'tasks', f] as const,
  task: (id: string) => ['patrols', 'task', id] as const,
  run: (id: string) => ['patrols', 'run', id] as const,
  mine: ['patrols', 'mine'] as const,
  live: ['patrols', 'live'] as const,
  features: ['patrols', 'features'] as const,
};

/** 群防群治 patrols: the console's tasks and runs, the command map's live layer and the volunteer's own. */
export const patrolsApi = {
  features: () => api.get<PatrolFeatureOptions>('/patrols/features'),
  tasks: (f: PatrolTaskFilters) =>
    api.get<PatrolTaskList>('/patrols/tasks', {
      teamId: f.teamId,
      date: f.date,
      status: f.status,
      page: f.page,
      pageSize: f.pageSize,
    }),
  task: (id: string) => api.get<PatrolTaskDetail>(`/patrols/tasks/${encodeURIComponent(id)}`),
  createTask: (body: PatrolTaskCreateBody) => api.post<PatrolTask>('/patrols/tasks', body),
  cancel: (id: string, reason: string) =>
    api.post<PatrolTask>(`/patrols/tasks/${encodeURIComponent(id)}/cancel`, { reason }),
  run: (id: string) => api.get<PatrolRunDetail>(`/patrols/runs/${encodeURIComponent(id)}`),
  live: () => api.get<PatrolLive>('/patrols/live'),
  mine: () => api.get<MyPatrolTaskList>('/patrols/mine'),
  /** Full URLs for the phone's offline outbox. */
  urls: {
    checkIn: (taskId: string) => `/api/patrols/tasks/${encodeURIComponent(taskId)}/check-in`,
    points: (runId: string) => `/api/patrols/runs/${encodeURIComponent(runId)}/points`,
    checkOut: (runId: string) => `/api/patrols/runs/${encodeURIComponent(runId)}/check-out`,
  },
};
