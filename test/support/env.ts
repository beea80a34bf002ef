import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (this file lives in test/support). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Where the shared fixtures live: `../shared/data` beside the repository (override with SHARED_DATA_DIR). */
export const sharedDataDir = process.env.SHARED_DATA_DIR ?? resolve(repoRoot, '../shared/data');

/** True when CI asked that every optional dependency of a test be present (skips become failures). */
export const strict = process.env.RONGHUI_REQUIRE_ALL === '1';

/**
 * Decide whether a test that needs something outside npm can run. Where it is absent the test is
 * skipped with a printed notice; under RONGHUI_REQUIRE_ALL=1 (set by .ci/run) absence is a failure.
 */
export function requires(what: string, available: boolean): boolean {
  if (available) return true;
  const message = `${what} is not available`;
  if (strict) throw new Error(`${message}, and RONGHUI_REQUIRE_ALL=1 forbids skipping`);
  console.warn(`[skipped] ${message}: the tests that need it are skipped`);
  return false;
}

/** Path of a shared fixture, or undefined (with a notice, or an error under strict mode) when absent. */
export function sharedFixture(relative: string): string | undefined {
  const path = resolve(sharedDataDir, relative);
  return requires(`fixture ../shared/data/${relative}`, existsSync(path)) ? path : undefined;
}

/** The Chromium binary for browser tests (Debian's package), if installed. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export function hasChromium(): boolean {
  return requires(`Chromium at ${chromiumPath}`, existsSync(chromiumPath));
}

export const testDatabaseUrl = process.env.TEST_DATABASE_URL;
export const natsUrl = process.env.NATS_URL;
/** An external MQTT broker (Mosquitto) for the tests of Ronghui as its subscriber. */
export const mqttTestUrl = process.env.MQTT_TEST_URL;
