import { z } from 'zod';
import { isoDate, isoDateTime, listOf, pageQuery, uuidOf, uuidParams } from './common.ts';
import { patrolPlanKind } from './dispatch.ts';

/**
 * 群防群治 patrols (巡逻): a volunteer team's task on a guard point, patrol line or control area within a
 * time window; members check in, post their GPS track in batches and check out; the run is judged by
 * geofence and time (completed / incomplete); a task whose window ended without a completed run is missed.
 */

export const PATROL_TASK_STATUSES = ['planned', 'active', 'completed', 'missed', 'cancelled'] as const;
export type PatrolTaskStatus = (typeof PATROL_TASK_STATUSES)[number];
export const PATROL_RUN_STATUSES = ['active', 'completed', 'incomplete'] as const;
export type PatrolRunStatus = (typeof PATROL_RUN_STATUSES)[number];

/** The most points one request may carry (a phone sends its outbox in batches of at most this). */
export const PATROL_POINTS_MAX = 500;

/** What completes the task (defaults: 100 m and 10 min at a point, 80 % of a line, 15 min in an area). */
export const patrolRule = z.object({
  radiusM: z.number().int().min(20).max(1000),
  minDwellMinutes: z.number().int().min(1).max(720),
  lineShare: z.number().min(0.1).max(1),
  lineToleranceM: z.number().int().min(10).max(500),
  minInsideMinutes: z.number().int().min(1).max(720),
});
export type PatrolRule = z.infer<typeof patrolRule>;

export const patrolTaskCreateBody = z
  .object({
    teamId: uuidOf('a volunteer team'),
    featureId: uuidOf('a patrol plan feature'),
    startsAt: isoDateTime,
    endsAt: isoDateTime,
    /** The members assigned; empty or left out: the whole team. */
    memberIds: z.array(uuidOf('a volunteer')).max(200).default([]),
    note: z.string().trim().max(500).optional(),
    rule: patrolRule.partial().strict().optional(),
  })
  .strict();
export type PatrolTaskCreateBody = z.input<typeof patrolTaskCreateBody>;

export const patrolTaskQuery = pageQuery
  .extend({
    teamId: uuidOf('a volunteer team').optional(),
    /** China date (YYYY-MM-DD) the window touches. */
    date: isoDate.optional(),
    status: z.enum(PATROL_TASK_STATUSES).optional(),
  })
  .strict();
export type PatrolTaskQuery = z.infer<typeof patrolTaskQuery>;

export const patrolTaskParams = uuidParams('a patrol task');
export const patrolRunParams = uuidParams('a patrol run');

export const patrolCancelBody = z
  .object({ reason: z.string().trim().min(1, 'must not be empty').max(200) })
  .strict();
export type PatrolCancelBody = z.infer<typeof patrolCancelBody>;

const position = z.tuple([z.number(), z.number()]);
export const patrolGeometry = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Point'), coordinates: position }),
  z.object({ type: z.literal('LineString'), coordinates: z.array(position) }),
  z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(position)) }),
]);

export const patrolJudgement = z.object({
  completed: z.boolean(),
  pointsUsed: z.number().int(),
  insideS: z.number().nullable(),
  lineShare: z.number().nullable(),
  required: z.number(),
  reason: z.enum(['no-points', 'too-short', 'line-not-covered']).nullable(),
});
export type PatrolJudgement = z.infer<typeof patrolJudgement>;

export const patrolTask = z.object({
  id: z.string(),
  teamId: z.string(),
  teamName: z.string().nullable(),
  stationId: z.string(),
  featureId: z.string(),
  featureKind: patrolPlanKind,
  featureName: z.string(),
  geometry: patrolGeometry,
  /** Where to show it: the point, the line's middle, the area's centre. */
  place: z.object({ lon: z.number(), lat: z.number() }),
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  /** Empty: the whole team. */
  memberIds: z.array(z.string()),
  status: z.enum(PATROL_TASK_STATUSES),
  rule: patrolRule,
  note: z.string().nullable(),
  runs: z.number().int(),
  completedRunId: z.string().nullable(),
  createdBy: z.string(),
  createdAt: isoDateTime,
  cancelledAt: isoDateTime.nullable(),
  cancelReason: z.string().nullable(),
  demo: z.boolean(),
});
export type PatrolTask = z.infer<typeof patrolTask>;
export const patrolTaskList = listOf(patrolTask);
export type PatrolTaskList = z.infer<typeof patrolTaskList>;

export const patrolRun = z.object({
  id: z.string(),
  taskId: z.string(),
  teamId: z.string(),
  memberId: z.string(),
  /** Masked. */
  memberName: z.string(),
  status: z.enum(PATROL_RUN_STATUSES),
  startedAt: isoDateTime,
  endedAt: isoDateTime.nullable(),
  points: z.number().int(),
  lastPosition: z.object({ lon: z.number(), lat: z.number(), at: isoDateTime }).nullable(),
  judgement: patrolJudgement.nullable(),
});
export type PatrolRun = z.infer<typeof patrolRun>;

export const patrolTrackPoint = z.object({
  lon: z.number(),
  lat: z.number(),
  accuracyM: z.number().nullable(),
  at: isoDateTime,
});
export type PatrolTrackPoint = z.infer<typeof patrolTrackPoint>;

export const patrolRunDetail = patrolRun.extend({ task: patrolTask, track: z.array(patrolTrackPoint) });
export type PatrolRunDetail = z.infer<typeof patrolRunDetail>;

export const patrolTaskDetail = patrolTask.extend({ runList: z.array(patrolRun) });
export type PatrolTaskDetail = z.infer<typeof patrolTaskDetail>;

/** A volunteer's task with their own latest run on it. */
export const myPatrolTask = z.object({ task: patrolTask, run: patrolRun.nullable() });
export type MyPatrolTask = z.infer<typeof myPatrolTask>;
export const myPatrolTaskList = listOf(myPatrolTask);
export type MyPatrolTaskList = z.infer<typeof myPatrolTaskList>;

export const patrolCheckInBody = z
  .object({
    lon: z.number().min(-180).max(180).optional(),
    lat: z.number().min(-90).max(90).optional(),
    accuracyM: z.number().nonnegative().max(100_000).optional(),
    /** When the phone checked in (an outbox may send it later); default now. */
    at: isoDateTime.optional(),
  })
  .strict();
export type PatrolCheckInBody = z.infer<typeof patrolCheckInBody>;

export const patrolCheckOutBody = z.object({ at: isoDateTime.optional() }).strict();
export type PatrolCheckOutBody = z.infer<typeof patrolCheckOutBody>;

export const patrolPoint = z
  .object({
    lon: z.number().min(-180).max(180),
    lat: z.number().min(-90).max(90),
    accuracyM: z.number().nonnegative().max(100_000).optional(),
    at: isoDateTime,
  })
  .strict();
export type PatrolPoint = z.infer<typeof patrolPoint>;

export const patrolPointsBody = z
  .object({ points: z.array(patrolPoint).min(1).max(PATROL_POINTS_MAX) })
  .strict();
export type PatrolPointsBody = z.infer<typeof patrolPointsBody>;
/** Accepted: newly stored; duplicates: already stored for that run and instant (a resend). */
export const patrolPointsResult = z.object({ accepted: z.number().int(), duplicates: z.number().int() });
export type PatrolPointsResult = z.infer<typeof patrolPointsResult>;

/** The command map's layer: active runs with their track and target. */
export const patrolLiveRun = z.object({
  run: patrolRun,
  task: patrolTask,
  track: z.array(position),
});
export const patrolLive = listOf(patrolLiveRun);
export type PatrolLive = z.infer<typeof patrolLive>;

/** Patrol plan features a station may give its teams (with the team-leading stations in scope). */
export const patrolFeatureOption = z.object({
  id: z.string(),
  kind: patrolPlanKind,
  name: z.string(),
  stationId: z.string(),
  geometry: patrolGeometry,
});
export const patrolFeatureOptions = listOf(patrolFeatureOption);
export type PatrolFeatureOptions = z.infer<typeof patrolFeatureOptions>;
