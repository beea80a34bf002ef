import type { Insertable, Kysely, Selectable } from 'kysely';
import type {
  DB,
  MessageGroupsTable,
  MessageRecipientsTable,
  MessagesTable,
} from '../../platform/db/schema.ts';

export type MessageRow = Selectable<MessagesTable>;
export type RecipientRow = Selectable<MessageRecipientsTable>;
export type GroupRow = Selectable<MessageGroupsTable>;
export type RecipientState = RecipientRow['state'];

/** Whose inbox: the user's own rows, and the rows of units of `unitStationId` (a station's people). */
export interface Mailbox {
  userId: string;
  unitStationId: string | null;
}

export interface ListFilter {
  box: 'inbox' | 'sent' | 'all';
  mailbox: Mailbox;
  /** For box "all": orgs whose traffic is visible; undefined = the whole tenant. */
  scopeOrgIds?: string[] | undefined;
  incidentId?: string | undefined;
  limit: number;
}

/** The messages of a mailbox, sender or scope (see `ListFilter`). */
function filtered(db: Kysely<DB>, tenantCode: string, f: Omit<ListFilter, 'limit'>) {
  let q = db.selectFrom('messages as m').where('m.tenant_code', '=', tenantCode);
  if (f.incidentId) q = q.where('m.incident_id', '=', f.incidentId);
  if (f.box === 'sent') q = q.where('m.sender_id', '=', f.mailbox.userId);
  else if (f.box === 'inbox') {
    const { userId, unitStationId } = f.mailbox;
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('message_recipients as r')
          .select('r.message_id')
          .whereRef('r.tenant_code', '=', 'm.tenant_code')
          .whereRef('r.message_id', '=', 'm.id')
          .where((eb) =>
            eb.or([
              eb.and([eb('r.recipient_kind', '=', 'user'), eb('r.recipient_id', '=', userId)]),
              eb.and([eb('r.recipient_kind', '=', 'unit'), eb('r.org_id', '=', unitStationId ?? '')]),
            ]),
          ),
      ),
    );
  } else if (f.scopeOrgIds) {
    const orgs = f.scopeOrgIds.length ? f.scopeOrgIds : [''];
    q = q.where((eb) =>
      eb.or([
        eb('m.sender_org_id', 'in', orgs),
        eb.exists(
          eb
            .selectFrom('message_recipients as r')
            .select('r.message_id')
            .whereRef('r.tenant_code', '=', 'm.tenant_code')
            .whereRef('r.message_id', '=', 'm.id')
            .where('r.org_id', 'in', orgs),
        ),
      ]),
    );
  }
  return q;
}

export function createMessagesRepo() {
  return {
    async insert(trx: Kysely<DB>, message: Insertable<MessagesTable>, recipients: RecipientRow[]) {
      await trx.insertInto('messages').values(message).execute();
      for (let i = 0; i < recipients.length; i += 500)
        await trx
          .insertInto('message_recipients')
          .values(recipients.slice(i, i + 500))
          .execute();
    },
    async get(db: Kysely<DB>, tenantCode: string, id: string): Promise<MessageRow | undefined> {
      return db
        .selectFrom('messages')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .where('id', '=', id)
        .executeTakeFirst();
    },
    async recipients(db: Kysely<DB>, tenantCode: string, messageIds: string[]): Promise<RecipientRow[]> {
      if (!messageIds.length) return [];
      return db
        .selectFrom('message_recipients')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .where('message_id', 'in', messageIds)
        .orderBy('message_id')
        .orderBy('recipient_kind', 'desc')
        .orderBy('name')
        .execute();
    },
    /** Newest first, at most `f.limit`, and how many match in all. */
    async list(
      db: Kysely<DB>,
      tenantCode: string,
      f: ListFilter,
    ): Promise<{ items: MessageRow[]; total: number }> {
      const [items, count] = await Promise.all([
        filtered(db, tenantCode, f)
          .selectAll('m')
          .orderBy('m.created_at', 'desc')
          .orderBy('m.id')
          .limit(f.limit)
          .execute(),
        filtered(db, tenantCode, f)
          .select((eb) => eb.fn.countAll<string | number>().as('n'))
          .executeTakeFirstOrThrow(),
      ]);
      return { items, total: Number(count.n) };
    },
    /** sent → delivered for the mailbox's rows of these messages; returns how many rows moved. */
    async markDelivered(
      trx: Kysely<DB>,
      tenantCode: string,
      messageIds: string[],
      mailbox: Mailbox,
      at: Date,
    ): Promise<number> {
      if (!messageIds.length) return 0;
      const result = await trx
        .updateTable('message_recipients')
        .set({ state: 'delivered', delivered_at: at })
        .where('tenant_code', '=', tenantCode)
        .where('message_id', 'in', messageIds)
        .where('state', '=', 'sent')
        .where((eb) =>
          eb.or([
            eb.and([eb('recipient_kind', '=', 'user'), eb('recipient_id', '=', mailbox.userId)]),
            eb.and([eb('recipient_kind', '=', 'unit'), eb('org_id', '=', mailbox.unitStationId ?? '')]),
          ]),
        )
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    /** Acknowledges one recipient row unless it already is; false when there was nothing to change. */
    async acknowledge(
      trx: Kysely<DB>,
      tenantCode: string,
      messageId: string,
      recipient: { kind: 'user' | 'unit'; id: string },
      by: string,
      at: Date,
    ): Promise<boolean> {
      const result = await trx
        .updateTable('message_recipients')
        .set((eb) => ({
          state: 'acknowledged',
          acknowledged_at: at,
          acknowledged_by: by,
          delivered_at: eb.fn.coalesce('delivered_at', eb.val(at)),
        }))
        .where('tenant_code', '=', tenantCode)
        .where('message_id', '=', messageId)
        .where('recipient_kind', '=', recipient.kind)
        .where('recipient_id', '=', recipient.id)
        .where('state', '!=', 'acknowledged')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async outstanding(trx: Kysely<DB>, tenantCode: string, messageId: string): Promise<number> {
      const row = await trx
        .selectFrom('message_recipients')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('tenant_code', '=', tenantCode)
        .where('message_id', '=', messageId)
        .where('state', '!=', 'acknowledged')
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async insertGroup(trx: Kysely<DB>, row: Insertable<MessageGroupsTable>) {
      await trx.insertInto('message_groups').values(row).execute();
    },
    async group(db: Kysely<DB>, tenantCode: string, id: string): Promise<GroupRow | undefined> {
      return db
        .selectFrom('message_groups')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .where('id', '=', id)
        .executeTakeFirst();
    },
    async groups(db: Kysely<DB>, tenantCode: string): Promise<GroupRow[]> {
      return db
        .selectFrom('message_groups')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .orderBy('created_at', 'desc')
        .execute();
    },
    /** Active users of these orgs (recipients of messages addressed to a station or area). */
    async usersOf(db: Kysely<DB>, tenantCode: string, orgIds: string[]) {
      return db
        .selectFrom('users')
        .select(['id', 'username', 'display_name', 'roles', 'org_id'])
        .where('tenant_code', '=', tenantCode)
        .where('status', '=', 'active')
        .where('org_id', 'in', orgIds.length ? orgIds : [''])
        .execute();
    },
    async usersById(db: Kysely<DB>, tenantCode: string, ids: string[]) {
      return db
        .selectFrom('users')
        .select(['id', 'username', 'display_name', 'roles', 'org_id'])
        .where('tenant_code', '=', tenantCode)
        .where('status', '=', 'active')
        .where('id', 'in', ids.length ? ids : [''])
        .execute();
    },
  };
}
export type MessagesRepo = ReturnType<typeof createMessagesRepo>;
export type UserRef = Awaited<ReturnType<MessagesRepo['usersOf']>>[number];
