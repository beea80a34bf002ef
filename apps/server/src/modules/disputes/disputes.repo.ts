import { type Insertable, type Kysely, type Selectable, sql, type Updateable } from 'kysely';
import type { DB, DisputeEventsTable, DisputePartiesTable, DisputesTable } from '../../platform/db/schema.ts';
import type { DisputeStatus } from '@ronghui/contracts';
import { bulkInsert } from '../../platform/db/bulk-insert.ts';
import type { FieldCrypto } from '../../platform/privacy/field-crypto.ts';
import type { StatsBucket } from './dispute-rules.ts';

export type DisputeRow = Selectable<DisputesTable>;
export type DisputePartyRow = Selectable<DisputePartiesTable>;
export type DisputeEventRow = Selectable<DisputeEventsTable>;
export type DisputeEventInsert = Insertable<DisputeEventsTable>;

export interface DisputeFilter {
  orgIds?: readonly string[] | undefined;
  /** In these community grids (the grid statistics). */
  communityGridIds?: readonly string[] | undefined;
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
    if (f.communityGridIds)
      q = q.where('community_grid_id', 'in', f.communityGridIds.length ? [...f.communityGridIds] : ['']);
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
      await bulkInsert(trx, 'disputes', rows, ['mediators', 'referral', 'agreement']);
      await bulkInsert(trx, 'dispute_parties', parties.map(seal), []);
      await bulkInsert(trx, 'dispute_events', events, ['detail']);
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
    /**
     * The statistics' groups counted in SQL (see `StatsBucket`), per value of `key` when given (the grid
     * statistics: per station, police grid or community grid).
     */
    async statsBuckets(
      db: Kysely<DB>,
      tenantCode: string,
      f: DisputeFilter,
      now: Date,
      key?: 'station_id' | 'grid_id' | 'community_grid_id',
    ): Promise<(StatsBucket & { key: string | null })[]> {
      const rows = await filtered(db, tenantCode, f)
        .select([
          key ? sql<string | null>`${sql.ref(key)}`.as('key') : sql<null>`NULL`.as('key'),
          'kind',
          'risk',
          'status',
          sql<boolean>`agreement IS NOT NULL`.as('settled'),
          sql<boolean>`referral IS NOT NULL`.as('referred'),
          sql<boolean>`concluded_at IS NOT NULL AND concluded_at <= due_at`.as('on_time'),
          sql<boolean>`due_at < ${now}`.as('past_due'),
          (eb) => eb.fn.countAll<string>().as('n'),
        ])
        .groupBy(sql`1, 2, 3, 4, 5, 6, 7, 8`)
        .execute();
      return rows.map((r) => ({
        key: r.key,
        kind: r.kind,
        risk: r.risk,
        status: r.status as DisputeStatus,
        settled: r.settled === true,
        referred: r.referred === true,
        onTime: r.on_time === true,
        pastDue: r.past_due === true,
        n: Number(r.n),
      }));
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
