import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { chromiumPath, repoRoot } from './env.ts';

/** Where browser tests keep their screenshots (test artefacts). */
export const shotsDir = resolve(repoRoot, 'test-results/e2e');

/** Debian's Chromium, headless, with software WebGL for MapLibre and no calls home. */
export async function launchBrowser(): Promise<Browser> {
  mkdirSync(shotsDir, { recursive: true });
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--enable-unsafe-swiftshader',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/** A page in its own context, with what went wrong on it: script errors and requests leaving the server. */
export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  pageErrors: string[];
  foreignRequests: string[];
}

/**
 * Opens a Chinese-language page (Beijing time) at `viewport` and records page errors and any request to
 * somewhere other than `serverUrl` (the console must work offline: no outside tiles, fonts or scripts).
 */
export async function watchedPage(
  browser: Browser,
  serverUrl: string,
  viewport: { width: number; height: number },
): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  const watched: WatchedPage = { page, context, pageErrors: [], foreignRequests: [] };
  const origin = new URL(serverUrl).origin;
  page.on('pageerror', (error) => watched.pageErrors.push(error.message));
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !/^(data|blob|ws):/.test(url)) watched.foreignRequests.push(url);
  });
  return watched;
}
