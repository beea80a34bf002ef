/**
 * bench:registry — importing 10,000 people (实有人口) into the 一标三实 registry on the embedded database.
 *
 * A fresh PGlite folder gets the Dehua demo (its registry seed timed on its own); 10,000 generated people rows
 * (valid GB 11643 ID numbers, spread over the county's villages, a third of them sharing addresses) are written
 * as a CSV and as an XLSX file; the CSV is imported (every person created, their addresses created), then the
 * XLSX with the same people (every person found by ID number and updated). Each import goes through the
 * service exactly as `POST /api/registry/import` does: reading the file, checking every row, deduplicating,
 * batched writes with history and audit, one transaction. Last line: one JSON object.
 *
 *   npm run bench:registry -- [--rows 10000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createRng } from '@ronghui/geo';
import { generateIdNumber } from '@ronghui/ids';
import pino from 'pino';
import { loadConfig } from '../src/config.ts';
import { seedDemo } from '../src/demo/seed-demo.ts';
import { createServices } from '../src/main.ts';
import { headerRow, writeCsv, writeXlsx } from '../src/modules/registry/index.ts';
import { systemPrincipal } from '../src/platform/auth/principal.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '10000' } } });
const rowCount = Number(values.rows);
const tenant = '350526';
const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

const dataDir = mkdtempSync(join(tmpdir(), 'ronghui-bench-registry-'));
try {
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', MQTT_PORT: '0' });
  const database = await openDatabase({ databaseUrl: undefined, dataDir, command: 'bench' });
  await migrate(database);
  const services = await createServices({ database, config, log: pino({ level: 'silent' }) });
  let t0 = performance.now();
  await seedDemo(services);
  const seedSeconds = (performance.now() - t0) / 1000;
  const registrySeed = await database.db
    .selectFrom('audit_log')
    .select(['detail', 'at'])
    .where('action', 'in', ['demo.seed', 'demo.seed.registry'])
    .orderBy('seq')
    .execute();
  const seededAt = registrySeed.map((r) => new Date(r.at).getTime());
  const registrySeedSeconds = seededAt.length === 2 ? (seededAt[1]! - seededAt[0]!) / 1000 : Number.NaN;
  const demoPeople = Number(
    (
      await database.db
        .selectFrom('registry_people')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

  const villages = await database.db
    .selectFrom('divisions')
    .select('code')
    .where('tenant_code', '=', tenant)
    .where('level', '=', 'village')
    .where('grid_id', 'is not', null)
    .orderBy('code')
    .execute();
  const rng = createRng(10_000);
  const rows: string[][] = [];
  const taken = new Set<string>();
  for (let i = 0; i < rowCount; i++) {
    const village = villages[rng.int(villages.length)]!.code;
    const birth = `${1950 + rng.int(55)}-${String(1 + rng.int(12)).padStart(2, '0')}-${String(1 + rng.int(28)).padStart(2, '0')}`;
    const sex = rng.next() < 0.5 ? 'male' : 'female';
    const idNumber = generateIdNumber(rng, { areaCode: '350526', birth, sex });
    if (taken.has(idNumber)) {
      i--;
      continue;
    }
    taken.add(idNumber);
    rows.push([
      `测试${i}`,
      idNumber,
      `139${String(rng.int(100_000_000)).padStart(8, '0')}`,
      rng.next() < 0.3 ? '流动' : '户籍',
      village,
      `基准路${1 + rng.int(20)}号`,
      String(1 + rng.int(Math.ceil(rowCount / 3))),
      '',
      '',
      '',
      '',
      '',
    ]);
  }
  const header = headerRow('people');
  const csv = Buffer.from(writeCsv(header, rows), 'utf8');
  const xlsx = await writeXlsx(header, rows);
  const actor = { ...systemPrincipal(tenant, tenant, 'bench'), roles: ['commander' as const] };

  t0 = performance.now();
  const fromCsv = await services.registry.importFile(actor, 'people', csv);
  const csvSeconds = (performance.now() - t0) / 1000;
  t0 = performance.now();
  const fromXlsx = await services.registry.importFile(actor, 'people', xlsx);
  const xlsxSeconds = (performance.now() - t0) / 1000;

  console.log(
    `CSV  ${rowCount} rows: ${fromCsv.created} created, ${fromCsv.updated} updated, ${fromCsv.rejected} rejected, ${fromCsv.addressesCreated} addresses created in ${round(csvSeconds)} s`,
  );
  console.log(
    `XLSX ${rowCount} rows: ${fromXlsx.created} created, ${fromXlsx.updated} updated, ${fromXlsx.rejected} rejected in ${round(xlsxSeconds)} s`,
  );
  console.log(
    JSON.stringify({
      rows: rowCount,
      demo_seed_seconds: round(seedSeconds),
      demo_registry_seed_seconds: round(registrySeedSeconds),
      demo_people: demoPeople,
      csv_bytes: csv.length,
      xlsx_bytes: xlsx.length,
      csv_seconds: round(csvSeconds),
      csv_rows_per_second: Math.round(rowCount / csvSeconds),
      csv_created: fromCsv.created,
      xlsx_seconds: round(xlsxSeconds),
      xlsx_rows_per_second: Math.round(rowCount / xlsxSeconds),
      xlsx_updated: fromXlsx.updated,
    }),
  );
  await database.close();
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
