import { ProtoWriter, readFields, unzigzag } from './protobuf.ts';

/** One glyph of a MapLibre glyph range (glyphs.proto `glyph`). Metrics in pixels at 24 px. */
export interface PbfGlyph {
  id: number;
  bitmap: Uint8Array;
  width: number;
  height: number;
  left: number;
  top: number;
  advance: number;
}

/** A decoded glyph file: one font stack, one range of 256 code points. */
export interface GlyphRange {
  name: string;
  range: string;
  glyphs: PbfGlyph[];
}

export class GlyphRangeError extends Error {
  override readonly name = 'GlyphRangeError';
}

/** `"0-255"`, `"256-511"` … `"65280-65535"`: MapLibre asks for aligned blocks of 256 code points. */
export function parseGlyphRange(text: string): { start: number; end: number } {
  const m = /^(\d{1,5})-(\d{1,5})$/.exec(text);
  const start = m ? Number(m[1]) : Number.NaN;
  const end = m ? Number(m[2]) : Number.NaN;
  if (!(start % 256 === 0 && end === start + 255 && end <= 65_535)) {
    throw new GlyphRangeError(
      `range "${text}" is not a block of 256 code points such as 0-255 or 19968-20223 (at most 65535)`,
    );
  }
  return { start, end };
}

/** glyphs.proto: glyphs { repeated fontstack stacks = 1 }, fontstack { name = 1, range = 2, glyphs = 3 }. */
export function encodeGlyphRange(range: GlyphRange): Uint8Array {
  return new ProtoWriter()
    .message(1, (stack) => {
      stack.string(1, range.name).string(2, range.range);
      for (const g of range.glyphs) {
        stack.message(3, (w) => {
          w.uint(1, g.id);
          if (g.bitmap.length > 0) w.bytesField(2, g.bitmap);
          w.uint(3, g.width).uint(4, g.height).sint(5, g.left).sint(6, g.top).uint(7, g.advance);
        });
      }
    })
    .finish();
}

export function decodeGlyphRange(bytes: Uint8Array): GlyphRange[] {
  return readFields(bytes)
    .filter((f) => f.field === 1 && f.data)
    .map((stack) => {
      const out: GlyphRange = { name: '', range: '', glyphs: [] };
      for (const f of readFields(stack.data!)) {
        if (f.field === 1 && f.data) out.name = new TextDecoder().decode(f.data);
        else if (f.field === 2 && f.data) out.range = new TextDecoder().decode(f.data);
        else if (f.field === 3 && f.data) {
          const g: PbfGlyph = {
            id: 0,
            bitmap: new Uint8Array(),
            width: 0,
            height: 0,
            left: 0,
            top: 0,
            advance: 0,
          };
          for (const p of readFields(f.data)) {
            const v = p.value ?? 0;
            if (p.field === 1) g.id = v;
            else if (p.field === 2 && p.data) g.bitmap = p.data;
            else if (p.field === 3) g.width = v;
            else if (p.field === 4) g.height = v;
            else if (p.field === 5) g.left = unzigzag(v);
            else if (p.field === 6) g.top = unzigzag(v);
            else if (p.field === 7) g.advance = v;
          }
          out.glyphs.push(g);
        }
      }
      return out;
    });
}
