import { type Insertable, type Kysely, type Selectable, sql, type Updateable } from 'kysely';
import type { DB, DisputeEventsTable, DisputePartiesTable, DisputesTable } from '../../platform/db/schema.ts';
import type { FieldCrypto } from '../../platform/privacy/field-crypto.ts';

export type DisputeRow = Selectable<DisputesTable>;
export type DisputePartyRow = Selectable<DisputePartiesTable>;
export type DisputeEventRow = Selectable<DisputeEventsTable>;
export type DisputeEventInsert = Insertable<DisputeEventsTable>;

export interface DisputeFilter {
  orgIds?: readonly string[] | undefined;
  risks?: readonly string[] | undefined;
  statuses?: readonly string[] | undefined;
  kinds?: readonly string[] | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  /** Open (registered or mediating) and past this instant. */
  overdueAt?: Date | undefined;
  notOverdueAt?: Date | undefined;
  /** Only those naming this user among their mediators (`mediators[].userId`). */
  mediatorUserId?: string | undefined;
}

/** Parties' names, phones and ID numbers are encrypted at rest (SM4, see field-crypto.ts). */
export function createDisputesRepo(crypto: FieldCrypto) {
  const open = crypto.decrypt.bind(crypto) as (s: string | null) => string | null;
  const filtered = (db: Kysely<DB>, tenantCode: string, f: DisputeFilter) => {
    let q = db.selectFrom('disputes').where('tenant_code', '=', tenantCode);
    if (f.orgIds) {
      const ids = [...f.orgIds];
      q = q.where((eb) => eb.or([eb('grid_id', 'in', ids), eb('station_id', 'in', ids)]));
    }
    if (f.risks?.length) q = q.where('risk', 'in', [...f.risks]);
    if (f.statuses?.length) q = q.where('status', 'in', [...f.statuses]);
    if (f.kinds?.length) q = q.where('kind', 'in', [...f.kinds]);
    if (f.from) q = q.where('registered_at', '>=', f.from);
    if (f.to) q = q.where('registered_at', '<', f.to);
    if (f.overdueAt)
      q = q.where('status', 'in', ['registered', 'mediating']).where('due_at', '<', f.overdueAt);
    if (f.mediatorUserId)
      q = q.where(sql<boolean>`mediators @> ${JSON.stringify([{ userId: f.mediatorUserId }])}::jsonb`);
    if (f.notOverdueAt) {
      const at = f.notOverdueAt;
      q = q.where((eb) =>
        eb.or([eb('status', 'not in', ['registered', 'mediating']), eb('due_at', '>=', at)]),
      );
    }
    return q;
  };
  return {
    async insert(
      trx: Kysely<DB>,
      row: Insertable<DisputesTable>,
      parties: Insertable<DisputePartiesTable>[],
    ) {
      await trx.insertInto('disputes').values(row).execute();
      if (parties.length) await trx.insertInto('dispute_parties').values(parties.map(seal)).execute();
    },
    /**
     * Bulk load (the demo's history): each table in one statement that unpacks a JSON array
     * (`jsonb_populate_recordset`), far cheaper than thousands of bound parameters on the embedded database.
     */
    async insertMany(
      trx: Kysely<DB>,
      rows: Insertable<DisputesTable>[],
      parties: Insertable<DisputePartiesTable>[],
      events: DisputeEventInsert[],
    ) {
      await bulk(trx, 'disputes', rows, ['mediators', 'referral', 'agreement']);
      await bulk(trx, 'dispute_parties', parties.map(seal), []);
      await bulk(trx, 'dispute_events', events, ['detail']);
    },
    findById(db: Kysely<DB>, tenantCode: string, id: string) {
      return db
        .selectFrom('disputes')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .where('id', '=', id)
        .executeTakeFirst();
    },
    async list(db: Kysely<DB>, tenantCode: string, f: DisputeFilter, limit: number, offset: number) {
      const [items, count] = await Promise.all([
        filtered(db, tenantCode, f)
          .selectAll()
          .orderBy('registered_at', 'desc')
          .orderBy('id')
          .limit(limit)
          .offset(offset)
          .execute(),
        filtered(db, tenantCode, f)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow(),
      ]);
      return { items, total: Number(count.n) };
    },
    statsRows(db: Kysely<DB>, tenantCode: string, f: DisputeFilter) {
      return filtered(db, tenantCode, f)
        .select(['kind', 'risk', 'status', 'due_at', 'concluded_at', 'agreement', 'referral'])
        .execute();
    },
    async countInYear(db: Kysely<DB>, tenantCode: string, prefix: string) {
      const r = await db
        .selectFrom('disputes')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('tenant_code', '=', tenantCode)
        .where('number', 'like', `${prefix}%`)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async update(
      trx: Kysely<DB>,
      tenantCode: string,
      id: string,
      patch: Updateable<DisputesTable>,
      fromStatus: string,
    ): Promise<number> {
      const r = await trx
        .updateTable('disputes')
        .set(patch)
        .where('tenant_code', '=', tenantCode)
        .where('id', '=', id)
        .where('status', '=', fromStatus)
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
    async parties(db: Kysely<DB>, tenantCode: string, disputeId: string): Promise<DisputePartyRow[]> {
      const rows = await db
        .selectFrom('dispute_parties')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .where('dispute_id', '=', disputeId)
        .orderBy('sort')
        .execute();
      return rows.map((r) => ({
        ...r,
        name: open(r.name) ?? '',
        phone: open(r.phone),
        id_number: open(r.id_number),
      }));
    },
    appendEvent(trx: Kysely<DB>, event: DisputeEventInsert) {
      return trx.insertInto('dispute_events').values(event).execute();
    },
    timeline(db: Kysely<DB>, tenantCode: string, disputeId: string) {
      return db
        .selectFrom('dispute_events')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .where('dispute_id', '=', disputeId)
        .orderBy('at')
        .orderBy('id')
        .execute();
    },
  };

  /** One INSERT … SELECT FROM jsonb_populate_recordset per table; JSON columns arrive as JSON text. */
  async function bulk(trx: Kysely<DB>, table: string, rows: object[], jsonColumns: string[]) {
    if (rows.length === 0) return;
    const columns = Object.keys(rows[0]!);
    const values = rows.map((r) => {
      const out: Record<string, unknown> = { ...r };
      for (const c of jsonColumns) if (typeof out[c] === 'string') out[c] = JSON.parse(out[c] as string);
      return out;
    });
    const list = sql.join(columns.map((c) => sql.ref(c)));
    await sql`INSERT INTO ${sql.table(table)} (${list}) SELECT ${list} FROM jsonb_populate_recordset(NULL::${sql.table(table)}, ${JSON.stringify(values)}::jsonb)`.execute(
      trx,
    );
  }

  function seal(p: Insertable<DisputePartiesTable>): Insertable<DisputePartiesTable> {
    return {
      ...p,
      name: crypto.encrypt(p.name),
      phone: crypto.encrypt(p.phone ?? null),
      id_number: crypto.encrypt(p.id_number ?? null),
    };
  }
}
export type DisputesRepo = ReturnType<typeof createDisputesRepo>;
