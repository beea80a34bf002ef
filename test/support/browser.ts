import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
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
