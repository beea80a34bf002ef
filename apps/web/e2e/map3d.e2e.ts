import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openConsole, shotsDir, signIn, watchedPage } from '../../../test/support/browser.ts';
import { hasChromium } from '../../../test/support/env.ts';
import { startTestServer, type TestServer } from '../../../test/support/server.ts';

/**
 * A synthetic SRTM3 tile N25E118 (1201² big-endian heights) with mountains over 德化: there is no real
 * elevation data of Dehua offline, and the demo county is where the console opens. Made here, in the test.
 */
function syntheticDehuaTile(dir: string): string {
  const size = 1201;
  const bytes = Buffer.alloc(size * size * 2);
  const peaks = [
    [118.1, 25.68, 1500, 0.08], // 戴云山-like massif in the north-west
    [118.35, 25.55, 900, 0.1],
    [118.25, 25.45, 600, 0.06],
  ] as const;
  for (let row = 0; row < size; row++) {
    const lat = 26 - row / (size - 1);
    for (let col = 0; col < size; col++) {
      const lon = 118 + col / (size - 1);
      let h = 250 + 60 * Math.sin(lon * 90) * Math.cos(lat * 70);
      for (const [plon, plat, height, radius] of peaks) {
        h += height * Math.exp(-((lon - plon) ** 2 + (lat - plat) ** 2) / (2 * radius ** 2));
      }
      bytes.writeInt16BE(Math.round(h), (row * size + col) * 2);
    }
  }
  const path = join(dir, 'N25E118.hgt');
  writeFileSync(path, bytes);
  return path;
}

describe.skipIf(!hasChromium())('dispatch map: offline labels and the 3D view', () => {
  let server: TestServer;
  let browser: Browser;
  let demDir: string;

  beforeAll(async () => {
    demDir = mkdtempSync(join(tmpdir(), 'ronghui-dem-'));
    // The Andorra fixture's terrain is checked over HTTP (map.http.test.ts); the console opens over Dehua.
    const dem = syntheticDehuaTile(demDir);
    server = await startTestServer({ env: { DEM_PATH: dem } });
    browser = await launchBrowser();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(demDir, { recursive: true, force: true });
  });

  async function open(viewport: { width: number; height: number }) {
    const watched = await watchedPage(browser, server.url, viewport);
    const { page, context, foreignRequests: foreign, pageErrors: errors } = watched;
    // Software WebGL on a shared machine: a pitched map with terrain can keep the page busy for a while.
    page.setDefaultTimeout(90_000);
    const mapRequests: { url: string; status: number }[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/api/map/')) mapRequests.push({ url: r.url(), status: r.status() });
    });
    await signIn(page, server.url, 'dispatcher');
    await openConsole(page, server.url);
    return { page, context, foreign, errors, mapRequests };
  }

  const mapData = (page: Page, key: string) => page.getByTestId('dispatch-map').getAttribute(`data-${key}`);
  /** Polls a data attribute of the map element (written on every idle) until `accept` holds. */
  async function waitForData(page: Page, key: string, accept: (value: string) => boolean) {
    await expect
      .poll(async () => accept((await mapData(page, key)) ?? ''), { timeout: 90_000, interval: 250 })
      .toBe(true);
  }

  it('draws station, place and incident labels from our own glyphs, with no outside requests', async () => {
    const { page, context, foreign, errors } = await open({ width: 1366, height: 768 });
    await waitForData(page, 'labels', (v) => Number(v) > 5);
    const sample = (await mapData(page, 'label-sample')) ?? '';
    expect(sample).toMatch(/派出所/);
    await page.screenshot({ path: `${shotsDir}/map3d-1-labels-1366.png` });

    // Closer in, incident numbers: their digits are SDF glyphs from our server (MapLibre fetches them
    // outside the page's request events, so the resource timing entries are read instead).
    const created = await page.request.post(`${server.url}/api/incidents`, {
      data: {
        source: '110',
        category: '刑事',
        priority: 1,
        description: '标注测试',
        address: '德化县杨梅乡',
      },
    });
    expect(created.status()).toBe(201);
    const { number } = (await created.json()) as { number: string };
    await page.getByTestId('dispatch-map-frame').getByRole('combobox').first().fill(number.slice(-9));
    await page.locator('.ant-select-item-option').filter({ hasText: number }).first().click();
    await waitForData(page, 'label-sample', (v) => v.split('|').includes(number));
    const resources = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    const glyphs = resources.filter((url) => url.includes('/api/map/glyphs/'));
    expect(glyphs.some((url) => /\/Noto%20Sans%20(Regular|Bold)\/0-255\.pbf$/.test(url))).toBe(true);
    // Ideographs never go to the glyph server: they are drawn with the local CJK font.
    expect(glyphs.filter((url) => /\/(19968|20224|26368)-/.test(url))).toEqual([]);
    expect(resources.filter((url) => !url.startsWith(new URL(server.url).origin))).toEqual([]);
    await page.screenshot({ path: `${shotsDir}/map3d-2-callsigns-1366.png` });
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('switches to 3D: pitch, rotation, terrain from the DEM, station columns; live layers keep updating', async () => {
    for (const viewport of [
      { width: 1366, height: 768 },
      { width: 1920, height: 1080 },
    ]) {
      const { page, context, foreign, errors, mapRequests } = await open(viewport);
      expect(await mapData(page, 'pitch')).toBe('0.0');
      expect(await mapData(page, 'terrain')).toBe('off');
      const before = Number(await mapData(page, 'incident-total'));

      await page.getByTestId('view-3d').getByText('三维').click({ timeout: 120_000 });
      await waitForData(page, 'pitch', (v) => Number(v) > 50);
      await waitForData(page, 'terrain', (v) => v === 'on');
      await page
        .getByTestId('view-3d')
        .getByText(/地形：已加载高程数据/)
        .waitFor();
      // Terrain tiles over the county come from our server and decode (no map errors on the page).
      await expect
        .poll(() => mapRequests.some((r) => r.url.includes('/api/map/terrain/') && r.status === 200), {
          timeout: 30_000,
        })
        .toBe(true);
      expect(mapRequests.filter((r) => r.url.includes('/api/map/terrain/') && r.status !== 200)).toEqual([]);

      // Rotation is on in 3D: Shift+← turns the map.
      const bearing = Number(await mapData(page, 'bearing'));
      await page.locator('[data-testid=dispatch-map] canvas.maplibregl-canvas').focus({ timeout: 120_000 });
      await page.keyboard.press('Shift+ArrowLeft');
      await page.keyboard.press('Shift+ArrowLeft');
      await waitForData(page, 'bearing', (v) => Math.abs(Number(v) - bearing) > 10);

      // The live layers stay on the pitched map: an incident taken now arrives over the live channel.
      expect(before).toBeGreaterThanOrEqual(1);
      await page.keyboard.press('Shift+ArrowRight');
      const taken = await page.request.post(`${server.url}/api/incidents`, {
        data: {
          source: '110',
          category: '治安',
          priority: 2,
          description: `三维视图实时测试 ${viewport.width}`,
          address: '德化县浔中镇',
        },
      });
      expect(taken.status()).toBe(201);
      await waitForData(page, 'incident-total', (v) => Number(v) >= before + 1);
      expect(await mapData(page, 'pitch')).not.toBe('0.0');
      await waitForData(page, 'labels', (v) => Number(v) > 5);
      await page.screenshot({ path: `${shotsDir}/map3d-3-view-${viewport.width}.png`, timeout: 120_000 });

      // Back to 2D: flat, north up, terrain off.
      await page.getByTestId('view-3d').getByText('二维').click({ timeout: 120_000 });
      await waitForData(page, 'pitch', (v) => Number(v) === 0);
      await waitForData(page, 'terrain', (v) => v === 'off');
      expect(Number(await mapData(page, 'bearing'))).toBe(0);
      expect(foreign).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    }
  }, 420_000);
});
