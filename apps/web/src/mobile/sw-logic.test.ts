import { describe, expect, it } from 'vitest';
import { alertForPush, isApiPath, isShellNavigation } from './sw-logic.ts';

describe('service worker decisions', () => {
  it('answers page loads of the phone app only, never the API', () => {
    expect(isShellNavigation('/m/')).toBe(true);
    expect(isShellNavigation('/m/orders/123')).toBe(true);
    expect(isShellNavigation('/')).toBe(false);
    expect(isShellNavigation('/messages')).toBe(false);
    expect(isApiPath('/api/requests')).toBe(true);
    expect(isApiPath('/apiary')).toBe(false);
  });

  it('turns a push payload into a lasting alert that opens its page', () => {
    const alert = alertForPush(
      {
        kind: 'order',
        title: '新任务',
        body: '杨梅 · 盗窃',
        url: '/m/orders/abc',
        tag: 'request-abc',
        incidentId: 'J1',
        at: '2026-12-06T09:00:00+08:00',
      },
      '/icon-192.png',
    );
    expect(alert).toEqual({
      title: '新任务',
      options: {
        body: '杨梅 · 盗窃',
        tag: 'request-abc',
        data: { url: '/m/orders/abc' },
        requireInteraction: true,
        icon: '/icon-192.png',
      },
    });
  });

  it('still alerts for a malformed payload, and never opens another origin', () => {
    expect(alertForPush(null, '/i.png').title).toBe('融汇外勤');
    expect(alertForPush({ title: 'x', url: 'https://elsewhere.example/' }, '/i.png').options.data.url).toBe(
      '/m/',
    );
    expect(alertForPush({ title: 'x', url: '//elsewhere.example/' }, '/i.png').options.data.url).toBe('/m/');
  });
});
