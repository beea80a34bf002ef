import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, shotsDir, signIn, watchedPage } from '../../../test/support/browser.ts';
import { hasChromium } from '../../../test/support/env.ts';
import { startTestServer } from '../../../test/support/server.ts';

describe.skipIf(!hasChromium())('grid governance page (网格治理)', () => {
  let server: { url: string; close(): Promise<void> };
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startTestServer();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('draws both grid layers, shows the 1+2+N figures and the roster of a clicked grid', async () => {
    const { page, pageErrors, foreignRequests } = await watchedPage(browser, server.url, {
      width: 1600,
      height: 900,
    });
    await signIn(page, server.url, 'commander');
    await page.getByTestId('side-menu').getByText('网格治理').click();
    await page.waitForURL(`${server.url}/grid`);

    // The county's figures, computed from the roster rows.
    const summary = page.getByTestId('grid-summary');
    await summary.waitFor({ timeout: 60_000 });
    const text = await summary.textContent();
    for (const figure of ['警务助理', '250', '专职网格员', '619', '兼职网格员', '1,581', '社区民警', '45'])
      expect(text).toContain(figure);

    const map = page.locator('[data-testid=grid-map][data-map-state=idle]');
    await map.waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => {
      const el = document.querySelector<HTMLElement>('[data-testid=grid-map]');
      return Number(el?.dataset.policeRendered) > 0 && Number(el?.dataset.communityRendered) > 0;
    });
    await page.screenshot({ path: `${shotsDir}/grid-layers.png` });

    // A click on the map picks the community grid there and lists its people, masked.
    const box = (await page.getByTestId('grid-map').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const roster = page.getByTestId('grid-roster');
    await roster.waitFor({ timeout: 30_000 });
    await roster.getByTestId('roster-row').first().waitFor();
    const rows = await roster.getByTestId('roster-row').allInnerTexts();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.join('\n')).toMatch(/专职网格员|兼职网格员|社区民警|警务助理/);
    expect(rows.join('\n')).toMatch(/1\d\d\*{4}\d{4}/);
    expect(await page.getByTestId('grid-detail').textContent()).toMatch(/社区网格|警务网格/);

    // Reveal a phone with a reason.
    await roster.getByRole('button', { name: '查看完整信息' }).first().click();
    await page.getByTestId('reveal-reason').fill('联系网格员核实警情');
    await page.getByTestId('reveal-submit').click();
    await expect
      .poll(
        async () =>
          (await page
            .getByTestId('revealed-value')
            .textContent()
            .catch(() => '')) ?? '',
      )
      .toMatch(/1\d{10}/);
    await page.screenshot({ path: `${shotsDir}/grid-reveal.png` });
    await page.keyboard.press('Escape');

    // Community layer off: only the police grids remain drawn.
    await page.getByTestId('toggle-community').click();
    await page.waitForFunction(
      () => document.querySelector<HTMLElement>('[data-testid=grid-map]')?.dataset.communityRendered === '0',
    );
    await page.screenshot({ path: `${shotsDir}/grid-police-only.png` });
    expect(pageErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
  }, 240_000);
});
