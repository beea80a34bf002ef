import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute } from 'workbox-precaching';
import { alertForPush, isApiPath, isShellNavigation } from './mobile/sw-logic.ts';

/**
 * The service worker of the phone app (外勤). It precaches the built shell so /m/ starts without a network,
 * answers page loads under /m/ from the network first and from the cached index.html when offline, never
 * touches /api, and shows Web Push alerts (an order wakes the phone even when the app is closed).
 * The console's own pages (/, /dispatch …) always load from the network.
 */

// The DOM library has no service-worker types (and the WebWorker library conflicts with it): the little
// that is used here is typed by hand.
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  request: Request;
  respondWith(response: Promise<Response>): void;
}
interface PushEvent extends ExtendableEvent {
  data: { json(): unknown; text(): string } | null;
}
interface NotificationEvent extends ExtendableEvent {
  notification: Notification;
}
interface WindowClient {
  url: string;
  focus(): Promise<WindowClient>;
  navigate(url: string): Promise<WindowClient | null>;
}
interface ServiceWorkerScope {
  __WB_MANIFEST: Array<string | { url: string; revision: string | null }>;
  registration: ServiceWorkerRegistration;
  location: Location;
  clients: {
    matchAll(options: { type: 'window'; includeUncontrolled: boolean }): Promise<WindowClient[]>;
    openWindow(url: string): Promise<WindowClient | null>;
    claim(): Promise<void>;
  };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  addEventListener(type: 'push', listener: (event: PushEvent) => void): void;
  addEventListener(type: 'notificationclick', listener: (event: NotificationEvent) => void): void;
}

const sw = self as unknown as ServiceWorkerScope;
const icon = '/icon-192.png';

// A new version takes over at once: the shell's files are content-hashed, old and new never mix.
sw.addEventListener('install', () => void sw.skipWaiting());
sw.addEventListener('activate', (event) => event.waitUntil(sw.clients.claim()));

cleanupOutdatedCaches();
// No directory index: "/" is the console, which is always loaded from the server.
// (Written out as `self.__WB_MANIFEST`: the build replaces that text with the list of the shell's files.)
precacheAndRoute((self as unknown as ServiceWorkerScope).__WB_MANIFEST, { directoryIndex: '' });

/** A page load that waits no longer than this for the network before the cached shell is shown. */
const networkWaitMs = 6000;

sw.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.mode !== 'navigate' || request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== sw.location.origin || isApiPath(url.pathname) || !isShellNavigation(url.pathname))
    return;
  event.respondWith(shellPage(request));
});

async function shellPage(request: Request): Promise<Response> {
  const cached = async () => (await matchPrecache('/index.html')) ?? Response.error();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('network too slow')), networkWaitMs);
  });
  try {
    const response = await Promise.race([fetch(request), timeout]);
    return response.ok ? response : await cached();
  } catch {
    return cached();
  } finally {
    clearTimeout(timer);
  }
}

sw.addEventListener('push', (event) => {
  let payload: unknown = null;
  try {
    payload = event.data?.json() ?? null;
  } catch {
    payload = { body: event.data?.text() ?? '' };
  }
  const alert = alertForPush(payload, icon);
  event.waitUntil(sw.registration.showNotification(alert.title, alert.options));
});

sw.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const data = event.notification.data as { url?: unknown } | null;
  const target = new URL(typeof data?.url === 'string' ? data.url : '/m/', sw.location.origin).href;
  event.waitUntil(openOrFocus(target));
});

/** Focuses an open window of the app (moved to the alert's page), or opens one. */
async function openOrFocus(url: string): Promise<void> {
  const windows = await sw.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const same = windows.find((client) => client.url === url);
  if (same) {
    await same.focus();
    return;
  }
  const open = windows.find((client) => new URL(client.url).pathname.startsWith('/m'));
  if (open) {
    const moved = await open.navigate(url).catch(() => null);
    await (moved ?? open).focus();
    return;
  }
  await sw.clients.openWindow(url);
}
