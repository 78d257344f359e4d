// A real VS Code host for the extension where VS Code desktop cannot be downloaded: code-server (VS Code server and
// web workbench, installed by test/runners/setup-code-server.sh) runs the extension in its Node extension host, and
// Debian's chromium, driven by playwright-core, is the workbench client.
//
// Hosts have names, pinned in test/runners/hosts.json: `oldest` (code-server 4.100.3, VS Code 1.100.3: the minimum of
// engines.vscode; the default) and `newest` (code-server 4.139.1, VS Code 1.139.1). One is chosen by the `hostName`
// option or else by the environment variable LIGHT_HOST.
//
// A module without side effects on import (used by `npm start`, the integration entry and the end-to-end fixtures):
//   startHost(options)           code-server + chromium with the extension loaded → { server, browser, page, url, exited, stop }
//   startCodeServer / launchBrowser / workbenchUrl   the pieces of startHost
//   runIntegrationTests(options) runs out/test/integration in 1..N phases → { code, passed, failed, skipped, phases }
// `npm run test:integration` runs integration.ts beside this file (see there for its environment).
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { chromium, type BrowserContext, type LaunchOptions, type Page } from 'playwright-core';

/** The project root: the nearest folder above this file with a package.json (this file runs from test/runners/ or,
 *  compiled, from out/test/runners/). */
function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const ROOT = findRoot(__dirname);
/** Written by setup-code-server.sh: where code-server, its Node and chromium are. */
export const INSTALL_FILE = path.join(ROOT, '.vscode-test', 'code-server.json');
/** The hosts by name, oldest first: name → code-server version (read by setup-code-server.sh and scripts/test.js too). */
export const HOSTS_FILE = path.join(ROOT, 'test', 'runners', 'hosts.json');
/** The host when neither the option nor LIGHT_HOST names one: the minimum of engines.vscode. */
export const DEFAULT_HOST = 'oldest';
const SETUP_SCRIPT = path.join(ROOT, 'test', 'runners', 'setup-code-server.sh');
export const DEFAULT_TESTS_PATH = path.join(ROOT, 'out', 'test', 'integration', 'index.js');
const SUMMARY_RE = /^(\d+) passed, (\d+) failed(?:, (\d+) skipped)?\s*$/;

export type Settings = Record<string, unknown>;
export type Env = Record<string, string | undefined>;

/** Settings every host starts with: no welcome page, no update or telemetry traffic, no trust prompt. */
export const BASE_SETTINGS: Readonly<Settings> = {
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

export interface Install {
  /** the host's name in hosts.json (`oldest`, `newest`) */
  name: string;
  /** code-server's entry script */
  bin: string;
  /** the Node that runs it */
  node: string;
  /** that Node's version (v20.x, v24.x) */
  nodeVersion: string;
  /** code-server's version */
  version: string;
  /** the VS Code version code-server ships (its lib/vscode/product.json) */
  vscode: string;
  chromium: string;
}

/** One host as the install file records it. */
interface InstalledHost {
  bin?: string;
  node?: string;
  nodeVersion?: string;
  version?: string;
  vscode?: string;
}

/** The install file: the oldest host at the top level (the format of one host, which older runners read), every
 *  installed host under `hosts`. */
interface InstallFile extends InstalledHost {
  chromium?: string;
  hosts?: Record<string, InstalledHost>;
}

/** The pinned hosts, oldest first: name → code-server version. */
export function pinnedHosts(): Record<string, string> {
  return JSON.parse(fs.readFileSync(HOSTS_FILE, 'utf8')) as Record<string, string>;
}

/** The chosen host's name: `name`, else LIGHT_HOST, else DEFAULT_HOST; one that hosts.json does not pin throws. */
export function hostName(name?: string): string {
  const chosen = name || process.env.LIGHT_HOST || DEFAULT_HOST;
  const pinned = pinnedHosts();
  if (!(chosen in pinned)) throw new Error(`unknown host "${chosen}": test/runners/hosts.json has ${Object.keys(pinned).join(', ')}`);
  return chosen;
}

/** The install file as setup-code-server.sh wrote it ({} when there is none); runs nothing. */
export function readInstallFile(): InstallFile {
  return fs.existsSync(INSTALL_FILE) ? (JSON.parse(fs.readFileSync(INSTALL_FILE, 'utf8')) as InstallFile) : {};
}

/** The host `name` in the install file, when it is installed at its pinned version (a file without `hosts`, as an
 *  older setup script wrote it, has the first pinned host at its top level). */
function installedHost(cfg: InstallFile, name: string): InstalledHost | undefined {
  const pinned = pinnedHosts();
  const entry = cfg.hosts ? cfg.hosts[name] : name === Object.keys(pinned)[0] ? cfg : undefined;
  if (!entry?.bin || entry.version !== pinned[name] || !fs.existsSync(entry.bin)) return undefined;
  return entry;
}

/** code-server's version and its VS Code's, from the install itself (so also for CODE_SERVER_BIN). */
function versionsOf(bin: string): { version?: string; vscode?: string } {
  const top = path.resolve(path.dirname(bin), '..', '..');
  const read = (file: string) => {
    try {
      return (JSON.parse(fs.readFileSync(path.join(top, file), 'utf8')) as { version?: string }).version;
    } catch {
      return undefined;
    }
  };
  return { version: read('package.json'), vscode: read(path.join('lib', 'vscode', 'product.json')) };
}

/** "code-server 4.139.1, VS Code 1.139.1": how the reports name a host. */
export function hostLabel(install: Pick<Install, 'version' | 'vscode'>): string {
  return `code-server ${install.version}, VS Code ${install.vscode}`;
}

/** The host `name` (see hostName) if it is installed, without installing anything: for reports. */
export function findInstall(name?: string): Install | undefined {
  const chosen = hostName(name);
  const cfg = readInstallFile();
  const entry = installedHost(cfg, chosen);
  const bin = process.env.CODE_SERVER_BIN || entry?.bin;
  if (!bin || !fs.existsSync(bin)) return undefined;
  const node = process.env.CODE_SERVER_NODE || entry?.node || process.execPath;
  const nodeVersion = node === entry?.node && entry.nodeVersion ? entry.nodeVersion
    : node === process.execPath ? process.version
    : (spawnSync(node, ['-v'], { encoding: 'utf8' }).stdout || '?').trim();
  const v = versionsOf(bin);
  return { name: chosen, bin, node, nodeVersion, version: v.version || entry?.version || '?', vscode: v.vscode || entry?.vscode || '?',
    chromium: chromiumPath(cfg) };
}

/** Where setup-code-server.sh put the host `name` (see hostName): code-server, its Node and chromium (env overrides:
 *  CODE_SERVER_BIN, CODE_SERVER_NODE, CHROMIUM_BIN). Runs the setup script for that host first when it is not there
 *  yet, so `npm start` and `npm test` work on a fresh clone. */
export function loadInstall(name?: string): Install {
  const chosen = hostName(name);
  if (!process.env.CODE_SERVER_BIN && !installedHost(readInstallFile(), chosen)) {
    console.log(`[host] ${chosen} (code-server ${pinnedHosts()[chosen]}) is not installed yet: running test/runners/setup-code-server.sh (once, 2 to 4 minutes)`);
    const r = spawnSync('bash', [SETUP_SCRIPT], { stdio: 'inherit', env: { ...process.env, LIGHT_HOSTS: chosen } });
    if (r.status !== 0) throw new Error('test/runners/setup-code-server.sh failed');
  }
  const install = findInstall(chosen);
  if (!install) throw new Error(`code-server (host ${chosen}) is not installed: run test/runners/setup-code-server.sh`);
  if (!fs.existsSync(install.chromium)) throw new Error(`chromium not found at ${install.chromium}: run test/runners/setup-code-server.sh`);
  return install;
}

/** Debian's chromium, as the install file (or CHROMIUM_BIN) names it. */
export function chromiumPath(cfg: InstallFile = readInstallFile()): string {
  return process.env.CHROMIUM_BIN || cfg.chromium || '/usr/bin/chromium';
}

export function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, host, () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** The directories of one host "home"; all of it survives from one phase to the next. */
export interface HomeDirs {
  /** code-server --user-data-dir (settings, serve-web-key-half, logs) */
  data: string;
  extensions: string;
  /** chromium profile (localStorage, IndexedDB) */
  profile: string;
  workspace: string;
  xdgData: string;
  xdgConfig: string;
  xdgCache: string;
  /** VS Code's IPC sockets */
  tmp: string;
}

export function homeDirs(stateDir: string): HomeDirs {
  return {
    data: path.join(stateDir, 'data'),
    extensions: path.join(stateDir, 'extensions'),
    profile: path.join(stateDir, 'chromium'),
    workspace: path.join(stateDir, 'workspace'),
    xdgData: path.join(stateDir, 'xdg', 'data'),
    xdgConfig: path.join(stateDir, 'xdg', 'config'),
    xdgCache: path.join(stateDir, 'xdg', 'cache'),
    tmp: path.join(stateDir, 'tmp'),
  };
}

/** Keeps code-server's and chromium's config, logs and caches out of $HOME. */
function xdgEnv(dirs: HomeDirs): Env {
  return { XDG_DATA_HOME: dirs.xdgData, XDG_CONFIG_HOME: dirs.xdgConfig, XDG_CACHE_HOME: dirs.xdgCache, TMPDIR: dirs.tmp };
}

/** Merges user settings into <dataDir>/User/settings.json: defaults < what is there < settings. */
export function writeUserSettings(dataDir: string, defaults?: Settings, settings?: Settings): void {
  const file = path.join(dataDir, 'User', 'settings.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let current: Settings = {};
  try {
    current = JSON.parse(fs.readFileSync(file, 'utf8')) as Settings;
  } catch {
    // none yet (or not plain JSON): start over
  }
  fs.writeFileSync(file, JSON.stringify({ ...(defaults || {}), ...current, ...(settings || {}) }, null, 2) + '\n');
}

/** Kills a detached child's whole process group (server, extension host, watchers) and waits for it. */
function killGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM', graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const kill = (sig: NodeJS.Signals) => {
    try {
      if (child.pid === undefined) throw new Error('no pid');
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

/** Children still running when this process exits are killed with it (the hook is set with the first child). */
const liveChildren = new Set<ChildProcess>();
let exitHook = false;
function track(child: ChildProcess): void {
  if (!exitHook) {
    exitHook = true;
    process.once('exit', () => {
      for (const c of liveChildren) {
        try {
          if (c.pid !== undefined) process.kill(-c.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    });
  }
  liveChildren.add(child);
  child.once('exit', () => liveChildren.delete(child));
}

export interface CodeServerOptions {
  /** home of this host (see homeDirs); reuse it to find the same state again */
  stateDir: string;
  /** which installed host (hosts.json: `oldest`, `newest`; default LIGHT_HOST, else `oldest`) */
  hostName?: string;
  /** bind address (default 127.0.0.1) */
  host?: string;
  /** port (default: a free one); keep it to keep the browser origin (localStorage) */
  port?: number;
  /** user settings merged into <data>/User/settings.json */
  settings?: Settings;
  /** extra environment for the server and so for the extension host */
  env?: Env;
  /** print the server's log */
  verbose?: boolean;
  /** more code-server arguments */
  extraArgs?: string[];
  /** VS Code's smoke-test driver, on hosts that need it for the URL payload (see payloadNeedsDriver); default true
   *  (startHost sets it: on with extension tests, off in normal mode) */
  smokeTestDriver?: boolean;
}

export interface CodeServer {
  host: string;
  port: number;
  /** http://host:port/ */
  url: string;
  /** code-server's version */
  version: string;
  /** the install it runs: host name, code-server and VS Code versions, its Node */
  install: Install;
  /** "code-server 4.139.1, VS Code 1.139.1" */
  label: string;
  dirs: HomeDirs;
  proc: ChildProcess;
  /** the last 200 000 characters of its output */
  log(): string;
  stop(): Promise<void>;
}

/** Newer VS Code (1.139 here, not 1.100) ignores extensionDevelopmentPath/extensionTestsPath in the URL payload of a
 *  built product unless the smoke-test driver is on; the code-server versions that ship it have --vscode-option, which
 *  passes that server flag through. The driver also changes what a person would see: no notification toasts (they go
 *  to the notification center only), experiments off, no modal editors. */
export function payloadNeedsDriver(install: Pick<Install, 'bin'>): boolean {
  const cli = path.join(path.dirname(install.bin), 'cli.js');
  return fs.existsSync(cli) && fs.readFileSync(cli, 'utf8').includes('"vscode-option"');
}

/** Installs the extension at `extensionPath` the way a user has one: a link `<publisher>.<name>-<version>` in
 *  `extensionsDir` to the extension's folder (so a rebuilt dist/ is what a reloaded window runs), which the server
 *  lists in extensions.json on its first start. Removing the host's state removes the link, not what it points to. */
export function linkExtension(extensionPath: string, extensionsDir: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(extensionPath, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
  const link = path.join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`);
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.rmSync(link, { force: true, recursive: true }); // an earlier link (rm does not follow it) or copy
  fs.symlinkSync(path.resolve(extensionPath), link, 'dir');
  return link;
}

/** Installs a .vsix into `extensionsDir` the way a user does, with the host's own `code-server --install-extension`
 *  (which checks the package and unpacks it), and returns the folder it made and what the server printed. */
export function installVsix(vsix: string, extensionsDir: string, hostName?: string): { folder: string; output: string } {
  const install = loadInstall(hostName);
  fs.mkdirSync(extensionsDir, { recursive: true });
  const before = new Set(fs.readdirSync(extensionsDir));
  const r = spawnSync(install.node, [install.bin, '--extensions-dir', extensionsDir, '--install-extension', path.resolve(vsix)], { encoding: 'utf8', timeout: 120000 });
  const output = `${r.stdout || ''}${r.stderr || ''}`.trim();
  if (r.status !== 0) throw new Error(`code-server --install-extension ${path.basename(vsix)} exited ${r.status ?? r.signal}: ${output}`);
  const made = fs.readdirSync(extensionsDir).filter((d) => !before.has(d) && fs.statSync(path.join(extensionsDir, d)).isDirectory());
  if (made.length !== 1) throw new Error(`code-server --install-extension made ${JSON.stringify(made)} in ${extensionsDir}: ${output}`);
  return { folder: path.join(extensionsDir, made[0]), output };
}

/** Starts code-server and resolves once it listens. */
export async function startCodeServer(o: CodeServerOptions): Promise<CodeServer> {
  const install = loadInstall(o.hostName);
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
  if (o.smokeTestDriver !== false && payloadNeedsDriver(install)) args.push('--vscode-option', 'enable-smoke-test-driver');
  const env = { ...process.env, ...xdgEnv(dirs), ...(o.env || {}) };
  const proc = spawn(install.node, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true, env });
  track(proc);
  let log = '';
  const onData = (d: Buffer) => {
    const s = d.toString();
    log = (log + s).slice(-200000);
    if (o.verbose) process.stdout.write(s.replace(/^(?=.)/gm, '[code-server] '));
  };
  proc.stdout?.on('data', onData);
  proc.stderr?.on('data', onData);
  await new Promise<void>((resolve, reject) => {
    const check = () => {
      if (/HTTP server listening/.test(log)) done();
    };
    const onExit = (code: number | null, sig: NodeJS.Signals | null) => done(new Error(`code-server exited (${code ?? sig}) while starting:\n${log}`));
    const timer = setTimeout(() => done(new Error(`code-server did not start within 60 s:\n${log}`)), 60000);
    function done(err?: Error) {
      clearTimeout(timer);
      proc.stdout?.off('data', check);
      proc.stderr?.off('data', check);
      proc.off('exit', onExit);
      if (err) reject(err);
      else resolve();
    }
    proc.stdout?.on('data', check);
    proc.stderr?.on('data', check);
    proc.once('exit', onExit);
  });
  return {
    host,
    port,
    url: `http://${host}:${port}/`,
    version: install.version,
    install,
    label: hostLabel(install),
    dirs,
    proc,
    log: () => log,
    stop: () => killGroup(proc),
  };
}

export interface BrowserOptions {
  profileDir: string;
  /** default true */
  headless?: boolean;
  /** print the workbench console */
  verbose?: boolean;
  env?: Env;
  viewport?: { width: number; height: number };
  /** Playwright launch options on top of these (for instance the executablePath of the end-to-end config) */
  launchOptions?: LaunchOptions;
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** console errors and page errors of the first page (not the usual noise of a machine without the internet) */
  errors: string[];
  close(): Promise<void>;
}

/** Console messages of a workbench page that are noise on a machine without the internet. */
const CONSOLE_NOISE = /Failed to load resource|ENOTFOUND|ERR_NAME_NOT_RESOLVED/;

/** Collects the console errors and page errors of `page` into `errors` (or prints the whole console with `prefix`). */
export function collectErrors(page: Page, errors: string[], o: { verbose?: boolean; prefix?: string } = {}): void {
  page.on('console', (msg) => {
    if (o.verbose) console.log(`[${o.prefix || 'workbench'}] ${msg.text()}`);
    else if (msg.type() === 'error' && !CONSOLE_NOISE.test(msg.text())) errors.push(msg.text());
  });
  page.on('pageerror', (e) => errors.push(`[pageerror] ${e.message}`));
}

/** Launches Debian's chromium with a persistent profile (so localStorage and IndexedDB outlive it). */
export async function launchBrowser(o: BrowserOptions): Promise<Browser> {
  const args = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--no-default-browser-check', '--disable-quic',
    '--password-store=basic'];
  const extra = o.launchOptions || {};
  const context = await chromium.launchPersistentContext(o.profileDir, {
    ...extra,
    executablePath: extra.executablePath || chromiumPath(),
    headless: extra.headless ?? (o.headless !== false),
    args: [...args, ...(extra.args || [])],
    env: { ...process.env, ...(o.env || {}), ...(extra.env || {}) },
    viewport: o.viewport || { width: 1280, height: 800 },
  });
  const page = context.pages()[0] || (await context.newPage());
  const errors: string[] = [];
  collectErrors(page, errors, { verbose: o.verbose });
  return { context, page, errors, close: () => context.close().catch(() => undefined) };
}

export interface WorkbenchTarget {
  /** the folder the window opens */
  folder?: string;
  /** one path (default the project root; '' for none: the extension is installed in the host instead) */
  extensionDevelopmentPath?: string;
  /** with it the workbench runs those tests and then calls window.codeAutomationExit(code) */
  extensionTestsPath?: string;
}

/** The workbench URL that opens `folder` with the extension in development mode. */
export function workbenchUrl(server: Pick<CodeServer, 'host' | 'port' | 'url'>, { folder, extensionDevelopmentPath = ROOT, extensionTestsPath }: WorkbenchTarget = {}): string {
  const remote = (p: string) => `vscode-remote://${server.host}:${server.port}${encodeURI(path.resolve(p))}`;
  // One path only: code-server's workbench reads the payload into a Map, so a second one would replace the first.
  // Other extensions go into the host's extensions folder instead (see test/e2e).
  const payload: string[][] = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  payload.push(['skipWelcome', 'true']);
  const query: string[] = [];
  if (folder) query.push(`folder=${encodeURIComponent(folder)}`);
  query.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
  return `${server.url}?${query.join('&')}`;
}

export interface HostOptions extends CodeServerOptions, WorkbenchTarget {
  /** the extension is already in the host's extensions folder (installVsix): neither load nor link the working tree */
  preinstalled?: boolean;
  /** open the workbench in chromium (default true) */
  browser?: boolean;
  headless?: boolean;
  /** chromium profile (default <stateDir>/chromium) */
  profileDir?: string;
  launchOptions?: LaunchOptions;
}

interface HostBase {
  server: CodeServer;
  url: string;
  /** how the workbench has the extension: `development` (extensionDevelopmentPath in the URL payload) or, in normal
   *  mode on a host whose payload needs the smoke-test driver, `installed` (linked into the extensions dir), or `vsix`
   *  (installed from the package beforehand: HostOptions.preinstalled) */
  extensionAs: 'development' | 'installed' | 'vsix';
  /** resolves with the code the extension tests report (never, without extensionTestsPath) */
  exited: Promise<number>;
  stop(): Promise<void>;
}
/** A host with its browser (startHost's default). */
export interface HostWithBrowser extends HostBase {
  browser: Browser;
  page: Page;
}
/** A host without a browser (`browser: false`: open `url` yourself). */
export interface HostWithoutBrowser extends HostBase {
  browser: undefined;
  page: undefined;
}
export type Host = HostWithBrowser | HostWithoutBrowser;

/** Starts code-server and (unless browser: false) opens the workbench in chromium. */
export async function startHost(o: HostOptions & { browser: false }): Promise<HostWithoutBrowser>;
export async function startHost(o: HostOptions & { browser?: true }): Promise<HostWithBrowser>;
export async function startHost(o: HostOptions): Promise<Host>;
export async function startHost(o: HostOptions): Promise<Host> {
  const extensionPath = o.extensionDevelopmentPath || ROOT;
  // Normal mode (no extension tests) on a host that would need the smoke-test driver for the URL payload: the extension
  // is installed instead and the driver stays off, so the workbench behaves as a person's does (toasts included).
  const extensionAs = o.preinstalled ? 'vsix' : !o.extensionTestsPath && payloadNeedsDriver(loadInstall(o.hostName)) ? 'installed' : 'development';
  if (extensionAs === 'installed') linkExtension(extensionPath, homeDirs(o.stateDir).extensions);
  const server = await startCodeServer({ ...o, smokeTestDriver: extensionAs === 'development' });
  const folder = o.folder || server.dirs.workspace;
  const url = workbenchUrl(server, { folder, extensionDevelopmentPath: extensionAs === 'development' ? extensionPath : '',
    extensionTestsPath: o.extensionTestsPath });
  let browser: Browser | undefined;
  let exited = new Promise<number>(() => undefined);
  try {
    if (o.browser !== false) {
      const b = await launchBrowser({ profileDir: o.profileDir || server.dirs.profile, headless: o.headless, verbose: o.verbose,
        env: xdgEnv(server.dirs), launchOptions: o.launchOptions });
      browser = b;
      // VS Code calls window.codeAutomationExit(code) when the extension tests end.
      let reportExit: (code: number) => void = () => undefined;
      exited = new Promise<number>((resolve) => {
        reportExit = resolve;
      });
      await b.page.exposeFunction('codeAutomationExit', (code: number) => reportExit(code));
      await b.page.goto(url);
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
  return browser ? { server, browser, page: browser.page, url, extensionAs, exited, stop }
    : { server, browser: undefined, page: undefined, url, extensionAs, exited, stop };
}

/** Streams a growing file to `out` until the returned function is called. */
export function tail(file: string, out: NodeJS.WritableStream): () => void {
  let printed = 0;
  const pump = () => {
    let buf: Buffer;
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

export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

/** The last `N passed, N failed[, N skipped]` line of a report, or undefined. */
export function parseSummary(text: string): Counts | undefined {
  const lines = text.split(/\r?\n/).reverse();
  for (const line of lines) {
    const m = SUMMARY_RE.exec(line.trim());
    if (m) return { passed: Number(m[1]), failed: Number(m[2]), skipped: Number(m[3] || 0) };
  }
  return undefined;
}

export function formatSummary({ passed, failed, skipped }: Counts): string {
  return `${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : '');
}

/** What every test step writes to TEST_SUMMARY_FILE for scripts/test.js. */
export interface Summary extends Counts {
  code: number;
}

export interface PhaseResult extends Counts {
  phase: number;
  code: number;
  ms: number;
}

export interface IntegrationResult extends Summary {
  phases: PhaseResult[];
  /** the host it ran on: name, code-server, VS Code, Node */
  host?: { name: string; codeServer: string; vscode: string; node: string };
}

export interface IntegrationOptions {
  /** which installed host (see CodeServerOptions.hostName) */
  hostName?: string;
  /** default 1 */
  phases?: number;
  /** time limit of one phase (default 300000) */
  timeoutMs?: number;
  /** the mocha entry (default out/test/integration/index.js) */
  extensionTestsPath?: string;
  extensionDevelopmentPath?: string;
  host?: string;
  port?: number;
  /** MOCHA_GREP for the suite */
  grep?: string;
  /** user settings seeded before phase 1 */
  settings?: Settings;
  env?: Env;
  verbose?: boolean;
  /** a screenshot of the workbench at the end of the last phase */
  screenshot?: string;
  /** keep (and print) the host's temp dir */
  keepState?: boolean;
  /** where the report goes (default stdout) */
  out?: NodeJS.WritableStream;
}

/** Runs the integration tests in a real VS Code host, in `phases` phases that share one host home and origin. */
export async function runIntegrationTests(o: IntegrationOptions = {}): Promise<IntegrationResult> {
  const out = o.out || process.stdout;
  const say = (s: string) => out.write(`[integration] ${s}\n`);
  const phases = Number(o.phases || 1);
  const timeoutMs = Number(o.timeoutMs || 300000);
  const extensionTestsPath = path.resolve(o.extensionTestsPath || DEFAULT_TESTS_PATH);
  if (!fs.existsSync(extensionTestsPath)) throw new Error(`${path.relative(ROOT, extensionTestsPath)} not found: run \`tsc -p .\` first`);
  const install = loadInstall(o.hostName); // before phase 1: an install it needs is not counted in the phase's time
  say(`host ${install.name}: ${hostLabel(install)}, Node ${install.nodeVersion}`);
  const total: IntegrationResult = { code: 0, passed: 0, failed: 0, skipped: 0, phases: [],
    host: { name: install.name, codeServer: install.version, vscode: install.vscode, node: install.nodeVersion } };
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'light-vscode-host-'));
  const host = o.host || '127.0.0.1';
  const port = o.port || (await freePort(host)); // one origin for all phases: the browser keeps secrets per origin
  const sharedDir = path.join(stateDir, 'shared'); // LIGHT_TEST_STATE_DIR: files the tests hand from one phase to the next
  fs.mkdirSync(sharedDir);
  try {
    for (let phase = 1; phase <= phases; phase++) {
      const t0 = Date.now();
      const report = path.join(stateDir, `report-phase-${phase}.log`);
      fs.writeFileSync(report, '');
      say(`phase ${phase}/${phases}: starting code-server and chromium`);
      const env: Env = { ...(o.env || {}), EXT_TEST_OUTPUT: report, LIGHT_TEST_PHASE: String(phase), LIGHT_TEST_PHASES: String(phases),
        LIGHT_TEST_STATE_DIR: sharedDir };
      if (o.grep) env.MOCHA_GREP = o.grep;
      let code: number;
      let running: HostWithBrowser | undefined;
      const stopTail = tail(report, out);
      try {
        const r = await startHost({ stateDir, hostName: install.name, host, port, env, settings: phase === 1 ? o.settings : undefined,
          verbose: o.verbose, extensionDevelopmentPath: o.extensionDevelopmentPath || ROOT, extensionTestsPath });
        running = r;
        say(`phase ${phase}: ${r.server.label} on ${r.server.url} after ${Date.now() - t0} ms`);
        let timer: NodeJS.Timeout | undefined;
        let finished = false;
        const broken = new Promise<number>((resolve) => {
          const fail = (why: string) => {
            if (!finished) say(`phase ${phase}: ${why}`);
            resolve(1);
          };
          r.page.on('crash', () => fail('the workbench page crashed'));
          r.server.proc.once('exit', (c, sig) => fail(`code-server exited (${c ?? sig})`));
          timer = setTimeout(() => fail(`no result after ${timeoutMs} ms`), timeoutMs);
        });
        code = await Promise.race([r.exited, broken]);
        finished = true;
        clearTimeout(timer);
        if (o.screenshot && phase === phases) {
          await r.page.screenshot({ path: o.screenshot }).catch((e: Error) => say(`screenshot failed: ${e.message}`));
        }
        if (code !== 0 && r.browser.errors.length) say(`workbench errors:\n${r.browser.errors.join('\n')}`);
      } catch (e) {
        say(`phase ${phase} failed: ${(e as Error).message}`);
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
