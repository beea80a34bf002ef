import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquirePgliteLock, DatabaseLockedError } from './pglite-lock.ts';

describe('PGlite folder lock', () => {
  it('refuses a folder held by a running process and names it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rh-lock-'));
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      writeFileSync(
        join(dir, 'ronghui.lock'),
        JSON.stringify({
          pid: holder.pid,
          host: hostname(),
          command: 'start',
          since: '2026-11-29T00:00:00Z',
        }),
      );
      expect(() => acquirePgliteLock(dir, 'migrate')).toThrow(DatabaseLockedError);
      expect(() => acquirePgliteLock(dir, 'migrate')).toThrow(
        new RegExp(`process ${holder.pid}.*ronghui start`),
      );
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('takes over a lock left by a process that died, and releases it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rh-lock-'));
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => dead.once('exit', r));
    writeFileSync(
      join(dir, 'ronghui.lock'),
      JSON.stringify({ pid: dead.pid, host: hostname(), command: 'start', since: 'x' }),
    );
    const release = acquirePgliteLock(dir, 'start');
    expect(existsSync(join(dir, 'ronghui.lock'))).toBe(true);
    // Not re-entrant: a second PGlite on the same folder, even in this process, would corrupt it.
    expect(() => acquirePgliteLock(dir, 'again')).toThrow(DatabaseLockedError);
    release();
    expect(existsSync(join(dir, 'ronghui.lock'))).toBe(false);
  });
});
