import type { Kysely, Selectable } from 'kysely';
import type { DB, IntelReportsTable } from '../../platform/db/schema.ts';

export interface ReportRow {
  id: string;
  title: string;
  params: Record<string, unknown>;
  sections: unknown[];
  figures: unknown[];
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

const toReport = (r: Selectable<IntelReportsTable>): ReportRow => ({
  id: r.id,
  title: r.title,
  params: r.params,
  sections: r.sections,
  figures: r.figures,
  createdBy: r.created_by,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

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
    async insertReport(db: Kysely<DB>, tenantCode: string, r: ReportRow) {
      await db
        .insertInto('intel_reports')
        .values({
          tenant_code: tenantCode,
          id: r.id,
          title: r.title,
          params: JSON.stringify(r.params),
          sections: JSON.stringify(r.sections),
          figures: JSON.stringify(r.figures),
          created_by: r.createdBy,
          created_at: r.createdAt,
          updated_at: r.updatedAt,
        })
        .execute();
    },
    async findReport(db: Kysely<DB>, tenantCode: string, id: string): Promise<ReportRow | undefined> {
      const row = await db
        .selectFrom('intel_reports')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toReport(row);
    },
    async listReports(db: Kysely<DB>, tenantCode: string): Promise<ReportRow[]> {
      const rows = await db
        .selectFrom('intel_reports')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .orderBy('created_at', 'desc')
        .limit(100)
        .execute();
      return rows.map(toReport);
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
