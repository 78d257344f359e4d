// The end-to-end specs (*.spec.ts beside this file) on @playwright/test, in a real VS Code host: code-server and
// Debian's chromium (test/runners/codeServer.ts; no browser download, the executable comes from the runner's
// install file). Run with `npm run test:e2e` / `npm run test:e2e:windows`, or
// `npx playwright test -c test/e2e/playwright.config.ts [spec]` after `tsc -p . && node esbuild.js`.
import { defineConfig } from '@playwright/test';
import * as path from 'path';
import { chromiumPath } from '../runners/codeServer';
import { RESULTS_DIR } from './support/constants';

export default defineConfig({
  testDir: __dirname,
  testMatch: '*.spec.ts',
  // One host per spec, steps in order (test.describe.serial in each spec): one worker, nothing in parallel, no retry.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: true,
  // A step's limit unless it sets its own (support/fixtures.ts: timeout(ms)); each spec's budget bounds the whole run.
  timeout: 90000,
  expect: { timeout: 10000 },
  // Both specs together, with room for a slow machine: about 4 minutes is usual.
  globalTimeout: 15 * 60 * 1000,
  outputDir: RESULTS_DIR,
  reporter: [[path.join(__dirname, 'summaryReporter.ts')]],
  use: {
    browserName: 'chromium',
    headless: !process.env.HEADFUL,
    launchOptions: { executablePath: chromiumPath() },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
