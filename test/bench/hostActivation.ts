// Light beside VS Code's own sign-in extensions (GitHub, Microsoft) in a real VS Code host: the size of the file each
// one's extension host loads, and how long each takes to activate as the host itself reports it.
//
// Activation: code-server (test/runners/codeServer.ts) with the production build of Light installed in its extensions
// folder, as a user has it, and the probe test/fixtures/bench-probe beside it; chromium opens the workbench, then
// reloads it: every load is a fresh window with a fresh extension host (the previous one ends with its window). In
// each window the probe, loaded by the host on `*` (before onStartupFinished, which would activate Light on its own),
// activates the three at once, in one batch, through the host's own activation (vscode.extensions…activate(), the
// event `api`). The host loads one extension's code after the other and counts the wait in the next one's Load Code,
// so the order of the three changes from window to window: six windows take the six orders. The probe reads the
// times from Developer: Startup Performance, whose "Extension Activation Stats" table is the workbench's record of
// what the extension host reported (Load Code, Call Activate, Finish Activate, the event); Developer: Show Running
// Extensions shows that record as Load Code + Call Activate, and the last window checks it on screen. The extension
// host's own marks around each require() give the extension's own work without the wait.
//
// VS Code 1.139 activates GitHub sign-in itself early in startup (its default account, from product.json's
// defaultChatAgent), before any extension is loaded; the probe also activates on that event
// (onAuthenticationRequest:github), so the host loads it in the same batch as GitHub, and it activates Light and
// Microsoft there and then. GitHub is then always first of the three; the rows say so.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writeMachineSettings } from '../e2e/support/machineSettings';
import { findInstall, homeDirs, hostLabel, launchBrowser, loadInstall, ROOT, startCodeServer, workbenchUrl, type Browser, type CodeServer, type Install } from '../runners/codeServer';

export const EXTENSIONS = { light: 'lightinc.light-vscode', github: 'vscode.github-authentication', microsoft: 'vscode.microsoft-authentication' } as const;
export type Key = keyof typeof EXTENSIONS;
export const KEYS = Object.keys(EXTENSIONS) as Key[];
/** What the rows call them. */
export const NAMES: Record<Key, string> = { light: 'Light', github: 'GitHub', microsoft: 'Microsoft' };
/** The probe's id: the `By` of what it activated. */
const PROBE_ID = 'lightinc-test.light-bench-probe';

const PROBE = path.join(ROOT, 'test', 'fixtures', 'bench-probe');
const WINDOW_TIMEOUT_MS = 90_000;

/** The root of the code-server package of `install` (its bin is <root>/out/node/entry.js). */
function codeServerRoot(install: Pick<Install, 'bin'>): string {
  return path.resolve(path.dirname(install.bin), '..', '..');
}

export interface BuiltInBundle {
  key: Exclude<Key, 'light'>;
  /** its package.json `main`, and the file that names (what the Node extension host loads) */
  main: string;
  file: string;
  bytes: number;
}

/** The Node bundles of the built-in GitHub and Microsoft sign-in extensions of a code-server install. */
export function builtInBundles(install: Pick<Install, 'bin'>): BuiltInBundle[] {
  return (['github', 'microsoft'] as const).map((key) => {
    const dir = path.join(codeServerRoot(install), 'lib', 'vscode', 'extensions', EXTENSIONS[key].replace(/^vscode\./, ''));
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { main?: string };
    if (!manifest.main) throw new Error(`${dir}/package.json has no main`);
    let file = path.resolve(dir, manifest.main);
    if (!fs.existsSync(file) && fs.existsSync(`${file}.js`)) file = `${file}.js`;
    return { key, main: path.relative(dir, file), file, bytes: fs.statSync(file).size };
  });
}

/** The hosts to measure: LIGHT_HOST's alone when it is set; else the oldest (installed first when missing, as every
 *  runner does) and the newest when it is installed. */
export function hostsToMeasure(): Install[] {
  if (process.env.LIGHT_HOST) return [loadInstall()];
  const hosts = [loadInstall('oldest')];
  const newest = findInstall('newest');
  if (newest && newest.bin !== hosts[0].bin) hosts.push(newest);
  return hosts;
}

/** One extension in one window, as the host reported it. */
export interface Activation {
  /** Load Code: from the start of its activation until its module was loaded (ms) */
  loadCode: number;
  /** Call Activate: the call of its activate() (ms) */
  callActivate: number;
  /** Finish Activate: until the promise activate() returned resolved (ms) */
  finishActivate: number;
  event: string;
  by: string;
  /** the extension host's own marks around require() of its main (ms), undefined where there are none */
  require?: number;
  /** when its code began to load, ms after the probe asked for it (negative: before; the workbench activated it) */
  startedAfterAsk?: number;
  /** where it ran (vscode.ExtensionKind: 1 UI, 2 Workspace) */
  kind?: number;
  main?: string;
}

export interface Window {
  order: Key[];
  extensionHostPid?: number;
  activations: Record<Key, Activation>;
  ms: number;
}

export interface HostActivation {
  install: Install;
  label: string;
  windows: Window[];
  /** Show Running Extensions in the last window: what it shows for each (ms), or undefined where there was no row */
  onScreen: Partial<Record<Key, number>>;
  /** rows the running-extensions list had, and how many it rendered */
  listRows: { total?: number; rendered: number };
  ms: number;
}

interface ProbeRow { loadCode: number; callActivate: number; finishActivate: number; event: string; by: string }
interface ProbeResult {
  token: string;
  order: string[];
  error?: string;
  activations?: Array<{ key: string; error?: string }>;
  askedAt?: number;
  activeAt?: number;
  readAt?: number;
  extensionHostPid?: number;
  extensions?: Record<string, { id: string; active: boolean; kind?: number; main?: string; row?: ProbeRow }>;
  marks?: Record<string, { willLoadExtensionCode?: number; didLoadExtensionCode?: number }>;
  table?: string;
}

/** Every order of the three: the host loads one extension's code after another and counts the wait in the next one's
 *  Load Code, so each pair should come in both orders equally often (rotations alone would not). */
const ORDERS: Key[][] = [['light', 'github', 'microsoft'], ['github', 'microsoft', 'light'], ['microsoft', 'light', 'github'],
  ['light', 'microsoft', 'github'], ['microsoft', 'github', 'light'], ['github', 'light', 'microsoft']];
/** The order of the three in window `i` (1, 2, …). */
function orderOf(i: number): Key[] {
  return ORDERS[(i - 1) % ORDERS.length];
}

function manifestOf(dir: string): { publisher: string; name: string; version: string; displayName?: string } {
  return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string; displayName?: string };
}

/** Installs a folder in an extensions dir the way a user has an extension: <publisher>.<name>-<version>. */
function install(from: string, extensionsDir: string): void {
  const m = manifestOf(from);
  fs.cpSync(from, path.join(extensionsDir, `${m.publisher}.${m.name}-${m.version}`), { recursive: true });
}

async function waitForFile(file: string, o: { timeoutMs: number; broken: () => string | undefined }): Promise<string> {
  const end = Date.now() + o.timeoutMs;
  for (;;) {
    if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8');
    const broken = o.broken();
    if (broken) throw new Error(broken);
    if (Date.now() > end) throw new Error(`no probe result after ${o.timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function toWindow(r: ProbeResult, order: Key[], ms: number): Window {
  if (r.error && !r.extensions) throw new Error(`the probe failed: ${r.error}`);
  const failed = (r.activations || []).filter((a) => a.error);
  if (failed.length) throw new Error(`activation failed: ${failed.map((a) => `${a.key}: ${a.error}`).join('; ')}`);
  const activations = {} as Record<Key, Activation>;
  for (const key of KEYS) {
    const e = r.extensions?.[key];
    if (!e?.active || !e.row) throw new Error(`${EXTENSIONS[key]} is ${e?.active ? 'active but not in the activation table' : 'not active'}`);
    const m = r.marks?.[e.id];
    const require = m?.willLoadExtensionCode !== undefined && m.didLoadExtensionCode !== undefined ? m.didLoadExtensionCode - m.willLoadExtensionCode : undefined;
    activations[key] = { ...e.row, require, kind: e.kind, main: e.main,
      startedAfterAsk: m?.willLoadExtensionCode !== undefined && r.askedAt !== undefined ? m.willLoadExtensionCode - r.askedAt : undefined };
  }
  return { order, extensionHostPid: r.extensionHostPid, activations, ms };
}

/** Show Running Extensions, on screen: each row's extension name (aria-label), display name and activation time. */
async function readRunningExtensions(browser: Browser, names: Record<Key, { name: string; displayName?: string }>, timeoutMs = 15000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const rows = await browser.page.$$eval('.runtime-extensions-editor .monaco-list-row', (els) => els.map((e) => ({
      aria: e.getAttribute('aria-label') || '',
      setSize: Number(e.getAttribute('aria-setsize')) || undefined,
      name: e.querySelector('.name')?.textContent?.trim() || '',
      time: e.querySelector('.activation-time')?.textContent?.trim() || '',
    })));
    const onScreen: Partial<Record<Key, number>> = {};
    for (const key of KEYS) {
      const row = rows.find((x) => x.aria === names[key].name || (!!names[key].displayName && x.name === names[key].displayName));
      const m = row && /(\d+)\s*ms/.exec(row.time);
      if (m) onScreen[key] = Number(m[1]);
    }
    if (KEYS.every((k) => onScreen[k] !== undefined) || Date.now() > end) return { onScreen, listRows: { total: rows[0]?.setSize, rendered: rows.length } };
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Activation of Light (the extension folder `extensionDir`: its package.json and dist/) and of the host's GitHub and
 * Microsoft sign-in extensions, in `windows` fresh windows of one code-server.
 */
export async function hostActivation(o: { install: Install; extensionDir: string; windows: number; say?: (line: string) => void }): Promise<HostActivation> {
  const t0 = Date.now();
  const say = o.say || (() => undefined);
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'light-bench-host-'));
  const dirs = homeDirs(stateDir);
  const probeDir = path.join(stateDir, 'probe');
  fs.mkdirSync(probeDir, { recursive: true });
  fs.mkdirSync(dirs.extensions, { recursive: true });
  install(o.extensionDir, dirs.extensions);
  install(PROBE, dirs.extensions);
  const light = manifestOf(o.extensionDir);
  const builtIn = (key: Key) => manifestOf(path.join(codeServerRoot(o.install), 'lib', 'vscode', 'extensions', EXTENSIONS[key].replace(/^vscode\./, '')));
  const names = { light: { name: light.name, displayName: light.displayName }, github: builtIn('github'), microsoft: builtIn('microsoft') };
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  try {
    // Normal mode (no smoke-test driver, nothing in the URL payload): the workbench a person has.
    // Light opens its walkthrough on its first activation, and the windows after it would restore that tab, which
    // activates Light (onWalkthrough) before the probe asks. The setting is machine-scoped: in code-server only the
    // machine's settings turn it off.
    writeMachineSettings(stateDir, { 'workbench.welcomePage.walkthroughs.openOnInstall': false });
    server = await startCodeServer({ stateDir, hostName: o.install.name, env: { LIGHT_BENCH_PROBE_DIR: probeDir }, smokeTestDriver: false });
    const proc = server.proc;
    let exited: string | undefined;
    proc.once('exit', (code, sig) => (exited = `code-server exited (${code ?? sig})`));
    // Tall enough for every row of Show Running Extensions (a virtual list renders only what is on screen).
    browser = await launchBrowser({ profileDir: dirs.profile, viewport: { width: 1280, height: 2400 },
      env: { XDG_DATA_HOME: dirs.xdgData, XDG_CONFIG_HOME: dirs.xdgConfig, XDG_CACHE_HOME: dirs.xdgCache, TMPDIR: dirs.tmp } });
    let crashed: string | undefined;
    browser.page.on('crash', () => (crashed = 'the workbench page crashed'));
    const url = workbenchUrl(server, { folder: dirs.workspace, extensionDevelopmentPath: '' });
    const windows: Window[] = [];
    let onScreen: HostActivation['onScreen'] = {};
    let listRows: HostActivation['listRows'] = { rendered: 0 };
    for (let i = 1; i <= o.windows; i++) {
      const token = `w${i}-${Date.now()}`;
      const order = orderOf(i);
      const last = i === o.windows;
      fs.writeFileSync(path.join(probeDir, 'window.json'), JSON.stringify({ token, order, last }));
      const w0 = Date.now();
      if (i === 1) await browser.page.goto(url, { timeout: WINDOW_TIMEOUT_MS });
      else await browser.page.reload({ timeout: WINDOW_TIMEOUT_MS });
      const text = await waitForFile(path.join(probeDir, `result-${token}.json`), { timeoutMs: WINDOW_TIMEOUT_MS, broken: () => exited || crashed });
      const r = JSON.parse(text) as ProbeResult;
      const w = toWindow(r, order, Date.now() - w0);
      if (w.extensionHostPid !== undefined && windows.some((x) => x.extensionHostPid === w.extensionHostPid)) {
        throw new Error(`window ${i} ran in the extension host of an earlier window (pid ${w.extensionHostPid}), not a fresh one`);
      }
      if (process.env.VERBOSE) say(`  window loaded → probe asked ${(r.askedAt ?? 0) - w0} ms, → all active ${(r.activeAt ?? 0) - w0} ms, → table read ${(r.readAt ?? 0) - w0} ms, → result seen ${Date.now() - w0} ms`);
      const line = KEYS.map((k) => {
        const a = w.activations[k];
        return `${NAMES[k]} ${a.loadCode + a.callActivate} ms${a.by === PROBE_ID ? '' : ` (by ${a.by}, ${a.event})`}`;
      }).join(', ');
      say(`${o.install.name}: window ${i}/${o.windows} (in the order ${order.map((k) => NAMES[k]).join(', ')}): ${line} (${(w.ms / 1000).toFixed(1)} s)`);
      windows.push(w);
      if (last) ({ onScreen, listRows } = await readRunningExtensions(browser, names));
    }
    return { install: o.install, label: hostLabel(o.install), windows, onScreen, listRows, ms: Date.now() - t0 };
  } finally {
    if (browser) await browser.close();
    if (server) await server.stop();
    fs.rmSync(stateDir, { recursive: true, force: true, maxRetries: 3 });
  }
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** The medians over the windows of one host: as Show Running Extensions counts it, and the extension's own work. */
export function summarize(h: HostActivation) {
  const of = (key: Key, f: (a: Activation) => number | undefined) => {
    const xs = h.windows.map((w) => f(w.activations[key])).filter((x): x is number => typeof x === 'number');
    return xs.length === h.windows.length ? median(xs) : undefined;
  };
  const shown = Object.fromEntries(KEYS.map((k) => [k, of(k, (a) => a.loadCode + a.callActivate)])) as Record<Key, number>;
  const own = Object.fromEntries(KEYS.map((k) => [k, of(k, (a) => (a.require === undefined ? undefined : a.require + a.callActivate))])) as Record<Key, number | undefined>;
  const last = h.windows[h.windows.length - 1];
  // Who activated each, and by which event, with how many windows each one did.
  const events = Object.fromEntries(KEYS.map((k) => {
    const count = new Map<string, number>();
    for (const w of h.windows) {
      const a = w.activations[k];
      const what = a.by === PROBE_ID ? `the probe (${a.event})` : `${a.by === EXTENSIONS[k] ? 'VS Code' : a.by} (${a.event})`;
      count.set(what, (count.get(what) || 0) + 1);
    }
    return [k, [...count].map(([what, n]) => (n === h.windows.length ? what : `${what} ×${n}`))];
  })) as Record<Key, string[]>;
  // The same way: each by the probe, in every window.
  const sameWay = KEYS.every((k) => h.windows.every((w) => w.activations[k].by === PROBE_ID));
  // When each began loading, after the probe asked for it (ms; negative: before, the workbench activated it).
  const startedAfterAsk = Object.fromEntries(KEYS.map((k) => [k, of(k, (a) => a.startedAfterAsk)])) as Record<Key, number | undefined>;
  const beforeAsk = KEYS.filter((k) => h.windows.every((w) => (w.activations[k].startedAfterAsk ?? 0) < 0));
  const spread = median(h.windows.map((w) => {
    const s = KEYS.map((k) => w.activations[k].startedAfterAsk).filter((x): x is number => typeof x === 'number');
    return s.length ? Math.max(...s) - Math.min(...s) : NaN;
  }));
  const inNode = KEYS.every((k) => h.windows.every((w) => w.activations[k].kind === 2));
  const screenAgrees = KEYS.every((k) => h.onScreen[k] === last.activations[k].loadCode + last.activations[k].callActivate);
  return { shown, own, events, sameWay, startedAfterAsk, beforeAsk, spread, inNode, screenAgrees };
}
