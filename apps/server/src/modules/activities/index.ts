// 群防群治 activity records, recognition points, the monthly ranking and certificates.
//
// The API other modules build on:
// - `recordPatrolActivity(trx, { runId, taskId, teamId, memberId, placeName, lon, lat, startedAt, endedAt,
//   geofenceVerified?, actorId? })` → `{ activityId, status, created }`: a completed volunteer patrol run
//   becomes one patrol record, idempotently on runId (a second call returns the first record). A
//   geofence-verified run is confirmed at once with its points; any other waits as submitted for the
//   team's station. Runs in the caller's transaction; `ActivitiesService.recordPatrolActivity(trx, actor,
//   input)` does the same and writes the audit record too.
// - `ActivitiesService.figures(tenantCode, { teamIds, from, to })` → the activity part of
//   `GET /api/volunteers/stats` (counts of confirmed records per kind, hours, per team and township, and
//   the call-out response rate and median time to filled).
//
// Tables (migration 20261206T1610-create-volunteer-activities.sql): `volunteer_activities` and
// `volunteer_activity_people` (member, role lead/participant, China-time day, points once confirmed).
export { createActivitiesRepo, type ActivitiesRepo } from './activities.repo.ts';
export { registerActivitiesRoutes } from './activities.routes.ts';
export {
  type ActivitiesService,
  createActivitiesService,
  type PatrolActivityInput,
  periodRange,
  recordPatrolActivity,
} from './activities.service.ts';
