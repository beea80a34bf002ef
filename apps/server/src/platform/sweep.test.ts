import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startSweepLoop } from './sweep.ts';

describe('startSweepLoop', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sweeps every tenant in turn on each tick until stopped', async () => {
    const swept: string[] = [];
    const stop = startSweepLoop({
      sweep: async (t) => swept.push(t),
      tenants: async () => ['350526', '350527'],
      log: { warn: vi.fn() },
      failure: 'sweep failed',
      everyMs: 1000,
    });
    await vi.advanceTimersByTimeAsync(999);
    expect(swept).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(swept).toEqual(['350526', '350527']);
    await vi.advanceTimersByTimeAsync(1000);
    expect(swept).toHaveLength(4);
    stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(swept).toHaveLength(4);
  });

  it('skips a tick while the last pass still runs', async () => {
    let release: () => void = () => {};
    let passes = 0;
    const stop = startSweepLoop({
      sweep: () => {
        passes++;
        return new Promise<void>((resolve) => {
          release = resolve;
        });
      },
      tenants: async () => ['350526'],
      log: { warn: vi.fn() },
      failure: 'sweep failed',
      everyMs: 100,
    });
    await vi.advanceTimersByTimeAsync(350);
    expect(passes).toBe(1);
    release();
    await vi.advanceTimersByTimeAsync(100);
    expect(passes).toBe(2);
    stop();
  });

  it('logs a failed pass with its message and keeps going', async () => {
    const warn = vi.fn();
    let calls = 0;
    const stop = startSweepLoop({
      sweep: async () => {
        calls++;
        if (calls === 1) throw new Error('database gone');
      },
      tenants: async () => ['350526'],
      log: { warn },
      failure: 'hazard deadline sweep failed',
      everyMs: 100,
    });
    await vi.advanceTimersByTimeAsync(100);
    expect(warn).toHaveBeenCalledWith(
      { err: expect.objectContaining({ message: 'database gone' }) },
      'hazard deadline sweep failed',
    );
    await vi.advanceTimersByTimeAsync(100);
    expect(calls).toBe(2);
    expect(warn).toHaveBeenCalledTimes(1);
    stop();
  });
});
