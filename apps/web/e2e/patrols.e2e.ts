import { createLocalProjection, type LngLat } from '@ronghui/geo';
import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchBrowser,
  openConsole,
  shotsDir,
  signIn,
  type WatchedPage,
  watchedPage,
} from '../../../test/support/browser.ts';
import { hasChromium } from '../../../test/support/env.ts';
import { startTestServer } from '../../../test/support/server.ts';
import { apiAs } from './api-support.ts';
import { device, phone, signInOnPhone, tapTab } from './phone-support.ts';

describe.skipIf(!hasChromium())(
  '群防群治 巡逻: a volunteer walks a guard point; the command map shows the track',
  () => {
    let server: { url: string; close(): Promise<void> };
    let browser: Browser;
    let officer: APIRequestContext;
    let mobile: WatchedPage;
    let desk: WatchedPage;
    let taskId: string;
    let target: LngLat;

    beforeAll(async () => {
      server = await startTestServer();
      browser = await launchBrowser();
      officer = await apiAs(server.url, 'officer-shangyong');
      const teams = (await (await officer.get('/api/volunteers/teams')).json()) as {
        items: { id: string; name: string }[];
      };
      const team = teams.items.find((x) => x.name === '古镇义警队')!;
      const features = (await (await officer.get('/api/patrols/features')).json()) as {
        items: { id: string; kind: string; name: string; geometry: { coordinates: [number, number] } }[];
      };
      // The demo's guard point at the gate of 曾坂古村落.
      const gate = features.items.find((f) => f.kind === 'guard-point')!;
      target = gate.geometry.coordinates;
      const now = Date.now();
      const res = await officer.post('/api/patrols/tasks', {
        data: {
          teamId: team.id,
          featureId: gate.id,
          startsAt: new Date(now - 60_000).toISOString(),
          endsAt: new Date(now + 3_600_000).toISOString(),
          note: '浏览器测试守点',
          rule: { minDwellMinutes: 1 },
        },
      });
      expect(res.status(), await res.text()).toBe(201);
      taskId = ((await res.json()) as { id: string }).id;
    }, 300_000);
    afterAll(async () => {
      await officer?.dispose();
      await mobile?.context.close();
      await desk?.context.close();
      await browser?.close();
      await server?.close();
    });

    const shot = (page: Page, name: string) => page.screenshot({ path: `${shotsDir}/patrols-${name}.png` });

    it('checks in on the phone, records the track at the point, checks out and sees 已完成; the console sees the track', async () => {
      mobile = await watchedPage(browser, server.url, phone, device);
      const page = mobile.page;
      const origin = new URL(server.url).origin;
      await mobile.context.grantPermissions(['geolocation'], { origin });
      const proj = createLocalProjection(target);
      const moveTo = async (i: number) => {
        const [lon, lat] = proj.toLngLat([25 * Math.cos(i / 3), 25 * Math.sin(i / 3)]);
        await mobile.context.setGeolocation({ longitude: lon, latitude: lat, accuracy: 10 });
      };
      await moveTo(0);
      await signInOnPhone(page, server.url, 'volunteer-shangyong-4');
      await tapTab(page, 'patrol');
      const card = page.locator(`[data-testid=patrol-task][data-task-id="${taskId}"]`);
      await card.waitFor({ timeout: 30_000 });
      await shot(page, 'phone-tasks');
      await card.getByTestId('patrol-check-in').click();
      await card.getByTestId('patrol-check-out').waitFor({ timeout: 30_000 });
      await card.getByTestId('patrol-recording').waitFor();

      // The station's command map, meanwhile: the run under way with its track.
      desk = await watchedPage(browser, server.url, { width: 1366, height: 900 });
      await signIn(desk.page, server.url, 'officer-shangyong');
      await openConsole(desk.page, server.url);

      // Walk around the gate for a little over the minute the task asks for; batches go out every 15 s.
      const started = Date.now();
      for (let i = 1; Date.now() - started < 75_000; i++) {
        await moveTo(i);
        await page.waitForTimeout(4_000);
      }
      await expect
        .poll(async () => Number(await desk.page.getByTestId('dispatch-map').getAttribute('data-patrols')), {
          timeout: 30_000,
        })
        .toBeGreaterThan(0);
      const live = (await (await officer.get('/api/patrols/live')).json()) as {
        items: { task: { id: string }; track: unknown[] }[];
      };
      const ours = live.items.find((x) => x.task.id === taskId)!;
      expect(ours.track.length).toBeGreaterThan(5);
      await shot(desk.page, 'command-map');
      await shot(page, 'phone-recording');

      await card.getByTestId('patrol-check-out').click();
      const outcome = card.getByTestId('patrol-outcome');
      await outcome.waitFor({ timeout: 30_000 });
      await expect.poll(() => outcome.getAttribute('data-status')).toBe('completed');
      expect(await outcome.textContent()).toContain('已完成');
      await shot(page, 'phone-completed');
      const task = (await (await officer.get(`/api/patrols/tasks/${taskId}`)).json()) as { status: string };
      expect(task.status).toBe('completed');

      // The volunteers page's 巡逻 tab shows the task completed and its run's track on the small map.
      await desk.page.goto(`${server.url}/volunteers?tab=patrols&task=${taskId}`);
      const detail = desk.page.getByTestId('patrol-detail');
      await detail.waitFor({ timeout: 30_000 });
      await desk.page
        .locator('[data-testid=patrol-track-map][data-map-state=idle]')
        .waitFor({ timeout: 60_000 });
      await shot(desk.page, 'console-task');
      await expect
        .poll(async () =>
          Number(await desk.page.getByTestId('patrol-track-map').getAttribute('data-track-points')),
        )
        .toBeGreaterThan(5);
      await shot(desk.page, 'console-task-track');

      // The list behind: the task completed, missed ones in red; a new task offers the station's features.
      await desk.page.keyboard.press('Escape');
      await detail.waitFor({ state: 'detached' });
      await desk.page.locator('.ant-drawer-mask').first().waitFor({ state: 'hidden' });
      const row = desk.page.locator('tbody tr.ant-table-row', { hasText: '曾坂古村落村口守点' }).first();
      await row.waitFor();
      expect(
        await desk.page.locator('[data-testid=patrol-status][data-status=completed]').count(),
      ).toBeGreaterThan(0);
      await shot(desk.page, 'console-list');
      await desk.page.getByTestId('patrol-create').click();
      const form = desk.page.getByTestId('patrol-form');
      await form.waitFor();
      await form.getByTestId('patrol-form-team').click();
      await desk.page.locator('.ant-select-item-option', { hasText: '古镇义警队' }).click();
      await form.getByTestId('patrol-form-feature').click();
      await expect
        .poll(() => desk.page.locator('.ant-select-item-option', { hasText: '曾坂古村巡逻线' }).count())
        .toBeGreaterThan(0);
      await shot(desk.page, 'console-create');
      expect(mobile.pageErrors, mobile.pageErrors.join('\n')).toEqual([]);
      expect(desk.pageErrors, desk.pageErrors.join('\n')).toEqual([]);
    }, 300_000);
  },
);
