import type { Locale } from './messages.ts';

const storageKey = 'ronghui.locale';

/** The locale the user chose last time on this browser; Chinese when none (or storage is blocked). */
export function readStoredLocale(): Locale {
  try {
    return localStorage.getItem(storageKey) === 'en-US' ? 'en-US' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export function storeLocale(locale: Locale): void {
  try {
    localStorage.setItem(storageKey, locale);
  } catch {
    // Private mode or a locked-down profile: the choice then lasts for this page only.
  }
}
