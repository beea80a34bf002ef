import { describe, expect, it } from 'vitest';
import { gridGraph, streets } from '../testing/small-graphs.ts';
import { decodeGraph, encodeGraph, GraphFileError } from './graph-file.ts';
import { edgeGeometry } from './road-graph.ts';

describe('graph file', () => {
  const g = streets(
    [
      [0, 0],
      [300, 0],
      [300, 300],
    ],
    [
      { from: 0, to: 1, forwardS: 30, name: '浔中路' },
      { from: 1, to: 2, forwardS: 25, backwardS: null },
      { from: 2, to: 0, forwardS: 40, name: 'G228' },
    ],
  );

  it('round-trips every array, names and geometry', () => {
    const back = decodeGraph(encodeGraph(g));
    expect(back.nodeCount).toBe(g.nodeCount);
    expect([...back.head]).toEqual([...g.head]);
    expect([...back.weight]).toEqual([...g.weight]);
    expect([...back.twin]).toEqual([...g.twin]);
    expect(back.names).toEqual(g.names);
    for (let e = 0; e < g.edgeCount; e++) expect(edgeGeometry(back, e)).toEqual(edgeGeometry(g, e));
  });

  it('loads from a Buffer slice at an odd offset (as read from disk)', () => {
    const bytes = encodeGraph(gridGraph(5, 5));
    const padded = new Uint8Array(bytes.length + 3);
    padded.set(bytes, 3);
    expect(decodeGraph(padded.subarray(3)).edgeCount).toBe(80);
  });

  it.each([
    ['garbage', () => new TextEncoder().encode('this is not a graph file at all'), /bad magic/],
    ['empty', () => new Uint8Array(0), /bad magic/],
    ['truncated', () => encodeGraph(g).slice(0, 200), /checksum|truncated/],
    [
      'a flipped byte',
      () => {
        const b = encodeGraph(g);
        b[100] = b[100]! ^ 0xff;
        return b;
      },
      /checksum/,
    ],
    [
      'another version',
      () => {
        const b = encodeGraph(g);
        b[4] = 9;
        return b;
      },
      /version 9/,
    ],
  ])('rejects %s with a clear error', (_name, make, message) => {
    expect(() => decodeGraph(make())).toThrow(GraphFileError);
    expect(() => decodeGraph(make())).toThrow(message);
  });
});
