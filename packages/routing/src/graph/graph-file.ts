import { crc32 } from './crc32.ts';
import { finishGraph, type RoadGraph, type RoadGraphCore } from './road-graph.ts';

/**
 * The binary road-graph file: `RHRG`, a format version, then tagged sections (4-byte tag, byte
 * length, data padded to 4 bytes), then a CRC-32 of everything before it. Array sections are the
 * in-memory typed arrays byte for byte (little-endian), so loading is a copy, not a parse; only the
 * shape points are delta + varint coded, which halves the largest section.
 */
export const GRAPH_FILE_MAGIC = 'RHRG';
export const GRAPH_FILE_VERSION = 1;

export class GraphFileError extends Error {
  override readonly name = 'GraphFileError';
}

interface Meta {
  nodeCount: number;
  edgeCount: number;
  segmentCount: number;
  shapePoints: number;
  names: string[];
}

const enc = new TextEncoder();
const dec = new TextDecoder('utf-8', { fatal: true });

export function encodeGraph(g: RoadGraph): Uint8Array {
  const meta: Meta = {
    nodeCount: g.nodeCount,
    edgeCount: g.edgeCount,
    segmentCount: g.segName.length,
    shapePoints: g.segCoords.length / 2,
    names: [...g.names],
  };
  const sections: [string, Uint8Array][] = [
    ['META', enc.encode(JSON.stringify(meta))],
    ['NLON', bytesOf(g.nodeLon)],
    ['NLAT', bytesOf(g.nodeLat)],
    ['FOUT', bytesOf(g.firstOut)],
    ['HEAD', bytesOf(g.head)],
    ['WGHT', bytesOf(g.weight)],
    ['LENG', bytesOf(g.length)],
    ['RCLS', bytesOf(g.roadClass)],
    ['SEGM', bytesOf(g.segment)],
    ['SSTA', bytesOf(g.segStart)],
    ['SNAM', bytesOf(g.segName)],
    ['SGEO', encodeDeltas(g.segCoords)],
  ];
  const total = 12 + sections.reduce((n, [, b]) => n + 8 + pad4(b.length), 0) + 4;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  out.set(enc.encode(GRAPH_FILE_MAGIC), 0);
  view.setUint32(4, GRAPH_FILE_VERSION, true);
  view.setUint32(8, sections.length, true);
  let at = 12;
  for (const [tag, bytes] of sections) {
    out.set(enc.encode(tag), at);
    view.setUint32(at + 4, bytes.length, true);
    out.set(bytes, at + 8);
    at += 8 + pad4(bytes.length);
  }
  view.setUint32(at, crc32(out.subarray(0, at)), true);
  return out;
}

export function decodeGraph(bytes: Uint8Array): RoadGraph {
  if (bytes.length < 16 || dec.decode(bytes.subarray(0, 4)) !== GRAPH_FILE_MAGIC) {
    throw new GraphFileError(
      'not a Ronghui road-graph file (bad magic); build one with `ronghui import-osm`',
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4, true);
  if (version !== GRAPH_FILE_VERSION) {
    throw new GraphFileError(
      `road-graph file version ${version} is not supported (expected ${GRAPH_FILE_VERSION}); re-import it`,
    );
  }
  const stored = view.getUint32(bytes.length - 4, true);
  if (crc32(bytes.subarray(0, bytes.length - 4)) !== stored) {
    throw new GraphFileError('road-graph file is corrupt or truncated (checksum mismatch); re-import it');
  }
  const sections = new Map<string, Uint8Array>();
  const count = view.getUint32(8, true);
  let at = 12;
  for (let i = 0; i < count; i++) {
    if (at + 8 > bytes.length - 4) throw new GraphFileError('road-graph file is truncated (section table)');
    const tag = dec.decode(bytes.subarray(at, at + 4));
    const len = view.getUint32(at + 4, true);
    if (at + 8 + len > bytes.length - 4)
      throw new GraphFileError(`road-graph file is truncated (section ${tag})`);
    sections.set(tag, bytes.subarray(at + 8, at + 8 + len));
    at += 8 + pad4(len);
  }
  const need = (tag: string) => {
    const s = sections.get(tag);
    if (!s) throw new GraphFileError(`road-graph file lacks section ${tag}`);
    return s;
  };
  const meta = parseMeta(need('META'));
  const { nodeCount: n, edgeCount: m, segmentCount: s } = meta;
  const core: RoadGraphCore = {
    nodeCount: n,
    edgeCount: m,
    nodeLon: typed(need('NLON'), Int32Array, n, 'NLON'),
    nodeLat: typed(need('NLAT'), Int32Array, n, 'NLAT'),
    firstOut: typed(need('FOUT'), Uint32Array, n + 1, 'FOUT'),
    head: typed(need('HEAD'), Uint32Array, m, 'HEAD'),
    weight: typed(need('WGHT'), Uint32Array, m, 'WGHT'),
    length: typed(need('LENG'), Float32Array, m, 'LENG'),
    roadClass: typed(need('RCLS'), Uint8Array, m, 'RCLS'),
    segment: typed(need('SEGM'), Int32Array, m, 'SEGM'),
    segStart: typed(need('SSTA'), Uint32Array, s + 1, 'SSTA'),
    segName: typed(need('SNAM'), Int32Array, s, 'SNAM'),
    segCoords: decodeDeltas(need('SGEO'), meta.shapePoints * 2),
    names: meta.names,
  };
  validate(core);
  return finishGraph(core);
}

function parseMeta(bytes: Uint8Array): Meta {
  let meta: Partial<Meta>;
  try {
    meta = JSON.parse(dec.decode(bytes)) as Partial<Meta>;
  } catch {
    throw new GraphFileError('road-graph file header (META) is unreadable');
  }
  const counts = [meta.nodeCount, meta.edgeCount, meta.segmentCount, meta.shapePoints];
  if (!counts.every((c) => Number.isSafeInteger(c) && (c as number) >= 0) || !Array.isArray(meta.names)) {
    throw new GraphFileError('road-graph file header (META) is inconsistent');
  }
  return meta as Meta;
}

/** Indices must stay in range even in a file whose checksum was recomputed over bad data. */
function validate(g: RoadGraphCore): void {
  const fail = (what: string) => {
    throw new GraphFileError(`road-graph file is inconsistent: ${what}`);
  };
  if (g.firstOut[0] !== 0 || g.firstOut[g.nodeCount] !== g.edgeCount) fail('edge offsets');
  for (let u = 0; u < g.nodeCount; u++) if (g.firstOut[u + 1]! < g.firstOut[u]!) fail('edge offsets');
  const segs = g.segName.length;
  for (let e = 0; e < g.edgeCount; e++) {
    const sg = g.segment[e]!;
    if (g.head[e]! >= g.nodeCount) fail(`edge ${e} head`);
    if ((sg >= 0 ? sg : ~sg) >= segs) fail(`edge ${e} segment`);
  }
  if (g.segStart[segs] !== g.segCoords.length / 2) fail('shape points');
}

function typed<T extends Int32Array | Uint32Array | Float32Array | Uint8Array>(
  bytes: Uint8Array,
  Kind: { new (buffer: ArrayBuffer): T; BYTES_PER_ELEMENT: number },
  count: number,
  tag: string,
): T {
  if (bytes.length !== count * Kind.BYTES_PER_ELEMENT) {
    throw new GraphFileError(
      `road-graph file section ${tag} has ${bytes.length} bytes, expected ${count * Kind.BYTES_PER_ELEMENT}`,
    );
  }
  // Copy: the section may sit at an unaligned offset, and the graph must not pin the file buffer.
  // (Uint8Array.prototype.slice copies even when `bytes` is a Node Buffer, whose own slice does not.)
  return new Kind(Uint8Array.prototype.slice.call(bytes).buffer as ArrayBuffer);
}

function bytesOf(a: Int32Array | Uint32Array | Float32Array | Uint8Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

function pad4(n: number): number {
  return (n + 3) & ~3;
}

function encodeDeltas(values: Int32Array): Uint8Array {
  const out = new Uint8Array(values.length * 5);
  let at = 0;
  let prevX = 0;
  let prevY = 0;
  for (let i = 0; i < values.length; i += 2) {
    at = writeVarint(out, at, zigzag(values[i]! - prevX));
    at = writeVarint(out, at, zigzag(values[i + 1]! - prevY));
    prevX = values[i]!;
    prevY = values[i + 1]!;
  }
  return out.slice(0, at);
}

function decodeDeltas(bytes: Uint8Array, count: number): Int32Array {
  const out = new Int32Array(count);
  let at = 0;
  let prev0 = 0;
  let prev1 = 0;
  for (let i = 0; i < count; i++) {
    let shift = 0;
    let v = 0;
    for (;;) {
      if (at >= bytes.length || shift > 35)
        throw new GraphFileError('road-graph file shape points are truncated');
      const b = bytes[at++]!;
      v += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if (b < 0x80) break;
    }
    const delta = v % 2 === 0 ? v / 2 : -(v + 1) / 2;
    if (i % 2 === 0) out[i] = prev0 += delta;
    else out[i] = prev1 += delta;
  }
  return out;
}

function zigzag(n: number): number {
  return n >= 0 ? 2 * n : -2 * n - 1;
}

function writeVarint(out: Uint8Array, start: number, value: number): number {
  let at = start;
  let v = value;
  while (v >= 0x80) {
    out[at++] = (v % 0x80) | 0x80;
    v = Math.floor(v / 0x80);
  }
  out[at++] = v;
  return at;
}
