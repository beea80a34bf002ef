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
import { device, phone, signInOnPhone, tapTab } from './phone-support.ts';

async function apiAs(baseURL: string, username: string): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL });
  const res = await api.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
  expect(res.status(), await res.text()).toBe(200);
  return api;
}

const CSV = [
  '姓名,手机号,身份证号,技能,审查,审查日期,乡镇,加入日期',
  '曾浏览,13612340001,,急救、方言,基本,2026-01-02,上涌镇,2025-12-01',
  '林坏行,1361234,,飞行,,,,',
  '郑浏览,13612340002,,驾驶,,,上涌镇,',
].join('\n');

describe.skipIf(!hasChromium())(
  '群防群治: the station’s team page, an import with a bad line, a join approval',
  () => {
    let server: { url: string; close(): Promise<void> };
    let browser: Browser;
    let applicant: APIRequestContext;
    let desk: WatchedPage;
    let mobile: WatchedPage;

    beforeAll(async () => {
      server = await startTestServer();
      browser = await launchBrowser();
      applicant = await apiAs(server.url, 'volunteer');
    }, 180_000);
    afterAll(async () => {
      await applicant?.dispose();
      await desk?.context.close();
      await mobile?.context.close();
      await browser?.close();
      await server?.close();
    });

    const shot = (page: Page, name: string) =>
      page.screenshot({ path: `${shotsDir}/volunteers-${name}.png` });

    it('lists the station’s teams, reveals a member’s phone with a reason, imports, approves a request', async () => {
      desk = await watchedPage(browser, server.url, { width: 1366, height: 900 });
      const page = desk.page;
      await signIn(page, server.url, 'officer-shangyong');
      await page.getByTestId('side-menu').getByText('群防群治').click();
      await page.waitForURL(`${server.url}/volunteers`);
      const teamLink = page.getByTestId('volunteer-team-link').filter({ hasText: '古镇义警队' });
      await teamLink.waitFor({ timeout: 60_000 });
      // A station sees its own teams only.
      await expect(
        page.getByTestId('volunteer-team-link').filter({ hasText: '金牌同心守护队' }).count(),
      ).resolves.toBe(0);
      await shot(page, 'teams');

      // Apply to the team (as the volunteer) before the desk opens the requests.
      const teams = (await (await applicant.get('/api/volunteers/teams')).json()) as {
        items: { id: string }[];
      };
      expect(teams.items.length).toBe(1); // the volunteer sees only their own team
      const officerApi = await apiAs(server.url, 'officer-shangyong');
      const all = (await (await officerApi.get('/api/volunteers/teams')).json()) as {
        items: { id: string; name: string }[];
      };
      const gz = all.items.find((x) => x.name === '古镇义警队')!;
      const applied = await applicant.post('/api/volunteers/join-requests', {
        data: { teamId: gz.id, name: '王德福', phone: '13905951247', skills: ['dialect'], note: '家住曾坂' },
      });
      expect(applied.status(), await applied.text()).toBe(201);

      await teamLink.click();
      const drawer = page.getByTestId('volunteer-team-detail');
      try {
        await drawer.locator('tbody tr.ant-table-row').first().waitFor({ timeout: 60_000 });
      } catch (error) {
        await shot(page, 'team-failed');
        throw new Error(`${(error as Error).message}\npage errors: ${desk.pageErrors.join(' | ')}`);
      }
      const masked = await drawer.getByTestId('reveal-phone').first().textContent();
      expect(masked).toMatch(/^1\d{2}\*{4}\d{4}$/);
      await shot(page, 'team');
      await drawer.getByTestId('reveal-phone').first().click();
      await page.getByTestId('reveal-reason').fill('核实义警联系方式');
      await page.locator('.ant-modal-confirm .ant-btn-primary').click();
      await expect
        .poll(async () => drawer.getByTestId('reveal-phone').first().textContent(), { timeout: 15_000 })
        .toMatch(/^1\d{10}$/);
      const audit = await officerApi.get('/api/volunteers/members?pageSize=1');
      expect(audit.status()).toBe(200);

      // Import: one bad line is reported by line and field, the good ones are kept.
      await drawer.getByTestId('import-open').click();
      await page.getByTestId('import-file').setInputFiles({
        name: 'roster.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(CSV, 'utf8'),
      });
      // antd spaces out a two-character label (导 入): take the dialog's primary button.
      await page.locator('.ant-modal-footer .ant-btn-primary:visible').last().click();
      await page.getByTestId('import-result').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('import-result').textContent()).toContain('新增 2 人');
      const problems = page.getByTestId('import-problems');
      await expect(problems.textContent()).resolves.toContain('phone');
      expect(
        await problems.locator('tbody tr.ant-table-row').first().locator('td').first().textContent(),
      ).toBe('3');
      await shot(page, 'import');
      await page.locator('.ant-modal-close').last().click();
      await page.locator('.ant-drawer-close').click();

      // The join request: approve it.
      await page.getByRole('tab', { name: '入队申请' }).click();
      const approve = page.getByTestId('join-approve').first();
      await approve.waitFor({ timeout: 30_000 });
      await shot(page, 'join-requests');
      await approve.click();
      await expect
        .poll(async () => {
          const me = await applicant.get('/api/volunteers/me');
          return ((await me.json()) as { teamIds?: string[] }).teamIds ?? [];
        })
        .toContain(gz.id);
      await officerApi.dispose();
      expect(desk.pageErrors).toEqual([]);
      expect(desk.foreignRequests).toEqual([]);
    }, 240_000);

    it('the volunteer’s phone: 值守 tab, withdrawing consent (through the outbox)', async () => {
      mobile = await watchedPage(browser, server.url, phone, device);
      const page = mobile.page;
      await signInOnPhone(page, server.url, 'volunteer-shangyong-3');
      await tapTab(page, 'duty');
      await page.getByTestId('mobile-duty').waitFor();
      const consent = page.getByTestId('consent-switch');
      await expect.poll(async () => consent.getAttribute('aria-checked'), { timeout: 30_000 }).toBe('true');
      await shot(page, 'phone-duty');
      await consent.click();
      const api = await apiAs(server.url, 'volunteer-shangyong-3');
      await expect
        .poll(
          async () =>
            ((await (await api.get('/api/volunteers/me')).json()) as { locationConsent: boolean })
              .locationConsent,
          {
            timeout: 30_000,
          },
        )
        .toBe(false);
      const refused = await api.put('/api/volunteers/me/position', { data: { lon: 118.1, lat: 25.9 } });
      expect(refused.status()).toBe(409);
      await api.dispose();
      await shot(page, 'phone-consent-withdrawn');
      expect(mobile.pageErrors).toEqual([]);
    }, 180_000);
  },
);
