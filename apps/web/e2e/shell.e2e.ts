import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium } from '../../../test/support/env.ts';
import { launchBrowser, shotsDir, watchedPage } from '../../../test/support/browser.ts';
import { startTestServer } from '../../../test/support/server.ts';

const shots = shotsDir;
const demoPassword = 'ronghui-demo';
const small = { width: 1366, height: 768 };
const large = { width: 1920, height: 1080 };

describe.skipIf(!hasChromium())('web console shell', () => {
  let server: { url: string; close(): Promise<void> };
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  // Uncaught page errors, and requests that left our own server: the console must work on an intranet.
  const open = (viewport: { width: number; height: number }) => watchedPage(browser, server.url, viewport);

  async function signIn(page: Page, username: string, password: string): Promise<void> {
    await page.goto(`${server.url}/login`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(password);
    await page.locator('button[type=submit]').click();
  }

  async function text(locator: Locator): Promise<string> {
    await locator.waitFor();
    return (await locator.textContent()) ?? '';
  }

  const menuText = (page: Page) => text(page.getByTestId('side-menu'));

  it('refuses a wrong password and says how many attempts are left', async () => {
    const { page, context, pageErrors } = await open(small);
    await page.goto(`${server.url}/login`);
    expect(await text(page.getByTestId('demo-hint'))).toContain('ronghui-demo');
    await signIn(page, 'commander', 'not-the-password');
    const error = page.getByTestId('login-error');
    await error.waitFor();
    expect(await text(error)).toMatch(/还可尝试 \d+ 次/);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.screenshot({ path: `${shots}/login-failed-1366.png` });
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('shows a commander the menu, the org tree and the county map, in Chinese and English', async () => {
    const { page, context, pageErrors, foreignRequests, cspViolations } = await open(small);
    await signIn(page, 'commander', demoPassword);
    await page.waitForURL(`${server.url}/`);

    const menu = await menuText(page);
    for (const label of ['首页', '指挥调度', '研判分析', '网格治理']) expect(menu).toContain(label);
    expect(menu).not.toContain('审计日志');
    expect(menu).not.toContain('用户与角色');
    expect(await text(page.getByTestId('current-user'))).toContain('指挥长');
    expect(await text(page.getByTestId('product-name'))).toBe('融汇 · 融警务汇治理');

    const tree = page.getByTestId('org-tree');
    await tree.getByText('德化县公安局').waitFor();
    const area = tree.getByText(/^北片/).first();
    await area.waitFor();

    const map = page.locator('[data-testid=org-map][data-map-state=idle]');
    await map.waitFor({ timeout: 60_000 });
    const canvas = page.locator('[data-testid=org-map] canvas.maplibregl-canvas');
    const box = await canvas.boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(300);
    expect(box?.height ?? 0).toBeGreaterThan(300);
    expect(Number(await map.getAttribute('data-rendered-features'))).toBeGreaterThan(5);
    expect(await map.getAttribute('data-highlighted')).toBe('0');
    await page.screenshot({ path: `${shots}/home-zh-1366.png` });

    // Choosing an area in the tree outlines it on the map.
    await area.click();
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid=org-map]')?.getAttribute('data-highlighted')) > 0,
      undefined,
      { timeout: 30_000 },
    );
    await page.waitForSelector('[data-testid=org-map][data-map-state=idle]');
    await page.screenshot({ path: `${shots}/home-area-selected-1366.png` });

    await page.setViewportSize(large);
    await page.waitForTimeout(500);
    await page.waitForSelector('[data-testid=org-map][data-map-state=idle]');
    await page.screenshot({ path: `${shots}/home-zh-1920.png` });

    await page.getByText('English', { exact: true }).click();
    await page.getByTestId('side-menu').getByText('Dispatch').waitFor();
    // The map is rebuilt with English controls and keeps the chosen area outlined.
    await page.waitForFunction(() => {
      const map = document.querySelector('[data-testid=org-map][data-map-state=idle]');
      return Number(map?.getAttribute('data-highlighted')) > 0;
    });
    expect(await text(page.locator('.maplibregl-ctrl-scale'))).toMatch(/\d+\s*km/);
    const englishMenu = await menuText(page);
    for (const label of ['Home', 'Dispatch', 'Intelligence', 'Grid governance'])
      expect(englishMenu).toContain(label);
    expect(englishMenu).not.toContain('指挥调度');
    expect(await text(page.getByTestId('current-user'))).toContain('Commander');
    await page.screenshot({ path: `${shots}/home-en-1920.png` });
    // The choice of language survives a reload.
    await page.reload();
    await page.getByTestId('side-menu').getByText('Dispatch').waitFor();

    await page.getByTestId('side-menu').getByText('Dispatch').click();
    await page.locator('[data-testid=dispatch-map][data-map-state=idle]').waitFor({ timeout: 60_000 });
    expect(await text(page.getByTestId('dispatch-side'))).toContain('Command console');
    await page.screenshot({ path: `${shots}/dispatch-console-en-1920.png` });

    await page.getByTestId('logout').click();
    await page.waitForURL(`${server.url}/login`);
    await page.getByLabel('Username').waitFor();
    expect(pageErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    // The console, its maps (MapLibre's workers, glyphs) and the live channel work under the CSP.
    expect(cspViolations).toEqual([]);
    await context.close();
  });

  it('lets an auditor page through the audit log, open a record and verify the chain', async () => {
    const { page, context, pageErrors, foreignRequests } = await open(large);
    await signIn(page, 'auditor', demoPassword);
    await page.waitForURL(`${server.url}/`);
    const menu = await menuText(page);
    expect(menu).toContain('审计日志');
    expect(menu).not.toContain('指挥调度');

    await page.getByTestId('side-menu').getByText('审计日志').click();
    await page.waitForURL(`${server.url}/admin/audit`);
    const rows = page.locator('[data-testid=audit-table] tbody tr.ant-table-row');
    await rows.first().waitFor();
    // The commander's failed and successful sign-ins above are on the record.
    const tableText = await text(page.getByTestId('audit-table'));
    expect(tableText).toContain('commander');

    // Filtering by outcome leaves only the refused sign-in.
    await page.getByLabel('结果').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '拒绝' }).click();
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await page.waitForFunction(() => {
      const cells = [...document.querySelectorAll('[data-testid=audit-table] tbody tr.ant-table-row')];
      return cells.length > 0 && cells.every((row) => row.textContent?.includes('拒绝'));
    });
    expect(await text(page.getByTestId('audit-table'))).toContain('commander');
    await page.getByRole('button', { name: /重\s*置/ }).click();
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid=audit-table] tbody tr.ant-table-row').length > 1,
    );

    await rows.first().getByRole('button').click();
    const drawer = page.getByRole('dialog');
    await drawer.waitFor();
    expect(await text(drawer)).toMatch(/审计记录 #\d+/);
    await page.screenshot({ path: `${shots}/audit-drawer-1920.png` });
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    await page.getByText('校验哈希链').click();
    const verdict = page.getByTestId('verify-result');
    await verdict.waitFor();
    expect(await text(verdict)).toContain('哈希链完整');
    await page.screenshot({ path: `${shots}/audit-1920.png` });

    await page.setViewportSize(small);
    await page.screenshot({ path: `${shots}/audit-1366.png` });

    await page.getByTestId('logout').click();
    await page.waitForURL(`${server.url}/login`);
    // The session is gone on the server too: the console cannot be reopened without signing in.
    await page.goto(`${server.url}/admin/audit`);
    await page.waitForURL(`${server.url}/login`);
    expect(pageErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await context.close();
  });

  it("lets a system administrator create a user, with the server's objections under the fields", async () => {
    const { page, context, pageErrors } = await open(small);
    await signIn(page, 'system-admin', demoPassword);
    await page.waitForURL(`${server.url}/`);
    await page.getByTestId('side-menu').getByText('用户与角色').click();
    await page.locator('tr.ant-table-row').first().waitFor();

    await page.getByRole('button', { name: /新建用户/ }).click();
    const dialog = page.getByRole('dialog');
    const username = `zhang-${Date.now().toString(36)}`;
    await dialog.getByLabel('用户名').fill(username);
    await dialog.getByLabel('姓名').fill('张 测试');
    await dialog.getByLabel('初始密码').fill('short');
    await dialog.getByLabel('角色').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '民警' }).first().click();
    await page.keyboard.press('Escape');
    await dialog.getByLabel('数据范围').click();
    await page
      .locator('.ant-select-tree-node-content-wrapper')
      .filter({ hasText: '德化县公安局' })
      .first()
      .click();
    await dialog.locator('button.ant-btn-primary').click();
    // A password the server's policy refuses is reported under the password field, not as a toast.
    const passwordError = dialog
      .locator('.ant-form-item-has-error')
      .filter({ has: page.getByLabel('初始密码') });
    await passwordError.locator('.ant-form-item-explain-error').waitFor();
    await page.screenshot({ path: `${shots}/users-create-refused-1366.png` });

    await dialog.getByLabel('初始密码').fill('Dehua-350526-strong');
    await dialog.locator('button.ant-btn-primary').click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByPlaceholder('搜索用户名或姓名').fill(username);
    await page.getByPlaceholder('搜索用户名或姓名').press('Enter');
    await page.locator('tr.ant-table-row').filter({ hasText: username }).waitFor();
    expect(await page.locator('tr.ant-table-row').count()).toBe(1);
    await page.screenshot({ path: `${shots}/users-1366.png` });

    // Administrator accounts are made and reset only on the server (三员分立): no edit, no reset here.
    await page.getByPlaceholder('搜索用户名或姓名').fill('auditor');
    await page.getByPlaceholder('搜索用户名或姓名').press('Enter');
    const auditorRow = page.locator('tr.ant-table-row').filter({ hasText: '安全审计员' }).first();
    await auditorRow.getByText('服务器端维护').waitFor();
    expect(await auditorRow.getByRole('button', { name: '编辑' }).count()).toBe(0);
    await page.screenshot({ path: `${shots}/users-admin-row-1366.png` });
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
