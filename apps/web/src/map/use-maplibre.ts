import 'maplibre-gl/dist/maplibre-gl.css';
import { useQuery } from '@tanstack/react-query';
import type { CameraOptions, Map as MapLibreMap, MapOptions, StyleSpecification } from 'maplibre-gl';
import { type RefObject, useEffect, useMemo, useRef, useState } from 'react';
import { useT } from '../i18n/i18n-context.tsx';
import { localIdeographFontFamily, mapApi } from './map-resources.ts';
import { maplibregl } from './setup-worker.ts';

/** `GET /api/map/config`, read once per session: glyphs, base tiles, terrain, the county's centre and bounds. */
export function useMapConfig() {
  return useQuery({ queryKey: ['map', 'settings'], queryFn: mapApi.settings, staleTime: Infinity });
}

/** MapLibre's own control texts (zoom buttons, scale units) in the user's language. */
export function useMapStrings(): Record<string, string> {
  const t = useT();
  return useMemo(
    () => ({
      'NavigationControl.ZoomIn': t('map.zoomIn'),
      'NavigationControl.ZoomOut': t('map.zoomOut'),
      'ScaleControl.Meters': t('map.meters'),
      'ScaleControl.Kilometers': t('map.kilometers'),
    }),
    [t],
  );
}

export interface MapLibreSetup {
  /** The style, built once when the map is made (sources are updated afterwards with `setData`). */
  style: () => StyleSpecification;
  /** Pan and zoom with mouse, touch and keyboard (default true). */
  interactive?: boolean;
  /** Zoom buttons (default: when interactive) and the metric scale bar (default: on). */
  controls?: { zoom?: boolean; scale?: boolean };
  maxPitch?: number;
  /**
   * The first view. Without it the map starts on the county's bounds from `/api/map/config`, and waits for
   * them (the answer is kept for the session, so only the first map of a session waits).
   */
  view?: () => CameraOptions;
  /**
   * Runs once the map exists, before it has loaded: handlers, overlays. The function it returns runs just
   * before the map is removed.
   */
  init?: (map: MapLibreMap, element: HTMLDivElement) => undefined | (() => void);
  /** Runs when the style has loaded, before the map is handed to the component. */
  onLoad?: (map: MapLibreMap, element: HTMLDivElement) => void;
  /** The map could not be made (a browser without WebGL); without this the error is thrown. */
  onError?: (reason: string) => void;
  /** Names the map in console warnings. */
  name?: string;
}

/**
 * One MapLibre map in a `<div>`, set up the same way for every map of the console: the worker bundled with
 * our code, our own style with glyphs from our server and Chinese drawn by the browser's CJK fonts, no
 * outside attribution, control texts in the user's language, zoom and scale controls, the county's bounds
 * as the first view, removal on unmount. `map` is null until the style has loaded (and again once the map
 * is gone): effects that add data wait for it. MapLibre follows size changes of the container itself.
 *
 * The map is built once; a new language needs a new map (give the component a `key`).
 */
export function useMapLibre(setup: MapLibreSetup): {
  container: RefObject<HTMLDivElement | null>;
  map: MapLibreMap | null;
} {
  const container = useRef<HTMLDivElement | null>(null);
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const config = useMapConfig();
  const strings = useMapStrings();
  const latest = useRef({ setup, config: config.data, strings });
  latest.current = { setup, config: config.data, strings };
  // A map with its own first view starts at once; the others once the county is known (or the ask failed).
  const start = setup.view !== undefined || !config.isPending;

  useEffect(() => {
    const element = container.current;
    if (!start || !element) return;
    const { setup, config, strings } = latest.current;
    const interactive = setup.interactive ?? true;
    const view: Partial<MapOptions> = setup.view
      ? setup.view()
      : config?.bounds
        ? { bounds: config.bounds }
        : config?.center
          ? { center: [config.center.lon, config.center.lat], zoom: 9 }
          : {};
    let created: MapLibreMap;
    try {
      created = new maplibregl.Map({
        container: element,
        style: setup.style(),
        attributionControl: false,
        locale: strings,
        localIdeographFontFamily,
        interactive,
        dragRotate: false,
        pitchWithRotate: false,
        ...(setup.maxPitch !== undefined ? { maxPitch: setup.maxPitch } : {}),
        ...view,
      });
    } catch (error) {
      if (!setup.onError) throw error;
      setup.onError(error instanceof Error ? error.message : String(error));
      return;
    }
    const m = created;
    if (setup.controls?.zoom ?? interactive) {
      m.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    }
    if (setup.controls?.scale ?? true)
      m.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-right');
    const cleanup = setup.init?.(m, element);
    m.on('load', () => {
      latest.current.setup.onLoad?.(m, element);
      setMap(m);
    });
    m.on('error', (event) => console.warn(`${setup.name ?? 'map'} error`, event.error));
    return () => {
      cleanup?.();
      m.remove();
      setMap(null);
    };
  }, [start]);

  return { container, map };
}
