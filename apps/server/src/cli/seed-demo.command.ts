import pino from 'pino';
import { createServices } from '../main.ts';
import { type CliCommand, parseCliArgs } from './command.ts';
import { withDatabase } from './with-database.ts';

export const seedDemoCommand: CliCommand = {
  name: 'seed-demo',
  summary: 'Seed the Dehua demo (organisation, gazetteer, demo accounts) into the database',
  usage: `Usage: ronghui seed-demo [--seed N] [--history-days N]

Seeds the 德化县 (350526) demo: 5 joint-service areas, 18 stations, 2 brigades, 45 police grids, 222
villages and communities, and one demo account per role (password "ronghui-demo"). Does nothing when the
tenant already exists.

Options:
  --seed N           random seed for village placement, populations and grids (default 350526)
  --history-days N   days of past closed incidents to add (default DEMO_HISTORY_DAYS, 400; 0 = none)`,
  async run(args, io) {
    const { values } = parseCliArgs(
      args,
      { seed: { type: 'string' }, 'history-days': { type: 'string' } },
      false,
    );
    const seed = values.seed === undefined ? 350526 : Number(values.seed);
    if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got "${values.seed}"`);
    const historyArg = values['history-days'];
    const historyDays = historyArg === undefined ? undefined : Number(historyArg);
    if (
      historyDays !== undefined &&
      !(Number.isInteger(historyDays) && historyDays >= 0 && historyDays <= 1000)
    )
      throw new Error(`--history-days must be a whole number from 0 to 1000, got "${historyArg}"`);
    return withDatabase('seed-demo', async (database, config) => {
      const services = await createServices({ database, config, log: pino({ level: 'warn' }) });
      const { seedDemo, DEMO_TENANT } = await import('../demo/seed-demo.ts');
      const { seedIncidentHistory } = await import('../demo/seed-incident-history.ts');
      const started = performance.now();
      const seeded = await seedDemo(services, { seed, statsHistory: config.DEMO_STATS_HISTORY !== false });
      const seconds = (performance.now() - started) / 1000;
      const days = historyDays ?? config.DEMO_HISTORY_DAYS;
      const past =
        seeded && days > 0
          ? await seedIncidentHistory(services, {
              tenantCode: DEMO_TENANT,
              days,
              perDay: config.SIM_INCIDENTS_PER_DAY,
            })
          : 0;
      await services.bus.drain();
      const count = async (table: 'hazards' | 'disputes') =>
        Number(
          (
            await services.db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll<string>().as('n'))
              .where('tenant_code', '=', DEMO_TENANT)
              .executeTakeFirstOrThrow()
          ).n,
        );
      io.out(
        seeded
          ? `Seeded the Dehua demo (${await count('hazards')} hazards, ${await count('disputes')} disputes) in ${seconds.toFixed(1)} s${past ? `, with ${past} past incidents over ${days} days` : ''}.`
          : 'The demo tenant already exists; nothing changed.',
      );
      return 0;
    });
  },
};
