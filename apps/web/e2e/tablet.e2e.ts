import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium } from '../../../test/support/env.ts';
import { launchBrowser, signIn, type WatchedPage, watchedPage } from '../../../test/support/browser.ts';
import { startTestServer } from '../../../test/support/server.ts';

// Looked at by people, not compared by the test: one picture per screen and size.
const shots = process.env.TABLET_SHOTS_DIR ?? join(tmpdir(), 'tablet-shots');

interface Device {
  name: string;
  viewport: { width: number; height: number };
  /** Chromium's phone emulation: touch, a mobile viewport that zooms out to fit wide content, 3× pixels. */
  phone?: { isMobile: boolean; hasTouch: boolean; deviceScaleFactor: number };
}

const devices: readonly Device[] = [
  { name: 'portrait-768', viewport: { width: 768, height: 1024 } },
  { name: 'landscape-1024', viewport: { width: 1024, height: 768 } },
  {
    name: 'phone-390',
    viewport: { width: 390, height: 844 },
    phone: { isMobile: true, hasTouch: true, deviceScaleFactor: 3 },
  },
];

/** Below this width the side menu is a drawer behind the top bar's menu button. */
const drawerBelow = 992;

interface Screen {
  path: string;
  /** The menu entry that leads there. */
  menu: string;
  ready: (page: Page) => Promise<void>;
  /** A button on the page that opens a form in a dialog, which must fit the screen too. */
  dialog?: string;
}

const idleMap = (testId: string) => (page: Page) =>
  page.locator(`[data-testid=${testId}][data-map-state=idle]`).waitFor({ timeout: 90_000 });
const shown = (selector: string) => (page: Page) => page.locator(selector).first().waitFor();

/** Each account opens the screens it may see; together they cover every console page but the wall screen. */
const accounts: readonly { username: string; screens: readonly Screen[]; tabletOnly?: boolean }[] = [
  {
    username: 'commander',
    screens: [
      { path: '/', menu: '首页', ready: idleMap('org-map') },
      { path: '/dispatch', menu: '指挥调度', ready: idleMap('dispatch-map') },
      {
        path: '/cameras',
        menu: '首页',
        ready: shown('[data-testid=camera-table] tbody tr.ant-table-row'),
        dialog: '登记摄像机',
      },
      { path: '/cameras/cam-ceramics-museum', menu: '首页', ready: shown('[data-testid=camera-frame]') },
      { path: '/admin/orgs', menu: '组织机构', ready: shown('[data-testid=org-tree]') },
      { path: '/grid', menu: '网格治理', ready: idleMap('grid-map') },
      {
        path: '/volunteers',
        menu: '群防群治',
        ready: shown('[data-testid=volunteers-page] tbody tr.ant-table-row'),
      },
      { path: '/traffic', menu: '智慧交通', ready: idleMap('traffic-map') },
    ],
  },
  {
    username: 'leader',
    screens: [
      { path: '/services', menu: '政务服务', ready: shown('[data-testid=services-page] .ant-tabs-tab') },
      { path: '/welfare', menu: '队伍建设', ready: shown('[data-testid=welfare-page] .ant-tabs-tab') },
      { path: '/stats', menu: '数据统计', ready: shown('[data-testid=stats-page] .ant-tabs-tab') },
    ],
  },
  {
    username: 'analyst',
    screens: [
      { path: '/intel', menu: '研判分析', ready: idleMap('intel-map') },
      { path: 'report', menu: '研判分析', ready: shown('[data-testid=intel-report]') },
    ],
  },
  {
    username: 'system-admin',
    screens: [
      { path: '/admin/users', menu: '用户与角色', ready: shown('.ant-table-row'), dialog: '新建用户' },
    ],
  },
  {
    username: 'auditor',
    screens: [
      { path: '/admin/audit', menu: '审计日志', ready: shown('[data-testid=audit-table] .ant-table-row') },
    ],
  },
  // A station's console; on a phone a field role is sent to the phone app (/m/) instead.
  {
    username: 'officer',
    tabletOnly: true,
    screens: [{ path: '/dispatch', menu: '指挥调度', ready: idleMap('dispatch-map') }],
  },
];

describe.skipIf(!hasChromium())('the console on tablets and phones', () => {
  let server: { url: string; close(): Promise<void> };
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    server = await startTestServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const open = (device: Device): Promise<WatchedPage> =>
    watchedPage(browser, server.url, device.viewport, device.phone);

  const shot = (page: Page, name: string) => page.screenshot({ path: `${shots}/${name}.png` });

  /** Neither the document nor the console's content area scrolls sideways, and a phone is not zoomed out. */
  async function expectNoSidewaysScroll(page: Page, device: Device, where: string): Promise<void> {
    const m = await page.evaluate(() => {
      const content = document.querySelector('.ant-layout-content');
      return {
        document: document.documentElement.scrollWidth,
        window: window.innerWidth,
        content: content ? content.scrollWidth - content.clientWidth : 0,
      };
    });
    expect(m.document, `${where}: the document is wider than the window`).toBeLessThanOrEqual(m.window);
    // A mobile viewport widens itself to fit content that is too wide: the window must stay the phone's.
    expect(m.window, `${where}: the window grew past the screen`).toBe(device.viewport.width);
    expect(m.content, `${where}: the content area scrolls sideways`).toBeLessThanOrEqual(0);
  }

  /** All of the element's box is on screen. */
  async function expectOnScreen(locator: Locator, device: Device, what: string): Promise<void> {
    await locator.scrollIntoViewIfNeeded();
    const box = await locator.boundingBox();
    expect(box, `${what} is not shown`).not.toBeNull();
    const { x, width } = box!;
    expect(x, `${what} starts left of the screen`).toBeGreaterThanOrEqual(0);
    expect(x + width, `${what} ends right of the screen`).toBeLessThanOrEqual(device.viewport.width + 0.5);
  }

  /** The menu is on screen (narrow: behind the menu button) and its entry `label` leads where it should. */
  async function expectMenu(
    page: Page,
    device: Device,
    label: string,
    where: string,
    picture?: string,
  ): Promise<void> {
    const button = page.getByTestId('menu-button');
    if (device.viewport.width < drawerBelow) {
      await expectOnScreen(button, device, `${where}: the menu button`);
      await button.click();
      const drawer = page.getByTestId('menu-drawer');
      const entry = drawer.getByRole('menuitem').filter({ hasText: label }).first();
      await entry.waitFor();
      // The drawer slides in from the left: wait for it to come to rest (on a busy machine the slide
      // takes a while), then it must be wholly on screen.
      await expect
        .poll(async () => (await entry.boundingBox())?.x ?? -1, { timeout: 10_000 })
        .toBeGreaterThanOrEqual(0);
      await expectOnScreen(entry, device, `${where}: the menu entry ${label}`);
      if (picture) await shot(page, picture);
      await page.keyboard.press('Escape');
      await drawer.locator('.ant-drawer-content').waitFor({ state: 'hidden' });
    } else {
      expect(await button.count(), `${where}: a menu button beside the side menu`).toBe(0);
      // From 992 px the side menu stays on screen (icons only below 1200 px).
      const items = page.getByTestId('side-menu').getByRole('menuitem');
      expect(await items.count()).toBeGreaterThan(1);
      await expectOnScreen(items.first(), device, `${where}: the side menu`);
    }
  }

  /** The dialog opened by `button` is on screen, its fields and buttons too, and closes again. */
  async function expectDialog(page: Page, device: Device, button: string, where: string): Promise<void> {
    await page.getByRole('button', { name: button }).click();
    // Some dialogs stay in the page while closed: only the open one counts.
    const dialog = page.locator('.ant-modal').filter({ visible: true }).first();
    await dialog.waitFor();
    await page.waitForTimeout(400); // the opening animation
    const box = (await dialog.boundingBox())!;
    expect(box.x, `${where}: the dialog starts left of the screen`).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, `${where}: the dialog ends right of the screen`).toBeLessThanOrEqual(
      device.viewport.width + 0.5,
    );
    // Every field fits across the screen (the page scrolls down to the lower ones).
    for (const field of await dialog.locator('.ant-form-item:visible').all()) {
      const f = (await field.boundingBox())!;
      expect(f.x, `${where}: a field starts left of the screen`).toBeGreaterThanOrEqual(0);
      expect(f.x + f.width, `${where}: a field ends right of the screen`).toBeLessThanOrEqual(
        device.viewport.width + 0.5,
      );
    }
    await expectOnScreen(
      dialog.locator('.ant-modal-footer button').last(),
      device,
      `${where}: the save button`,
    );
    await expectNoSidewaysScroll(page, device, where);
    await shot(page, `dialog-${button}-${device.name}`);
    await dialog.locator('.ant-modal-footer button').first().click();
    await dialog.waitFor({ state: 'hidden' });
  }

  it('fits the sign-in page on every screen', async () => {
    for (const device of devices) {
      const { page, context, pageErrors } = await open(device);
      await page.goto(`${server.url}/login`);
      await page.getByTestId('demo-hint').waitFor({ timeout: 90_000 });
      await expectNoSidewaysScroll(page, device, `/login at ${device.name}`);
      await expectOnScreen(page.locator('button[type=submit]'), device, 'the sign-in button');
      await shot(page, `login-${device.name}`);
      expect(pageErrors).toEqual([]);
      await context.close();
    }
  });

  for (const device of devices) {
    for (const account of accounts) {
      if (account.tabletOnly && device.phone) continue;
      it(`shows ${account.username}'s screens whole at ${device.name}`, async () => {
        const { page, context, pageErrors } = await open(device);
        await signIn(page, server.url, account.username);
        for (const screen of account.screens) {
          let path = screen.path;
          if (path === 'report') {
            const created = await page.request.post(`${server.url}/api/intel/reports`, { data: {} });
            expect(created.status()).toBe(201);
            path = `/intel/reports/${((await created.json()) as { id: string }).id}`;
          }
          await page.goto(`${server.url}${path}`);
          await screen.ready(page);
          const where = `${path} as ${account.username} at ${device.name}`;
          await expectNoSidewaysScroll(page, device, where);
          await shot(
            page,
            `${account.username}${path.replace(/\//g, '-').replace(/-$/, '-home')}-${device.name}`,
          );
          const first = screen === account.screens[0];
          await expectMenu(
            page,
            device,
            screen.menu,
            where,
            first ? `${account.username}-menu-${device.name}` : undefined,
          );
          if (screen.dialog) await expectDialog(page, device, screen.dialog, `${where}, ${screen.dialog}`);
        }
        expect(pageErrors).toEqual([]);
        await context.close();
      });
    }
  }

  it('reaches the incident list, the map, the recommendations and the request board at 768 px', async () => {
    const device = devices[0]!;
    const { page, context, pageErrors } = await open(device);
    await signIn(page, server.url, 'commander');
    const created = await page.request.post(`${server.url}/api/incidents`, {
      data: {
        source: '110',
        category: '刑事',
        priority: 1,
        description: '平板测试警情',
        address: '德化县杨梅乡',
      },
    });
    expect(created.status()).toBe(201);
    const { id, number } = (await created.json()) as { id: string; number: string };
    const asked = await page.request.post(`${server.url}/api/incidents/${id}/requests`, {
      data: { stations: 'area', perStation: 1 },
    });
    expect(asked.ok()).toBe(true);

    // The menu drawer leads to the console.
    await page.getByTestId('menu-button').click();
    await page.getByTestId('menu-drawer').getByText('指挥调度').click();
    await page.waitForURL(`${server.url}/dispatch`);
    await page.locator('[data-testid=dispatch-map][data-map-state=idle]').waitFor({ timeout: 90_000 });

    // The map keeps a usable size above the panel.
    const map = page.getByTestId('dispatch-map');
    await expectOnScreen(map, device, 'the map');
    const mapBox = (await map.boundingBox())!;
    expect(mapBox.width).toBeGreaterThan(600);
    expect(mapBox.height).toBeGreaterThan(300);
    // Layers and legend fold behind a button on the narrow map.
    expect(await page.getByTestId('layer-switcher').count()).toBe(0);
    await page.getByTestId('layers-button').click();
    await expectOnScreen(page.getByTestId('layer-switcher'), device, 'the layer switcher');
    await shot(page, 'dispatch-layers-portrait-768');
    await page.getByTestId('layers-button').click();

    await page.getByRole('tab', { name: /警情/ }).click();
    const list = page.getByTestId('incident-list');
    await expectOnScreen(list, device, 'the incident list');
    await shot(page, 'dispatch-incidents-portrait-768');
    const item = list.locator('.ant-list-item').filter({ hasText: number });
    await expectOnScreen(item, device, 'the new incident');
    await item.click();

    await expectOnScreen(page.getByTestId('incident-panel'), device, 'the incident');
    const recommendations = page.getByTestId('recommendations');
    await recommendations.locator('.ant-table-row').first().waitFor({ timeout: 30_000 });
    await expectOnScreen(recommendations, device, 'the recommendations');
    await expectOnScreen(
      page.getByRole('button', { name: /一键派警/ }).first(),
      device,
      'the dispatch button',
    );
    await shot(page, 'dispatch-recommendations-portrait-768');
    const board = page.getByTestId('request-board');
    await expectOnScreen(board, device, 'the request board');
    await shot(page, 'dispatch-requests-portrait-768');
    await expectNoSidewaysScroll(page, device, 'the incident at 768');

    for (const tab of ['警力', '消息', '巡防', '接警']) {
      await page.getByRole('tab', { name: tab }).click();
      await expectOnScreen(
        page.locator('.dispatch-tabs [role=tabpanel][aria-hidden=false]'),
        device,
        `the ${tab} tab`,
      );
      await expectNoSidewaysScroll(page, device, `the ${tab} tab at 768`);
      await shot(page, `dispatch-tab-${tab}-portrait-768`);
    }
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
