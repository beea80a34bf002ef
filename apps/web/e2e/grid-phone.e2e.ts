import type { GeoJSON } from '@ronghui/geo';
import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchBrowser,
  shotsDir,
  signIn,
  type WatchedPage,
  watchedPage,
} from '../../../test/support/browser.ts';
import { hasChromium } from '../../../test/support/env.ts';
import { startTestServer } from '../../../test/support/server.ts';
import {
  device,
  dismissAlert,
  expectFitsWidth,
  narrow,
  phone,
  signInOnPhone,
  tapTab,
} from './phone-support.ts';
import { apiAs, pointInside } from './api-support.ts';

const OUTCOME = '双方同意周六共同疏通排水沟，网格员现场见证';

describe.skipIf(!hasChromium())('the grid worker’s 我的网格 on the phone', () => {
  let server: { url: string; close(): Promise<void> };
  let browser: Browser;
  let worker: APIRequestContext;
  let phonePage: WatchedPage;
  let desk: WatchedPage;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    worker = await apiAs(server.url, 'grid-worker');
  }, 180_000);

  afterAll(async () => {
    await worker?.dispose();
    await phonePage?.context.close();
    await desk?.context.close();
    await browser?.close();
    await server?.close();
  });

  const shot = (page: Page, name: string) => page.screenshot({ path: `${shotsDir}/grid-phone-${name}.png` });

  it('shows the grid, its people and my tasks; a meeting logged offline reaches the dispute once', async () => {
    // The grid worker, their appointment in a community grid, and that grid's outline.
    const me = (await (await worker.get('/api/auth/me')).json()) as {
      id: string;
      scope: { orgId: string };
    };
    const roster = (await (await worker.get('/api/grid/rosters')).json()) as {
      items: { gridId: string; gridLayer: string; userId: string | null }[];
    };
    const mine = roster.items.find((r) => r.userId === me.id && r.gridLayer === 'community');
    expect(mine, 'the demo grid worker serves a community grid').toBeTruthy();
    const grids = (await (await worker.get('/api/grids/geojson')).json()) as {
      features: {
        properties: { id: string; name: string; layer: string };
        geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon;
      }[];
    };
    const community = grids.features.find((f) => f.properties.id === mine!.gridId)!;
    const gps = pointInside(community.geometry);
    const place = pointInside(community.geometry, 3);
    const hazardPlace = pointInside(community.geometry, 8);

    // The phone at 390×844, standing in the grid.
    phonePage = await watchedPage(browser, server.url, phone, device);
    await phonePage.context.grantPermissions(['geolocation'], { origin: server.url });
    await phonePage.context.setGeolocation({ latitude: gps.lat, longitude: gps.lon, accuracy: 10 });
    const page = phonePage.page;
    await signInOnPhone(page, server.url, 'grid-worker');
    await page.waitForURL(/\/m\/grid/);
    await dismissAlert(page);
    const map = page.locator('[data-testid=my-grid-map][data-map-state=idle]');
    await map.waitFor({ timeout: 60_000 }).catch(async (error: unknown) => {
      await shot(page, '0-failed');
      throw new Error(`${String(error)}\npage errors: ${phonePage.pageErrors.join('; ')}`);
    });
    await expect.poll(() => map.getAttribute('data-community-grid')).toBe(community.properties.id);
    expect(Number(await map.getAttribute('data-grid-count'))).toBeGreaterThan(1);
    // The demo's own open hazards and disputes in this grid, before the test adds one of each.
    const figure = async (testId: string) =>
      Number(/\d+/.exec((await page.getByTestId(testId).textContent()) ?? '')?.[0] ?? Number.NaN);
    await page.getByTestId('grid-tasks').waitFor();
    await page.waitForLoadState('networkidle');
    const points = async () => Number(await map.getAttribute('data-point-count'));
    // Settled: the phone's own position and the lists drawn, the count the same a second later.
    await expect
      .poll(async () => {
        const first = await points();
        await page.waitForTimeout(1_000);
        return first >= 1 && first === (await points());
      })
      .toBe(true);
    const before = {
      points: await points(),
      hazards: await figure('figure-hazards'),
      disputes: await figure('figure-disputes'),
      hazardTasks: await page.locator('[data-testid=grid-task][data-task-kind=hazard]').count(),
    };

    // Work in the grid: a hazard reported and a dispute the worker mediates, both inside their grid.
    const hazard = await worker.post('/api/hazards', {
      data: { kind: 'fire', description: '祠堂旁柴草堆靠近电线', location: hazardPlace },
    });
    expect(hazard.status(), await hazard.text()).toBe(201);
    const created = await worker.post('/api/disputes', {
      data: {
        kind: 'neighbours',
        risk: 'red',
        description: '两户因排水沟堵塞积水争吵',
        location: place,
        gridId: me.scope.orgId,
        parties: [{ name: '陈大爷' }, { name: '刘大妈' }],
        mediators: [
          { name: '李秀英', role: 'grid-worker', userId: me.id },
          { name: '小陈', role: 'village-cadre' },
        ],
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    const dispute = (await created.json()) as { id: string; number: string };

    await page.reload();
    await map.waitFor({ timeout: 60_000 });
    // The new hazard and dispute join the map and the figures.
    await expect.poll(points).toBe(before.points + 2);
    expect(await page.getByTestId('my-grid-name').textContent()).toBe(community.properties.name);
    await expect.poll(() => figure('figure-hazards')).toBe(before.hazards + 1);
    await expect.poll(() => figure('figure-disputes')).toBe(before.disputes + 1);
    // The police grid's 1+2+N: one community officer, two auxiliaries, masked.
    const people = page.getByTestId('grid-roster-row');
    await expect
      .poll(() => page.locator('[data-testid=grid-roster-row][data-role=community-officer]').count())
      .toBe(1);
    expect(await page.locator('[data-testid=grid-roster-row][data-role=auxiliary]').count()).toBe(2);
    expect(await people.first().textContent()).toMatch(/\*/);
    // My tasks: the dispute (red, its month running) and the hazard.
    const task = page.locator(`[data-testid=grid-task][data-task-id="${dispute.id}"]`);
    await task.waitFor();
    expect(await task.getAttribute('data-badge')).toBe('ok');
    expect(await task.textContent()).toContain('组织首次调解');
    expect(await page.locator('[data-testid=grid-task][data-task-kind=hazard]').count()).toBe(
      before.hazardTasks + 1,
    );
    await page.waitForTimeout(500);
    await shot(page, '1-grid-390');
    await expectFitsWidth(page, 'my grid at 390');
    await page.getByTestId('grid-tasks').scrollIntoViewIfNeeded();
    await shot(page, '1-tasks-390');

    // Offline: the meeting is written and waits; the draft survives leaving the page.
    await task.click();
    await page.waitForURL(new RegExp(`/m/grid/dispute/${dispute.id}`));
    await page.getByTestId('meeting-form').waitFor();
    await phonePage.context.setOffline(true);
    await page.getByTestId('meeting-place').fill('村委会调解室');
    await page.getByTestId('meeting-attendees').fill('陈大爷、刘大妈、李秀英、小陈');
    await page.getByTestId('meeting-summary').fill('双方陈述积水由来，查看排水沟走向');
    await page.getByTestId('grid-back').click();
    await page.waitForURL(/\/m\/grid$/);
    await task.click();
    await page.getByTestId('meeting-form').waitFor();
    expect(await page.getByTestId('meeting-summary').inputValue()).toBe('双方陈述积水由来，查看排水沟走向');
    expect(await page.getByTestId('meeting-place').inputValue()).toBe('村委会调解室');
    await page.getByTestId('meeting-outcome').fill(OUTCOME);
    await page.getByTestId('meeting-submit').click();
    await expect.poll(() => page.getByTestId('meeting-waiting').count()).toBe(1);
    expect(await page.getByTestId('meeting-waiting').textContent()).toContain('待发送');
    expect(await page.getByTestId('meeting-outcome').inputValue()).toBe('');
    await shot(page, '2-meeting-offline-390');
    await expectFitsWidth(page, 'dispute at 390');

    const meetings = async () =>
      (
        (await (await worker.get(`/api/disputes/${dispute.id}`)).json()) as {
          meetings: { outcome: string }[];
        }
      ).meetings;
    expect(await meetings()).toHaveLength(0);

    // Online again: sent once, shown on the phone.
    await phonePage.context.setOffline(false);
    await expect.poll(() => page.getByTestId('meeting-waiting').count(), { timeout: 60_000 }).toBe(0);
    await expect.poll(async () => (await meetings()).length, { timeout: 30_000 }).toBe(1);
    await expect.poll(() => page.getByTestId('grid-dispute-meeting').count(), { timeout: 30_000 }).toBe(1);
    expect(await page.getByTestId('grid-dispute-status').textContent()).toBe('调解中');
    const detail = (await (await worker.get(`/api/disputes/${dispute.id}`)).json()) as {
      status: string;
      meetings: { outcome: string; place: string; attendees: string[] }[];
      timeline: { kind: string }[];
    };
    expect(detail.status).toBe('mediating');
    expect(detail.meetings).toEqual([
      expect.objectContaining({
        outcome: OUTCOME,
        place: '村委会调解室',
        // The parties among the attendees are masked like the parties themselves.
        attendees: ['陈**', '刘**', '李秀英', '小陈'],
      }),
    ]);
    expect(detail.timeline.filter((e) => e.kind === 'meeting')).toHaveLength(1);
    await shot(page, '3-meeting-sent-390');

    // The console's 矛盾纠纷 page shows the meeting, once.
    desk = await watchedPage(browser, server.url, { width: 1366, height: 900 });
    await signIn(desk.page, server.url, 'officer-yangmei');
    await desk.page.goto(`${server.url}/disputes?open=${dispute.id}`);
    const meetingsOnDesk = desk.page.getByTestId('dispute-meetings');
    await meetingsOnDesk.waitFor({ timeout: 30_000 });
    await expect.poll(() => meetingsOnDesk.textContent()).toContain(OUTCOME);
    expect((await meetingsOnDesk.textContent())!.split(OUTCOME)).toHaveLength(2);
    await desk.page.screenshot({ path: `${shotsDir}/grid-phone-4-desk-1366.png` });

    // 登记纠纷 from the phone, offline: it waits on 我的网格 and, once sent, is one of my tasks.
    await page.getByTestId('grid-back').click();
    await page.waitForURL(/\/m\/grid$/);
    await phonePage.context.setOffline(true);
    await page.getByTestId('grid-register-dispute').click();
    await page.getByTestId('dispute-new-description').fill('山林界址争议，两户各执一词');
    await page.getByTestId('dispute-new-parties').fill('王某、林某');
    await page.getByTestId('dispute-new-submit').click();
    await page.waitForURL(/\/m\/grid$/);
    await expect.poll(() => page.getByTestId('grid-waiting').count()).toBe(1);
    expect(await page.getByTestId('grid-waiting').textContent()).toContain('待发送');
    const mediated = async () =>
      (
        (await (await worker.get('/api/disputes?mine=true')).json()) as {
          items: { id: string; description: string }[];
        }
      ).items.filter((d) => d.description === '山林界址争议，两户各执一词');
    expect(await mediated()).toHaveLength(0);
    await phonePage.context.setOffline(false);
    await expect.poll(async () => (await mediated()).length, { timeout: 60_000 }).toBe(1);
    const [registered] = await mediated();
    await page
      .locator(`[data-testid=grid-task][data-task-id="${registered!.id}"]`)
      .waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('grid-waiting').count()).toBe(0);

    // 360 px wide: the tab still fits without sideways scrolling.
    await page.setViewportSize(narrow);
    await tapTab(page, 'grid');
    await page.locator('[data-testid=my-grid-map][data-map-state=idle]').waitFor({ timeout: 60_000 });
    await page.locator(`[data-testid=grid-task][data-task-id="${dispute.id}"]`).waitFor();
    await page.waitForTimeout(500);
    await shot(page, '5-grid-360');
    await expectFitsWidth(page, 'my grid at 360');
    await page.locator(`[data-testid=grid-task][data-task-id="${dispute.id}"]`).click();
    await page.getByTestId('grid-dispute-meeting').waitFor();
    await shot(page, '6-dispute-360');
    await expectFitsWidth(page, 'dispute at 360');

    expect(phonePage.pageErrors, phonePage.pageErrors.join('\n')).toEqual([]);
  }, 300_000);
});
