import { type Insertable, type Kysely, type Selectable, sql, type Updateable } from 'kysely';
import type {
  DB,
  DispatchSettingsTable,
  IncidentEventsTable,
  IncidentsTable,
} from '../../platform/db/schema.ts';
import type { FieldCrypto } from '../../platform/privacy/field-crypto.ts';

export type IncidentRow = Selectable<IncidentsTable>;
export type IncidentEventRow = Selectable<IncidentEventsTable>;
export type SettingsRow = Selectable<DispatchSettingsTable>;

export interface IncidentFilter {
  statuses?: readonly string[] | undefined;
  areaId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  /** Scope: only incidents linked to one of these orgs (undefined = the whole tenant). */
  orgIds?: readonly string[] | undefined;
  limit: number;
  offset: number;
}

/**
 * The caller's name and phone are encrypted at rest (SM4, see field-crypto.ts): written encrypted here,
 * and every row this repository hands out has them decrypted (the service masks them before answering).
 */
/** Incidents of a tenant within an area, a time window and a scope (linked to one of `orgIds`). */
function filtered(
  db: Kysely<DB>,
  tenantCode: string,
  f: {
    from?: Date | undefined;
    to?: Date | undefined;
    areaId?: string | undefined;
    orgIds?: readonly string[] | undefined;
  },
) {
  let q = db.selectFrom('incidents as i').where('i.tenant_code', '=', tenantCode);
  if (f.areaId) q = q.where('i.area_id', '=', f.areaId);
  if (f.from) q = q.where('i.received_at', '>=', f.from);
  if (f.to) q = q.where('i.received_at', '<', f.to);
  if (f.orgIds) {
    const orgIds = f.orgIds.length ? [...f.orgIds] : [''];
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('incident_orgs as io')
          .select('io.org_id')
          .whereRef('io.tenant_code', '=', 'i.tenant_code')
          .whereRef('io.incident_id', '=', 'i.id')
          .where('io.org_id', 'in', orgIds),
      ),
    );
  }
  return q;
}

export function createIncidentsRepo(crypto: FieldCrypto) {
  const open = (row: IncidentRow): IncidentRow => ({
    ...row,
    caller_name: crypto.decrypt(row.caller_name),
    caller_phone: crypto.decrypt(row.caller_phone),
  });
  const openMaybe = (row: IncidentRow | undefined) => (row ? open(row) : undefined);
  return {
    async insert(db: Kysely<DB>, row: Insertable<IncidentsTable>): Promise<void> {
      await db
        .insertInto('incidents')
        .values({
          ...row,
          caller_name: crypto.encrypt(row.caller_name ?? null),
          caller_phone: crypto.encrypt(row.caller_phone ?? null),
        })
        .execute();
    },
    async findById(db: Kysely<DB>, tenantCode: string, id: string): Promise<IncidentRow | undefined> {
      return openMaybe(
        await db
          .selectFrom('incidents')
          .selectAll()
          .where('tenant_code', '=', tenantCode)
          .where('id', '=', id)
          .executeTakeFirst(),
      );
    },
    /** The incident this user took with this Idempotency-Key (keys are per user). */
    async findByIdempotencyKey(
      db: Kysely<DB>,
      tenantCode: string,
      userId: string,
      key: string,
    ): Promise<IncidentRow | undefined> {
      return openMaybe(
        await db
          .selectFrom('incidents')
          .selectAll()
          .where('tenant_code', '=', tenantCode)
          .where('created_by', '=', userId)
          .where('idempotency_key', '=', key)
          .executeTakeFirst(),
      );
    },
    /** The next number of the day, atomically (two call-takers never get the same one). */
    async nextNumber(db: Kysely<DB>, tenantCode: string, day: string): Promise<number> {
      const row = await db
        .insertInto('incident_counters')
        .values({ tenant_code: tenantCode, day, n: 1 })
        .onConflict((oc) =>
          oc.columns(['tenant_code', 'day']).doUpdateSet({ n: sql`incident_counters.n + 1` }),
        )
        .returning('n')
        .executeTakeFirstOrThrow();
      return row.n;
    },
    async list(db: Kysely<DB>, tenantCode: string, f: IncidentFilter) {
      let base = filtered(db, tenantCode, f);
      if (f.statuses?.length) base = base.where('i.status', 'in', [...f.statuses]);
      const [items, count] = await Promise.all([
        base
          .selectAll('i')
          .orderBy('i.received_at', 'desc')
          .orderBy('i.id')
          .limit(f.limit)
          .offset(f.offset)
          .execute(),
        base.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items: items.map(open), total: Number(count.n) };
    },
    /** Incidents per Beijing-time day and kind, received in [from, to), within an area or a scope. */
    async dailyCounts(
      db: Kysely<DB>,
      tenantCode: string,
      f: { from: Date; to: Date; areaId?: string | undefined; orgIds?: readonly string[] | undefined },
    ): Promise<{ day: string; kind: string; n: number }[]> {
      const q = filtered(db, tenantCode, f).where('i.status', '!=', 'merged');
      const day = sql<string>`to_char((i.received_at AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM-DD')`;
      const rows = await q
        .select([day.as('day'), 'i.kind', (eb) => eb.fn.countAll<string | number>().as('n')])
        .groupBy([day, 'i.kind'])
        .execute();
      return rows.map((r) => ({ day: r.day, kind: r.kind, n: Number(r.n) }));
    },
    /** Open incidents of a kind received since `since` inside a lon/lat box (duplicate candidates). */
    async recentNearby(
      db: Kysely<DB>,
      tenantCode: string,
      q: { kind: string; since: Date; box: readonly [number, number, number, number] },
    ): Promise<IncidentRow[]> {
      const rows = await db
        .selectFrom('incidents')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .where('kind', '=', q.kind)
        .where('received_at', '>=', q.since)
        .where('status', 'not in', ['merged', 'closed', 'callback'])
        .where('lon', '>=', q.box[0])
        .where('lat', '>=', q.box[1])
        .where('lon', '<=', q.box[2])
        .where('lat', '<=', q.box[3])
        .orderBy('received_at', 'desc')
        .limit(20)
        .execute();
      return rows.map(open);
    },
    /**
     * Updates an incident; with `expectedStatus`, only while it still has that status (two people moving
     * the same incident at once: the second finds 0 rows and is told so). Returns the rows changed.
     */
    async update(
      db: Kysely<DB>,
      tenantCode: string,
      id: string,
      patch: Updateable<IncidentsTable>,
      expectedStatus?: string,
    ): Promise<number> {
      const sealed = { ...patch };
      if (patch.caller_name !== undefined) sealed.caller_name = crypto.encrypt(patch.caller_name);
      if (patch.caller_phone !== undefined) sealed.caller_phone = crypto.encrypt(patch.caller_phone);
      let query = db
        .updateTable('incidents')
        .set(sealed)
        .where('tenant_code', '=', tenantCode)
        .where('id', '=', id);
      if (expectedStatus !== undefined) query = query.where('status', '=', expectedStatus);
      const result = await query.executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    /** Links orgs to an incident; a link that exists already stays as it is. */
    async linkOrgs(
      db: Kysely<DB>,
      tenantCode: string,
      incidentId: string,
      links: readonly { orgId: string; role: string }[],
    ): Promise<void> {
      if (links.length === 0) return;
      await db
        .insertInto('incident_orgs')
        .values(
          links.map((l) => ({
            tenant_code: tenantCode,
            incident_id: incidentId,
            org_id: l.orgId,
            role: l.role,
          })),
        )
        .onConflict((oc) => oc.doNothing())
        .execute();
    },
    orgsOf(db: Kysely<DB>, tenantCode: string, incidentId: string) {
      return db
        .selectFrom('incident_orgs')
        .select(['org_id', 'role'])
        .where('tenant_code', '=', tenantCode)
        .where('incident_id', '=', incidentId)
        .orderBy('created_at')
        .execute();
    },
    /**
     * Every org linked to the incident with all its ancestors, read in the given transaction (so it can
     * run inside another module's transaction without touching the cached directory).
     */
    async orgExists(db: Kysely<DB>, tenantCode: string, orgId: string): Promise<boolean> {
      const row = await db
        .selectFrom('orgs')
        .select('id')
        .where('tenant_code', '=', tenantCode)
        .where('id', '=', orgId)
        .executeTakeFirst();
      return row !== undefined;
    },
    async appendEvent(db: Kysely<DB>, event: Insertable<IncidentEventsTable>): Promise<void> {
      await db.insertInto('incident_events').values(event).execute();
    },
    timeline(db: Kysely<DB>, tenantCode: string, incidentId: string): Promise<IncidentEventRow[]> {
      return db
        .selectFrom('incident_events')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .where('incident_id', '=', incidentId)
        .orderBy('id')
        .execute();
    },
    settings(db: Kysely<DB>, tenantCode: string): Promise<SettingsRow | undefined> {
      return db
        .selectFrom('dispatch_settings')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .executeTakeFirst();
    },
    async saveSettings(db: Kysely<DB>, row: Insertable<DispatchSettingsTable>): Promise<void> {
      const { tenant_code: _, ...rest } = row;
      await db
        .insertInto('dispatch_settings')
        .values(row)
        .onConflict((oc) => oc.column('tenant_code').doUpdateSet(rest))
        .execute();
    },
    divisions(db: Kysely<DB>, tenantCode: string) {
      return db
        .selectFrom('divisions')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .orderBy('code')
        .execute();
    },
    places(db: Kysely<DB>, tenantCode: string) {
      return db
        .selectFrom('places')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .orderBy('id')
        .execute();
    },
  };
}
export type IncidentsRepo = ReturnType<typeof createIncidentsRepo>;
