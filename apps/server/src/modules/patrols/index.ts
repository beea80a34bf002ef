// 群防群治 patrols (巡逻): volunteer teams' tasks on patrol plan features, members' runs with their GPS
// tracks, judged by geofence and time (`@ronghui/dispatch` patrol-judge), and the sweep that flags missed
// tasks. Tables (migration 20261206T1600-create-patrols.sql): `patrol_tasks`, `patrol_runs`, `patrol_points`.
//
// Hook for other modules: `createPatrolsService({ …, onRunCompleted })` calls
// `onRunCompleted(trx, { runId, taskId, teamId, memberId, featureName, lon, lat, startedAt, endedAt })`
// inside the transaction that judges a run completed.
export { registerPatrolsRoutes } from './patrols.routes.ts';
export {
  type CompletedPatrolRun,
  createPatrolsService,
  DEFAULT_RULE as DEFAULT_PATROL_TASK_RULE,
  type PatrolsService,
} from './patrols.service.ts';
