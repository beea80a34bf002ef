import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, shotsDir, signIn, watchedPage } from '../../../test/support/browser.ts';
import { hasChromium } from '../../../test/support/env.ts';
import { startTestServer } from '../../../test/support/server.ts';
import { apiAs } from './api-support.ts';

interface Device {
  id: string;
  name: string;
  kind: string;
  sectionId: string | null;
}
interface Sign {
  id: string;
  sectionId: string | null;
  text: string;
  source: string;
}

const OVERRIDE = '前方施工 减速慢行';

describe.skipIf(!hasChromium())('智慧交通: ice on the 九仙山 road shows on the page and its sign', () => {
  let server: { url: string; close(): Promise<void> };
  let browser: Browser;
  let commander: APIRequestContext;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    commander = await apiAs(server.url, 'commander');
  }, 180_000);

  afterAll(async () => {
    await commander?.dispose();
    await browser?.close();
    await server?.close();
  });

  const shot = (page: Page, name: string) => page.screenshot({ path: `${shotsDir}/traffic-${name}.png` });
  const get = async <T>(path: string) => {
    const res = await commander.get(path);
    expect(res.status(), await res.text()).toBe(200);
    return (await res.json()) as T;
  };

  it('draws sections, devices and signs; readings raise ice, the sign follows, an override comes and goes', async () => {
    const { items: devices } = await get<{ items: Device[] }>('/api/traffic/devices');
    const { items: sections } = await get<{ items: { id: string }[] }>('/api/traffic/sections');
    const surface = devices.find((d) => d.kind === 'surface' && d.name.includes('九仙山'));
    expect(surface, 'the 九仙山 road-surface sensor').toBeTruthy();
    const signsBefore = (await get<{ items: Sign[] }>('/api/traffic/signs')).items;
    const sign = signsBefore.find((s) => s.sectionId === surface!.sectionId);
    expect(sign, 'a sign on the sensor’s section').toBeTruthy();

    const { page, context, pageErrors, foreignRequests } = await watchedPage(browser, server.url, {
      width: 1600,
      height: 1000,
    });
    await signIn(page, server.url, 'commander');
    await page.getByTestId('side-menu').getByText('智慧交通').click();
    await page.waitForURL(`${server.url}/traffic`);
    const map = page.getByTestId('traffic-map');
    await page.locator('[data-testid=traffic-map][data-map-state=idle]').waitFor({ timeout: 90_000 });
    await page.locator('[data-testid=live-state][data-state=open]').waitFor({ timeout: 30_000 });
    await expect.poll(() => map.getAttribute('data-sections')).toBe(String(sections.length));
    await expect.poll(() => map.getAttribute('data-devices')).toBe(String(devices.length));

    await page.getByRole('tab', { name: /情报板/ }).click();
    await expect.poll(() => page.getByTestId('traffic-sign').count()).toBe(signsBefore.length);
    const card = page.locator(`[data-testid=traffic-sign][data-sign-id="${sign!.id}"]`);
    // Every sign is drawn as its dot matrix; a sign with a text has lit dots.
    await card.getByTestId('traffic-sign-matrix').waitFor();

    // Ice: surface −2 ℃ and friction 0.45, held for a minute.
    const now = Date.now();
    const reading = (at: number) => ({
      deviceId: surface!.id,
      at: new Date(at).toISOString(),
      surfaceTempC: -2,
      airTempC: -1,
      friction: 0.45,
    });
    const posted = await commander.post('/api/traffic/readings', {
      data: [reading(now - 90_000), reading(now - 20_000)],
    });
    expect(posted.status(), await posted.text()).toBeLessThan(300);

    await page.getByRole('tab', { name: /路况预警/ }).click();
    await page
      .locator('[data-testid=traffic-hazard][data-condition=ice]')
      .first()
      .waitFor({ timeout: 30_000 });
    // A click on the warning frames its section on the map, drawn in the warning's colour.
    await page.locator('[data-testid=traffic-hazard][data-condition=ice]').first().click();
    await page.waitForTimeout(1000);
    await page.locator('[data-testid=traffic-map][data-map-state=idle]').waitFor({ timeout: 30_000 });
    await shot(page, '0-ice-warning-zh-1600');
    await page.getByRole('tab', { name: /情报板/ }).click();
    await expect.poll(() => card.getAttribute('data-source'), { timeout: 30_000 }).toBe('hazard');
    const iceText = (await get<{ items: Sign[] }>('/api/traffic/signs')).items.find(
      (s) => s.id === sign!.id,
    )!.text;
    expect(iceText).not.toBe(sign!.text);
    await expect.poll(() => card.getByTestId('traffic-sign-text').textContent()).toBe(iceText);
    expect(Number(await card.getByTestId('traffic-sign-matrix').getAttribute('data-lit'))).toBeGreaterThan(
      50,
    );
    await shot(page, '1-ice-sign-zh-1600');

    // A dispatcher's words on the sign by hand, then back to the hazard's.
    await card.getByTestId('traffic-override-open').click();
    await card.getByTestId('traffic-override-text').fill(OVERRIDE);
    await card.getByTestId('traffic-override-reason').fill('道路施工');
    await card.getByTestId('traffic-override-save').click();
    await expect.poll(() => card.getAttribute('data-source'), { timeout: 30_000 }).toBe('override');
    await expect.poll(() => card.getByTestId('traffic-sign-text').textContent()).toBe(OVERRIDE);
    await shot(page, '2-override-zh-1600');
    await card.getByTestId('traffic-override-clear').click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await expect.poll(() => card.getAttribute('data-source'), { timeout: 30_000 }).toBe('hazard');
    await expect.poll(() => card.getByTestId('traffic-sign-text').textContent()).toBe(iceText);

    // English is complete.
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('tab', { name: /Warnings/ }).click();
    await page.locator('[data-testid=traffic-hazard][data-condition=ice]').getByText('Ice').first().waitFor();
    await page.locator('[data-testid=traffic-map][data-map-state=idle]').waitFor({ timeout: 60_000 });
    await shot(page, '3-hazards-en-1600');
    await page.getByRole('tab', { name: /Signs/ }).click();
    await shot(page, '4-signs-en-1600');

    // The command map's traffic layer shows the signs; the wall screen counts the warning.
    await page.goto(`${server.url}/dispatch`);
    await page.locator('[data-testid=dispatch-map][data-map-state=idle]').waitFor({ timeout: 90_000 });
    await expect
      .poll(async () => Number(await page.getByTestId('dispatch-map').getAttribute('data-traffic')), {
        timeout: 30_000,
      })
      .toBeGreaterThan(0);
    await page.goto(`${server.url}/bigscreen`);
    await page
      .getByTestId('bigscreen-traffic-hazard')
      .filter({ hasText: '九仙山' })
      .first()
      .waitFor({ timeout: 60_000 });
    await page.getByTestId('bigscreen-traffic-sign').waitFor();
    await shot(page, '5-bigscreen-en-1600');

    expect(pageErrors, pageErrors.join('\n')).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await context.close();
  }, 300_000);
});
