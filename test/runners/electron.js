// Runs the integration suite in VS Code desktop (Electron) through @vscode/test-electron, for machines that can
// download VS Code; elsewhere use `npm run test:integration` (code-server). Same suite, same phases: every phase
// starts VS Code again on the same --user-data-dir and --extensions-dir, so SecretStorage written in phase 1
// (kept with --password-store=basic on Linux, where CI has no keyring) is there in phase 2.
//
//   npm run test:electron
// Env: VSCODE_VERSION (default 1.100.3, the version engines.vscode ^1.100.0 and code-server 4.100.3 share),
//      LIGHT_TEST_PHASES (default 2), MOCHA_GREP, DOWNLOAD_TIMEOUT_MS (default 20000), TEST_SUMMARY_FILE.
'use strict';

const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { parseSummary, formatSummary, tail } = require('../../out/test/runners/codeServer'); // compiled by tsc -p .

const ROOT = path.resolve(__dirname, '../..');
const VERSION = process.env.VSCODE_VERSION || '1.100.3';
const PHASES = Number(process.env.LIGHT_TEST_PHASES || 2);
const TESTS = path.join(ROOT, 'out', 'test', 'integration', 'index.js');

function say(s) {
  console.log(`[electron] ${s}`);
}

/** Electron needs a display: on Linux without one, run again under xvfb-run when it is there. */
function ensureDisplay() {
  if (process.platform !== 'linux' || process.env.DISPLAY || process.env.WAYLAND_DISPLAY || process.env.LIGHT_UNDER_XVFB) return;
  const xvfb = spawnSync('sh', ['-c', 'command -v xvfb-run'], { encoding: 'utf8' }).stdout.trim();
  if (!xvfb) {
    say('no DISPLAY and no xvfb-run: VS Code desktop will probably fail to start (apt-get install xvfb)');
    return;
  }
  const r = spawnSync(xvfb, ['-a', process.execPath, path.join(__dirname, 'electron.js')], { stdio: 'inherit', env: { ...process.env, LIGHT_UNDER_XVFB: '1' } });
  process.exit(r.status ?? 1);
}

async function download() {
  const { downloadAndUnzipVSCode } = require('@vscode/test-electron');
  const timeout = Number(process.env.DOWNLOAD_TIMEOUT_MS || 20000);
  say(`getting VS Code ${VERSION} (cached in .vscode-test/)`);
  let timer;
  const give = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no VS Code after ${2 * timeout} ms`)), 2 * timeout);
  });
  try {
    return await Promise.race([downloadAndUnzipVSCode({ version: VERSION, timeout, cachePath: path.join(ROOT, '.vscode-test') }), give]);
  } finally {
    clearTimeout(timer);
  }
}

async function main() {
  if (!fs.existsSync(TESTS)) throw new Error('out/test/integration/index.js not found: run `tsc -p .` first');
  let executable;
  try {
    executable = await download();
  } catch (e) {
    console.error(`[electron] cannot download VS Code ${VERSION}: ${e.message}`);
    console.error('[electron] this machine cannot reach the VS Code download; run the same suite in code-server instead:');
    console.error('[electron]   test/runners/setup-code-server.sh && npm run test:integration');
    return { code: 3, passed: 0, failed: 1, skipped: 0 };
  }
  ensureDisplay();
  const { runTests } = require('@vscode/test-electron');
  const state = fs.mkdtempSync(path.join(os.tmpdir(), 'light-vscode-desktop-'));
  const workspace = path.join(state, 'workspace');
  fs.mkdirSync(workspace);
  const shared = path.join(state, 'shared'); // LIGHT_TEST_STATE_DIR, kept across the phases
  fs.mkdirSync(shared);
  const total = { code: 0, passed: 0, failed: 0, skipped: 0 };
  try {
    for (let phase = 1; phase <= PHASES; phase++) {
      const report = path.join(state, `report-phase-${phase}.log`);
      fs.writeFileSync(report, '');
      say(`phase ${phase}/${PHASES}: VS Code ${VERSION}`);
      let code;
      const stopTail = tail(report, process.stdout);
      try {
        code = await runTests({
          vscodeExecutablePath: executable,
          extensionDevelopmentPath: ROOT,
          extensionTestsPath: TESTS,
          extensionTestsEnv: { EXT_TEST_OUTPUT: report, LIGHT_TEST_PHASE: String(phase), LIGHT_TEST_PHASES: String(PHASES),
            LIGHT_TEST_STATE_DIR: shared, MOCHA_GREP: process.env.MOCHA_GREP },
          launchArgs: [workspace, '--user-data-dir', path.join(state, 'data'), '--extensions-dir', path.join(state, 'extensions'),
            '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', '--disable-gpu',
            ...(process.platform === 'linux' ? ['--password-store=basic'] : [])],
        });
      } catch (e) {
        say(`phase ${phase}: ${e.message}`);
        code = typeof e.code === 'number' ? e.code : 1;
      } finally {
        stopTail();
      }
      const text = fs.readFileSync(report, 'utf8');
      const c = parseSummary(text) || { passed: 0, failed: 0, skipped: 0 };
      if (code !== 0 && c.failed === 0) c.failed = 1;
      total.passed += c.passed;
      total.failed += c.failed;
      total.skipped += c.skipped;
      if (code !== 0) total.code = code || 1;
    }
  } finally {
    fs.rmSync(state, { recursive: true, force: true });
  }
  return total;
}

main()
  .catch((e) => {
    console.error(`[electron] ${e.message}`);
    return { code: 2, passed: 0, failed: 1, skipped: 0 };
  })
  .then((result) => {
    if (process.env.TEST_SUMMARY_FILE) fs.writeFileSync(process.env.TEST_SUMMARY_FILE, JSON.stringify(result) + '\n');
    console.log(formatSummary(result));
    process.exit(result.code);
  });
