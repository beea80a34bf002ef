import type { CliCommand } from './command.ts';

/**
 * Every `ronghui` sub-command, loaded lazily so that `ronghui route` does not start a database.
 * Add a command by adding one line here.
 */
export const commandLoaders: Record<string, () => Promise<CliCommand>> = {};
