import { randomUUID } from 'node:crypto';
import type {
  Callout,
  CalloutCreateBody,
  CalloutList,
  IncidentCalloutBody,
  MyCallout,
  MyCalloutList,
  PushMessage,
  VolunteerLivePositionList,
  VolunteerPositionBody,
} from '@ronghui/contracts';
import {
  answer,
  type CalloutSetting,
  type CalloutStatus,
  calloutSetting,
  DEFAULT_COOLDOWN_MS,
  MAX_RINGS,
  nextWave,
  type RecipientState,
  retryDelayMs,
  ringSeconds,
} from '@ronghui/dispatch';
import { haversine } from '@ronghui/geo';
import { maskContactsInText } from '@ronghui/ids';
import type { Kysely, Selectable } from 'kysely';
import type { Logger } from 'pino';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { canReach, requireRole } from '../../platform/auth/guard.ts';
import { READ_ACCESS } from '../../platform/auth/read-access.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { EventBus } from '../../platform/bus/bus.ts';
import { enqueue } from '../../platform/bus/outbox.ts';
import type { Clock } from '../../platform/clock.ts';
import type { CalloutsTable, DB } from '../../platform/db/schema.ts';
import { conflict, DomainError, invalid, notFound } from '../../platform/http/errors.ts';
import type { FieldCrypto } from '../../platform/privacy/field-crypto.ts';
import { appendTimelineEntry, type IncidentsService, incidentAudience } from '../incidents/index.ts';
import type { OrgsService } from '../orgs/index.ts';
import type { PushService } from '../push/index.ts';
import type { RoutingService } from '../routing/index.ts';
import type { VolunteersService } from '../volunteers/index.ts';
import { type VolunteerRoster, vettingLevel } from './volunteer-roster.ts';

type CalloutRow = Selectable<CalloutsTable>;
type LngLat = readonly [number, number];

const COMMAND = ['dispatcher', 'commander'] as const;
/** Faster than any road of the county (120 km/h): the straight-line bound of a ring in road seconds. */
const MAX_ROAD_SPEED_MS = 120 / 3.6;
const STATION = ['dispatcher', 'commander', 'officer', 'auxiliary'] as const;
const READ = ['dispatcher', 'commander', 'officer', 'auxiliary', 'leader'] as const;
const VOLUNTEER = ['volunteer'] as const;

export interface CalloutSettings {
  /** Seconds without enough acceptances before the next ring is alerted. */
  widenSeconds: number;
  /** Default minutes until a call-out expires. */
  expireMinutes: number;
  /** Minutes a volunteer is left in peace after an alert. */
  cooldownMinutes: number;
  /** SMS gateway webhook (POST JSON); unset: no SMS. */
  smsWebhook: string | undefined;
  smsToken: string | undefined;
  /** Where the gateway posts receipts (told to it with each message). */
  receiptUrl: string | undefined;
}

export type SmsTransport = (
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: string },
) => Promise<{ status: number; json(): Promise<unknown> }>;

export interface CalloutsDeps {
  db: Kysely<DB>;
  roster: VolunteerRoster;
  volunteers: Pick<VolunteersService, 'memberByUserId' | 'reportPosition'>;
  incidents: IncidentsService;
  orgs: OrgsService;
  routing: Pick<RoutingService, 'travelTimes'>;
  push: Pick<PushService, 'notifyUsers'>;
  crypto: FieldCrypto;
  audit: AuditService;
  bus: EventBus;
  clock: Clock;
  log: Logger;
  settings: CalloutSettings;
  sms?: SmsTransport;
}

const iso = (d: Date | string) => new Date(d).toISOString();
/** About a kilometre: the point a volunteer sees before accepting. */
const roughly = (x: number) => Math.round(x * 100) / 100;

export function createCalloutsService(deps: CalloutsDeps) {
  const { db, roster, volunteers, incidents, orgs, routing, push, crypto, audit, bus, clock, log, settings } =
    deps;
  const sms: SmsTransport =
    deps.sms ??
    (async (url, init) => {
      const res = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
      return { status: res.status, json: () => res.json() };
    });
  const cooldownMs = settings.cooldownMinutes * 60_000 || DEFAULT_COOLDOWN_MS;

  async function audienceOf(
    trx: Kysely<DB>,
    row: Pick<CalloutRow, 'tenant_code' | 'incident_id' | 'org_id'>,
  ) {
    if (row.incident_id) return incidentAudience(trx, row.tenant_code, row.incident_id);
    const dir = await orgs.directory(row.tenant_code);
    return dir.pathOf(row.org_id);
  }

  async function reaches(principal: Principal, row: CalloutRow): Promise<boolean> {
    if (principal.scopeKind === 'tenant') return true;
    const audience = await audienceOf(db, row);
    // The audience holds the orgs with their ancestors: the principal's scope org must be among them.
    return canReach(principal, audience);
  }

  async function load(principal: Principal, id: string, executor: Kysely<DB> = db) {
    const row = await executor
      .selectFrom('callouts')
      .selectAll()
      .where('tenant_code', '=', principal.tenantCode)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('call-out', id);
    return row;
  }

  async function announce(
    trx: Kysely<DB>,
    row: CalloutRow,
    change: 'created' | 'widened' | 'accepted' | 'declined' | 'filled' | 'expired' | 'cancelled' | 'delivery',
  ) {
    await enqueue(
      trx,
      row.tenant_code,
      'callout.changed',
      {
        calloutId: row.id,
        incidentId: row.incident_id,
        status: row.status as CalloutStatus,
        change,
        needed: row.needed,
        accepted: row.accepted,
        ring: row.ring,
        lon: row.lon,
        lat: row.lat,
      },
      await audienceOf(trx, row),
    );
  }

  async function tell(
    trx: Kysely<DB>,
    tenantCode: string,
    calloutId: string,
    userIds: (string | null)[],
    change: 'alerted' | 'accepted' | 'declined' | 'filled' | 'expired' | 'cancelled',
  ) {
    const to = userIds.filter((u): u is string => Boolean(u));
    if (to.length) await enqueue(trx, tenantCode, 'callout.alert', { calloutId, change }, [], to);
  }

  async function timeline(
    trx: Kysely<DB>,
    row: Pick<CalloutRow, 'tenant_code' | 'incident_id' | 'id'>,
    actor: Principal | null,
    kind: string,
    note: string,
    detail: Record<string, unknown> = {},
  ) {
    if (!row.incident_id) return;
    await appendTimelineEntry(trx, {
      tenantCode: row.tenant_code,
      incidentId: row.incident_id,
      at: clock.now(),
      actorId: actor?.userId ?? null,
      actor: actor?.username ?? 'timer',
      kind,
      note,
      detail: { calloutId: row.id, ...detail },
    });
  }

  /**
   * The next wave for a call-out: every located volunteer's road ETA to the place through the routing
   * module's many-to-one query (the same path the dispatch recommendation ranks units with), then the pure
   * ring selection.
   */
  async function wave(
    executor: Kysely<DB>,
    row: Pick<
      CalloutRow,
      'tenant_code' | 'id' | 'lon' | 'lat' | 'setting' | 'needed' | 'ring' | 'accepted'
    > & {
      required_skills: string[];
      min_vetting: number;
    },
  ) {
    const now = clock.now();
    const target: LngLat = [row.lon, row.lat];
    const setting = row.setting as CalloutSetting;
    const [pool, recent, alreadyAlerted] = await Promise.all([
      roster.pool(executor, row.tenant_code),
      executor
        .selectFrom('callout_recipients')
        .select(['member_id'])
        .select((eb) => eb.fn.max('alerted_at').as('last'))
        .where('tenant_code', '=', row.tenant_code)
        .where('alerted_at', '>', new Date(now.getTime() - cooldownMs))
        .groupBy('member_id')
        .execute(),
      executor
        .selectFrom('callout_recipients')
        .select('member_id')
        .where('tenant_code', '=', row.tenant_code)
        .where('callout_id', '=', row.id)
        .execute(),
    ]);
    const last = new Map(recent.map((r) => [r.member_id, new Date(r.last as Date | string).getTime()]));
    const alerted = new Set(alreadyAlerted.map((r) => r.member_id));
    /**
     * Nobody farther in a straight line than a ring's road seconds at the fastest road speed can be inside
     * it: the next ring's bound first, the widest only when that holds too few. Exact, and far fewer ETAs.
     */
    const select = (ring: number) => {
      const reachM = ringSeconds(setting, ring) * MAX_ROAD_SPEED_MS;
      const dLat = reachM / 111_320;
      const dLon = dLat / Math.cos((row.lat * Math.PI) / 180);
      const located = pool
        .within({
          west: row.lon - dLon,
          east: row.lon + dLon,
          south: row.lat - dLat,
          north: row.lat + dLat,
        })
        .filter((v) => haversine([v.lon, v.lat], target) <= reachM);
      // The road ETAs through the routing module's many-to-one query, as the dispatch recommendation does.
      const times = routing.travelTimes(
        row.tenant_code,
        located.map((v) => [v.lon, v.lat] as const),
        target,
        false,
        ringSeconds(setting, ring),
      );
      const picked = nextWave(
        located.map((v, i) => ({
          volunteerId: v.memberId,
          skills: v.skills,
          onDuty: v.onDuty,
          vetting: v.vetting,
          lastAlertedAt: last.get(v.memberId) ?? null,
          etaS: times[i]!.etaS <= ringSeconds(setting, ring) ? times[i]!.etaS : Number.POSITIVE_INFINITY,
        })),
        {
          needed: row.needed,
          setting,
          requiredSkills: row.required_skills,
          minVetting: row.min_vetting,
          now: now.getTime(),
          cooldownMs,
          ring: row.ring,
          alerted,
          accepted: row.accepted,
        },
      );
      return { picked, located };
    };
    const want = Math.max(0, row.needed - row.accepted);
    let { picked, located } = select(Math.min(MAX_RINGS, row.ring + 1));
    if (picked.picks.length < want && row.ring + 1 < MAX_RINGS) ({ picked, located } = select(MAX_RINGS));
    const byId = new Map(located.map((v) => [v.memberId, v]));
    const picks = picked.picks.map((p) => ({ ...p, volunteer: byId.get(p.volunteerId)! }));
    // Road distances need the path itself: only for those alerted.
    const shown = routing.travelTimes(
      row.tenant_code,
      picks.map((p) => [p.volunteer.lon, p.volunteer.lat] as const),
      target,
    );
    return {
      ring: picked.ring,
      excluded: picked.excluded,
      picks: picks.map((p, i) => ({
        ...p,
        distanceM: Number.isFinite(shown[i]!.distanceM)
          ? shown[i]!.distanceM
          : haversine([p.volunteer.lon, p.volunteer.lat], target),
      })),
    };
  }

  /** Writes the recipients of a wave, their deliveries and the live alerts (in the caller's transaction). */
  async function alert(trx: Kysely<DB>, row: CalloutRow, picks: Awaited<ReturnType<typeof wave>>['picks']) {
    const now = clock.now();
    if (!picks.length) return { recipients: [], deliveries: [] };
    const recipientRows = await trx
      .insertInto('callout_recipients')
      .values(
        picks.map((p) => ({
          tenant_code: row.tenant_code,
          callout_id: row.id,
          member_id: p.volunteerId,
          user_id: p.volunteer.userId,
          ring: p.ring,
          eta_s: Math.round(p.etaS),
          distance_m: Math.round(p.distanceM),
          alerted_at: now,
          state: 'alerted',
        })),
      )
      .returningAll()
      .execute();
    const channels = settings.smsWebhook ? (['push', 'sms'] as const) : (['push'] as const);
    // A volunteer without an account has no push; without an SMS gateway either, nothing to deliver.
    const deliveries = picks.flatMap((p) =>
      channels
        .filter((c) => c === 'sms' || p.volunteer.userId)
        .map((channel) => ({
          tenant_code: row.tenant_code,
          callout_id: row.id,
          member_id: p.volunteerId,
          channel,
          status: 'pending',
          next_at: now,
        })),
    );
    const deliveryRows = deliveries.length
      ? await trx.insertInto('callout_deliveries').values(deliveries).returningAll().execute()
      : [];
    await tell(
      trx,
      row.tenant_code,
      row.id,
      picks.map((p) => p.volunteer.userId),
      'alerted',
    );
    return { recipients: recipientRows, deliveries: deliveryRows };
  }

  async function recipients(tenantCode: string, calloutId: string) {
    return db
      .selectFrom('callout_recipients')
      .selectAll()
      .where('tenant_code', '=', tenantCode)
      .where('callout_id', '=', calloutId)
      .orderBy('eta_s')
      .orderBy('member_id')
      .execute();
  }

  /**
   * A call-out as its readers see it. `known` is what the caller has just written (a new call-out's
   * recipients and deliveries, in its own transaction), so they need not be read back.
   */
  async function present(
    row: CalloutRow,
    known?: {
      recipients: Selectable<DB['callout_recipients']>[];
      deliveries: Selectable<DB['callout_deliveries']>[];
    },
  ): Promise<Callout> {
    const [unsorted, deliveries] = known
      ? [known.recipients, known.deliveries]
      : await Promise.all([
          recipients(row.tenant_code, row.id),
          db
            .selectFrom('callout_deliveries')
            .selectAll()
            .where('tenant_code', '=', row.tenant_code)
            .where('callout_id', '=', row.id)
            .orderBy('id')
            .execute(),
        ]);
    const list = [...unsorted].sort(
      (a, b) => a.eta_s - b.eta_s || (a.member_id < b.member_id ? -1 : a.member_id > b.member_id ? 1 : 0),
    );
    const ids = list.map((r) => r.member_id);
    const accepted = list.filter((r) => r.state === 'accepted').map((r) => r.member_id);
    const known_ = roster.knownNames(row.tenant_code, ids);
    const [read, positions] = await Promise.all([
      roster.namesOf(
        db,
        row.tenant_code,
        ids.filter((id) => !known_.has(id)),
      ),
      roster.positionsOf(db, row.tenant_code, accepted),
    ]);
    const names = new Map([...known_, ...read]);
    const setting = row.setting as CalloutSetting;
    const rings = [];
    for (let r = 1; r <= Math.max(row.ring, 1); r++) {
      const inRing = list.filter((x) => x.ring === r);
      rings.push({
        ring: r,
        seconds: ringSeconds(setting, r),
        alerted: inRing.length,
        accepted: inRing.filter((x) => x.state === 'accepted').length,
        declined: inRing.filter((x) => x.state === 'declined').length,
        expired: inRing.filter((x) => x.state === 'expired' || x.state === 'filled').length,
      });
    }
    return {
      id: row.id,
      status: row.status as CalloutStatus,
      incidentId: row.incident_id,
      stationId: row.station_id,
      kind: row.kind,
      description: row.description,
      address: row.address,
      place: row.place,
      lon: row.lon,
      lat: row.lat,
      setting,
      needed: row.needed,
      accepted: row.accepted,
      ring: row.ring,
      skills: row.required_skills,
      createdAt: iso(row.created_at),
      expiresAt: iso(row.expires_at),
      closedAt: row.closed_at ? iso(row.closed_at) : null,
      candidates: list.map((r) => {
        const pos = positions.get(r.member_id);
        return {
          volunteerId: r.member_id,
          name: names.get(r.member_id) ?? '',
          etaSeconds: r.eta_s,
          distanceMeters: r.distance_m,
          ring: r.ring,
          state: r.state as RecipientState,
          alertedAt: iso(r.alerted_at),
          answeredAt: r.answered_at ? iso(r.answered_at) : null,
          reason: r.reason,
          deliveries: deliveries
            .filter((d) => d.member_id === r.member_id)
            .map((d) => ({
              channel: d.channel as 'push' | 'sms',
              status: d.status as 'pending',
              attempts: d.attempts,
              lastError: d.last_error,
              receiptStatus: d.receipt_status,
            })),
          position: r.state === 'accepted' && pos ? { lon: pos.lon, lat: pos.lat, at: iso(pos.at) } : null,
        };
      }),
      rings,
    };
  }

  /** Raises a call-out and alerts its first wave. */
  async function raise(
    principal: Principal,
    base: {
      incidentId: string | null;
      orgId: string;
      stationId: string | null;
      kind: string;
      description: string;
      address: string;
      place: string;
      lon: number;
      lat: number;
      setting: CalloutSetting;
    },
    body: IncidentCalloutBody,
  ): Promise<Callout> {
    const now = clock.now();
    const row: CalloutRow = {
      tenant_code: principal.tenantCode,
      id: randomUUID(),
      incident_id: base.incidentId,
      org_id: base.orgId,
      station_id: base.stationId,
      kind: base.kind,
      description: base.description,
      address: base.address,
      place: base.place,
      lon: base.lon,
      lat: base.lat,
      setting: base.setting,
      needed: body.needed,
      required_skills: body.skills ?? [],
      min_vetting: vettingLevel(body.vetting ?? 'basic'),
      ring: 0,
      status: 'open',
      accepted: 0,
      created_by: principal.userId,
      created_at: now,
      widen_at: new Date(now.getTime() + settings.widenSeconds * 1000),
      expires_at: new Date(now.getTime() + (body.expiresInMinutes ?? settings.expireMinutes) * 60_000),
      closed_at: null,
    };
    const first = await wave(db, row);
    row.ring = first.ring;
    const written = await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('callouts')
        .values({ ...row, required_skills: JSON.stringify(row.required_skills) })
        .execute();
      const written = await alert(trx, row, first.picks);
      await timeline(
        trx,
        row,
        principal,
        'callout',
        `一呼百应：需 ${row.needed} 名志愿者，已通知 ${first.picks.length} 名`,
        {
          needed: row.needed,
          alerted: first.picks.length,
          ring: row.ring,
        },
      );
      await audit.write(trx, principal, {
        action: 'callout.create',
        resource: 'callout',
        resourceId: row.id,
        detail: {
          incidentId: row.incident_id,
          needed: row.needed,
          alerted: first.picks.map((p) => p.volunteerId),
        },
      });
      await announce(trx, row, 'created');
      return written;
    });
    bus.kick();
    void deliverSoon();
    return present(row, written);
  }

  /** Alerts the next ring of an open call-out short of acceptances. */
  async function widen(tenantCode: string, id: string, actor: Principal | null): Promise<number> {
    const row = await db
      .selectFrom('callouts')
      .selectAll()
      .where('tenant_code', '=', tenantCode)
      .where('id', '=', id)
      .executeTakeFirst();
    if (row?.status !== 'open' || row.accepted >= row.needed) return 0;
    const now = clock.now();
    const next = row.ring >= MAX_RINGS ? { ring: row.ring, picks: [] } : await wave(db, row);
    const changed = await db.transaction().execute(async (trx) => {
      const res = await trx
        .updateTable('callouts')
        .set({ ring: next.ring, widen_at: new Date(now.getTime() + settings.widenSeconds * 1000) })
        .where('tenant_code', '=', tenantCode)
        .where('id', '=', id)
        .where('ring', '=', row.ring)
        .where('status', '=', 'open')
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0 || !next.picks.length) return 0;
      const updated = { ...row, ring: next.ring };
      await alert(trx, updated, next.picks);
      await timeline(
        trx,
        row,
        actor,
        'callout-widened',
        `一呼百应扩大到第 ${next.ring} 圈，再通知 ${next.picks.length} 名`,
        {
          ring: next.ring,
          alerted: next.picks.length,
        },
      );
      await announce(trx, updated, 'widened');
      return next.picks.length;
    });
    if (changed) {
      bus.kick();
      void deliverSoon();
    }
    return changed;
  }

  /** Closes a call-out (filled, expired, cancelled): those still alerted are told. */
  async function close(
    trx: Kysely<DB>,
    row: CalloutRow,
    status: 'filled' | 'expired' | 'cancelled',
    actor: Principal | null,
  ) {
    const now = clock.now();
    const left = await trx
      .updateTable('callout_recipients')
      .set({ state: status, answered_at: now })
      .where('tenant_code', '=', row.tenant_code)
      .where('callout_id', '=', row.id)
      .where('state', '=', 'alerted')
      .returning('user_id')
      .execute();
    await trx
      .updateTable('callout_deliveries')
      .set({ status: 'gave-up', last_error: `call-out ${status}`, next_at: null })
      .where('tenant_code', '=', row.tenant_code)
      .where('callout_id', '=', row.id)
      .where('status', 'in', ['pending', 'failed'])
      .execute();
    await tell(
      trx,
      row.tenant_code,
      row.id,
      left.map((l) => l.user_id),
      status,
    );
    const note =
      status === 'filled'
        ? `一呼百应已满员：${row.accepted}/${row.needed} 名志愿者接受`
        : status === 'expired'
          ? `一呼百应已过期：${row.accepted}/${row.needed} 名志愿者接受`
          : '一呼百应已取消';
    await timeline(trx, row, actor, `callout-${status}`, note, {
      accepted: row.accepted,
      needed: row.needed,
    });
    await announce(trx, row, status);
  }

  async function myMember(principal: Principal) {
    requireRole(principal, VOLUNTEER, 'Answering a call-out');
    return volunteers.memberByUserId(principal.tenantCode, principal.userId);
  }

  function presentMine(
    row: CalloutRow,
    r: { state: string; eta_s: number; distance_m: number; alerted_at: Date },
  ): MyCallout {
    const accepted = r.state === 'accepted';
    return {
      id: row.id,
      status: row.status as CalloutStatus,
      state: r.state as RecipientState,
      kind: row.kind,
      place: row.place,
      approx: { lon: roughly(row.lon), lat: roughly(row.lat) },
      distanceMeters: r.distance_m,
      etaSeconds: r.eta_s,
      skills: Array.isArray(row.required_skills) ? (row.required_skills as string[]) : [],
      needed: row.needed,
      accepted: row.accepted,
      alertedAt: iso(r.alerted_at),
      expiresAt: iso(row.expires_at),
      address: accepted ? row.address : null,
      // What the caller told the command room may name them: their numbers never reach a volunteer.
      description: accepted ? maskContactsInText(row.description) : null,
      location: accepted ? { lon: row.lon, lat: row.lat } : null,
    };
  }

  async function respond(principal: Principal, id: string, choice: 'accept' | 'decline', reason?: string) {
    const member = await myMember(principal);
    // A volunteer who serves in no team was alerted by no call-out.
    if (!member) throw notFound('call-out', id);
    const now = clock.now();
    let widenAfter = false;
    const result = await db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('callouts')
        .selectAll()
        .where('tenant_code', '=', principal.tenantCode)
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      const mine = row
        ? await trx
            .selectFrom('callout_recipients')
            .selectAll()
            .where('tenant_code', '=', principal.tenantCode)
            .where('callout_id', '=', id)
            .where('member_id', '=', member.id)
            .executeTakeFirst()
        : undefined;
      // A call that did not alert this volunteer does not exist for them.
      if (!row || !mine) throw notFound('call-out', id);
      const verdict = answer(
        row.status as CalloutStatus,
        mine.state as RecipientState,
        row.accepted,
        row.needed,
        choice,
      );
      if (!verdict.ok) {
        if (verdict.reason === 'filled')
          throw conflict(
            `This call-out is filled: ${row.needed} of ${row.needed} volunteers have accepted. Thank you; you are not needed this time.`,
            { reason: 'filled', needed: row.needed, accepted: row.accepted },
          );
        if (verdict.reason === 'closed')
          throw conflict(`This call-out is ${row.status}: it no longer takes answers.`, {
            reason: row.status,
          });
        throw conflict(`You have already answered this call-out (${mine.state}).`, {
          reason: 'answered',
          state: mine.state,
        });
      }
      await trx
        .updateTable('callout_recipients')
        .set({ state: verdict.recipient, answered_at: now, reason: reason ?? null })
        .where('tenant_code', '=', principal.tenantCode)
        .where('callout_id', '=', id)
        .where('member_id', '=', member.id)
        .execute();
      await trx
        .updateTable('callout_deliveries')
        .set({ status: 'gave-up', last_error: 'answered', next_at: null })
        .where('tenant_code', '=', principal.tenantCode)
        .where('callout_id', '=', id)
        .where('member_id', '=', member.id)
        .where('status', 'in', ['pending', 'failed'])
        .execute();
      let updated = row;
      if (verdict.recipient === 'accepted') {
        updated = {
          ...row,
          accepted: row.accepted + 1,
          status: verdict.filled ? 'filled' : row.status,
          closed_at: verdict.filled ? now : row.closed_at,
        };
        await trx
          .updateTable('callouts')
          .set({ accepted: updated.accepted, status: updated.status, closed_at: updated.closed_at })
          .where('tenant_code', '=', principal.tenantCode)
          .where('id', '=', id)
          .execute();
      }
      await timeline(
        trx,
        row,
        principal,
        choice === 'accept' ? 'callout-accepted' : 'callout-declined',
        choice === 'accept'
          ? `志愿者 ${principal.displayName} 接受一呼百应（预计 ${Math.ceil(mine.eta_s / 60)} 分钟到达）`
          : `志愿者 ${principal.displayName} 婉拒一呼百应`,
        { volunteerId: member.id, etaSeconds: mine.eta_s },
      );
      await audit.write(trx, principal, {
        action: choice === 'accept' ? 'callout.accept' : 'callout.decline',
        resource: 'callout',
        resourceId: id,
        detail: { memberId: member.id },
      });
      await announce(trx, updated, choice === 'accept' ? 'accepted' : 'declined');
      await tell(
        trx,
        principal.tenantCode,
        id,
        [principal.userId],
        choice === 'accept' ? 'accepted' : 'declined',
      );
      if (verdict.filled) await close(trx, updated, 'filled', principal);
      if (choice === 'decline' && updated.status === 'open') {
        const waiting = await trx
          .selectFrom('callout_recipients')
          .select('member_id')
          .where('tenant_code', '=', principal.tenantCode)
          .where('callout_id', '=', id)
          .where('state', '=', 'alerted')
          .executeTakeFirst();
        widenAfter = !waiting;
      }
      return presentMine(updated, { ...mine, state: verdict.recipient });
    });
    bus.kick();
    // Nobody left to answer: the next ring at once rather than at the timer.
    if (widenAfter) await widen(principal.tenantCode, id, null);
    return result;
  }

  // ---- delivery: Web Push and the SMS gateway, retried with backoff, reported when given up ----
  let delivering: Promise<number> | null = null;
  function deliverSoon() {
    delivering ??= deliverDue().finally(() => {
      delivering = null;
    });
    return delivering;
  }

  async function deliverDue(): Promise<number> {
    const now = clock.now();
    const due = await db
      .selectFrom('callout_deliveries as d')
      .innerJoin('callout_recipients as r', (j) =>
        j
          .onRef('r.tenant_code', '=', 'd.tenant_code')
          .onRef('r.callout_id', '=', 'd.callout_id')
          .onRef('r.member_id', '=', 'd.member_id'),
      )
      .innerJoin('callouts as c', (j) =>
        j.onRef('c.tenant_code', '=', 'd.tenant_code').onRef('c.id', '=', 'd.callout_id'),
      )
      .select([
        'd.id',
        'd.tenant_code',
        'd.callout_id',
        'd.member_id',
        'd.channel',
        'd.attempts',
        'r.user_id',
        'r.distance_m',
        'c.kind',
        'c.place',
        'c.expires_at',
      ])
      .where('d.status', 'in', ['pending', 'failed'])
      .where('d.next_at', '<=', now)
      .orderBy('d.id')
      .limit(200)
      .execute();
    let sent = 0;
    for (const d of due) {
      const title = `一呼百应 · ${d.kind}`;
      const body = `${d.place}附近，约 ${(d.distance_m / 1000).toFixed(1)} 公里：请在融汇中接受或婉拒`;
      let ok = false;
      let error: string | null = null;
      let providerId: string | null = null;
      try {
        if (d.channel === 'push') {
          const message: PushMessage = {
            kind: 'order',
            title,
            body,
            url: `/m/callouts/${d.callout_id}`,
            tag: `callout-${d.callout_id}`,
            incidentId: null,
            at: now.toISOString(),
          };
          const n = await push.notifyUsers(d.tenant_code, [d.user_id!], message, 'high');
          ok = n > 0;
          if (!ok) error = 'no browser of the volunteer took the push';
        } else {
          const phones = await roster.phonesOf(db, d.tenant_code, [d.member_id]);
          const stored = phones.get(d.member_id);
          if (!stored) throw new Error('volunteer has no phone number');
          providerId = `callout-${d.id}-${d.attempts + 1}`;
          const res = await sms(settings.smsWebhook!, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              ...(settings.smsToken ? { authorization: `Bearer ${settings.smsToken}` } : {}),
            },
            body: JSON.stringify({
              messageId: providerId,
              to: crypto.decrypt(stored),
              text: `【融汇】${title}：${body}（${new Date(d.expires_at).toISOString().slice(11, 16)}Z 前有效）`,
              receiptUrl: settings.receiptUrl ?? null,
            }),
          });
          ok = res.status >= 200 && res.status < 300;
          if (!ok) error = `SMS gateway answered ${res.status}`;
        }
      } catch (e) {
        error = (e as Error).message;
      }
      const attempts = d.attempts + 1;
      const delay = ok ? null : retryDelayMs(attempts - 1);
      const status = ok ? 'sent' : delay === null ? 'gave-up' : 'failed';
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('callout_deliveries')
          .set({
            status,
            attempts,
            last_error: error,
            provider_id: providerId,
            sent_at: ok ? now : null,
            next_at: delay === null ? null : new Date(now.getTime() + delay),
          })
          .where('id', '=', d.id)
          .execute();
        if (status === 'gave-up') {
          const row = await trx
            .selectFrom('callouts')
            .selectAll()
            .where('tenant_code', '=', d.tenant_code)
            .where('id', '=', d.callout_id)
            .executeTakeFirstOrThrow();
          await timeline(
            trx,
            row,
            null,
            'callout-undelivered',
            `一呼百应${d.channel === 'push' ? '推送' : '短信'}未送达：${error}`,
            {
              memberId: d.member_id,
              channel: d.channel,
            },
          );
          await announce(trx, row, 'delivery');
        }
      });
      if (ok) sent++;
      else log.warn({ delivery: d.id, channel: d.channel, error, attempts }, 'call-out delivery failed');
    }
    if (due.length) bus.kick();
    return sent;
  }

  return {
    async forIncident(principal: Principal, incidentId: string, body: IncidentCalloutBody): Promise<Callout> {
      requireRole(principal, COMMAND, 'Calling out volunteers');
      const incident = await incidents.get(principal, incidentId);
      // The approximate area a volunteer sees before accepting: never the address itself.
      const place =
        incident.location.village?.name ??
        incident.location.township?.name ??
        incident.station?.name ??
        incident.area?.name ??
        '';
      return raise(
        principal,
        {
          incidentId,
          orgId: incident.station?.id ?? incident.area?.id ?? principal.orgId,
          stationId: incident.station?.id ?? null,
          kind: incident.category.zh,
          description: incident.description,
          address: incident.location.address ?? place,
          place,
          lon: incident.location.lon,
          lat: incident.location.lat,
          setting: calloutSetting(incident.zone),
        },
        body,
      );
    },

    async byHand(principal: Principal, body: CalloutCreateBody): Promise<Callout> {
      requireRole(principal, STATION, 'Calling out volunteers');
      const dir = await orgs.directory(principal.tenantCode);
      const station = dir
        .pathOf(principal.orgId)
        .map((id) => dir.get(id))
        .find((o) => o?.kind === 'station');
      return raise(
        principal,
        {
          incidentId: null,
          orgId: principal.orgId,
          stationId: station?.id ?? null,
          kind: body.kind ?? '群防群治',
          description: body.description,
          address: body.address ?? `${body.location.lon.toFixed(5)}, ${body.location.lat.toFixed(5)}`,
          place: station?.name ?? principal.orgName,
          lon: body.location.lon,
          lat: body.location.lat,
          setting: 'rural',
        },
        body,
      );
    },

    async get(principal: Principal, id: string): Promise<Callout> {
      requireRole(principal, READ, 'Reading call-outs');
      const row = await load(principal, id);
      if (!(await reaches(principal, row))) throw notFound('call-out', id);
      return present(row);
    },

    async list(principal: Principal, q: { open?: boolean | undefined }): Promise<CalloutList> {
      requireRole(principal, READ, 'Reading call-outs');
      let query = db
        .selectFrom('callouts')
        .selectAll()
        .where('tenant_code', '=', principal.tenantCode)
        .orderBy('created_at', 'desc')
        .limit(200);
      if (q.open === true) query = query.where('status', '=', 'open');
      if (q.open === false) query = query.where('status', '!=', 'open');
      const rows = await query.execute();
      const items: Callout[] = [];
      for (const row of rows) if (await reaches(principal, row)) items.push(await present(row));
      return { items, total: items.length };
    },

    async cancel(principal: Principal, id: string): Promise<Callout> {
      requireRole(principal, STATION, 'Cancelling a call-out');
      const row = await load(principal, id);
      if (!(await reaches(principal, row))) throw notFound('call-out', id);
      if (row.status !== 'open')
        throw conflict(`This call-out is already ${row.status}.`, { reason: row.status });
      await db.transaction().execute(async (trx) => {
        const closed = { ...row, status: 'cancelled', closed_at: clock.now() };
        await trx
          .updateTable('callouts')
          .set({ status: 'cancelled', closed_at: closed.closed_at })
          .where('tenant_code', '=', row.tenant_code)
          .where('id', '=', id)
          .execute();
        await close(trx, closed, 'cancelled', principal);
        await audit.write(trx, principal, { action: 'callout.cancel', resource: 'callout', resourceId: id });
      });
      bus.kick();
      return present(await load(principal, id));
    },

    async mine(principal: Principal): Promise<MyCalloutList> {
      const member = await myMember(principal);
      if (!member) return { items: [], total: 0 };
      const rows = await db
        .selectFrom('callout_recipients as r')
        .innerJoin('callouts as c', (j) =>
          j.onRef('c.tenant_code', '=', 'r.tenant_code').onRef('c.id', '=', 'r.callout_id'),
        )
        .selectAll('c')
        .select(['r.state', 'r.eta_s', 'r.distance_m', 'r.alerted_at'])
        .where('r.tenant_code', '=', principal.tenantCode)
        .where('r.member_id', '=', member.id)
        .orderBy('r.alerted_at', 'desc')
        .limit(50)
        .execute();
      const items = rows.map((r) => presentMine(r, r));
      return { items, total: items.length };
    },

    accept: (principal: Principal, id: string) => respond(principal, id, 'accept'),
    decline: (principal: Principal, id: string, reason?: string) => respond(principal, id, 'decline', reason),

    /**
     * The command map's volunteer layer: on-duty consenting volunteers' live positions in teams of the
     * caller's stations (a county role: all), with their answer to an open call-out. Positions are personal
     * data: every read is audited.
     */
    async livePositions(
      principal: Principal,
      q: { bbox?: string | undefined },
    ): Promise<VolunteerLivePositionList> {
      requireRole(principal, READ_ACCESS.volunteer, 'Reading volunteer positions');
      let box: { west: number; south: number; east: number; north: number } | null = null;
      if (q.bbox) {
        const [west, south, east, north] = q.bbox.split(',').map(Number) as [number, number, number, number];
        if (!(west < east && south < north))
          throw invalid('bbox', 'west,south,east,north with west < east and south < north');
        box = { west, south, east, north };
      }
      let stationIds: string[] | undefined;
      if (principal.scopeKind !== 'tenant') {
        const dir = await orgs.directory(principal.tenantCode);
        stationIds = dir.subtreeIds(principal.orgId);
      }
      const located = await roster.livePositions(db, principal.tenantCode, box, stationIds);
      const answers = located.length
        ? await db
            .selectFrom('callout_recipients as r')
            .innerJoin('callouts as c', (j) =>
              j.onRef('c.tenant_code', '=', 'r.tenant_code').onRef('c.id', '=', 'r.callout_id'),
            )
            .select(['r.member_id', 'r.callout_id', 'r.state', 'r.alerted_at'])
            .where('r.tenant_code', '=', principal.tenantCode)
            .where('c.status', '=', 'open')
            .where(
              'r.member_id',
              'in',
              located.map((v) => v.memberId),
            )
            .orderBy('r.alerted_at')
            .execute()
        : [];
      const last = new Map(
        answers.map((a) => [a.member_id, { id: a.callout_id, state: a.state as RecipientState }]),
      );
      await audit.record(principal, {
        action: 'volunteer.positions.read',
        resource: 'volunteer',
        detail: { bbox: q.bbox ?? null, count: located.length },
      });
      const items = located.map((v) => ({
        volunteerId: v.memberId,
        name: v.name,
        skills: v.skills,
        teamIds: v.teamIds,
        lon: v.lon,
        lat: v.lat,
        at: iso(v.at),
        callout: last.get(v.memberId) ?? null,
      }));
      return { items, total: items.length };
    },

    /** A volunteer's phone reports where it is: stored by the volunteers module, only on duty and with consent. */
    position(principal: Principal, body: VolunteerPositionBody) {
      requireRole(principal, VOLUNTEER, 'Reporting a volunteer position');
      return volunteers.reportPosition(principal, body);
    },

    /** The SMS gateway's receipt for a message it was given. */
    async receipt(
      token: string | undefined,
      body: { messageId: string; status: 'delivered' | 'failed'; error?: string | undefined },
    ) {
      if (!settings.smsToken || token !== settings.smsToken)
        throw new DomainError(
          'unauthenticated',
          'Unauthenticated',
          'The SMS gateway token is missing or wrong.',
        );
      const now = clock.now();
      const res = await db
        .updateTable('callout_deliveries')
        .set({
          receipt_at: now,
          receipt_status: body.status,
          status: body.status === 'delivered' ? 'delivered' : 'failed',
          last_error: body.status === 'failed' ? (body.error ?? 'the gateway could not deliver') : null,
          next_at: body.status === 'failed' ? now : null,
        })
        .where('provider_id', '=', body.messageId)
        .where('status', '!=', 'gave-up')
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) throw notFound('SMS message', body.messageId);
      return { ok: true as const };
    },

    /** Expiry and ring widening for one tenant's open call-outs; answers how many changed. */
    async sweep(tenantCode: string): Promise<number> {
      const now = clock.now();
      const open = await db
        .selectFrom('callouts')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .where('status', '=', 'open')
        .execute();
      let count = 0;
      for (const row of open) {
        if (new Date(row.expires_at).getTime() <= now.getTime()) {
          await db.transaction().execute(async (trx) => {
            const res = await trx
              .updateTable('callouts')
              .set({ status: 'expired', closed_at: now })
              .where('tenant_code', '=', tenantCode)
              .where('id', '=', row.id)
              .where('status', '=', 'open')
              .executeTakeFirst();
            if (Number(res.numUpdatedRows) === 0) return;
            await close(trx, { ...row, status: 'expired', closed_at: now }, 'expired', null);
            count++;
          });
        } else if (row.widen_at && new Date(row.widen_at).getTime() <= now.getTime()) {
          if (await widen(tenantCode, row.id, null)) count++;
        }
      }
      if (count) bus.kick();
      return count;
    },

    deliverDue,
    idle: () => delivering ?? Promise.resolve(0),

    /** Sweeps and delivers every `everyMs` for the given tenants until stopped. */
    watch(tenants: () => Promise<string[]>, everyMs = 5_000) {
      let busy = false;
      const timer = setInterval(() => {
        if (busy) return;
        busy = true;
        tenants()
          .then(async (list) => {
            for (const t of list) await this.sweep(t);
            await deliverSoon();
          })
          .catch((error: unknown) => log.warn({ err: error }, 'call-out sweep failed'))
          .finally(() => {
            busy = false;
          });
      }, everyMs);
      timer.unref();
      return () => clearInterval(timer);
    },
  };
}
export type CalloutsService = ReturnType<typeof createCalloutsService>;
