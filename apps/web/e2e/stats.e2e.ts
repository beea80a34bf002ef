import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, shotsDir, signIn, watchedPage } from '../../../test/support/browser.ts';
import { hasChromium } from '../../../test/support/env.ts';
import { startTestServer, type TestServer } from '../../../test/support/server.ts';

interface Yoy {
  year: number;
  category: string;
  count: number;
  lastYear: number;
  change: number | null;
}
interface Clearance {
  filed: number;
  solved: number;
  rate: number | null;
}

/** As the page writes them: 比降 as the size of the change (−0.191 → 19.1%), rates with up to two decimals. */
const percent = (fraction: number) => `${Number((Math.abs(fraction) * 100).toFixed(2))}%`;

const WALL = { width: 1920, height: 1080 };
const MODULE_PAGES = ['dispatch', 'grid', 'volunteers', 'traffic', 'services', 'antifraud'] as const;

/** The page fills the screen exactly: nothing scrolls and every box ends inside it. */
async function expectFitsWall(page: Page, what: string) {
  const fit = await page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    const overflowing = [
      ...document.querySelectorAll('[data-testid=bigscreen] section, [data-testid=bigscreen] main'),
    ]
      .map((e) => e.getBoundingClientRect())
      .filter((r) => r.bottom > window.innerHeight + 1 || r.right > window.innerWidth + 1).length;
    return {
      scrollHeight: root.scrollHeight,
      scrollWidth: root.scrollWidth,
      height: window.innerHeight,
      width: window.innerWidth,
      overflowing,
    };
  });
  expect(fit.scrollHeight, `${what} scrolls vertically`).toBeLessThanOrEqual(fit.height);
  expect(fit.scrollWidth, `${what} scrolls horizontally`).toBeLessThanOrEqual(fit.width);
  expect(fit.overflowing, `${what} has boxes past the screen`).toBe(0);
}

describe.skipIf(!hasChromium())('数据统计 and the leadership big screen', () => {
  let server: TestServer;
  let browser: Browser;
  const shot = (page: Page, name: string) => page.screenshot({ path: `${shotsDir}/stats-${name}.png` });

  beforeAll(async () => {
    // The 2022–2023 demo history is generated at the first start: give it time on a busy machine.
    server = await startTestServer({ timeoutMs: 300_000, env: { DEMO_STATS_HISTORY: 'on' } });
    browser = await launchBrowser();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the leader the 2023 比降 and clearance as the API computes them, and drills into one', async () => {
    const w = await watchedPage(browser, server.url, { width: 1600, height: 1000 });
    const { page } = w;
    await signIn(page, server.url, 'leader');
    const get = <T>(path: string) =>
      page.evaluate(
        (p) => fetch(p).then((r) => (r.ok ? r.json() : Promise.reject(new Error(`${p}: ${r.status}`)))),
        path,
      ) as Promise<T>;
    const yoy = {
      theft: await get<Yoy>('/api/stats/yoy?year=2023&category=theft'),
      criminal: await get<Yoy>('/api/stats/yoy?year=2023&category=criminal'),
      'public-order': await get<Yoy>('/api/stats/yoy?year=2023&category=public-order'),
    };
    const clearance = await get<Clearance>('/api/stats/clearance?year=2023&group=traditional');
    // The demo history reproduces the bureau's 2023 figures.
    expect(yoy.theft.change).toBe(-0.191);
    expect(yoy.criminal.change).toBe(-0.2628);
    expect(yoy['public-order'].change).toBe(-0.1544);
    expect(clearance.rate).toBe(0.9737);

    await page.getByTestId('side-menu').getByText('数据统计').click();
    await page.waitForURL(`${server.url}/stats`);
    await page.getByTestId('stats-page').waitFor();
    await page.getByTestId('stats-year').click();
    await page
      .locator('.ant-select-item-option')
      .filter({ hasText: /^2023$/ })
      .click();
    await page.waitForURL(/year=2023/);
    for (const [category, figure] of Object.entries(yoy)) {
      await page
        .getByTestId(`yoy-count-${category}`)
        .filter({ hasText: new RegExp(`^${figure.count}$`) })
        .waitFor();
      expect(await page.getByTestId(`yoy-last-${category}`).textContent()).toBe(String(figure.lastYear));
      expect(await page.getByTestId(`yoy-change-${category}`).textContent()).toBe(
        `↓ ${percent(figure.change!)}`,
      );
    }
    await page.getByTestId('yoy-breakdown').locator('tbody tr.ant-table-row').first().waitFor();
    await shot(page, '1-yoy-2023');

    // 盗窃 2023: the drawer lists the records the count is made of.
    await page.getByTestId('yoy-count-theft').click();
    const drawer = page.getByTestId('stats-drill');
    await drawer
      .getByTestId('stats-drill-total')
      .filter({ hasText: `共 ${yoy.theft.count} 条记录` })
      .waitFor();
    const drill = await get<{ items: { number: string | null }[]; total: number }>(
      '/api/stats/drill?figure=yoy&year=2023&category=theft&page=1&pageSize=20',
    );
    expect(drill.total).toBe(yoy.theft.count);
    const rows = drawer.locator('tbody tr.ant-table-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(Math.min(20, drill.total));
    if (drill.items[0]?.number) expect(await rows.first().textContent()).toContain(drill.items[0].number);
    await shot(page, '2-drill-theft');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    await page.getByRole('tab', { name: /破\s*案/ }).click();
    await page
      .getByTestId('clearance-rate-traditional')
      .filter({ hasText: percent(clearance.rate!) })
      .waitFor();
    expect(await page.getByTestId('clearance-filed-traditional').textContent()).toBe(String(clearance.filed));
    expect(await page.getByTestId('clearance-solved-traditional').textContent()).toBe(
      String(clearance.solved),
    );
    await shot(page, '3-clearance-2023');

    expect(w.pageErrors, w.pageErrors.join('\n')).toEqual([]);
    expect(w.foreignRequests).toEqual([]);
    await w.context.close();
  }, 240_000);

  it('shows the leadership summary and a page per module on the 1920×1080 wall screen', async () => {
    const w = await watchedPage(browser, server.url, WALL);
    const { page } = w;
    await signIn(page, server.url, 'leader');
    const summary = (await page.evaluate(() =>
      fetch('/api/stats/summary?year=2023').then((r) => r.json()),
    )) as {
      yoy: Yoy[];
      clearance: Clearance;
    };

    await page.goto(`${server.url}/bigscreen?page=summary&year=2023&rotate=0`);
    await page.getByTestId('bigscreen-summary').waitFor({ timeout: 90_000 });
    for (const row of summary.yoy) {
      const card = page.getByTestId(`bs-summary-yoy-${row.category}`);
      await card
        .getByTestId('count')
        .filter({ hasText: new RegExp(`^${row.count}$`) })
        .waitFor();
      expect(await card.textContent()).toContain(`↓${percent(row.change!)}`);
    }
    await page
      .getByTestId('bs-summary-clearance')
      .getByTestId('rate')
      .filter({ hasText: percent(summary.clearance.rate!) })
      .waitFor();
    await page.waitForTimeout(500);
    await expectFitsWall(page, 'the leadership summary');
    await shot(page, '4-bigscreen-summary-1920');

    for (const key of MODULE_PAGES) {
      await page.getByTestId(`bigscreen-tab-${key}`).click();
      await page.waitForURL(new RegExp(`page=${key}`));
      await page.locator(`[data-testid=bigscreen][data-page=${key}]`).waitFor();
      await page.locator('[data-testid=bigscreen-map][data-map-state=idle]').waitFor({ timeout: 60_000 });
      await page.waitForTimeout(500);
      await expectFitsWall(page, `the ${key} page`);
      await shot(page, `5-bigscreen-${key}-1920`);
    }
    // Left alone, the screen moves on by itself.
    await page.goto(`${server.url}/bigscreen?page=antifraud&rotate=10&idle=5`);
    await page.locator('[data-testid=bigscreen][data-page=antifraud]').waitFor();
    await page.locator('[data-testid=bigscreen][data-page=summary]').waitFor({ timeout: 30_000 });

    expect(w.pageErrors, w.pageErrors.join('\n')).toEqual([]);
    expect(w.foreignRequests).toEqual([]);
    await w.context.close();
  }, 300_000);
});
