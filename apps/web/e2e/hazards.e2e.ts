import type { GeoJSON } from '@ronghui/geo';
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
import { apiAs, pointInside } from './api-support.ts';
import { device, expectFitsWidth, phone, signInOnPhone } from './phone-support.ts';

const DESCRIPTION = '村道旁配电箱门损坏，电线外露';

describe.skipIf(!hasChromium())('a hazard reported offline from a grid worker’s phone (隐患)', () => {
  let server: { url: string; close(): Promise<void> };
  let browser: Browser;
  let worker: APIRequestContext;
  let station: APIRequestContext;
  let phonePage: WatchedPage;
  let desk: WatchedPage;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    worker = await apiAs(server.url, 'grid-worker');
    station = await apiAs(server.url, 'officer-yangmei');
  }, 180_000);

  afterAll(async () => {
    await worker?.dispose();
    await station?.dispose();
    await phonePage?.context.close();
    await desk?.context.close();
    await browser?.close();
    await server?.close();
  });

  const shot = (page: Page, name: string) => page.screenshot({ path: `${shotsDir}/hazards-${name}.png` });

  it('queues the report and its photo while offline, sends each exactly once, and the station sees it live', async () => {
    // The grid worker stands inside their own grid.
    const me = (await (await worker.get('/api/auth/me')).json()) as { scope: { orgId: string } };
    const orgs = (await (await worker.get('/api/orgs/geojson')).json()) as {
      features: { properties: { id: string }; geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon }[];
    };
    const grid = orgs.features.find((f) => f.properties.id === me.scope.orgId);
    expect(grid, 'the grid worker’s grid on the map').toBeTruthy();
    const gps = pointInside(grid!.geometry);

    // The station's desk: the 隐患 page, open before anything is reported.
    desk = await watchedPage(browser, server.url, { width: 1366, height: 900 });
    await signIn(desk.page, server.url, 'officer-yangmei');
    await desk.page.getByTestId('side-menu').getByText('隐患').click();
    await desk.page.waitForURL(`${server.url}/hazards`);
    await desk.page
      .locator('[data-testid=hazard-map][data-map-state=idle]')
      .waitFor({ timeout: 60_000 })
      .catch(async (error: unknown) => {
        await shot(desk.page, '0-desk-failed');
        throw new Error(`${String(error)}\npage errors: ${desk.pageErrors.join('; ')}`);
      });
    await desk.page.locator('[data-testid=live-state][data-state=open]').waitFor({ timeout: 30_000 });
    const rowsBefore = await desk.page.getByTestId('hazard-row').count();

    // The phone.
    phonePage = await watchedPage(browser, server.url, phone, device);
    await phonePage.context.grantPermissions(['geolocation'], { origin: server.url });
    await phonePage.context.setGeolocation({ longitude: gps.lon, latitude: gps.lat, accuracy: 10 });
    const page = phonePage.page;
    await signInOnPhone(page, server.url, 'grid-worker');
    // 我的网格 is the grid worker's first tab; 隐患 is the next.
    await page.waitForURL(/\/m\/grid/);
    await page.getByTestId('mobile-tab-hazards').click();
    await page.waitForURL(/\/m\/hazards/);
    await expect.poll(() => page.getByTestId('hazard-position').textContent()).toContain('已定位');
    const photo = await page.screenshot({ type: 'png' });
    await shot(page, '1-phone-390');
    await expectFitsWidth(page, 'hazards at 390');

    await phonePage.context.setOffline(true);
    await page.getByTestId('hazard-kind').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '燃气电力' }).click();
    await page.getByTestId('hazard-description').fill(DESCRIPTION);
    await page.getByTestId('hazard-photo-input').setInputFiles({
      name: 'hazard.png',
      mimeType: 'image/png',
      buffer: photo,
    });
    await expect.poll(() => page.getByTestId('hazard-photo').textContent()).toContain('1');
    await page.getByTestId('hazard-submit').click();
    await expect.poll(() => page.getByTestId('hazard-waiting').count()).toBe(2);
    expect(await page.getByTestId('hazard-waiting').first().textContent()).toContain('待发送');
    await shot(page, '2-offline-queued-390');

    const mine = async () =>
      (
        (await (await worker.get('/api/hazards?mine=true')).json()) as {
          items: { id: string; description: string; photoCount: number; number: string }[];
        }
      ).items.filter((h) => h.description === DESCRIPTION);
    expect(await mine()).toHaveLength(0);

    await phonePage.context.setOffline(false);
    await expect.poll(() => page.getByTestId('hazard-waiting').count(), { timeout: 60_000 }).toBe(0);
    await expect.poll(async () => (await mine()).length, { timeout: 30_000 }).toBe(1);
    const [sent] = await mine();
    expect(sent!.photoCount).toBe(1);
    const detail = (await (await station.get(`/api/hazards/${sent!.id}`)).json()) as {
      kind: string;
      grid: { id: string } | null;
      photos: { contentType: string; sizeBytes: number }[];
      timeline: { kind: string }[];
    };
    expect(detail.kind).toBe('gas-electric');
    expect(detail.grid?.id).toBe(me.scope.orgId);
    expect(detail.photos).toHaveLength(1);
    expect(detail.photos[0]!.contentType).toBe('image/jpeg');
    expect(detail.timeline.map((e) => e.kind)).toEqual(['created', 'photo']);
    await page.getByTestId('hazard-item').filter({ hasText: sent!.number }).waitFor({ timeout: 30_000 });
    await shot(page, '3-sent-390');

    // The station's desk shows it without a reload: in the list and on the map.
    await expect
      .poll(() => desk.page.getByTestId('hazard-row').count(), { timeout: 30_000 })
      .toBe(rowsBefore + 1);
    await desk.page.getByTestId('hazard-row').filter({ hasText: sent!.number }).click();
    await desk.page.getByTestId('hazard-detail').getByText(DESCRIPTION).waitFor();
    await desk.page.getByTestId('hazard-photos').locator('img').first().waitFor();
    await shot(desk.page, '4-station-desk-1366');

    // The station registers it; the phone's list follows.
    await desk.page.getByTestId('hazard-action-register').click();
    await desk.page
      .locator('.ant-modal')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await expect
      .poll(
        async () =>
          ((await (await station.get(`/api/hazards/${sent!.id}`)).json()) as { status: string }).status,
      )
      .toBe('registered');
    await shot(desk.page, '5-registered-1366');

    // A reload shows one hazard and one photo: nothing was sent twice.
    await page.reload();
    await page.getByTestId('hazard-item').filter({ hasText: sent!.number }).waitFor({ timeout: 30_000 });
    expect(await mine()).toHaveLength(1);
    expect((await mine())[0]!.photoCount).toBe(1);
    for (const w of [phonePage, desk]) {
      expect(w.pageErrors).toEqual([]);
      expect(w.foreignRequests).toEqual([]);
    }
    // The phone app is held to the Content-Security-Policy as the other phone tests hold it.
    expect(phonePage.cspViolations).toEqual([]);
  });
});
