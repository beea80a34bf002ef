// Builds the web console when it is missing or older than its sources. Node built-ins only, so that
// test set-up can use it without loading the server.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the built console lives (apps/web/dist). */
export const defaultWebDist = resolve(dirname(fileURLToPath(import.meta.url)), '../../../web/dist');

const webRoot = resolve(defaultWebDist, '..');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds the web console when it is missing or older than its sources. */
export function ensureWebBuilt(log: (line: string) => void): void {
  const index = join(defaultWebDist, 'index.html');
  const src = join(webRoot, 'src');
  if (!existsSync(src)) return;
  const sources = [
    newestMtime(src),
    ...['index.html', 'vite.config.ts']
      .map((f) => join(webRoot, f))
      .filter(existsSync)
      .map((f) => statSync(f).mtimeMs),
    existsSync(join(webRoot, 'public')) ? newestMtime(join(webRoot, 'public')) : 0,
  ];
  if (existsSync(index) && statSync(index).mtimeMs >= Math.max(...sources)) return;
  log('Building the web console (first start or sources changed)…');
  // Always a production build, whatever NODE_ENV the caller runs under (a test runner sets "test", which
  // would give React's development build and no service worker).
  const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
    cwd: webRoot,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) throw new Error('building the web console failed (see the messages above)');
}
