import { type APIRequestContext, type Browser, type Page, request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/src/demo/demo-accounts.ts';
import {
  launchBrowser,
  openConsole,
  shotsDir,
  signIn,
  type WatchedPage,
  watchedPage,
} from '../../../test/support/browser.ts';
import { hasChromium } from '../../../test/support/env.ts';
import { device, expectFitsWidth, phone, signInOnPhone, tapTab } from './phone-support.ts';
import { startTestServer } from '../../../test/support/server.ts';

// Five phones at once: a lower pixel ratio keeps the machine's two cores for the app.
const fiveDevice = { ...device, deviceScaleFactor: 2 };

/** The five stations of 北片 (the seed's first story), one phone each. */
const STATIONS = ['yangmei', 'shangyong', 'gekeng', 'guiyang', 'tangtou'] as const;
const DECLINING = 'tangtou';

interface UnitView {
  id: string;
  callsign: string;
  kind: string;
  onDuty: boolean;
  status: string;
  incidentId: string | null;
  position: { lon: number; lat: number; at: string } | null;
}

interface Phone extends WatchedPage {
  station: (typeof STATIONS)[number];
  api: APIRequestContext;
  unit: UnitView;
  /** Where the phone's GPS says it is. */
  gps: { longitude: number; latitude: number };
}

async function apiAs(baseURL: string, username: string): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL });
  const res = await api.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
  expect(res.status(), await res.text()).toBe(200);
  return api;
}

describe.skipIf(!hasChromium())('the 杨梅乡 order on five phones (外勤)', () => {
  let server: { url: string; close(): Promise<void> };
  let browser: Browser;
  const phones: Phone[] = [];
  let north: APIRequestContext;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    north = await apiAs(server.url, 'dispatcher-north');
  }, 180_000);

  afterAll(async () => {
    for (const p of phones) {
      await p.api.dispose();
      await p.context.close();
    }
    await north?.dispose();
    await browser?.close();
    await server?.close();
  });

  const shot = (page: Page, name: string) => page.screenshot({ path: `${shotsDir}/field-${name}.png` });

  it('puts each officer on a unit, with the phone reporting its position as that unit', async () => {
    for (const station of STATIONS) {
      const api = await apiAs(server.url, `officer-${station}`);
      const units = ((await (await api.get('/api/units')).json()) as { items: UnitView[] }).items;
      const unit = units.find((u) => u.kind !== 'vehicle' && u.onDuty && u.status === 'available');
      expect(unit, `an available officer at ${station}`).toBeTruthy();
      // The officer stands 200 m north of where the unit was last seen.
      const gps = { longitude: unit!.position!.lon, latitude: unit!.position!.lat + 0.0018 };
      const watched = await watchedPage(browser, server.url, phone, fiveDevice);
      await watched.context.grantPermissions(['geolocation'], { origin: server.url });
      await watched.context.setGeolocation({ ...gps, accuracy: 12 });
      const p: Phone = { ...watched, station, api, unit: unit!, gps };
      phones.push(p);
      const page = p.page;
      await signInOnPhone(page, server.url, `officer-${station}`);
      await page.waitForURL(/\/m\/orders/);
      const card = page.getByTestId('mobile-my-unit');
      await card.waitFor();
      expect(await card.getAttribute('data-signed-on')).toBe('false');
      await page.getByTestId('mobile-my-unit-select').click();
      await page.locator('.ant-select-item-option').filter({ hasText: unit!.callsign }).first().click();
      await page.getByTestId('mobile-sign-on').click();
      await page.locator('[data-testid=mobile-my-unit][data-signed-on=true]').waitFor();
      await page.locator('[data-testid=mobile-tracker][data-state=tracking]').waitFor({ timeout: 30_000 });
    }
    await shot(phones[0]!.page, '1-signed-on-390');
    await expectFitsWidth(phones[0]!.page, 'orders at 390');
    // The server has each phone's position as its unit's (the phone as a tracker).
    for (const p of phones) {
      await expect
        .poll(
          async () => {
            const u = (await (await p.api.get(`/api/units/${p.unit.id}`)).json()) as UnitView;
            return u.position ? Math.abs(u.position.lat - p.gps.latitude) : 1;
          },
          { timeout: 30_000 },
        )
        .toBeLessThan(0.0001);
    }
  });

  let incidentId = '';
  let number = '';

  it('brings the area request to every phone; four accept, one declines; they go en route and on scene', async () => {
    const created = await north.post('/api/incidents', {
      data: {
        source: '110',
        category: '刑事',
        priority: 1,
        description: '涉嫌盗窃的犯罪嫌疑人出现在杨梅乡',
        address: '德化县杨梅乡',
      },
    });
    expect(created.status()).toBe(201);
    ({ id: incidentId, number } = (await created.json()) as { id: string; number: string });

    // The command room watches on its console.
    const room = await watchedPage(browser, server.url, { width: 1366, height: 768 });
    await signIn(room.page, server.url, 'dispatcher-north');
    await openConsole(room.page, server.url);
    const r = room.page;
    await r.getByTestId('dispatch-map-frame').getByRole('combobox').first().fill(number.slice(-9));
    await r.locator('.ant-select-item-option').filter({ hasText: number }).first().click();
    await r.getByTestId('incident-panel').waitFor();

    const asked = await north.post(`/api/incidents/${incidentId}/requests`, {
      data: { stations: 'area', perStation: 2 },
    });
    expect(asked.status(), await asked.text()).toBe(201);

    // The order reaches each phone at once (live channel), full screen: what, where, how far by road.
    for (const p of phones) {
      const alert = p.page.getByTestId('mobile-new-request');
      await alert.waitFor({ timeout: 30_000 });
      await expect.poll(async () => (await alert.textContent()) ?? '').toContain(number);
      await p.page.getByTestId('mobile-alert-eta').waitFor({ timeout: 30_000 });
      expect(await p.page.getByTestId('mobile-alert-eta').textContent()).toMatch(
        /道路距离 [\d.]+ k?m · 约 \d+ 分钟/,
      );
      if (p.station === 'yangmei') await shot(p.page, '2-alert-390');
      await p.page.getByTestId('mobile-alert-view').click();
      await p.page.locator(`[data-testid=mobile-task][data-incident="${incidentId}"]`).waitFor();
    }
    const yangmei = phones[0]!;
    await yangmei.page
      .locator('[data-testid=mobile-route-map][data-route=shown]')
      .waitFor({ timeout: 60_000 });
    await shot(yangmei.page, '3-task-390');
    await expectFitsWidth(yangmei.page, 'task at 390');

    for (const p of phones) {
      const page = p.page;
      if (p.station === DECLINING) {
        await page.getByTestId('mobile-decline').click();
        // The sheet slides up; a tap on a chip still moving may land beside it, so tap until the reason is in.
        const reason = page.getByTestId('mobile-decline-reason');
        await reason.waitFor();
        await expect
          .poll(
            async () => {
              await page.getByRole('button', { name: '正在处置其他警情' }).click();
              return reason.inputValue();
            },
            { timeout: 30_000 },
          )
          .toBe('正在处置其他警情');
        await page.getByTestId('mobile-decline-confirm').click();
        continue;
      }
      await page.getByTestId('mobile-accept').click();
      const chosen = page.getByTestId('mobile-accept-units').locator('.ant-checkbox-wrapper-checked');
      await expect.poll(() => chosen.count()).toBe(2);
      expect(await chosen.first().textContent()).toContain(p.unit.callsign);
      if (p.station === 'yangmei') await shot(page, '4-accept-390');
      await page.getByTestId('mobile-accept-confirm').click();
    }

    // The command room's board fills in live: 4 stations × 2 committed, 1 declined.
    const board = r.getByTestId('request-board');
    await expect.poll(() => board.getAttribute('data-answered'), { timeout: 60_000 }).toBe('5');
    await expect.poll(() => board.getAttribute('data-committed'), { timeout: 30_000 }).toBe('8');
    const rows = (
      (await (await north.get(`/api/incidents/${incidentId}/requests`)).json()) as {
        items: { status: string; reason: string | null }[];
      }
    ).items;
    expect(rows.filter((x) => x.status === 'committed')).toHaveLength(4);
    expect(rows.filter((x) => x.status === 'declined').map((x) => x.reason)).toEqual(['正在处置其他警情']);

    // Each accepting officer: 出发, then 到场, each stamped with its time.
    for (const p of phones.filter((x) => x.station !== DECLINING)) {
      const page = p.page;
      await page.getByTestId('mobile-steps').waitFor({ timeout: 30_000 });
      await page.getByTestId('mobile-step-en-route').click();
      await page.locator('[data-testid=mobile-step-en-route][data-done=true]').waitFor({ timeout: 30_000 });
      await page.getByTestId('mobile-step-on-scene').click();
      await page.locator('[data-testid=mobile-step-on-scene][data-done=true]').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('mobile-step-on-scene').textContent()).toMatch(/到场\d{2}:\d{2}:\d{2}/);
    }
    await shot(yangmei.page, '5-on-scene-390');

    // The incident carries the times, and the command room's console followed without a reload.
    const incident = (await (await north.get(`/api/incidents/${incidentId}`)).json()) as {
      status: string;
      times: { enRoute: string | null; onScene: string | null };
      timeline: { kind: string; detail: { unitId?: string; status?: string } }[];
    };
    expect(incident.status).toBe('on-scene');
    expect(incident.times.enRoute).not.toBeNull();
    expect(incident.times.onScene).not.toBeNull();
    const reports = incident.timeline.filter((e) => e.kind === 'unit-status');
    expect(new Set(reports.map((e) => e.detail.unitId)).size).toBe(4);
    await expect
      .poll(() => r.getByTestId('incident-status').textContent(), { timeout: 30_000 })
      .toContain('已到场');
    await r.screenshot({ path: `${shotsDir}/field-6-command-room-1366.png` });
    expect(room.pageErrors).toEqual([]);
    await room.context.close();
    for (const p of phones) {
      expect(p.pageErrors, p.station).toEqual([]);
      expect(p.foreignRequests, p.station).toEqual([]);
      expect(p.cspViolations, p.station).toEqual([]);
    }
  });

  it('keeps a note and a photo taken offline, and the incident shows each exactly once when back online', async () => {
    const p = phones[0]!;
    const page = p.page;
    const photo = await page.screenshot({ type: 'png' });
    await p.context.setOffline(true);
    await page.getByTestId('mobile-note-text').fill('嫌疑人已控制，现场无人员受伤');
    await page.getByTestId('mobile-note-save').click();
    await page.getByTestId('mobile-photo-input').setInputFiles({
      name: 'scene.png',
      mimeType: 'image/png',
      buffer: photo,
    });
    await expect.poll(() => page.getByTestId('mobile-record-waiting').count()).toBe(2);
    await expect
      .poll(async () => (await page.getByTestId('outbox-status').textContent()) ?? '')
      .toContain('2');
    await shot(page, '7-offline-record-390');
    const attachments = async () =>
      ((await (await north.get(`/api/incidents/${incidentId}/attachments`)).json()) as { total: number })
        .total;
    const notes = async () =>
      (
        (await (await north.get(`/api/incidents/${incidentId}`)).json()) as {
          timeline: { kind: string; note: string | null }[];
        }
      ).timeline.filter((e) => e.kind === 'note' && e.note === '嫌疑人已控制，现场无人员受伤').length;
    expect(await attachments()).toBe(0);
    expect(await notes()).toBe(0);

    await p.context.setOffline(false);
    await expect.poll(() => page.getByTestId('mobile-record-waiting').count(), { timeout: 60_000 }).toBe(0);
    await page.getByTestId('mobile-photo-thumb').first().waitFor({ timeout: 30_000 });
    await expect
      .poll(() => page.getByTestId('mobile-note').filter({ hasText: '嫌疑人已控制' }).count())
      .toBe(1);
    expect(await attachments()).toBe(1);
    expect(await notes()).toBe(1);
    // The photo was shrunk to a JPEG on the phone before it left.
    const list = (await (await north.get(`/api/incidents/${incidentId}/attachments`)).json()) as {
      items: { contentType: string; sizeBytes: number }[];
    };
    expect(list.items[0]!.contentType).toBe('image/jpeg');
    expect(list.items[0]!.sizeBytes).toBeLessThan(photo.length);
    await page.reload();
    await page.getByTestId('mobile-photo-thumb').first().waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('mobile-photo-thumb').count()).toBe(1);
    expect(await attachments()).toBe(1);
    expect(await notes()).toBe(1);
    await shot(page, '8-record-sent-390');
  });

  it('asks for backup and raises an emergency from the phone, both reaching the command room', async () => {
    const p = phones[1]!;
    const page = p.page;
    await page.getByTestId('mobile-backup').click();
    await page.getByRole('button', { name: '嫌疑人持械' }).click();
    await page.getByTestId('mobile-backup-send').click();
    await expect
      .poll(async () => {
        const incident = (await (await north.get(`/api/incidents/${incidentId}`)).json()) as {
          timeline: { kind: string; note: string | null; detail: { callsign?: string } }[];
        };
        return incident.timeline.filter((e) => e.kind === 'backup-requested').map((e) => e.detail.callsign);
      })
      .toEqual([p.unit.callsign]);

    await page.getByTestId('mobile-sos').click();
    await page.getByTestId('mobile-sos-confirm').click();
    await expect
      .poll(async () => {
        const list = (await (await north.get('/api/emergencies?open=true')).json()) as {
          items: { unit: { id: string } }[];
        };
        return list.items.filter((e) => e.unit.id === p.unit.id).length;
      })
      .toBe(1);
    await shot(page, '9-backup-sos-390');
  });

  it('stops reporting positions when the officer signs off', async () => {
    const p = phones[2]!;
    await tapTab(p.page, 'orders');
    await p.page.getByTestId('mobile-sign-off').click();
    await p.page.locator('[data-testid=mobile-my-unit][data-signed-on=false]').waitFor();
    const before = ((await (await p.api.get(`/api/units/${p.unit.id}`)).json()) as UnitView).position;
    await p.context.setGeolocation({
      longitude: p.gps.longitude + 0.01,
      latitude: p.gps.latitude,
      accuracy: 10,
    });
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const after = ((await (await p.api.get(`/api/units/${p.unit.id}`)).json()) as UnitView).position;
    expect(after?.lon).toBe(before?.lon);
  });
});
