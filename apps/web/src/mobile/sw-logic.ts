import type { PushMessage } from '@ronghui/contracts';

/**
 * The pure decisions of the service worker (src/sw.ts), kept apart so they are tested without a browser.
 */

/** Page loads the service worker answers from its cache when the network fails: the phone app's pages. */
export function isShellNavigation(pathname: string): boolean {
  return pathname === '/m' || pathname.startsWith('/m/');
}

/** Answers that must never come from a cache (everything under /api). */
export function isApiPath(pathname: string): boolean {
  return pathname === '/api' || pathname.startsWith('/api/');
}

export interface AlertToShow {
  title: string;
  options: { body: string; tag: string; data: { url: string }; requireInteraction: true; icon: string };
}

const fallbackTitle = '融汇外勤';

/** The alert for a push's payload (JSON `PushMessage`); a payload that is not one still alerts. */
export function alertForPush(payload: unknown, icon: string): AlertToShow {
  const message = (typeof payload === 'object' && payload !== null ? payload : {}) as Partial<PushMessage>;
  const text = (value: unknown, fallback: string) => (typeof value === 'string' && value ? value : fallback);
  const url = text(message.url, '/m/');
  return {
    title: text(message.title, fallbackTitle),
    options: {
      body: text(message.body, ''),
      tag: text(message.tag, 'ronghui'),
      // Only pages of our own origin are opened from an alert.
      data: { url: url.startsWith('/') && !url.startsWith('//') ? url : '/m/' },
      requireInteraction: true,
      icon,
    },
  };
}
