import type { Kysely, Selectable } from 'kysely';
import type { DB, IntelReportsTable } from '../../platform/db/schema.ts';

/** An intel_reports row (params, sections and figures are the stored JSON). */
export type ReportRow = Selectable<IntelReportsTable>;

export function createIntelReportsRepo() {
  return {
    async isDemoTenant(db: Kysely<DB>, tenantCode: string): Promise<boolean> {
      const row = await db
        .selectFrom('tenants')
        .select('demo')
        .where('tenant_code', '=', tenantCode)
        .executeTakeFirst();
      return row?.demo === true;
    },
    async insertReport(db: Kysely<DB>, r: ReportRow) {
      await db
        .insertInto('intel_reports')
        .values({
          ...r,
          params: JSON.stringify(r.params),
          sections: JSON.stringify(r.sections),
          figures: JSON.stringify(r.figures),
        })
        .execute();
    },
    async findReport(db: Kysely<DB>, tenantCode: string, id: string): Promise<ReportRow | undefined> {
      return db
        .selectFrom('intel_reports')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .where('id', '=', id)
        .executeTakeFirst();
    },
    async listReports(db: Kysely<DB>, tenantCode: string): Promise<ReportRow[]> {
      return db
        .selectFrom('intel_reports')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .orderBy('created_at', 'desc')
        .limit(100)
        .execute();
    },
    async updateReport(
      db: Kysely<DB>,
      tenantCode: string,
      id: string,
      patch: { title: string; sections: unknown[] },
      now: Date,
    ) {
      await db
        .updateTable('intel_reports')
        .set({ title: patch.title, sections: JSON.stringify(patch.sections), updated_at: now })
        .where('tenant_code', '=', tenantCode)
        .where('id', '=', id)
        .execute();
    },
  };
}
export type IntelReportsRepo = ReturnType<typeof createIntelReportsRepo>;
