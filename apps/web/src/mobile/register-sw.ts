/**
 * Registers the phone app's service worker (built from src/sw.ts to /sw.js), once per page load. Only the
 * built app has one: the Vite dev server does not.
 */
let registering: Promise<ServiceWorkerRegistration | null> | null = null;

export function registerServiceWorker(): Promise<ServiceWorkerRegistration | null> {
  if (registering) return registering;
  if (!import.meta.env.PROD || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) {
    registering = Promise.resolve(null);
  } else {
    registering = navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => null);
  }
  return registering;
}
