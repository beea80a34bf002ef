import type { Me } from '@ronghui/contracts';

/**
 * Who last used the phone app on this device: name, station and roles only, so the shell can show its
 * tabs when the app is opened without a network. Forgotten on sign-out and when the session ends.
 */
const key = 'ronghui.mobile.lastUser';

export type LastUser = Pick<Me, 'displayName' | 'username' | 'roles' | 'scope'>;

export function rememberUser(user: Me): void {
  const { displayName, username, roles, scope } = user;
  try {
    localStorage.setItem(key, JSON.stringify({ displayName, username, roles, scope }));
  } catch {
    // Storage full or disabled: the offline shell is then not available, nothing else changes.
  }
}

export function lastUser(): LastUser | null {
  try {
    const value = JSON.parse(localStorage.getItem(key) ?? 'null') as LastUser | null;
    return value && typeof value.displayName === 'string' && Array.isArray(value.roles) ? value : null;
  } catch {
    return null;
  }
}

export function forgetUser(): void {
  try {
    localStorage.removeItem(key);
  } catch {
    // Nothing stored.
  }
}
