import { createHash, randomUUID } from 'node:crypto';
import type { ServiceFollowUp, ServiceRating, ServiceRatingBody } from '@ronghui/contracts';
import { addWorkingDays, isBadReview } from '@ronghui/services';
import type { Kysely, Selectable } from 'kysely';
import { canReach, requireRole } from '../../platform/auth/guard.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { READ_ACCESS } from '../../platform/auth/read-access.ts';
import { enqueue } from '../../platform/bus/outbox.ts';
import type { DB, ServiceFollowupsTable } from '../../platform/db/schema.ts';
import { conflict, DomainError, forbidden, invalid, notFound } from '../../platform/http/errors.ts';
import { ratingTokenHash } from './office-cases.ts';
import {
  citizen,
  type HallRow,
  hallsInScope,
  iso,
  SERVICE_WORK,
  type ServiceOfficeDeps,
  today,
} from './office-common.ts';

type FollowUpRow = Selectable<ServiceFollowupsTable>;
type FollowUpStatus = FollowUpRow['status'];
export type FollowUpStep = 'callback' | 'rectify' | 'fix-rating';

const FOLLOW_UP_STEPS: Record<FollowUpStep, { from: FollowUpStatus; to: FollowUpStatus }> = {
  callback: { from: 'open', to: 'called-back' },
  rectify: { from: 'called-back', to: 'rectified' },
  'fix-rating': { from: 'rectified', to: 'closed' },
};

export interface FollowUpQuery {
  page: number;
  pageSize: number;
  hallId?: string | undefined;
  status?: FollowUpStatus | undefined;
}

export function createRatingOffice(deps: ServiceOfficeDeps) {
  const { db, orgs, audit, clock, crypto } = deps;

  function presentFollowUp(f: FollowUpRow & { level: number; comment: string | null }): ServiceFollowUp {
    return {
      id: f.id,
      ratingId: f.rating_id,
      hallId: f.hall_id,
      level: f.level,
      comment: f.comment,
      status: f.status,
      openedAt: iso(f.opened_at)!,
      rectifyBy: f.rectify_by,
      overdue: f.status !== 'closed' && today(clock) > f.rectify_by,
      callbackAt: iso(f.callback_at),
      callbackNote: f.callback_note,
      rectifiedAt: iso(f.rectified_at),
      rectifyNote: f.rectify_note,
      fixLevel: f.fix_level,
    };
  }

  const followUps = (trx: Kysely<DB>, tenantCode: string) =>
    trx
      .selectFrom('service_followups as f')
      .innerJoin('service_ratings as r', 'r.id', 'f.rating_id')
      .selectAll('f')
      .select(['r.level', 'r.comment', 'r.case_id'])
      .where('f.tenant_code', '=', tenantCode);

  async function hallOf(tenantCode: string, hallId: string): Promise<HallRow> {
    return db
      .selectFrom('service_halls')
      .selectAll()
      .where('tenant_code', '=', tenantCode)
      .where('id', '=', hallId)
      .executeTakeFirstOrThrow();
  }

  /** A staff session rating at the window or kiosk must work in the hall's scope. */
  async function staffReaches(principal: Principal, hall: HallRow): Promise<boolean> {
    if (!principal.roles.some((r) => SERVICE_WORK.includes(r))) return false;
    const dir = await orgs.directory(principal.tenantCode);
    return canReach(principal, dir.pathOf(hall.org_id));
  }

  /** Moves a follow-up one step (guarded against a concurrent change), audited. */
  async function moveFollowUp(
    trx: Kysely<DB>,
    actor: { tenantCode: string; userId: string; username: string },
    f: FollowUpRow,
    step: FollowUpStep,
    s: { note?: string | undefined; level?: number | undefined },
  ) {
    const rule = FOLLOW_UP_STEPS[step];
    if (f.status !== rule.from)
      throw conflict(`the follow-up is "${f.status}": it cannot take the step ${step}`, { status: f.status });
    const now = clock.now();
    const patch =
      step === 'callback'
        ? { callback_at: now, callback_note: s.note ?? null, callback_by: actor.userId }
        : step === 'rectify'
          ? { rectified_at: now, rectify_note: s.note ?? null, rectified_by: actor.userId }
          : { fix_level: s.level ?? null, closed_at: now };
    const n = await trx
      .updateTable('service_followups')
      .set({ status: rule.to, ...patch })
      .where('id', '=', f.id)
      .where('status', '=', f.status)
      .executeTakeFirst();
    if (Number(n.numUpdatedRows) === 0) throw conflict('the follow-up was changed meanwhile: reload it');
    await audit.write(trx, actor, {
      action: `service.follow-up.${step}`,
      resource: 'service-follow-up',
      resourceId: f.id,
      detail: { from: f.status, to: rule.to, ...(s.level ? { level: s.level } : {}) },
    });
  }

  return {
    /** 好差评: a visit rated at the window or kiosk, or a case rated from the phone with its token. */
    async rate(principal: Principal | null, body: ServiceRatingBody): Promise<ServiceRating> {
      const tenantCode = principal?.tenantCode ?? deps.settings.tenantCode;
      const now = clock.now();
      let hall: HallRow;
      let ticketId: string | null = null;
      let caseRow: { id: string; number: string; hall_id: string; clerk_id: string | null } | null = null;
      let clerkId: string | null = null;
      if (body.ticketId) {
        if (!principal)
          throw new DomainError('unauthenticated', 'Not signed in', 'A visit is rated at the hall.');
        const ticket = await db
          .selectFrom('service_tickets')
          .select(['id', 'hall_id', 'status', 'clerk_id'])
          .where('tenant_code', '=', tenantCode)
          .where('id', '=', body.ticketId)
          .executeTakeFirst();
        if (!ticket) throw notFound('ticket', body.ticketId);
        hall = await hallOf(tenantCode, ticket.hall_id);
        if (!(await staffReaches(principal, hall))) throw notFound('ticket', body.ticketId);
        if (ticket.status !== 'done')
          throw conflict(`the visit is "${ticket.status}": rate it once it is done`);
        ticketId = ticket.id;
        clerkId = ticket.clerk_id;
      } else {
        const number = body.caseNumber ?? '';
        const row = await db
          .selectFrom('service_cases')
          .select(['id', 'number', 'hall_id', 'clerk_id', 'status', 'rating_token_hash', 'ticket_id'])
          .where('tenant_code', '=', tenantCode)
          .where('number', '=', number)
          .executeTakeFirst();
        if (!row) throw notFound('case', number);
        hall = await hallOf(tenantCode, row.hall_id);
        // The code from the completion SMS, or the manage token of the booking that brought the visit.
        const byToken =
          body.token !== undefined &&
          ((row.rating_token_hash !== null &&
            ratingTokenHash(crypto, body.token.toUpperCase()) === row.rating_token_hash) ||
            (row.ticket_id !== null &&
              (await db
                .selectFrom('service_appointments')
                .select('id')
                .where('tenant_code', '=', tenantCode)
                .where('ticket_id', '=', row.ticket_id)
                .where('manage_hash', '=', createHash('sha256').update(body.token).digest('hex'))
                .executeTakeFirst()) !== undefined));
        if (!byToken && !(principal && (await staffReaches(principal, hall))))
          throw forbidden('rate a case with the token sent to your phone, or at the hall');
        if (row.status !== 'completed' && row.status !== 'delivered')
          throw conflict(`case ${row.number} is "${row.status}": rate it once it is completed`);
        caseRow = row;
        clerkId = row.clerk_id;
      }
      const actor = principal ?? citizen(tenantCode);
      const dir = await orgs.directory(tenantCode);
      const result = await db.transaction().execute(async (trx) => {
        const fixing = caseRow
          ? await followUps(trx, tenantCode)
              .where('r.case_id', '=', caseRow.id)
              .where('f.status', '=', 'rectified')
              .executeTakeFirst()
          : undefined;
        if (ticketId) {
          const rated = await trx
            .selectFrom('service_ratings')
            .select('id')
            .where('ticket_id', '=', ticketId)
            .where('case_id', 'is', null)
            .executeTakeFirst();
          if (rated) throw conflict('this visit has been rated already');
        } else if (caseRow && !fixing) {
          const rated = await trx
            .selectFrom('service_ratings')
            .select('id')
            .where('case_id', '=', caseRow.id)
            .executeTakeFirst();
          if (rated) throw conflict(`case ${caseRow.number} has been rated already`);
        }
        const id = randomUUID();
        await trx
          .insertInto('service_ratings')
          .values({
            id,
            tenant_code: tenantCode,
            hall_id: hall.id,
            ticket_id: ticketId,
            case_id: caseRow?.id ?? null,
            clerk_id: clerkId,
            level: body.level,
            channel: body.channel,
            comment: body.comment ?? null,
            at: now,
          })
          .execute();
        await audit.write(trx, actor, {
          action: fixing ? 'service.rating.fix' : 'service.rating',
          resource: 'service-rating',
          resourceId: id,
          detail: { level: body.level, hallId: hall.id, ticketId, caseNumber: caseRow?.number ?? null },
        });
        let followUpId: string | null = null;
        if (fixing) {
          await moveFollowUp(trx, actor, fixing, 'fix-rating', { level: body.level });
          followUpId = fixing.id;
        } else if (isBadReview(body.level)) {
          followUpId = randomUUID();
          await trx
            .insertInto('service_followups')
            .values({
              id: followUpId,
              tenant_code: tenantCode,
              rating_id: id,
              hall_id: hall.id,
              status: 'open',
              opened_at: now,
              rectify_by: addWorkingDays(today(clock), deps.settings.rectifyWorkingDays),
            })
            .execute();
          await enqueue(
            trx,
            tenantCode,
            'services.case.changed',
            { caseId: caseRow?.id ?? null, hallId: hall.id, change: 'bad-review' },
            dir.pathOf(hall.org_id),
          );
        }
        return { id, followUpId };
      });
      deps.bus.kick();
      return {
        id: result.id,
        level: body.level,
        channel: body.channel,
        ticketId,
        caseNumber: caseRow?.number ?? null,
        comment: body.comment ?? null,
        at: now.toISOString(),
        followUpId: result.followUpId,
      };
    },

    async listFollowUps(principal: Principal, q: FollowUpQuery) {
      requireRole(principal, READ_ACCESS.service, 'Listing follow-ups');
      const dir = await orgs.directory(principal.tenantCode);
      const hallIds = (await hallsInScope(db, principal, dir))
        .map((h) => h.id)
        .filter((id) => !q.hallId || id === q.hallId);
      if (hallIds.length === 0) return { items: [], total: 0 };
      let query = followUps(db, principal.tenantCode).where('f.hall_id', 'in', hallIds);
      if (q.status) query = query.where('f.status', '=', q.status);
      const rows = await query.orderBy('f.opened_at', 'desc').execute();
      const page = rows.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
      return { items: page.map(presentFollowUp), total: rows.length };
    },

    async stepFollowUp(
      principal: Principal,
      id: string,
      body: { step: FollowUpStep; note?: string | undefined; level?: number | undefined },
    ): Promise<ServiceFollowUp> {
      requireRole(principal, SERVICE_WORK, 'Following up bad reviews');
      const dir = await orgs.directory(principal.tenantCode);
      const halls = await hallsInScope(db, principal, dir);
      const f = await followUps(db, principal.tenantCode).where('f.id', '=', id).executeTakeFirst();
      if (!f || !halls.some((h) => h.id === f.hall_id)) throw notFound('follow-up', id);
      if (body.step === 'fix-rating' && body.level === undefined) throw invalid('/level', 'is required');
      await db.transaction().execute((trx) => moveFollowUp(trx, principal, f, body.step, body));
      const fresh = await followUps(db, principal.tenantCode)
        .where('f.id', '=', id)
        .executeTakeFirstOrThrow();
      return presentFollowUp(fresh);
    },
  };
}
export type RatingOffice = ReturnType<typeof createRatingOffice>;
