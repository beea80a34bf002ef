import { createRng } from '@ronghui/geo';
import { generateIdNumber } from '@ronghui/ids';
import { type APIRequestContext, type Browser, type Page, request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/src/demo/demo-accounts.ts';
import {
  launchBrowser,
  shotsDir,
  signIn,
  type WatchedPage,
  watchedPage,
} from '../../../test/support/browser.ts';
import { hasChromium } from '../../../test/support/env.ts';
import { startTestServer } from '../../../test/support/server.ts';
import { device, expectFitsWidth, narrow, phone, signInOnPhone } from './phone-support.ts';

async function apiAs(baseURL: string, username: string): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL });
  const res = await api.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
  expect(res.status(), await res.text()).toBe(200);
  return api;
}

const ROAD = '端到端采集路';

describe.skipIf(!hasChromium())(
  '一标三实: console import with line errors, a phone collection offline, its review',
  () => {
    let server: { url: string; close(): Promise<void> };
    let browser: Browser;
    let worker: APIRequestContext;
    let desk: WatchedPage;
    let phonePage: WatchedPage;

    beforeAll(async () => {
      server = await startTestServer();
      browser = await launchBrowser();
      worker = await apiAs(server.url, 'grid-worker');
    }, 240_000);
    afterAll(async () => {
      await worker?.dispose();
      await desk?.context.close();
      await phonePage?.context.close();
      await browser?.close();
      await server?.close();
    });

    const shot = (page: Page, name: string) => page.screenshot({ path: `${shotsDir}/registry-${name}.png` });

    it('imports a file showing each bad line, and takes a collection made offline exactly once into review', async () => {
      // A village of the grid worker's grid (the demo registry has addresses there).
      const addresses = (await (await worker.get('/api/registry/addresses?pageSize=1')).json()) as {
        items: { divisionCode: string; policeGridId: string }[];
      };
      const village = addresses.items[0]!.divisionCode;
      const rng = createRng(7);
      const good = generateIdNumber(rng, { areaCode: '350526', birth: '1988-08-08', sex: 'male' });
      const tenantId = generateIdNumber(rng, { areaCode: '350583', birth: '1996-04-21', sex: 'female' });

      // The station's console: the registry page, people masked.
      desk = await watchedPage(browser, server.url, { width: 1366, height: 900 });
      await signIn(desk.page, server.url, 'officer');
      await desk.page.getByTestId('side-menu').getByText('一标三实').click();
      await desk.page.waitForURL(`${server.url}/registry`);
      await desk.page.getByRole('tab', { name: '人口' }).click();
      await desk.page.locator('.ant-table-row').first().waitFor({ timeout: 60_000 });
      expect(await desk.page.locator('.ant-table-row').first().textContent()).toMatch(/\*{4}/);
      await shot(desk.page, '1-people-1366');

      // Import: one good row, two bad ones, each named by line and field.
      await desk.page.getByTestId('registry-import').click();
      const csv = [
        '姓名,身份证号,联系电话,人口类别,村社区代码,路街巷,门牌号',
        `端到端,${good},13800000000,户籍,${village},导入测试路,1号`,
        `坏号码,${good.slice(0, 17)}${good[17] === '0' ? '1' : '0'},,户籍,${village},导入测试路,2号`,
        `坏类别,${tenantId},,外星,${village},导入测试路,3号`,
      ].join('\n');
      await desk.page.getByTestId('registry-import-file').waitFor();
      await desk.page.locator('.ant-modal input[type=file]').setInputFiles({
        name: 'people.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(`\uFEFF${csv}`, 'utf8'),
      });
      const result = desk.page.getByTestId('registry-import-result');
      await result.waitFor({ timeout: 60_000 });
      expect(await result.textContent()).toContain('新增 1');
      expect(await result.textContent()).toContain('退回 2');
      const errors = desk.page.getByTestId('registry-import-errors').locator('.ant-table-row');
      expect(await errors.count()).toBe(2);
      expect(await errors.nth(0).textContent()).toContain('身份证号');
      expect(await errors.nth(1).textContent()).toContain('人口类别');
      await shot(desk.page, '2-import-errors-1366');
      await desk.page.locator('.ant-modal-close').click();

      // An address with what is recorded at it, and a person's history.
      await desk.page.getByRole('tab', { name: '地址' }).click();
      await desk.page.getByTestId('registry-address').first().click();
      await desk.page.getByTestId('registry-address-detail').waitFor({ timeout: 30_000 });
      await shot(desk.page, '2b-address-1366');
      await desk.page.locator('.ant-drawer-close').click();

      // The grid worker's phone: 采集, offline.
      phonePage = await watchedPage(browser, server.url, phone, device);
      await phonePage.context.grantPermissions(['geolocation'], { origin: server.url });
      const page = phonePage.page;
      await signInOnPhone(page, server.url, 'grid-worker');
      await page.getByTestId('mobile-tab-collect').click();
      await page.getByTestId('mobile-collect').waitFor();
      await expectFitsWidth(page, 'collect at 390');
      await phonePage.context.setOffline(true);
      await page.getByTestId('collect-road').fill(ROAD);
      await page.getByTestId('collect-door').fill('8号');
      await page.getByTestId('collect-room').fill('302');
      await page.getByTestId('collect-name').fill('黄晓燕');
      await page.getByTestId('collect-id').fill(tenantId);
      await page.getByTestId('collect-phone').fill('13700002222');
      await page.getByTestId('collect-submit').click();
      await expect.poll(() => page.getByTestId('collect-waiting').count()).toBe(1);
      expect(await page.getByTestId('collect-waiting').textContent()).toContain('待发送');
      await shot(page, '3-phone-offline-390');

      const mine = async () =>
        (
          (await (await worker.get('/api/registry/collections?view=mine&pageSize=500')).json()) as {
            items: { id: string; summary: string; status: string }[];
          }
        ).items.filter((c) => c.summary.includes(ROAD));
      expect(await mine()).toHaveLength(0);
      await phonePage.context.setOffline(false);
      await expect.poll(() => page.getByTestId('collect-waiting').count(), { timeout: 60_000 }).toBe(0);
      await expect.poll(async () => (await mine()).length, { timeout: 30_000 }).toBe(1);
      await page.getByTestId('collect-item').filter({ hasText: ROAD }).waitFor({ timeout: 30_000 });
      await shot(page, '4-phone-sent-390');
      await page.setViewportSize(narrow);
      await expectFitsWidth(page, 'collect at 360');
      await shot(page, '4b-phone-360');
      await page.setViewportSize(phone);

      // The station reviews it in the console and accepts it.
      await desk.page.getByRole('tab', { name: '采集审核' }).click();
      const row = desk.page
        .getByTestId('registry-review')
        .locator('.ant-table-row')
        .filter({ hasText: ROAD });
      await row.waitFor({ timeout: 30_000 });
      await shot(desk.page, '5-review-queue-1366');
      await row.getByTestId('registry-accept').click();
      await expect.poll(async () => (await mine())[0]?.status, { timeout: 30_000 }).toBe('accepted');
      await desk.page.locator('.ant-radio-button-wrapper', { hasText: '全部' }).click();
      await desk.page
        .getByTestId('registry-review')
        .locator('.ant-table-row')
        .filter({ hasText: ROAD })
        .filter({ hasText: '已采纳' })
        .waitFor();
      await shot(desk.page, '6-accepted-1366');

      // One collection, one person: nothing sent twice.
      await page.reload();
      await page.getByTestId('collect-item').filter({ hasText: ROAD }).waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('collect-item').filter({ hasText: ROAD }).count()).toBe(1);
      const people = (await (await worker.get(`/api/registry/people?q=${tenantId}`)).json()) as {
        total: number;
      };
      expect(people.total).toBe(1);
      expect(desk.pageErrors).toEqual([]);
      expect(phonePage.pageErrors).toEqual([]);
    });
  },
);
