import { z } from 'zod';
import { isoDateTime } from './common.ts';

/**
 * The live channel (`/api/ws`): every domain event, declared once as topic → payload schema. The server
 * writes them to its outbox in the transaction of the change and delivers them after commit, at least once
 * (handlers are idempotent, they may key on the event's `id`); the console receives those its user may see.
 */

export const liveEvents = {
  'org.changed': z.object({ orgId: z.string(), change: z.enum(['created', 'updated']) }),
  'user.changed': z.object({
    userId: z.string(),
    username: z.string(),
    change: z.enum(['created', 'updated', 'password', 'unlocked']),
  }),
  'incident.created': z.object({
    incidentId: z.string(),
    number: z.string(),
    kind: z.string(),
    categoryCode: z.string(),
    priority: z.number().int(),
    status: z.string(),
    stationId: z.string().nullable(),
    lon: z.number(),
    lat: z.number(),
  }),
  'incident.updated': z.object({
    incidentId: z.string(),
    number: z.string(),
    status: z.string(),
    change: z.enum([
      'status',
      'merged',
      'merged-into',
      'org-linked',
      'note',
      'photo',
      'unit-status',
      'backup',
      'grid-case',
    ]),
  }),
  /** 一呼百应: a call-out was raised, widened, answered, filled, expired or cancelled (the command room). */
  'callout.changed': z.object({
    calloutId: z.string(),
    incidentId: z.string().nullable(),
    status: z.enum(['open', 'filled', 'expired', 'cancelled']),
    change: z.enum([
      'created',
      'widened',
      'accepted',
      'declined',
      'filled',
      'expired',
      'cancelled',
      'delivery',
    ]),
    needed: z.number().int(),
    accepted: z.number().int(),
    ring: z.number().int(),
    lon: z.number(),
    lat: z.number(),
  }),
  /** A volunteer's own call changed (alerted, filled, closed): addressed to them alone, no details. */
  'callout.alert': z.object({
    calloutId: z.string(),
    change: z.enum(['alerted', 'accepted', 'declined', 'filled', 'expired', 'cancelled']),
  }),
  /** A hazard (隐患) or grid case was reported, moved a step, got a photo or fell behind its deadline. */
  'hazard.changed': z.object({
    hazardId: z.string(),
    number: z.string(),
    kind: z.string(),
    status: z.string(),
    change: z.enum(['created', 'step', 'photo', 'incident', 'overdue']),
    gridId: z.string().nullable(),
    stationId: z.string().nullable(),
    lon: z.number(),
    lat: z.number(),
  }),
  'intel.changed': z.object({
    change: z.enum([
      'records-imported',
      'series-created',
      'series-confirmed',
      'series-rejected',
      'report-saved',
    ]),
    id: z.string(),
    count: z.number().int(),
  }),
  'unit.status': z.object({
    unitId: z.string(),
    callsign: z.string(),
    stationId: z.string(),
    from: z.string(),
    status: z.string(),
    incidentId: z.string().nullable(),
    at: isoDateTime,
  }),
  /** Fixes of one station's units (live only: not replayed from the outbox). */
  'unit.positions': z.object({
    stationId: z.string(),
    positions: z.array(
      z.object({
        unitId: z.string(),
        lon: z.number(),
        lat: z.number(),
        speedKmh: z.number().nullable(),
        heading: z.number().nullable(),
        at: isoDateTime,
      }),
    ),
  }),
  'request.changed': z.object({
    requestId: z.string(),
    incidentId: z.string(),
    stationId: z.string(),
    quantity: z.number().int(),
    status: z.enum(['requested', 'committed', 'declined', 'released']),
    unitIds: z.array(z.string()),
    reason: z.string().nullable(),
  }),
  /** A joint area referred the incident up to the county command centre (cross-area support). */
  'incident.escalated': z.object({
    incidentId: z.string(),
    number: z.string(),
    fromOrgId: z.string(),
    fromName: z.string(),
    by: z.string(),
    reason: z.string(),
  }),
  /** 请求增援: an officer working the incident asks the command room for more units. */
  'incident.backup': z.object({
    incidentId: z.string(),
    number: z.string(),
    quantity: z.number().int(),
    unitId: z.string().nullable(),
    callsign: z.string().nullable(),
    by: z.string(),
    reason: z.string(),
    at: z.string(),
  }),
  /** An incident's clock passed a warning point: not dispatched in time, arrival target near or missed. */
  'incident.timer': z.object({
    incidentId: z.string(),
    number: z.string(),
    warning: z.enum(['dispatch-overdue', 'arrival-warning', 'arrival-overdue']),
    sinceReceivedSeconds: z.number(),
    targetSeconds: z.number(),
  }),
  'incident.units': z.object({
    incidentId: z.string(),
    unitIds: z.array(z.string()),
    change: z.enum(['dispatched', 'released']),
  }),
  'message.sent': z.object({
    messageId: z.string(),
    kind: z.enum(['message', 'order']),
    priority: z.enum(['normal', 'urgent']),
    incidentId: z.string().nullable(),
    from: z.object({ username: z.string(), name: z.string() }),
    /** Who it is for; the text itself is fetched (and thereby delivered) by the recipients. */
    userIds: z.array(z.string()),
    unitIds: z.array(z.string()),
  }),
  'message.acknowledged': z.object({
    messageId: z.string(),
    kind: z.enum(['message', 'order']),
    recipientKind: z.enum(['user', 'unit']),
    recipientId: z.string(),
    by: z.string(),
    outstanding: z.number().int(),
  }),
  /** A unit's emergency button: reaches every client in scope, subscribed or not. */
  'emergency.raised': z.object({
    emergencyId: z.string(),
    priority: z.literal('urgent'),
    unitId: z.string(),
    callsign: z.string(),
    stationId: z.string(),
    areaId: z.string().nullable(),
    lon: z.number().nullable(),
    lat: z.number().nullable(),
    note: z.string().nullable(),
    raisedBy: z.string(),
    raisedAt: isoDateTime,
    repeat: z.boolean(),
    /** The nearest available units by road, fastest first. */
    nearest: z.array(
      z.object({ unitId: z.string(), callsign: z.string(), stationId: z.string(), etaSeconds: z.number() }),
    ),
  }),
  'emergency.acknowledged': z.object({
    emergencyId: z.string(),
    unitId: z.string(),
    by: z.string(),
    at: isoDateTime,
  }),
  /** A road closed, slowed or reopened: every instance lays it on its graph, consoles redraw. */
  'road.event.changed': z.object({ eventId: z.string(), change: z.enum(['created', 'removed']) }),
  /** A guard point, patrol line or control area saved or deleted. */
  'patrol.changed': z.object({
    featureId: z.string(),
    stationId: z.string(),
    change: z.enum(['created', 'updated', 'deleted']),
  }),
  /** 群防群治 patrols: a task created, cancelled or missed, a run checked in or out, or its track grew. */
  'patrol.task.changed': z.object({
    taskId: z.string(),
    runId: z.string().nullable(),
    teamId: z.string(),
    stationId: z.string(),
    status: z.string(),
    change: z.enum(['created', 'cancelled', 'missed', 'checked-in', 'track', 'checked-out']),
    lon: z.number().nullable(),
    lat: z.number().nullable(),
  }),
  /** 智慧交通: a road-weather hazard started, changed level or ended on a section. */
  'traffic.hazard.changed': z.object({
    hazardId: z.string(),
    sectionId: z.string(),
    condition: z.string(),
    level: z.string(),
    change: z.enum(['started', 'changed', 'ended']),
  }),
  /** What a sign shows changed, or its controller acknowledged or failed to. */
  'traffic.sign.changed': z.object({
    signId: z.string(),
    text: z.string(),
    source: z.string(),
    delivery: z.enum(['ok', 'pending', 'failed']),
  }),
  /** Sections, devices, rules or templates edited, or a device went on- or offline. */
  'traffic.device.changed': z.object({
    deviceId: z.string().nullable(),
    change: z.enum(['config', 'online', 'offline']),
  }),
  /** The best routes between the configured points were computed again. */
  'traffic.route.changed': z.object({ routes: z.number().int() }),
  /** 一窗通办: a ticket was issued, called, recalled, transferred, served or missed in a hall. */
  'services.ticket.changed': z.object({
    ticketId: z.string(),
    hallId: z.string(),
    number: z.string(),
    status: z.string(),
    counterId: z.string().nullable(),
  }),
  /** A case (办件) moved on, came near its deadline, or a bad review opened a follow-up. */
  'services.case.changed': z.object({
    caseId: z.string().nullable(),
    hallId: z.string(),
    change: z.enum([
      'accepted',
      'processing',
      'completed',
      'delivered',
      'cancelled',
      'due-soon',
      'bad-review',
    ]),
  }),
  /** A red (high-risk) dispute was registered: its station hears of it at once. */
  'dispute.alert': z.object({
    disputeId: z.string(),
    number: z.string(),
    kind: z.string(),
    risk: z.enum(['red', 'yellow', 'blue']),
    stationId: z.string().nullable(),
    gridId: z.string().nullable(),
    address: z.string().nullable(),
    at: isoDateTime,
  }),
  /** 反诈预警: a warning was issued, signed, called, dissuaded, fed back or went overdue. */
  'outreach.warning.changed': z.object({
    warningId: z.string(),
    stationId: z.string().nullable(),
    risk: z.enum(['high', 'medium', 'low']),
    status: z.enum(['issued', 'signed', 'dissuaded', 'feedback']),
    change: z.enum(['issued', 'signed', 'called', 'dissuaded', 'feedback', 'overdue']),
  }),
  'audit.alert': z.object({
    seq: z.number().int(),
    action: z.string(),
    actor: z.string(),
    outcome: z.enum(['denied', 'error']),
  }),
} as const;

/** A topic of the live channel (`incident.created`, `unit.positions` …). */
export type Topic = keyof typeof liveEvents;
export const topics = Object.keys(liveEvents) as Topic[];

/** Topic → payload. */
export type EventMap = { [K in Topic]: z.infer<(typeof liveEvents)[K]> };

/**
 * What a subscriber asks for: a topic, or every topic under a prefix (`incident.*`), or `*` for all. The
 * server matches the same way (`platform/ws/ws-hub.ts#topicMatches`).
 */
export type TopicPattern = Topic | `${Topic extends `${infer Prefix}.${string}` ? Prefix : never}.*` | '*';

/** The topics a pattern stands for. */
export type TopicsOf<P extends TopicPattern> = P extends '*'
  ? Topic
  : P extends `${infer Prefix}.*`
    ? Extract<Topic, `${Prefix}.${string}`>
    : Extract<P, Topic>;

/** Does a topic fall under a pattern? */
export function topicMatches(pattern: string, topic: string): boolean {
  if (pattern === '*' || pattern === topic) return true;
  return pattern.endsWith('.*') && topic.startsWith(pattern.slice(0, -1));
}

/** A topic pattern as the client sends it. */
const topicPattern = z.string().regex(/^[a-z0-9.*-]{1,64}$/);

/** What a client sends over `/api/ws`. */
export const liveClientMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('subscribe'), topics: z.array(topicPattern).min(1).max(50) }).strict(),
  z.object({ type: z.literal('unsubscribe'), topics: z.array(z.string().max(64)).min(1).max(50) }).strict(),
  z.object({ type: z.literal('ping') }).strict(),
]);
export type LiveClientMessage = z.infer<typeof liveClientMessage>;

/** One event as a client receives it: `LiveEventMessage<'unit.status'>` carries that topic's payload. */
export type LiveEventMessage<T extends Topic = Topic> = {
  [K in T]: {
    type: 'event';
    /** Outbox id: unique and increasing per database (0 for live-only events such as unit positions). */
    id: number;
    topic: K;
    /** When the event was written. */
    at: string;
    payload: EventMap[K];
  };
}[T];

const eventMessageOf = <T extends Topic>(topic: T) =>
  z.object({
    type: z.literal('event'),
    id: z.number().int(),
    topic: z.literal(topic),
    at: isoDateTime,
    payload: liveEvents[topic],
  });

/** An event as the server sends it over `/api/ws`, its payload checked against its topic's schema. */
export const liveEventMessage = z.discriminatedUnion(
  'topic',
  topics.map(eventMessageOf) as unknown as [ReturnType<typeof eventMessageOf>],
) as unknown as z.ZodType<LiveEventMessage>;

/** Everything the server sends over `/api/ws`. */
export const liveServerMessage = z.union([
  z.object({ type: z.literal('welcome'), user: z.string() }),
  z.object({ type: z.literal('subscribed'), topics: z.array(z.string()) }),
  z.object({ type: z.literal('pong') }),
  z.object({ type: z.literal('error'), message: z.string() }),
  liveEventMessage,
]);
export type LiveServerMessage = z.infer<typeof liveServerMessage>;
