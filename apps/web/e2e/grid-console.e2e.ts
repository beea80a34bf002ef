import type { GeoJSON } from '@ronghui/geo';
import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchBrowser,
  openConsole,
  shotsDir,
  signIn,
  type WatchedPage,
  watchedPage,
} from '../../../test/support/browser.ts';
import { hasChromium } from '../../../test/support/env.ts';
import { startTestServer } from '../../../test/support/server.ts';
import { apiAs, pointInside } from './api-support.ts';

const shot = (page: Page, name: string) => page.screenshot({ path: `${shotsDir}/grid-console-${name}.png` });

/** A number the map element counts (`data-hazards`, `data-disputes`), or -1 before it is counted. */
const counted = (page: Page, name: string) =>
  page
    .getByTestId('dispatch-map')
    .getAttribute(`data-${name}`)
    .then((v) => (v === null ? -1 : Number(v)));

/** The message antd shows under the form field of the input `testId`, once there is one. */
async function fieldError(page: Page, testId: string): Promise<string> {
  const item = page.locator('.ant-form-item-has-error', { has: page.getByTestId(testId) });
  await item.locator('.ant-form-item-explain-error').waitFor({ timeout: 30_000 });
  return (await item.textContent()) ?? '';
}

describe.skipIf(!hasChromium())(
  'grid governance in the console: the command map, red disputes, rosters',
  () => {
    let server: { url: string; close(): Promise<void> };
    let browser: Browser;
    let worker: APIRequestContext;
    let gridId: string;
    let gps: { lon: number; lat: number };
    const pages: WatchedPage[] = [];

    beforeAll(async () => {
      server = await startTestServer();
      browser = await launchBrowser();
      worker = await apiAs(server.url, 'grid-worker');
      const me = (await (await worker.get('/api/auth/me')).json()) as { scope: { orgId: string } };
      gridId = me.scope.orgId;
      const orgs = (await (await worker.get('/api/orgs/geojson')).json()) as {
        features: { properties: { id: string }; geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon }[];
      };
      gps = pointInside(orgs.features.find((f) => f.properties.id === gridId)!.geometry);
    }, 300_000);

    afterAll(async () => {
      for (const p of pages) await p.context.close();
      await worker?.dispose();
      await browser?.close();
      await server?.close();
    });

    async function open(username: string, viewport = { width: 1600, height: 1000 }): Promise<WatchedPage> {
      const w = await watchedPage(browser, server.url, viewport);
      pages.push(w);
      await signIn(w.page, server.url, username);
      return w;
    }

    const report = async (kind: string, at: { lon: number; lat: number }) => {
      const res = await worker.post('/api/hazards', {
        data: { kind, description: '配电箱门损坏，电线外露', location: at },
      });
      expect(res.status(), await res.text()).toBe(201);
      return (await res.json()) as { id: string; number: string };
    };

    const registerRed = async (at?: { lon: number; lat: number }) => {
      const res = await worker.post('/api/disputes', {
        data: {
          kind: 'land-forest',
          risk: 'red',
          description: '两村村民因山林权属争执，双方聚集',
          gridId,
          ...(at ? { location: at } : {}),
          parties: [
            { name: '陈大爷', phone: '13859512368' },
            { name: '刘大妈', phone: '13905951247' },
          ],
          mediators: [{ name: '郑汀煌', role: 'grid-worker' }],
        },
      });
      expect(res.status(), await res.text()).toBe(201);
      return (await res.json()) as { id: string; number: string };
    };

    it('shows the station’s open hazards and red disputes on the command map, live, and announces a red dispute there', async () => {
      const first = await report('gas-electric', gps);
      // The station registers it: it gets its deadline.
      const station = await apiAs(server.url, 'officer-yangmei');
      const registered = await station.post(`/api/hazards/${first.id}/steps`, {
        data: { action: 'register' },
      });
      expect(registered.status(), await registered.text()).toBe(200);
      await station.dispose();
      const w = await open('officer-yangmei');
      const { page } = w;
      await openConsole(page, server.url);
      await page.waitForFunction(
        () => Number(document.querySelector('[data-testid=dispatch-map]')?.getAttribute('data-hazards')) >= 1,
        undefined,
        { timeout: 60_000 },
      );
      const hazardsBefore = await counted(page, 'hazards');
      await page.waitForFunction(() =>
        document.querySelector('[data-testid=dispatch-map]')?.hasAttribute('data-disputes'),
      );
      const disputesBefore = await counted(page, 'disputes');

      // A second report arrives live (hazard.changed): one more dot without a reload.
      await report('fire', { lon: gps.lon + 0.004, lat: gps.lat });
      await expect.poll(() => counted(page, 'hazards'), { timeout: 30_000 }).toBe(hazardsBefore + 1);

      // The layer switches off and on like the others.
      const layers = page.getByTestId('layer-switcher');
      await layers.getByText('隐患', { exact: true }).click();
      await expect.poll(() => counted(page, 'hazards'), { timeout: 30_000 }).toBe(0);
      await layers.getByText('隐患', { exact: true }).click();
      await expect.poll(() => counted(page, 'hazards'), { timeout: 30_000 }).toBe(hazardsBefore + 1);
      expect(await page.getByTestId('hazard-legend').textContent()).toContain('已上报');

      // Another user registers a red dispute: the station user hears of it here, on the command map.
      const red = await registerRed({ lon: gps.lon - 0.004, lat: gps.lat });
      const notice = page.locator(`[data-testid=dispute-alert][data-dispute="${red.id}"]`);
      await notice.waitFor({ timeout: 30_000 });
      expect(await page.locator('.ant-notification-notice').textContent()).toContain(red.number);
      await expect.poll(() => counted(page, 'disputes'), { timeout: 30_000 }).toBe(disputesBefore + 1);
      await shot(page, '1-dispatch-hazards-dispute-notice');

      // Centred on the first hazard (an intake link's point), a click there opens its popup and its page.
      await page.goto(`${server.url}/dispatch?lon=${gps.lon}&lat=${gps.lat}`);
      await page.locator('[data-testid=dispatch-map][data-map-state=idle]').waitFor({ timeout: 60_000 });
      const popup = page.getByTestId('hazard-popup');
      const map = page.getByTestId('dispatch-map');
      for (let attempt = 0; attempt < 10 && !(await popup.isVisible()); attempt++) {
        // Wait for the ease to the point to finish, then try.
        await page.waitForTimeout(1500);
        const box = (await map.boundingBox())!;
        await map.click({ position: { x: box.width / 2, y: box.height / 2 } });
        await page.waitForTimeout(500);
      }
      const text = (await popup.textContent()) ?? '';
      expect(text).toContain(first.number);
      expect(text).toContain('燃气电力');
      expect(text).toContain('已登记');
      expect(text).toMatch(/办结时限：\d{4}-\d\d-\d\d \d\d:\d\d/);
      await shot(page, '2-hazard-popup');
      await page.getByTestId('hazard-popup-link').click();
      await page.waitForURL(`${server.url}/hazards?id=${first.id}`);
      await page.getByTestId('hazard-detail').getByText(first.number).waitFor({ timeout: 30_000 });

      expect(w.pageErrors, w.pageErrors.join('\n')).toEqual([]);
      expect(w.foreignRequests).toEqual([]);
    }, 300_000);

    it('announces a red dispute once on the disputes page, and reveals a party’s phone with a reason', async () => {
      const w = await open('officer-yangmei');
      const { page } = w;
      await page.getByTestId('side-menu').getByText('矛盾纠纷').click();
      await page.waitForURL(`${server.url}/disputes`);
      await page.getByTestId('dispute-link').first().waitFor({ timeout: 60_000 });
      // Both the shell's watcher and the page's own channel are open before the dispute is registered.
      await page.waitForTimeout(2000);

      const red = await registerRed();
      const notice = page.locator(`[data-testid=dispute-alert][data-dispute="${red.id}"]`);
      await notice.waitFor({ timeout: 30_000 });
      await page.waitForTimeout(1000);
      expect(await page.locator('[data-testid=dispute-alert]').count()).toBe(1);
      await page
        .locator('.ant-notification-notice')
        .getByRole('button', { name: /查\s*看/ })
        .click();
      const detail = page.getByTestId('dispute-detail');
      await detail.waitFor({ timeout: 30_000 });
      await expect.poll(() => page.locator('.ant-notification-notice').count()).toBe(0);

      // The reason typed into the dialog is the one sent (and audited).
      await detail.getByTestId('dispute-party').first().getByText('138****2368').click();
      await page.getByTestId('dispute-reveal-reason').fill('制作调解协议核对联系方式');
      await shot(page, '3-dispute-reveal');
      await page.getByTestId('dispute-reveal-submit').click();
      await detail.getByTestId('dispute-party').first().getByText('13859512368').waitFor({ timeout: 30_000 });
      const audit = await apiAs(server.url, 'auditor');
      const trail = (await (
        await audit.get('/api/audit', { params: { action: 'personal.unmask' } })
      ).json()) as {
        items: { reason: string | null }[];
      };
      expect(trail.items.map((e) => e.reason)).toContain('制作调解协议核对联系方式');
      await audit.dispose();

      expect(w.pageErrors, w.pageErrors.join('\n')).toEqual([]);
    }, 240_000);

    it('appoints someone to a grid and ends the appointment on /grid, with the server’s messages at the fields', async () => {
      const w = await open('commander');
      const { page } = w;
      await page.getByTestId('side-menu').getByText('网格治理').click();
      await page.waitForURL(`${server.url}/grid`);
      await page.locator('[data-testid=grid-map][data-map-state=idle]').waitFor({ timeout: 60_000 });
      const box = (await page.getByTestId('grid-map').boundingBox())!;
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      const roster = page.getByTestId('grid-roster');
      await roster.getByTestId('roster-row').first().waitFor({ timeout: 30_000 });
      const before = await roster.getByTestId('roster-row').count();

      await roster.getByTestId('roster-appoint').click();
      const form = page.getByTestId('appoint-form');
      await form.waitFor();
      await page.getByTestId('appoint-role').click();
      await page
        .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '村干部' })
        .click();
      await page.getByTestId('appoint-name').fill('林春梅');
      await page.getByTestId('appoint-phone').fill('12345');
      await page.getByTestId('appoint-submit').click();
      // The server's problem+json names body/phone: its message sits under the phone field.
      expect(await fieldError(page, 'appoint-phone')).toContain('landline number (0595-23521234)');
      await shot(page, '4-appoint-field-error');
      await page.getByTestId('appoint-phone').fill('13905958866');
      await page.getByTestId('appoint-submit').click();
      await form.waitFor({ state: 'detached', timeout: 30_000 });
      await expect.poll(() => roster.getByTestId('roster-row').count(), { timeout: 30_000 }).toBe(before + 1);
      const appointed = roster.getByTestId('roster-row').filter({ hasText: '村干部' });
      expect(await appointed.count()).toBe(1);
      expect(await appointed.textContent()).toContain('139****8866');

      // Ending it: a last day before the start is refused at the field, then it ends with its reason.
      await appointed.getByTestId('roster-end').click();
      const end = page.getByTestId('end-form');
      await page.getByTestId('end-ends-on').fill('2020-01-01');
      await page.getByTestId('end-reason').fill('调任');
      await page.getByTestId('end-submit').click();
      expect(await fieldError(page, 'end-ends-on')).toContain('must not be before the start');
      await shot(page, '5-end-field-error');
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
      await page.getByTestId('end-ends-on').fill(today);
      await page.getByTestId('end-submit').click();
      await end.waitFor({ state: 'detached', timeout: 30_000 });
      await expect.poll(() => roster.getByTestId('roster-row').filter({ hasText: '村干部' }).count()).toBe(0);

      // The history keeps it, with its days and the reason.
      await roster.getByTestId('roster-history').click();
      const ended = roster.getByTestId('roster-row').filter({ hasText: '村干部' });
      await ended.waitFor({ timeout: 30_000 });
      expect(await ended.getAttribute('data-current')).toBe('false');
      expect(await ended.textContent()).toContain(`${today} ~ ${today}`);
      expect(await ended.textContent()).toContain('离任原因：调任');
      await shot(page, '6-roster-history');

      // The forms in English.
      await page.getByText('English', { exact: true }).click();
      await roster.getByTestId('roster-appoint').click();
      await page.getByTestId('appoint-form').getByText('Serves from').waitFor();
      await shot(page, '7-appoint-en');
      await page.keyboard.press('Escape');

      expect(w.pageErrors, w.pageErrors.join('\n')).toEqual([]);
    }, 240_000);
  },
);
