import type {
  DisputeAgreementBody,
  DisputeCreateBody,
  DisputeDetail,
  DisputeFollowUpBody,
  DisputeList,
  DisputeListQuery,
  DisputeMeetingBody,
  DisputeRevealBody,
  DisputeRevealed,
  DisputeStats,
  DisputeStatsQuery,
  DisputeStatus,
  DisputeStatusBody,
} from '@ronghui/contracts';
import { chinaDate, chinaDateKey, type GeoJSON, type LngLat, pointInPolygon } from '@ronghui/geo';
import { normalizeIdNumber, normalizeMobile, parseIdNumber, reasonMessage } from '@ronghui/ids';
import type { Kysely } from 'kysely';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { canReach, requireRole } from '../../platform/auth/guard.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { READ_ACCESS } from '../../platform/auth/read-access.ts';
import type { Role } from '../../platform/auth/roles.ts';
import type { EventBus } from '../../platform/bus/bus.ts';
import { enqueue } from '../../platform/bus/outbox.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DB } from '../../platform/db/schema.ts';
import { conflict, DomainError, invalid, notFound } from '../../platform/http/errors.ts';
import type { Privacy } from '../../platform/privacy/privacy.ts';
import type { OrgDirectory, OrgsService } from '../orgs/index.ts';
import { agreementHtml } from './agreement-html.ts';
import { presentDetail, presentDispute } from './dispute-presenter.ts';
import { canMove, chinaYearStart, dueAt, isOpen, statsFromBuckets } from './dispute-rules.ts';
import type { DisputeRow, DisputesRepo } from './disputes.repo.ts';

export const READ_ROLES: readonly Role[] = READ_ACCESS.dispute;
/** Registering and mediating: the grid worker, the station and the command room. */
export const WRITE_ROLES: readonly Role[] = [
  'grid-worker',
  'officer',
  'auxiliary',
  'dispatcher',
  'commander',
];

export interface DisputesDeps {
  db: Kysely<DB>;
  repo: DisputesRepo;
  orgs: OrgsService;
  audit: AuditService;
  privacy: Privacy;
  bus: EventBus;
  clock: Clock;
  /** HTML → PDF (Chromium, as the intel reports print). */
  renderPdf: (html: string) => Promise<Buffer>;
  /** The community grid at a point (kept on the dispute for the grid statistics). */
  communityGridAt?: ((tenantCode: string, lon: number, lat: number) => Promise<string | null>) | undefined;
}

/** The police grid whose boundary holds the point. */
export function gridAt(dir: OrgDirectory, point: LngLat): string | null {
  for (const grid of dir.ofKind('grid')) {
    const boundary = grid.boundary as GeoJSON.Polygon | GeoJSON.MultiPolygon | null;
    if (boundary && pointInPolygon(point, boundary)) return grid.id;
  }
  return null;
}

/** Org ids a principal's scope covers, or undefined for the whole county. */
function scopeIds(principal: Principal, dir: OrgDirectory): string[] | undefined {
  return principal.scopeKind === 'tenant' ? undefined : dir.subtreeIds(principal.orgId);
}

/** The org path an event or scope check uses: the grid's when known, else the station's. */
export function disputeOrgPath(dir: OrgDirectory, row: Pick<DisputeRow, 'grid_id' | 'station_id'>): string[] {
  const id = row.grid_id ?? row.station_id;
  return id ? dir.pathOf(id) : [];
}

export function createDisputesService(deps: DisputesDeps) {
  const { db, repo, orgs, audit, privacy, bus, clock } = deps;

  async function load(principal: Principal, dir: OrgDirectory, id: string): Promise<DisputeRow> {
    const row = await repo.findById(db, principal.tenantCode, id);
    if (!row) throw notFound('dispute', id);
    if (principal.scopeKind !== 'tenant' && !canReach(principal, disputeOrgPath(dir, row)))
      throw notFound('dispute', id);
    return row;
  }

  async function detail(principal: Principal, dir: OrgDirectory, id: string): Promise<DisputeDetail> {
    const row = (await repo.findById(db, principal.tenantCode, id))!;
    const [parties, events] = await Promise.all([
      repo.parties(db, principal.tenantCode, id),
      repo.timeline(db, principal.tenantCode, id),
    ]);
    return presentDetail(row, parties, events, dir, clock.now());
  }

  /** The timeline entry and audit record of one step, in its transaction. */
  async function step(
    trx: Kysely<DB>,
    principal: Principal,
    row: DisputeRow,
    s: {
      kind: string;
      to?: string | null;
      note?: string | null;
      detail?: Record<string, unknown>;
      at?: Date;
    },
  ) {
    await repo.appendEvent(trx, {
      tenant_code: principal.tenantCode,
      dispute_id: row.id,
      at: s.at ?? clock.now(),
      actor_id: principal.userId,
      actor: principal.displayName || principal.username,
      kind: s.kind,
      from_status: s.to ? row.status : null,
      to_status: s.to ?? null,
      note: s.note ?? null,
      detail: JSON.stringify(s.detail ?? {}),
    });
    await audit.write(trx, principal, {
      action: `dispute.${s.kind}`,
      resource: 'dispute',
      resourceId: row.id,
      detail: { number: row.number, from: row.status, to: s.to ?? row.status },
    });
  }

  /** Moves the dispute (guarded against a concurrent change) and records the step. */
  async function move(
    principal: Principal,
    row: DisputeRow,
    to: DisputeStatus,
    patch: Parameters<DisputesRepo['update']>[3],
    s: { kind: string; note?: string | null; detail?: Record<string, unknown> },
  ) {
    if (!canMove(row.status as DisputeStatus, to))
      throw conflict(`a dispute cannot go from "${row.status}" to "${to}"`, { from: row.status, to });
    const now = clock.now();
    await db.transaction().execute(async (trx) => {
      const n = await repo.update(
        trx,
        principal.tenantCode,
        row.id,
        { ...patch, status: to, updated_at: now },
        row.status,
      );
      if (n === 0) throw conflict(`dispute ${row.number} was changed meanwhile: reload it and try again`);
      await step(trx, principal, row, { ...s, to });
    });
  }

  function validateParties(body: DisputeCreateBody, today: string) {
    return body.parties.map((p, i) => {
      let phone: string | null = null;
      if (p.phone) {
        const r = normalizeMobile(p.phone);
        if (!r.ok) throw invalid(`/parties/${i}/phone`, reasonMessage(r.reason, 'en-US'));
        phone = r.value;
      }
      let idNumber: string | null = null;
      if (p.idNumber) {
        const r = parseIdNumber(p.idNumber, { today });
        if (!r.ok) throw invalid(`/parties/${i}/idNumber`, reasonMessage(r.reason, 'en-US'));
        idNumber = normalizeIdNumber(p.idNumber);
      }
      return { name: p.name, phone, idNumber };
    });
  }

  return {
    async create(principal: Principal, body: DisputeCreateBody): Promise<DisputeDetail> {
      requireRole(principal, WRITE_ROLES, 'Registering disputes');
      const dir = await orgs.directory(principal.tenantCode);
      const now = clock.now();
      const registeredAt = body.registeredAt ? new Date(body.registeredAt) : now;
      if (registeredAt > now) throw invalid('/registeredAt', 'must not lie in the future');
      const parties = validateParties(body, chinaDate(now));
      let gridId: string | null = null;
      if (body.gridId) {
        if (dir.get(body.gridId)?.kind !== 'grid')
          throw invalid('/gridId', `no police grid "${body.gridId}"`);
        gridId = body.gridId;
      } else if (body.location) {
        gridId = gridAt(dir, [body.location.lon, body.location.lat]);
        if (!gridId) throw invalid('/location', 'the point lies in no police grid of this county');
      } else if (principal.scopeKind === 'grid') {
        gridId = principal.orgId;
      } else throw invalid('/location', 'give the place as a point {lon, lat} or a gridId');
      if (!canReach(principal, dir.pathOf(gridId)))
        throw new DomainError('forbidden', 'Forbidden', 'the dispute lies outside your area');
      const stationId = dir.get(gridId)?.parentId ?? null;
      const grid = dir.get(gridId);
      const point = body.location ?? null;
      const id = crypto.randomUUID();
      const prefix = `JF${chinaDateKey(registeredAt).slice(0, 4)}`;
      const communityGridId =
        point && deps.communityGridAt
          ? await deps.communityGridAt(principal.tenantCode, point.lon, point.lat)
          : null;
      const result = await db.transaction().execute(async (trx) => {
        const seq = (await repo.countInYear(trx, principal.tenantCode, prefix)) + 1;
        const row = {
          tenant_code: principal.tenantCode,
          id,
          number: `${prefix}${String(seq).padStart(5, '0')}`,
          kind: body.kind,
          risk: body.risk,
          status: 'registered',
          description: body.description,
          address: body.address ?? grid?.name ?? null,
          lon: point?.lon ?? null,
          lat: point?.lat ?? null,
          grid_id: gridId,
          station_id: stationId,
          community_grid_id: communityGridId,
          mediators: JSON.stringify(body.mediators),
          registered_at: registeredAt,
          due_at: dueAt(registeredAt),
          created_by: principal.userId,
          updated_at: now,
        };
        await repo.insert(
          trx,
          row,
          parties.map((p, i) => ({
            tenant_code: principal.tenantCode,
            id: crypto.randomUUID(),
            dispute_id: id,
            sort: i,
            name: p.name,
            phone: p.phone,
            id_number: p.idNumber,
          })),
        );
        const created = (await repo.findById(trx, principal.tenantCode, id))!;
        await step(
          trx,
          principal,
          { ...created, status: 'registered' },
          {
            kind: 'registered',
            to: 'registered',
            at: registeredAt,
            detail: { risk: body.risk, kind: body.kind },
          },
        );
        if (body.risk === 'red')
          await enqueue(
            trx,
            principal.tenantCode,
            'dispute.alert',
            {
              disputeId: id,
              number: created.number,
              kind: body.kind,
              risk: 'red',
              stationId,
              gridId,
              address: created.address,
              at: registeredAt.toISOString(),
            },
            disputeOrgPath(dir, created),
          );
        return created;
      });
      bus.kick();
      return detail(principal, dir, result.id);
    },

    async list(principal: Principal, q: DisputeListQuery): Promise<DisputeList> {
      requireRole(principal, READ_ROLES, 'Listing disputes');
      const dir = await orgs.directory(principal.tenantCode);
      const now = clock.now();
      const result = await repo.list(
        db,
        principal.tenantCode,
        {
          orgIds: scopeIds(principal, dir),
          risks: q.risk,
          statuses: q.status,
          kinds: q.kind,
          ...(q.year ? { from: chinaYearStart(q.year), to: chinaYearStart(q.year + 1) } : {}),
          ...(q.mine === 'true' ? { mediatorUserId: principal.userId } : {}),
          ...(q.overdue === 'true' ? { overdueAt: now } : q.overdue === 'false' ? { notOverdueAt: now } : {}),
        },
        q.pageSize,
        (q.page - 1) * q.pageSize,
      );
      return { items: result.items.map((r) => presentDispute(r, dir, now)), total: result.total };
    },

    async stats(principal: Principal, q: DisputeStatsQuery): Promise<DisputeStats> {
      requireRole(principal, READ_ROLES, 'Reading dispute statistics');
      const dir = await orgs.directory(principal.tenantCode);
      const buckets = await repo.statsBuckets(
        db,
        principal.tenantCode,
        {
          orgIds: scopeIds(principal, dir),
          ...(q.year ? { from: chinaYearStart(q.year), to: chinaYearStart(q.year + 1) } : {}),
        },
        clock.now(),
      );
      return statsFromBuckets(buckets, q.year ?? null);
    },

    async get(principal: Principal, id: string): Promise<DisputeDetail> {
      requireRole(principal, READ_ROLES, 'Reading disputes');
      const dir = await orgs.directory(principal.tenantCode);
      await load(principal, dir, id);
      return detail(principal, dir, id);
    },

    async changeStatus(principal: Principal, id: string, body: DisputeStatusBody): Promise<DisputeDetail> {
      requireRole(principal, WRITE_ROLES, 'Moving disputes');
      const dir = await orgs.directory(principal.tenantCode);
      const row = await load(principal, dir, id);
      if (body.status === 'referred' && !body.referralTarget)
        throw invalid(
          '/referralTarget',
          'say where it is referred: court, judicial-office, labour-arbitration, other-agency',
        );
      if (body.referralTarget && body.status !== 'referred')
        throw invalid('/referralTarget', 'is given only when referring');
      const now = clock.now();
      const concludes = body.status === 'failed' || body.status === 'referred';
      await move(
        principal,
        row,
        body.status,
        {
          ...(concludes && !row.concluded_at ? { concluded_at: now } : {}),
          ...(body.status === 'closed' ? { closed_at: now } : {}),
          ...(body.referralTarget
            ? { referral: JSON.stringify({ target: body.referralTarget, note: body.note ?? null }) }
            : {}),
        },
        {
          kind: 'status',
          note: body.note ?? null,
          detail: body.referralTarget ? { referralTarget: body.referralTarget } : {},
        },
      );
      bus.kick();
      return detail(principal, dir, id);
    },

    async addMeeting(principal: Principal, id: string, body: DisputeMeetingBody): Promise<DisputeDetail> {
      requireRole(principal, WRITE_ROLES, 'Recording mediation meetings');
      const dir = await orgs.directory(principal.tenantCode);
      const row = await load(principal, dir, id);
      const status = row.status as DisputeStatus;
      if (!isOpen(status)) throw conflict(`dispute ${row.number} is "${status}": mediation is over`);
      const at = new Date(body.at);
      if (at > clock.now()) throw invalid('/at', 'a meeting is recorded after it took place');
      const detailOf = {
        at: at.toISOString(),
        place: body.place,
        attendees: body.attendees,
        summary: body.summary,
        outcome: body.outcome,
      };
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        if (status === 'registered') {
          const n = await repo.update(
            trx,
            principal.tenantCode,
            id,
            { status: 'mediating', updated_at: now },
            'registered',
          );
          if (n === 0) throw conflict(`dispute ${row.number} was changed meanwhile: reload it and try again`);
          await step(trx, principal, row, { kind: 'status', to: 'mediating', note: '首次调解' });
        } else await repo.update(trx, principal.tenantCode, id, { updated_at: now }, status);
        await step(
          trx,
          principal,
          { ...row, status: 'mediating' },
          {
            kind: 'meeting',
            note: body.outcome,
            detail: detailOf,
          },
        );
      });
      return detail(principal, dir, id);
    },

    /** 调解协议书: recording it settles the dispute. */
    async recordAgreement(
      principal: Principal,
      id: string,
      body: DisputeAgreementBody,
    ): Promise<DisputeDetail> {
      requireRole(principal, WRITE_ROLES, 'Recording mediation agreements');
      const dir = await orgs.directory(principal.tenantCode);
      const row = await load(principal, dir, id);
      if (row.status !== 'mediating')
        throw conflict(`dispute ${row.number} is "${row.status}": an agreement is recorded while mediating`);
      const now = clock.now();
      const signedAt = body.signedAt ? new Date(body.signedAt) : now;
      if (signedAt > now) throw invalid('/signedAt', 'must not lie in the future');
      const mediators = body.mediators ?? (row.mediators as DisputeDetail['mediators']);
      if (mediators.length === 0) throw invalid('/mediators', 'name the mediators who signed');
      const agreement = {
        facts: body.facts,
        responsibilities: body.responsibilities,
        obligations: body.obligations,
        performance: body.performance,
        performBy: body.performBy ?? null,
        signedAt: signedAt.toISOString(),
      };
      await move(
        principal,
        row,
        'settled',
        {
          agreement: JSON.stringify(agreement),
          mediators: JSON.stringify(mediators),
          concluded_at: signedAt,
        },
        { kind: 'agreement', note: body.obligations, detail: { signedAt: agreement.signedAt } },
      );
      bus.kick();
      return detail(principal, dir, id);
    },

    async followUp(principal: Principal, id: string, body: DisputeFollowUpBody): Promise<DisputeDetail> {
      requireRole(principal, WRITE_ROLES, 'Recording follow-up visits');
      const dir = await orgs.directory(principal.tenantCode);
      const row = await load(principal, dir, id);
      const at = body.at ? new Date(body.at) : clock.now();
      if (at > clock.now()) throw invalid('/at', 'a visit is recorded after it took place');
      await move(
        principal,
        row,
        'followed-up',
        {},
        { kind: 'follow-up', note: body.note, detail: { at: at.toISOString() } },
      );
      return detail(principal, dir, id);
    },

    async reveal(principal: Principal, id: string, body: DisputeRevealBody): Promise<DisputeRevealed> {
      requireRole(principal, READ_ROLES, 'Reading disputes');
      await privacy.requireUnmaskRole(principal, {
        resource: 'dispute',
        resourceId: id,
        field: body.field,
        reason: body.reason,
      });
      const dir = await orgs.directory(principal.tenantCode);
      await load(principal, dir, id);
      const party = (await repo.parties(db, principal.tenantCode, id)).find((p) => p.id === body.partyId);
      if (!party) throw invalid('/partyId', 'no such party of this dispute');
      const value =
        body.field === 'name' ? party.name : body.field === 'phone' ? party.phone : party.id_number;
      if (!value)
        throw new DomainError('unprocessable', 'Nothing to reveal', `the party has no ${body.field}`);
      const revealed = await privacy.reveal(principal, {
        resource: 'dispute',
        resourceId: id,
        field: `parties/${body.partyId}/${body.field}`,
        kind: body.field === 'idNumber' ? 'id-number' : body.field === 'phone' ? 'phone' : 'name',
        value,
        reason: body.reason,
      });
      return { partyId: body.partyId, field: body.field, value: revealed };
    },

    /** The signed agreement as a PDF: it names the parties in full, so every read is audited. */
    async agreementPdf(principal: Principal, id: string): Promise<{ number: string; pdf: Buffer }> {
      requireRole(principal, READ_ROLES, 'Reading mediation agreements');
      const dir = await orgs.directory(principal.tenantCode);
      const row = await load(principal, dir, id);
      const agreement = row.agreement as DisputeDetail['agreement'];
      if (!agreement) throw conflict(`dispute ${row.number} has no agreement yet`);
      const parties = await repo.parties(db, principal.tenantCode, id);
      const events = await repo.timeline(db, principal.tenantCode, id);
      const lastMeeting = [...events].reverse().find((e) => e.kind === 'meeting');
      const place =
        (lastMeeting?.detail as { place?: string } | undefined)?.place ??
        row.address ??
        dir.get(row.grid_id ?? '')?.name ??
        '';
      const pdf = await deps.renderPdf(
        agreementHtml({
          number: row.number,
          kind: row.kind,
          place,
          parties: parties.map((p) => ({ name: p.name, idNumber: privacy.mask('id-number', p.id_number) })),
          mediators: row.mediators as DisputeDetail['mediators'],
          agreement,
        }),
      );
      await audit.record(principal, {
        action: 'dispute.agreement.read',
        resource: 'dispute',
        resourceId: id,
        detail: { number: row.number, format: 'pdf', parties: parties.length },
      });
      return { number: row.number, pdf };
    },
  };
}
export type DisputesService = ReturnType<typeof createDisputesService>;
