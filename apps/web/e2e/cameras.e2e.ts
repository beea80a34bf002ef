import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32, deflateSync } from 'node:zlib';
import { createCameraProjector } from '@ronghui/geo';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, shotsDir, signIn, watchedPage } from '../../../test/support/browser.ts';
import { hasChromium } from '../../../test/support/env.ts';
import { startTestServer } from '../../../test/support/server.ts';
import type { Camera, CameraScene } from '@ronghui/contracts';
import { poseOf } from '../src/features/cameras/ar-labels.ts';

const small = { width: 1366, height: 768 };
const large = { width: 1920, height: 1080 };

/** A width×height RGB PNG: sky-blue above, grey-green below, like a street camera's still. */
function png(width: number, height: number): Buffer {
  const row = width * 3 + 1;
  const raw = Buffer.alloc(row * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = y * row + 1 + x * 3;
      const sky = y < height * 0.4;
      raw[o] = sky ? 150 : (90 + (x * 40) / width) | 0;
      raw[o + 1] = sky ? 190 : 110;
      raw[o + 2] = sky ? 235 : 90;
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(4);
    head.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([head, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe.skipIf(!hasChromium())('camera AR view (AR实景)', () => {
  let server: { url: string; close(): Promise<void> };
  let browser: Browser;
  let snapshots: Server;
  let snapshotUrl: string;
  let snapshotHits = 0;
  /** HLS files served by the stream server (path → body), filled by the HLS test. */
  const hlsFiles = new Map<string, { type: string; body: Buffer }>();

  beforeAll(async () => {
    browser = await launchBrowser();
    const image = png(640, 360);
    snapshots = createServer((req, res) => {
      if (req.url?.startsWith('/live.mjpg')) {
        // Motion JPEG as IP cameras serve it: one multipart response, a new picture every second.
        res.writeHead(200, { 'content-type': 'multipart/x-mixed-replace; boundary=frame' });
        const frame = () =>
          res.write(
            Buffer.concat([
              Buffer.from(`--frame\r\nContent-Type: image/png\r\nContent-Length: ${image.length}\r\n\r\n`),
              image,
              Buffer.from('\r\n'),
            ]),
          );
        frame();
        const timer = setInterval(frame, 1000);
        req.on('close', () => clearInterval(timer));
      } else if (req.url && hlsFiles.has(req.url)) {
        // Cameras' HLS gateways are on other hosts: players fetch the files cross-origin.
        const file = hlsFiles.get(req.url)!;
        res.writeHead(200, { 'content-type': file.type, 'access-control-allow-origin': '*' });
        res.end(file.body);
      } else if (req.url?.startsWith('/snap.png')) {
        snapshotHits++;
        res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'no-store' });
        res.end(image);
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => snapshots.listen(0, '127.0.0.1', resolve));
    snapshotUrl = `http://127.0.0.1:${(snapshots.address() as AddressInfo).port}/snap.png`;
    // The console's Content-Security-Policy lets it load streams from the configured camera origins only.
    server = await startTestServer({ env: { CAMERA_STREAM_ORIGINS: new URL(snapshotUrl).origin } });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    snapshots?.closeAllConnections();
    await new Promise((resolve) => snapshots?.close(resolve));
  });

  async function signedIn(username: string, viewport: { width: number; height: number }) {
    const { page, pageErrors: errors } = await watchedPage(browser, server.url, viewport);
    await signIn(page, server.url, username);
    return { page, errors };
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: `${shotsDir}/cameras-${name}.png` });

  /** The frame's size and the labels as drawn: the centre of each label's dot relative to the frame. */
  async function drawnLabels(page: Page) {
    return page.evaluate(() => {
      const frame = document.querySelector('[data-testid=camera-frame]')!;
      const box = frame.getBoundingClientRect();
      return {
        width: Number(frame.getAttribute('data-width')),
        height: Number(frame.getAttribute('data-height')),
        labels: [...frame.querySelectorAll('[data-testid=ar-label]')].map((el) => {
          const dot = el.querySelector('.ar-label-dot')!.getBoundingClientRect();
          return {
            kind: el.getAttribute('data-kind')!,
            name: el.getAttribute('data-name')!,
            x: dot.left + dot.width / 2 - box.left,
            y: dot.top + dot.height / 2 - box.top,
          };
        }),
      };
    });
  }

  /** Registers a camera at the museum camera's pose with a stream; answers its id. */
  async function addStreamCamera(
    page: Page,
    code: string,
    name: string,
    streamKind: string,
    streamUrl: string,
  ) {
    const base = (await (
      await page.request.get(`${server.url}/api/cameras/cam-ceramics-museum`)
    ).json()) as Camera;
    const { stationId, lon, lat, heightMeters, headingDegrees, tiltDegrees, hfovDegrees, rangeMeters } = base;
    const created = await page.request.post(`${server.url}/api/cameras`, {
      data: {
        code,
        name,
        stationId,
        lon,
        lat,
        heightMeters,
        headingDegrees,
        tiltDegrees,
        hfovDegrees,
        rangeMeters,
        streamKind,
        streamUrl,
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    return ((await created.json()) as Camera).id;
  }

  const streamPlaying = (page: Page) =>
    page.waitForFunction(
      () =>
        document.querySelector('[data-testid=camera-frame]')?.getAttribute('data-stream-state') === 'playing',
      undefined,
      { timeout: 30_000 },
    );

  /** After a reload with a stream that cannot play: the map from the pose stands in, and the HUD says why. */
  async function expectMapStandsIn(page: Page) {
    await page.reload();
    await page.waitForFunction(
      () => document.querySelector('[data-testid=camera-frame]')?.getAttribute('data-source') === 'map',
      undefined,
      { timeout: 30_000 },
    );
    expect(await page.getByTestId('camera-hud').textContent()).toContain('视频流无法播放');
  }

  async function openView(page: Page, id: string) {
    await page.goto(`${server.url}/cameras/${id}`);
    const frame = page.getByTestId('camera-frame');
    await frame.waitFor({ timeout: 60_000 });
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid=camera-frame]')?.getAttribute('data-labels')) > 0,
      undefined,
      { timeout: 30_000 },
    );
    return frame;
  }

  it('shows the registry and draws labels of real places and units where the projection puts them', async () => {
    const { page, errors } = await signedIn('dispatcher', small);
    await page.goto(`${server.url}/cameras`);
    const table = page.getByTestId('camera-table');
    await table.locator('tbody tr.ant-table-row').first().waitFor({ timeout: 30_000 });
    expect(await table.locator('tbody tr.ant-table-row').count()).toBeGreaterThanOrEqual(10);
    expect(await table.textContent()).toContain('九仙山隧道北口');
    // A dispatcher reads the registry but does not keep it.
    expect(await page.getByRole('button', { name: '登记摄像机' }).count()).toBe(0);
    await shot(page, '1-list-1366');

    await table.getByText('陶瓷博物馆广场').click();
    await page.waitForURL(/\/cameras\/cam-ceramics-museum$/);
    const frame = await openView(page, 'cam-ceramics-museum');
    expect(await frame.getAttribute('data-source')).toBe('map');
    await page.locator('[data-testid=camera-map][data-map-state=idle]').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('camera-hud').textContent()).toContain('陶瓷博物馆广场');
    // The map from the pose and the projection agree: a ground point lands on the same pixel in both.
    const mapView = page.getByTestId('camera-map');
    const [px, py] = (await mapView.getAttribute('data-probe'))!.split(',').map(Number);
    const [mx, my] = (await mapView.getAttribute('data-probe-on-map'))!.split(',').map(Number);
    expect(Math.hypot(px! - mx!, py! - my!)).toBeLessThan(1);

    const camera = (await (
      await page.request.get(`${server.url}/api/cameras/cam-ceramics-museum`)
    ).json()) as Camera;
    const { items: places } = (await (
      await page.request.get(`${server.url}/api/cameras/cam-ceramics-museum/scene`)
    ).json()) as CameraScene;
    const { items: units } = (await (await page.request.get(`${server.url}/api/units`)).json()) as {
      items: { callsign: string; position: { lon: number; lat: number } | null }[];
    };
    const drawn = await drawnLabels(page);
    const projector = createCameraProjector(poseOf(camera, drawn.width, drawn.height));

    // The place the camera is aimed at is labelled, inside the frame, where the pure function says.
    const museum = drawn.labels.find((l) => l.kind === 'place' && l.name === '德化陶瓷博物馆');
    expect(museum, JSON.stringify(drawn.labels)).toBeDefined();
    const place = places.find((p) => p.name === '德化陶瓷博物馆')!;
    const expected = projector.project(place);
    expect(expected.visible).toBe(true);
    if (expected.visible) {
      expect(Math.abs(museum!.x - expected.x)).toBeLessThan(1.5);
      expect(Math.abs(museum!.y - expected.y)).toBeLessThan(1.5);
    }
    expect(museum!.x).toBeGreaterThan(0);
    expect(museum!.x).toBeLessThan(drawn.width);
    expect(museum!.y).toBeGreaterThan(0);
    expect(museum!.y).toBeLessThan(drawn.height);
    // Every label of a place or unit sits at its projected pixel; hidden ones are not drawn.
    for (const label of drawn.labels.filter((l) => l.kind === 'place' || l.kind === 'unit')) {
      const source =
        label.kind === 'place'
          ? places.find((p) => p.name === label.name)
          : units.find((u) => u.callsign === label.name)?.position;
      expect(source, label.name).toBeTruthy();
      const p = projector.project(source!);
      expect(p.visible, label.name).toBe(true);
      if (p.visible) expect(Math.hypot(p.x - label.x, p.y - label.y), label.name).toBeLessThan(1.5);
    }
    const hiddenPlaces = places.filter((p) => !projector.project(p).visible);
    for (const p of hiddenPlaces)
      expect(drawn.labels.some((l) => l.kind === 'place' && l.name === p.name)).toBe(false);
    await shot(page, '2-ar-map-1366');

    // A unit reports a position in front of the camera: its label moves there live (WebSocket).
    const target = { x: drawn.width * 0.3, y: drawn.height * 0.75 };
    const ground = projector.unproject(target.x, target.y)!;
    const mover = (
      units as {
        id: string;
        callsign: string;
        stationId: string;
        position: { lon: number; lat: number } | null;
      }[]
    )
      .filter((u) => u.position && u.stationId === camera.stationId)
      .sort(
        (a, b) =>
          Math.hypot(a.position!.lon - ground.lon, a.position!.lat - ground.lat) -
          Math.hypot(b.position!.lon - ground.lon, b.position!.lat - ground.lat),
      )[0]!;
    const fix = await page.request.post(`${server.url}/api/avl`, {
      data: {
        positions: [
          {
            unitId: mover.id,
            lon: ground.lon,
            lat: ground.lat,
            at: new Date().toISOString(),
            speedKmh: 15,
            heading: 90,
          },
        ],
      },
    });
    expect(fix.status(), await fix.text()).toBe(200);
    await page.waitForFunction(
      ({ name, x, y }) => {
        const frame = document.querySelector('[data-testid=camera-frame]')!.getBoundingClientRect();
        return [...document.querySelectorAll('[data-testid=ar-label][data-kind=unit]')].some((el) => {
          if (el.getAttribute('data-name') !== name) return false;
          const dot = el.querySelector('.ar-label-dot')!.getBoundingClientRect();
          return (
            Math.hypot(dot.left + dot.width / 2 - frame.left - x, dot.top + dot.height / 2 - frame.top - y) <
            1.5
          );
        });
      },
      { name: mover.callsign, ...target },
      { timeout: 30_000 },
    );
    await shot(page, '2b-ar-unit-moved-1366');

    // Clicking the picture at the museum's label gives back the museum's ground position.
    await frame.click({ position: { x: museum!.x, y: museum!.y } });
    const coords = await page.getByTestId('camera-pick-coords').textContent();
    const [lat, lon] = (coords ?? '').match(/\d+\.\d+/g)!.map(Number);
    expect(Math.abs(lat! - place.lat)).toBeLessThan(0.0002);
    expect(Math.abs(lon! - place.lon)).toBeLessThan(0.0002);
    await shot(page, '3-ar-pick-1366');
    await page.getByRole('button', { name: '在此接警' }).click();
    await page.waitForURL(/\/dispatch\?lon=118\.\d+&lat=25\.\d+$/);
    // The console opens with the point as the intake location, and its map shows the cameras.
    const intake = page.getByText(/地图点选：118\.\d{5}, 25\.\d{5}/);
    await intake.waitFor({ timeout: 30_000 });
    const [pickedLon, pickedLat] = ((await intake.textContent()) ?? '').match(/\d+\.\d+/g)!.map(Number);
    expect(Math.abs(pickedLon! - place.lon)).toBeLessThan(0.0002);
    expect(Math.abs(pickedLat! - place.lat)).toBeLessThan(0.0002);
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid=dispatch-map]')?.getAttribute('data-cameras')) > 0,
      undefined,
      { timeout: 60_000 },
    );
    await shot(page, '7-console-intake-cameras-1366');

    // The map is centred on the point at zoom 15, north up: the museum camera's icon lies where Web
    // Mercator puts it, and clicking it opens that camera's AR view.
    const mapBox = (await page.getByTestId('dispatch-map').boundingBox())!;
    const mercator = (lon: number, lat: number) => {
      const size = 512 * 2 ** 15;
      const phi = (lat * Math.PI) / 180;
      return [
        ((lon + 180) / 360) * size,
        ((1 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / Math.PI) / 2) * size,
      ];
    };
    const [cx, cy] = mercator(pickedLon!, pickedLat!);
    const [ix, iy] = mercator(camera.lon, camera.lat);
    const at = { x: mapBox.width / 2 + (ix! - cx!), y: mapBox.height / 2 + (iy! - cy!) };
    for (let attempt = 0; attempt < 10 && !page.url().includes('/cameras/'); attempt++) {
      // Wait for the ease to the point to finish, then try.
      await page.waitForTimeout(1500);
      await page.getByTestId('dispatch-map').click({ position: at });
      await page.waitForTimeout(500);
    }
    await page.waitForURL(/\/cameras\/cam-ceramics-museum$/, { timeout: 5_000 });
    await page.getByTestId('camera-frame').waitFor({ timeout: 30_000 });
    await page.goto(`${server.url}/dispatch`);
    await page.getByTestId('open-cameras').click();
    await page.waitForURL(`${server.url}/cameras`);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('fits the view at 1920×1080 for a high-point camera', async () => {
    const { page, errors } = await signedIn('commander', large);
    await page.goto(`${server.url}/cameras`);
    await page
      .getByTestId('camera-table')
      .locator('tbody tr.ant-table-row')
      .first()
      .waitFor({ timeout: 30_000 });
    // The commander keeps the registry: a taken code is refused with the server's reason, then saved.
    await page.getByRole('button', { name: '登记摄像机' }).click();
    const form = page.getByTestId('camera-form');
    await form.waitFor();
    await form.getByLabel('编号').fill('DH-CAM-001');
    await form.getByLabel('名称').fill('界面登记测试点');
    await form.getByLabel('所属派出所').click();
    await page.keyboard.type('浔中');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    await form.getByLabel('经度').fill('118.2455');
    await form.getByLabel('纬度').fill('25.4921');
    await page.getByRole('button', { name: '保 存' }).click();
    const refusal = page.locator('.ant-modal .ant-alert-error');
    await refusal.waitFor({ timeout: 15_000 });
    expect(await refusal.textContent()).toContain('DH-CAM-001');
    await shot(page, '4-form-refused-1920');
    await form.getByLabel('编号').fill('DH-CAM-UI1');
    await page.getByRole('button', { name: '保 存' }).click();
    const row = page.getByTestId('camera-table').locator('tr', { hasText: 'DH-CAM-UI1' });
    await row.waitFor({ timeout: 15_000 });
    expect(await row.textContent()).toContain('浔中派出所');
    await row.getByRole('button', { name: /删\s*除/ }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '确 定' }).click();
    await row.waitFor({ state: 'detached', timeout: 15_000 });
    await shot(page, '4-list-1920');
    const frame = await openView(page, 'cam-county-town-lookout');
    await page.locator('[data-testid=camera-map][data-map-state=idle]').waitFor({ timeout: 120_000 });
    const box = (await frame.boundingBox())!;
    expect(box.width).toBeGreaterThan(1200);
    expect(box.x + box.width).toBeLessThanOrEqual(1920);
    expect(box.y + box.height).toBeLessThanOrEqual(1080);
    const drawn = await drawnLabels(page);
    expect(drawn.labels.length).toBeGreaterThan(2);
    const mapView = page.getByTestId('camera-map');
    const [px, py] = (await mapView.getAttribute('data-probe'))!.split(',').map(Number);
    const [mx, my] = (await mapView.getAttribute('data-probe-on-map'))!.split(',').map(Number);
    expect(Math.hypot(px! - mx!, py! - my!)).toBeLessThan(1);
    await shot(page, '5-ar-lookout-1920');
    // English is complete.
    await page.getByText('English', { exact: true }).click();
    await page.getByText(/heading 125° · tilt/).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('camera-hud').textContent()).toContain(
      'No stream: 3D map rendered from the camera pose',
    );
    await page.locator('[data-testid=camera-map][data-map-state=idle]').waitFor({ timeout: 120_000 });
    await shot(page, '5b-ar-lookout-en-1920');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('overlays labels on a snapshot stream (refreshed) and on MJPEG, and falls back to the map when a stream fails', async () => {
    const { page, errors } = await signedIn('commander', small);
    const id = await addStreamCamera(page, 'DH-CAM-E2E', '快照测试点', 'snapshot', snapshotUrl);

    const frame = await openView(page, id);
    const stream = page.getByTestId('camera-stream');
    await streamPlaying(page);
    expect(await frame.getAttribute('data-source')).toBe('stream');
    expect(await stream.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(640);
    expect(await page.getByTestId('camera-map').count()).toBe(0);
    const drawn = await drawnLabels(page);
    const museum = drawn.labels.find((l) => l.name === '德化陶瓷博物馆');
    expect(museum).toBeDefined();
    // The label lies over the picture.
    const img = (await stream.boundingBox())!;
    const frameBox = (await frame.boundingBox())!;
    expect(frameBox.x + museum!.x).toBeGreaterThan(img.x);
    expect(frameBox.x + museum!.x).toBeLessThan(img.x + img.width);
    expect(frameBox.y + museum!.y).toBeLessThan(img.y + img.height);
    const hits = snapshotHits;
    await page.waitForTimeout(3500);
    expect(snapshotHits).toBeGreaterThan(hits);
    await shot(page, '6-ar-snapshot-1366');

    // Motion JPEG from the same kind of server plays in an <img> under the same labels.
    const mjpeg = await page.request.patch(`${server.url}/api/cameras/${id}`, {
      data: { streamKind: 'mjpeg', streamUrl: snapshotUrl.replace('/snap.png', '/live.mjpg') },
    });
    expect(mjpeg.status(), await mjpeg.text()).toBe(200);
    await page.reload();
    await streamPlaying(page);
    expect(await page.getByTestId('camera-stream').getAttribute('data-kind')).toBe('mjpeg');
    expect((await drawnLabels(page)).labels.some((l) => l.name === '德化陶瓷博物馆')).toBe(true);

    // A broken stream URL: the map from the pose stands in, and the HUD says why.
    const patched = await page.request.patch(`${server.url}/api/cameras/${id}`, {
      data: { streamKind: 'snapshot', streamUrl: `${snapshotUrl.replace('/snap.png', '/missing.png')}` },
    });
    expect(patched.status()).toBe(200);
    await expectMapStandsIn(page);

    // The editor refuses a non-web URL with the server's reason.
    await page.goto(`${server.url}/cameras`);
    await page
      .getByTestId('camera-table')
      .locator('tbody tr.ant-table-row')
      .first()
      .waitFor({ timeout: 30_000 });
    const bad = await page.request.patch(`${server.url}/api/cameras/${id}`, {
      data: { streamUrl: 'javascript:alert(1)' },
    });
    expect(bad.status()).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('streamUrl');
    expect((await page.request.delete(`${server.url}/api/cameras/${id}`)).status()).toBe(204);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('plays an HLS stream (fragmented MP4, H.264) under the labels', async () => {
    const { page, errors } = await signedIn('commander', small);
    // Three seconds of H.264 recorded in the browser itself: ftyp+moov, then a moof+mdat per second.
    const recorded = Buffer.from(
      await page.evaluate(async () => {
        const canvas = document.createElement('canvas');
        canvas.width = 640;
        canvas.height = 360;
        const g = canvas.getContext('2d')!;
        let n = 0;
        const draw = () => {
          g.fillStyle = `hsl(${(n * 7) % 360}, 50%, 45%)`;
          g.fillRect(0, 0, 640, 360);
          g.fillStyle = '#fff';
          g.fillRect((n * 8) % 640, 150, 60, 60);
          n++;
        };
        draw();
        const timer = setInterval(draw, 40);
        const recorder = new MediaRecorder(canvas.captureStream(25), {
          mimeType: 'video/mp4;codecs=avc1.42E01E',
          videoBitsPerSecond: 1_000_000,
        });
        const parts: Blob[] = [];
        recorder.ondataavailable = (e) => parts.push(e.data);
        const stopped = new Promise((resolve) => {
          recorder.onstop = resolve;
        });
        recorder.start(1000);
        // Record until at least three non-empty pieces came out (each a fragment), or
        // 20 s on a very busy machine: a fixed 3 s can yield a single fragment under load.
        const startedAt = Date.now();
        while (parts.filter((p) => p.size > 0).length < 3 && Date.now() - startedAt < 20_000) {
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
        recorder.stop();
        await stopped;
        clearInterval(timer);
        return [...new Uint8Array(await new Blob(parts).arrayBuffer())];
      }),
    );
    const boxes: { type: string; start: number; end: number }[] = [];
    for (let at = 0; at + 8 <= recorded.length; ) {
      const size = recorded.readUInt32BE(at);
      boxes.push({ type: recorded.toString('latin1', at + 4, at + 8), start: at, end: at + size });
      if (size < 8) break;
      at += size;
    }
    const firstFragment = boxes.findIndex((b) => b.type === 'moof');
    expect(firstFragment, boxes.map((b) => b.type).join(' ')).toBeGreaterThan(0);
    hlsFiles.set('/hls/init.mp4', {
      type: 'video/mp4',
      body: recorded.subarray(0, boxes[firstFragment]!.start),
    });
    const playlist = ['#EXTM3U', '#EXT-X-VERSION:7', '#EXT-X-TARGETDURATION:2', '#EXT-X-PLAYLIST-TYPE:VOD'];
    playlist.push('#EXT-X-MEDIA-SEQUENCE:0', '#EXT-X-MAP:URI="init.mp4"');
    let segments = 0;
    for (let i = firstFragment; i + 1 < boxes.length; i += 2) {
      if (boxes[i]!.type !== 'moof' || boxes[i + 1]!.type !== 'mdat') break;
      const name = `seg-${segments++}.m4s`;
      hlsFiles.set(`/hls/${name}`, {
        type: 'video/iso.segment',
        body: recorded.subarray(boxes[i]!.start, boxes[i + 1]!.end),
      });
      playlist.push('#EXTINF:1.000,', name);
    }
    expect(segments).toBeGreaterThanOrEqual(2);
    playlist.push('#EXT-X-ENDLIST');
    hlsFiles.set('/hls/index.m3u8', {
      type: 'application/vnd.apple.mpegurl',
      body: Buffer.from(`${playlist.join('\n')}\n`),
    });

    const hlsUrl = snapshotUrl.replace('/snap.png', '/hls/index.m3u8');
    const id = await addStreamCamera(page, 'DH-CAM-HLS', '流媒体测试点', 'hls', hlsUrl);

    const frame = await openView(page, id);
    await streamPlaying(page);
    expect(await frame.getAttribute('data-source')).toBe('stream');
    const video = page.getByTestId('camera-stream');
    expect(await video.getAttribute('data-kind')).toBe('hls');
    expect(await video.getAttribute('data-player')).toBe('hls.js');
    const decoded = await video.evaluate((v) => {
      const el = v as HTMLVideoElement;
      return { width: el.videoWidth, height: el.videoHeight, time: el.currentTime };
    });
    expect(decoded).toMatchObject({ width: 640, height: 360 });
    // It plays on: the clock moves and frames are decoded.
    await expect
      .poll(() => video.evaluate((v) => (v as HTMLVideoElement).currentTime), { timeout: 10_000 })
      .toBeGreaterThan(decoded.time + 0.5);
    await expect
      .poll(() => video.evaluate((v) => (v as HTMLVideoElement).getVideoPlaybackQuality().totalVideoFrames), {
        timeout: 10_000,
      })
      .toBeGreaterThan(10);
    expect(await page.getByTestId('camera-map').count()).toBe(0);
    expect((await drawnLabels(page)).labels.some((l) => l.name === '德化陶瓷博物馆')).toBe(true);
    await shot(page, '7-ar-hls-1366');

    // A playlist that is not there: the map stands in and the HUD says why.
    const broken = await page.request.patch(`${server.url}/api/cameras/${id}`, {
      data: { streamUrl: snapshotUrl.replace('/snap.png', '/hls/missing.m3u8') },
    });
    expect(broken.status()).toBe(200);
    await expectMapStandsIn(page);
    expect((await page.request.delete(`${server.url}/api/cameras/${id}`)).status()).toBe(204);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
