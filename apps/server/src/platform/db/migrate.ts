import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Database } from './database.ts';

export const migrationsDir = join(dirname(fileURLToPath(import.meta.url)), '../../migrations');

export interface Migration {
  name: string;
  sql: string;
}

/** The forward-only SQL migrations, in timestamp order. */
export function loadMigrations(dir = migrationsDir): Migration[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((name) => ({ name, sql: readFileSync(join(dir, name), 'utf8') }));
}

/** A fingerprint of all migrations: test databases built from a template are rebuilt when it changes. */
export function migrationsFingerprint(migrations = loadMigrations()): string {
  const hash = createHash('sha256');
  for (const m of migrations) hash.update(m.name).update('\0').update(m.sql).update('\0');
  return hash.digest('hex').slice(0, 16);
}

/** Applies every migration not yet applied, each in its own transaction. Returns the names applied. */
export async function migrate(database: Database, migrations = loadMigrations()): Promise<string[]> {
  const { db } = database;
  await sql`CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`.execute(
    db,
  );
  const applied: string[] = [];
  for (const m of migrations) {
    const done = await db
      .selectFrom('schema_migrations')
      .select('name')
      .where('name', '=', m.name)
      .executeTakeFirst();
    if (done) continue;
    const quoted = m.name.replaceAll("'", "''");
    // The advisory lock makes concurrent starters against one PostgreSQL take turns; the second finds the
    // row already there and its INSERT ... ON CONFLICT leaves the script's effects rolled back.
    await database
      .runScript(
        `SELECT pg_advisory_xact_lock(7710526);
DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM schema_migrations WHERE name = '${quoted}') THEN
    RAISE EXCEPTION 'ronghui-migration-already-applied';
  END IF;
END $$;
${m.sql}
;INSERT INTO schema_migrations (name) VALUES ('${quoted}');`,
      )
      .then(
        () => applied.push(m.name),
        (error: Error) => {
          if (!String(error.message).includes('ronghui-migration-already-applied')) throw error;
        },
      );
  }
  return applied;
}
