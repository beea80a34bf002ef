import type { APIRequestContext, APIResponse, Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, shotsDir, signIn, watchedPage } from '../../../test/support/browser.ts';
import { hasChromium } from '../../../test/support/env.ts';
import { startTestServer, type TestServer } from '../../../test/support/server.ts';
import { apiAs } from './api-support.ts';
import { device, expectFitsWidth, phone } from './phone-support.ts';

interface Hall {
  id: string;
  name: string;
  orgId: string;
  counters: { id: string; itemCodes: string[] | null }[];
}
interface Item {
  code: string;
  name: string;
  category: string;
  channels: string[];
  hallIds: string[];
  active: boolean;
  materials: string[];
}

/** Ant Design spaces out a two-character Chinese label (受 理): match it either way. */
const buttonName = (label: string) => new RegExp(`^${[...label].join('\\s*')}$`);

/** A working Tuesday at 09:00 Beijing time: the server's clock starts there. */
const SERVER_START = '2026-12-08T09:00:00+08:00';

describe.skipIf(!hasChromium())(
  '智慧一窗通办: the guide, statistics, home service and follow-ups in the console',
  () => {
    let server: TestServer;
    let browser: Browser;
    let halls: Hall[];
    let items: Item[];
    const contexts: APIRequestContext[] = [];
    const as = async (username: string) => {
      const c = await apiAs(server.url, username);
      contexts.push(c);
      return c;
    };
    const ok = async (res: Promise<APIResponse>, status = 200) => {
      const r = await res;
      expect(r.status(), await r.text()).toBe(status);
      return r.json();
    };
    const shot = (page: Page, name: string) =>
      page.screenshot({ path: `${shotsDir}/services-console-${name}.png` });

    beforeAll(async () => {
      server = await startTestServer({ env: { CLOCK_START: SERVER_START } });
      browser = await launchBrowser();
      const anyone = await as('clerk');
      halls = ((await ok(anyone.get('/api/services/halls'))) as { items: Hall[] }).items;
      items = ((await ok(anyone.get('/api/services/items'))) as { items: Item[] }).items;
    }, 300_000);

    afterAll(async () => {
      for (const c of contexts) await c.dispose();
      await browser?.close();
      await server?.close();
    });

    it('shows the public guide on a phone: search, an item with its materials', async () => {
      const w = await watchedPage(browser, server.url, phone, device);
      await w.page.goto(`${server.url}/guide`);
      await w.page.getByTestId('svc-guide').waitFor({ timeout: 90_000 });
      const passport = items.find((i) => i.name.includes('护照'))!;
      await w.page.getByPlaceholder('搜索事项').fill('护照');
      await w.page.getByPlaceholder('搜索事项').press('Enter');
      await w.page.getByTestId('svc-guide-item').filter({ hasText: passport.name }).first().click();
      const materials = w.page.getByTestId('svc-item-materials');
      await materials.waitFor();
      expect(await materials.textContent()).toContain(passport.materials[0]);
      await expectFitsWidth(w.page, 'the guide');
      await shot(w.page, '1-guide-390');
      expect(w.pageErrors).toEqual([]);
      expect(w.foreignRequests).toEqual([]);
      await w.context.close();
    });

    it('shows leadership the 2023 figures equal to the API: 100% on time, 100% satisfied', async () => {
      const leader = await as('leader');
      const api = (await ok(leader.get('/api/services/stats?year=2023'))) as {
        onTimeRate: number;
        satisfactionRate: number;
        visits: number;
      };
      expect(api).toMatchObject({ onTimeRate: 1, satisfactionRate: 1 });
      const w = await watchedPage(browser, server.url, { width: 1366, height: 768 });
      await signIn(w.page, server.url, 'leader');
      await w.page.goto(`${server.url}/services`);
      await w.page.getByRole('tab', { name: '统计' }).click();
      const stats = w.page.getByTestId('svc-stats');
      await stats.waitFor({ timeout: 60_000 });
      await stats.locator('.ant-input-number input').fill('2023');
      await stats.locator('.ant-input-number input').press('Tab');
      await expect
        .poll(async () => (await w.page.getByTestId('svc-stat-visits').textContent())?.replaceAll(',', ''), {
          timeout: 30_000,
        })
        .toContain(String(api.visits));
      expect(await w.page.getByTestId('svc-stat-onTime').textContent()).toMatch(/100(\.0)?\s*%/);
      expect(await w.page.getByTestId('svc-stat-satisfaction').textContent()).toMatch(/100(\.0)?\s*%/);
      await shot(w.page, '2-stats-1366');
      expect(w.pageErrors).toEqual([]);
      await w.context.close();
    });

    it('takes 林阿婆 the ID-card kit: the station accepts, schedules and completes the home visit', async () => {
      const sanban = halls.find((h) => h.name.includes('三班'))!;
      const item = items.find((i) => i.active && i.category === 'id-card' && i.channels.includes('home'))!;
      const clerk = await as('clerk-sanban');
      const visit = (await ok(
        clerk.post('/api/services/home-visits', {
          data: {
            stationId: sanban.orgId,
            applicantName: '林秀兰',
            applicantPhone: '13905950086',
            age: 86,
            reason: 'illness',
            address: '德化县三班镇三班村',
            itemCodes: [item.code],
            note: '卧床，需上门采集照片和指纹',
          },
        }),
        201,
      )) as { id: string; status: string };
      expect(visit.status).toBe('requested');

      const w = await watchedPage(browser, server.url, { width: 1366, height: 768 });
      await signIn(w.page, server.url, 'officer-sanban');
      await w.page.goto(`${server.url}/services`);
      await w.page.getByRole('tab', { name: '上门办证' }).click();
      const tab = w.page.getByTestId('svc-home-visits');
      const row = tab.locator('tr', { hasText: '德化县三班镇三班村' });
      await row.waitFor({ timeout: 60_000 });
      // The name is masked in the list.
      expect(await row.textContent()).not.toContain('林秀兰');
      const step = async (label: string, fill?: (dialog: ReturnType<Page['locator']>) => Promise<void>) => {
        await row.getByRole('button', { name: buttonName(label) }).click();
        const dialog = w.page.locator('.ant-modal').filter({ hasText: label });
        await dialog.waitFor();
        if (fill) await fill(dialog);
        await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
        await dialog.waitFor({ state: 'hidden' });
      };
      await step('受理');
      await step('排期', (d) => d.locator('input[type=datetime-local]').fill('2026-12-09T10:00'));
      await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('已排期');
      await shot(w.page, '3-home-visit-1366');
      await step('完成');
      await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('已完成');

      const officer = await as('officer-sanban');
      const done = (await ok(officer.get('/api/services/home-visits'))) as {
        items: { id: string; status: string; caseIds: string[]; scheduledAt: string }[];
      };
      const mine = done.items.find((v) => v.id === visit.id)!;
      expect(mine.status).toBe('completed');
      expect(new Date(mine.scheduledAt).toISOString()).toBe('2026-12-09T02:00:00.000Z');
      expect(mine.caseIds).toHaveLength(1);
      const c = (await ok(officer.get(`/api/services/cases/${mine.caseIds[0]}`))) as {
        channel: string;
        status: string;
        itemCode: string;
      };
      expect(c).toMatchObject({ channel: 'home', status: 'completed', itemCode: item.code });
      expect(w.pageErrors).toEqual([]);
      await w.context.close();
    });

    it('follows a bad review up: callback, rectification, the citizen rates the fix', async () => {
      const longxun = halls.find((h) => h.name.includes('龙浔'))!;
      const item = items.find(
        (i) => i.active && i.category === 'household' && i.hallIds.includes(longxun.id),
      )!;
      const clerk = await as('clerk-longxun');
      const counter = longxun.counters.find((c) => c.itemCodes === null) ?? longxun.counters[0]!;
      await ok(clerk.post(`/api/services/halls/${longxun.id}/counters/${counter.id}/sign-in`, { data: {} }));
      await ok(
        clerk.post('/api/services/tickets', { data: { hallId: longxun.id, itemCodes: [item.code] } }),
        201,
      );
      const called = (await ok(
        clerk.post('/api/services/tickets/call-next', { data: { counterId: counter.id } }),
      )) as {
        id: string;
      };
      await ok(clerk.post(`/api/services/tickets/${called.id}/start`, { data: {} }));
      await ok(clerk.post(`/api/services/tickets/${called.id}/finish`, { data: {} }));
      const rating = (await ok(
        clerk.post('/api/services/ratings', {
          data: { ticketId: called.id, level: 2, channel: 'window', comment: '等候时间太长' },
        }),
        201,
      )) as { followUpId: string | null };
      expect(rating.followUpId).toBeTruthy();

      const w = await watchedPage(browser, server.url, { width: 1366, height: 768 });
      await signIn(w.page, server.url, 'clerk-longxun');
      await w.page.goto(`${server.url}/services`);
      await w.page.getByRole('tab', { name: '回访' }).click();
      const row = w.page.getByTestId('svc-follow-ups').locator('tr', { hasText: '等候时间太长' });
      await row.waitFor({ timeout: 60_000 });
      const step = async (label: string, note?: string) => {
        await row.getByRole('button', { name: buttonName(label) }).click();
        const dialog = w.page.locator('.ant-modal').filter({ hasText: label });
        await dialog.waitFor();
        if (note !== undefined) {
          await dialog.locator('textarea').fill(note);
          await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
        } else await dialog.getByTestId('svc-rate-4').click();
        await dialog.waitFor({ state: 'hidden' });
      };
      await step('回访', '已电话回访，致歉并说明高峰时段');
      await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('已回访');
      await step('整改', '增开午间错时窗口');
      await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('已整改');
      await shot(w.page, '4-follow-up-1366');
      await step('整改评价');
      await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('已办结');

      const list = (await ok(clerk.get('/api/services/follow-ups'))) as {
        items: { id: string; status: string; fixLevel: number | null }[];
      };
      expect(list.items.find((f) => f.id === rating.followUpId)).toMatchObject({
        status: 'closed',
        fixLevel: 4,
      });
      expect(w.pageErrors).toEqual([]);
      await w.context.close();
    });

    it('lists the 120 items for the administrator', async () => {
      const w = await watchedPage(browser, server.url, { width: 1366, height: 768 });
      await signIn(w.page, server.url, 'system-admin');
      await w.page.goto(`${server.url}/services`);
      await w.page.getByRole('tab', { name: '事项' }).click();
      const catalogue = w.page.getByTestId('svc-catalogue');
      await catalogue.locator('tbody tr.ant-table-row').first().waitFor({ timeout: 60_000 });
      // 20 a page: six pages make the 120.
      expect(await catalogue.locator('.ant-pagination-item').last().textContent()).toBe('6');
      await shot(w.page, '5-catalogue-1366');
      expect(w.pageErrors).toEqual([]);
      await w.context.close();
    });
  },
);
