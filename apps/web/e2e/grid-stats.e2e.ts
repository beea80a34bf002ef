import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, shotsDir, signIn, watchedPage } from '../../../test/support/browser.ts';
import { hasChromium } from '../../../test/support/env.ts';
import { startTestServer } from '../../../test/support/server.ts';

interface Unit {
  name: string;
  grids: { police: number; community: number };
  rosters: {
    communityOfficer: number;
    auxiliary: number;
    assistant: number;
    fullTime: number;
    partTime: number;
  };
  hazards: { total: number; open: number; overdue: number };
  disputes: {
    total: number;
    byRisk: { red: number; yellow: number; blue: number };
    settled: number;
    failed: number;
    referred: number;
    successRate: number;
    onTimeRate: number;
  };
}
interface Stats {
  unit: Unit;
  children: Unit[];
}

const api = (page: Page, query: string) =>
  page.evaluate((q) => fetch(`/api/grid/stats?${q}`).then((r) => r.json()), query) as Promise<Stats>;
const digits = async (page: Page, testId: string) =>
  ((await page.getByTestId(testId).textContent()) ?? '').replace(/[^\d.%+/—]/g, '');
const pct = (rate: number) => `${Math.round(rate * 1000) / 10}%`;
const chinaYearBounds = (year: number) =>
  `from=${encodeURIComponent(new Date(Date.UTC(year, 0, 1) - 8 * 3_600_000).toISOString())}&to=${encodeURIComponent(new Date(Date.UTC(year + 1, 0, 1) - 8 * 3_600_000).toISOString())}`;

describe.skipIf(!hasChromium())('grid governance statistics (网格治理统计) and the big screen panel', () => {
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

  it('shows the county, a township and a grid with the API’s figures', async () => {
    const w = await watchedPage(browser, server.url, { width: 1600, height: 1000 });
    const { page } = w;
    await signIn(page, server.url, 'commander');
    await page.goto(`${server.url}/grid`);
    await page.getByTestId('grid-tabs').getByText('统计').click();
    await page.waitForURL(`${server.url}/grid/stats`);
    await page.getByTestId('grid-stats-figures').waitFor({ timeout: 60_000 });
    const county = await api(page, 'level=county');
    expect(county.unit.hazards.total).toBeGreaterThan(2000);
    expect(await digits(page, 'grid-stat-hazards')).toBe(String(county.unit.hazards.total));
    expect(await digits(page, 'grid-stat-hazards-overdue')).toBe(String(county.unit.hazards.overdue));
    expect(await digits(page, 'grid-stat-police-grids')).toBe('45');
    expect(await digits(page, 'grid-stat-disputes')).toBe(String(county.unit.disputes.total));
    expect(await digits(page, 'grid-stat-success')).toBe(pct(county.unit.disputes.successRate));
    expect(await page.getByTestId('grid-stats-table').locator('tbody tr.ant-table-row').count()).toBe(18);
    await page.locator('[data-testid=grid-chart-risks] canvas').waitFor();
    await page.waitForTimeout(500);
    await page.screenshot({ path: `${shotsDir}/grid-stats-county.png`, fullPage: true });

    // 2023, then down to the busiest township by a click on its name.
    await page.getByTestId('grid-stats-year').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '2023' }).click();
    const year = await api(page, `level=county&${chinaYearBounds(2023)}`);
    await page
      .getByTestId('grid-stat-disputes')
      .filter({ hasText: year.unit.disputes.total.toLocaleString('en-US') })
      .waitFor();
    expect(year.unit.disputes.total).toBe(2801);
    const busiest = [...year.children].sort((a, b) => b.disputes.total - a.disputes.total)[0]!;
    await page.getByTestId('grid-stats-table').getByRole('button', { name: busiest.name }).click();
    await page.getByText(`${busiest.name} · 乡镇`).waitFor();
    expect(await digits(page, 'grid-stat-disputes')).toBe(String(busiest.disputes.total));
    expect(await digits(page, 'grid-stat-on-time')).toBe(pct(busiest.disputes.onTimeRate));
    await page.getByTestId('grid-stats-child-view').getByText('社区网格').click();
    await page.waitForTimeout(500);
    await page.screenshot({ path: `${shotsDir}/grid-stats-township.png`, fullPage: true });
    expect(w.pageErrors, w.pageErrors.join('\n')).toEqual([]);
    expect(w.foreignRequests).toEqual([]);
    await w.context.close();
  }, 180_000);

  it('puts the county’s grid figures on the big screen, equal to the API’s', async () => {
    const w = await watchedPage(browser, server.url, { width: 1920, height: 1080 });
    const { page } = w;
    await signIn(page, server.url, 'commander');
    await page.goto(`${server.url}/bigscreen`);
    const panel = page.getByTestId('bigscreen-grid');
    await panel.waitFor({ timeout: 60_000 });
    const all = await api(page, 'level=county&top=1');
    const thisYear = Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));
    const year = await api(page, `level=county&top=1&${chinaYearBounds(thisYear)}`);
    const u = all.unit;
    expect(await digits(page, 'bs-grid-police')).toBe('45');
    expect(await digits(page, 'bs-grid-community')).toBe(String(u.grids.community));
    expect(await digits(page, 'bs-grid-roster')).toBe(
      `${u.rosters.communityOfficer}+${u.rosters.auxiliary}+${u.rosters.assistant + u.rosters.fullTime + u.rosters.partTime}`,
    );
    expect(await digits(page, 'bs-grid-hazards-open')).toBe(String(u.hazards.open));
    expect(await digits(page, 'bs-grid-hazards-overdue')).toBe(String(u.hazards.overdue));
    expect(u.hazards.overdue).toBeGreaterThan(0);
    expect(await digits(page, 'bs-grid-disputes')).toBe(String(year.unit.disputes.total));
    for (const r of ['red', 'yellow', 'blue'] as const)
      expect(await digits(page, `bs-grid-${r}`)).toBe(String(year.unit.disputes.byRisk[r]));
    const d = year.unit.disputes;
    expect(await digits(page, 'bs-grid-success')).toBe(
      d.settled + d.failed + d.referred ? pct(d.successRate) : '—',
    );
    // The panel fits its third of the right-hand column: nothing spills out of the 1080 lines.
    const box = (await panel.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(1080);
    await page.locator('[data-testid=chart-units] canvas').waitFor();
    await page.locator('[data-testid=bigscreen-map][data-map-state=idle]').waitFor({ timeout: 60_000 });
    await page.waitForTimeout(1000);
    await page.screenshot({ path: `${shotsDir}/bigscreen-grid-1920.png` });
    expect(w.pageErrors, w.pageErrors.join('\n')).toEqual([]);
    expect(w.foreignRequests).toEqual([]);
    await w.context.close();
  }, 180_000);
});
