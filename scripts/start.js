// `npm start`: builds the extension, starts the Light simulator and opens the extension in a real VS Code that is
// configured for the simulator, until Ctrl-C.
//   - VS Code desktop when `code` is on the PATH: a separate window with its own user data and extensions dirs.
//   - otherwise code-server (test/runners/setup-code-server.sh; the oldest host, code-server 4.100.3 with VS Code
//     1.100.3, unless LIGHT_HOST or --newest says otherwise): prints the URL to open in a browser.
//
//   npm start                      as above
//   npm start -- --code-server     code-server even where `code` exists
//   npm start -- --check           start with code-server, load the workbench once in headless chromium, wait until
//                                  the extension is up, save .vscode-test/start-check.png, exit 0 or 1
//   npm start -- --port 8080       code-server port (default: a free one); --sim-port N for the simulator
//   npm start -- --auto-approve    the simulator approves sign-ins without its consent page
//   npm start -- --no-build        skip esbuild and tsc
//   npm start -- --newest          code-server's newest host (test/runners/hosts.json: code-server 4.139.1, VS Code
//                                  1.139.1) instead of the oldest (4.100.3, VS Code 1.100.3, the default); the same
//                                  as LIGHT_HOST=newest npm start (--light-host NAME for any host of hosts.json)
'use strict';

const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const SCREENSHOT = path.join(ROOT, '.vscode-test', 'start-check.png');
const CHECK_TIMEOUT_MS = 90000;
/**
 * What --check waits for: 'status-bar' = a status bar item whose text contains "Light" (the extension shows
 * "Sign in to Light" there once it is active); 'activated' = the extension host log says the extension activated.
 */
const READY = 'status-bar';

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const CHECK = flag('--check');
if (flag('--newest')) process.env.LIGHT_HOST = 'newest';
if (option('--light-host')) process.env.LIGHT_HOST = option('--light-host');

function say(s) {
  console.log(`[start] ${s}`);
}

function build() {
  for (const [what, args] of [['esbuild', ['esbuild.js']], ['tsc', [require.resolve('typescript/bin/tsc'), '-p', '.']]]) {
    const t0 = Date.now();
    const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status})`);
    say(`${what} done in ${Date.now() - t0} ms`);
  }
}

function loadSimulator() {
  const file = path.join(ROOT, 'out', 'test', 'simulator', 'index.js');
  if (!fs.existsSync(file)) {
    throw new Error('the Light simulator is not built (out/test/simulator/index.js is missing): it is compiled from test/simulator/ by `tsc -p .`');
  }
  const sim = require(file);
  if (typeof sim.startSimulator !== 'function') throw new Error(`${file} does not export startSimulator()`);
  return sim;
}

function onPath(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
}

/** User settings that point the extension at the simulator. */
function simulatorSettings(simUrl) {
  return {
    'light.environment': 'custom',
    'light.apiUrl': simUrl,
    'light.oauth.clientId': 'light-vscode-dev',
    'light.oauth.relayUrl': `${simUrl}/relay`,
  };
}

function printCredentials(sim) {
  const dev = sim.DEV_CREDENTIALS;
  say('dev credentials (they only work against the simulator):');
  say('  OAuth client id      light-vscode-dev');
  say('  OAuth client secret  light-vscode-dev-secret   (the sign-in guide asks for it: "Light: Set OAuth Client Secret")');
  say('  API key              light-dev-api-key');
  if (dev && typeof dev === 'object' && process.env.VERBOSE) say(`  all: ${JSON.stringify(dev)}`);
}

/** Resolves when the extension is up in the workbench (see READY), or rejects after CHECK_TIMEOUT_MS. */
async function waitUntilReady(host) {
  const end = Date.now() + CHECK_TIMEOUT_MS;
  const activated = () => {
    const logs = path.join(host.server.dirs.data, 'logs');
    const files = fs.existsSync(logs) ? fs.readdirSync(logs, { recursive: true, encoding: 'utf8' }).filter((f) => /exthost\.log$/.test(f)) : [];
    return files.some((f) => /ActivateExtension lightinc\.light-vscode\b/.test(fs.readFileSync(path.join(logs, f), 'utf8')));
  };
  const statusBar = async () => {
    const items = await host.page.locator('#workbench\\.parts\\.statusbar .statusbar-item').allInnerTexts().catch(() => []);
    return items.map((t) => t.trim()).find((t) => /Light/.test(t));
  };
  for (;;) {
    if (READY === 'status-bar') {
      const text = await statusBar();
      if (text) return `status bar shows "${text.replace(/\s+/g, ' ')}"`;
    } else if (activated()) {
      return 'the extension host activated lightinc.light-vscode';
    }
    if (Date.now() > end) throw new Error(`the extension did not come up within ${CHECK_TIMEOUT_MS} ms (waiting for: ${READY})`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function runDesktop(sim, settings, cleanup) {
  const state = fs.mkdtempSync(path.join(os.tmpdir(), 'light-vscode-start-'));
  cleanup.push(() => fs.rmSync(state, { recursive: true, force: true }));
  const { writeUserSettings } = require('../out/test/runners/codeServer');
  writeUserSettings(path.join(state, 'data'), { 'workbench.startupEditor': 'none', 'security.workspace.trust.enabled': false }, settings);
  const args = [`--extensionDevelopmentPath=${ROOT}`, '--user-data-dir', path.join(state, 'data'),
    '--extensions-dir', path.join(state, 'extensions'), '--new-window', '--wait', ROOT];
  say(`opening VS Code desktop: code ${args.join(' ')}`);
  const code = spawn('code', args, { stdio: 'inherit' });
  cleanup.push(() => code.exitCode === null && code.kill());
  await new Promise((resolve) => code.once('exit', resolve));
  say('VS Code closed');
}

async function runCodeServer(sim, settings, cleanup) {
  const { startHost } = require('../out/test/runners/codeServer');
  const state = fs.mkdtempSync(path.join(os.tmpdir(), 'light-vscode-start-'));
  cleanup.push(() => fs.rmSync(state, { recursive: true, force: true, maxRetries: 3 }));
  const port = Number(option('--port') || 0);
  // The check opens an empty folder (quicker); a developer gets the project folder.
  const host = await startHost({ stateDir: state, port, settings, extensionDevelopmentPath: ROOT, folder: CHECK ? undefined : ROOT,
    browser: CHECK, verbose: !!process.env.VERBOSE });
  cleanup.push(() => host.stop());
  say(`${host.server.label} (host ${host.server.install.name}) is up: open this URL in a browser on this machine`);
  console.log(`\n  ${host.url}\n`);
  if (!CHECK) return new Promise(() => {}); // until Ctrl-C
  const t0 = Date.now();
  const ready = await waitUntilReady(host);
  say(`check: ${ready} after ${Date.now() - t0} ms`);
  await new Promise((r) => setTimeout(r, 1000)); // let the workbench settle for the screenshot
  fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
  await host.page.screenshot({ path: SCREENSHOT });
  say(`check: screenshot saved to ${path.relative(ROOT, SCREENSHOT)}`);
}

async function main() {
  const cleanup = [];
  let stopping = false;
  const stop = async (code) => {
    if (stopping) return;
    stopping = true;
    for (const fn of cleanup.reverse()) {
      try {
        await fn();
      } catch (e) {
        console.error(`[start] cleanup: ${e.message}`);
      }
    }
    process.exit(code);
  };
  process.once('SIGINT', () => {
    say('stopping');
    stop(0);
  });
  process.once('SIGTERM', () => stop(143));
  try {
    if (!flag('--no-build')) build();
    const simulator = loadSimulator();
    // Naming a code-server host (LIGHT_HOST, --newest, --light-host) means code-server, as --code-server does.
    const desktop = !CHECK && !flag('--code-server') && !process.env.LIGHT_HOST && onPath('code');
    // code-server rewrites openExternal of http://127.0.0.1:P and localhost:P into its /proxy/P/ form; another
    // loopback address is opened as is. VS Code desktop opens any URL as is (and macOS has only 127.0.0.1).
    const sim = await simulator.startSimulator({
      host: desktop ? '127.0.0.1' : '127.0.0.2',
      port: Number(option('--sim-port') || 0),
      autoApprove: flag('--auto-approve') || undefined,
      controlEndpoint: true,
    });
    cleanup.push(() => sim.stop());
    say(`Light simulator at ${sim.url} (control API: ${sim.url}/__control)`);
    printCredentials(simulator);
    const settings = simulatorSettings(sim.url);
    if (desktop) await runDesktop(sim, settings, cleanup);
    else await runCodeServer(sim, settings, cleanup);
    await stop(0);
  } catch (e) {
    console.error(`[start] ${e.message}`);
    await stop(1);
  }
}

main();
