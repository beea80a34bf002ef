import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium } from '../../../test/support/env.ts';
import { launchBrowser, shotsDir, signIn, watchedPage } from '../../../test/support/browser.ts';
import { startTestServer } from '../../../test/support/server.ts';

const shots = shotsDir;

describe.skipIf(!hasChromium())('intelligence analysis workbench', () => {
  let server: { url: string; close(): Promise<void> };
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows an analyst hotspots, link candidates, a series, Knox and the heat table, then a report', async () => {
    const watched = await watchedPage(browser, server.url, { width: 1600, height: 1000 });
    const { page, context, pageErrors, foreignRequests: foreign } = watched;
    await signIn(page, server.url, 'analyst');
    await page.getByTestId('side-menu').getByText('研判分析').click();
    await page.waitForURL(`${server.url}/intel`);

    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid=intel-map]')?.getAttribute('data-hotspot-cells')) > 0,
      undefined,
      { timeout: 60_000 },
    );
    const map = page.getByTestId('intel-map');
    expect(Number(await map.getAttribute('data-crime-points'))).toBeGreaterThan(10);
    expect(await page.getByTestId('intel-forecast').textContent()).toMatch(/PAI \d/);
    await page.getByTestId('intel-knox').getByText('[1,200)').waitFor();
    await page.locator('[data-testid=intel-heat] canvas').first().waitFor();
    await page.screenshot({ path: `${shots}/intel-workbench-1600.png` });

    await page.getByLabel('案件编号').fill('DH-M006');
    await page.getByLabel('案件编号').press('Enter');
    const candidates = page.getByTestId('intel-candidates');
    await candidates.getByText('DH-M008').waitFor({ timeout: 30_000 });
    expect(await candidates.textContent()).toContain('戴口罩');
    await page.screenshot({ path: `${shots}/intel-candidates-1600.png` });

    await page.getByRole('button', { name: /以此案及勾选的候选生成系列/ }).click();
    const timeline = page.getByTestId('intel-series-timeline');
    await timeline.waitFor({ timeout: 30_000 });
    expect(await timeline.textContent()).toContain('DH-M006');
    await page.waitForSelector('[data-testid=intel-map][data-map-state=idle]');
    await page.screenshot({ path: `${shots}/intel-series-1600.png` });

    await page.getByRole('button', { name: '生成研判报告' }).click();
    await page.getByTestId('intel-report').waitFor({ timeout: 60_000 });
    expect(await page.getByLabel('六、防控建议').inputValue()).toContain('巡逻时段');
    await page.screenshot({ path: `${shots}/intel-report-editor-1600.png`, fullPage: true });

    await page.getByText('← 返回工作台').click();
    await page.getByText('English', { exact: true }).click();
    await page.getByText('Analysis workbench').waitFor();
    await page.getByText('Link candidates').waitFor();
    await page.waitForSelector('[data-testid=intel-map][data-map-state=idle]');
    await page.screenshot({ path: `${shots}/intel-workbench-en-1600.png` });

    expect(pageErrors, pageErrors.join('\n')).toEqual([]);
    expect(foreign).toEqual([]);
    await context.close();
  }, 180_000);
});
