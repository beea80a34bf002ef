import type { APIRequestContext, APIResponse, Page } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, shotsDir, signIn, watchedPage } from '../../../test/support/browser.ts';
import { hasChromium } from '../../../test/support/env.ts';
import { startTestServer, type TestServer } from '../../../test/support/server.ts';
import { apiAs } from './api-support.ts';

interface Stats {
  condolences: number;
  healthChecks: number;
  schooling: number;
  byMechanism: { daily: number; holiday: number; operation: number };
}

describe.skipIf(!hasChromium())('爱警暖警: the staff office at work on the welfare page', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: APIRequestContext[] = [];
  const as = async (username: string) => {
    const c = await apiAs(server.url, username);
    contexts.push(c);
    return c;
  };
  const ok = async (res: Promise<APIResponse>, status = 200) => {
    const r = await res;
    expect(r.status(), await r.text()).toBe(status);
    return r.json();
  };
  const shot = (page: Page, name: string) => page.screenshot({ path: `${shotsDir}/welfare-${name}.png` });
  const thisYear = () => Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));

  beforeAll(async () => {
    server = await startTestServer({ timeoutMs: 240_000 });
    browser = await launchBrowser();
  }, 300_000);

  afterAll(async () => {
    for (const c of contexts) await c.dispose();
    await browser?.close();
    await server?.close();
  });

  it('shows the staff officer the 2023 figures equal to the API: 335 visits, 318 checks, 21 children', async () => {
    const office = await as('staff-officer');
    const api = (await ok(office.get('/api/welfare/stats?year=2023'))) as Stats;
    expect(api).toMatchObject({ condolences: 335, healthChecks: 318, schooling: 21 });
    const w = await watchedPage(browser, server.url, { width: 1366, height: 768 });
    await signIn(w.page, server.url, 'staff-officer');
    await w.page.goto(`${server.url}/welfare`);
    await w.page.getByTestId('welfare-page').waitFor({ timeout: 60_000 });
    await w.page.getByRole('tab', { name: '统计' }).click();
    await w.page.getByTestId('wf-stats-year').click();
    await w.page.locator('.ant-select-item-option', { hasText: '2023年' }).click();
    for (const [key, value] of [
      ['condolences', api.condolences],
      ['healthChecks', api.healthChecks],
      ['schooling', api.schooling],
    ] as const)
      await expect
        .poll(async () => (await w.page.getByTestId(`wf-stat-${key}`).textContent())?.replaceAll(',', ''), {
          timeout: 30_000,
        })
        .toBe(String(value));
    await w.page.locator('.ant-select-dropdown').first().waitFor({ state: 'hidden' });
    expect(await w.page.getByTestId('wf-stats').textContent()).toContain(
      `重大安保任务慰问 · ${api.byMechanism.operation}`,
    );
    await shot(w.page, '1-stats-2023');
    expect(w.pageErrors).toEqual([]);
    expect(w.foreignRequests).toEqual([]);
    await w.context.close();
  });

  it('records a condolence visit for an injury, marks a health check done, and reveals health notes with a reason', async () => {
    const office = await as('staff-officer');
    const year = thisYear();
    const before = (await ok(office.get(`/api/welfare/stats?year=${year}`))) as Stats;
    const unvisited = (await ok(office.get('/api/welfare/injuries?unanswered=true'))) as {
      items: { id: string; description: string }[];
    };
    expect(unvisited.items.length).toBeGreaterThan(0);

    const w = await watchedPage(browser, server.url, { width: 1366, height: 768 });
    await signIn(w.page, server.url, 'staff-officer');
    await w.page.goto(`${server.url}/welfare`);
    await w.page.getByTestId('welfare-page').waitFor({ timeout: 60_000 });

    // 慰问: a daily visit for a recent injury (reminded on the 提醒 tab).
    await w.page.getByRole('tab', { name: '提醒' }).click();
    await w.page.getByTestId('wf-reminders').locator('tr', { hasText: '伤病待慰问' }).first().waitFor();
    await w.page.getByRole('tab', { name: '慰问' }).click();
    await w.page.getByTestId('wf-condolence-add').click();
    await w.page.getByTestId('wf-injury-picker').click();
    await w.page
      .locator('.ant-select-item-option', { hasText: unvisited.items[0]!.description })
      .first()
      .click();
    await w.page.getByTestId('wf-condolence-reason').fill('因公负伤，局领导带队到医院看望');
    await w.page.getByTestId('wf-condolence-visitors').fill('局党委委员、政工室');
    await shot(w.page, '2-condolence-form');
    await w.page.getByTestId('wf-condolence-save').click();
    await w.page
      .getByTestId('wf-condolences')
      .locator('tr', { hasText: '因公负伤，局领导带队到医院看望' })
      .waitFor();
    const after = (await ok(office.get(`/api/welfare/stats?year=${year}`))) as Stats;
    expect(after.condolences).toBe(before.condolences + 1);
    expect(after.byMechanism.daily).toBe(before.byMechanism.daily + 1);
    const visited = (await ok(office.get('/api/welfare/injuries?unanswered=false&pageSize=500'))) as {
      items: { id: string; condolenceId: string | null }[];
    };
    expect(visited.items.find((i) => i.id === unvisited.items[0]!.id)?.condolenceId).toBeTruthy();
    await shot(w.page, '3-condolences');

    // 体检: mark one person of this year's campaign done.
    await w.page.getByRole('tab', { name: '体检' }).click();
    const health = w.page.getByTestId('wf-health');
    await health.getByTestId('wf-campaign').first().waitFor();
    await health.getByTestId('wf-check-mark').first().click();
    await w.page.getByTestId('wf-check-result').fill('血压偏高，建议复查');
    await w.page.getByTestId('wf-check-save').click();
    await expect
      .poll(async () => (await ok(office.get(`/api/welfare/stats?year=${year}`))).healthChecks)
      .toBe(before.healthChecks + 1);
    await shot(w.page, '4-health');

    // 人员档案: health notes hidden, shown once with a reason, and the reveal is in the audit trail.
    await w.page.getByRole('tab', { name: '人员档案' }).click();
    const staff = w.page.getByTestId('wf-staff');
    await staff.getByTestId('wf-health-masked').first().waitFor();
    expect(await staff.getByTestId('wf-health-masked').first().textContent()).toBe('***');
    await shot(w.page, '5-staff');
    await staff.getByTestId('wf-reveal-healthNotes').first().click();
    await w.page.getByTestId('wf-reveal-reason').fill('安排体检复查前核实健康情况');
    await w.page.getByTestId('wf-reveal-ok').click();
    const revealed = w.page.getByTestId('wf-revealed');
    await revealed.waitFor();
    expect((await revealed.textContent()) ?? '').not.toContain('***');
    expect(await revealed.textContent()).toContain('审计');
    await shot(w.page, '6-revealed');
    const auditor = await as('auditor');
    const trail = (await ok(auditor.get('/api/audit?action=personal.unmask&actor=staff-officer'))) as {
      items: { action: string; reason: string | null; resource: string }[];
    };
    expect(trail.items).toContainEqual(
      expect.objectContaining({ reason: '安排体检复查前核实健康情况', resource: 'welfare-staff' }),
    );
    expect(w.pageErrors).toEqual([]);
    await w.context.close();
  });

  it('refuses an officer: no menu entry, the page says 403, and the API answers 403', async () => {
    const officer = await as('officer');
    for (const url of ['/api/welfare/stats?year=2023', '/api/welfare/staff', '/api/welfare/reminders'])
      expect((await officer.get(url)).status()).toBe(403);
    const w = await watchedPage(browser, server.url, { width: 1366, height: 768 });
    await signIn(w.page, server.url, 'officer');
    await w.page.goto(`${server.url}/welfare`);
    await w.page.getByText('403').first().waitFor({ timeout: 60_000 });
    expect(await w.page.getByTestId('welfare-page').count()).toBe(0);
    expect(await w.page.getByRole('menuitem', { name: '队伍建设' }).count()).toBe(0);
    await shot(w.page, '7-officer-refused');
    await w.context.close();
  });
});
