import { type Browser, request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/src/demo/demo-accounts.ts';
import { launchBrowser, shotsDir, watchedPage } from '../../../test/support/browser.ts';
import { hasChromium } from '../../../test/support/env.ts';
import { device, dismissAlert, expectFitsWidth, narrow, phone, tapTab } from './phone-support.ts';
import { startTestServer } from '../../../test/support/server.ts';

const shots = shotsDir;

describe.skipIf(!hasChromium())('phone app (外勤)', () => {
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

  it('serves the manifest and the service worker from the root with their own types', async () => {
    const manifest = await fetch(`${server.url}/manifest.webmanifest`);
    expect(manifest.status).toBe(200);
    expect(manifest.headers.get('content-type')).toMatch(/application\/(manifest\+)?json/);
    const sw = await fetch(`${server.url}/sw.js`);
    expect(sw.status).toBe(200);
    expect(sw.headers.get('content-type')).toMatch(/javascript/);
    const body = await sw.text();
    expect(body).not.toContain('<!doctype html>');
    expect(body).toContain('index.html');
  });

  /** The county command centre asks the officer's station for a unit (as a dispatcher would). */
  async function requestYangmei(): Promise<string> {
    const officer = await request.newContext({ baseURL: server.url });
    await officer.post('/api/auth/login', { data: { username: 'officer-yangmei', password: DEMO_PASSWORD } });
    const me = (await (await officer.get('/api/auth/me')).json()) as { scope: { orgId: string } };
    await officer.dispose();
    const dispatcher = await request.newContext({ baseURL: server.url });
    await dispatcher.post('/api/auth/login', { data: { username: 'dispatcher', password: DEMO_PASSWORD } });
    const created = await dispatcher.post('/api/incidents', {
      data: {
        source: '110',
        category: '刑事',
        priority: 1,
        description: '杨梅乡一商店被盗',
        address: '德化县杨梅乡',
      },
    });
    expect(created.status()).toBe(201);
    const { id, number } = (await created.json()) as { id: string; number: string };
    const asked = await dispatcher.post(`/api/incidents/${id}/requests`, {
      data: { stations: [me.scope.orgId], perStation: 1 },
    });
    expect(asked.status(), await asked.text()).toBeLessThan(300);
    await dispatcher.dispose();
    return number;
  }

  it('takes an officer on a phone to the shell, with tabs that fit, push text, and an offline start', async () => {
    const incident = await requestYangmei();
    const { page, context, pageErrors, foreignRequests, cspViolations } = await watchedPage(
      browser,
      server.url,
      phone,
      device,
    );
    await page.goto(`${server.url}/login`);
    await page.getByLabel('用户名').waitFor({ timeout: 90_000 });
    await page.getByLabel('用户名').fill('officer-yangmei');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.locator('button[type=submit]').click();
    await page.waitForURL(/\/m\/orders/);
    const tabs = page.getByTestId('mobile-tabs');
    await tabs.waitFor();
    expect((await tabs.textContent()) ?? '').toMatch(/任务[\s\S]*警力[\s\S]*消息[\s\S]*我的/);
    expect(await page.getByTestId('mobile-user').textContent()).toBeTruthy();
    expect(await page.getByTestId('mobile-station').textContent()).toContain('杨梅');
    // A station request waiting for an answer fills the screen until it is looked at.
    const alert = page.getByTestId('mobile-new-request');
    await alert.waitFor();
    await expect.poll(async () => (await alert.textContent()) ?? '').toContain(incident);
    await page.screenshot({ path: `${shots}/mobile-alert-390.png` });
    await dismissAlert(page);
    // Looking at it opens the task: the incident, the route, the answer.
    await page.getByTestId('mobile-task').waitFor();
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: `${shots}/mobile-orders-390.png` });

    // Touch targets: every tab is at least 48 px high and as wide.
    for (const tab of await page.locator('.m-tab').all()) {
      const box = await tab.boundingBox();
      expect(box?.height ?? 0).toBeGreaterThanOrEqual(48);
      expect(box?.width ?? 0).toBeGreaterThanOrEqual(48);
    }

    // The manifest is linked and says how the app installs.
    const href = await page.locator('link[rel=manifest]').getAttribute('href');
    expect(href).toBeTruthy();
    const manifest = await page.evaluate(async (url) => (await fetch(url)).json(), href!);
    expect(manifest).toMatchObject({ start_url: '/m/', display: 'standalone', short_name: '融汇外勤' });
    const sizes = (manifest.icons as { sizes: string; purpose?: string }[]).map(
      (i) => `${i.sizes}:${i.purpose}`,
    );
    expect(sizes).toEqual(expect.arrayContaining(['192x192:any', '512x512:any', '512x512:maskable']));

    // Each tab at 390 and at 360 px: content shown, nothing wider than the screen.
    const pages = [
      ['orders', 'mobile-orders'],
      ['units', 'mobile-units'],
      ['messages', 'mobile-messages'],
      ['me', 'mobile-me'],
    ] as const;
    for (const viewport of [phone, narrow]) {
      await page.setViewportSize(viewport);
      for (const [tab, testId] of pages) {
        await tapTab(page, tab);
        await page.getByTestId(testId).waitFor();
        await page.waitForLoadState('networkidle');
        if (tab === 'units') expect(await page.getByTestId('mobile-unit').count()).toBeGreaterThan(0);
        await expectFitsWidth(page, `${tab} at ${viewport.width}`);
        await page.screenshot({ path: `${shots}/mobile-${tab}-${viewport.width}.png` });
      }
    }
    // Push: switched on, or said plainly why not (headless Chromium has no push service).
    const pushText = (await page.getByTestId('mobile-push-text').textContent()) ?? '';
    expect(pushText.length).toBeGreaterThan(4);

    // Signed in after a reload (the session cookie).
    await page.reload();
    await page.getByTestId('mobile-me').waitFor();
    expect(new URL(page.url()).pathname).toBe('/m/me');

    // The service worker controls the page, and the shell starts without a network.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: 30_000,
    });
    await context.setOffline(true);
    await page.reload();
    await page.getByTestId('mobile-offline').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('mobile-tabs').textContent()).toContain('消息');
    expect(await page.getByTestId('mobile-station').textContent()).toContain('杨梅');
    await page.screenshot({ path: `${shots}/mobile-offline-360.png` });
    await context.setOffline(false);

    expect(pageErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    expect(cspViolations).toEqual([]);
    await context.close();
  });

  it('acknowledges a message offline: it waits in the outbox and reaches the server once when back online', async () => {
    const dispatcher = await request.newContext({ baseURL: server.url });
    await dispatcher.post('/api/auth/login', {
      data: { username: 'dispatcher-north', password: DEMO_PASSWORD },
    });
    const officer = await request.newContext({ baseURL: server.url });
    await officer.post('/api/auth/login', { data: { username: 'officer-yangmei', password: DEMO_PASSWORD } });
    const me = (await (await officer.get('/api/auth/me')).json()) as { id: string };
    const sent = await dispatcher.post('/api/messages', {
      data: { to: { users: [me.id] }, kind: 'message', text: '请于九点前回所集合' },
    });
    expect(sent.status(), await sent.text()).toBe(201);
    const messageId = ((await sent.json()) as { id: string }).id;

    const { page, context, pageErrors, cspViolations } = await watchedPage(
      browser,
      server.url,
      phone,
      device,
    );
    await page.goto(`${server.url}/login`);
    await page.getByLabel('用户名').fill('officer-yangmei');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.locator('button[type=submit]').click();
    await page.waitForURL(/\/m\//);
    // A station request still waiting (the test before made one) comes up first, once the lists loaded.
    await page.getByTestId('mobile-tabs').waitFor();
    await page.waitForLoadState('networkidle');
    await dismissAlert(page, { expected: true });
    await tapTab(page, 'messages');
    const card = page.getByTestId('mobile-message').filter({ hasText: '请于九点前回所集合' });
    await card.waitFor();

    await context.setOffline(true);
    await card.getByRole('button', { name: /签\s?收/ }).click();
    await card.getByTestId('mobile-ack-waiting').waitFor();
    await expect
      .poll(async () => (await page.getByTestId('outbox-status').textContent()) ?? '')
      .toContain('1');
    await page.screenshot({ path: `${shots}/mobile-ack-offline-390.png` });
    // Nothing reached the server while offline.
    const before = (await (await officer.get(`/api/messages/${messageId}`)).json()) as {
      recipients: { acknowledgedAt: string | null }[];
    };
    expect(before.recipients.every((r) => r.acknowledgedAt === null)).toBe(true);

    await context.setOffline(false);
    await card.getByText('已签收', { exact: true }).waitFor({ timeout: 60_000 });
    await expect
      .poll(async () => (await page.getByTestId('outbox-status').textContent()) ?? '')
      .toContain('0');
    const after = (await (await officer.get(`/api/messages/${messageId}`)).json()) as {
      recipients: { acknowledgedAt: string | null }[];
    };
    expect(after.recipients.filter((r) => r.acknowledgedAt !== null)).toHaveLength(1);
    await page.screenshot({ path: `${shots}/mobile-ack-sent-390.png` });
    expect(pageErrors).toEqual([]);
    expect(cspViolations).toEqual([]);
    await dispatcher.dispose();
    await officer.dispose();
    await context.close();
  });

  it('keeps the console for the same officer on a wide screen', async () => {
    const { page, context, pageErrors } = await watchedPage(browser, server.url, {
      width: 1366,
      height: 768,
    });
    await page.goto(`${server.url}/login`);
    await page.getByLabel('用户名').fill('officer-yangmei');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.locator('button[type=submit]').click();
    await page.waitForURL(`${server.url}/`);
    await page.getByTestId('side-menu').waitFor();
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
