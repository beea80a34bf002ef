import { createRng, type Rng } from '@ronghui/geo';

/** The project's seeded PRNG (mulberry32, from @ronghui/geo); callers own it so results reproduce. */
export { createRng, type Rng };

/** Pick by weight; weights need not sum to 1. */
export function pickWeighted<T>(rng: Rng, items: readonly (readonly [T, number])[]): T {
  let total = 0;
  for (const [, w] of items) total += w;
  let r = rng.next() * total;
  for (const [item, w] of items) {
    r -= w;
    if (r < 0) return item;
  }
  const last = items[items.length - 1];
  if (!last) throw new RangeError('pickWeighted needs at least one item');
  return last[0];
}

/** In-place Fisher–Yates shuffle. */
export function shuffleInPlace<T>(rng: Rng, values: { length: number; [i: number]: T }): void {
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    const tmp = values[i] as T;
    values[i] = values[j] as T;
    values[j] = tmp;
  }
}
