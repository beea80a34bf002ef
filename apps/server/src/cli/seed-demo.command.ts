import pino from 'pino';
import { createServices } from '../main.ts';
import { type CliCommand, parseCliArgs } from './command.ts';
import { withDatabase } from './with-database.ts';

export const seedDemoCommand: CliCommand = {
  name: 'seed-demo',
  summary: 'Seed the Dehua demo (organisation, gazetteer, demo accounts) into the database',
  usage: `Usage: ronghui seed-demo [--seed N]

Seeds the 德化县 (350526) demo: 5 joint-service areas, 18 stations, 2 brigades, 45 police grids, 222
villages and communities, and one demo account per role (password "ronghui-demo"). Does nothing when the
tenant already exists.

Options:
  --seed N   random seed for village placement, populations and grids (default 350526)`,
  async run(args, io) {
    const { values } = parseCliArgs(args, { seed: { type: 'string' } }, false);
    const seed = values.seed === undefined ? 350526 : Number(values.seed);
    if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got "${values.seed}"`);
    return withDatabase('seed-demo', async (database, config) => {
      const services = await createServices({ database, config, log: pino({ level: 'warn' }) });
      const { seedDemo } = await import('../demo/seed-demo.ts');
      const seeded = await seedDemo(services, { seed });
      await services.bus.drain();
      io.out(seeded ? 'Seeded the Dehua demo.' : 'The demo tenant already exists; nothing changed.');
      return 0;
    });
  },
};
