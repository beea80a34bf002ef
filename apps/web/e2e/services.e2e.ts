import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { idCheckChar } from '@ronghui/ids';
import type { APIRequestContext, APIResponse, Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, shotsDir, signIn, watchedPage } from '../../../test/support/browser.ts';
import { hasChromium } from '../../../test/support/env.ts';
import { startTestServer, type TestServer } from '../../../test/support/server.ts';
import { apiAs } from './api-support.ts';
import { device, expectFitsWidth, phone } from './phone-support.ts';

interface Attribute {
  code: string;
  datatype: string;
  required: boolean;
}
interface Item {
  code: string;
  name: string;
  category: string;
  channels: string[];
  hallIds: string[];
  active: boolean;
  attributes: Attribute[];
}
interface Hall {
  id: string;
  name: string;
  counters: { id: string; name: string; itemCodes: string[] | null }[];
}
interface Sms {
  to: string;
  text: string;
}

const LU_PHONE = '13905951234';
const BOOK_PHONE = '13805956789';
const idNumber = (first17: string) => first17 + idCheckChar(first17);
const LU_ID = idNumber('35052619680312004');

/** Fills an item's Open311 attributes in the form around `scope`, each by its datatype. */
async function fillAttributes(page: Page, attributes: readonly Attribute[], values: Record<string, string>) {
  for (const a of attributes) {
    const field = page.locator(`[id="attributes_${a.code}"]`);
    if (a.datatype === 'singlevaluelist' || a.datatype === 'multivaluelist') {
      await field.click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
      if (a.datatype === 'multivaluelist') await page.keyboard.press('Escape');
    } else if (a.datatype === 'number') await field.fill('1');
    else if (a.datatype === 'datetime') await field.fill('2026-12-20T10:00');
    else await field.fill(values[a.code] ?? (a.datatype === 'text' ? '德化县龙浔镇城东路8号' : '材料齐全'));
  }
}

/** The server's clock starts here: a working Tuesday at 09:00 Beijing time (调休 aside). */
const SERVER_START = '2026-12-08T09:00:00+08:00';

describe.skipIf(!hasChromium())(
  '智慧一窗通办: a visit at the hall, a booking from a phone, the calling screen',
  () => {
    let server: TestServer;
    let browser: Browser;
    let staff: APIRequestContext;
    let sms: Server;
    const sent: Sms[] = [];
    let hall: Hall;
    let items: Item[];

    beforeAll(async () => {
      // The SMS gateway's webhook: the test keeps every message the server sends.
      sms = createServer((req, res) => {
        let body = '';
        req.on('data', (c) => {
          body += c;
        });
        req.on('end', () => {
          sent.push(JSON.parse(body) as Sms);
          res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
        });
      });
      await new Promise<void>((resolve) => sms.listen(0, '127.0.0.1', resolve));
      const port = (sms.address() as AddressInfo).port;
      server = await startTestServer({
        // The server's day starts at 09:00 on a working Tuesday: the morning's slots are ahead of it.
        env: { SMS_WEBHOOK: `http://127.0.0.1:${port}/sms`, CLOCK_START: SERVER_START },
      });
      browser = await launchBrowser();
      staff = await apiAs(server.url, 'clerk-longxun');
      const halls = (await (await staff.get('/api/services/halls')).json()) as { items: Hall[] };
      hall = halls.items.find((h) => h.name.includes('龙浔'))!;
      expect(hall, 'the 龙浔 hall').toBeTruthy();
      items = ((await (await staff.get('/api/services/items')).json()) as { items: Item[] }).items;
    }, 300_000);

    afterAll(async () => {
      await staff?.dispose();
      await browser?.close();
      await server?.close();
      await new Promise((resolve) => sms?.close(resolve));
    });

    const shot = (page: Page, name: string) => page.screenshot({ path: `${shotsDir}/services-${name}.png` });
    const atHall = (category: string) =>
      items.find(
        (i) =>
          i.active && i.category === category && i.hallIds.includes(hall.id) && i.channels.includes('window'),
      )!;

    it('卢女士 takes a ticket at the kiosk; the clerk calls her, accepts two cases, finishes and records her 5 stars; the screen calls her', async () => {
      const household = atHall('household');
      const driver = atHall('driver');
      expect(household && driver, 'a household and a driving-licence item at 龙浔').toBeTruthy();

      // The calling screen is on before the call, so it reads the call out.
      const tv = await watchedPage(browser, server.url, { width: 1920, height: 1080 });
      await tv.page.addInitScript(() => {
        const said: string[] = [];
        (window as unknown as { said: string[] }).said = said;
        class Utterance {
          lang = '';
          rate = 1;
          constructor(public text: string) {}
        }
        Object.assign(window, { SpeechSynthesisUtterance: Utterance });
        Object.defineProperty(window, 'speechSynthesis', {
          value: { speak: (u: Utterance) => said.push(`${u.lang}|${u.text}`) },
        });
      });
      await tv.page.goto(`${server.url}/hall/${hall.id}/screen`);
      await tv.page.getByTestId('svc-screen').waitFor({ timeout: 90_000 });

      // The kiosk: a staff session starts it, then the citizen takes a ticket for two items.
      const kiosk = await watchedPage(
        browser,
        server.url,
        { width: 1080, height: 1920 },
        { ...device, deviceScaleFactor: 1 },
      );
      await kiosk.page.goto(`${server.url}/kiosk/${hall.id}`);
      await kiosk.page.getByTestId('svc-kiosk-login').waitFor({ timeout: 90_000 });
      await kiosk.page.getByLabel('用户名').fill('clerk-longxun');
      await kiosk.page.getByLabel('密码').fill('ronghui-demo');
      await kiosk.page.locator('button[type=submit]').click();
      await kiosk.page.getByTestId('svc-kiosk-ticket').click();
      for (const item of [household, driver]) {
        await kiosk.page.getByTestId('svc-kiosk-search').fill(item.name);
        await kiosk.page.locator(`[data-testid=svc-kiosk-item][data-code="${item.code}"]`).click();
      }
      await shot(kiosk.page, '0-kiosk-items-1080x1920');
      await kiosk.page.getByTestId('svc-kiosk-take').click();
      const ticket = kiosk.page.getByTestId('svc-kiosk-ticket');
      await ticket.waitFor();
      const number = (await ticket.getAttribute('data-number'))!;
      expect(number).toMatch(/^[A-E]\d{3}$/);
      await shot(kiosk.page, '1-kiosk-ticket-1080x1920');

      // The clerk of 龙浔 signs in to a counter and calls the next ticket: hers.
      const desk = await watchedPage(browser, server.url, { width: 1366, height: 768 });
      await signIn(desk.page, server.url, 'clerk-longxun');
      await desk.page.goto(`${server.url}/services`);
      await desk.page.getByTestId('svc-queue').waitFor({ timeout: 60_000 });
      await desk.page.locator('[data-testid=live-state][data-state=open]').waitFor({ timeout: 30_000 });
      await desk.page
        .locator(`[data-testid=svc-waiting-row][data-number="${number}"]`)
        .waitFor({ timeout: 30_000 });
      await desk.page.getByTestId('svc-counter').click();
      await desk.page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
      await desk.page.getByTestId('svc-sign-in').click();
      await expect
        .poll(() => desk.page.getByTestId('svc-counter-clerk').textContent(), { timeout: 15_000 })
        .toMatch(/当前/);
      await desk.page.getByTestId('svc-call-next').click();
      const current = desk.page.getByTestId('svc-current');
      await expect.poll(() => current.getAttribute('data-number'), { timeout: 15_000 }).toBe(number);

      // The screen shows the call and says it once, in Mandarin.
      await expect
        .poll(() => tv.page.getByTestId('svc-screen-current').getAttribute('data-number'), {
          timeout: 15_000,
        })
        .toBe(number);
      await expect
        .poll(() => tv.page.evaluate(() => (window as unknown as { said: string[] }).said), {
          timeout: 10_000,
        })
        .toEqual([expect.stringMatching(new RegExp(`^zh-CN\\|请 ${number} 号到 .+办理$`))]);
      await shot(tv.page, '2-screen-1920');

      await desk.page.getByTestId('svc-start').click();
      await expect.poll(() => current.getAttribute('data-status')).toBe('serving');
      await desk.page.getByTestId('svc-accept-open').click();
      const form = desk.page.getByTestId('svc-accept-form');
      await form.waitFor();
      await desk.page.getByTestId('svc-accept-name').fill('卢秀英');
      await desk.page.getByTestId('svc-accept-phone').fill(LU_PHONE);
      await desk.page.getByTestId('svc-accept-id').fill(LU_ID);
      const values = { id_number: LU_ID, phone: LU_PHONE };
      await fillAttributes(desk.page, household.attributes, values);
      await shot(desk.page, '3-accept-1366');
      await desk.page.getByTestId('svc-accept-submit').click();
      // The second item of the visit follows with the same applicant.
      await expect
        .poll(() => desk.page.getByTestId('svc-accept-items').textContent(), { timeout: 15_000 })
        .toContain('✓');
      await fillAttributes(desk.page, driver.attributes, values);
      await desk.page.getByTestId('svc-accept-submit').click();
      await form.waitFor({ state: 'hidden', timeout: 15_000 });
      await expect
        .poll(() => desk.page.getByTestId('svc-current-cases').getAttribute('data-count'), {
          timeout: 15_000,
        })
        .toBe('2');
      await shot(desk.page, '4-serving-1366');

      await desk.page.getByTestId('svc-finish').click();
      await desk.page.getByTestId('svc-rate-5').click();
      await desk.page.getByTestId('svc-rate-5').waitFor({ state: 'hidden' });

      const { items: done } = (await (
        await staff.get(`/api/services/tickets?hallId=${hall.id}&status=done`)
      ).json()) as {
        items: { id: string; number: string; caseIds: string[] }[];
      };
      const served = done.find((x) => x.number === number)!;
      expect(served.caseIds).toHaveLength(2);
      const { items: cases } = (await (
        await staff.get(`/api/services/cases?hallId=${hall.id}&pageSize=50`)
      ).json()) as {
        items: { itemCode: string; status: string; ticketId: string | null; applicantName: string }[];
      };
      // Her two items, on her ticket (the hall's 2023 demo history has tickets of its own).
      const hers = cases.filter((c) => c.ticketId === served.id);
      expect(hers.map((c) => c.itemCode).sort()).toEqual([household.code, driver.code].sort());
      expect(hers.every((c) => c.applicantName !== '卢秀英')).toBe(true);
      await desk.page.getByRole('tab', { name: '办件' }).click();
      await desk.page.getByTestId('svc-case-row').first().waitFor();
      await shot(desk.page, '5-cases-1366');

      for (const w of [tv, kiosk, desk]) {
        expect(w.pageErrors).toEqual([]);
        expect(w.foreignRequests).toEqual([]);
        await w.context.close();
      }
    });

    it('a phone books with a one-time code, gets its reminder, checks in and gets a ticket (390×844)', async () => {
      const item = atHall('id-card') ?? atHall('household');
      const mobile = await watchedPage(browser, server.url, phone, device);
      const { page } = mobile;
      await page.goto(`${server.url}/book?hall=${hall.id}&item=${item.code}`);
      await page.getByTestId('svc-book').waitFor({ timeout: 90_000 });
      // The server's today: the slots already past are not offered, the next one is.
      await page.getByTestId('svc-book-date').fill(SERVER_START.slice(0, 10));
      await expect
        .poll(() => page.locator('[data-testid=svc-slot]:not([disabled])').count(), { timeout: 30_000 })
        .toBeGreaterThan(0);
      await expectFitsWidth(page, 'the booking page');
      await shot(page, '6-book-slots-390');
      await page.locator('[data-testid=svc-slot]:not([disabled])').first().click();
      await page.getByTestId('svc-book-held').waitFor();
      await page.getByTestId('svc-book-phone').fill(BOOK_PHONE);
      await page.getByTestId('svc-book-otp').click();
      await expect
        .poll(() => sent.some((m) => m.to === BOOK_PHONE && m.text.includes('验证码')), { timeout: 15_000 })
        .toBe(true);
      const code = /验证码为(\d{6})/.exec(sent.filter((m) => m.to === BOOK_PHONE).at(-1)!.text)![1]!;
      await page.getByTestId('svc-book-code').fill(code);
      await page.getByTestId('svc-book-name').fill('王建华');
      await page.getByTestId('svc-book-id').fill(idNumber('35052619850607003'));
      await fillAttributes(page, item.attributes, {
        id_number: idNumber('35052619850607003'),
        phone: BOOK_PHONE,
      });
      await shot(page, '7-book-form-390');
      await page.getByTestId('svc-book-submit').click();
      const done = page.getByTestId('svc-book-done');
      await done.waitFor({ timeout: 15_000 });
      const reference = (await done.getAttribute('data-reference'))!;
      expect(
        await page.evaluate((r) => localStorage.getItem(`ronghui.services.booking.${r}`), reference),
      ).toMatch(/.{16,}/);
      await shot(page, '8-booked-390');

      const appointment = (await (await staff.get(`/api/services/appointments/${reference}`)).json()) as {
        start: string;
        checkInFrom: string;
      };
      // The earliest slot of the morning is within the hour: the server's sweep (every 30 s) sends the
      // T−1 h reminder, once (the day-before one is moot by then).
      expect(Date.parse(appointment.start) - Date.parse(SERVER_START)).toBeLessThanOrEqual(3_600_000);
      const reminders = () =>
        sent.filter((m) => m.to === BOOK_PHONE && m.text.includes('提醒') && m.text.includes(reference));
      await expect.poll(() => reminders().length, { timeout: 75_000, interval: 2_000 }).toBe(1);
      expect(reminders()[0]!.text).toContain('1小时后');

      await page.getByTestId('svc-book-manage').click();
      await page.getByTestId('svc-manage').waitFor();
      // Check-in opens 30 minutes before the start: it is open now.
      expect(Date.parse(appointment.checkInFrom)).toBeLessThanOrEqual(Date.parse(SERVER_START) + 60_000);
      await page.getByTestId('svc-manage-checkin').click();
      await page.getByTestId('svc-manage-ticket').waitFor({ timeout: 15_000 });
      const ticketNumber = (await page.getByTestId('svc-manage-ticket').textContent())!.match(
        /[A-E]\d{3}/,
      )![0];
      await expectFitsWidth(page, 'the booking page');
      await shot(page, '9-manage-390');

      // The window serves the booking: called (appointments first), the item done on the spot, finished.
      const counter = hall.counters.find((c) => c.itemCodes === null) ?? hall.counters[0]!;
      const ok = async (res: Promise<APIResponse>, status = 200) => {
        const r = await res;
        expect(r.status(), await r.text()).toBe(status);
        return r;
      };
      await ok(staff.post(`/api/services/halls/${hall.id}/counters/${counter.id}/sign-in`, { data: {} }));
      const called = (await (
        await ok(staff.post('/api/services/tickets/call-next', { data: { counterId: counter.id } }))
      ).json()) as { id: string; number: string };
      expect(called.number).toBe(ticketNumber);
      await ok(staff.post(`/api/services/tickets/${called.id}/start`, { data: {} }));
      const opened = (await (
        await ok(
          staff.post('/api/services/cases', {
            data: {
              itemCode: item.code,
              hallId: hall.id,
              ticketId: called.id,
              applicantName: '王建华',
              applicantPhone: BOOK_PHONE,
            },
          }),
          201,
        )
      ).json()) as { id: string; number: string; status: string };
      if (opened.status !== 'completed')
        await ok(staff.post(`/api/services/cases/${opened.id}/steps`, { data: { step: 'complete' } }));
      await ok(staff.post(`/api/services/tickets/${called.id}/finish`, { data: {} }));

      // The phone sees the visit completed with its case, and rates it (the booking's token proves it).
      await page.reload();
      await expect
        .poll(() => page.getByTestId('svc-manage').getAttribute('data-status'), { timeout: 15_000 })
        .toBe('completed');
      expect(await page.getByTestId('svc-manage-case').inputValue()).toBe(opened.number);
      await page.getByTestId('svc-rate-5').click();
      await page.getByText(/感谢/).first().waitFor({ timeout: 15_000 });
      await shot(page, '10-rated-390');
      // The day's figures count both of today's ratings: 卢女士's at the window and this one from the phone.
      const day = SERVER_START.slice(0, 10);
      const stats = (await (
        await ok(staff.get(`/api/services/stats?from=${day}&to=${day}&hallId=${hall.id}`))
      ).json()) as { ratings: number; satisfactionRate: number; visits: number };
      expect(stats).toMatchObject({ ratings: 2, satisfactionRate: 1, visits: 2 });
      expect(mobile.pageErrors).toEqual([]);
      expect(mobile.foreignRequests).toEqual([]);
      await mobile.context.close();
    });
  },
);
