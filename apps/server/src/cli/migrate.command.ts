import { loadConfig } from '../config.ts';
import { openDatabase } from '../platform/db/database.ts';
import { migrate } from '../platform/db/migrate.ts';
import { type CliCommand, parseCliArgs } from './command.ts';

export const migrateCommand: CliCommand = {
  name: 'migrate',
  summary: 'Apply pending SQL migrations to the configured database',
  usage: `Usage: ronghui migrate

Applies the SQL migrations in apps/server/src/migrations that the database (PGlite in DATA_DIR, or
DATABASE_URL) has not seen yet, each in its own transaction. Migrations are forward-only.`,
  async run(args, io) {
    parseCliArgs(args, {}, false);
    const config = loadConfig();
    const database = await openDatabase({
      databaseUrl: config.DATABASE_URL,
      dataDir: config.dataDir,
      command: 'migrate',
    });
    try {
      const applied = await migrate(database);
      io.out(
        applied.length
          ? `Applied ${applied.length} migration(s):\n  ${applied.join('\n  ')}`
          : 'Database is up to date.',
      );
      return 0;
    } finally {
      await database.close();
    }
  },
};
