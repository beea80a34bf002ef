import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export class DatabaseLockedError extends Error {
  override readonly name = 'DatabaseLockedError';
}

interface LockInfo {
  pid: number;
  host: string;
  command: string;
  since: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite keeps the whole database in one process: a second process opening the same folder would corrupt it.
 * A lock file names the holder; a lock left by a process that no longer runs (kill -9) is taken over.
 */
export function acquirePgliteLock(dir: string, command: string): () => void {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'ronghui.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      const info: LockInfo = { pid: process.pid, host: hostname(), command, since: new Date().toISOString() };
      writeSync(fd, JSON.stringify(info));
      closeSync(fd);
      return () => {
        try {
          const held = JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
          if (held.pid === process.pid) unlinkSync(path);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let held: LockInfo | undefined;
      try {
        held = JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
      } catch {
        held = undefined;
      }
      if (held && held.host === hostname() && alive(held.pid)) {
        throw new DatabaseLockedError(
          `The database folder ${dir} is in use by process ${held.pid} ("ronghui ${held.command}", since ${held.since}). ` +
            'Stop that process first, or point DATABASE_URL at a PostgreSQL server to share one database between processes.',
        );
      }
      if (held && held.host !== hostname()) {
        throw new DatabaseLockedError(
          `The database folder ${dir} is locked by host ${held.host} (process ${held.pid}). Remove ${path} only if that host no longer uses it.`,
        );
      }
      unlinkSync(path);
    }
  }
  throw new DatabaseLockedError(`Could not lock the database folder ${dir}`);
}
