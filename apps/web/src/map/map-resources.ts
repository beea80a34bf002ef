import type { MapConfig, PlaceLabels } from '@ronghui/contracts';
import { api } from '../api/http-client.ts';

/**
 * Map resources from our own server, so that labels and terrain work on an intranet: glyphs for Latin
 * text and digits (SDF, made on the server from Noto Sans), Chinese drawn by the browser's own CJK fonts.
 */
export const labelFont = ['Noto Sans Regular'];
export const labelFontBold = ['Noto Sans Bold'];

/** CSS families MapLibre draws ideographs with (Debian's fonts-noto-cjk, macOS, Windows, then any). */
export const localIdeographFontFamily =
  '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';

/** Absolute URLs: MapLibre resolves style resources outside the page's base. */
export function serverUrl(path: string): string {
  const origin = globalThis.location?.origin ?? '';
  return `${origin}${path}`;
}

export const glyphsUrl = () => serverUrl('/api/map/glyphs/{fontstack}/{range}.pbf');

export const mapApi = {
  settings: () => api.get<MapConfig>('/map/config'),
  places: () => api.get<PlaceLabels>('/map/places'),
};
