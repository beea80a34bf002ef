/**
 * An indexed binary min-heap over typed arrays: items are integer ids below a fixed capacity, keys are
 * doubles. `push` on an id already queued lowers or raises its key, so searches need no duplicate
 * entries and allocate nothing per query.
 */
export class MinHeap {
  private readonly ids: Int32Array;
  private readonly keys: Float64Array;
  private readonly pos: Int32Array;
  private count = 0;

  constructor(capacity: number) {
    this.ids = new Int32Array(capacity);
    this.keys = new Float64Array(capacity);
    this.pos = new Int32Array(capacity).fill(-1);
  }

  get size(): number {
    return this.count;
  }

  isEmpty(): boolean {
    return this.count === 0;
  }

  has(id: number): boolean {
    return this.pos[id]! >= 0;
  }

  minKey(): number {
    return this.count === 0 ? Number.POSITIVE_INFINITY : this.keys[0]!;
  }

  keyOf(id: number): number {
    const p = this.pos[id]!;
    return p < 0 ? Number.POSITIVE_INFINITY : this.keys[p]!;
  }

  /** Insert `id`, or move it to `key` if already queued. */
  push(id: number, key: number): void {
    let p = this.pos[id]!;
    if (p < 0) {
      p = this.count++;
      this.ids[p] = id;
      this.keys[p] = key;
      this.pos[id] = p;
      this.up(p);
      return;
    }
    const old = this.keys[p]!;
    this.keys[p] = key;
    if (key < old) this.up(p);
    else this.down(p);
  }

  pop(): number {
    const top = this.ids[0]!;
    this.pos[top] = -1;
    const last = --this.count;
    if (last > 0) {
      this.ids[0] = this.ids[last]!;
      this.keys[0] = this.keys[last]!;
      this.pos[this.ids[0]!] = 0;
      this.down(0);
    }
    return top;
  }

  clear(): void {
    for (let i = 0; i < this.count; i++) this.pos[this.ids[i]!] = -1;
    this.count = 0;
  }

  private up(start: number): void {
    const { ids, keys, pos } = this;
    const id = ids[start]!;
    const key = keys[start]!;
    let p = start;
    while (p > 0) {
      const parent = (p - 1) >> 1;
      if (keys[parent]! <= key) break;
      ids[p] = ids[parent]!;
      keys[p] = keys[parent]!;
      pos[ids[p]!] = p;
      p = parent;
    }
    ids[p] = id;
    keys[p] = key;
    pos[id] = p;
  }

  private down(start: number): void {
    const { ids, keys, pos } = this;
    const n = this.count;
    const id = ids[start]!;
    const key = keys[start]!;
    let p = start;
    for (;;) {
      let c = 2 * p + 1;
      if (c >= n) break;
      if (c + 1 < n && keys[c + 1]! < keys[c]!) c++;
      if (keys[c]! >= key) break;
      ids[p] = ids[c]!;
      keys[p] = keys[c]!;
      pos[ids[p]!] = p;
      p = c;
    }
    ids[p] = id;
    keys[p] = key;
    pos[id] = p;
  }
}
