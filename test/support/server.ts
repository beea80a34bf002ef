import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureWebBuilt } from '../../apps/server/src/cli/web-build.ts';
import { repoRoot } from './env.ts';

export interface TestServer {
  url: string;
  dataDir: string;
  child: ChildProcess;
  /** Output so far (stderr and stdout), for diagnostics. */
  output(): string;
  /** Stops the server (SIGTERM, or the given signal) and waits for it to exit. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** Stops the server and removes its data folder (unless it was passed in). */
  close(): Promise<void>;
}

let built = false;

/**
 * Starts `ronghui start` as its own process on an ephemeral port, with a fresh data folder (demo seeded
 * on first start) unless `dataDir` is given. Resolves once the server says it is listening.
 */
export async function startTestServer(
  options: { dataDir?: string; env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<TestServer> {
  if (!built) {
    ensureWebBuilt((line) => console.log(line));
    built = true;
  }
  const ownDir = !options.dataDir;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'ronghui-server-'));
  const child = spawn(
    process.execPath,
    [join(repoRoot, 'apps/server/bin/ronghui.mjs'), 'start', '--no-build'],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        MQTT_PORT: '0',
        SIMULATE: 'off',
        // A year of demo history costs seconds at every start; tests that need it ask for it.
        DEMO_HISTORY_DAYS: '0',
        // Likewise the scorecard's 2022–2023 records (DEMO_STATS_HISTORY: 'on' for the tests that show them).
        DEMO_STATS_HISTORY: 'off',
        // Tests opt in to NATS or PostgreSQL for a server explicitly; CI's variables are for the test process.
        NATS_URL: '',
        DATABASE_URL: '',
        LOG_LEVEL: 'warn',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start in time:\n${output}`)),
      options.timeoutMs ?? 120_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Ronghui is running: (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with code ${code} before listening:\n${output}`));
    });
  });
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };
  return {
    url,
    dataDir,
    child,
    output: () => output,
    stop,
    async close() {
      await stop();
      if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
