import { type APIRequestContext, type Browser, type Page, request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/src/demo/demo-accounts.ts';
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

const small = { width: 1366, height: 768 };
const large = { width: 1920, height: 1080 };

interface UnitView {
  id: string;
  callsign: string;
  kind: string;
  onDuty: boolean;
  status: string;
}

/** The command room watches the field work on an incident live: unit progress, notes, photos, backup. */
describe.skipIf(!hasChromium())('field work in the command console (现场动态)', () => {
  let server: { url: string; close(): Promise<void> };
  let browser: Browser;
  const apis: APIRequestContext[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    for (const a of apis) await a.dispose();
    await browser?.close();
    await server?.close();
  });

  async function apiAs(username: string): Promise<APIRequestContext> {
    const api = await request.newContext({ baseURL: server.url });
    apis.push(api);
    const res = await api.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
    expect(res.status()).toBe(200);
    return api;
  }

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: `${shotsDir}/field-console-${name}.png` });

  /** A real JPEG of a made-up scene, drawn by the browser's canvas (the server checks the bytes). */
  async function scenePhoto(page: Page): Promise<Buffer> {
    const data = await page.evaluate(() => {
      const canvas = document.createElement('canvas');
      canvas.width = 320;
      canvas.height = 240;
      const g = canvas.getContext('2d')!;
      g.fillStyle = '#6b8e23';
      g.fillRect(0, 0, 320, 240);
      g.fillStyle = '#8b4513';
      g.fillRect(90, 70, 140, 120);
      g.fillStyle = '#ffffff';
      g.font = '28px sans-serif';
      g.fillText('现场 01', 110, 140);
      return canvas.toDataURL('image/jpeg', 0.8);
    });
    return Buffer.from(data.slice(data.indexOf(',') + 1), 'base64');
  }

  it('shows a unit en route and on scene, notes, one thumbnail per photo and the backup alert without reload', async () => {
    const dispatcher: WatchedPage = await watchedPage(browser, server.url, small);
    const d = dispatcher.page;
    await signIn(d, server.url, 'dispatcher-north');
    await openConsole(d, server.url);

    const north = await apiAs('dispatcher-north');
    const officer = await apiAs('officer-yangmei');
    const created = await north.post('/api/incidents', {
      data: {
        source: '110',
        category: '刑事',
        priority: 1,
        description: '杨梅乡一商店被撬，嫌疑人或仍在附近',
        address: '德化县杨梅乡',
      },
    });
    expect(created.status()).toBe(201);
    const { id, number } = (await created.json()) as { id: string; number: string };

    // The dispatcher opens the incident from the map's search box.
    await d.getByTestId('dispatch-map-frame').getByRole('combobox').first().fill(number.slice(-9));
    await d.locator('.ant-select-item-option').filter({ hasText: number }).first().click();
    const panel = d.getByTestId('incident-panel');
    await panel.waitFor();
    await d.getByTestId('unit-progress-empty').waitFor();
    await d.getByTestId('field-records-empty').waitFor();

    // The command room sends one of 杨梅's free officers.
    const units = (await (await officer.get('/api/units')).json()).items as UnitView[];
    const unit = units.find((u) => u.kind !== 'vehicle' && u.onDuty && u.status === 'available')!;
    expect(unit).toBeTruthy();
    const sent = await north.post(`/api/incidents/${id}/dispatch`, { data: { unitIds: [unit.id] } });
    expect(sent.status()).toBe(200);
    const row = d.getByTestId('unit-progress').locator('tr.ant-table-row').filter({ hasText: unit.callsign });
    await row.waitFor({ timeout: 15_000 });
    expect(await row.getByTestId('progress-dispatched').textContent()).toMatch(/^\d{2}:\d{2}$/);
    expect(await row.getByTestId('progress-en-route').textContent()).toBe('—');
    expect(await row.getByTestId('progress-status').textContent()).toBe('已派出');

    // From the officer's phone: en route, then on scene, each report on the incident.
    const report = (status: string) =>
      officer.post(`/api/units/${unit.id}/status`, { data: { status, incidentId: id } });
    expect((await report('en-route')).status()).toBe(200);
    await expect
      .poll(() => row.getByTestId('progress-en-route').textContent(), { timeout: 15_000 })
      .toMatch(/^\d{2}:\d{2}$/);
    // Not there yet: the cell counts the time on the way.
    expect(await row.getByTestId('progress-on-scene').getAttribute('data-at')).toBe('');
    expect(await row.getByTestId('progress-on-scene').textContent()).toMatch(/^途中 \d+:\d{2}$/);
    await expect.poll(() => panel.getAttribute('data-status'), { timeout: 15_000 }).toBe('en-route');
    await shot(d, '1-en-route-1366');

    expect((await report('on-scene')).status()).toBe(200);
    await expect
      .poll(() => row.getByTestId('progress-on-scene').textContent(), { timeout: 15_000 })
      .toMatch(/^\d{2}:\d{2}/);
    expect(await row.textContent()).toContain('用时');
    expect(await row.getByTestId('progress-status').textContent()).toBe('到达现场');
    await expect.poll(() => panel.getAttribute('data-status'), { timeout: 15_000 }).toBe('on-scene');

    // A note and a photo from the scene. The phone's outbox may send the photo twice: it is one photo.
    const noteText = '后门门锁有撬痕，店主称丢失现金约两千元';
    expect((await officer.post(`/api/incidents/${id}/notes`, { data: { text: noteText } })).status()).toBe(
      201,
    );
    const photo = await scenePhoto(d);
    expect(photo.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))).toBe(true);
    for (let i = 0; i < 2; i++) {
      const res = await officer.post(`/api/incidents/${id}/photos`, {
        headers: { 'content-type': 'image/jpeg' },
        data: photo,
      });
      expect(res.status()).toBeLessThan(300);
    }
    await d.getByTestId('field-note').filter({ hasText: noteText }).waitFor({ timeout: 15_000 });
    const thumbs = d.getByTestId('field-photo');
    await thumbs.first().waitFor({ timeout: 15_000 });
    // A later note refreshes the incident again: still the one thumbnail, and its image loaded.
    const second = '嫌疑人向东侧山路逃离';
    expect((await officer.post(`/api/incidents/${id}/notes`, { data: { text: second } })).status()).toBe(201);
    await d.getByTestId('field-note').filter({ hasText: second }).waitFor({ timeout: 15_000 });
    expect(await thumbs.count()).toBe(1);
    await expect
      .poll(() =>
        thumbs
          .first()
          .locator('img')
          .evaluate((img) => (img as HTMLImageElement).naturalWidth),
      )
      .toBe(320);
    const timeline = d.getByTestId('incident-timeline');
    await expect.poll(() => timeline.textContent()).toContain(`${unit.callsign} 到达现场`);
    const text = (await timeline.textContent()) ?? '';
    expect(text).toContain(`${unit.callsign} 出警途中`);
    expect(text).toContain(`现场记录：${noteText}`);
    expect(text).toContain('现场照片');
    await d.getByTestId('field-records').scrollIntoViewIfNeeded();
    await shot(d, '2-field-records-1366');

    // Enlarge the photo.
    await thumbs.first().locator('img').click();
    await d.locator('.ant-image-preview img').first().waitFor();
    await d.waitForTimeout(400);
    await shot(d, '3-photo-preview-1366');
    await d.keyboard.press('Escape');
    await d.locator('.ant-image-preview').waitFor({ state: 'hidden' });

    // Back to the list; the officer asks for backup and the console says so until it is read.
    await d.getByRole('button', { name: '返回警情列表' }).click();
    await panel.waitFor({ state: 'detached' });
    const reason = '嫌疑人两名，其中一人持械，请求增援';
    const backup = await officer.post(`/api/incidents/${id}/backup`, {
      data: { quantity: 2, reason, unitId: unit.id },
    });
    expect(backup.status()).toBe(200);
    const notice = d.locator('.ant-notification-notice').filter({ hasText: number });
    await notice.waitFor({ timeout: 15_000 });
    expect(await notice.getByTestId('backup-notice').textContent()).toContain(
      `${unit.callsign} 请求增援 2 人 · ${reason}`,
    );
    expect(await notice.textContent()).toContain(`请求增援 · ${number}`);
    await d.waitForTimeout(400); // the notice's entrance
    await shot(d, '4-backup-notice-1366');
    await notice.getByRole('button', { name: '打开警情' }).click();
    await notice.waitFor({ state: 'detached' });
    await expect.poll(() => d.getByTestId('incident-number').textContent()).toBe(number);
    await expect
      .poll(() => d.getByTestId('incident-timeline').textContent())
      .toContain(`${unit.callsign} 请求增援 2 人：${reason}`);
    expect(await d.getByTestId('field-photo').count()).toBe(1);

    // The same incident on a large screen, in one view.
    await d.setViewportSize(large);
    await d.getByTestId('unit-progress').scrollIntoViewIfNeeded();
    await d.waitForTimeout(300);
    await shot(d, '5-incident-1920');
    await d.getByTestId('incident-timeline').scrollIntoViewIfNeeded();
    await shot(d, '6-timeline-1920');

    expect(dispatcher.pageErrors, dispatcher.pageErrors.join('\n')).toEqual([]);
    expect(dispatcher.foreignRequests).toEqual([]);
    expect(dispatcher.cspViolations).toEqual([]);
    await dispatcher.context.close();
  }, 240_000);
});
