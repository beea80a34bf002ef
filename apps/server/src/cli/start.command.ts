import { loadConfig } from '../config.ts';
import { startServer } from '../main.ts';
import { type CliCommand, parseCliArgs } from './command.ts';
import { ensureWebBuilt } from './web-build.ts';

export const startCommand: CliCommand = {
  name: 'start',
  summary: 'Migrate the database, seed the demo on an empty database, serve the API and web console',
  usage: `Usage: ronghui start [--no-build]

Starts Ronghui on http://localhost:$PORT (default 8080): API under /api, WebSocket /api/ws, OpenAPI at
/api/docs, the web console at /. Configuration comes from the environment (see README): PORT, DATA_DIR,
DATABASE_URL, NATS_URL, MQTT_URL, MQTT_PORT, TENANT_CODE, DEMO (auto|on|off), LOG_LEVEL.
With DEMO=auto (default) an empty database gets the Dehua demo.

Options:
  --no-build   do not build the web console even if it is missing or stale`,
  async run(args, io) {
    const { values } = parseCliArgs(args, { 'no-build': { type: 'boolean' } }, false);
    const config = loadConfig();
    if (!values['no-build']) ensureWebBuilt(io.err);
    const { seedDemo, DEMO_TENANT } = await import('../demo/seed-demo.ts');
    const { seedIncidentHistory } = await import('../demo/seed-incident-history.ts');
    const server = await startServer(config, {
      seedDemo: async (services) => {
        const empty = !(await services.db.selectFrom('tenants').select('tenant_code').executeTakeFirst());
        if (config.DEMO === false || (config.DEMO === 'auto' && !empty)) return false;
        const seeded = await seedDemo(services, { statsHistory: config.DEMO_STATS_HISTORY !== false });
        if (seeded) {
          io.err('Seeded the Dehua demo (demo accounts use the password "ronghui-demo").');
          if (config.DEMO_HISTORY_DAYS > 0) {
            const n = await seedIncidentHistory(services, {
              tenantCode: DEMO_TENANT,
              days: config.DEMO_HISTORY_DAYS,
              perDay: config.SIM_INCIDENTS_PER_DAY,
            });
            io.err(`Added ${n} past incidents over ${config.DEMO_HISTORY_DAYS} days (DEMO_HISTORY_DAYS).`);
          }
        }
        return seeded;
      },
    });
    io.err(
      `Ronghui is running: ${server.url}  (database: ${server.services.database.kind}, events: ${server.services.bus.kind}, MQTT: ${server.mqttUrl ?? 'off'})`,
    );
    await new Promise<void>((done) => {
      const stop = () => {
        io.err('Stopping…');
        // Committed work is already on disk; do not hang forever on a peer that will not let go.
        setTimeout(() => {
          io.err('Shutdown took over 15 s; exiting.');
          process.exit(1);
        }, 15_000).unref();
        server.close().then(done, done);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  },
};
