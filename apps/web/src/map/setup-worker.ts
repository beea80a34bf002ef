import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

// The worker is bundled beside our own code: the intranet console never fetches it from a CDN.
maplibregl.setWorkerUrl(workerUrl);

export { maplibregl };
