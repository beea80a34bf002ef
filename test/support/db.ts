import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pino from 'pino';
import { loadConfig } from '../../apps/server/src/config.ts';
import { createServices, type Services } from '../../apps/server/src/main.ts';
import type { Clock } from '../../apps/server/src/platform/clock.ts';
import {
  type Database,
  openPostgres,
  pgliteParsers,
  wrapPglite,
} from '../../apps/server/src/platform/db/database.ts';
import { migrate, migrationsFingerprint } from '../../apps/server/src/platform/db/migrate.ts';
import type { SmsTransport } from '../../apps/server/src/platform/sms/sms-gateway.ts';
import { repoRoot, requires, testDatabaseUrl } from './env.ts';

export type DatabaseKind = 'pglite' | 'postgres';

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL is set (CI requires it). */
export function databaseKinds(): DatabaseKind[] {
  return requires('PostgreSQL (TEST_DATABASE_URL)', Boolean(testDatabaseUrl))
    ? ['pglite', 'postgres']
    : ['pglite'];
}

function filesFingerprint(dir: string, hash = createHash('sha256')): ReturnType<typeof createHash> {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) filesFingerprint(path, hash);
    else if (!name.endsWith('.test.ts')) hash.update(name).update(readFileSync(path));
  }
  return hash;
}

const demoDir = join(repoRoot, 'apps/server/src/demo');
const testConfig = loadConfig({
  DATA_DIR: join(tmpdir(), 'ronghui-test-unused'),
  LOG_LEVEL: 'silent',
  TENANT_CODE: '350526',
});
const quietLog = pino({ level: 'silent' });

async function seedDemoInto(database: Database): Promise<void> {
  const services = await createServices({ database, config: testConfig, log: quietLog });
  const { seedDemo } = await import('../../apps/server/src/demo/seed-demo.ts');
  await seedDemo(services);
  await services.bus.drain();
}

/**
 * A new PGlite database takes seconds to initialise: build a migrated (optionally demo-seeded) template
 * once per migration/demo version, keep its dump in the temp folder, and load a copy per test file.
 */
async function pgliteTemplate(demo: boolean): Promise<Blob> {
  const key =
    migrationsFingerprint() + (demo ? `-demo-${filesFingerprint(demoDir).digest('hex').slice(0, 12)}` : '');
  const path = join(tmpdir(), `ronghui-pglite-${key}.tar.gz`);
  if (!existsSync(path)) {
    const client = await PGlite.create({ parsers: pgliteParsers });
    const database = wrapPglite(client);
    await migrate(database);
    if (demo) await seedDemoInto(database);
    const dump = await client.dumpDataDir('gzip');
    const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
    renameSync(tmp, path);
    await database.close();
  }
  return new Blob([readFileSync(path)]);
}

/** An isolated, migrated database: its own PGlite instance, or its own schema in the test PostgreSQL. */
export async function openTestDatabase(
  kind: DatabaseKind,
  options: { demo?: boolean } = {},
): Promise<Database> {
  if (kind === 'pglite') {
    const client = await PGlite.create({
      loadDataDir: await pgliteTemplate(options.demo ?? false),
      parsers: pgliteParsers,
    });
    return wrapPglite(client);
  }
  const schema = `rh_test_${randomBytes(6).toString('hex')}`;
  const admin = openPostgres(testDatabaseUrl!);
  await admin.runScript(`CREATE SCHEMA ${schema}`);
  await admin.close();
  const database = openPostgres(testDatabaseUrl!, schema);
  await migrate(database);
  if (options.demo) await seedDemoInto(database);
  return {
    ...database,
    async close() {
      await database.close();
      const cleanup = openPostgres(testDatabaseUrl!);
      await cleanup.runScript(`DROP SCHEMA ${schema} CASCADE`);
      await cleanup.close();
    },
  };
}

/** Services over a test database, with the config tests expect (silent logs, demo tenant 350526). */
export async function testServices(
  database: Database,
  options: {
    env?: Record<string, string>;
    clock?: Clock;
    natsStream?: string;
    /** Stands in for the wait before a failed login is answered; by default tests do not wait. */
    sleep?: (ms: number) => Promise<void>;
    /** Captures the SMS sent (set SMS_WEBHOOK in `env` so the gateway counts as configured). */
    smsTransport?: SmsTransport;
  } = {},
): Promise<Services> {
  const config = loadConfig({
    DATA_DIR: join(tmpdir(), 'ronghui-test-unused'),
    LOG_LEVEL: 'silent',
    TENANT_CODE: '350526',
    ...options.env,
  });
  return createServices({
    database,
    config,
    log: quietLog,
    clock: options.clock,
    natsStream: options.natsStream,
    sleep: options.sleep ?? (async () => {}),
    smsTransport: options.smsTransport,
  });
}
