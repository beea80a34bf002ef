import { type Kysely, sql } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';

/**
 * The `orgIds` of an incident's live events, read in the caller's transaction: every org linked to the
 * incident with its ancestors, the orgs whose users may read it through the API. An incident no org is
 * linked to yet concerns the county root alone, so only county-wide users hear of it: never "everyone".
 */
export async function incidentAudience(
  db: Kysely<DB>,
  tenantCode: string,
  incidentId: string,
): Promise<string[]> {
  const result = await sql<{ id: string }>`
    WITH RECURSIVE up AS (
      SELECT o.id, o.parent_id FROM orgs o
        JOIN incident_orgs io ON io.tenant_code = o.tenant_code AND io.org_id = o.id
       WHERE io.tenant_code = ${tenantCode} AND io.incident_id = ${incidentId}
      UNION
      SELECT p.id, p.parent_id FROM orgs p JOIN up ON p.id = up.parent_id WHERE p.tenant_code = ${tenantCode}
    )
    SELECT DISTINCT id FROM up
    UNION
    SELECT id FROM orgs WHERE tenant_code = ${tenantCode} AND parent_id IS NULL
    ORDER BY id`.execute(db);
  return result.rows.map((r) => r.id);
}
