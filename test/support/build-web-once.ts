import { ensureWebBuilt } from '../../apps/server/src/cli/web-build.ts';

/**
 * Builds the web console once before the test files start, when `npm test` asks for it. Without
 * this, the first test files that start a server would each build it at the same time.
 */
export default function setup(): void {
  if (process.env.RONGHUI_TEST_BUILD_WEB === '1') ensureWebBuilt((line) => console.log(line));
}
