/**
 * Every domain event, declared once: topic → payload. Publishing an undeclared topic or a wrong payload
 * fails to compile. Events are written to the outbox in the transaction of the change and delivered
 * after commit, at least once: handlers are idempotent (they may key on `id`).
 */
export interface EventMap {
  'org.changed': { orgId: string; change: 'created' | 'updated' };
  'user.changed': {
    userId: string;
    username: string;
    change: 'created' | 'updated' | 'password' | 'unlocked';
  };
  'incident.created': {
    incidentId: string;
    number: string;
    kind: string;
    categoryCode: string;
    priority: number;
    status: string;
    stationId: string | null;
    lon: number;
    lat: number;
  };
  'incident.updated': {
    incidentId: string;
    number: string;
    status: string;
    change: 'status' | 'merged' | 'merged-into' | 'org-linked';
  };
  'intel.changed': {
    change: 'records-imported' | 'series-created' | 'series-confirmed' | 'series-rejected' | 'report-saved';
    id: string;
    count: number;
  };
  'unit.status': {
    unitId: string;
    callsign: string;
    stationId: string;
    from: string;
    status: string;
    incidentId: string | null;
    at: string;
  };
  'unit.positions': {
    stationId: string;
    positions: {
      unitId: string;
      lon: number;
      lat: number;
      speedKmh: number | null;
      heading: number | null;
      at: string;
    }[];
  };
  'request.changed': {
    requestId: string;
    incidentId: string;
    stationId: string;
    quantity: number;
    status: 'requested' | 'committed' | 'declined' | 'released';
    unitIds: string[];
    reason: string | null;
  };
  /** A joint area referred the incident up to the county command centre (cross-area support). */
  'incident.escalated': {
    incidentId: string;
    number: string;
    fromOrgId: string;
    fromName: string;
    by: string;
    reason: string;
  };
  'incident.timer': {
    incidentId: string;
    number: string;
    warning: 'dispatch-overdue' | 'arrival-warning' | 'arrival-overdue';
    sinceReceivedS: number;
    targetS: number;
  };
  'incident.units': { incidentId: string; unitIds: string[]; change: 'dispatched' | 'released' };
  'message.sent': {
    messageId: string;
    kind: 'message' | 'order';
    priority: 'normal' | 'urgent';
    incidentId: string | null;
    from: { username: string; name: string };
    /** Who it is for; the text itself is fetched (and thereby delivered) by the recipients. */
    userIds: string[];
    unitIds: string[];
  };
  'message.acknowledged': {
    messageId: string;
    kind: 'message' | 'order';
    recipientKind: 'user' | 'unit';
    recipientId: string;
    by: string;
    outstanding: number;
  };
  'emergency.raised': {
    emergencyId: string;
    priority: 'urgent';
    unitId: string;
    callsign: string;
    stationId: string;
    areaId: string | null;
    lon: number | null;
    lat: number | null;
    note: string | null;
    raisedBy: string;
    raisedAt: string;
    repeat: boolean;
    nearest: { unitId: string; callsign: string; stationId: string; etaS: number }[];
  };
  'emergency.acknowledged': { emergencyId: string; unitId: string; by: string; at: string };
  /** A road closed, slowed or reopened: every instance lays it on its graph, consoles redraw. */
  'road.event.changed': { eventId: string; change: 'created' | 'removed' };
  /** A guard point, patrol line or control area saved or deleted. */
  'patrol.changed': { featureId: string; stationId: string; change: 'created' | 'updated' | 'deleted' };
  'audit.alert': { seq: number; action: string; actor: string; outcome: 'denied' | 'error' };
}

export type Topic = keyof EventMap;

export interface EventEnvelope<T extends Topic = Topic> {
  /** Outbox id: unique and increasing per database. */
  id: number;
  tenantCode: string;
  topic: T;
  payload: EventMap[T];
  /** Orgs the event concerns, with their ancestors; empty = the whole tenant may see it. */
  orgIds: string[];
  at: string;
}
