import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { chromiumPath, repoRoot } from './env.ts';
import { DEMO_PASSWORD } from '../../apps/server/src/demo/demo-accounts.ts';

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
  /** What the Content-Security-Policy blocked (`securitypolicyviolation` events and console reports). */
  cspViolations: string[];
}

/**
 * Opens a Chinese-language page (Beijing time) at `viewport` and records page errors and any request to
 * somewhere other than `serverUrl` (the console must work offline: no outside tiles, fonts or scripts).
 */
export async function watchedPage(
  browser: Browser,
  serverUrl: string,
  viewport: { width: number; height: number },
  /** A phone: Chromium's device emulation (touch, mobile viewport, pixel ratio). */
  device?: { isMobile: boolean; hasTouch: boolean; deviceScaleFactor: number },
): Promise<WatchedPage> {
  const context = await browser.newContext({
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    ...device,
  });
  const page = await context.newPage();
  const watched: WatchedPage = { page, context, pageErrors: [], foreignRequests: [], cspViolations: [] };
  const origin = new URL(serverUrl).origin;
  page.on('pageerror', (error) => watched.pageErrors.push(error.message));
  page.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text())) watched.cspViolations.push(message.text());
  });
  // The binding and the init script are the browser's own channel: the page's CSP does not apply to them.
  await page.exposeBinding('reportCspViolation', (_source, text: string) => watched.cspViolations.push(text));
  await page.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (e) =>
      window.reportCspViolation(\`\${e.violatedDirective} blocked \${e.blockedURI || 'inline'} (\${e.sourceFile}:\${e.lineNumber})\`));`,
  });
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !/^(data|blob|ws):/.test(url)) watched.foreignRequests.push(url);
  });
  return watched;
}

/** Signs in through the login page as a demo account and waits for the home page. */
export async function signIn(page: Page, serverUrl: string, username: string): Promise<void> {
  await page.goto(`${serverUrl}/login`);
  // The machine may be busy: give the first page load time.
  await page.getByLabel('用户名').waitFor({ timeout: 90_000 });
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.locator('button[type=submit]').click();
  await page.waitForURL(`${serverUrl}/`);
}

/** Opens the command console from the menu and waits for its map to settle and its live channel to open. */
export async function openConsole(page: Page, serverUrl: string): Promise<void> {
  await page.getByTestId('side-menu').getByText('指挥调度').click();
  await page.waitForURL(`${serverUrl}/dispatch`);
  await page.locator('[data-testid=dispatch-map][data-map-state=idle]').waitFor({ timeout: 60_000 });
  await page.locator('[data-testid=live-state][data-state=open]').waitFor({ timeout: 30_000 });
}
