import { describe, expect, it } from 'vitest';
import { base64UrlToBytes, type BrowserPushAbilities, pushSupport } from './push-support.ts';

const full: BrowserPushAbilities = {
  serviceWorker: true,
  pushManager: true,
  notification: true,
  permission: 'default',
};
const on = { enabled: true, publicKey: 'BNc' + 'A'.repeat(84) };

describe('push support', () => {
  it('is available with a service worker, PushManager, notifications and a server that sends push', () => {
    expect(pushSupport(full, on)).toBe('available');
    expect(pushSupport({ ...full, permission: 'granted' }, on)).toBe('available');
  });

  it('is unsupported without PushManager, a service worker or notifications (iOS Safari outside the home screen)', () => {
    expect(pushSupport({ ...full, pushManager: false }, on)).toBe('unsupported');
    expect(pushSupport({ ...full, serviceWorker: false }, on)).toBe('unsupported');
    expect(pushSupport({ ...full, notification: false, permission: null }, on)).toBe('unsupported');
  });

  it('says when the user refused notifications', () => {
    expect(pushSupport({ ...full, permission: 'denied' }, on)).toBe('denied');
  });

  it('falls back when the server has push off or cannot be asked', () => {
    expect(pushSupport(full, { enabled: false, publicKey: '' })).toBe('server-off');
    expect(pushSupport(full, 'error')).toBe('server-off');
    expect(pushSupport(full, undefined)).toBe('checking');
  });

  it('decodes a base64url key', () => {
    expect([...base64UrlToBytes('AQID_-8')]).toEqual([1, 2, 3, 255, 239]);
  });
});
