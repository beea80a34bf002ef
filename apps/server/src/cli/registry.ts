import type { CliCommand } from './command.ts';

/**
 * Every `ronghui` sub-command, loaded lazily so that `ronghui route` does not start a database.
 * Add a command by adding one line here.
 */
export const commandLoaders: Record<string, () => Promise<CliCommand>> = {
  start: async () => (await import('./start.command.ts')).startCommand,
  migrate: async () => (await import('./migrate.command.ts')).migrateCommand,
  'seed-demo': async () => (await import('./seed-demo.command.ts')).seedDemoCommand,
  'verify-audit': async () => (await import('./verify-audit.command.ts')).verifyAuditCommand,
  'audit-checkpoints': async () => (await import('./audit-checkpoints.command.ts')).auditCheckpointsCommand,
  simulate: async () => (await import('./simulate.command.ts')).simulateCommand,
  'create-admin': async () => (await import('./create-admin.command.ts')).createAdminCommand,
  'reset-password': async () => (await import('./reset-password.command.ts')).resetPasswordCommand,
  'import-osm': async () => (await import('./import-osm.command.ts')).importOsmCommand,
  route: async () => (await import('./route.command.ts')).routeCommand,
  isochrone: async () => (await import('./isochrone.command.ts')).isochroneCommand,
  intel: async () => (await import('./intel.command.ts')).intelCommand,
  services: async () => (await import('./services.command.ts')).servicesCommand,
  stats: async () => (await import('./stats.command.ts')).statsCommand,
};
