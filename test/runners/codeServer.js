// A real VS Code host for the extension where VS Code desktop cannot be downloaded: code-server (VS Code server and
// web workbench, installed by test/runners/setup-code-server.sh) runs the extension in its Node extension host, and
// Debian's chromium, driven by playwright-core, is the workbench client.
//
// As a module (used by `npm start` too):
//   startHost(options)           code-server + chromium with the extension loaded → { server, browser, page, url, exited, stop }
//   startCodeServer / launchBrowser / workbenchUrl   the pieces of startHost
//   runIntegrationTests(options) runs out/test/integration in 1..N phases → { code, passed, failed, skipped }
//
// As a script (`npm run test:integration`): runs the integration suite and exits with its code. Env:
//   LIGHT_TEST_PHASES   number of phases (default 2). Phase k restarts code-server and chromium on the SAME
//                       code-server user-data-dir, chromium profile and origin, so what phase k-1 stored
//                       (settings, SecretStorage) is there again; each phase sees LIGHT_TEST_PHASE=k, and
//                       LIGHT_TEST_STATE_DIR, a directory kept for the whole run (for notes from phase to phase).
//   MOCHA_GREP          only tests whose full title matches
//   VERBOSE=1           print code-server's log and the workbench console
//   SCREENSHOT=path     save a screenshot of the workbench at the end of the last phase
//   LIGHT_TEST_SETTINGS JSON object of user settings seeded before phase 1
//   EXT_TEST_TIMEOUT_MS time limit of one phase (default 300000)
//   TEST_SUMMARY_FILE   also write {passed, failed, skipped, code} there as JSON
//   KEEP_TEST_STATE=1   keep the host's temp directory (printed) for a look afterwards
'use strict';

const { spawn } = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '../..');
const INSTALL_FILE = path.join(ROOT, '.vscode-test', 'code-server.json');
const DEFAULT_TESTS_PATH = path.join(ROOT, 'out', 'test', 'integration', 'index.js');
const SUMMARY_RE = /^(\d+) passed, (\d+) failed(?:, (\d+) skipped)?\s*$/;

/** Settings every host starts with: no welcome page, no update or telemetry traffic, no trust prompt. */
const BASE_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
};

/** Where setup-code-server.sh put code-server, its Node and chromium (env overrides: CODE_SERVER_BIN, ...).
 *  Runs the setup script first when code-server is not there yet, so `npm start` and `npm test` work on a fresh clone. */
function loadInstall() {
  const read = () => (fs.existsSync(INSTALL_FILE) ? JSON.parse(fs.readFileSync(INSTALL_FILE, 'utf8')) : {});
  let cfg = read();
  if (!process.env.CODE_SERVER_BIN && (!cfg.bin || !fs.existsSync(cfg.bin))) {
    console.log('[host] code-server is not installed yet: running test/runners/setup-code-server.sh (once, about 2 minutes)');
    const r = require('child_process').spawnSync('bash', [path.join(__dirname, 'setup-code-server.sh')], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('test/runners/setup-code-server.sh failed');
    cfg = read();
  }
  const bin = process.env.CODE_SERVER_BIN || cfg.bin;
  if (!bin || !fs.existsSync(bin)) {
    throw new Error('code-server is not installed: run test/runners/setup-code-server.sh');
  }
  const chromium = process.env.CHROMIUM_BIN || cfg.chromium || '/usr/bin/chromium';
  if (!fs.existsSync(chromium)) throw new Error(`chromium not found at ${chromium}: run test/runners/setup-code-server.sh`);
  return { bin, node: process.env.CODE_SERVER_NODE || cfg.node || process.execPath, version: cfg.version || '?', chromium };
}

function freePort(host) {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, host, () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** The directories of one host "home"; all of it survives from one phase to the next. */
function homeDirs(stateDir) {
  return {
    data: path.join(stateDir, 'data'), // code-server --user-data-dir (settings, serve-web-key-half, logs)
    extensions: path.join(stateDir, 'extensions'),
    profile: path.join(stateDir, 'chromium'), // chromium profile (localStorage, IndexedDB)
    workspace: path.join(stateDir, 'workspace'),
    xdgData: path.join(stateDir, 'xdg', 'data'),
    xdgConfig: path.join(stateDir, 'xdg', 'config'),
    xdgCache: path.join(stateDir, 'xdg', 'cache'),
    tmp: path.join(stateDir, 'tmp'), // VS Code's IPC sockets
  };
}

/** Keeps code-server's and chromium's config, logs and caches out of $HOME. */
function xdgEnv(dirs) {
  return { XDG_DATA_HOME: dirs.xdgData, XDG_CONFIG_HOME: dirs.xdgConfig, XDG_CACHE_HOME: dirs.xdgCache, TMPDIR: dirs.tmp };
}

/** Merges user settings into <dataDir>/User/settings.json: defaults < what is there < settings. */
function writeUserSettings(dataDir, defaults, settings) {
  const file = path.join(dataDir, 'User', 'settings.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let current = {};
  try {
    current = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    // none yet (or not plain JSON): start over
  }
  fs.writeFileSync(file, JSON.stringify({ ...(defaults || {}), ...current, ...(settings || {}) }, null, 2) + '\n');
}

/** Kills a detached child's whole process group (server, extension host, watchers) and waits for it. */
function killGroup(child, signal = 'SIGTERM', graceMs = 5000) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const kill = (sig) => {
    try {
      process.kill(-child.pid, sig);
    } catch {
      try {
        child.kill(sig);
      } catch {
        // already gone
      }
    }
  };
  kill(signal);
  const timer = setTimeout(() => kill('SIGKILL'), graceMs);
  return exited.finally(() => clearTimeout(timer));
}

/** Children still running when this process exits are killed with it. */
const liveChildren = new Set();
process.once('exit', () => {
  for (const child of liveChildren) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

/**
 * Starts code-server.
 * @param {object} o
 * @param {string} o.stateDir   home of this host (see homeDirs); reuse it to find the same state again
 * @param {string} [o.host]     bind address (default 127.0.0.1)
 * @param {number} [o.port]     port (default: a free one); keep it to keep the browser origin (localStorage)
 * @param {object} [o.settings] user settings merged into <data>/User/settings.json
 * @param {object} [o.env]      extra environment for the server and so for the extension host
 * @param {boolean} [o.verbose] print the server's log
 */
async function startCodeServer(o) {
  const install = loadInstall();
  const dirs = homeDirs(o.stateDir);
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  writeUserSettings(dirs.data, BASE_SETTINGS, o.settings);
  const host = o.host || '127.0.0.1';
  const port = o.port || (await freePort(host));
  const configFile = path.join(o.stateDir, 'config.yaml');
  fs.writeFileSync(configFile, 'auth: none\ncert: false\n'); // keeps code-server away from ~/.config/code-server
  const args = [install.bin, '--config', configFile, '--auth', 'none', '--bind-addr', `${host}:${port}`,
    '--user-data-dir', dirs.data, '--extensions-dir', dirs.extensions,
    // openExternal to a non-local site asks the user first, a dialog that extension tests cannot answer.
    '--link-protection-trusted-domains', '*',
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    '--ignore-last-opened', ...(o.extraArgs || [])];
  // Newer VS Code ignores extensionDevelopmentPath/extensionTestsPath in the URL payload of a built product unless the
  // smoke-test driver is on; code-server versions that have --vscode-option pass that server flag through.
  const cli = path.join(path.dirname(install.bin), 'cli.js');
  if (fs.existsSync(cli) && fs.readFileSync(cli, 'utf8').includes('"vscode-option"')) {
    args.push('--vscode-option', 'enable-smoke-test-driver');
  }
  const env = { ...process.env, ...xdgEnv(dirs), ...(o.env || {}) };
  const proc = spawn(install.node, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true, env });
  liveChildren.add(proc);
  proc.once('exit', () => liveChildren.delete(proc));
  let log = '';
  const onData = (d) => {
    const s = d.toString();
    log = (log + s).slice(-200000);
    if (o.verbose) process.stdout.write(s.replace(/^(?=.)/gm, '[code-server] '));
  };
  proc.stdout.on('data', onData);
  proc.stderr.on('data', onData);
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`code-server did not start within 60 s:\n${log}`)), 60000);
    const check = () => /HTTP server listening/.test(log) && done();
    const onExit = (code, sig) => done(new Error(`code-server exited (${code ?? sig}) while starting:\n${log}`));
    function done(err) {
      clearTimeout(timer);
      proc.stdout.off('data', check);
      proc.stderr.off('data', check);
      proc.off('exit', onExit);
      if (err) reject(err);
      else resolve();
    }
    proc.stdout.on('data', check);
    proc.stderr.on('data', check);
    proc.once('exit', onExit);
  });
  return {
    host,
    port,
    url: `http://${host}:${port}/`,
    version: install.version,
    dirs,
    proc,
    log: () => log,
    stop: () => killGroup(proc),
  };
}

/**
 * Launches Debian's chromium with a persistent profile (so localStorage and IndexedDB outlive it).
 * @param {object} o
 * @param {string} o.profileDir
 * @param {boolean} [o.headless]  default true
 * @param {boolean} [o.verbose]   print the workbench console
 * @param {object} [o.env]
 */
async function launchBrowser(o) {
  const { chromium } = require('playwright-core');
  const install = loadInstall();
  const headless = o.headless !== false;
  const args = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--no-default-browser-check', '--disable-quic',
    '--password-store=basic'];
  const context = await chromium.launchPersistentContext(o.profileDir, {
    executablePath: install.chromium,
    headless,
    args,
    env: { ...process.env, ...(o.env || {}) },
    viewport: o.viewport || { width: 1280, height: 800 },
  });
  const page = context.pages()[0] || (await context.newPage());
  const errors = [];
  page.on('console', (msg) => {
    if (o.verbose) console.log(`[workbench] ${msg.text()}`);
    else if (msg.type() === 'error' && !/Failed to load resource|ENOTFOUND|ERR_NAME_NOT_RESOLVED/.test(msg.text())) {
      errors.push(msg.text());
    }
  });
  page.on('pageerror', (e) => errors.push(`[pageerror] ${e.message}`));
  return { context, page, errors, close: () => context.close().catch(() => {}) };
}

/**
 * The workbench URL that opens `folder` with the extension in development mode; with extensionTestsPath the
 * workbench runs those tests and then calls window.codeAutomationExit(code).
 */
function workbenchUrl(server, { folder, extensionDevelopmentPath = ROOT, extensionTestsPath } = {}) {
  const remote = (p) => `vscode-remote://${server.host}:${server.port}${encodeURI(path.resolve(p))}`;
  // One path only: code-server's workbench reads the payload into a Map, so a second one would replace the first.
  // Other extensions go into the host's extensions folder instead (see test/e2e).
  const payload = [['extensionDevelopmentPath', remote(extensionDevelopmentPath)]];
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  payload.push(['skipWelcome', 'true']);
  const query = [];
  if (folder) query.push(`folder=${encodeURIComponent(folder)}`);
  query.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
  return `${server.url}?${query.join('&')}`;
}

/**
 * Starts code-server and (unless browser: false) opens the workbench in chromium.
 * Options: those of startCodeServer, plus extensionDevelopmentPath (one path, default the project root),
 * extensionTestsPath, folder (default <stateDir>/workspace), browser (default true), headless, profileDir.
 * Returns { server, browser, page, url, exited, stop }; `exited` resolves with the code the extension tests report.
 */
async function startHost(o) {
  const server = await startCodeServer(o);
  const folder = o.folder || server.dirs.workspace;
  const url = workbenchUrl(server, { folder, extensionDevelopmentPath: o.extensionDevelopmentPath || ROOT, extensionTestsPath: o.extensionTestsPath });
  let browser;
  let exited = new Promise(() => {});
  try {
    if (o.browser !== false) {
      browser = await launchBrowser({ profileDir: o.profileDir || server.dirs.profile, headless: o.headless, verbose: o.verbose, env: xdgEnv(server.dirs) });
      // VS Code calls window.codeAutomationExit(code) when the extension tests end.
      exited = new Promise((resolve) => browser.page.exposeFunction('codeAutomationExit', (code) => resolve(code)));
      await browser.page.goto(url);
    }
  } catch (e) {
    if (browser) await browser.close();
    await server.stop();
    throw e;
  }
  const stop = async () => {
    if (browser) await browser.close(); // closing the context flushes the profile (localStorage) to disk
    await server.stop();
  };
  return { server, browser, page: browser && browser.page, url, exited, stop };
}

/** Streams a growing file to `out` until stopped. */
function tail(file, out) {
  let printed = 0;
  const pump = () => {
    let buf;
    try {
      buf = fs.readFileSync(file);
    } catch {
      return;
    }
    if (buf.length > printed) {
      out.write(buf.subarray(printed));
      printed = buf.length;
    }
  };
  const timer = setInterval(pump, 200);
  return () => {
    clearInterval(timer);
    pump();
  };
}

/** The last `N passed, N failed[, N skipped]` line of a report, or undefined. */
function parseSummary(text) {
  const lines = text.split(/\r?\n/).reverse();
  for (const line of lines) {
    const m = SUMMARY_RE.exec(line.trim());
    if (m) return { passed: Number(m[1]), failed: Number(m[2]), skipped: Number(m[3] || 0) };
  }
  return undefined;
}

/**
 * Runs the integration tests in a real VS Code host, in `phases` phases that share one host home and origin.
 * @returns {Promise<{code: number, passed: number, failed: number, skipped: number, phases: object[]}>}
 */
async function runIntegrationTests(o = {}) {
  const out = o.out || process.stdout;
  const say = (s) => out.write(`[integration] ${s}\n`);
  const phases = Number(o.phases || 1);
  const timeoutMs = Number(o.timeoutMs || 300000);
  const extensionTestsPath = path.resolve(o.extensionTestsPath || DEFAULT_TESTS_PATH);
  if (!fs.existsSync(extensionTestsPath)) throw new Error(`${path.relative(ROOT, extensionTestsPath)} not found: run \`tsc -p .\` first`);
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'light-vscode-host-'));
  const host = o.host || '127.0.0.1';
  const port = o.port || (await freePort(host)); // one origin for all phases: the browser keeps secrets per origin
  const total = { code: 0, passed: 0, failed: 0, skipped: 0, phases: [] };
  const sharedDir = path.join(stateDir, 'shared'); // LIGHT_TEST_STATE_DIR: files the tests hand from one phase to the next
  fs.mkdirSync(sharedDir);
  try {
    for (let phase = 1; phase <= phases; phase++) {
      const t0 = Date.now();
      const report = path.join(stateDir, `report-phase-${phase}.log`);
      fs.writeFileSync(report, '');
      say(`phase ${phase}/${phases}: starting code-server and chromium`);
      const env = { ...(o.env || {}), EXT_TEST_OUTPUT: report, LIGHT_TEST_PHASE: String(phase), LIGHT_TEST_PHASES: String(phases),
        LIGHT_TEST_STATE_DIR: sharedDir };
      if (o.grep) env.MOCHA_GREP = o.grep;
      let code;
      let running;
      const stopTail = tail(report, out);
      try {
        running = await startHost({ stateDir, host, port, env, settings: phase === 1 ? o.settings : undefined,
          verbose: o.verbose, extensionDevelopmentPath: o.extensionDevelopmentPath || ROOT, extensionTestsPath });
        say(`phase ${phase}: code-server ${running.server.version} on ${running.server.url} after ${Date.now() - t0} ms`);
        let timer;
        let finished = false;
        const broken = new Promise((resolve) => {
          const fail = (why) => {
            if (!finished) say(`phase ${phase}: ${why}`);
            resolve(1);
          };
          running.page.on('crash', () => fail('the workbench page crashed'));
          running.server.proc.once('exit', (c, sig) => fail(`code-server exited (${c ?? sig})`));
          timer = setTimeout(() => fail(`no result after ${timeoutMs} ms`), timeoutMs);
        });
        code = await Promise.race([running.exited, broken]);
        finished = true;
        clearTimeout(timer);
        if (o.screenshot && phase === phases) {
          await running.page.screenshot({ path: o.screenshot }).catch((e) => say(`screenshot failed: ${e.message}`));
        }
        if (code !== 0 && running.browser.errors.length) say(`workbench errors:\n${running.browser.errors.join('\n')}`);
      } catch (e) {
        say(`phase ${phase} failed: ${e.message}`);
        code = 1;
      } finally {
        stopTail();
        if (running) await running.stop();
      }
      const counts = parseSummary(fs.readFileSync(report, 'utf8'));
      if (!counts) say(`phase ${phase}: the test entry reported no summary line`);
      // A phase that failed without counting a failing test still counts as one failure.
      const c = counts || { passed: 0, failed: 0, skipped: 0 };
      if (code !== 0 && c.failed === 0) c.failed = 1;
      total.passed += c.passed;
      total.failed += c.failed;
      total.skipped += c.skipped;
      total.phases.push({ phase, code, ms: Date.now() - t0, ...c });
      if (code !== 0) total.code = code || 1;
      say(`phase ${phase}: exit code ${code} after ${Date.now() - t0} ms`);
    }
  } finally {
    if (o.keepState) say(`host state kept in ${stateDir}`);
    else fs.rmSync(stateDir, { recursive: true, force: true, maxRetries: 3 });
  }
  return total;
}

function formatSummary({ passed, failed, skipped }) {
  return `${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : '');
}

async function main() {
  const t0 = Date.now();
  const stop = () => process.exit(130);
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  let result;
  try {
    result = await runIntegrationTests({
      phases: Number(process.env.LIGHT_TEST_PHASES || 2),
      grep: process.env.MOCHA_GREP || undefined,
      verbose: !!process.env.VERBOSE,
      screenshot: process.env.SCREENSHOT ? path.resolve(process.env.SCREENSHOT) : undefined,
      settings: process.env.LIGHT_TEST_SETTINGS ? JSON.parse(process.env.LIGHT_TEST_SETTINGS) : undefined,
      timeoutMs: Number(process.env.EXT_TEST_TIMEOUT_MS || 300000),
      keepState: !!process.env.KEEP_TEST_STATE,
    });
  } catch (e) {
    console.error(`[integration] ${e.message}`);
    result = { code: 2, passed: 0, failed: 1, skipped: 0, phases: [] };
  }
  if (process.env.TEST_SUMMARY_FILE) fs.writeFileSync(process.env.TEST_SUMMARY_FILE, JSON.stringify(result) + '\n');
  console.log(`[integration] ${result.phases.length} phase(s) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  console.log(formatSummary(result));
  process.exit(result.code);
}

module.exports = {
  ROOT,
  BASE_SETTINGS,
  loadInstall,
  freePort,
  startCodeServer,
  launchBrowser,
  workbenchUrl,
  startHost,
  writeUserSettings,
  runIntegrationTests,
  parseSummary,
  formatSummary,
  tail,
};

if (require.main === module) main();
