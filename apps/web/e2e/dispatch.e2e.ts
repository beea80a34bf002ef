import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium } from '../../../test/support/env.ts';
import {
  launchBrowser,
  openConsole,
  shotsDir,
  signIn,
  type WatchedPage,
  watchedPage,
} from '../../../test/support/browser.ts';
import { startTestServer } from '../../../test/support/server.ts';

const shots = shotsDir;
const small = { width: 1366, height: 768 };
const large = { width: 1920, height: 1080 };

describe.skipIf(!hasChromium())('command console (指挥调度)', () => {
  let server: { url: string; close(): Promise<void> };
  let browser: Browser;

  beforeAll(async () => {
    // A year of (lightly populated) demo history, for the big screen's year-on-year panel.
    server = await startTestServer({ env: { DEMO_HISTORY_DAYS: '400', SIM_INCIDENTS_PER_DAY: '8' } });
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function signedIn(
    username: string,
    viewport: { width: number; height: number },
  ): Promise<WatchedPage> {
    const watched = await watchedPage(browser, server.url, viewport);
    await signIn(watched.page, server.url, username);
    await openConsole(watched.page, server.url);
    return watched;
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: `${shots}/dispatch-${name}.png` });

  it('takes the 杨梅乡 call, asks the area for 2 per station, sees a station commit live, closes it', async () => {
    const dispatcher = await signedIn('dispatcher-north', small);
    const d = dispatcher.page;
    await d.waitForFunction(
      () => Number(document.querySelector('[data-testid=dispatch-map]')?.getAttribute('data-units')) > 0,
    );
    await shot(d, '1-console-1366');

    // Intake: category from the tree, the address typed as the caller said it.
    await d.getByLabel('警情类别').click();
    await d.keyboard.type('刑事');
    await d
      .locator('.ant-select-tree-node-content-wrapper')
      .filter({ hasText: /^刑事$/ })
      .first()
      .click();
    // The gazetteer completes the address: type part of it and take the suggestion.
    await d.getByLabel('地址').pressSequentially('德化县杨梅', { delay: 30 });
    await d
      .getByTestId('address-suggestion')
      .filter({ hasText: /^乡镇德化县杨梅乡$/ })
      .waitFor();
    await shot(d, '1b-address-suggestions');
    await d
      .getByTestId('address-suggestion')
      .filter({ hasText: /^乡镇德化县杨梅乡$/ })
      .click();
    expect(await d.getByLabel('地址').inputValue()).toBe('德化县杨梅乡');
    await d.getByLabel('简要警情').fill('涉嫌盗窃的犯罪嫌疑人出现在杨梅乡');
    await d.getByLabel('报警人').fill('王先生');
    await d.getByLabel('联系电话').fill('13812345678');
    await d.getByRole('button', { name: '接警登记' }).click();

    const panel = d.getByTestId('incident-panel');
    await panel.waitFor({ timeout: 30_000 });
    const number = (await d.getByTestId('incident-number').textContent()) ?? '';
    expect(number).toMatch(/^350526-\d{8}-\d{4}$/);
    expect(await panel.textContent()).toContain('杨梅派出所');
    await d.getByTestId('incident-timers').waitFor();
    const recs = d.getByTestId('recommendations');
    await recs.locator('tbody tr.ant-table-row').first().waitFor({ timeout: 30_000 });
    expect(await recs.textContent()).toMatch(/杨梅\d+/);
    await shot(d, '2-incident-recommendations-1366');

    // "Each station of 北片 sends 2".
    await recs.getByLabel('每所人数').fill('2');
    await recs.getByRole('button', { name: /片区联勤请求/ }).click();
    const board = d.getByTestId('request-board');
    await board.waitFor({ timeout: 30_000 });
    expect(await board.locator('tbody tr.ant-table-row').count()).toBe(5);
    expect(await board.getAttribute('data-committed')).toBe('0');
    await board.scrollIntoViewIfNeeded();
    await shot(d, '3-request-board-1366');
    const liveVersion = Number(await d.getByTestId('dispatch-map-frame').getAttribute('data-live-version'));

    // The 杨梅 duty officer, in another browser, commits two units.
    const officer = await signedIn('officer-yangmei', small);
    const o = officer.page;
    const request = o.getByTestId('station-request').first();
    await request.waitFor({ timeout: 30_000 });
    expect(await request.textContent()).toContain(number);
    await shot(o, '4-officer-request-1366');
    await request.getByTestId('commit-units').click();
    const options = o.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await options.first().waitFor();
    await options.nth(0).click();
    await options.nth(1).click();
    await o.keyboard.press('Escape');
    await request.getByRole('button', { name: /承诺出警（2）/ }).click();
    await o.getByText('本所暂无待答复的派警请求').waitFor({ timeout: 30_000 });
    await shot(o, '5-officer-committed-1366');

    // The dispatcher's board fills in by itself (request.changed over the live channel).
    await d.waitForFunction(
      () => document.querySelector('[data-testid=request-board]')?.getAttribute('data-committed') === '2',
      undefined,
      { timeout: 30_000 },
    );
    expect(await board.textContent()).toContain('已承诺');
    // The committed units' status changes reached the map over the live channel too.
    await d.waitForFunction(
      (v) =>
        Number(
          document.querySelector('[data-testid=dispatch-map-frame]')?.getAttribute('data-live-version'),
        ) > v,
      liveVersion,
    );
    await d.waitForFunction(
      () =>
        document.querySelector('[data-testid=incident-panel]')?.getAttribute('data-status') === 'dispatched',
      undefined,
      { timeout: 30_000 },
    );
    await board.scrollIntoViewIfNeeded();
    await shot(d, '6-board-committed-1366');

    // Close: on scene → resolved (with a disposition) → closed.
    for (const [button, status] of [
      ['已到场', 'on-scene'],
      ['处置完毕', 'resolved'],
      ['结警', 'closed'],
    ] as const) {
      await panel.getByRole('button', { name: button, exact: true }).click();
      await d.waitForFunction(
        (s) => document.querySelector('[data-testid=incident-panel]')?.getAttribute('data-status') === s,
        status,
        { timeout: 30_000 },
      );
    }
    expect(await panel.textContent()).toContain('已结警');
    await shot(d, '7-closed-1366');

    await d.setViewportSize(large);
    await d.waitForTimeout(500);
    await d.locator('[data-testid=dispatch-map][data-map-state=idle]').waitFor();
    await shot(d, '8-console-1920');

    // An order to the station reaches the officer's inbox, who acknowledges it.
    await d.getByRole('tab', { name: '消息' }).click();
    const messages = d.getByTestId('message-panel');
    await messages.getByLabel('发送给（派出所/片区）').click();
    await d.keyboard.type('杨梅派出所');
    await d.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    await d.keyboard.press('Escape');
    await messages.getByLabel('输入内容，回车发送').fill('请杨梅派出所加强夜间巡逻');
    await messages.getByRole('button', { name: '发送' }).click();
    await messages.getByRole('tab', { name: '已发送' }).or(messages.getByText('已发送')).first().click();
    await messages.getByText('请杨梅派出所加强夜间巡逻').waitFor({ timeout: 30_000 });
    await o.getByRole('tab', { name: '消息' }).click();
    const inbox = o.getByTestId('message-panel');
    await inbox.getByText('请杨梅派出所加强夜间巡逻').waitFor({ timeout: 30_000 });
    await inbox.getByRole('button', { name: '签收' }).first().click();
    await inbox.getByRole('button', { name: '签收' }).waitFor({ state: 'detached', timeout: 30_000 });
    await shot(o, '8b-officer-message-1366');

    // A unit's emergency button: the dispatcher cannot miss it and takes it in hand.
    const pressed = await o.request.post(`${server.url}/api/units/u-350526200-01/emergency`, {
      data: { note: '遭遇持刀嫌疑人' },
    });
    expect(pressed.status()).toBe(201);
    const alert = d.getByTestId('emergency-alert');
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.textContent()).toContain('遭遇持刀嫌疑人');
    await d.waitForTimeout(600); // the modal's opening animation
    await shot(d, '9-emergency-1920');
    await d.getByRole('button', { name: '立即处置' }).click();
    await alert.waitFor({ state: 'detached', timeout: 30_000 });

    for (const w of [dispatcher, officer]) {
      expect(w.pageErrors, w.pageErrors.join('\n')).toEqual([]);
      expect(w.foreignRequests).toEqual([]);
      expect(w.cspViolations).toEqual([]);
    }
    await officer.context.close();
    await dispatcher.context.close();
  }, 240_000);

  it('lets a joint area refer an incident up, and alerts the county command centre', async () => {
    const county = await signedIn('dispatcher', small);
    const north = await signedIn('dispatcher-north', small);
    const n = north.page;
    const created = await n.request.post(`${server.url}/api/incidents`, {
      data: {
        source: '110',
        category: '刑事',
        priority: 1,
        description: '盗窃嫌疑人驾车离开杨梅乡',
        address: '德化县杨梅乡',
      },
    });
    expect(created.status()).toBe(201);
    const { id, number } = (await created.json()) as { id: string; number: string };
    await n.getByTestId('dispatch-map-frame').getByRole('combobox').first().fill(number.slice(-9));
    await n.locator('.ant-select-item-option').filter({ hasText: number }).first().click();
    await n.getByTestId('incident-panel').waitFor();

    // Another area's station is not the joint area's to task: the server says who is.
    const xunzhong = await n.evaluate(async (incident) => {
      const res = await fetch(`/api/incidents/${incident}/requests`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ stations: ['station-350526100'], perStation: 1 }),
      });
      return { status: res.status, body: (await res.json()) as { detail: string } };
    }, id);
    expect(xunzhong.status).toBe(403);
    expect(xunzhong.body.detail).toMatch(/county command centre/);

    await n.getByTestId('escalate').click();
    await expect.poll(() => n.getByTestId('escalate-ok').isDisabled()).toBe(true);
    await n.getByLabel('上报原因').fill('嫌疑人驾车逃往浔中方向，需中片设卡拦截');
    await n.locator('.ant-modal').filter({ hasText: '上报县局指挥中心' }).waitFor();
    await n.waitForTimeout(400);
    await shot(n, '5-escalate-form-1366');
    await n.getByTestId('escalate-ok').click();
    await n.getByTestId('escalated-tag').waitFor();
    await expect.poll(() => n.getByTestId('incident-timeline').textContent()).toContain('上报县局指挥中心');

    // The county console is told at once, and opens the incident from the notice.
    const c = county.page;
    const notice = c.locator('.ant-notification-notice').filter({ hasText: number });
    await notice.waitFor({ timeout: 10_000 });
    expect(await notice.textContent()).toContain('北片联勤区上报警情');
    expect(await notice.getByTestId('escalation-notice').textContent()).toBe(
      '嫌疑人驾车逃往浔中方向，需中片设卡拦截',
    );
    await shot(c, '6-escalation-notice-1366');
    await notice.getByRole('button', { name: '查看警情' }).click();
    await expect.poll(() => c.getByTestId('incident-number').textContent()).toBe(number);
    await c.getByTestId('escalated-tag').waitFor();
    expect(await c.getByTestId('escalate').count()).toBe(0);
    // The reason stays on the timeline after the notice is gone.
    await expect
      .poll(() => c.getByTestId('incident-timeline').textContent())
      .toContain('嫌疑人驾车逃往浔中方向，需中片设卡拦截');
    await shot(c, '7-escalated-incident-1366');
    for (const w of [county, north]) expect(w.pageErrors, w.pageErrors.join('\n')).toEqual([]);
    await north.context.close();
    await county.context.close();
  });

  it('draws the rapid response circle and shows the big screen at 1920×1080', async () => {
    const w = await signedIn('dispatcher-north', large);
    const page = w.page;
    // The circle around a unit chosen on the status board.
    await page.getByRole('tab', { name: '警力' }).click();
    await page.getByTestId('unit-board').locator('tbody tr.ant-table-row').first().click();
    await page.getByRole('button', { name: '快速反应圈' }).click();
    const iso = page.waitForResponse((r) => r.url().includes('/api/routing/isochrone') && r.ok());
    await page.getByRole('button', { name: '以选中警力' }).click();
    await iso;
    await page.locator('[data-testid=dispatch-map][data-map-state=idle]').waitFor();
    await shot(page, 'isochrone-1920');

    await page.goto(`${server.url}/bigscreen`);
    await page.getByTestId('bigscreen').waitFor();
    await page.locator('[data-testid=bigscreen-map][data-map-state=idle]').waitFor({ timeout: 60_000 });
    await page.locator('[data-testid=chart-units] canvas').waitFor();
    // 比降: the last 30 days against the same days last year, as the API counts them.
    await page.locator('[data-testid=chart-trend] canvas').waitFor();
    const trend = (await page.evaluate(() =>
      fetch('/api/incidents/trend?days=30').then((r) => r.json()),
    )) as { total: number; lastYearTotal: number; changePercent: number | null };
    expect(trend.lastYearTotal).toBeGreaterThan(0);
    await page
      .getByTestId('trend-change')
      .filter({ hasText: `${trend.total} 起 / 去年同期 ${trend.lastYearTotal} 起` })
      .waitFor();
    const change = await page.getByTestId('trend-change').textContent();
    expect(change).toContain(`${Math.abs(trend.changePercent!)}%`);
    await page.waitForTimeout(1000);
    await shot(page, 'bigscreen-1920');
    expect(w.pageErrors, w.pageErrors.join('\n')).toEqual([]);
    expect(w.foreignRequests).toEqual([]);
    expect(w.cspViolations).toEqual([]);
    await w.context.close();
  }, 180_000);
});
