/// <reference path="./opentype.d.ts" />
import opentype, { type Font } from 'opentype.js';
import { type GlyphRange, encodeGlyphRange, type PbfGlyph, parseGlyphRange } from './glyph-pbf.ts';
import { contoursOf, defaultSdf, glyphSdf, type PathCommand } from './glyph-sdf.ts';

/** MapLibre's glyph size: every SDF glyph is drawn at 24 px and scaled by the shader. */
export const GLYPH_PX = 24;

/**
 * One font stack made from font files (TrueType, OpenType or WOFF bytes), e.g. a font's Latin and
 * Latin-extended subsets: a code point is taken from the first file that has it. Ranges are computed on
 * first use and kept.
 */
export class GlyphFont {
  private readonly fonts: Font[];
  private readonly cache = new Map<number, Uint8Array>();

  constructor(
    readonly name: string,
    files: readonly Uint8Array[],
  ) {
    this.fonts = files.map((bytes) =>
      opentype.parse(
        bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
      ),
    );
  }

  /** The glyphs of one block of 256 code points; code points the fonts lack are left out. */
  glyphs(start: number): PbfGlyph[] {
    const out: PbfGlyph[] = [];
    for (let id = start; id < start + 256; id++) {
      const glyph = this.glyph(id);
      if (glyph) out.push(glyph);
    }
    return out;
  }

  glyph(id: number): PbfGlyph | undefined {
    const char = String.fromCodePoint(id);
    for (const font of this.fonts) {
      const index = font.charToGlyphIndex(char);
      if (!index) continue;
      const scale = GLYPH_PX / font.unitsPerEm;
      const glyph = font.glyphs.get(index);
      const path = glyph.getPath(0, 0, GLYPH_PX).commands as PathCommand[];
      const sdf = glyphSdf(contoursOf(path), defaultSdf);
      // Like node-fontnik, `top` is measured from the ascender line rather than the baseline.
      const ascender = Math.ceil(font.ascender * scale);
      return {
        id,
        bitmap: sdf.bitmap,
        width: sdf.width,
        height: sdf.height,
        left: sdf.left,
        top: sdf.width > 0 ? sdf.top - ascender : 0,
        advance: Math.round((glyph.advanceWidth ?? 0) * scale),
      };
    }
    return undefined;
  }

  /** The protobuf file MapLibre asks for as `<fontstack>/<range>.pbf`; throws GlyphRangeError on a bad range. */
  rangePbf(range: string): Uint8Array {
    const { start, end } = parseGlyphRange(range);
    let bytes = this.cache.get(start);
    if (!bytes) {
      const data: GlyphRange = { name: this.name, range: `${start}-${end}`, glyphs: this.glyphs(start) };
      bytes = encodeGlyphRange(data);
      this.cache.set(start, bytes);
    }
    return bytes;
  }
}
