import { existsSync } from 'node:fs';
import { DomainError } from '../../platform/http/errors.ts';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

const unavailable = (detail: string) =>
  new DomainError('unavailable', 'PDF rendering unavailable', detail, {
    hint: 'Download the HTML version of the report and print it from a browser.',
  });

/** Print an HTML page to PDF with Chromium (A4, backgrounds kept). */
export async function renderPdf(html: string, executablePath = '/usr/bin/chromium'): Promise<Buffer> {
  if (!existsSync(executablePath))
    throw unavailable(
      `Chromium is not installed at ${executablePath}, so the report cannot be printed to PDF.`,
    );
  let chromium: typeof import('playwright-core').chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    throw unavailable('playwright-core is not installed, so the report cannot be printed to PDF.');
  }
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    // The page is self-contained: refuse any request it might still try to make.
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    await browser.close();
  }
}
