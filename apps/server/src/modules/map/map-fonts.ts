import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { GlyphFont } from '@ronghui/maptiles';

/**
 * The fonts our glyph endpoint serves, made from the Noto Sans files of the npm package
 * `@fontsource/noto-sans` (SIL Open Font License 1.1). Chinese text is not among them: the console draws
 * ideographs with the browser's own CJK fonts (`localIdeographFontFamily`).
 */
const families: Record<string, { weight: number }> = {
  'Noto Sans Regular': { weight: 400 },
  'Noto Sans Bold': { weight: 700 },
};

const subsets = ['latin', 'latin-ext'] as const;

export const fontNames = Object.keys(families);

export function createFontLibrary() {
  const require = createRequire(import.meta.url);
  const loaded = new Map<string, GlyphFont>();
  return {
    names: fontNames,
    /** The font for a name, loaded on first use; undefined for a name we do not serve. */
    font(name: string): GlyphFont | undefined {
      const family = families[name];
      if (!family) return undefined;
      let font = loaded.get(name);
      if (!font) {
        const files = subsets.map((subset) =>
          readFileSync(
            require.resolve(`@fontsource/noto-sans/files/noto-sans-${subset}-${family.weight}-normal.woff`),
          ),
        );
        font = new GlyphFont(name, files);
        loaded.set(name, font);
      }
      return font;
    },
  };
}
export type FontLibrary = ReturnType<typeof createFontLibrary>;
