import pino from 'pino';
import { createServices } from '../main.ts';
import { type CliCommand, CliUsageError, parseCliArgs } from './command.ts';
import { withDatabase } from './with-database.ts';

function number(value: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max)
    throw new CliUsageError(`${name} must be a number from ${min} to ${max}, got "${value}"`);
  return n;
}

export const simulateCommand: CliCommand = {
  name: 'simulate',
  summary: 'Run the live simulator (110 calls, dispatch, units driving) against the configured database',
  usage: `Usage: ronghui simulate [--minutes N] [--speed X] [--incidents-per-day N] [--seed N] [--tenant CODE]

Generates seeded 110 calls with a daily profile per category and township, dispatches the nearest unit
to each, lets stations answer joint-area requests, and drives units along their road routes at road
speed (positions go through the same AVL ingest as real trackers). \`npm start\` runs it for the demo
(SIMULATE=auto). With the embedded database run it while the server is stopped; with DATABASE_URL it
can run beside running servers.

Options:
  --minutes N            real minutes to run (default 10; 0 = until Ctrl-C)
  --speed X              simulated seconds per real second (default 1, up to 600)
  --incidents-per-day N  average simulated calls per day (default 60)
  --seed N               random seed (default 1)
  --tenant CODE          county to simulate (default TENANT_CODE)`,
  async run(args, io) {
    const { values } = parseCliArgs(
      args,
      {
        minutes: { type: 'string' },
        speed: { type: 'string' },
        'incidents-per-day': { type: 'string' },
        seed: { type: 'string' },
        tenant: { type: 'string' },
      },
      false,
    );
    const minutes = number(values.minutes, '--minutes', 10, 0, 7 * 24 * 60);
    const speedup = number(values.speed, '--speed', 1, 0.1, 600);
    const perDay = number(values['incidents-per-day'], '--incidents-per-day', 60, 0, 100_000);
    const seed = number(values.seed, '--seed', 1, 0, 2 ** 31);
    return withDatabase('simulate', async (database, config) => {
      const tenant = values.tenant ?? config.TENANT_CODE;
      if (!/^\d{6}$/.test(tenant))
        throw new CliUsageError(`--tenant must be a 6-digit code, got "${tenant}"`);
      const log = pino({ level: config.LOG_LEVEL });
      const services = await createServices({ database, config, log });
      if (
        !(await services.db
          .selectFrom('tenants')
          .select('tenant_code')
          .where('tenant_code', '=', tenant)
          .executeTakeFirst())
      ) {
        throw new Error(`tenant ${tenant} does not exist: run \`ronghui seed-demo\` or create it first`);
      }
      await services.bus.start();
      const { createSimulator } = await import('../modules/simulator/index.ts');
      const sim = createSimulator(
        services,
        {
          tenantCode: tenant,
          speedup,
          incidentsPerDay: perDay,
          onSceneMinutes: 20,
          tickMs: 1_000,
          seed,
          autoCommit: true,
        },
        log,
      );
      sim.start();
      io.err(
        `Simulating tenant ${tenant} at ${speedup}× with ${perDay} calls/day${minutes ? ` for ${minutes} min` : ''}; Ctrl-C stops.`,
      );
      await new Promise<void>((done) => {
        const timer = minutes ? setTimeout(done, minutes * 60_000) : undefined;
        process.once('SIGINT', () => {
          if (timer) clearTimeout(timer);
          done();
        });
      });
      await sim.stop();
      await services.bus.drain();
      await services.bus.close();
      io.out(JSON.stringify(sim.stats));
      return sim.stats.errors ? 1 : 0;
    });
  },
};
