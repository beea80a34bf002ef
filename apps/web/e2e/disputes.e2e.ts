import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium } from '../../../test/support/env.ts';
import { launchBrowser, shotsDir, signIn, watchedPage } from '../../../test/support/browser.ts';
import { startTestServer } from '../../../test/support/server.ts';

const shots = shotsDir;

/** Picks an option of an antd select (typing to search when it is searchable). */
async function choose(page: Page, testId: string, option: string, search?: string) {
  await page.getByTestId(testId).click();
  if (search) await page.keyboard.type(search);
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option })
    .first()
    .click();
}

describe.skipIf(!hasChromium())('矛盾纠纷: the 凤凰社区 homestead mediation through the console', () => {
  let server: { url: string; close(): Promise<void> };
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('registers the dispute, records a meeting and the agreement, and downloads the signed PDF', async () => {
    const { page, context, pageErrors, foreignRequests } = await watchedPage(browser, server.url, {
      width: 1600,
      height: 1000,
    });
    await signIn(page, server.url, 'officer-xunzhong');
    await page.getByTestId('side-menu').getByText('矛盾纠纷').click();
    await page.waitForURL(`${server.url}/disputes`);

    // The 2023 figures are counted from the demo's rows.
    await choose(page, 'disputes-year', '2023');
    await page.getByTestId('disputes-stats').getByText('调解成功率').waitFor();
    await page.waitForFunction(() =>
      /20\d\d 年排查\s*\d+/.test(document.querySelector('[data-testid=disputes-stats]')?.textContent ?? ''),
    );
    await page.getByTestId('dispute-link').first().waitFor();
    await page.screenshot({ path: `${shots}/disputes-list-1600.png` });

    await page.getByTestId('dispute-register').click();
    await choose(page, 'dispute-kind', '宅基地');
    await choose(page, 'dispute-grid', '浔中第1警务网格', '浔中第1');
    await page.getByTestId('dispute-address').fill('浔中镇凤凰社区邻里中心警务室');
    await page.getByTestId('dispute-description').fill('陈大爷与刘大妈因宅基地界址争执四年');
    await page.getByTestId('party-name-0').fill('陈大爷');
    await page.getByTestId('party-phone-0').fill('13859512368');
    await page.getByTestId('party-id-0').fill('350526195203150011');
    await page.getByTestId('party-name-1').fill('刘大妈');
    await page.getByTestId('mediator-name-0').fill('郑汀煌');
    await page.getByTestId('add-mediator').click();
    await page.getByTestId('mediator-name-1').fill('小陈');
    await page.screenshot({ path: `${shots}/disputes-register-1600.png` });
    await page.getByTestId('dispute-register-submit').click();

    const detail = page.getByTestId('dispute-detail');
    await detail.waitFor();
    expect(await detail.getAttribute('data-status')).toBe('registered');
    expect(await detail.textContent()).toContain('350526********0011');

    await page.getByTestId('dispute-add-meeting').click();
    await page.getByTestId('meeting-attendees').fill('陈大爷、刘大妈、郑汀煌、小陈');
    await page.getByTestId('meeting-summary').fill('双方陈述界址争议由来，查看建房批文');
    await page.getByTestId('meeting-outcome').fill('约定现场复核');
    await page.getByTestId('dispute-step-submit').click();
    await page.locator('[data-testid=dispute-detail][data-status=mediating]').waitFor();
    expect(await page.getByTestId('dispute-meetings').textContent()).toContain('约定现场复核');

    await page.getByTestId('dispute-record-agreement').click();
    await page.getByTestId('agreement-responsibilities').fill('刘大妈翻建院墙未确认界址，负主要责任');
    await page.getByTestId('agreement-obligations').fill('拆除越界院墙，按原批文四至重砌，费用双方各半');
    await page.getByTestId('agreement-performance').fill('网格员现场见证，费用当场结清');
    await page.getByTestId('dispute-step-submit').click();
    await page.locator('[data-testid=dispute-detail][data-status=settled]').waitFor();
    await page.getByTestId('dispute-agreement').waitFor();
    await page.getByTestId('dispute-agreement-form').waitFor({ state: 'hidden' });
    const kinds = await page
      .getByTestId('dispute-timeline')
      .locator('[data-kind]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    expect(kinds).toEqual(['registered', 'status', 'meeting', 'agreement']);
    await page.screenshot({ path: `${shots}/disputes-detail-1600.png` });

    const href = await page.getByTestId('dispute-pdf').getAttribute('href');
    expect(href).toMatch(/\/api\/disputes\/[0-9a-f-]+\/agreement\.pdf$/);
    const pdf = await context.request.get(`${server.url}${href}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

    const detailUrl = page.url();
    await page.keyboard.press('Escape');
    await page.getByText('English', { exact: true }).click();
    await page.getByTestId('side-menu').getByText('Disputes').waitFor();
    await page.goto(detailUrl);
    await page.getByText('Mediation agreement').first().waitFor();
    await page.screenshot({ path: `${shots}/disputes-detail-en-1600.png` });

    expect(pageErrors, pageErrors.join('\n')).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await context.close();
  }, 240_000);
});
