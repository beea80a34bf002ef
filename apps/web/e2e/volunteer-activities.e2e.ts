import type { Browser, Page } from 'playwright-core';
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
import { device, phone, signInOnPhone, tapTab } from './phone-support.ts';

describe.skipIf(!hasChromium())(
  '群防群治 activities: the station confirms, the ranking, the phone reports',
  () => {
    let server: { url: string; close(): Promise<void> };
    let browser: Browser;
    let desk: WatchedPage;
    let mobile: WatchedPage;

    beforeAll(async () => {
      server = await startTestServer();
      browser = await launchBrowser();
    }, 180_000);
    afterAll(async () => {
      await desk?.context.close();
      await mobile?.context.close();
      await browser?.close();
      await server?.close();
    });

    const shot = (page: Page, name: string) =>
      page.screenshot({ path: `${shotsDir}/activities-${name}.png` });

    it('shows the 2023 figures, confirms a waiting record and ranks a month', async () => {
      desk = await watchedPage(browser, server.url, { width: 1366, height: 900 });
      const page = desk.page;
      await signIn(page, server.url, 'commander');
      await page.getByTestId('side-menu').getByText('群防群治').click();
      await page.waitForURL(`${server.url}/volunteers`);
      const patrols = page.getByTestId('volunteer-stat-patrols');
      await patrols.waitFor({ timeout: 60_000 });
      const api = await apiAs(server.url, 'commander');
      const stats = (await (await api.get('/api/volunteers/stats?year=2023')).json()) as { patrols: number };
      await expect
        .poll(async () => (await patrols.textContent())?.replace(/\D/g, ''), { timeout: 15_000 })
        .toBe(String(stats.patrols));
      await shot(page, 'stats');

      await page.getByRole('tab', { name: '活动' }).click();
      await page.getByTestId('activity-status-filter').click();
      await page.locator('.ant-select-item-option').filter({ hasText: '待确认' }).click();
      const confirm = page.getByTestId('activity-confirm').first();
      await confirm.waitFor({ timeout: 30_000 });
      await shot(page, 'records');
      const before = (await (
        await api.get('/api/volunteers/activities?status=submitted&pageSize=1')
      ).json()) as {
        total: number;
      };
      await confirm.click();
      await expect
        .poll(
          async () =>
            (
              (await (await api.get('/api/volunteers/activities?status=submitted&pageSize=1')).json()) as {
                total: number;
              }
            ).total,
          { timeout: 15_000 },
        )
        .toBe(before.total - 1);

      await page.getByRole('tab', { name: '积分排行' }).click();
      const rows = page.getByTestId('volunteer-ranking').locator('tbody tr.ant-table-row');
      await rows.first().waitFor({ timeout: 30_000 });
      expect(await rows.first().locator('td').first().textContent()).toBe('1');
      await shot(page, 'ranking');
      await api.dispose();
      expect(desk.pageErrors).toEqual([]);
    }, 240_000);

    it('the volunteer’s phone shows 我的积分 and reports a patrol through the outbox', async () => {
      mobile = await watchedPage(browser, server.url, phone, device);
      await mobile.context.grantPermissions(['geolocation'], { origin: server.url });
      await mobile.context.setGeolocation({ longitude: 118.06, latitude: 25.79 });
      const page = mobile.page;
      await signInOnPhone(page, server.url, 'volunteer-shangyong-2');
      await tapTab(page, 'duty');
      await page.getByTestId('my-points').waitFor({ timeout: 30_000 });
      await page.getByTestId('report-address').fill('曾坂古村落');
      await page.getByTestId('report-outcome').fill('古村落巡逻，提醒游客注意防火');
      await shot(page, 'phone');
      const api = await apiAs(server.url, 'volunteer-shangyong-2');
      const mine = async () =>
        (
          (await (
            await api.get('/api/volunteers/activities?mine=true&status=submitted&pageSize=50')
          ).json()) as {
            items: { outcome: string }[];
          }
        ).items.filter((x) => x.outcome === '古村落巡逻，提醒游客注意防火').length;
      expect(await mine()).toBe(0);
      await page.getByTestId('report-submit').click();
      await expect.poll(mine, { timeout: 30_000 }).toBe(1);
      await page.getByTestId('my-points').scrollIntoViewIfNeeded();
      await shot(page, 'phone-reported');
      await api.dispose();
      expect(mobile.pageErrors).toEqual([]);
    }, 180_000);
  },
);
