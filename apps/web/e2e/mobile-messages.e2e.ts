import { type APIRequestContext, type Browser, type Page, request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/src/demo/demo-accounts.ts';
import { launchBrowser, shotsDir, watchedPage } from '../../../test/support/browser.ts';
import { hasChromium } from '../../../test/support/env.ts';
import { device, expectFitsWidth, narrow, phone, tapTab } from './phone-support.ts';
import { startTestServer } from '../../../test/support/server.ts';

const shots = shotsDir;

interface Me {
  id: string;
  scope: { orgId: string };
}
interface Listed {
  id: string;
  text: string;
  incidentId: string | null;
  from: { username: string };
  to: { users?: string[]; group?: string };
}

/** Every one of these controls is at least 48 px high (thumbs, gloves). */
async function expectTouchTargets(page: Page, selector: string): Promise<void> {
  const boxes = await page.locator(selector).all();
  expect(boxes.length, selector).toBeGreaterThan(0);
  for (const control of boxes) {
    const box = await control.boundingBox();
    expect(box?.height ?? 0, selector).toBeGreaterThanOrEqual(48);
  }
}

describe.skipIf(!hasChromium())('phone app: reading, answering and group messages', () => {
  let server: { url: string; close(): Promise<void> };
  let browser: Browser;
  const apis: APIRequestContext[] = [];

  /** An API session of a demo user, and who they are. */
  async function as(username: string): Promise<{ api: APIRequestContext; me: Me }> {
    const api = await request.newContext({ baseURL: server.url });
    apis.push(api);
    const login = await api.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
    expect(login.status(), await login.text()).toBeLessThan(300);
    return { api, me: (await (await api.get('/api/auth/me')).json()) as Me };
  }

  async function inbox(api: APIRequestContext): Promise<Listed[]> {
    const res = await api.get('/api/messages?box=inbox&limit=500');
    expect(res.status()).toBe(200);
    return ((await res.json()) as { items: Listed[] }).items;
  }

  /** The officer signed in on a phone, on the 消息 tab. */
  async function officerPhone(viewport: { width: number; height: number }) {
    const watched = await watchedPage(browser, server.url, viewport, device);
    const { page } = watched;
    await page.goto(`${server.url}/login`);
    await page.getByLabel('用户名').waitFor({ timeout: 90_000 });
    await page.getByLabel('用户名').fill('officer-yangmei');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.locator('button[type=submit]').click();
    await page.waitForURL(/\/m\//);
    await page.getByTestId('mobile-tabs').waitFor();
    await page.waitForLoadState('networkidle');
    await tapTab(page, 'messages');
    await page.getByTestId('mobile-messages').waitFor();
    return watched;
  }

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const api of apis) await api.dispose();
    await browser?.close();
    await server?.close();
  });

  it('opens an order, answers it with a quick reply offline, and the reply reaches the sender once', async () => {
    const officer = await as('officer-yangmei');
    const dispatcher = await as('dispatcher-north');
    const created = await dispatcher.api.post('/api/incidents', {
      data: {
        source: '110',
        category: '刑事',
        priority: 1,
        description: '杨梅乡农贸市场发生斗殴',
        address: '德化县杨梅乡',
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    const incident = (await created.json()) as { id: string; number: string };
    const order = await dispatcher.api.post('/api/messages', {
      data: {
        to: { stations: [officer.me.scope.orgId] },
        kind: 'order',
        text: '杨梅乡农贸市场斗殴，请立即出警并随时报告',
        incidentId: incident.id,
      },
    });
    expect(order.status(), await order.text()).toBe(201);

    const { page, context, pageErrors, cspViolations } = await officerPhone(phone);
    const card = page.getByTestId('mobile-message').filter({ hasText: '农贸市场斗殴' });
    await card.waitFor();
    await page.screenshot({ path: `${shots}/mobile-msgs-inbox-390.png` });
    await card.getByTestId('mobile-message-open').click();
    const detail = page.getByTestId('mobile-message-detail');
    await detail.waitFor();
    expect(await page.getByTestId('mobile-message-text').textContent()).toBe(
      '杨梅乡农贸市场斗殴，请立即出警并随时报告',
    );
    expect(await detail.textContent()).toContain('指令');
    // The incident it concerns, by number once loaded; who has not acknowledged the order yet.
    await expect
      .poll(async () => (await page.getByTestId('mobile-message-incident').textContent()) ?? '')
      .toContain(incident.number);
    expect((await page.getByTestId('mobile-not-acked').textContent()) ?? '').toMatch(/未签收（\d+）/);
    await expectTouchTargets(page, '[data-testid=mobile-quick-reply]');
    await expectTouchTargets(page, '[data-testid=mobile-send]');
    await page.screenshot({ path: `${shots}/mobile-msgs-detail-390.png`, fullPage: true });

    // No network: the reply waits in the outbox and says so.
    await context.setOffline(true);
    await page.getByTestId('mobile-quick-reply').filter({ hasText: '收到' }).click();
    expect(await page.getByRole('textbox').inputValue()).toBe('收到');
    await page.getByTestId('mobile-send').click();
    const mine = page.getByTestId('mobile-my-reply');
    await mine.getByTestId('mobile-send-waiting').waitFor();
    expect(await mine.getByTestId('mobile-send-waiting').textContent()).toBe('待发送');
    expect(await page.getByRole('textbox').inputValue()).toBe('');
    await expect
      .poll(async () => (await page.getByTestId('outbox-status').textContent()) ?? '')
      .toContain('1');
    await page.screenshot({ path: `${shots}/mobile-msgs-reply-offline-390.png`, fullPage: true });
    const replies = async () =>
      (await inbox(dispatcher.api)).filter(
        (m) => m.from.username === 'officer-yangmei' && m.text === '收到' && m.incidentId === incident.id,
      );
    expect(await replies()).toHaveLength(0);

    // Back online: sent, exactly once, to the dispatcher who gave the order.
    await context.setOffline(false);
    await mine.getByTestId('mobile-send-done').waitFor({ timeout: 60_000 });
    await expect.poll(async () => (await replies()).length, { timeout: 30_000 }).toBe(1);
    await expect
      .poll(async () => (await page.getByTestId('outbox-status').textContent()) ?? '')
      .toContain('0');
    const [reply] = await replies();
    expect(reply?.to).toEqual({ users: [dispatcher.me.id] });
    await new Promise((r) => setTimeout(r, 2000));
    expect(await replies()).toHaveLength(1);
    await page.screenshot({ path: `${shots}/mobile-msgs-reply-sent-390.png`, fullPage: true });

    // 已发 lists it; the back button returns to the inbox.
    await page.getByTestId('mobile-message-back').click();
    await page.getByTestId('mobile-message').first().waitFor();
    await page.getByTestId('mobile-message-views').getByText('已发').click();
    await page.getByTestId('mobile-sent-message').filter({ hasText: '收到' }).waitFor();
    await page.screenshot({ path: `${shots}/mobile-msgs-sent-390.png` });

    expect(pageErrors).toEqual([]);
    expect(cspViolations).toEqual([]);
    await context.close();
  });

  it('shows the groups the station’s units are in and writes to one, at 360 px without sideways scrolling', async () => {
    const officer = await as('officer-yangmei');
    const commander = await as('commander');
    const colleague = await as('officer-shangyong');
    const units = (await (await commander.api.get('/api/units')).json()) as {
      items: { id: string; stationId: string }[];
    };
    const yangmeiUnit = units.items.find((u) => u.stationId === officer.me.scope.orgId);
    expect(yangmeiUnit).toBeDefined();
    // The officer is not named: the group reaches her through her station's unit.
    const group = await commander.api.post('/api/message-groups', {
      data: { name: '杨梅上涌联合巡逻组', members: [yangmeiUnit!.id, colleague.me.id] },
    });
    expect(group.status(), await group.text()).toBe(201);
    const groupId = ((await group.json()) as { id: string }).id;

    const toGroup = await commander.api.post('/api/messages', {
      data: { to: { group: groupId }, kind: 'message', text: '今晚联合巡逻22点出发' },
    });
    expect(toGroup.status(), await toGroup.text()).toBe(201);
    const toGroupId = ((await toGroup.json()) as { id: string }).id;

    const { page, context, pageErrors, cspViolations } = await officerPhone(narrow);
    // Sent to her station's unit: she acknowledges it for the unit.
    const groupCard = page.getByTestId('mobile-message').filter({ hasText: '今晚联合巡逻22点出发' });
    await groupCard.getByRole('button', { name: /签\s?收/ }).click();
    await groupCard.getByText('已签收', { exact: true }).waitFor({ timeout: 30_000 });
    const seen = (await (await commander.api.get(`/api/messages/${toGroupId}`)).json()) as {
      recipients: { id: string; state: string }[];
    };
    expect(seen.recipients.find((r) => r.id === yangmeiUnit!.id)?.state).toBe('acknowledged');
    expect(seen.recipients.find((r) => r.id === colleague.me.id)?.state).not.toBe('acknowledged');
    await expectFitsWidth(page, 'inbox at 360');
    await expectTouchTargets(page, '.m-segmented .ant-segmented-item');
    await expectTouchTargets(page, '[data-testid=mobile-write]');
    await expectTouchTargets(page, '[data-testid=mobile-message-open]');
    await page.getByTestId('mobile-message-views').getByText('群组').click();
    const card = page.getByTestId('mobile-group').filter({ hasText: '杨梅上涌联合巡逻组' });
    await card.waitFor();
    await expectFitsWidth(page, 'groups at 360');
    await page.screenshot({ path: `${shots}/mobile-msgs-groups-360.png` });

    await card.getByRole('button').click();
    const sheet = page.getByTestId('mobile-compose');
    await sheet.waitFor();
    // Her station is offered as well; the group tapped is chosen.
    expect((await page.getByTestId('mobile-compose-targets').textContent()) ?? '').toContain(
      '本所 · 杨梅派出所',
    );
    expect(await sheet.getByRole('radio', { name: '群组 · 杨梅上涌联合巡逻组' }).isChecked()).toBe(true);
    await expectTouchTargets(page, '.m-target');
    await sheet.getByTestId('mobile-quick-reply').filter({ hasText: '已到达现场' }).click();
    await sheet.getByRole('textbox').fill('已到达现场，杨梅路口无异常');
    await expectFitsWidth(page, 'compose at 360');
    await page.screenshot({ path: `${shots}/mobile-msgs-compose-360.png` });
    await sheet.getByTestId('mobile-send').click();
    await sheet.waitFor({ state: 'hidden' });
    await page
      .getByTestId('mobile-sent-message')
      .filter({ hasText: '杨梅路口无异常' })
      .waitFor({ timeout: 30_000 });
    await expectFitsWidth(page, 'sent at 360');
    await page.screenshot({ path: `${shots}/mobile-msgs-sent-360.png` });

    // Her own message is in 已发, not in her inbox (which it reaches through her station's unit).
    await page.getByTestId('mobile-message-views').getByText('收件').click();
    await page.getByTestId('mobile-message').first().waitFor();
    expect(await page.getByTestId('mobile-messages').textContent()).not.toContain('杨梅路口无异常');
    await page.getByTestId('mobile-message-views').getByText('已发').click();

    const received = (await inbox(colleague.api)).filter((m) => m.text === '已到达现场，杨梅路口无异常');
    expect(received).toHaveLength(1);
    expect(received[0]?.to).toEqual({ group: groupId });
    expect(received[0]?.from.username).toBe('officer-yangmei');

    // A message of the group opened at 360 px: nothing wider than the screen either.
    await page
      .getByTestId('mobile-sent-message')
      .filter({ hasText: '杨梅路口无异常' })
      .getByTestId('mobile-message-open')
      .click();
    await page.getByTestId('mobile-message-detail').waitFor();
    await expectFitsWidth(page, 'detail at 360');
    await page.screenshot({ path: `${shots}/mobile-msgs-own-detail-360.png` });

    expect(pageErrors).toEqual([]);
    expect(cspViolations).toEqual([]);
    await context.close();
  });
});
