import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_PASSWORD } from '../../server/src/demo/demo-accounts.ts';

/** The phone screens the browser tests of the phone app use, with Chromium's device emulation. */
export const phone = { width: 390, height: 844 };
export const narrow = { width: 360, height: 780 };
export const device = { isMobile: true, hasTouch: true, deviceScaleFactor: 3 };

/** No sideways scrolling: neither the page nor the phone's scrolling main area is wider than the screen. */
export async function expectFitsWidth(page: Page, what: string): Promise<void> {
  const sizes = await page.evaluate(() =>
    [document.scrollingElement ?? document.documentElement, document.querySelector('.m-main')]
      .filter((el): el is Element => el !== null)
      .map((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth })),
  );
  for (const { scrollWidth, clientWidth } of sizes)
    expect(scrollWidth, what).toBeLessThanOrEqual(clientWidth);
}

/** The full-screen alert of a new order, if one is up, is looked at first. */
export async function dismissAlert(page: Page, options: { expected?: boolean } = {}): Promise<void> {
  const alert = page.getByTestId('mobile-new-request');
  if (options.expected) await alert.waitFor();
  if (await alert.isVisible()) {
    await alert.getByRole('button').click();
    await alert.waitFor({ state: 'hidden' });
  }
}

/**
 * Taps a bottom tab. An order alert may fill the screen at any moment (the lists load, a live
 * event arrives): it is looked at first, as an officer would, and the tap is made again. Waits for
 * the tab's page.
 */
export async function tapTab(page: Page, tab: string): Promise<void> {
  const target = page.getByTestId(`mobile-tab-${tab}`);
  for (let attempt = 1; ; attempt++) {
    await dismissAlert(page);
    try {
      await target.click({ timeout: 5_000 });
      await page.waitForURL(new RegExp(`/m/${tab}`));
      return;
    } catch (error) {
      if (attempt >= 6) throw error;
    }
  }
}

/** Signs a demo account in on the phone's sign-in page and waits for the phone app. */
export async function signInOnPhone(page: Page, serverUrl: string, username: string): Promise<void> {
  await page.goto(`${serverUrl}/login`);
  // The machine may be busy: give the first page load time.
  await page.getByLabel('用户名').waitFor({ timeout: 90_000 });
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.locator('button[type=submit]').click();
  await page.waitForURL(/\/m\//);
}
