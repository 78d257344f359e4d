// The integration suite for `@vscode/test-cli` (`npx vscode-test`, and the VS Code Extension Test Runner), where
// VS Code desktop can be downloaded. The same suite runs in code-server with `npm run test:integration`.
// Two configurations, run in order on one user-data-dir: phase 2 checks what phase 1 stored (SecretStorage kept
// with --password-store=basic on Linux, where there is often no keyring). Build first: `tsc -p . && node esbuild.js`.
import { defineConfig } from '@vscode/test-cli';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const state = fs.mkdtempSync(path.join(os.tmpdir(), 'light-vscode-test-cli-')); // fresh for every run
const workspace = path.join(state, 'workspace');
const shared = path.join(state, 'shared');
fs.mkdirSync(workspace);
fs.mkdirSync(shared);

export default defineConfig([1, 2].map((phase) => ({
  label: `integration, phase ${phase} of 2`,
  version: process.env.VSCODE_VERSION || '1.100.3',
  files: 'out/test/integration/**/*.test.js',
  workspaceFolder: workspace,
  mocha: { ui: 'bdd', timeout: 30_000 },
  env: { LIGHT_TEST_PHASE: String(phase), LIGHT_TEST_PHASES: '2', LIGHT_TEST_STATE_DIR: shared },
  launchArgs: ['--user-data-dir', path.join(state, 'data'), '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes',
    ...(process.platform === 'linux' ? ['--password-store=basic'] : [])],
})));
