import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, shotsDir, signIn, watchedPage } from '../../../test/support/browser.ts';
import { hasChromium } from '../../../test/support/env.ts';
import { startTestServer, type TestServer } from '../../../test/support/server.ts';
import { apiAs } from './api-support.ts';
import { device, expectFitsWidth, phone, signInOnPhone, tapTab } from './phone-support.ts';

/** Ant Design spaces out a two-character Chinese label (签 收): match it either way. */
const buttonName = (label: string) => new RegExp(`^${[...label].join('\\s*')}$`);
const HEADER = '姓名*,手机号*,身份证号,预警时间*,诈骗类型*,来源*,风险等级*,涉案金额,地址*';

/** A Beijing wall-clock time a few minutes ago, as the higher level's sheet writes it. */
function minutesAgo(n: number): string {
  const d = new Date(Date.now() - n * 60_000 + 8 * 3_600_000);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}

interface Warning {
  id: string;
  personName: string;
  status: string;
  risk: string;
  stationName: string | null;
}

describe.skipIf(!hasChromium())(
  '反诈预警: a high-risk warning from import to a visit, dissuaded and fed back',
  () => {
    let server: TestServer;
    let browser: Browser;
    let commander: APIRequestContext;
    const shot = (page: Page, name: string) => page.screenshot({ path: `${shotsDir}/outreach-${name}.png` });

    beforeAll(async () => {
      server = await startTestServer();
      browser = await launchBrowser();
      commander = await apiAs(server.url, 'commander');
    }, 300_000);

    afterAll(async () => {
      await commander?.dispose();
      await browser?.close();
      await server?.close();
    });

    it('imports the sheet in the console (a bad line refused first), the officer visits, dissuades and reports back', async () => {
      // ── The console: import the higher level's sheet ──
      const desk = await watchedPage(browser, server.url, { width: 1366, height: 900 });
      await signIn(desk.page, server.url, 'commander');
      await desk.page.getByTestId('side-menu').getByText('反诈与走访').click();
      await desk.page.waitForURL(`${server.url}/outreach`);
      await desk.page.getByTestId('or-warnings').waitFor({ timeout: 60_000 });
      await desk.page.getByRole('button', { name: '导入预警' }).click();
      const good = `欧阳明,13905950123,,${minutesAgo(3)},冒充公检法,省厅,高,150000,德化县杨梅乡`;
      await desk.page.getByTestId('or-import-pick').waitFor();
      await desk.page.locator('.ant-modal input[type=file]').setInputFiles({
        name: 'warnings.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(
          `\uFEFF${[HEADER, good, `坏号码,1390595,,${minutesAgo(3)},其他,市局,低,,德化县`].join('\n')}`,
        ),
      });
      const errors = desk.page.getByTestId('or-import-errors');
      await errors.waitFor({ timeout: 60_000 });
      expect(await errors.textContent()).toContain('手机号');
      expect(await errors.locator('.ant-table-row').first().textContent()).toContain('3');
      await shot(desk.page, '1-import-errors-1366');
      await desk.page.locator('.ant-modal input[type=file]').setInputFiles({
        name: 'warnings.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(`\uFEFF${[HEADER, good].join('\n')}`),
      });
      await desk.page.getByText('已导入 1 条预警').first().waitFor({ timeout: 60_000 });
      await desk.page.locator('.ant-modal-close').click();
      const list = (await (
        await commander.get('/api/anti-fraud/warnings?risk=high&status=issued')
      ).json()) as {
        items: Warning[];
      };
      const warning = list.items.find((w) => w.personName === '欧**');
      expect(warning).toMatchObject({ risk: 'high', status: 'issued', stationName: '杨梅派出所' });
      await desk.page.getByTestId('or-warnings').getByText('欧**').first().waitFor();
      await shot(desk.page, '2-list-1366');

      // ── The officer's phone: sign for it, record the visit, dissuade, report back ──
      const field = await watchedPage(browser, server.url, phone, device);
      await signInOnPhone(field.page, server.url, 'officer');
      await tapTab(field.page, 'outreach');
      const card = field.page.getByTestId('or-phone-warning').filter({ hasText: '欧**' });
      await card.waitFor({ timeout: 60_000 });
      await card.getByRole('button', { name: buttonName('签收') }).click();
      await card.getByRole('button', { name: '记录走访' }).waitFor({ timeout: 60_000 });
      await expectFitsWidth(field.page, 'the outreach page');
      await shot(field.page, '3-phone-signed-390');
      await card.getByRole('button', { name: '记录走访' }).click();
      await field.page
        .getByTestId('or-visit-activities')
        .fill('上门核实：对方冒充公安要求转账“安全账户”，已讲清骗局');
      await field.page.getByTestId('or-visit-save').click();
      await card.getByRole('button', { name: '记录劝阻' }).click();
      await field.page.getByTestId('or-dissuade-save').click();
      await card.getByRole('button', { name: buttonName('反馈') }).waitFor({ timeout: 60_000 });
      await shot(field.page, '4-phone-dissuaded-390');
      await card.getByRole('button', { name: buttonName('反馈') }).click();
      await card.waitFor({ state: 'detached', timeout: 60_000 });
      expect(field.pageErrors).toEqual([]);
      expect(field.foreignRequests).toEqual([]);

      // ── On record: the timeline in the console ──
      const detail = (await (await commander.get(`/api/anti-fraud/warnings/${warning!.id}`)).json()) as {
        status: string;
        outcome: string;
        moneySaved: number;
        timeline: { kind: string }[];
        visits: { status: string }[];
      };
      expect(detail).toMatchObject({ status: 'feedback', outcome: 'dissuaded', moneySaved: 150000 });
      expect(detail.timeline.map((e) => e.kind)).toEqual([
        'issued',
        'signed',
        'visited',
        'dissuaded',
        'feedback',
      ]);
      expect(detail.visits).toEqual([expect.objectContaining({ status: 'done' })]);
      await desk.page.reload();
      await desk.page.getByTestId('or-warnings').getByText('欧**').first().click();
      const drawer = desk.page.getByTestId('or-warning-detail');
      await drawer.waitFor();
      await drawer.getByText('劝阻成功').first().waitFor();
      // Let the drawer finish sliding in before the picture.
      await desk.page.waitForTimeout(1000);
      await shot(desk.page, '5-detail-1366');
      expect(desk.pageErrors).toEqual([]);
      expect(desk.foreignRequests).toEqual([]);
    }, 600_000);
  },
);
