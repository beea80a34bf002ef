import { loadConfig, type Config } from '../config.ts';
import { type Database, openDatabase } from '../platform/db/database.ts';
import { migrate } from '../platform/db/migrate.ts';

/** Opens (and migrates) the configured database for a one-shot command, and always closes it. */
export async function withDatabase<T>(
  command: string,
  fn: (database: Database, config: Config) => Promise<T>,
): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.dataDir, command });
  try {
    await migrate(database);
    return await fn(database, config);
  } finally {
    await database.close();
  }
}
