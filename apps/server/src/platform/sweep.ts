import type { Logger } from 'pino';

export interface SweepLoop {
  /** What the loop does for one tenant; its awaited result is ignored. */
  sweep: (tenantCode: string) => Promise<unknown>;
  /** The tenants to sweep, asked afresh on every tick. */
  tenants: () => Promise<string[]>;
  log: Pick<Logger, 'warn'>;
  /** The log line of a failed pass. */
  failure: string;
  everyMs: number;
}

/**
 * Runs `sweep` for every tenant, one after the other, every `everyMs` until the returned function stops it.
 * A pass that is still running when the next tick comes is not overlapped: that tick is skipped. A failed
 * pass is logged as a warning and the loop goes on. The timer does not keep the process alive.
 */
export function startSweepLoop(loop: SweepLoop): () => void {
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    loop
      .tenants()
      .then(async (list) => {
        for (const tenant of list) await loop.sweep(tenant);
      })
      .catch((error: unknown) => loop.log.warn({ err: error }, loop.failure))
      .finally(() => {
        busy = false;
      });
  }, loop.everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
