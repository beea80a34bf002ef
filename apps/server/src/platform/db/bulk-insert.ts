import { type Kysely, sql } from 'kysely';
import type { DB } from './schema.ts';

/**
 * Bulk load (the demo's history): one `INSERT … SELECT FROM jsonb_populate_recordset` per table, far
 * cheaper than thousands of bound parameters on the embedded database. JSON columns may arrive as JSON
 * text. Rows keep their order, so bigserial ids follow it.
 */
export async function bulkInsert(
  trx: Kysely<DB>,
  table: keyof DB & string,
  rows: readonly object[],
  jsonColumns: readonly string[] = [],
): Promise<void> {
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
