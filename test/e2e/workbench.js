// What the end-to-end tests share: waiting, the workbench as a person sees it (status bar, palette, quick input,
// dialogs, notifications), watching the notifications and prompts while a test runs, VS Code's consent dialog and
// account pick, the consumer fixture's installation, the step runner (one line per step, its notes below it), and
// the run around the steps (simulator and host up, time budget, clean-up, the closing `N passed, N failed`).
/* global document, URL */ // document: inside page.evaluate, in the workbench
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { ROOT, startHost, formatSummary } = require('../runners/codeServer');

const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'consumer');
const SIM_HOST = '127.0.0.2'; // code-server rewrites links to 127.0.0.1:P into its /proxy/P/ form; 127.0.0.2 is opened as is
const CLIENT_ID = 'light-vscode-dev';
const CLIENT_SECRET = 'light-vscode-dev-secret';
const CONSUMER_NAME = 'Light Consumer'; // the fixture's displayName, which VS Code names in its prompts
/** VS Code's title of the account pick it shows the consumer. */
const ACCOUNT_PICK_TITLE = `The extension '${CONSUMER_NAME}' wants to access a Light account`;

// Workbench selectors (VS Code 1.100).
const STATUS_ITEMS = '#workbench\\.parts\\.statusbar .statusbar-item';
const LIGHT_ITEM = '[id="lightinc.light-vscode.light.status"]';
const QUICK_INPUT = '.quick-input-widget';
const DIALOG = '.monaco-dialog-box';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns something truthy (returned) or `timeoutMs` passes (throws, naming `what`). */
async function waitFor(check, what, timeoutMs, everyMs = 200) {
  const end = Date.now() + timeoutMs;
  let lastError;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
      lastError = undefined;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > end) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (${lastError.message})` : ''}`);
    }
    await sleep(everyMs);
  }
}

function assert(ok, message) {
  if (!ok) throw new Error(message);
}

const oneLine = (s) => String(s ?? '').replace(/\s+/g, ' ').trim();

function loadSimulator() {
  const file = path.join(ROOT, 'out', 'test', 'simulator', 'index.js');
  if (!fs.existsSync(file)) throw new Error('out/test/simulator/index.js is missing: run `tsc -p .` first');
  if (!fs.existsSync(path.join(ROOT, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run `node esbuild.js` first');
  return require(file);
}

/** What a person sees of the workbench: the Light status bar item, the quick input, a dialog, notifications. */
function workbench(page) {
  const w = {
    /** Text of the Light status bar item ('' while it is not there). */
    async lightStatus() {
      const byId = page.locator(LIGHT_ITEM);
      if (await byId.count()) return oneLine(await byId.first().innerText());
      const texts = await page.locator(STATUS_ITEMS).allInnerTexts();
      return oneLine(texts.find((t) => /Sign in to Light|Signing in to Light|Northwind/.test(t)) || '');
    },
    lightItem() {
      return page.locator(LIGHT_ITEM).first();
    },
    quickInput() {
      return page.locator(QUICK_INPUT).filter({ visible: true });
    },
    async quickInputVisible() {
      return (await w.quickInput().count()) > 0;
    },
    /** Label of the focused row of the visible quick pick. */
    async focusedRowLabel() {
      const row = w.quickInput().locator('.monaco-list-row.focused').first();
      if (!(await row.count())) return undefined;
      return oneLine(await row.locator('.label-name').first().innerText({ timeout: 1000 }).catch(() => ''));
    },
    async rowLabels() {
      const rows = w.quickInput().locator('.monaco-list-row .label-name');
      return (await rows.allInnerTexts()).map(oneLine);
    },
    async quickInputTitle() {
      const title = w.quickInput().locator('.quick-input-title');
      if (!(await title.count())) return '';
      return oneLine(await title.first().innerText({ timeout: 1000 }).catch(() => ''));
    },
    dialog() {
      return page.locator(DIALOG).filter({ visible: true });
    },
    /** The visible dialog's message, detail and button labels. */
    async dialogParts() {
      const d = w.dialog().first();
      const text = async (sel) => ((await d.locator(sel).count()) ? oneLine(await d.locator(sel).first().innerText()) : '');
      return {
        message: await text('.dialog-message-text'),
        detail: await text('.dialog-message-detail'),
        buttons: (await d.locator('.dialog-buttons .monaco-button').allInnerTexts()).map(oneLine),
      };
    },
    /** Opens the command palette (F1), types `label`, checks that the focused entry is exactly `label`, runs it. */
    async runFromPalette(label) {
      if (await w.quickInputVisible()) await page.keyboard.press('Escape');
      await waitFor(async () => {
        if (!(await w.quickInputVisible())) {
          await page.keyboard.press('F1');
          await sleep(300);
        }
        return w.quickInputVisible();
      }, 'the command palette to open (F1)', 10000, 200);
      const input = w.quickInput().locator('input.input').first();
      await waitFor(async () => (await input.inputValue()).startsWith('>'), 'the palette to be in command mode', 5000);
      await page.keyboard.type(label, { delay: 15 });
      const focused = await waitFor(async () => {
        const l = await w.focusedRowLabel();
        return l === label ? l : undefined;
      }, `the palette to offer "${label}"`, 10000).catch(async (e) => {
        throw new Error(`${e.message}; the palette shows ${JSON.stringify(await w.rowLabels())}`);
      });
      const labels = await w.rowLabels();
      await page.keyboard.press('Enter');
      await waitFor(async () => !(await w.quickInputVisible()) || (await w.focusedRowLabel()) !== label, 'the palette to close', 5000);
      return { focused, labels };
    },
    /** Opens the Accounts menu of the activity bar, returns its entries, and closes it. */
    async accountsMenu() {
      const button = page.locator('#workbench\\.parts\\.activitybar .action-item').filter({ has: page.locator('[aria-label^="Accounts"]') }).first();
      await button.click();
      const items = page.locator('.monaco-menu .action-item .action-label').filter({ visible: true });
      await waitFor(async () => (await items.count()) > 0, 'the Accounts menu', 5000);
      const labels = (await items.allInnerTexts()).map(oneLine);
      await page.keyboard.press('Escape');
      await waitFor(async () => !(await items.count()), 'the Accounts menu to close', 5000);
      return labels;
    },
    /**
     * What the workbench shows besides the editor: every notification (toasts and notification center) with its
     * severity, and the text of a visible dialog or quick input.
     */
    async overlays() {
      return page.evaluate(() => {
        const text = (el) => (el ? el.textContent || '' : '').replace(/\s+/g, ' ').trim();
        const shown = (el) => el.getClientRects().length > 0;
        const notifications = [...document.querySelectorAll('.notifications-toasts .notification-list-item, .notifications-center .notification-list-item')].map((el) => {
          const icon = el.querySelector('.notification-list-item-icon');
          const cls = icon ? icon.className : '';
          const severity = /codicon-error/.test(cls) ? 'error' : /codicon-warning/.test(cls) ? 'warning' : 'info';
          return { severity, text: text(el.querySelector('.notification-list-item-message') || el) };
        });
        const prompts = [
          ...[...document.querySelectorAll('.monaco-dialog-box')].filter(shown).map((el) => `dialog: ${text(el)}`),
          ...[...document.querySelectorAll('.quick-input-widget')].filter(shown).map((el) => {
            const input = el.querySelector('input.input');
            return `quick input: ${text(el.querySelector('.quick-input-title')) || (input && (input.getAttribute('placeholder') || input.value)) || ''}`;
          }),
        ];
        return { notifications, prompts };
      });
    },
  };
  return w;
}

/** Files named `name` under `dir`, newest last. */
function findFiles(dir, name) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => path.basename(f) === name)
    .map((f) => path.join(dir, f))
    .sort((a, b) => fs.statSync(a).mtimeMs - fs.statSync(b).mtimeMs);
}

/**
 * Installs the consumer the way a user has other extensions: a folder in the extensions dir of the host whose home
 * is `stateDir`, which the server lists in extensions.json on its first start. (Only one extensionDevelopmentPath
 * reaches code-server: the web workbench reads the URL payload into a Map, so a second one would replace ours.)
 * Returns that extensions dir (startCodeServer's --extensions-dir for this stateDir).
 */
function installConsumer(stateDir) {
  const extensionsDir = path.join(stateDir, 'extensions');
  const manifest = JSON.parse(fs.readFileSync(path.join(FIXTURE, 'package.json'), 'utf8'));
  fs.cpSync(FIXTURE, path.join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`), { recursive: true });
  return extensionsDir;
}

/** The pages the sign-in opens in the browser `context` (any page that `isWindow` says is not a workbench window)
 *  and where they navigate (`navigations`: origin and path only, the query carries the authorization code).
 *  `close()` closes them. */
function watchPopups(context, isWindow) {
  const pages = [];
  const navigations = [];
  context.on('page', (p) => pages.push(p));
  context.on('request', (req) => {
    if (!req.isNavigationRequest()) return;
    let fromWindow = false;
    try {
      fromWindow = isWindow(req.frame().page());
    } catch {
      // a popup's first navigations come before its page exists: they have no frame yet
    }
    if (fromWindow) return;
    const u = new URL(req.url());
    navigations.push(`${u.origin}${u.pathname}`);
  });
  const close = async () => {
    for (const p of pages) if (!isWindow(p) && !p.isClosed()) await p.close().catch(() => {});
  };
  return { navigations, close };
}

/**
 * The first sign-in, once its secret is entered: waits for the status bar of `wb` to match `pattern`, then checks
 * that the simulator `sim` saw an authorize request of CLIENT_ID with the relay as its redirect URI and granted one
 * authorization code, and that the popup (`navigations`, from watchPopups) went to Light's authorize page, through
 * the relay, and back to code-server's /callback (`serverUrl`). Notes go to `notes`.
 */
async function checkPopupSignIn({ wb, sim, serverUrl, navigations, pattern, notes }) {
  const s0 = Date.now();
  const status = await waitFor(async () => {
    const s = await wb.lightStatus();
    return pattern.test(s) ? s : undefined;
  }, 'the status bar to show "Northwind Trading · …s left"', 30000, 150);
  notes.push(`status bar "${status}" ${Date.now() - s0} ms after the secret was entered`);
  const authorize = sim.control.lastAuthorize();
  assert(authorize, 'the simulator saw no authorize request');
  assert(authorize.client_id === CLIENT_ID, `authorize client_id ${authorize.client_id}`);
  assert(authorize.redirect_uri === `${sim.url}/relay`, `authorize redirect_uri ${authorize.redirect_uri}`);
  assert(sim.control.counters().token.authorization_code === 1, `token requests: ${JSON.stringify(sim.control.counters().token)}`);
  const navs = navigations;
  assert(navs.some((n) => n === `${sim.url}/oauth/authorize`), `no popup opened ${sim.url}/oauth/authorize (popups went to ${JSON.stringify(navs)})`);
  assert(navs.some((n) => n === `${sim.url}/relay`), `no popup went through the relay (${JSON.stringify(navs)})`);
  assert(navs.some((n) => n.startsWith(serverUrl.replace(/\/$/, '')) && /\/callback$/.test(n)), `no popup came back to code-server (${JSON.stringify(navs)})`);
  notes.push(`popup went ${navs.join(' → ')}`);
}

/**
 * Every notification that shows up in the window of `wb` while the test runs (`seen`, by severity and text, with
 * when it was first seen, in ms since `t0`), and when a dialog or quick input was on screen (`prompts`).
 * `badNotifications()`: errors, Light's warnings, and anything that says the session ended. `stop()` ends the watch.
 */
function watchOverlays(wb, t0) {
  const seen = new Map();
  const prompts = [];
  let watching = true;
  const loop = (async () => {
    while (watching) {
      try {
        const o = await wb.overlays();
        const atMs = Date.now() - t0;
        for (const n of o.notifications) {
          const key = `${n.severity}: ${n.text}`;
          if (!seen.has(key)) seen.set(key, { ...n, atMs });
        }
        for (const text of o.prompts) prompts.push({ atMs, text });
      } catch {
        // the page is navigating or closing
      }
      await sleep(250);
    }
  })();
  const badNotifications = () =>
    [...seen.values()].filter((n) => n.severity === 'error' || (n.severity === 'warning' && /Light/.test(n.text)) || /session\b.*\bended|sign in again/i.test(n.text));
  return {
    seen,
    prompts,
    badNotifications,
    stop: async () => {
      watching = false;
      await loop;
    },
  };
}

/** VS Code's consent dialog for the consumer (`consent`, from dialogParts): check its words, click Allow, then pick
 *  the one Northwind account (Light supports several accounts, so VS Code asks which one). Notes go to `notes`. */
async function allowAndPickNorthwind(wb, consent, notes) {
  const said = consent.message || consent.detail; // a dialog without detail shows its message in the detail's place
  notes.push(`dialog: "${said}" ${JSON.stringify(consent.buttons)}`);
  const expected = `The extension '${CONSUMER_NAME}' wants to sign in using Light.`;
  assert(said === expected, `the dialog says "${said}", not "${expected}"`);
  assert(consent.buttons.includes('Allow'), `the dialog has no "Allow" button: ${JSON.stringify(consent.buttons)}`);
  await wb.dialog().first().getByRole('button', { name: 'Allow', exact: true }).click();
  await waitFor(async () => (await wb.quickInputTitle()) === ACCOUNT_PICK_TITLE, `the account pick "${ACCOUNT_PICK_TITLE}"`, 10000);
  await pickNorthwind(wb, notes);
}

/** In VS Code's account pick for the consumer, clicks the one Northwind account. */
async function pickNorthwind(wb, notes) {
  const labels = await wb.rowLabels();
  notes.push(`account pick: ${JSON.stringify(labels)}`);
  const northwind = labels.filter((l) => /^Northwind Trading \(/.test(l));
  assert(northwind.length === 1, `the pick offers ${northwind.length} Northwind accounts: ${JSON.stringify(labels)}`);
  await wb.quickInput().locator('.monaco-list-row').filter({ hasText: 'Northwind Trading' }).first().click();
}

/**
 * Runs `steps` ({title, fn, always}) in order, one line each (✓ or ✗, its time, then the notes it left in
 * `ctx.notes` and the error). After the first failed step, `onFailure()` runs and the rest are reported as not run,
 * except those marked `always` (a closing report of what was measured). Every step's outcome goes to `results`
 * ({title, ok}: true, false, or undefined when not run). Returns the first failed step's letter, if any.
 */
async function runSteps(steps, { ctx, say, results, onFailure }) {
  let broken;
  for (const s of steps) {
    if (broken && !s.always) {
      say(`    - ${s.title} (not run: ${broken} failed)`);
      results.push({ title: s.title, ok: undefined });
      continue;
    }
    const s0 = Date.now();
    ctx.notes = [];
    ctx.current = s.title;
    try {
      await s.fn();
      results.push({ title: s.title, ok: true });
      say(`    ✓ ${s.title} (${Date.now() - s0} ms)`);
      for (const n of ctx.notes) say(`        ${n}`);
    } catch (e) {
      results.push({ title: s.title, ok: false });
      say(`    ✗ ${s.title} (${Date.now() - s0} ms)`);
      for (const n of ctx.notes) say(`        ${n}`);
      say(`        ${e.message.split('\n').join('\n        ')}`);
      if (!broken) {
        broken = s.title.slice(0, 2);
        await onFailure();
      }
    }
  }
  return broken;
}

/**
 * One end-to-end run, from start to exit. Starts the Light simulator (on SIM_HOST, `autoApprove`, tokens of
 * `tokenTtlSeconds`) and a normal-mode host on a temp dir (`stateDirPrefix`) with the consumer installed and the
 * `settings` and `env` that `host(sim, stateDir)` returns; prints `title` and what runs where (`more` after it). If
 * that fails the run ends with code 2. Then `define(run)` adds the steps with `run.step(title, fn, { always })`,
 * and may set `run.onFailure` (what to print after the first failed step, or when the `budgetMs` of the whole run
 * are spent) and add to `run.stops` (what to stop before the host). `run` also has `t0`, `say`, `ctx` (the steps'
 * notes), `sim`, `running` (startHost's) and `stateDir`. After the steps: the time in all, {passed, failed,
 * skipped, code} in TEST_SUMMARY_FILE if set, `N passed, N failed`, and the exit code (0 only if all passed).
 */
function runE2e(o) {
  const say = (s) => process.stdout.write(`${s}\n`);
  const results = [];
  const run = { t0: Date.now(), say, ctx: { notes: [] }, steps: [], stops: [], onFailure: async () => {} };
  run.step = (title, fn, options) => run.steps.push({ title, fn, ...options });
  let budgetTimer;
  const cleanup = async () => {
    clearTimeout(budgetTimer);
    for (const stop of run.stops) await stop().catch(() => {});
    if (run.running) await run.running.stop().catch(() => {});
    if (run.sim) await run.sim.stop().catch(() => {});
    if (run.stateDir) {
      if (process.env.KEEP_TEST_STATE) say(`[e2e] host state kept in ${run.stateDir}`);
      else fs.rmSync(run.stateDir, { recursive: true, force: true, maxRetries: 3 });
    }
  };
  let finishing = false;
  const finish = async (code) => {
    if (finishing) return;
    finishing = true;
    const counts = {
      passed: results.filter((r) => r.ok).length,
      failed: results.filter((r) => r.ok === false).length,
      skipped: results.filter((r) => r.ok === undefined).length,
    };
    await cleanup();
    if (counts.failed && !code) code = 1;
    say(`[e2e] ${((Date.now() - run.t0) / 1000).toFixed(1)} s in all`);
    if (process.env.TEST_SUMMARY_FILE) fs.writeFileSync(process.env.TEST_SUMMARY_FILE, JSON.stringify({ ...counts, code }) + '\n');
    say(formatSummary(counts));
    process.exit(code);
  };
  process.once('SIGINT', () => finish(130));
  process.once('SIGTERM', () => finish(143));

  const main = async () => {
    try {
      const simulator = loadSimulator();
      run.sim = await simulator.startSimulator({ host: SIM_HOST, autoApprove: true, accessTokenTtlSeconds: o.tokenTtlSeconds, controlEndpoint: true });
      run.stateDir = fs.mkdtempSync(path.join(os.tmpdir(), o.stateDirPrefix));
      const { settings, env } = o.host(run.sim, run.stateDir);
      const extensionsDir = installConsumer(run.stateDir); // an installed extension, as a user has others
      const h0 = Date.now();
      run.running = await startHost({
        stateDir: run.stateDir,
        settings,
        env,
        extensionDevelopmentPath: ROOT, // normal mode: no extensionTestsPath, so VS Code shows its dialogs
        headless: !process.env.HEADFUL,
        verbose: !!process.env.VERBOSE,
      });
      say(`\n  ${o.title} (code-server ${run.running.server.version} on ${run.running.server.url}, Light simulator on ${run.sim.url}, ` +
        `${o.tokenTtlSeconds}-second access tokens${o.more ? `, ${o.more}` : ''})`);
      if (path.resolve(run.running.server.dirs.extensions) !== path.resolve(extensionsDir)) {
        throw new Error(`code-server uses ${run.running.server.dirs.extensions} for extensions, not ${extensionsDir}`);
      }
      say(`    [host up in ${Date.now() - h0} ms]`);
    } catch (e) {
      say(`[e2e] could not start: ${e.stack || e.message}`);
      results.push({ ok: false });
      return finish(2);
    }
    budgetTimer = setTimeout(async () => {
      say(`[e2e] over the ${o.budgetMs / 1000} s budget${run.ctx.current ? ` in "${run.ctx.current}"` : ''}: stopping`);
      await run.onFailure();
      results.push({ ok: false });
      await finish(1);
    }, o.budgetMs - (Date.now() - run.t0));
    o.define(run);
    const broken = await runSteps(run.steps, { ctx: run.ctx, say, results, onFailure: () => run.onFailure() });
    await finish(broken ? 1 : 0);
  };
  main().catch((e) => {
    say(`[e2e] ${e.stack || e.message}\n0 passed, 1 failed`);
    process.exit(1);
  });
}

module.exports = {
  FIXTURE,
  SIM_HOST,
  CLIENT_ID,
  CLIENT_SECRET,
  CONSUMER_NAME,
  ACCOUNT_PICK_TITLE,
  sleep,
  waitFor,
  assert,
  oneLine,
  loadSimulator,
  workbench,
  findFiles,
  installConsumer,
  watchPopups,
  checkPopupSignIn,
  watchOverlays,
  allowAndPickNorthwind,
  pickNorthwind,
  runSteps,
  runE2e,
};
