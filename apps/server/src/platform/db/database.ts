import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, type LogEvent, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import { acquirePgliteLock } from './pglite-lock.ts';
import type { DB } from './schema.ts';

/** int8 as a JS number, as with pg above. */
export const pgliteParsers = { 20: (v: string) => Number(v) };

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  readonly db: Kysely<DB>;
  readonly kind: DatabaseKind;
  /** Runs a multi-statement SQL script in one transaction (migrations). */
  runScript(script: string): Promise<void>;
  close(): Promise<void>;
}

// int8 (bigserial ids, audit sequence numbers) fits in a double for every count we keep.
pg.types.setTypeParser(20, (v) => Number(v));

export interface OpenOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  /** Named in the lock file so a second process can say who holds the folder. */
  command: string;
  /** PostgreSQL only: run everything inside this schema (tests isolate files this way). */
  schema?: string;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.schema);
  const dir = join(options.dataDir, 'pglite');
  const release = acquirePgliteLock(dir, options.command);
  try {
    const client = await PGlite.create(dir, { parsers: pgliteParsers });
    return wrapPglite(client, release);
  } catch (error) {
    release();
    throw error;
  }
}

/**
 * node-postgres errors do not say which statement failed: give a failed query's error its SQL text (never
 * its parameters), as PGlite's errors have it, so the log can name the statement (`errorForLog`).
 */
const keepFailedSql = (event: LogEvent) => {
  if (event.level !== 'error' || typeof event.error !== 'object' || event.error === null) return;
  const error = event.error as { query?: unknown };
  if (error.query === undefined) error.query = event.query.sql;
};

export function wrapPglite(client: PGlite, release: () => void = () => {}): Database {
  const db = new Kysely<DB>({ dialect: new PGliteDialect(client) });
  return {
    db,
    kind: 'pglite',
    async runScript(script) {
      await client.transaction(async (tx) => {
        await tx.exec(script);
      });
    },
    async close() {
      // Kysely's PGlite driver closes the client on destroy.
      await db.destroy();
      if (!client.closed) await client.close();
      release();
    },
  };
}

export function openPostgres(url: string, schema?: string): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log: keepFailedSql });
  return {
    db,
    kind: 'postgres',
    async runScript(script) {
      const conn = await pool.connect();
      try {
        await conn.query('BEGIN');
        await conn.query(script);
        await conn.query('COMMIT');
      } catch (error) {
        await conn.query('ROLLBACK');
        throw error;
      } finally {
        conn.release();
      }
    },
    async close() {
      await db.destroy();
    },
  };
}
