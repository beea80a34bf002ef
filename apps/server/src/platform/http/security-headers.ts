import type { IncomingMessage } from 'node:http';
import fastifyHelmet from '@fastify/helmet';
import type { App } from './app-types.ts';

/** Outside origins the console may load from, besides our own server. */
export interface ContentSources {
  /** `MAP_TILE_URL`: the base-map tile server (fetched by MapLibre's workers, drawn as images). */
  tileUrl?: string | undefined;
  /** `CAMERA_STREAM_ORIGINS`: camera streams (HLS over fetch, MJPEG and snapshots as images). */
  streamOrigins?: readonly string[] | undefined;
}

/** A Host header we are willing to repeat in the policy (no spaces or semicolons that could add a directive). */
const plainHost = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/** The live channel on the host the browser asked for; CSP level 3 has 'self' cover it, older browsers do not. */
function sameHostSockets(req: IncomingMessage): string {
  const host = req.headers.host;
  return host && plainHost.test(host) ? `ws://${host} wss://${host}` : '';
}

/**
 * The Content-Security-Policy the console runs under: scripts from our server only; MapLibre's workers from
 * blob: URLs; antd's CSS-in-JS needs inline styles; images and fonts from us (or data:/blob:); fetches to us,
 * the live channel, and the configured tile server and camera streams; no framing, plugins or <base>.
 */
export function contentSecurityPolicy(sources: ContentSources = {}) {
  const tiles = sources.tileUrl ? [new URL(sources.tileUrl).origin] : [];
  const streams = [...(sources.streamOrigins ?? [])];
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:', ...tiles, ...streams],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", sameHostSockets, ...tiles, ...streams],
    'media-src': ["'self'", 'blob:', ...streams],
    'worker-src': ["'self'", 'blob:'],
    'child-src': ["'self'", 'blob:'],
    'frame-src': ["'none'"],
    'frame-ancestors': ["'none'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'manifest-src': ["'self'"],
  };
}

/** HSTS for a year: sent only on answers to HTTPS requests (directly or through a trusted proxy). */
export const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * Security headers on every answer (helmet): the CSP above, X-Frame-Options DENY, nosniff, no referrer.
 * HSTS only over HTTPS (`request.protocol` honours TRUST_PROXY), never on plain-HTTP intranet installs.
 * Every /api answer is `Cache-Control: no-store` unless its route chose caching itself (map glyphs and
 * terrain tiles); the console's static files keep their own caching.
 */
export async function installSecurityHeaders(app: App, sources: ContentSources = {}): Promise<void> {
  await app.register(fastifyHelmet, {
    // No helmet defaults (they include upgrade-insecure-requests, which breaks plain-HTTP intranets).
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(sources) },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: false,
    // Tiles and streams come from other origins without CORP headers: do not require them.
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.protocol === 'https') reply.header('strict-transport-security', HSTS);
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control'))
      reply.header('cache-control', 'no-store');
    return payload;
  });
}
