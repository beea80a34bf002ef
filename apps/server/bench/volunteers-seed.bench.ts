// How long the demo's 4,370 volunteers take to seed: generation with SM4 encryption and blind indexes,
// then each table's bulk insert, on a fresh embedded database (or DATABASE_URL). Prints one line per table
// and, last, one JSON object.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDehuaDemo } from '../src/demo/dehua.ts';
import { demoPlaces } from '../src/demo/dehua-places.ts';
import { seedVolunteersDemo } from '../src/demo/seed-volunteers.ts';
import { createVolunteersRepo } from '../src/modules/volunteers/index.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { createFieldCrypto } from '../src/platform/privacy/field-crypto.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'ronghui-bench-volunteers-'));
const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir, command: 'bench' });
await migrate(database);
const demo = buildDehuaDemo(350526);
const repo = createVolunteersRepo();
const insertMs: Record<string, number> = {};
const started = performance.now();
const result = await database.db.transaction().execute((trx) =>
  seedVolunteersDemo(
    trx,
    demo,
    createFieldCrypto(randomBytes(32)),
    async (x, table, rows) => {
      const t = performance.now();
      await repo.bulk(x, table, rows);
      insertMs[table] = Math.round(performance.now() - t);
      console.log(`${table}: ${rows.length} rows in ${insertMs[table]} ms`);
    },
    {
      tenantCode: '350526',
      actorId: 'system:bench',
      now: new Date(),
      seed: 350526,
      stationOf: (code) => `station-${code}`,
      places: demoPlaces(demo),
      users: [],
    },
  ),
);
const totalMs = Math.round(performance.now() - started);
const inserts = Object.values(insertMs).reduce((a, b) => a + b, 0);
console.log(
  `seeded ${result.members} volunteers in ${result.teams} teams (${result.onDuty} on duty) in ${totalMs} ms`,
);
console.log(JSON.stringify({ ...result, totalMs, generateMs: totalMs - inserts, insertMs }));
await database.close();
rmSync(dataDir, { recursive: true, force: true });
