import { randomUUID } from 'node:crypto';
import {
  type FieldProblem,
  type TrafficCondition,
  type TrafficDevice,
  type TrafficHazard,
  type TrafficLevel,
  type TrafficOverrideBody,
  type TrafficRoute,
  type TrafficRules,
  type TrafficSection,
  type TrafficSign,
  type TrafficStoredReading,
  type TrafficTemplate,
  signModel,
  trafficDeviceBody,
  type trafficDevicePatch,
  trafficReading,
  type trafficSectionBody,
  type trafficSectionPatch,
  trafficRules as trafficRulesSchema,
} from '@ronghui/contracts';
import { maskPlate, parsePlate, reasonMessage } from '@ronghui/ids';
import {
  advise,
  CONVERGENCE_MESSAGE,
  CONVERGENCE_MESSAGE_SECONDS,
  capAlert,
  capFeed,
  createRuleEngine,
  DEFAULT_TEMPLATES,
  DEFAULT_TRAFFIC_RULES,
  datexSituationPublication,
  type ExportHazard,
  fillTemplate,
  hazardMessage,
  JIUXIANSHAN_2023_12_22,
  layoutSign,
  PLATE_MESSAGE_SECONDS,
  pickSignMessage,
  plateMessage,
  type Reading,
  SIGN_PRIORITY,
  type Transition,
} from '@ronghui/traffic';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { requireRole } from '../../platform/auth/guard.ts';
import { type Principal, systemPrincipal } from '../../platform/auth/principal.ts';
import { READ_ACCESS } from '../../platform/auth/read-access.ts';
import type { Role } from '../../platform/auth/roles.ts';
import type { EventBus } from '../../platform/bus/bus.ts';
import { enqueue } from '../../platform/bus/outbox.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DB, TrafficHazardsTable } from '../../platform/db/schema.ts';
import { conflict, DomainError, invalid, notFound } from '../../platform/http/errors.ts';
import type { OrgsService } from '../orgs/index.ts';
import type { RoutingService } from '../routing/index.ts';
import {
  type DeviceRt,
  type HazardRt,
  hazardKey,
  SENSOR_KINDS,
  type SectionRt,
  type SignRt,
  type TenantTraffic,
  templateKey,
  toReading,
  VEHICLE_KINDS,
} from './traffic-runtime.ts';

/** Who configures sections, devices, rules and templates. */
const MANAGE_ROLES: readonly Role[] = ['commander', 'system-admin'];
/** Who puts their own text on a sign. */
const OVERRIDE_ROLES: readonly Role[] = ['dispatcher', 'commander'];
/** Who (and whose device tokens) feed readings and plate reads. */
const FEED_ROLES: readonly Role[] = ['dispatcher', 'commander', 'officer', 'auxiliary'];

/** A reading may be stamped at most this far ahead of the server's clock (device clocks drift). */
const FUTURE_TOLERANCE_MS = 5 * 60_000;
const OVERRIDE_DEFAULT_MS = 2 * 3600_000;
/** Sign states changed within this window are written together. */
const SIGN_FLUSH_MS = 200;

/** Publishes a command to a sign (`ronghui/<tenant>/vms/<sign>/cmd`). */
export type SignPublisher = (topic: string, body: object) => void;

export interface SignCommand {
  id: string;
  text: string;
  lines: string[];
  priority: number;
  expiresAt: string | null;
}

interface Options {
  /** How long a sign has to acknowledge a command before it is sent again. */
  ackTimeoutMs?: number;
  /** Sends of one command before the sign is flagged. */
  maxAttempts?: number;
}

const toIso = (ms: number) => new Date(ms).toISOString();
const dateOf = (v: Date | string) => (v instanceof Date ? v : new Date(v));

/** Quantile of a sorted copy (p in 0–1). */
function quantile(values: number[], p: number): number {
  if (!values.length) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
}

export function createTrafficService(
  deps: {
    db: Kysely<DB>;
    orgs: OrgsService;
    audit: AuditService;
    bus: EventBus;
    clock: Clock;
    routing: RoutingService;
    log?: Logger;
  },
  options: Options = {},
) {
  const { db, orgs, audit, bus, clock, routing, log } = deps;
  const ackTimeoutMs = options.ackTimeoutMs ?? 3_000;
  const maxAttempts = options.maxAttempts ?? 3;
  const tenants = new Map<string, Promise<TenantTraffic>>();
  let publisher: SignPublisher | undefined;
  const commandListeners = new Set<(tenantCode: string, signId: string, command: SignCommand) => void>();
  /** Receipt → rule decision (ms), and plate read → sign command (ms), for the benchmark. */
  const ruleMs: number[] = [];
  const plateMs: number[] = [];
  const routeTimers = new Map<string, NodeJS.Timeout>();
  /** Sign states being written (awaited by `idle`). */
  const writes = new Set<Promise<void>>();
  const track = (p: Promise<void>) => {
    writes.add(p);
    void p.finally(() => writes.delete(p));
  };

  // ── Loading ───────────────────────────────────────────────────────────────────────────────────────────

  async function load(code: string, previous?: TenantTraffic): Promise<TenantTraffic> {
    const dir = await orgs.directory(code);
    const rootOrgId = dir.root()?.id ?? code;
    const settings = await db
      .selectFrom('traffic_settings')
      .selectAll()
      .where('tenant_code', '=', code)
      .executeTakeFirst();
    const rules: TrafficRules = {
      ...DEFAULT_TRAFFIC_RULES,
      ...((settings?.rules as Partial<TrafficRules> | undefined) ?? {}),
    };
    const sectionRows = await db
      .selectFrom('traffic_sections')
      .selectAll()
      .where('tenant_code', '=', code)
      .where('deleted_at', 'is', null)
      .execute();
    const sections = new Map<string, SectionRt>();
    for (const r of sectionRows)
      sections.set(r.id, {
        id: r.id,
        name: r.name,
        direction: r.direction as SectionRt['direction'],
        line: r.line,
        edges: r.edges,
        rules: r.rules as Partial<TrafficRules>,
        note: r.note,
        createdAt: dateOf(r.created_at).toISOString(),
        updatedAt: dateOf(r.updated_at).toISOString(),
      });
    const deviceRows = await db
      .selectFrom('traffic_devices')
      .selectAll()
      .where('tenant_code', '=', code)
      .execute();
    const devices = new Map<string, DeviceRt>();
    for (const r of deviceRows) {
      const old = previous?.devices.get(r.id);
      const lastSeen = Math.max(old?.lastSeen ?? 0, r.last_seen_at ? dateOf(r.last_seen_at).getTime() : 0);
      devices.set(r.id, {
        id: r.id,
        name: r.name,
        kind: r.kind as DeviceRt['kind'],
        sectionId: r.section_id,
        position: [r.lon, r.lat],
        model: r.model ? signModel.parse(r.model) : null,
        signId: r.sign_id,
        junction: r.junction,
        branch: r.branch,
        heartbeatSeconds: r.heartbeat_seconds,
        lastSeen,
        lastReadingAt: old?.lastReadingAt ?? 0,
        last: old?.last ?? r.last_reading,
        rejected: old?.rejected ?? r.rejected,
        online: old?.online ?? lastSeen > clock.now().getTime() - r.heartbeat_seconds * 1000,
        dirty: old?.dirty ?? false,
      });
    }
    const templates = new Map<string, TrafficTemplate>();
    for (const t of DEFAULT_TEMPLATES) templates.set(templateKey(t.condition, t.level), t);
    const templateRows = await db
      .selectFrom('traffic_templates')
      .selectAll()
      .where('tenant_code', '=', code)
      .execute();
    for (const t of templateRows)
      templates.set(templateKey(t.condition, t.level), {
        condition: t.condition as TrafficCondition,
        level: t.level as TrafficLevel,
        label: t.label,
        advice: t.advice,
        priority: t.priority,
      });
    const t: TenantTraffic = previous ?? {
      code,
      rootOrgId,
      rules,
      readingRetentionDays: 90,
      plateRetentionDays: 30,
      sections,
      devices,
      templates,
      engine: undefined as unknown as TenantTraffic['engine'],
      hazards: new Map(),
      signs: new Map(),
      chain: Promise.resolve(),
    };
    t.rules = rules;
    t.readingRetentionDays = settings?.reading_retention_days ?? 90;
    t.plateRetentionDays = settings?.plate_retention_days ?? 30;
    t.sections = sections;
    t.devices = devices;
    t.templates = templates;
    if (!previous) {
      t.engine = createRuleEngine({
        rulesOf: (sectionId) => ({ ...t.rules, ...(t.sections.get(sectionId)?.rules ?? {}) }),
      });
      const open = await db
        .selectFrom('traffic_hazards')
        .selectAll()
        .where('tenant_code', '=', code)
        .where('ended_at', 'is', null)
        .execute();
      for (const h of open) {
        const since = dateOf(h.started_at).getTime();
        t.engine.restore(h.section_id, h.condition as TrafficCondition, h.level as TrafficLevel, since);
        t.hazards.set(hazardKey(h.section_id, h.condition), {
          id: h.id,
          sectionId: h.section_id,
          condition: h.condition as TrafficCondition,
          level: h.level as TrafficLevel,
          startedAt: since,
          roadEventId: h.road_event_id,
          label: h.label,
          advice: h.advice,
          priority: t.templates.get(templateKey(h.condition, h.level))?.priority ?? 50,
        });
      }
      const signRows = await db
        .selectFrom('traffic_signs')
        .selectAll()
        .where('tenant_code', '=', code)
        .execute();
      for (const s of signRows) {
        const rt = signOf(t, s.sign_id);
        rt.text = s.text;
        rt.lines = s.lines;
        rt.source = s.source as SignRt['source'];
        rt.priority = s.priority;
        rt.expiresAt = s.expires_at ? dateOf(s.expires_at).getTime() : null;
        rt.delivery = s.delivery as SignRt['delivery'];
        rt.commandId = s.command_id;
        rt.lastAckAt = s.last_ack_at ? dateOf(s.last_ack_at).getTime() : null;
        if (
          s.override_text !== null &&
          s.override_until &&
          dateOf(s.override_until).getTime() > clock.now().getTime()
        )
          rt.candidates.set('override', {
            source: 'override',
            text: s.override_text,
            priority: SIGN_PRIORITY.override,
            createdAt: dateOf(s.updated_at).getTime(),
            expiresAt: dateOf(s.override_until).getTime(),
          });
      }
      for (const h of t.hazards.values()) addHazardCandidates(t, h);
    }
    return t;
  }

  function tenantOf(code: string): Promise<TenantTraffic> {
    let p = tenants.get(code);
    if (!p) {
      p = load(code);
      tenants.set(code, p);
      p.catch(() => tenants.delete(code));
    }
    return p;
  }

  /** Reads the configuration again (after an edit here or on another instance), keeping the live state. */
  async function reload(code: string) {
    const current = tenants.get(code);
    if (!current) return;
    const t = await current;
    await load(code, t);
    for (const s of [...t.signs.keys()]) if (!t.devices.has(s)) t.signs.delete(s);
    for (const h of t.hazards.values()) addHazardCandidates(t, h);
    for (const signId of t.signs.keys()) refreshSign(t, signId);
  }

  async function configChanged(trx: Kysely<DB>, code: string, deviceId: string | null) {
    await enqueue(trx, code, 'traffic.device.changed', { deviceId, change: 'config' });
  }

  // ── Signs ─────────────────────────────────────────────────────────────────────────────────────────────

  function signOf(t: TenantTraffic, signId: string): SignRt {
    let s = t.signs.get(signId);
    if (!s) {
      s = {
        candidates: new Map(),
        text: '',
        lines: [],
        source: 'blank',
        priority: 0,
        expiresAt: null,
        delivery: 'ok',
        commandId: null,
        attempts: 0,
        lastAckAt: null,
        retryTimer: undefined,
        expiryTimer: undefined,
      };
      t.signs.set(signId, s);
    }
    return s;
  }

  function signsOfSection(t: TenantTraffic, sectionId: string): DeviceRt[] {
    return [...t.devices.values()].filter((d) => d.kind === 'sign' && d.sectionId === sectionId);
  }

  function addHazardCandidates(t: TenantTraffic, h: HazardRt) {
    for (const d of signsOfSection(t, h.sectionId))
      signOf(t, d.id).candidates.set(`hazard:${h.id}`, {
        source: 'hazard',
        text: hazardMessage(h.label, h.advice),
        priority: h.priority,
        createdAt: h.startedAt,
        expiresAt: null,
      });
  }

  function removeHazardCandidates(t: TenantTraffic, hazardId: string) {
    for (const [signId, s] of t.signs) if (s.candidates.delete(`hazard:${hazardId}`)) refreshSign(t, signId);
  }

  /** Puts the winning message on the sign if it is not already there: command over MQTT, state stored. */
  function refreshSign(t: TenantTraffic, signId: string) {
    const device = t.devices.get(signId);
    const s = signOf(t, signId);
    const now = clock.now().getTime();
    for (const [key, c] of s.candidates)
      if (c.expiresAt !== null && c.expiresAt <= now) s.candidates.delete(key);
    const win = pickSignMessage([...s.candidates.values()], now);
    const text = win?.text ?? '';
    const source = win?.source ?? 'blank';
    // The next expiry among the candidates brings the sign back to what comes after.
    const nextExpiry = Math.min(
      ...[...s.candidates.values()].map((c) => c.expiresAt ?? Number.POSITIVE_INFINITY),
    );
    if (s.expiryTimer) clearTimeout(s.expiryTimer);
    s.expiryTimer = Number.isFinite(nextExpiry)
      ? setTimeout(() => refreshSign(t, signId), Math.max(0, nextExpiry - now) + 5).unref()
      : undefined;
    if (text === s.text && source === s.source) return;
    const model = device?.model ?? { lines: 2, charsPerLine: 12, dots: 16 };
    s.text = text;
    s.lines = layoutSign(text, model).lines;
    s.source = source;
    s.priority = win?.priority ?? 0;
    s.expiresAt = win?.expiresAt ?? null;
    s.commandId = randomUUID();
    s.attempts = 0;
    send(t, signId, s);
    track(persistSign(t, signId, s, true));
  }

  function send(t: TenantTraffic, signId: string, s: SignRt) {
    if (s.retryTimer) clearTimeout(s.retryTimer);
    const command: SignCommand = {
      id: s.commandId!,
      text: s.text,
      lines: s.lines,
      priority: s.priority,
      expiresAt: s.expiresAt === null ? null : toIso(s.expiresAt),
    };
    s.attempts++;
    s.delivery = 'pending';
    publisher?.(`ronghui/${t.code}/vms/${signId}/cmd`, command);
    for (const listener of commandListeners) listener(t.code, signId, command);
    const commandId = s.commandId;
    s.retryTimer = setTimeout(() => {
      if (s.commandId !== commandId || s.delivery !== 'pending') return;
      if (s.attempts < maxAttempts) send(t, signId, s);
      else {
        s.delivery = 'failed';
        log?.warn(
          { tenant: t.code, sign: signId, attempts: s.attempts },
          'sign did not acknowledge; flagged',
        );
        track(persistSign(t, signId, s, false));
      }
    }, ackTimeoutMs).unref();
  }

  /**
   * Sign states are written in batches: a command goes to the sign at once, and what each sign shows, its
   * history and the live event follow within `SIGN_FLUSH_MS` in one transaction for all signs changed meanwhile
   * (a busy approach changes a sign several times a second).
   */
  const dirtySigns = new Map<string, { t: TenantTraffic; signId: string; s: SignRt }>();
  let signLogs: {
    tenant_code: string;
    sign_id: string;
    at: Date;
    text: string;
    source: string;
    command_id: string;
  }[] = [];
  let signFlush: { timer: NodeJS.Timeout; done: Promise<void>; run(): void } | undefined;

  function persistSign(
    t: TenantTraffic,
    signId: string,
    s: SignRt,
    logIt: boolean,
    immediate = false,
  ): Promise<void> {
    dirtySigns.set(`${t.code}/${signId}`, { t, signId, s });
    if (logIt && s.commandId)
      signLogs.push({
        tenant_code: t.code,
        sign_id: signId,
        at: clock.now(),
        text: s.text,
        source: s.source,
        command_id: s.commandId,
      });
    if (!signFlush) {
      let run!: () => void;
      const done = new Promise<void>((resolve) => {
        run = () => {
          clearTimeout(timer);
          signFlush = undefined;
          flushSigns().then(resolve, resolve);
        };
      });
      const timer = setTimeout(() => run(), SIGN_FLUSH_MS).unref();
      signFlush = { timer, done, run };
    }
    const pending = signFlush;
    if (immediate) pending.run();
    return pending.done;
  }

  async function flushSigns() {
    const batch = [...dirtySigns.values()];
    dirtySigns.clear();
    const logs = signLogs;
    signLogs = [];
    if (!batch.length && !logs.length) return;
    const now = clock.now();
    try {
      await db.transaction().execute(async (trx) => {
        for (const { t, signId, s } of batch) {
          const row = {
            text: s.text,
            lines: JSON.stringify(s.lines),
            source: s.source,
            priority: s.priority,
            expires_at: s.expiresAt === null ? null : toIso(s.expiresAt),
            delivery: s.delivery,
            command_id: s.commandId,
            last_ack_at: s.lastAckAt === null ? null : toIso(s.lastAckAt),
            updated_at: now,
            // An override is written by the override itself; once it is gone its columns are cleared.
            ...(s.candidates.has('override')
              ? {}
              : { override_text: null, override_until: null, override_by: null, override_reason: null }),
          };
          await trx
            .insertInto('traffic_signs')
            .values({ tenant_code: t.code, sign_id: signId, ...row })
            .onConflict((oc) => oc.columns(['tenant_code', 'sign_id']).doUpdateSet(row))
            .execute();
          await enqueue(trx, t.code, 'traffic.sign.changed', {
            signId,
            text: s.text,
            source: s.source,
            delivery: s.delivery,
          });
        }
        if (logs.length)
          await trx
            .insertInto('traffic_sign_log')
            .values(logs)
            .onConflict((oc) => oc.doNothing())
            .execute();
      });
      bus.kick();
    } catch (error) {
      log?.error(
        { err: error, signs: batch.length },
        'sign states not stored; written again with the next change',
      );
      for (const b of batch)
        if (!dirtySigns.has(`${b.t.code}/${b.signId}`)) dirtySigns.set(`${b.t.code}/${b.signId}`, b);
      signLogs = [...logs, ...signLogs];
    }
  }

  // ── Hazards ───────────────────────────────────────────────────────────────────────────────────────────

  function mergedVisibility(evidence: Reading[]): number | undefined {
    const v = evidence.map((r) => r.visibilityM).filter((x): x is number => typeof x === 'number');
    return v.length ? Math.min(...v) : undefined;
  }

  const roadCause = (c: TrafficCondition) =>
    c === 'fog' ? ('fog' as const) : c === 'wind' || c === 'rain' ? ('other' as const) : ('ice' as const);

  const evidenceJson = (evidence: Reading[]): TrafficStoredReading[] =>
    evidence.map((r) => ({
      deviceId: r.deviceId,
      at: toIso(r.at),
      visibilityM: r.visibilityM ?? null,
      airTempC: r.airTempC ?? null,
      surfaceTempC: r.surfaceTempC ?? null,
      dewPointC: r.dewPointC ?? null,
      friction: r.friction ?? null,
      precipitationMmH: r.precipitationMmH ?? null,
      windSpeedMs: r.windSpeedMs ?? null,
      windGustMs: r.windGustMs ?? null,
    }));

  /** Applies the rule engine's decisions: hazards stored, road events laid or lifted, signs and routes updated. */
  async function applyTransition(t: TenantTraffic, tr: Transition) {
    const section = t.sections.get(tr.sectionId);
    if (!section) return;
    const actor = systemPrincipal(t.code, t.rootOrgId, 'traffic-rules');
    const key = hazardKey(tr.sectionId, tr.condition);
    const current = t.hazards.get(key);
    const now = clock.now();
    if (tr.kind === 'end') {
      if (!current) return;
      let lift: { apply(): void } | undefined;
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('traffic_hazards')
          .set({
            ended_at: toIso(tr.at),
            updated_at: now,
            evidence: JSON.stringify(evidenceJson(tr.evidence)),
          })
          .where('tenant_code', '=', t.code)
          .where('id', '=', current.id)
          .execute();
        if (current.roadEventId) lift = await routing.closeEventIn(trx, t.code, actor, current.roadEventId);
        await audit.write(trx, actor, {
          action: 'traffic.hazard.end',
          resource: 'traffic-hazard',
          resourceId: current.id,
          detail: { section: section.name, condition: tr.condition, level: current.level },
        });
        await enqueue(trx, t.code, 'traffic.hazard.changed', {
          hazardId: current.id,
          sectionId: section.id,
          condition: tr.condition,
          level: current.level,
          change: 'ended',
        });
      });
      lift?.apply();
      t.hazards.delete(key);
      removeHazardCandidates(t, current.id);
      bus.kick();
      scheduleRoutes(t);
      return;
    }
    const advice = advise(tr.condition, tr.level, mergedVisibility(tr.evidence));
    const template = t.templates.get(templateKey(tr.condition, tr.level));
    const text = fillTemplate(template ?? { label: tr.condition, advice: '' }, advice);
    const id = current?.id ?? randomUUID();
    let lay: { id: string; apply(): void } | undefined;
    let lift: { apply(): void } | undefined;
    await db.transaction().execute(async (trx) => {
      if (current?.roadEventId) lift = await routing.closeEventIn(trx, t.code, actor, current.roadEventId);
      if (section.edges.length)
        lay = await routing.openEventIn(trx, t.code, actor, {
          cause: roadCause(tr.condition),
          ...(advice.speedFactor === null ? {} : { speedFactor: advice.speedFactor }),
          note: `${section.name} ${text.label}`.slice(0, 200),
          edges: section.edges,
        });
      const values = {
        level: tr.level,
        evidence: JSON.stringify(evidenceJson(tr.evidence)),
        speed_limit_kmh: advice.speedLimitKmh,
        gap_m: advice.gapM,
        road_event_id: lay?.id ?? null,
        ntcip_code: advice.ntcipCode,
        datex_type: advice.datexType,
        label: text.label,
        advice: text.advice,
        updated_at: now,
      };
      if (current)
        await trx
          .updateTable('traffic_hazards')
          .set(values)
          .where('tenant_code', '=', t.code)
          .where('id', '=', id)
          .execute();
      else
        await trx
          .insertInto('traffic_hazards')
          .values({
            tenant_code: t.code,
            id,
            section_id: section.id,
            condition: tr.condition,
            started_at: toIso(tr.at),
            ...values,
          })
          .execute();
      await audit.write(trx, actor, {
        action: current ? 'traffic.hazard.change' : 'traffic.hazard.start',
        resource: 'traffic-hazard',
        resourceId: id,
        detail: {
          section: section.name,
          condition: tr.condition,
          level: tr.level,
          from: current?.level ?? null,
        },
      });
      await enqueue(trx, t.code, 'traffic.hazard.changed', {
        hazardId: id,
        sectionId: section.id,
        condition: tr.condition,
        level: tr.level,
        change: current ? 'changed' : 'started',
      });
    });
    lift?.apply();
    lay?.apply();
    const rt: HazardRt = {
      id,
      sectionId: section.id,
      condition: tr.condition,
      level: tr.level,
      startedAt: current?.startedAt ?? tr.at,
      roadEventId: lay?.id ?? null,
      label: text.label,
      advice: text.advice,
      priority: template?.priority ?? 50,
    };
    t.hazards.set(key, rt);
    addHazardCandidates(t, rt);
    for (const d of signsOfSection(t, section.id)) refreshSign(t, d.id);
    bus.kick();
    scheduleRoutes(t);
  }

  /** Queues decisions so they are applied in order; a failed one is logged and the next goes on. */
  function applyAll(t: TenantTraffic, transitions: Transition[]): Promise<void> {
    if (!transitions.length) return t.chain;
    t.chain = t.chain.then(async () => {
      for (const tr of transitions) {
        try {
          await applyTransition(t, tr);
        } catch (error) {
          log?.error(
            { err: error, tenant: t.code, transition: { ...tr, evidence: undefined } },
            'hazard not applied',
          );
        }
      }
    });
    return t.chain;
  }

  // ── Routes between configured points ──────────────────────────────────────────────────────────────────

  /** Routes are computed again shortly after hazards change (one computation for a burst of changes). */
  function scheduleRoutes(t: TenantTraffic) {
    if (routeTimers.has(t.code)) return;
    routeTimers.set(t.code, setTimeout(() => runRoutes(t), 300).unref());
  }
  function runRoutes(t: TenantTraffic) {
    const timer = routeTimers.get(t.code);
    if (timer) clearTimeout(timer);
    routeTimers.delete(t.code);
    track(
      computeRoutes(t).then(
        () => {},
        (error) => log?.warn({ err: error, tenant: t.code }, 'routes not computed'),
      ),
    );
  }

  async function computeRoutes(t: TenantTraffic): Promise<number> {
    const rows = await db
      .selectFrom('traffic_routes')
      .selectAll()
      .where('tenant_code', '=', t.code)
      .execute();
    const hazardSections = new Map<string, Set<number>>();
    for (const h of t.hazards.values()) {
      const s = t.sections.get(h.sectionId);
      if (s) hazardSections.set(s.id, new Set(s.edges));
    }
    const now = clock.now();
    for (const r of rows) {
      let result: Record<string, unknown>;
      try {
        const best = routing.routeBetween(t.code, r.from_point, r.to_point);
        const normal = routing.routeBetween(t.code, r.from_point, r.to_point, { freeFlow: true });
        const touches = (edges: number[]) =>
          [...hazardSections].filter(([, set]) => edges.some((e) => set.has(e))).map(([id]) => id);
        const crosses = touches(best.edges);
        const avoids = touches(normal.edges).filter((id) => !crosses.includes(id));
        result = {
          durationSeconds: Math.round(best.durationS),
          distanceMeters: Math.round(best.distanceM),
          normalDurationSeconds: Math.round(normal.durationS),
          crosses,
          avoids,
          geometry: { type: 'LineString', coordinates: best.geometry.map(([x, y]) => [x, y]) },
        };
      } catch (error) {
        result = { error: (error as Error).message };
      }
      await db
        .updateTable('traffic_routes')
        .set({ result: JSON.stringify(result), computed_at: now })
        .where('tenant_code', '=', t.code)
        .where('id', '=', r.id)
        .execute();
    }
    await db.transaction().execute(async (trx) => {
      await enqueue(trx, t.code, 'traffic.route.changed', { routes: rows.length });
    });
    bus.kick();
    return rows.length;
  }

  // ── Readings ──────────────────────────────────────────────────────────────────────────────────────────

  interface Checked {
    ok: { reading: Reading; device: DeviceRt }[];
    problems: (FieldProblem & { deviceId: string | null; reason: string })[];
  }

  /** Validates readings one by one: the contract, the device, the time. Counts refusals per device. */
  function check(t: TenantTraffic, raw: unknown[], receivedAt: number): Checked {
    const ok: Checked['ok'] = [];
    const problems: Checked['problems'] = [];
    for (const [i, item] of raw.entries()) {
      const deviceId =
        item && typeof item === 'object' && typeof (item as { deviceId?: unknown }).deviceId === 'string'
          ? (item as { deviceId: string }).deviceId
          : null;
      const refuse = (field: string, reason: string, message: string) => {
        problems.push({ path: `[${i}]${field ? `.${field}` : ''}`, message, deviceId, reason });
        const d = deviceId ? t.devices.get(deviceId) : undefined;
        if (d) {
          d.rejected[reason] = (d.rejected[reason] ?? 0) + 1;
          d.dirty = true;
        }
      };
      const parsed = trafficReading.safeParse(item);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        const field = issue.path.join('.');
        refuse(
          field,
          `${field || 'reading'}-${issue.code === 'too_big' || issue.code === 'too_small' ? 'out-of-range' : 'invalid'}`,
          issue.message,
        );
        continue;
      }
      const r = parsed.data;
      const device = t.devices.get(r.deviceId);
      if (!device) {
        refuse('deviceId', 'unknown-device', `no device "${r.deviceId}" in this county`);
        continue;
      }
      if (!SENSOR_KINDS.includes(device.kind)) {
        refuse(
          'deviceId',
          'not-a-sensor',
          `device "${r.deviceId}" is a ${device.kind}, not a road-weather sensor`,
        );
        continue;
      }
      const at = r.at ? Date.parse(r.at) : receivedAt;
      if (at > receivedAt + FUTURE_TOLERANCE_MS) {
        refuse('at', 'at-in-future', 'is more than 5 minutes ahead of the server clock');
        continue;
      }
      const reading = toReading(r.deviceId, at, r);
      const { deviceId: _d, at: _a, ...values } = reading;
      if (Object.values(values).every((v) => v === undefined)) {
        refuse('', 'no-measurement', 'has no measurement (visibilityM, surfaceTempC, friction …)');
        continue;
      }
      ok.push({ reading, device });
    }
    return { ok, problems };
  }

  /**
   * Concurrent messages' readings are stored together (group commit): one multi-row insert every few
   * milliseconds, each caller answered once its rows are in.
   */
  const readingQueue: { rows: Record<string, unknown>[]; resolve(): void; reject(e: Error): void }[] = [];
  let readingTimer: NodeJS.Timeout | undefined;
  const inFlight = new Set<Promise<void>>();

  function cutReadings() {
    if (readingTimer) clearTimeout(readingTimer);
    readingTimer = undefined;
    const batch = readingQueue.splice(0);
    if (!batch.length) return;
    const rows = batch.flatMap((b) => b.rows);
    const done = (async () => {
      try {
        for (let i = 0; i < rows.length; i += 1000)
          await db
            .insertInto('traffic_readings')
            .values(rows.slice(i, i + 1000) as never)
            .onConflict((oc) => oc.doNothing())
            .execute();
        for (const b of batch) b.resolve();
      } catch (error) {
        for (const b of batch) b.reject(error as Error);
      }
    })();
    inFlight.add(done);
    void done.finally(() => inFlight.delete(done));
  }

  function store(t: TenantTraffic, readings: Reading[], receivedAt: number): Promise<void> {
    const rows = readings.map((r) => ({
      tenant_code: t.code,
      device_id: r.deviceId,
      at: toIso(r.at),
      visibility_m: r.visibilityM ?? null,
      air_temp_c: r.airTempC ?? null,
      surface_temp_c: r.surfaceTempC ?? null,
      dew_point_c: r.dewPointC ?? null,
      friction: r.friction ?? null,
      precipitation_mm_h: r.precipitationMmH ?? null,
      wind_speed_ms: r.windSpeedMs ?? null,
      wind_gust_ms: r.windGustMs ?? null,
      received_at: toIso(receivedAt),
    }));
    return new Promise<void>((resolve, reject) => {
      readingQueue.push({ rows, resolve, reject });
      if (readingQueue.reduce((n, b) => n + b.rows.length, 0) >= 1000) cutReadings();
      else readingTimer ??= setTimeout(cutReadings, 5);
    });
  }

  /** The rules see each reading at once (in memory); hazards they decide are then stored in order. */
  function decide(
    t: TenantTraffic,
    accepted: Checked['ok'],
    receivedAt: number,
    perf: number,
  ): Promise<void> {
    const transitions: Transition[] = [];
    for (const { reading, device } of accepted) {
      device.lastSeen = Math.max(device.lastSeen, receivedAt);
      if (reading.at > device.lastReadingAt) {
        device.lastReadingAt = reading.at;
        const { deviceId: _d, ...rest } = reading;
        device.last = {
          ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)),
          at: toIso(reading.at),
        };
      }
      device.dirty = true;
      if (device.sectionId) transitions.push(...t.engine.observe(device.sectionId, reading));
    }
    const done = applyAll(t, transitions);
    const record = () => {
      ruleMs.push(performance.now() - perf);
      if (ruleMs.length > 200_000) ruleMs.splice(0, 100_000);
    };
    if (transitions.length) void done.then(record);
    else record();
    return done;
  }

  async function ingest(
    tenantCode: string,
    raw: unknown[],
    via: 'http' | 'mqtt',
  ): Promise<{ accepted: number; problems: Checked['problems'] }> {
    const perf = performance.now();
    const t = await tenantOf(tenantCode);
    const receivedAt = clock.now().getTime();
    const { ok, problems } = check(t, raw, receivedAt);
    if (via === 'http' && problems.length) return { accepted: 0, problems };
    if (!ok.length) return { accepted: 0, problems };
    const decided = decide(t, ok, receivedAt, perf);
    await store(
      t,
      ok.map((o) => o.reading),
      receivedAt,
    );
    void decided;
    return { accepted: ok.length, problems };
  }

  // ── Views ─────────────────────────────────────────────────────────────────────────────────────────────

  function deviceView(d: DeviceRt, now: number): TrafficDevice {
    return {
      id: d.id,
      name: d.name,
      kind: d.kind,
      sectionId: d.sectionId,
      position: d.position,
      model: d.model,
      signId: d.signId,
      junction: d.junction,
      branch: d.branch,
      heartbeatSeconds: d.heartbeatSeconds,
      online: d.lastSeen > 0 && now - d.lastSeen < d.heartbeatSeconds * 1000,
      lastSeenAt: d.lastSeen ? toIso(d.lastSeen) : null,
      rejected: { ...d.rejected },
      last: d.last,
    };
  }

  function sectionView(t: TenantTraffic, s: SectionRt): TrafficSection {
    return {
      id: s.id,
      name: s.name,
      direction: s.direction,
      line: s.line,
      edges: s.edges,
      rules: s.rules,
      note: s.note,
      hazards: [...t.hazards.values()].filter((h) => h.sectionId === s.id).length,
      createdAt: s.createdAt,
      updatedAt: s.updatedAt,
    };
  }

  type HazardRow = Selectable<TrafficHazardsTable>;
  function hazardRows(code: string) {
    return db.selectFrom('traffic_hazards').selectAll().where('tenant_code', '=', code);
  }
  function hazardView(t: TenantTraffic, h: HazardRow): TrafficHazard {
    return {
      id: h.id,
      sectionId: h.section_id,
      sectionName: t.sections.get(h.section_id)?.name ?? '',
      condition: h.condition as TrafficCondition,
      level: h.level as TrafficLevel,
      startedAt: dateOf(h.started_at).toISOString(),
      endedAt: h.ended_at ? dateOf(h.ended_at).toISOString() : null,
      evidence: h.evidence as TrafficStoredReading[],
      speedLimitKmh: h.speed_limit_kmh,
      gapM: h.gap_m,
      roadEventId: h.road_event_id,
      ntcipCode: h.ntcip_code,
      datexType: h.datex_type,
      label: h.label,
      advice: h.advice,
    };
  }

  async function _activeHazardRows(t: TenantTraffic) {
    return hazardRows(t.code).where('ended_at', 'is', null).orderBy('started_at', 'desc').execute();
  }

  // ── Section and device edits ──────────────────────────────────────────────────────────────────────────

  function edgesOf(code: string, body: { line: [number, number][]; direction: SectionRt['direction'] }) {
    const edges = routing.edgesAlong(code, body.line, body.direction);
    if (!edges.length)
      throw new DomainError(
        'unprocessable',
        'No road there',
        'The section line does not run along any road of the network.',
        {},
        [{ path: 'line', message: 'runs along no road' }],
      );
    return edges;
  }

  function checkDeviceRefs(
    t: TenantTraffic,
    d: {
      kind: string;
      sectionId?: string | null | undefined;
      signId?: string | null | undefined;
      model?: unknown;
    },
  ) {
    if (d.sectionId && !t.sections.has(d.sectionId)) throw invalid('sectionId', 'no such road section');
    if (d.signId) {
      const sign = t.devices.get(d.signId);
      if (sign?.kind !== 'sign') throw invalid('signId', 'must be the id of a sign');
    }
    if (d.kind === 'sign' && !d.model) throw invalid('model', 'a sign needs its model (lines, charsPerLine)');
  }

  async function upsertDevice(
    trx: Kysely<DB>,
    t: TenantTraffic,
    body: z.output<typeof trafficDeviceBody>,
    now: Date,
    demo = false,
  ): Promise<'created' | 'updated'> {
    const values = {
      name: body.name,
      kind: body.kind,
      section_id: body.sectionId ?? null,
      lon: body.position[0],
      lat: body.position[1],
      model: body.model ? JSON.stringify(body.model) : null,
      sign_id: body.signId ?? null,
      junction: body.junction ?? null,
      branch: body.branch ?? null,
      heartbeat_seconds: body.heartbeatSeconds,
      updated_at: now,
    };
    const existed = await trx
      .selectFrom('traffic_devices')
      .select('id')
      .where('tenant_code', '=', t.code)
      .where('id', '=', body.id)
      .executeTakeFirst();
    await trx
      .insertInto('traffic_devices')
      .values({ tenant_code: t.code, id: body.id, created_at: now, rejected: '{}', demo, ...values })
      .onConflict((oc) => oc.columns(['tenant_code', 'id']).doUpdateSet(values))
      .execute();
    return existed ? 'updated' : 'created';
  }

  function csvCells(line: string): string[] {
    const out: string[] = [];
    let cur = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!;
      if (quoted) {
        if (c === '"' && line[i + 1] === '"') {
          cur += '"';
          i++;
        } else if (c === '"') quoted = false;
        else cur += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') {
        out.push(cur);
        cur = '';
      } else cur += c;
    }
    out.push(cur);
    return out.map((s) => s.trim());
  }

  // ── The service ───────────────────────────────────────────────────────────────────────────────────────

  const service = {
    tenantOf,
    reload,

    /** Where sign commands go (the MQTT gateway sets it once it runs). */
    setPublisher(p: SignPublisher | undefined) {
      publisher = p;
    },
    /** Listens to every sign command (the demo's simulated sign controllers). */
    onCommand(listener: (tenantCode: string, signId: string, command: SignCommand) => void) {
      commandListeners.add(listener);
      return () => commandListeners.delete(listener);
    },

    // Sections

    async listSections(p: Principal) {
      requireRole(p, READ_ACCESS.traffic, 'Reading smart-traffic data');
      const t = await tenantOf(p.tenantCode);
      const items = [...t.sections.values()]
        .map((s) => sectionView(t, s))
        .sort((a, b) => a.name.localeCompare(b.name, 'zh'));
      return { items, total: items.length };
    },

    async createSection(p: Principal, body: z.output<typeof trafficSectionBody>, demo = false) {
      requireRole(p, MANAGE_ROLES, 'Editing road sections');
      const t = await tenantOf(p.tenantCode);
      const edges = edgesOf(p.tenantCode, body);
      const id = randomUUID();
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('traffic_sections')
          .values({
            tenant_code: p.tenantCode,
            id,
            name: body.name,
            direction: body.direction,
            line: JSON.stringify(body.line),
            edges: JSON.stringify(edges),
            rules: JSON.stringify(body.rules ?? {}),
            note: body.note ?? null,
            demo,
            created_at: now,
            updated_at: now,
          })
          .execute();
        await audit.write(trx, p, {
          action: 'traffic.section.create',
          resource: 'traffic-section',
          resourceId: id,
          detail: { name: body.name, edges: edges.length },
        });
        await configChanged(trx, p.tenantCode, null);
      });
      await reload(p.tenantCode);
      bus.kick();
      return sectionView(t, t.sections.get(id)!);
    },

    async updateSection(p: Principal, id: string, patch: z.output<typeof trafficSectionPatch>) {
      requireRole(p, MANAGE_ROLES, 'Editing road sections');
      const t = await tenantOf(p.tenantCode);
      const s = t.sections.get(id);
      if (!s) throw notFound('Road section', id);
      const line = patch.line ?? s.line;
      const direction = patch.direction ?? s.direction;
      const edges = patch.line || patch.direction ? edgesOf(p.tenantCode, { line, direction }) : s.edges;
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('traffic_sections')
          .set({
            name: patch.name ?? s.name,
            direction,
            line: JSON.stringify(line),
            edges: JSON.stringify(edges),
            rules: JSON.stringify(patch.rules ?? s.rules),
            note: patch.note ?? s.note,
            updated_at: clock.now(),
          })
          .where('tenant_code', '=', p.tenantCode)
          .where('id', '=', id)
          .execute();
        await audit.write(trx, p, {
          action: 'traffic.section.update',
          resource: 'traffic-section',
          resourceId: id,
          detail: { fields: Object.keys(patch) },
        });
        await configChanged(trx, p.tenantCode, null);
      });
      await reload(p.tenantCode);
      bus.kick();
      return sectionView(t, t.sections.get(id)!);
    },

    async deleteSection(p: Principal, id: string) {
      requireRole(p, MANAGE_ROLES, 'Editing road sections');
      const t = await tenantOf(p.tenantCode);
      if (!t.sections.has(id)) throw notFound('Road section', id);
      if ([...t.hazards.values()].some((h) => h.sectionId === id))
        throw conflict('The section has an active hazard: it can be removed once the hazard has ended.');
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('traffic_sections')
          .set({ deleted_at: clock.now() })
          .where('tenant_code', '=', p.tenantCode)
          .where('id', '=', id)
          .execute();
        await trx
          .updateTable('traffic_devices')
          .set({ section_id: null })
          .where('tenant_code', '=', p.tenantCode)
          .where('section_id', '=', id)
          .execute();
        await audit.write(trx, p, {
          action: 'traffic.section.delete',
          resource: 'traffic-section',
          resourceId: id,
        });
        await configChanged(trx, p.tenantCode, null);
      });
      t.engine.forget(id);
      await reload(p.tenantCode);
      bus.kick();
    },

    // Devices

    async listDevices(p: Principal) {
      requireRole(p, READ_ACCESS.traffic, 'Reading smart-traffic data');
      const t = await tenantOf(p.tenantCode);
      const now = clock.now().getTime();
      const items = [...t.devices.values()]
        .map((d) => deviceView(d, now))
        .sort((a, b) => a.id.localeCompare(b.id));
      return { items, total: items.length };
    },

    async createDevice(p: Principal, body: z.output<typeof trafficDeviceBody>) {
      requireRole(p, MANAGE_ROLES, 'Editing roadside devices');
      const t = await tenantOf(p.tenantCode);
      if (t.devices.has(body.id)) throw conflict(`A device "${body.id}" exists already.`);
      checkDeviceRefs(t, body);
      await db.transaction().execute(async (trx) => {
        await upsertDevice(trx, t, body, clock.now());
        await audit.write(trx, p, {
          action: 'traffic.device.create',
          resource: 'traffic-device',
          resourceId: body.id,
          detail: { kind: body.kind, sectionId: body.sectionId ?? null },
        });
        await configChanged(trx, p.tenantCode, body.id);
      });
      await reload(p.tenantCode);
      bus.kick();
      return deviceView(t.devices.get(body.id)!, clock.now().getTime());
    },

    async updateDevice(p: Principal, id: string, patch: z.output<typeof trafficDevicePatch>) {
      requireRole(p, MANAGE_ROLES, 'Editing roadside devices');
      const t = await tenantOf(p.tenantCode);
      const d = t.devices.get(id);
      if (!d) throw notFound('Device', id);
      const next = trafficDeviceBody.parse({
        id,
        name: patch.name ?? d.name,
        kind: patch.kind ?? d.kind,
        position: patch.position ?? d.position,
        sectionId: patch.sectionId === undefined ? d.sectionId : patch.sectionId,
        ...((patch.model ?? d.model) ? { model: patch.model ?? d.model } : {}),
        signId: patch.signId === undefined ? d.signId : patch.signId,
        junction: patch.junction === undefined ? d.junction : patch.junction,
        branch: patch.branch === undefined ? d.branch : patch.branch,
        heartbeatSeconds: patch.heartbeatSeconds ?? d.heartbeatSeconds,
      });
      checkDeviceRefs(t, next);
      await db.transaction().execute(async (trx) => {
        await upsertDevice(trx, t, next, clock.now());
        await audit.write(trx, p, {
          action: 'traffic.device.update',
          resource: 'traffic-device',
          resourceId: id,
          detail: { fields: Object.keys(patch) },
        });
        await configChanged(trx, p.tenantCode, id);
      });
      await reload(p.tenantCode);
      if (d.kind === 'sign' || next.kind === 'sign') {
        for (const h of t.hazards.values()) addHazardCandidates(t, h);
        refreshSign(t, id);
      }
      bus.kick();
      return deviceView(t.devices.get(id)!, clock.now().getTime());
    },

    async deleteDevice(p: Principal, id: string) {
      requireRole(p, MANAGE_ROLES, 'Editing roadside devices');
      const t = await tenantOf(p.tenantCode);
      if (!t.devices.has(id)) throw notFound('Device', id);
      await db.transaction().execute(async (trx) => {
        await trx
          .deleteFrom('traffic_devices')
          .where('tenant_code', '=', p.tenantCode)
          .where('id', '=', id)
          .execute();
        await trx
          .deleteFrom('traffic_signs')
          .where('tenant_code', '=', p.tenantCode)
          .where('sign_id', '=', id)
          .execute();
        await trx
          .updateTable('traffic_devices')
          .set({ sign_id: null })
          .where('tenant_code', '=', p.tenantCode)
          .where('sign_id', '=', id)
          .execute();
        await audit.write(trx, p, {
          action: 'traffic.device.delete',
          resource: 'traffic-device',
          resourceId: id,
        });
        await configChanged(trx, p.tenantCode, id);
      });
      await reload(p.tenantCode);
      bus.kick();
    },

    /**
     * Devices from CSV (`id,name,kind,lon,lat,sectionId,signId,junction,branch,lines,charsPerLine`): all lines
     * are checked first and nothing is written if one is wrong (400 naming the line and column).
     */
    async importDevices(p: Principal, csv: string) {
      requireRole(p, MANAGE_ROLES, 'Importing roadside devices');
      const t = await tenantOf(p.tenantCode);
      const lines = csv.replace(/^\uFEFF/, '').split(/\r?\n/);
      const header = csvCells(lines[0] ?? '').map((h) => h.trim());
      for (const need of ['id', 'name', 'kind', 'lon', 'lat'])
        if (!header.includes(need)) throw invalid('header', `the CSV needs a column "${need}"`);
      const col = (cells: string[], name: string) => {
        const i = header.indexOf(name);
        const v = i >= 0 ? cells[i] : undefined;
        return v === undefined || v === '' ? undefined : v;
      };
      const bodies: z.output<typeof trafficDeviceBody>[] = [];
      const problems: FieldProblem[] = [];
      const ids = new Set<string>();
      lines.slice(1).forEach((line, k) => {
        if (!line.trim()) return;
        const n = k + 2;
        const cells = csvCells(line);
        const charsPerLine = col(cells, 'charsPerLine');
        const candidate = {
          id: col(cells, 'id'),
          name: col(cells, 'name'),
          kind: col(cells, 'kind'),
          position: [Number(col(cells, 'lon')), Number(col(cells, 'lat'))],
          sectionId: col(cells, 'sectionId') ?? null,
          signId: col(cells, 'signId') ?? null,
          junction: col(cells, 'junction') ?? null,
          branch: col(cells, 'branch') ?? null,
          ...(charsPerLine
            ? {
                model: {
                  lines: Number(col(cells, 'lines') ?? 2),
                  charsPerLine: Number(charsPerLine),
                  dots: 16,
                },
              }
            : {}),
        };
        const parsed = trafficDeviceBody.safeParse(candidate);
        if (!parsed.success) {
          for (const issue of parsed.error.issues)
            problems.push({ path: `line ${n}: ${issue.path.join('.')}`, message: issue.message });
          return;
        }
        if (ids.has(parsed.data.id)) {
          problems.push({ path: `line ${n}: id`, message: `"${parsed.data.id}" appears twice` });
          return;
        }
        ids.add(parsed.data.id);
        bodies.push(parsed.data);
      });
      const known = new Set([...t.devices.values()].filter((d) => d.kind === 'sign').map((d) => d.id));
      for (const b of bodies) if (b.kind === 'sign') known.add(b.id);
      bodies.forEach((b) => {
        if (b.sectionId && !t.sections.has(b.sectionId))
          problems.push({ path: `device ${b.id}: sectionId`, message: 'no such road section' });
        if (b.signId && !known.has(b.signId))
          problems.push({ path: `device ${b.id}: signId`, message: 'must be the id of a sign' });
        if (b.kind === 'sign' && !b.model)
          problems.push({
            path: `device ${b.id}: charsPerLine`,
            message: 'a sign needs lines and charsPerLine',
          });
      });
      if (problems.length)
        throw new DomainError(
          'validation',
          'Invalid request',
          `${problems[0]!.path}: ${problems[0]!.message}`,
          {},
          problems,
        );
      if (!bodies.length) throw invalid('body', 'the CSV has no device lines');
      let created = 0;
      let updated = 0;
      await db.transaction().execute(async (trx) => {
        for (const b of bodies)
          (await upsertDevice(trx, t, b, clock.now())) === 'created' ? created++ : updated++;
        await audit.write(trx, p, {
          action: 'traffic.device.import',
          resource: 'traffic-device',
          detail: { created, updated },
        });
        await configChanged(trx, p.tenantCode, null);
      });
      await reload(p.tenantCode);
      bus.kick();
      return { created, updated };
    },

    // Readings

    /** HTTP: all or nothing, 400 naming each bad field (every refusal counted on its device). */
    async postReadings(p: Principal, body: unknown) {
      requireRole(p, FEED_ROLES, 'Sending road-weather readings');
      const items = Array.isArray(body) ? body : undefined;
      if (!items) throw invalid('body', 'must be a JSON array of readings');
      if (!items.length) throw invalid('body', 'must hold at least one reading');
      if (items.length > 1000) throw invalid('body', 'at most 1000 readings per request');
      const { accepted, problems } = await ingest(p.tenantCode, items, 'http');
      if (problems.length) {
        const first = problems[0]!;
        throw new DomainError(
          'validation',
          'Invalid reading',
          `${first.path}: ${first.message}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`,
          { reasons: problems.map((x) => x.reason) },
          problems.map(({ path, message }) => ({ path, message })),
        );
      }
      return { accepted };
    },

    /** A device's heartbeat (a sign's `…/vms/<sign>/status`): it is alive, nothing else. */
    async heartbeat(tenantCode: string, deviceId: string) {
      const d = (await tenantOf(tenantCode)).devices.get(deviceId);
      if (!d) return false;
      d.lastSeen = clock.now().getTime();
      d.dirty = true;
      return true;
    },

    /** Counts a message refused before it could be read (not JSON) on its device. */
    async countRejected(tenantCode: string, deviceId: string, reason: string) {
      const d = (await tenantOf(tenantCode)).devices.get(deviceId);
      if (!d) return;
      d.rejected[reason] = (d.rejected[reason] ?? 0) + 1;
      d.dirty = true;
    },

    /** MQTT: each reading on its own; refusals are answered to the device and counted. */
    ingestDevice: (tenantCode: string, raw: unknown[]) => ingest(tenantCode, raw, 'mqtt'),

    async listReadings(
      p: Principal,
      q: { deviceId: string; since?: string | undefined; until?: string | undefined; limit: number },
    ) {
      requireRole(p, READ_ACCESS.traffic, 'Reading smart-traffic data');
      let query = db
        .selectFrom('traffic_readings')
        .selectAll()
        .where('tenant_code', '=', p.tenantCode)
        .where('device_id', '=', q.deviceId);
      if (q.since) query = query.where('at', '>=', new Date(q.since));
      if (q.until) query = query.where('at', '<=', new Date(q.until));
      const rows = await query.orderBy('at', 'desc').limit(q.limit).execute();
      const items: TrafficStoredReading[] = rows.reverse().map((r) => ({
        deviceId: r.device_id,
        at: dateOf(r.at).toISOString(),
        visibilityM: r.visibility_m,
        airTempC: r.air_temp_c,
        surfaceTempC: r.surface_temp_c,
        dewPointC: r.dew_point_c,
        friction: r.friction,
        precipitationMmH: r.precipitation_mm_h,
        windSpeedMs: r.wind_speed_ms,
        windGustMs: r.wind_gust_ms,
      }));
      return { items, total: items.length };
    },

    // Plate reads and detections

    async plateRead(p: Principal, body: { deviceId: string; plate: string; at?: string | undefined }) {
      requireRole(p, FEED_ROLES, 'Sending plate reads');
      return vehicle(p.tenantCode, body.deviceId, body.plate, body.at);
    },

    /** A plate read from a camera over MQTT (the camera signed in with a token of a feeding role). */
    deviceVehicle: (tenantCode: string, deviceId: string, plate: string, at?: string) =>
      vehicle(tenantCode, deviceId, plate, at),

    async detection(p: Principal, body: { deviceId: string; at?: string | undefined }) {
      requireRole(p, FEED_ROLES, 'Sending vehicle detections');
      return vehicle(p.tenantCode, body.deviceId, null, body.at);
    },

    async listPlateReads(p: Principal, q: { page: number; pageSize: number; deviceId?: string | undefined }) {
      requireRole(p, READ_ACCESS.traffic, 'Reading smart-traffic data');
      let query = db.selectFrom('traffic_plate_reads').where('tenant_code', '=', p.tenantCode);
      if (q.deviceId) query = query.where('device_id', '=', q.deviceId);
      const total = Number((await query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n ?? 0);
      const rows = await query
        .selectAll()
        .orderBy('at', 'desc')
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
        .execute();
      await audit.record(p, {
        action: 'traffic.plate.list',
        resource: 'traffic-plate-read',
        detail: { count: rows.length, masked: true },
      });
      return {
        items: rows.map((r) => ({
          id: r.id,
          deviceId: r.device_id,
          plate: maskPlate(r.plate),
          at: dateOf(r.at).toISOString(),
          signId: r.sign_id,
          warned: r.warned,
        })),
        total,
      };
    },

    // Hazards

    async listHazards(
      p: Principal,
      q: {
        page: number;
        pageSize: number;
        active?: 'true' | 'false' | undefined;
        sectionId?: string | undefined;
      },
    ) {
      requireRole(p, READ_ACCESS.traffic, 'Reading smart-traffic data');
      const t = await tenantOf(p.tenantCode);
      let query = hazardRows(p.tenantCode);
      if (q.active === 'true') query = query.where('ended_at', 'is', null);
      if (q.active === 'false') query = query.where('ended_at', 'is not', null);
      if (q.sectionId) query = query.where('section_id', '=', q.sectionId);
      const all = await query.orderBy('started_at', 'desc').execute();
      const page = all.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
      return { items: page.map((h) => hazardView(t, h)), total: all.length };
    },

    // Signs

    async listSigns(p: Principal) {
      requireRole(p, READ_ACCESS.traffic, 'Reading smart-traffic data');
      const t = await tenantOf(p.tenantCode);
      const now = clock.now().getTime();
      const items: TrafficSign[] = [...t.devices.values()]
        .filter((d) => d.kind === 'sign')
        .map((d) => {
          const s = t.signs.get(d.id);
          return {
            id: d.id,
            name: d.name,
            kind: 'sign' as const,
            sectionId: d.sectionId,
            position: d.position,
            model: d.model ?? { lines: 2, charsPerLine: 12, dots: 16 },
            text: s?.text ?? '',
            lines: s?.lines ?? [],
            source: s?.source ?? 'blank',
            priority: s?.priority ?? 0,
            expiresAt: s?.expiresAt ? toIso(s.expiresAt) : null,
            delivery: s?.delivery ?? 'ok',
            lastAckAt: s?.lastAckAt ? toIso(s.lastAckAt) : null,
            online: d.lastSeen > 0 && now - d.lastSeen < d.heartbeatSeconds * 1000,
          };
        })
        .sort((a, b) => a.id.localeCompare(b.id));
      // A plate-addressed message is personal data shown to one driver: reading it here is audited.
      const withPlates = items.filter((i) => i.source === 'plate').length;
      if (withPlates)
        await audit.record(p, {
          action: 'traffic.sign.read',
          resource: 'traffic-sign',
          detail: { plates: withPlates },
        });
      return { items, total: items.length };
    },

    async override(p: Principal, signId: string, body: TrafficOverrideBody) {
      requireRole(p, OVERRIDE_ROLES, 'Overriding a sign');
      const t = await tenantOf(p.tenantCode);
      const d = t.devices.get(signId);
      if (d?.kind !== 'sign') throw notFound('Sign', signId);
      const now = clock.now().getTime();
      const until = body.until ? Date.parse(body.until) : now + OVERRIDE_DEFAULT_MS;
      if (until <= now) throw invalid('until', 'must be in the future');
      const s = signOf(t, signId);
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('traffic_signs')
          .values({
            tenant_code: p.tenantCode,
            sign_id: signId,
            text: '',
            lines: '[]',
            source: 'blank',
            priority: 0,
            expires_at: null,
            delivery: 'ok',
            command_id: null,
            last_ack_at: null,
            override_text: null,
            override_until: null,
            override_by: null,
            override_reason: null,
            updated_at: clock.now(),
          })
          .onConflict((oc) => oc.doNothing())
          .execute();
        await trx
          .updateTable('traffic_signs')
          .set({
            override_text: body.text,
            override_until: toIso(until),
            override_by: p.username,
            override_reason: body.reason,
          })
          .where('tenant_code', '=', p.tenantCode)
          .where('sign_id', '=', signId)
          .execute();
        await audit.write(trx, p, {
          action: 'traffic.sign.override',
          resource: 'traffic-sign',
          resourceId: signId,
          reason: body.reason,
          detail: { text: body.text, until: toIso(until) },
        });
      });
      s.candidates.set('override', {
        source: 'override',
        text: body.text,
        priority: SIGN_PRIORITY.override,
        createdAt: now,
        expiresAt: until,
      });
      refreshSign(t, signId);
      // A blank override has the same text as a blank sign: still announce the change of source.
      await persistSign(t, signId, s, false, true);
      return (await service.listSigns(p)).items.find((i) => i.id === signId)!;
    },

    async clearOverride(p: Principal, signId: string) {
      requireRole(p, OVERRIDE_ROLES, 'Overriding a sign');
      const t = await tenantOf(p.tenantCode);
      const d = t.devices.get(signId);
      if (d?.kind !== 'sign') throw notFound('Sign', signId);
      const s = signOf(t, signId);
      if (!s.candidates.has('override')) throw notFound('Override of sign', signId);
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('traffic_signs')
          .set({ override_text: null, override_until: null, override_by: null, override_reason: null })
          .where('tenant_code', '=', p.tenantCode)
          .where('sign_id', '=', signId)
          .execute();
        await audit.write(trx, p, {
          action: 'traffic.sign.override.clear',
          resource: 'traffic-sign',
          resourceId: signId,
        });
      });
      s.candidates.delete('override');
      refreshSign(t, signId);
      return (await service.listSigns(p)).items.find((i) => i.id === signId)!;
    },

    /** A sign controller's acknowledgement (`…/vms/<sign>/ack` `{id, ok?}`). */
    async acknowledge(tenantCode: string, signId: string, body: { id?: unknown; ok?: unknown }) {
      const t = await tenantOf(tenantCode);
      const d = t.devices.get(signId);
      const s = t.signs.get(signId);
      if (!d || !s) return false;
      d.lastSeen = clock.now().getTime();
      d.dirty = true;
      if (body.id !== s.commandId || s.delivery === 'ok') return false;
      if (body.ok === false) {
        // The controller refused: sent again at once, up to the attempts allowed.
        if (s.attempts < maxAttempts) send(t, signId, s);
        else {
          s.delivery = 'failed';
          track(persistSign(t, signId, s, false));
        }
        return false;
      }
      if (s.retryTimer) clearTimeout(s.retryTimer);
      s.delivery = 'ok';
      s.lastAckAt = clock.now().getTime();
      track(persistSign(t, signId, s, false));
      return true;
    },

    // Templates and rules

    async listTemplates(p: Principal) {
      requireRole(p, READ_ACCESS.traffic, 'Reading smart-traffic data');
      const t = await tenantOf(p.tenantCode);
      const items = [...t.templates.values()];
      return { items, total: items.length };
    },

    async putTemplate(
      p: Principal,
      condition: TrafficCondition,
      level: TrafficLevel,
      body: { label: string; advice: string; priority: number },
    ) {
      requireRole(p, MANAGE_ROLES, 'Editing sign templates');
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        const values = { label: body.label, advice: body.advice, priority: body.priority, updated_at: now };
        await trx
          .insertInto('traffic_templates')
          .values({ tenant_code: p.tenantCode, condition, level, ...values })
          .onConflict((oc) => oc.columns(['tenant_code', 'condition', 'level']).doUpdateSet(values))
          .execute();
        await audit.write(trx, p, {
          action: 'traffic.template.update',
          resource: 'traffic-template',
          resourceId: `${condition}/${level}`,
          detail: body,
        });
        await configChanged(trx, p.tenantCode, null);
      });
      await reload(p.tenantCode);
      bus.kick();
      return { condition, level, ...body };
    },

    async getRules(p: Principal) {
      requireRole(p, READ_ACCESS.traffic, 'Reading smart-traffic data');
      const t = await tenantOf(p.tenantCode);
      return {
        rules: t.rules,
        readingRetentionDays: t.readingRetentionDays,
        plateRetentionDays: t.plateRetentionDays,
      };
    },

    async putRules(
      p: Principal,
      body: Partial<TrafficRules> & {
        readingRetentionDays?: number | undefined;
        plateRetentionDays?: number | undefined;
      },
    ) {
      requireRole(p, MANAGE_ROLES, 'Editing the traffic rules');
      const t = await tenantOf(p.tenantCode);
      const { readingRetentionDays, plateRetentionDays, ...partial } = body;
      const rules = trafficRulesSchema.parse({ ...t.rules, ...partial });
      if (!(rules.fogRedM < rules.fogOrangeM && rules.fogOrangeM < rules.fogYellowM))
        throw invalid('fogRedM', 'fog thresholds must fall: red < orange < yellow');
      if (!(rules.iceRedFriction < rules.iceFriction && rules.iceFriction <= rules.slipperyFriction))
        throw invalid('iceRedFriction', 'friction thresholds must rise: iceRed < ice ≤ slippery');
      const stored = Object.fromEntries(
        Object.entries(rules).filter(([k, v]) => DEFAULT_TRAFFIC_RULES[k as keyof TrafficRules] !== v),
      );
      await db.transaction().execute(async (trx) => {
        const values = {
          rules: JSON.stringify(stored),
          ...(readingRetentionDays ? { reading_retention_days: readingRetentionDays } : {}),
          ...(plateRetentionDays ? { plate_retention_days: plateRetentionDays } : {}),
          updated_at: clock.now(),
        };
        await trx
          .insertInto('traffic_settings')
          .values({ tenant_code: p.tenantCode, ...values })
          .onConflict((oc) => oc.column('tenant_code').doUpdateSet(values))
          .execute();
        await audit.write(trx, p, {
          action: 'traffic.rules.update',
          resource: 'traffic-rules',
          detail: {
            ...partial,
            readingRetentionDays: readingRetentionDays ?? null,
            plateRetentionDays: plateRetentionDays ?? null,
          },
        });
        await configChanged(trx, p.tenantCode, null);
      });
      await reload(p.tenantCode);
      bus.kick();
      return service.getRules(p);
    },

    // Routes

    async listRoutes(p: Principal) {
      requireRole(p, READ_ACCESS.traffic, 'Reading smart-traffic data');
      const rows = await db
        .selectFrom('traffic_routes')
        .selectAll()
        .where('tenant_code', '=', p.tenantCode)
        .orderBy('created_at')
        .execute();
      const items: TrafficRoute[] = rows.map((r) => {
        const res = (r.result ?? {}) as Partial<TrafficRoute>;
        return {
          id: r.id,
          name: r.name,
          from: r.from_point,
          to: r.to_point,
          durationSeconds: res.durationSeconds ?? null,
          distanceMeters: res.distanceMeters ?? null,
          normalDurationSeconds: res.normalDurationSeconds ?? null,
          avoids: res.avoids ?? [],
          crosses: res.crosses ?? [],
          geometry: res.geometry ?? null,
          computedAt: r.computed_at ? dateOf(r.computed_at).toISOString() : null,
        };
      });
      return { items, total: items.length };
    },

    async createRoute(
      p: Principal,
      body: { name: string; from: [number, number]; to: [number, number] },
      demo = false,
    ) {
      requireRole(p, MANAGE_ROLES, 'Editing the routes between points');
      const t = await tenantOf(p.tenantCode);
      // Both ends must be on the road network.
      routing.routeBetween(p.tenantCode, body.from, body.to, { freeFlow: true });
      const id = randomUUID();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('traffic_routes')
          .values({
            tenant_code: p.tenantCode,
            id,
            name: body.name,
            from_point: JSON.stringify(body.from),
            to_point: JSON.stringify(body.to),
            demo,
            created_at: clock.now(),
          })
          .execute();
        await audit.write(trx, p, {
          action: 'traffic.route.create',
          resource: 'traffic-route',
          resourceId: id,
          detail: body,
        });
      });
      await computeRoutes(t);
      return (await service.listRoutes(p)).items.find((r) => r.id === id)!;
    },

    async deleteRoute(p: Principal, id: string) {
      requireRole(p, MANAGE_ROLES, 'Editing the routes between points');
      await db.transaction().execute(async (trx) => {
        const gone = await trx
          .deleteFrom('traffic_routes')
          .where('tenant_code', '=', p.tenantCode)
          .where('id', '=', id)
          .executeTakeFirst();
        if (!gone.numDeletedRows) throw notFound('Route', id);
        await audit.write(trx, p, {
          action: 'traffic.route.delete',
          resource: 'traffic-route',
          resourceId: id,
        });
        await enqueue(trx, p.tenantCode, 'traffic.route.changed', { routes: -1 });
      });
      bus.kick();
    },

    computeRoutes: async (tenantCode: string) => computeRoutes(await tenantOf(tenantCode)),

    // Exports

    async exportHazards(p: Principal): Promise<{
      hazards: ExportHazard[];
      issuer: { senderId: string; senderName: string; nationalIdentifier: string; countryCode: string };
    }> {
      requireRole(p, READ_ACCESS.traffic, 'Reading smart-traffic data');
      const t = await tenantOf(p.tenantCode);
      const since = new Date(clock.now().getTime() - 3600_000);
      const rows = await hazardRows(p.tenantCode)
        .where((eb) => eb.or([eb('ended_at', 'is', null), eb('ended_at', '>', since)]))
        .orderBy('started_at', 'desc')
        .execute();
      const dir = await orgs.directory(p.tenantCode);
      const root = dir.root();
      const hazards: ExportHazard[] = rows.map((h) => {
        const view = hazardView(t, h);
        return {
          id: h.id,
          sectionName: view.sectionName,
          condition: view.condition,
          level: view.level,
          startedAt: view.startedAt,
          endedAt: view.endedAt,
          updatedAt: dateOf(h.updated_at).toISOString(),
          line: t.sections.get(h.section_id)?.line ?? [],
          label: h.label,
          advice: h.advice,
          speedLimitKmh: h.speed_limit_kmh,
          gapM: h.gap_m,
          ntcipCode: h.ntcip_code,
          datexType: h.datex_type,
          visibilityM:
            mergedVisibility(
              (h.evidence as TrafficStoredReading[]).map((r) =>
                toReading(r.deviceId, 0, r as unknown as Record<string, unknown>),
              ),
            ) ?? null,
        };
      });
      return {
        hazards,
        issuer: {
          senderId: `ronghui.${p.tenantCode}`,
          senderName: root?.name ?? p.tenantCode,
          nationalIdentifier: p.tenantCode,
          countryCode: 'cn',
        },
      };
    },

    async cap(p: Principal, selfUrl: string) {
      const { hazards, issuer } = await service.exportHazards(p);
      return capFeed(hazards, issuer, {
        selfUrl,
        alertUrl: (id: string) => `${selfUrl}/${id}`,
        updatedAt: clock.now().toISOString(),
      });
    },

    async capOne(p: Principal, id: string) {
      const { hazards, issuer } = await service.exportHazards(p);
      let h = hazards.find((x) => x.id === id);
      if (!h) {
        const t = await tenantOf(p.tenantCode);
        const row = await hazardRows(p.tenantCode).where('id', '=', id).executeTakeFirst();
        if (!row) throw notFound('Hazard', id);
        const v = hazardView(t, row);
        h = {
          ...v,
          updatedAt: dateOf(row.updated_at).toISOString(),
          line: t.sections.get(row.section_id)?.line ?? [],
        };
      }
      return capAlert(h, issuer, clock.now().toISOString());
    },

    async datex(p: Principal) {
      const { hazards, issuer } = await service.exportHazards(p);
      return datexSituationPublication(hazards, issuer, clock.now().toISOString());
    },

    // Background work

    /** Rules' pending changes by the clock, devices' online state, and what was written only in memory. */
    async sweep(tenantCode: string) {
      const t = await tenantOf(tenantCode);
      const now = clock.now().getTime();
      await applyAll(t, t.engine.tick(now));
      // Plate and convergence messages past their time give the sign back (timers do too; this is by the clock).
      for (const [signId, s] of t.signs)
        if ([...s.candidates.values()].some((c) => c.expiresAt !== null && c.expiresAt <= now))
          refreshSign(t, signId);
      const changed: { id: string; online: boolean }[] = [];
      const dirty: DeviceRt[] = [];
      for (const d of t.devices.values()) {
        const online = d.lastSeen > 0 && now - d.lastSeen < d.heartbeatSeconds * 1000;
        if (online !== d.online) {
          d.online = online;
          changed.push({ id: d.id, online });
        }
        if (d.dirty) {
          d.dirty = false;
          dirty.push(d);
        }
      }
      if (!dirty.length && !changed.length) return;
      await db.transaction().execute(async (trx) => {
        // One statement for every device heard from since the last sweep (a thousand sensors report each second).
        if (dirty.length) {
          const rows = dirty.map((d) => ({
            id: d.id,
            last_seen_at: d.lastSeen ? toIso(d.lastSeen) : null,
            rejected: d.rejected,
            last_reading: d.last,
          }));
          await sql`
            UPDATE traffic_devices AS d
               SET last_seen_at = v.last_seen_at, rejected = v.rejected, last_reading = v.last_reading
              FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
                AS v(id text, last_seen_at timestamptz, rejected jsonb, last_reading jsonb)
             WHERE d.tenant_code = ${t.code} AND d.id = v.id`.execute(trx);
        }
        for (const c of changed)
          await enqueue(trx, t.code, 'traffic.device.changed', {
            deviceId: c.id,
            change: c.online ? 'online' : 'offline',
          });
      });
      for (const c of changed)
        if (!c.online)
          log?.warn(
            { tenant: t.code, device: c.id },
            'roadside device offline: no message within its heartbeat',
          );
      if (changed.length) bus.kick();
    },

    /** Readings past the tenant's retention, plate reads (and plate messages) past the plate retention. */
    async purge(tenantCode: string) {
      const t = await tenantOf(tenantCode);
      const now = clock.now().getTime();
      const readingsBefore = new Date(now - t.readingRetentionDays * 86_400_000);
      const platesBefore = new Date(now - t.plateRetentionDays * 86_400_000);
      const readings = await db
        .deleteFrom('traffic_readings')
        .where('tenant_code', '=', tenantCode)
        .where('at', '<', readingsBefore)
        .executeTakeFirst();
      const plates = await db
        .deleteFrom('traffic_plate_reads')
        .where('tenant_code', '=', tenantCode)
        .where('at', '<', platesBefore)
        .executeTakeFirst();
      await db
        .deleteFrom('traffic_sign_log')
        .where('tenant_code', '=', tenantCode)
        .where((eb) =>
          eb.or([
            eb.and([eb('source', '=', 'plate'), eb('at', '<', platesBefore)]),
            eb('at', '<', readingsBefore),
          ]),
        )
        .execute();
      return { readings: Number(readings.numDeletedRows), plates: Number(plates.numDeletedRows) };
    },

    watch(tenantCodes: () => Promise<string[]>): () => void {
      let stopped = false;
      const sweepTimer = setInterval(() => {
        void tenantCodes()
          .then((codes) => Promise.all(codes.map((c) => service.sweep(c))))
          .catch((error) => !stopped && log?.warn({ err: error }, 'traffic sweep failed'));
      }, 5_000).unref();
      const purgeTimer = setInterval(() => {
        void tenantCodes()
          .then((codes) => Promise.all(codes.map((c) => service.purge(c))))
          .catch((error) => !stopped && log?.warn({ err: error }, 'traffic purge failed'));
      }, 3600_000).unref();
      const unsubscribe = bus.subscribe((event) => {
        if (
          event.topic === 'traffic.device.changed' &&
          (event.payload as { change?: string }).change === 'config'
        )
          void reload(event.tenantCode);
      });
      return () => {
        stopped = true;
        clearInterval(sweepTimer);
        clearInterval(purgeTimer);
        unsubscribe();
      };
    },

    /** Waits for decided hazards, sign states, readings and routes to be stored and announced (tests, shutdown). */
    async idle(tenantCode: string) {
      const p = tenants.get(tenantCode);
      if (p) {
        const t = await p;
        await t.chain;
        if (routeTimers.has(tenantCode)) runRoutes(t);
      }
      signFlush?.run();
      cutReadings();
      cutPlates();
      await Promise.all([...writes, ...inFlight]);
      // The live events those writes announced are relayed too (nothing left running on the database).
      await bus.drain();
    },

    /** Stops the timers and writes what is pending (shutdown). */
    async close() {
      for (const code of tenants.keys()) await service.idle(code);
      for (const p of tenants.values()) {
        const t = await p;
        for (const sign of t.signs.values()) {
          if (sign.retryTimer) clearTimeout(sign.retryTimer);
          if (sign.expiryTimer) clearTimeout(sign.expiryTimer);
        }
      }
      for (const timer of routeTimers.values()) clearTimeout(timer);
      routeTimers.clear();
      signFlush?.run();
      await Promise.all([...writes, ...inFlight]);
    },

    metrics() {
      return {
        ruleP50Ms: quantile(ruleMs, 0.5),
        ruleP99Ms: quantile(ruleMs, 0.99),
        plateToSignP50Ms: quantile(plateMs, 0.5),
        plateToSignP99Ms: quantile(plateMs, 0.99),
        decisions: ruleMs.length,
        plateWarnings: plateMs.length,
      };
    },
    resetMetrics() {
      ruleMs.length = 0;
      plateMs.length = 0;
    },

    /**
     * Replays a recorded day on the tenant's devices of that place, shifted so that it ends now: the
     * readings and plate reads go through the same path as a device's, one step every `stepMs`.
     */
    async replay(p: Principal, scenario: 'jiuxianshan-2023-12-22', stepMs = 1_500) {
      requireRole(p, OVERRIDE_ROLES, 'Replaying a recorded day');
      const t = await tenantOf(p.tenantCode);
      const story = JIUXIANSHAN_2023_12_22;
      const section = [...t.sections.values()].find((s) => s.name.includes('九仙山'));
      if (!section) throw conflict('No road section named 九仙山… to replay the day on.');
      const onSection = [...t.devices.values()].filter((d) => d.sectionId === section.id);
      const byKind = (kind: string) =>
        onSection.find((d) => d.kind === kind) ??
        [...t.devices.values()].find(
          (d) => d.kind === kind && d.signId && t.devices.get(d.signId)?.sectionId === section.id,
        );
      const missing = (['surface', 'anpr'] as const).filter((k) => !byKind(k));
      if (missing.length)
        throw conflict(`The section ${section.name} has no ${missing.join(', ')} device to replay on.`);
      const last = story.steps[story.steps.length - 1]!.offsetSeconds;
      const start = clock.now().getTime() - last * 1000;
      await audit.record(p, {
        action: 'traffic.replay',
        resource: 'traffic-section',
        resourceId: section.id,
        detail: { scenario },
      });
      const run = async () => {
        for (const step of story.steps) {
          const at = toIso(start + step.offsetSeconds * 1000);
          const device = byKind(step.device);
          if (!device) continue;
          if (step.plate) await vehicle(p.tenantCode, device.id, step.plate, at);
          else if (step.reading)
            await ingest(p.tenantCode, [{ deviceId: device.id, at, ...step.reading }], 'mqtt');
          if (stepMs) await new Promise((r) => setTimeout(r, stepMs));
        }
      };
      const done = run().catch((error) => log?.warn({ err: error }, 'replay stopped'));
      if (!stepMs) await done;
      return { steps: story.steps.length, section: section.name };
    },
  };

  /** Plate reads arriving together are stored in one insert (group commit), each caller answered after it. */
  const plateQueue: { row: Record<string, unknown>; resolve(): void; reject(e: Error): void }[] = [];
  let plateTimer: NodeJS.Timeout | undefined;
  function cutPlates() {
    if (plateTimer) clearTimeout(plateTimer);
    plateTimer = undefined;
    const batch = plateQueue.splice(0);
    if (!batch.length) return;
    const done = db
      .insertInto('traffic_plate_reads')
      .values(batch.map((b) => b.row) as never)
      .execute()
      .then(
        () => {
          for (const b of batch) b.resolve();
        },
        (error: Error) => {
          for (const b of batch) b.reject(error);
        },
      );
    inFlight.add(done);
    void done.finally(() => inFlight.delete(done));
  }
  function storePlate(row: Record<string, unknown>): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      plateQueue.push({ row, resolve, reject });
      if (plateQueue.length >= 500) cutPlates();
      else plateTimer ??= setTimeout(cutPlates, 5);
    });
  }

  /** A vehicle passed a camera or detector: plate-addressed warning ahead of a hazard, convergence warning. */
  async function vehicle(tenantCode: string, deviceId: string, plateText: string | null, atText?: string) {
    const perf = performance.now();
    const t = await tenantOf(tenantCode);
    const device = t.devices.get(deviceId);
    if (!device) throw invalid('deviceId', `no device "${deviceId}" in this county`);
    if (!VEHICLE_KINDS.includes(device.kind))
      throw invalid('deviceId', `device "${deviceId}" is a ${device.kind}, not an ANPR camera or detector`);
    let plate: string | null = null;
    if (plateText !== null) {
      const parsed = parsePlate(plateText);
      if (!parsed.ok) {
        device.rejected['plate-invalid'] = (device.rejected['plate-invalid'] ?? 0) + 1;
        device.dirty = true;
        throw invalid(
          'plate',
          `"${plateText}" is not a valid plate (GA 36-2018): ${reasonMessage(parsed.reason, 'en-US')}`,
        );
      }
      plate = parsed.value.value;
    }
    const now = clock.now().getTime();
    const at = atText ? Date.parse(atText) : now;
    if (at > now + FUTURE_TOLERANCE_MS)
      throw invalid('at', 'is more than 5 minutes ahead of the server clock');
    device.lastSeen = now;
    device.dirty = true;
    let warnedSign: string | null = null;
    // On the approach to an active hazard: the driver's own plate on the next sign.
    const hazards = [...t.hazards.values()].filter(
      (h) =>
        h.sectionId ===
        (device.sectionId ?? (device.signId ? t.devices.get(device.signId)?.sectionId : null)),
    );
    if (plate && device.signId && hazards.length) {
      const worst = hazards.sort((a, b) => b.priority - a.priority)[0]!;
      const sign = signOf(t, device.signId);
      sign.candidates.set('plate', {
        source: 'plate',
        text: plateMessage(plate, worst.label, worst.advice),
        priority: SIGN_PRIORITY.plate,
        createdAt: now,
        expiresAt: now + PLATE_MESSAGE_SECONDS * 1000,
      });
      refreshSign(t, device.signId);
      warnedSign = device.signId;
      plateMs.push(performance.now() - perf);
      if (plateMs.length > 200_000) plateMs.splice(0, 100_000);
    }
    // A blind junction: a vehicle on one branch warns the others.
    if (device.junction) {
      for (const other of t.devices.values()) {
        if (other.kind !== 'sign' || other.junction !== device.junction || other.branch === device.branch)
          continue;
        signOf(t, other.id).candidates.set('convergence', {
          source: 'convergence',
          text: CONVERGENCE_MESSAGE,
          priority: SIGN_PRIORITY.convergence,
          createdAt: now,
          expiresAt: now + CONVERGENCE_MESSAGE_SECONDS * 1000,
        });
        refreshSign(t, other.id);
      }
    }
    if (plate)
      await storePlate({
        tenant_code: tenantCode,
        id: randomUUID(),
        device_id: deviceId,
        plate,
        at: toIso(at),
        sign_id: warnedSign,
        warned: warnedSign !== null,
        received_at: toIso(now),
      });
    return { accepted: 1, warned: warnedSign !== null };
  }

  return service;
}

export type TrafficService = ReturnType<typeof createTrafficService>;
