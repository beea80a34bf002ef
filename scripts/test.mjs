#!/usr/bin/env node
// Runs every test (unit, service, repository, end-to-end) and ends with one plain summary line:
// "N passed, N failed, N skipped". Extra arguments go to vitest (e.g. `npm test -- --project unit`).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync, rmSync } from 'node:fs';

const out = 'test-results/vitest.json';
mkdirSync('test-results', { recursive: true });
if (existsSync(out)) rmSync(out);
const args = [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${out}`,
  ...process.argv.slice(2),
];
// The web console is built once up front (test/support/build-web-once.ts), not by each server test.
const run = spawnSync('npx', args, {
  stdio: 'inherit',
  env: { ...process.env, RONGHUI_TEST_BUILD_WEB: '1' },
});
let passed = 0;
let failed = 0;
let skipped = 0;
let failedFiles = 0;
if (existsSync(out)) {
  const report = JSON.parse(readFileSync(out, 'utf8'));
  passed = report.numPassedTests;
  failed = report.numFailedTests;
  skipped = report.numPendingTests + (report.numTodoTests ?? 0);
  failedFiles = report.testResults.filter(
    (f) => f.status === 'failed' && f.assertionResults.every((a) => a.status !== 'failed'),
  ).length;
}
// A file that fails before its tests run (e.g. a required service is absent in CI) counts as a failure.
failed += failedFiles;
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(run.status === 0 && failed === 0 ? 0 : 1);
