import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchBrowser,
  shotsDir,
  signIn,
  type WatchedPage,
  watchedPage,
} from '../../../test/support/browser.ts';
import { hasChromium } from '../../../test/support/env.ts';
import { startTestServer } from '../../../test/support/server.ts';
import { apiAs } from './api-support.ts';
import { device, phone, signInOnPhone } from './phone-support.ts';

const VOLUNTEERS = [1, 2, 3, 4].map((i) => `volunteer-shangyong-${i}`);
const ADDRESS = '上涌镇曾坂古村落';
/** A few tens of metres around the place, each a little apart. */
const OFFSETS: [number, number][] = [
  [0.0003, 0],
  [-0.0003, 0],
  [0, 0.0003],
  [0, -0.0004],
];

/**
 * 一呼百应 at 曾坂古村落 (上涌镇): the command room calls three volunteers to an incident; four phones are
 * alerted (the fourth when the call widens); three accept and see the address, the fourth is told the call
 * is filled; the console, the command map and the big screen show it.
 */
describe.skipIf(!hasChromium())(
  '一呼百应: four volunteer phones answer a call for three at 曾坂古村落',
  () => {
    let server: { url: string; close(): Promise<void> };
    let browser: Browser;
    let dispatcherApi: APIRequestContext;
    const apis: APIRequestContext[] = [];
    const phones: WatchedPage[] = [];
    let desk: WatchedPage | undefined;
    let incidentId: string;
    let incidentNumber: string;
    let calloutId: string;
    let place: { lon: number; lat: number };

    const shot = (page: Page, name: string) => page.screenshot({ path: `${shotsDir}/callouts-${name}.png` });

    beforeAll(async () => {
      // The call widens after 5 s without enough acceptances: the fourth phone is alerted in the second wave.
      server = await startTestServer({ env: { CALLOUT_WIDEN_SECONDS: '5' } });
      browser = await launchBrowser();
      dispatcherApi = await apiAs(server.url, 'dispatcher');
    }, 240_000);
    afterAll(async () => {
      for (const a of apis) await a.dispose();
      await dispatcherApi?.dispose();
      for (const p of phones) await p.context.close();
      await desk?.context.close();
      await browser?.close();
      await server?.close();
    });

    it('alerts four phones full screen, without the address; three accept and see it; the fourth is told 已满员', async () => {
      const created = await dispatcherApi.post('/api/incidents', {
        data: {
          source: '110',
          category: '求助',
          priority: 2,
          description: '曾坂古村落有游客落水，报警人电话13905951234，在古厝前等候',
          address: ADDRESS,
          caller: { name: '陈来电', phone: '13905951234' },
        },
      });
      expect(created.status(), await created.text()).toBe(201);
      const incident = (await created.json()) as {
        id: string;
        number: string;
        location: { lon: number; lat: number; address: string | null };
      };
      incidentId = incident.id;
      incidentNumber = incident.number;
      place = { lon: incident.location.lon, lat: incident.location.lat };

      // The four volunteers: on duty, consenting, at their phones a few tens of metres from the place.
      for (const [i, username] of VOLUNTEERS.entries()) {
        const api = await apiAs(server.url, username);
        apis.push(api);
        expect((await api.put('/api/volunteers/me/duty', { data: { onDuty: true } })).status()).toBe(200);
        expect((await api.put('/api/volunteers/me/consent', { data: { location: true } })).status()).toBe(
          200,
        );
        const at = { lon: place.lon + OFFSETS[i]![0], lat: place.lat + OFFSETS[i]![1] };
        const stored = await api.put('/api/volunteers/me/position', { data: { ...at, accuracyM: 10 } });
        expect(stored.status(), await stored.text()).toBe(200);
        const watched = await watchedPage(browser, server.url, phone, device);
        await watched.context.grantPermissions(['geolocation'], { origin: server.url });
        await watched.context.setGeolocation({ longitude: at.lon, latitude: at.lat, accuracy: 10 });
        phones.push(watched);
        await signInOnPhone(watched.page, server.url, username);
        await watched.page.getByTestId('mobile-tab-callouts').waitFor();
      }

      // The demo's own volunteers on duty around the village would be as near as the four: the command room
      // marks them unvetted for this call, so the four phones are the ones a call for three reaches.
      const mine = new Set<string>();
      for (const api of apis)
        mine.add(((await (await api.get('/api/volunteers/me')).json()) as { id: string }).id);
      const d = 0.05;
      const around = await dispatcherApi.get(
        `/api/volunteers/positions?bbox=${place.lon - d},${place.lat - d},${place.lon + d},${place.lat + d}`,
      );
      expect(around.status(), await around.text()).toBe(200);
      for (const v of ((await around.json()) as { items: { volunteerId: string }[] }).items) {
        if (mine.has(v.volunteerId)) continue;
        const res = await dispatcherApi.patch(`/api/volunteers/members/${v.volunteerId}`, {
          data: { vetting: 'unvetted' },
        });
        expect(res.status(), await res.text()).toBe(200);
      }
      // And the four are vetted (the demo draws vetting at random).
      for (const id of mine) {
        const res = await dispatcherApi.patch(`/api/volunteers/members/${id}`, {
          data: { vetting: 'basic' },
        });
        expect(res.status(), await res.text()).toBe(200);
      }

      const raised = await dispatcherApi.post(`/api/incidents/${incidentId}/callouts`, {
        data: { needed: 3 },
      });
      expect(raised.status(), await raised.text()).toBe(201);
      calloutId = ((await raised.json()) as { id: string }).id;

      // Every phone fills its screen with the call: kind, rough area, road ETA, skills; never the address.
      for (const [i, p] of phones.entries()) {
        const alert = p.page.getByTestId('callout-alert');
        try {
          await alert.waitFor({ timeout: 60_000 });
        } catch (error) {
          await shot(p.page, `phone-${i + 1}-no-alert`);
          throw error;
        }
        expect(await alert.getAttribute('data-id')).toBe(calloutId);
        const text = (await alert.textContent()) ?? '';
        expect(text).toContain('附近');
        expect(text).toMatch(/路程约 .+，约 \d+ 分钟/);
        expect(text).toContain('所需技能');
        expect(text).not.toContain('古厝');
        expect(text).not.toContain('13905951234');
        expect(text).not.toContain('落水');
      }
      await phones[0]!.page.waitForTimeout(500);
      await shot(phones[0]!.page, 'phone-alert');

      // The fourth answers without a network: the accept waits in the outbox while the other three accept.
      const last = phones[3]!;
      await last.context.setOffline(true);
      await last.page.getByTestId('callout-accept').click();
      await last.page.getByTestId('callout-alert').waitFor({ state: 'hidden' });
      await last.page.getByTestId('callout-sending').waitFor();

      for (const p of phones.slice(0, 3)) {
        await p.page.getByTestId('callout-accept').click();
        const address = p.page.getByTestId('callout-address');
        await address.waitFor({ timeout: 30_000 });
        expect(await address.textContent()).toContain('曾坂');
        const details = (await p.page.getByTestId('callout-description').textContent()) ?? '';
        expect(details).toContain('落水');
        expect(details).toContain('139****1234');
        expect(details).not.toContain('13905951234');
        expect(await p.page.getByTestId('callout-state').first().textContent()).toBe('已接受');
      }
      const first = phones[0]!.page;
      await first.locator('[data-testid=mobile-route-map][data-route=shown]').waitFor({ timeout: 60_000 });
      await first.getByTestId('callout-route-eta').waitFor();
      await first.waitForTimeout(800);
      await shot(first, 'phone-accepted');

      // Back online, the fourth's accept is refused as filled: told plainly, and not sent again.
      await last.context.setOffline(false);
      const filled = last.page.getByTestId('callout-filled');
      await filled.waitFor({ timeout: 60_000 });
      expect(await filled.getAttribute('data-kind')).toBe('filled');
      expect(await filled.textContent()).toContain('已满员，感谢响应');
      await shot(last.page, 'phone-filled');
      await filled.getByTestId('callout-filled-ok').click();
      await filled.waitFor({ state: 'hidden' });
      await expect
        .poll(async () => last.page.getByTestId('callout-state').first().textContent())
        .toBe('已满员');
      const refused = await last.page.evaluate(
        () => document.querySelectorAll('[data-testid=callout-filled]').length,
      );
      expect(refused).toBe(0);

      const answer = (await (await dispatcherApi.get(`/api/callouts/${calloutId}`)).json()) as {
        status: string;
        accepted: number;
        candidates: { state: string }[];
      };
      expect(answer).toMatchObject({ status: 'filled', accepted: 3 });
      expect(answer.candidates.length).toBeGreaterThanOrEqual(4);
      for (const p of phones) expect(p.pageErrors).toEqual([]);
    }, 420_000);

    it('shows the call-out filled on the console, the volunteers on the command map, and the big-screen panel', async () => {
      desk = await watchedPage(browser, server.url, { width: 1600, height: 900 });
      const page = desk.page;
      await signIn(page, server.url, 'dispatcher');
      await page.goto(`${server.url}/dispatch`);
      await page.locator('[data-testid=dispatch-map][data-map-state=idle]').waitFor({ timeout: 90_000 });
      await page
        .getByTestId('dispatch-map-frame')
        .getByRole('combobox')
        .first()
        .fill(incidentNumber.slice(-9));
      await page.locator('.ant-select-item-option').filter({ hasText: incidentNumber }).first().click();
      await page.getByTestId('incident-panel').waitFor();
      const card = page.getByTestId('callout-card').first();
      await card.waitFor({ timeout: 30_000 });
      await expect.poll(async () => card.textContent(), { timeout: 30_000 }).toContain('已满员');
      expect(await card.textContent()).toContain('3/3');

      // The volunteers layer: the four on duty (and the county's others) at their live positions.
      await expect
        .poll(
          async () => Number(await page.getByTestId('dispatch-map').getAttribute('data-volunteers')) || 0,
          { timeout: 60_000 },
        )
        .toBeGreaterThanOrEqual(1);
      await page.getByTestId('callout-legend').waitFor();
      await page.waitForTimeout(800);
      await shot(page, 'command-map');

      // A new open call nearby: the call-out layer draws its place, ring and recipients.
      const second = await dispatcherApi.post('/api/callouts', {
        data: { needed: 2, location: place, description: '古村落巷道需要疏导游客', expiresInMinutes: 30 },
      });
      expect(second.status(), await second.text()).toBe(201);
      await expect
        .poll(async () => Number(await page.getByTestId('dispatch-map').getAttribute('data-callouts')) || 0, {
          timeout: 60_000,
        })
        .toBeGreaterThanOrEqual(1);
      await page.waitForTimeout(800);
      await shot(page, 'command-map-open-callout');

      await page.goto(`${server.url}/bigscreen`);
      const panel = page.getByTestId('bigscreen-volunteers');
      await panel.waitFor({ timeout: 60_000 });
      expect(
        Number(
          await page
            .getByTestId('bs-vol-members')
            .textContent()
            .then((s) => s?.replace(/,/g, '')),
        ),
      ).toBeGreaterThan(100);
      await expect.poll(async () => page.getByTestId('bs-vol-open-callouts').textContent()).toBe('1');
      await page.locator('[data-testid=bigscreen-map][data-map-state=idle]').waitFor({ timeout: 60_000 });
      await page.waitForTimeout(1500);
      await shot(page, 'bigscreen');
      expect(desk.pageErrors).toEqual([]);
    }, 300_000);
  },
);
