import { randomUUID } from 'node:crypto';
import type { MessageDetail, MessageList, SendMessageBody } from '@ronghui/contracts';
import type { Kysely } from 'kysely';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { canReach, requireRole } from '../../platform/auth/guard.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { EventBus } from '../../platform/bus/bus.ts';
import { enqueue } from '../../platform/bus/outbox.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DB } from '../../platform/db/schema.ts';
import { forbidden, invalid, notFound } from '../../platform/http/errors.ts';
import type { IncidentsService } from '../incidents/index.ts';
import type { OrgDirectory, OrgsService } from '../orgs/index.ts';
import type { UnitsRepo } from '../units/index.ts';
import { COMMAND, canSeeMessage, canUseGroup, commandScope, MESSAGING, mailboxOf } from './message-access.ts';
import { presentMessage, presentRecipient } from './message-presenter.ts';
import { resolveRecipients } from './message-recipients.ts';
import type { MessageRow, MessagesRepo, RecipientRow } from './messages.repo.ts';

export type SendInput = SendMessageBody;

export interface Deps {
  db: Kysely<DB>;
  repo: MessagesRepo;
  units: UnitsRepo;
  incidents: IncidentsService;
  orgs: OrgsService;
  audit: AuditService;
  bus: EventBus;
  clock: Clock;
}

/** Ancestry of every org, merged: the WebSocket delivers to users whose scope is one of them. */
const pathsOf = (dir: OrgDirectory, orgIds: Iterable<string>) => [
  ...new Set([...orgIds].flatMap((id) => dir.pathOf(id))),
];

export function createMessagesService(deps: Deps) {
  const { db, repo, units, incidents, orgs, audit, bus, clock } = deps;

  async function load(principal: Principal, id: string) {
    const dir = await orgs.directory(principal.tenantCode);
    const m = await repo.get(db, principal.tenantCode, id);
    const rows = m ? await repo.recipients(db, principal.tenantCode, [id]) : [];
    if (!m || !canSeeMessage(principal, dir, m, rows)) throw notFound('message', id);
    return { m, rows, dir };
  }

  function detail(
    principal: Principal,
    dir: OrgDirectory,
    m: MessageRow,
    rows: RecipientRow[],
  ): MessageDetail {
    return {
      ...presentMessage(m, rows, dir, mailboxOf(principal)),
      recipients: rows.map((r) => presentRecipient(r, dir)),
    };
  }

  /**
   * Whom a message's live events are addressed to, as the API lets them read it: the sender, the users it
   * was sent to, and the people of the stations whose units it was sent to (they staff the units'
   * terminals, `mailboxOf`). Command rooms over its orgs hear of it too, by their role.
   */
  async function addresseesOf(
    executor: Kysely<DB>,
    tenantCode: string,
    senderId: string,
    rows: Pick<RecipientRow, 'recipient_kind' | 'recipient_id' | 'org_id'>[],
  ): Promise<string[]> {
    const unitStations = [...new Set(rows.filter((r) => r.recipient_kind === 'unit').map((r) => r.org_id))];
    const crews = unitStations.length ? await repo.usersOf(executor, tenantCode, unitStations) : [];
    return [
      senderId,
      ...rows.filter((r) => r.recipient_kind === 'user').map((r) => r.recipient_id),
      ...crews.filter((u) => u.roles.some((r) => r === 'officer' || r === 'auxiliary')).map((u) => u.id),
    ];
  }

  /** Marks the caller's rows of these messages delivered, audited in the same transaction. */
  async function deliver(principal: Principal, ids: string[], action: string, detailOf: object) {
    return db.transaction().execute(async (trx) => {
      const n = await repo.markDelivered(trx, principal.tenantCode, ids, mailboxOf(principal), clock.now());
      await audit.write(trx, principal, {
        action,
        resource: 'message',
        resourceId: ids.length === 1 ? ids[0] : null,
        detail: { ...detailOf, delivered: n },
      });
      return n;
    });
  }

  return {
    async send(principal: Principal, input: SendInput) {
      requireRole(principal, MESSAGING, 'Sending messages');
      if (input.kind === 'order') requireRole(principal, COMMAND, 'Giving orders');
      const t = input.to;
      if (![t.users, t.units, t.stations, t.areas].some((l) => l?.length) && !t.group)
        throw invalid('/to', 'name at least one recipient: users, units, stations, areas or a group');
      const dir = await orgs.directory(principal.tenantCode);
      const group = t.group ? await repo.group(db, principal.tenantCode, t.group) : undefined;
      const unitStations = new Map(
        group?.unit_ids.length
          ? (await units.ids(db, principal.tenantCode)).map((u) => [u.id, u.stationId])
          : [],
      );
      if (t.group && (!group || !canUseGroup(principal, dir, group, unitStations)))
        throw invalid('/to/group', `no message group "${t.group}" that you may use`);
      if (input.incidentId) await incidents.get(principal, input.incidentId);
      const recipients = await resolveRecipients({
        db,
        tenantCode: principal.tenantCode,
        dir,
        repo,
        units,
        target: t,
        group,
        senderId: principal.userId,
      });
      if (!recipients.length) throw invalid('/to', 'these addressees have nobody to receive the message');
      if (input.kind === 'order') {
        const outside = recipients.find((r) => !canReach(principal, dir.pathOf(r.orgId)));
        if (outside)
          throw forbidden(`${outside.name} (${dir.get(outside.orgId)?.name ?? ''}) is outside your command`);
      }
      const now = clock.now();
      const id = randomUUID();
      const message: MessageRow = {
        tenant_code: principal.tenantCode,
        id,
        kind: input.kind,
        priority: input.priority ?? (input.kind === 'order' ? 'urgent' : 'normal'),
        text: input.text,
        incident_id: input.incidentId ?? null,
        sender_id: principal.userId,
        sender: principal.username,
        sender_name: principal.displayName,
        sender_org_id: principal.orgId,
        target: { ...t },
        org_ids: [...new Set(recipients.map((r) => r.orgId))],
        created_at: now,
      };
      const rows: RecipientRow[] = recipients.map((r) => ({
        tenant_code: principal.tenantCode,
        message_id: id,
        recipient_kind: r.kind,
        recipient_id: r.id,
        name: r.name,
        org_id: r.orgId,
        state: 'sent',
        delivered_at: null,
        acknowledged_at: null,
        acknowledged_by: null,
      }));
      await db.transaction().execute(async (trx) => {
        await repo.insert(trx, { ...message, target: JSON.stringify(message.target) }, rows);
        await audit.write(trx, principal, {
          action: 'message.send',
          resource: 'message',
          resourceId: id,
          detail: {
            kind: message.kind,
            priority: message.priority,
            incidentId: message.incident_id,
            to: message.target,
            recipients: rows.length,
          },
        });
        await enqueue(
          trx,
          principal.tenantCode,
          'message.sent',
          {
            messageId: id,
            kind: message.kind,
            priority: message.priority,
            incidentId: message.incident_id,
            from: { username: principal.username, name: principal.displayName },
            userIds: recipients.filter((r) => r.kind === 'user').map((r) => r.id),
            unitIds: recipients.filter((r) => r.kind === 'unit').map((r) => r.id),
          },
          pathsOf(dir, message.org_ids),
          await addresseesOf(trx, principal.tenantCode, principal.userId, rows),
        );
      });
      bus.kick();
      return detail(principal, dir, message, rows);
    },

    /** inbox: addressed to the caller; sent: by the caller; all: the traffic of a command role's scope. */
    async list(
      principal: Principal,
      q: { box: 'inbox' | 'sent' | 'all'; incidentId?: string | undefined; limit: number },
    ): Promise<MessageList> {
      requireRole(principal, MESSAGING, 'Reading messages');
      const dir = await orgs.directory(principal.tenantCode);
      const scope = commandScope(principal, dir);
      if (q.box === 'all' && scope === null)
        throw forbidden('Only command roles read all traffic of a scope.');
      const mailbox = mailboxOf(principal);
      const { items: list, total } = await repo.list(db, principal.tenantCode, {
        box: q.box,
        mailbox,
        scopeOrgIds: scope ?? undefined,
        incidentId: q.incidentId,
        limit: q.limit,
      });
      const ids = list.map((m) => m.id);
      // Listing the inbox hands the texts over: the caller's rows count as delivered.
      await deliver(principal, q.box === 'inbox' ? ids : [], 'message.list', {
        box: q.box,
        incidentId: q.incidentId ?? null,
        count: ids.length,
      });
      const rows = await repo.recipients(db, principal.tenantCode, ids);
      const byMessage = new Map<string, RecipientRow[]>();
      for (const r of rows) byMessage.set(r.message_id, [...(byMessage.get(r.message_id) ?? []), r]);
      return { items: list.map((m) => presentMessage(m, byMessage.get(m.id) ?? [], dir, mailbox)), total };
    },

    async get(principal: Principal, id: string) {
      requireRole(principal, MESSAGING, 'Reading messages');
      const { m, dir } = await load(principal, id);
      await deliver(principal, [id], 'message.read', {});
      return detail(principal, dir, m, await repo.recipients(db, principal.tenantCode, [id]));
    },

    /** The client confirms it received the message over the live channel. */
    async delivered(principal: Principal, id: string) {
      requireRole(principal, MESSAGING, 'Confirming delivery');
      await load(principal, id);
      return { messageId: id, delivered: await deliver(principal, [id], 'message.delivered', {}) };
    },

    /** 签收: the caller's own row, or (`unitId`) a unit of the caller's station. Repeating it changes nothing. */
    async acknowledge(principal: Principal, id: string, unitId?: string | undefined) {
      requireRole(principal, MESSAGING, 'Acknowledging messages');
      const { m, rows, dir } = await load(principal, id);
      const mailbox = mailboxOf(principal);
      const row = unitId
        ? rows.find((r) => r.recipient_kind === 'unit' && r.recipient_id === unitId)
        : rows.find((r) => r.recipient_kind === 'user' && r.recipient_id === principal.userId);
      if (!row)
        throw unitId
          ? invalid('/unitId', `unit "${unitId}" is not a recipient of this message`)
          : forbidden('You are not a recipient of this message.');
      if (unitId && row.org_id !== mailbox.unitStationId)
        throw forbidden(
          `Only the people of ${dir.get(row.org_id)?.name ?? 'its station'} acknowledge for ${row.name}.`,
        );
      const changed = await db.transaction().execute(async (trx) => {
        const now = clock.now();
        const done = await repo.acknowledge(
          trx,
          principal.tenantCode,
          id,
          { kind: row.recipient_kind, id: row.recipient_id },
          principal.username,
          now,
        );
        if (!done) return false;
        await audit.write(trx, principal, {
          action: 'message.ack',
          resource: 'message',
          resourceId: id,
          detail: { recipientKind: row.recipient_kind, recipientId: row.recipient_id, kind: m.kind },
        });
        await enqueue(
          trx,
          principal.tenantCode,
          'message.acknowledged',
          {
            messageId: id,
            kind: m.kind,
            recipientKind: row.recipient_kind,
            recipientId: row.recipient_id,
            by: principal.username,
            outstanding: await repo.outstanding(trx, principal.tenantCode, id),
          },
          pathsOf(dir, [m.sender_org_id, row.org_id]),
          await addresseesOf(
            trx,
            principal.tenantCode,
            m.sender_id,
            await repo.recipients(trx, principal.tenantCode, [id]),
          ),
        );
        return true;
      });
      if (changed) bus.kick();
      return detail(principal, dir, m, await repo.recipients(db, principal.tenantCode, [id]));
    },
  };
}
export type MessagesService = ReturnType<typeof createMessagesService>;
