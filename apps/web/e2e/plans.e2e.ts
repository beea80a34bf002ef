import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
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
import { ensureWebBuilt } from '../../server/src/cli/web-build.ts';
import { defaultWebDist } from '../../server/src/main.ts';

/**
 * A copy of the built console for this server alone: other test runs on the machine rebuild the shared
 * apps/web/dist, and a server started before a rebuild serves only the asset files it saw at start.
 */
function privateWebCopy(): string {
  for (let attempt = 1; ; attempt++) {
    ensureWebBuilt((line) => console.log(line));
    const copy = mkdtempSync(join(tmpdir(), 'ronghui-web-'));
    cpSync(defaultWebDist, copy, { recursive: true });
    const index = existsSync(join(copy, 'index.html')) ? readFileSync(join(copy, 'index.html'), 'utf8') : '';
    const assets = [...index.matchAll(/"\/(assets\/[^"]+)"/g)].map((m) => m[1]!);
    if (assets.length > 0 && assets.every((a) => existsSync(join(copy, a)))) return copy;
    rmSync(copy, { recursive: true, force: true });
    if (attempt >= 5) throw new Error('the web console build kept changing while it was copied');
  }
}

const small = { width: 1366, height: 768 };
const large = { width: 1920, height: 1080 };

type Pt = { x: number; y: number };

interface PlanJson {
  id: string;
  geometry: { type: string; coordinates: unknown };
  properties: { name: string; kind: string; stationName: string; unitIds: string[] };
}

describe.skipIf(!hasChromium())('rapid-response circle, patrol plans, closures and read-only views', () => {
  let server: { url: string; close(): Promise<void> };
  let browser: Browser;
  let webCopy: string | undefined;

  beforeAll(async () => {
    webCopy = privateWebCopy();
    server = await startTestServer({ env: { WEB_DIST: webCopy } });
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (webCopy) rmSync(webCopy, { recursive: true, force: true });
  });

  // A failed test leaves a picture of its pages and closes them, so the next test starts alone.
  const open = new Set<BrowserContext>();
  afterEach(async (context) => {
    const failed = context.task.result?.state === 'fail';
    let i = 0;
    for (const c of open) {
      if (failed)
        for (const p of c.pages())
          await p.screenshot({ path: `${shotsDir}/plans-failed-${i++}.png` }).catch(() => {});
      await c.close().catch(() => {});
    }
    open.clear();
  });

  async function signedIn(
    username: string,
    viewport: { width: number; height: number },
  ): Promise<WatchedPage> {
    const watched = await watchedPage(browser, server.url, viewport);
    open.add(watched.context);
    await signIn(watched.page, server.url, username);
    await openConsole(watched.page, server.url);
    return watched;
  }

  const mapIdle = (page: Page) =>
    page.locator('[data-testid=dispatch-map][data-map-state=idle]').waitFor({ timeout: 60_000 });
  const shot = (page: Page, name: string) => page.screenshot({ path: `${shotsDir}/plans-${name}.png` });
  const api = <T>(page: Page, path: string, method = 'GET') =>
    page.evaluate(
      async ([p, m]) => {
        const res = await fetch(`/api${p}`, { method: m, credentials: 'same-origin' });
        return { status: res.status, body: res.status === 204 ? null : await res.json() };
      },
      [path, method] as const,
    ) as Promise<{ status: number; body: T }>;

  /** Saves a guard point of 浔中派出所 through the API as the page's user: the status and the new id. */
  const postGuardPoint = (page: Page, name: string, coordinates: [number, number]) =>
    page.evaluate(
      async ([n, at]) => {
        const res = await fetch('/api/patrol-plans', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            kind: 'guard-point',
            name: n,
            geometry: { type: 'Point', coordinates: at },
            stationId: 'station-350526100',
            unitIds: [],
          }),
        });
        const body = (await res.json()) as { id?: string };
        return { status: res.status, id: body.id ?? '' };
      },
      [name, coordinates] as const,
    );

  /** A point of the map frame, as fractions of its width and height. */
  async function at(page: Page, fx: number, fy: number): Promise<Pt> {
    const box = (await page.getByTestId('dispatch-map').boundingBox())!;
    return { x: Math.round(box.x + box.width * fx), y: Math.round(box.y + box.height * fy) };
  }

  /** Camera icons open the camera's own view when clicked: switched off before clicking the map. */
  async function camerasOff(page: Page) {
    const cameras = page.getByTestId('layer-switcher').getByText('视频监控');
    if ((await cameras.count()) > 0) await cameras.click();
  }

  async function openPatrol(page: Page, segment: '守点·巡线·控面' | '覆盖率' | '道路封闭') {
    await page.getByRole('tab', { name: '巡防' }).click();
    await page.getByTestId('patrol-panel').getByText(segment, { exact: true }).click();
  }

  async function fillPlanForm(page: Page, name: string, station: string, units: number) {
    const form = page.getByTestId('plan-form');
    await form.waitFor();
    await form.getByLabel('名称').fill(name);
    await form.getByLabel('责任派出所').click();
    await page.keyboard.type(station);
    await page.keyboard.press('Enter');
    await expect.poll(() => form.locator('.ant-select').first().textContent()).toContain(station);
    await form.getByLabel('分配警力（本所）').click();
    for (let i = 0; i < units; i++) {
      if (i > 0) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
    }
    await expect.poll(() => form.locator('.ant-select-selection-item').count()).toBe(units);
    await page.keyboard.press('Escape');
  }

  it('draws a patrol line and a control area, drags a vertex, assigns units and finds them after a reload', async () => {
    const w = await signedIn('dispatcher', small);
    const page = w.page;
    await camerasOff(page);
    await openPatrol(page, '守点·巡线·控面');
    // The demo's own features (古镇义警队's around 曾坂) stay aside: this test counts what it draws.
    const existing = (await api<{ items: PlanJson[] }>(page, '/patrol-plans')).body.items.map((f) => f.id);
    const n = (drawn: number) => existing.length + drawn;

    // 巡线: three clicks, the last one a double-click that finishes it.
    await page.getByTestId('plan-draw-patrol-line').click();
    await page.getByTestId('plan-drawing').waitFor();
    const line = [await at(page, 0.45, 0.4), await at(page, 0.55, 0.45), await at(page, 0.62, 0.38)];
    await page.mouse.click(line[0]!.x, line[0]!.y);
    await page.mouse.click(line[1]!.x, line[1]!.y);
    await page.mouse.dblclick(line[2]!.x, line[2]!.y);
    await fillPlanForm(page, '浔中城区夜巡线', '浔中派出所', 2);
    await shot(page, '1-line-form-1366');
    await page.getByTestId('plan-save').click();
    await page.getByTestId('plan-form').waitFor({ state: 'detached' });

    // 控面: four clicks and Enter; Esc first cancels a stray start.
    await page.getByTestId('plan-draw-control-area').click();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('plan-drawing').count()).toBe(0);
    await page.getByTestId('plan-draw-control-area').click();
    // Right of the layer switcher, which covers the map's left part at 1366 px.
    const area = [
      await at(page, 0.5, 0.6),
      await at(page, 0.6, 0.6),
      await at(page, 0.6, 0.72),
      await at(page, 0.5, 0.72),
    ];
    for (const p of area) await page.mouse.click(p.x, p.y);
    await page.keyboard.press('Enter');
    await fillPlanForm(page, '龙浔控面', '龙浔派出所', 1);
    await page.getByTestId('plan-save').click();
    await page.getByTestId('plan-form').waitFor({ state: 'detached' });

    // 守点: one click.
    await page.getByTestId('plan-draw-guard-point').click();
    const point = await at(page, 0.7, 0.6);
    await page.mouse.click(point.x, point.y);
    await fillPlanForm(page, '德化一中守点', '浔中派出所', 1);
    await page.getByTestId('plan-save').click();
    await page.getByTestId('plan-form').waitFor({ state: 'detached' });

    const saved = async () =>
      (await api<{ items: PlanJson[] }>(page, '/patrol-plans')).body.items.filter(
        (f) => !existing.includes(f.id),
      );
    const first = await saved();
    expect(first.map((f) => [f.properties.name, f.geometry.type, f.properties.unitIds.length])).toEqual([
      ['浔中城区夜巡线', 'LineString', 2],
      ['龙浔控面', 'Polygon', 1],
      ['德化一中守点', 'Point', 1],
    ]);
    expect((first[1]!.geometry.coordinates as number[][][])[0]).toHaveLength(5);
    await expect
      .poll(() => page.getByTestId('dispatch-map').getAttribute('data-overlay-plans'))
      .toBe(String(n(3)));

    // Drag the line's middle vertex and save.
    await page
      .getByTestId('plan-item')
      .filter({ hasText: '浔中城区夜巡线' })
      .getByTestId('plan-edit')
      .click();
    await page.getByTestId('plan-form').waitFor();
    await page.mouse.move(line[1]!.x, line[1]!.y);
    await page.mouse.down();
    for (let k = 1; k <= 5; k++) await page.mouse.move(line[1]!.x + 12 * k, line[1]!.y + 8 * k);
    await page.mouse.up();
    await shot(page, '2-vertex-dragged-1366');
    await page.getByTestId('plan-save').click();
    await page.getByTestId('plan-form').waitFor({ state: 'detached' });
    const after = await saved();
    const before = first[0]!.geometry.coordinates as number[][];
    const moved = after[0]!.geometry.coordinates as number[][];
    expect(moved[0]).toEqual(before[0]);
    expect(moved[2]).toEqual(before[2]);
    expect(moved[1]![0]).toBeGreaterThan(before[1]![0]!);
    expect(moved[1]![1]).toBeLessThan(before[1]![1]!);

    // After a reload the plans, their stations and units are there.
    await page.reload();
    await mapIdle(page);
    await openPatrol(page, '守点·巡线·控面');
    const items = page.getByTestId('plan-item');
    await expect.poll(() => items.count()).toBe(n(3));
    const lineItem = items.filter({ hasText: '浔中城区夜巡线' });
    expect(await lineItem.getByTestId('plan-detail').textContent()).toMatch(/^浔中派出所 · \S+、\S+$/);
    expect(await items.filter({ hasText: '龙浔控面' }).getByTestId('plan-detail').textContent()).toMatch(
      /^龙浔派出所 · \S+$/,
    );
    await expect
      .poll(() => page.getByTestId('dispatch-map').getAttribute('data-overlay-plans'))
      .toBe(String(n(3)));
    await shot(page, '3-plans-1366');

    // Deleting asks first; the guard point is gone from the list, the map and the server.
    await page
      .getByTestId('plan-item')
      .filter({ hasText: '德化一中守点' })
      .getByTestId('plan-delete')
      .click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /^删\s*除$/ })
      .click();
    await expect.poll(() => items.count()).toBe(n(2));
    await expect
      .poll(() => page.getByTestId('dispatch-map').getAttribute('data-overlay-plans'))
      .toBe(String(n(2)));
    expect((await saved()).map((f) => f.properties.name)).toEqual(['浔中城区夜巡线', '龙浔控面']);

    expect(w.pageErrors, w.pageErrors.join('\n')).toEqual([]);
    expect(w.foreignRequests).toEqual([]);
    await w.context.close();
  });

  it('shows the coverage overlay and an area table matching /api/coverage', async () => {
    const w = await signedIn('commander', large);
    const page = w.page;
    await page.getByTestId('layer-switcher').getByText('覆盖 (3/5/10 分钟)').click();
    await page.getByTestId('coverage-legend').waitFor();
    await expect
      .poll(() => page.getByTestId('dispatch-map').getAttribute('data-overlay-coverage'), { timeout: 60_000 })
      .toBe('222');
    await openPatrol(page, '覆盖率');
    const table = page.getByTestId('coverage-table');
    await table.locator('[data-testid=coverage-cell]').first().waitFor({ timeout: 60_000 });

    const { body } = await api<{
      rows: {
        key: string;
        name: string;
        villages: number;
        within: { minutes: number; villages: number; populationShare: number }[];
      }[];
    }>(page, '/coverage?minutes=3,5,10');
    expect(body.rows.map((r) => r.key)).toContain('all');
    expect(body.rows).toHaveLength(6);
    for (const row of body.rows) {
      const tr = table.locator(`tr[data-area="${row.key}"]`);
      for (const w3 of row.within) {
        const cell = tr.locator(`[data-minutes="${w3.minutes}"]`);
        expect(await cell.locator('[data-share=population]').textContent()).toBe(
          `${(w3.populationShare * 100).toFixed(1)}%`,
        );
        expect(await cell.locator('[data-share=villages]').textContent()).toBe(
          `${w3.villages}/${row.villages} 村`,
        );
      }
    }
    // 杨梅派出所's units go out of service: the north area's figures follow without a reload.
    const units = await api<{ items: { id: string; stationName: string; status: string }[] }>(page, '/units');
    const yangmei = units.body.items.filter(
      (u) => u.stationName === '杨梅派出所' && u.status === 'available',
    );
    expect(yangmei.length).toBeGreaterThan(0);
    const north = body.rows.find((r) => r.name === '北片联勤区')!;
    const northCell = table.locator(
      `tr[data-area="${north.key}"] [data-minutes="10"] [data-share=population]`,
    );
    const before = `${(north.within[2]!.populationShare * 100).toFixed(1)}%`;
    expect(await northCell.textContent()).toBe(before);
    const statuses = await page.evaluate(
      async (ids) =>
        Promise.all(
          ids.map(async (id) => {
            const res = await fetch(`/api/units/${id}/status`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ status: 'out-of-service', note: '车辆维修' }),
            });
            return res.status;
          }),
        ),
      yangmei.map((u) => u.id),
    );
    expect(statuses.every((st) => st === 200)).toBe(true);
    await expect.poll(() => northCell.textContent(), { timeout: 40_000 }).not.toBe(before);
    const now = (await api<typeof body>(page, '/coverage?minutes=3,5,10')).body;
    const northNow = now.rows.find((r) => r.key === north.key)!;
    expect(northNow.within[2]!.populationShare).toBeLessThan(north.within[2]!.populationShare);
    expect(await northCell.textContent()).toBe(`${(northNow.within[2]!.populationShare * 100).toFixed(1)}%`);
    await mapIdle(page);
    await shot(page, '4-coverage-1920');
    await page.setViewportSize(small);
    await mapIdle(page);
    await shot(page, '5-coverage-1366');
    expect(w.pageErrors, w.pageErrors.join('\n')).toEqual([]);
    await w.context.close();
  });

  it('closes a road picked on the map, shows it, and reopens it; other consoles follow live', async () => {
    // A commander's console elsewhere: closures and plans changed by others arrive over the live channel.
    const watcher = await signedIn('commander', small);
    const c = watcher.page;
    const liveTopics: string[] = [];
    c.on('websocket', (ws) =>
      ws.on('framereceived', ({ payload }) => {
        const m = /"topic":"((?:road|patrol)\.[a-z.]+)"/.exec(String(payload));
        if (m) liveTopics.push(m[1]!);
      }),
    );
    await c.reload();
    await openPatrol(c, '道路封闭');
    await expect.poll(() => c.getByTestId('patrol-panel').textContent()).toContain('道路封闭');
    expect(await c.getByTestId('closure-item').count()).toBe(0);
    const live = { timeout: 5_000 };

    const w = await signedIn('dispatcher', large);
    const page = w.page;
    // The county town's streets fill the view.
    await page.getByLabel('搜索地名、呼号、警情编号').fill('浔中派出所');
    await page.locator('.ant-select-item-option').filter({ hasText: '浔中派出所' }).first().click();
    await page.waitForTimeout(1_000);
    await page
      .getByRole('button', { name: 'Zoom in' })
      .or(page.locator('.maplibregl-ctrl-zoom-in'))
      .first()
      .click();
    await page.waitForTimeout(1_000);
    await mapIdle(page);
    await camerasOff(page);
    await openPatrol(page, '道路封闭');
    await page.getByTestId('closure-pick').click();
    const form = page.getByTestId('closure-form');
    // Clicks away from any road leave pick mode on with a hint; a click on a road opens the form.
    for (const [fx, fy] of [
      [0.5, 0.5],
      [0.52, 0.48],
      [0.48, 0.53],
      [0.55, 0.55],
      [0.45, 0.45],
      [0.6, 0.5],
      [0.4, 0.5],
      [0.5, 0.6],
      [0.5, 0.4],
    ] as const) {
      const p = await at(page, fx, fy);
      await page.mouse.click(p.x, p.y);
      if (await form.isVisible()) break;
    }
    await form.waitFor({ timeout: 5_000 });
    await form.getByLabel('封闭原因').click();
    await page
      .locator('.ant-select-item-option')
      .filter({ hasText: /^塌方$/ })
      .click();
    await form.getByLabel('说明（如：K12 处山体塌方）').fill('山体塌方，双向封闭');
    await page.getByTestId('closure-save').click();
    await page.getByTestId('closure-item').first().waitFor();
    const list = await api<{
      items: { id: string; cause: string; note: string; edges: number[]; createdBy: string }[];
      total: number;
    }>(page, '/routing/closures');
    expect(list.body.total).toBe(1);
    expect(list.body.items[0]).toMatchObject({
      cause: 'landslide',
      note: '山体塌方，双向封闭',
      createdBy: 'dispatcher',
    });
    await expect
      .poll(() => page.getByTestId('dispatch-map').getAttribute('data-overlay-closures'))
      .not.toMatch(/^(0|null)$/);
    await mapIdle(page);
    await shot(page, '6-closure-1920');
    // The commander's list shows it without a reload, and the map draws it.
    await expect.poll(() => c.getByTestId('closure-item').count(), live).toBe(1);
    expect(await c.getByTestId('closure-item').textContent()).toContain('山体塌方，双向封闭');
    await expect
      .poll(() => c.getByTestId('dispatch-map').getAttribute('data-overlay-closures'), live)
      .not.toMatch(/^(0|null)$/);
    await shot(c, '6b-closure-seen-elsewhere-1366');

    await page.getByTestId('closure-reopen').click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '解除封闭' }).click();
    await expect.poll(() => page.getByTestId('closure-item').count()).toBe(0);
    expect((await api<unknown>(page, '/routing/closures')).body).toEqual({ items: [], total: 0 });
    await expect.poll(() => page.getByTestId('dispatch-map').getAttribute('data-overlay-closures')).toBe('0');
    await expect.poll(() => c.getByTestId('closure-item').count(), live).toBe(0);

    // A plan saved and deleted by the dispatcher appears in and leaves the commander's list live.
    await c.getByTestId('patrol-panel').getByText('守点·巡线·控面', { exact: true }).click();
    const before = (await api<{ total: number }>(c, '/patrol-plans')).body.total;
    await expect.poll(() => c.getByTestId('plan-item').count()).toBe(before);
    const saved = await postGuardPoint(page, '瓷都大道临时卡点', [118.241, 25.492]);
    expect(saved.status).toBe(201);
    await expect.poll(() => c.getByTestId('plan-item').count(), live).toBe(before + 1);
    expect(await c.getByTestId('patrol-panel').textContent()).toContain('瓷都大道临时卡点');
    expect((await api<null>(page, `/patrol-plans/${saved.id}`, 'DELETE')).status).toBe(204);
    await expect.poll(() => c.getByTestId('plan-item').count(), live).toBe(before);
    expect(liveTopics).toEqual(expect.arrayContaining(['road.event.changed', 'patrol.changed']));
    expect(w.pageErrors, w.pageErrors.join('\n')).toEqual([]);
    expect(watcher.pageErrors, watcher.pageErrors.join('\n')).toEqual([]);
    await w.context.close();
    await watcher.context.close();
  });

  it('gives leadership a read-only console, and names the problem when the server refuses a save', async () => {
    const leader = await signedIn('leader', small);
    const l = leader.page;
    await l.getByTestId('read-only-badge').waitFor();
    expect(await l.getByTestId('read-only-badge').textContent()).toContain('只读');
    expect(await l.getByRole('tab', { name: '接警' }).count()).toBe(0);
    expect(await l.getByRole('tab', { name: '派警请求' }).count()).toBe(0);
    expect(await l.getByRole('tab', { name: '消息' }).count()).toBe(0);
    await openPatrol(l, '守点·巡线·控面');
    await expect.poll(() => l.getByTestId('plan-item').count()).toBeGreaterThan(0);
    for (const id of ['plan-draw-patrol-line', 'plan-edit', 'plan-delete']) {
      expect(await l.getByTestId(id).count(), id).toBe(0);
    }
    await l.getByTestId('patrol-panel').getByText('道路封闭', { exact: true }).click();
    expect(await l.getByTestId('closure-pick').count()).toBe(0);
    // The server refuses what the console does not offer.
    const refused = (await postGuardPoint(l, '越权守点', [118.24, 25.49])).status;
    expect(refused).toBe(403);
    // The picture once the segment's slide has settled on 道路封闭.
    await expect
      .poll(() => l.getByTestId('patrol-panel').locator('.ant-segmented-item-selected').textContent())
      .toBe('道路封闭');
    await l.waitForTimeout(400);
    await shot(l, '7-read-only-1366');
    expect(leader.pageErrors, leader.pageErrors.join('\n')).toEqual([]);
    await leader.context.close();

    // A plan deleted elsewhere while a dispatcher edits it: the save is refused with what to do.
    const w = await signedIn('dispatcher', small);
    const page = w.page;
    await openPatrol(page, '守点·巡线·控面');
    const item = page.getByTestId('plan-item').filter({ hasText: '龙浔控面' });
    await item.getByTestId('plan-edit').click();
    await page.getByTestId('plan-form').getByLabel('名称').fill('龙浔控面（夜间）');
    const id = await item.getAttribute('data-plan-id');
    expect((await api<null>(page, `/patrol-plans/${id}`, 'DELETE')).status).toBe(204);
    await page.getByTestId('plan-save').click();
    const error = page.getByTestId('plan-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/要操作的记录不存在，可能已被删除/);
    // The list shows what is left, so the dispatcher sees the plan is gone.
    await expect.poll(() => item.count()).toBe(0);
    await shot(page, '8-refused-1366');
    expect(w.pageErrors, w.pageErrors.join('\n')).toEqual([]);
    await w.context.close();
  });
});
