/**
 * Whether this browser can receive Web Push for the phone app, and why not. When it cannot, new orders are
 * shown as a full-screen alert when the app is opened.
 */
export type PushSupport = 'checking' | 'available' | 'unsupported' | 'denied' | 'server-off';

export interface BrowserPushAbilities {
  serviceWorker: boolean;
  pushManager: boolean;
  notification: boolean;
  /** `Notification.permission`, or null without the Notification API. */
  permission: NotificationPermission | null;
}

/** What this browser offers (read once; all false outside a browser). */
export function browserPushAbilities(): BrowserPushAbilities {
  const hasWindow = typeof window !== 'undefined';
  const notification = hasWindow && 'Notification' in window;
  return {
    serviceWorker: typeof navigator !== 'undefined' && 'serviceWorker' in navigator,
    pushManager: hasWindow && 'PushManager' in window,
    notification,
    permission: notification ? Notification.permission : null,
  };
}

/**
 * The decision: `server` is the server's `GET /api/push/config` answer (undefined while it loads, 'error'
 * when it failed). The browser's own lack comes first, then a refused permission, then the server.
 */
export function pushSupport(
  browser: BrowserPushAbilities,
  server: { enabled: boolean; publicKey: string } | 'error' | undefined,
): PushSupport {
  if (!browser.serviceWorker || !browser.pushManager || !browser.notification) return 'unsupported';
  if (browser.permission === 'denied') return 'denied';
  if (server === undefined) return 'checking';
  if (server === 'error' || !server.enabled || !server.publicKey) return 'server-off';
  return 'available';
}

/** A base64url VAPID key as the bytes `pushManager.subscribe` takes. */
export function base64UrlToBytes(value: string): Uint8Array<ArrayBuffer> {
  const base64 = value.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
