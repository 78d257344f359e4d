// The walkthrough "Get Started with Light" in a normal-mode VS Code workbench (code-server + chromium) with fresh
// user data, against the Light simulator, each step done the way a person would, with the mouse and the keyboard:
//   a. the walkthrough opens by itself on the first start (Light opens it on its first activation: code-server does
//      not, for an extension it did not install from the Extensions view); five steps, none completed;
//   b. "Choose the environment": "Choose Environment", "Custom…", a URL that is not HTTPS refused, the simulator's
//      URL: light.environment and light.apiUrl are set, and the step shows as completed;
//   c. "Set up the OAuth client": "Show Redirect URIs" names the exact ones for this window (the relay and the local
//      port) and copies them; "Enter Client ID and Secret" (Light: Set OAuth Client Secret) takes the simulator's
//      client ID and secret: the step shows as completed once both are set;
//   d. "Sign in": "Sign in to Light", the browser popup signs in at the simulator and comes back; completed;
//   e. "Explore your company": "Open the Light View" shows the company in the Light view; completed;
//   f. "Use Light from other extensions and chat": "Copy Example" opens the example in an editor and copies it;
//      completed, and so all five are; screenshot .vscode-test/e2e-walkthrough.png;
//   g. the window is reloaded (its editors closed first): the walkthrough does not open again; "Light: Get Started"
//      opens it, every step still completed.
//
// `npm run test:e2e` (with the other specs; builds first), or `npx playwright test -c test/e2e/playwright.config.ts
// walkthrough.spec.ts` after `tsc -p . && node esbuild.js`. One Playwright test per step, in order (a failed step
// skips the rest). Screenshots: .vscode-test/e2e-walkthrough.png, and e2e-walkthrough-failure.png when a step fails
// (with a Playwright trace under .vscode-test/e2e-results/).
// Env: VERBOSE=1 (code-server log and workbench console), HEADFUL=1, KEEP_TEST_STATE=1, TEST_SUMMARY_FILE.
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from '@playwright/test';
import { ActiveEditor } from './pages/editor';
import { LightExplorer } from './pages/explorer';
import { Popups } from './pages/popups';
import { oneLine } from './pages/text';
import { WalkthroughPage } from './pages/walkthrough';
import { CLIENT_ID, CLIENT_SECRET, ROOT, SHOT_DIR, SIGN_IN_COMMAND } from './support/constants';
import { failureReport } from './support/failureReport';
import { findFiles, lines } from './support/files';
import { e2eTest, type E2eRun } from './support/fixtures';
import { checkPopupSignIn } from './support/signIn';
import { assert, check, note, until } from './support/wait';

const SHOTS = {
  done: path.join(SHOT_DIR, 'e2e-walkthrough.png'),
  failure: path.join(SHOT_DIR, 'e2e-walkthrough-failure.png'),
};
const MANIFEST = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  publisher: string;
  name: string;
  displayName: string;
  contributes: { walkthroughs: { id: string; steps: { id: string; completionEvents: string[] }[] }[] };
};
const NLS = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
const WALKTHROUGH = MANIFEST.contributes.walkthroughs[0];
/** How VS Code names the walkthrough: `<publisher>.<name>#<walkthrough id>`. */
const CATEGORY = `${MANIFEST.publisher}.${MANIFEST.name}#${WALKTHROUGH.id}`;
const TITLE = 'Get Started with Light';
const STEPS = ['environment', 'oauthClient', 'signIn', 'explorer', 'otherExtensions'];
const STEP_TITLES = ['Choose the environment', 'Set up the OAuth client', 'Sign in', 'Explore your company', 'Use Light from other extensions and chat'];
/** The tab VS Code gives a walkthrough: "Walkthrough: <the extension's displayName>" (VS Code 1.100), "Welcome" (1.139). */
const DISPLAY_NAME = NLS[MANIFEST.displayName.replace(/^%|%$/g, '')] ?? MANIFEST.displayName;
const TAB = new RegExp(`^(Walkthrough: ${DISPLAY_NAME}|Welcome)$`);
const LOOPBACK_URI = 'http://127.0.0.1:43117/callback';
const COMPANY = 'Northwind Trading';
/** The whole run, startup and shutdown included. */
const BUDGET_MS = 150000;

const test = e2eTest({
  title: 'walkthrough end to end',
  budgetMs: BUDGET_MS,
  tokenTtlSeconds: 600, // the sign-in's token outlives the run: no refresh to watch here
  stateDirPrefix: 'light-vscode-e2e-walkthrough-',
  host: (sim) => ({
    settings: {
      // Fresh user data: no light.environment (production), no light.apiUrl, no client; the walkthrough sets them.
      // Only the relay is given: a code-server window signs in through one, and the simulator has its own.
      'light.oauth.relayUrl': `${sim.url}/relay`,
    },
    env: {},
  }),
});

/** The user settings as the host has them on disk (code-server keeps them on the server). */
function userSettings(run: E2eRun): Record<string, unknown> {
  const file = path.join(run.running.server.dirs.data, 'User', 'settings.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
}

/** The Light logs of the window, one per extension host it started (a reload starts another), oldest first. */
const lightLogs = (run: E2eRun) => findFiles(path.join(run.running.server.dirs.data, 'logs'), 'Light.log');
const walkthroughLines = (file: string | undefined) => lines(file).filter((l) => /Walkthrough: /.test(l)).map((l) => l.replace(/^\S+ \S+ /, ''));

/** What the browser's clipboard holds (the test's context may read it: see beforeAll). */
const clipboard = (page: Page) => page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText());

/** How many editors the window's stored state has (VS Code for the web keeps it in IndexedDB, one database per
 *  workspace, and saves it every few seconds, not on unload: a window reloaded before the save gets back the editors it
 *  had then). */
const storedEditors = (page: Page) => page.evaluate(async () => {
  type Req<T> = { result: T; onsuccess: (() => void) | null; onerror: (() => void) | null };
  type Db = { close(): void; transaction(store: string, mode: string): { objectStore(name: string): { get(key: string): Req<unknown> } } };
  const idb = (globalThis as unknown as { indexedDB: { databases(): Promise<{ name: string }[]>; open(name: string): Req<Db> } }).indexedDB;
  const done = <T>(r: Req<T>) => new Promise<T>((resolve, reject) => ((r.onsuccess = () => resolve(r.result)), (r.onerror = reject)));
  let count = 0;
  for (const { name } of await idb.databases()) {
    if (!/^vscode-web-state-db-/.test(name) || name.endsWith('-global')) continue;
    const db = await done(idb.open(name));
    const value = await done(db.transaction('ItemTable', 'readonly').objectStore('ItemTable').get('memento/workbench.parts.editor'));
    db.close();
    count += (String(value ?? '').match(/\\?"editors\\?":\[\{/g) || []).length;
  }
  return count;
});

/** The labels of the editor tabs open. */
async function tabLabels(page: Page): Promise<string[]> {
  return (await page.locator('#workbench\\.parts\\.editor .tabs-container .tab .monaco-icon-label-container').allInnerTexts()).map(oneLine);
}

test.describe.serial('walkthrough end to end', () => {
  let walkthrough: WalkthroughPage;
  let explorer: LightExplorer;
  let editor: ActiveEditor;
  let popups: Popups;

  test.beforeAll(async ({ run }) => {
    const page = run.wb.page;
    walkthrough = new WalkthroughPage(page, CATEGORY);
    explorer = new LightExplorer(page);
    editor = new ActiveEditor(page);
    popups = new Popups(page.context(), (p) => p === page);
    // "Copy" writes to the browser's clipboard; the test reads it back, as a person would paste it.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(run.running.server.url).origin });
  });

  test.afterEach(async ({ run }, testInfo) => {
    if (testInfo.status !== testInfo.expectedStatus) testInfo.annotations.push({ type: 'failure', description: (await failureReport(run, SHOTS.failure, async () => [
      `walkthrough steps: ${JSON.stringify(await walkthrough.steps().catch(() => []))}`,
      `editor tabs: ${JSON.stringify(await tabLabels(run.wb.page).catch(() => []))}`,
      `simulator counters: ${JSON.stringify(run.sim.control.counters())}`,
    ])).join('\n') });
  });

  /** No error notification, no Light warning, nothing about a session ending, since `from` (ms after the run began). */
  function checkNotifications(run: E2eRun, from: number): void {
    const bad = run.wb.overlays.badNotifications().filter((n) => n.atMs >= from);
    check(!bad.length, `notifications: ${JSON.stringify(bad)}`);
  }

  /** Clicks the button `label` of step `id` (the step opened first), as a person does on the walkthrough's page. */
  async function press(id: string, label: string): Promise<void> {
    await walkthrough.open(id);
    const buttons = await walkthrough.buttons(id);
    assert(buttons.includes(label), `the step "${id}" offers ${JSON.stringify(buttons)}, not "${label}"`);
    await walkthrough.clickButton(id, label);
  }

  /** The step `id` shows as completed, and the steps after it do not yet. */
  async function checkCompleted(id: string): Promise<void> {
    const c0 = Date.now();
    const step = await walkthrough.waitDone(id, 10000);
    const all = await walkthrough.steps();
    note(`"${step.title}" completed (its checkmark: "${step.icon}") ${Date.now() - c0} ms after the last action; completed: ${JSON.stringify(all.filter((s) => s.done).map((s) => s.id))}`);
    const later = all.slice(STEPS.indexOf(id) + 1).filter((s) => s.done);
    check(!later.length, `steps after "${id}" show as completed already: ${JSON.stringify(later)}`);
  }

  test('a. the walkthrough opens by itself on the first start; five steps, none completed', async ({ run }) => {
    const { wb, t0 } = run;
    const status = await wb.statusBar.waitForText(SIGN_IN_COMMAND, `the status bar to show "${SIGN_IN_COMMAND}"`, 60000);
    note(`status bar "${status}" ${Date.now() - t0} ms after start`);
    await walkthrough.waitShown(`the walkthrough "${TITLE}" to open`, 20000);
    note(`the walkthrough shows ${Date.now() - t0} ms after start, titled "${await walkthrough.title()}"; tabs ${JSON.stringify(await tabLabels(wb.page))}`);
    check((await walkthrough.title()) === TITLE, `the walkthrough is titled "${await walkthrough.title()}"`);
    check(TAB.test(await editor.tabLabel()), `the active tab is "${await editor.tabLabel()}", not the walkthrough's`);
    const steps = await walkthrough.steps();
    note(`steps: ${JSON.stringify(steps.map((s) => `${s.title} (${s.done ? 'completed' : 'not completed'}: ${s.icon})`))}`);
    assert(JSON.stringify(steps.map((s) => s.id)) === JSON.stringify(STEPS), `the steps are ${JSON.stringify(steps.map((s) => s.id))}`);
    check(JSON.stringify(steps.map((s) => s.title)) === JSON.stringify(STEP_TITLES), `the steps are titled ${JSON.stringify(steps.map((s) => s.title))}`);
    check(steps.every((s) => !s.done), `completed before anything was done: ${JSON.stringify(steps.filter((s) => s.done))}`);
    check(JSON.stringify(WALKTHROUGH.steps.map((s) => s.id)) === JSON.stringify(STEPS), 'package.json has other steps');
    // Light opened it (VS Code opens a walkthrough by itself only for an install from the Extensions view).
    const said = await until(() => walkthroughLines(lightLogs(run).pop()).find((l) => /opened/.test(l)), 'the Light log to say it opened the walkthrough', 5000);
    note(`Light log: "${said}"`);
    check(/opened "Get Started with Light" on the first activation/.test(said), `the Light log says "${said}"`);
  });

  test('b. "Choose the environment": Custom…, the simulator\'s URL; the settings are set and the step completed', async ({ run }) => {
    const { wb, sim, t0 } = run;
    const from = Date.now() - t0;
    const { quickInput } = wb;
    const before = userSettings(run);
    check(before['light.environment'] === undefined && before['light.apiUrl'] === undefined, `the user settings have an environment already: ${JSON.stringify(before)}`);

    await press('environment', 'Choose Environment');
    await quickInput.waitForTitle('Light environment', 'the pick "Light environment"', 10000);
    const entries = await quickInput.entries();
    note(`pick "Light environment": ${JSON.stringify(entries)}`);
    check(JSON.stringify(entries.map((e) => e.label)) === JSON.stringify(['Production', 'Sandbox', 'Custom…']), `the pick offers ${JSON.stringify(entries.map((e) => e.label))}`);
    check(entries[0]?.description === 'https://api.light.inc · in use', `Production reads ${JSON.stringify(entries[0])}`);
    await quickInput.entry('Custom…').click();

    await quickInput.waitForTitle('Light API URL', 'the input box "Light API URL"', 10000);
    check((await quickInput.inputValue()) === '', `the URL box holds "${await quickInput.inputValue()}"`);
    await quickInput.type('http://light.example.com');
    const refused = await until(async () => {
      const m = await quickInput.message();
      return /https:\/\//.test(m) ? m : undefined;
    }, 'the URL box to refuse a plain http:// URL', 5000);
    note(`"http://light.example.com" typed: "${refused}"`);
    await wb.page.keyboard.press('Control+a');
    await quickInput.type(sim.url);
    await quickInput.submit();
    await quickInput.waitClosed('the URL box to close', 5000);

    const settings = await until(() => {
      const s = userSettings(run);
      return s['light.environment'] === 'custom' && s['light.apiUrl'] === sim.url ? s : undefined;
    }, 'light.environment and light.apiUrl in the user settings', 5000);
    note(`user settings: light.environment ${JSON.stringify(settings['light.environment'])}, light.apiUrl ${JSON.stringify(settings['light.apiUrl'])}`);
    await checkCompleted('environment');
    checkNotifications(run, from);
  });

  test('c. "Set up the OAuth client": the exact redirect URIs, copied; then the client ID and secret; completed', async ({ run }) => {
    const { wb, sim, t0 } = run;
    const from = Date.now() - t0;
    const { dialog, quickInput } = wb;
    const relay = `${sim.url}/relay`;

    await press('oauthClient', 'Show Redirect URIs');
    await dialog.waitOpen('the "Redirect URIs to register with Light" dialog', 10000);
    const shown = await dialog.parts();
    note(`dialog: "${shown.message}" — "${shown.detail}" ${JSON.stringify(shown.buttons)}`);
    assert(shown.message === 'Redirect URIs to register with Light', `the dialog says "${shown.message}"`);
    check(shown.detail.includes(`${relay} ${LOOPBACK_URI}`), `the dialog does not name ${relay} and then ${LOOPBACK_URI}: "${shown.detail}"`);
    check(JSON.stringify([...shown.buttons].sort()) === JSON.stringify(['Cancel', 'Copy Redirect URIs']), `the dialog offers ${JSON.stringify(shown.buttons)}`);
    await dialog.click('Copy Redirect URIs');
    await dialog.waitClosed();
    const copied = await until(async () => ((await clipboard(wb.page)) === `${relay}\n${LOOPBACK_URI}` ? clipboard(wb.page) : undefined), 'the redirect URIs on the clipboard', 5000);
    note(`clipboard: ${JSON.stringify(copied)}`);
    check(!(await walkthrough.stepState('oauthClient'))?.done, 'the step completed before a client was set up');

    // "Light: Set OAuth Client Secret" (light.setClientSecret): with no client ID set, it asks for that first.
    await press('oauthClient', 'Enter Client ID and Secret');
    await quickInput.waitForTitle('Light OAuth client ID', 'the client ID input box', 10000);
    check((await quickInput.inputType()) !== 'password', 'the client ID box hides what is typed');
    await quickInput.type(CLIENT_ID);
    await quickInput.submit();
    await quickInput.waitForTitle('Light OAuth client secret', 'the client secret input box', 10000);
    await until(async () => (await quickInput.inputType()) === 'password', 'the secret box to be a password box', 5000);
    note(`input boxes "Light OAuth client ID", then "${await quickInput.title()}": ${await quickInput.message()}`);
    check(!(await walkthrough.stepState('oauthClient'))?.done, 'the step completed with a client ID and no secret');
    await quickInput.type(CLIENT_SECRET);
    await quickInput.submit();
    await quickInput.waitClosed('the secret box to close');

    await checkCompleted('oauthClient');
    note(`light.oauth.clientId ${JSON.stringify(userSettings(run)['light.oauth.clientId'])}`);
    check(userSettings(run)['light.oauth.clientId'] === CLIENT_ID, 'light.oauth.clientId is not the client ID typed');
    check(sim.control.counters().token.authorization_code === 0, 'a sign-in ran');
    checkNotifications(run, from);
  });

  test('d. "Sign in": the browser popup signs in at Light and comes back; completed', async ({ run }) => {
    const { wb, sim, running, t0 } = run;
    const from = Date.now() - t0;
    await press('signIn', 'Sign in to Light');
    await checkPopupSignIn({ wb, sim, serverUrl: running.server.url, popups, pattern: new RegExp(`^${COMPANY} · \\d+[smh]`) });
    await popups.close();
    await wb.page.bringToFront();
    await checkCompleted('signIn');
    checkNotifications(run, from);
  });

  test('e. "Explore your company": the Light view shows the company; completed', async ({ run }) => {
    const { t0 } = run;
    const from = Date.now() - t0;
    check(!(await explorer.isShown()), 'the Light view is shown already');
    await press('explorer', 'Open the Light View');
    await until(() => explorer.isShown(), 'the Light view to show in the side bar', 10000);
    const top = await until(async () => {
      const rows = await explorer.topLevel();
      return rows.length && rows[0].label === COMPANY ? rows : undefined;
    }, `the Light view to show ${COMPANY}`, 15000);
    note(`the side bar shows "${await explorer.title()}": ${JSON.stringify(top.map((r) => r.label))}`);
    await checkCompleted('explorer');
    checkNotifications(run, from);
  });

  test('f. "Use Light from other extensions and chat": "Copy Example" opens it and copies it; all five steps completed', async ({ run }) => {
    const { wb, t0 } = run;
    const from = Date.now() - t0;
    await press('otherExtensions', 'Copy Example');
    // An untitled editor, which VS Code names after its first line.
    const tab = await until(async () => (await tabLabels(wb.page)).find((t) => /Using Light from another extension/.test(t)), 'the example to open in an editor', 10000);
    const shown = await until(async () => {
      const l = await editor.visibleLines();
      return l.some((x) => x.includes("vscode.authentication.getSession('light'")) ? l : undefined;
    }, 'the example to show', 10000);
    check(!(await editor.isPreview()), 'the example opened as a preview');
    const text = await until(async () => {
      const c = await clipboard(wb.page);
      return c.includes('getApi(1)') ? c : undefined;
    }, 'the example on the clipboard', 5000);
    note(`tab "${tab}", ${shown.length} lines on screen; the clipboard holds ${text.split('\n').length} lines`);
    for (const part of ["vscode.authentication.getSession('light', [], { createIfNone: true })", "getExtension<LightExports>('lightinc.light-vscode')", 'getApi(1).client(session)', '#lightSearch']) {
      check(text.includes(part), `the example does not have ${part}`);
      check(shown.some((l) => l.includes(part)), `the editor does not show ${part}`);
    }

    const tabs = wb.page.locator('#workbench\\.parts\\.editor .tabs-container .tab');
    await tabs.filter({ has: wb.page.locator('.monaco-icon-label-container', { hasText: TAB }) }).first().click();
    await walkthrough.waitShown('the walkthrough to show again', 5000);
    await checkCompleted('otherExtensions');
    const steps = await walkthrough.steps();
    check(steps.length === STEPS.length && steps.every((s) => s.done), `not every step is completed: ${JSON.stringify(steps)}`);
    await wb.page.mouse.move(1100, 700);
    await wb.screenshot(SHOTS.done);
    note(`screenshot ${path.relative(ROOT, SHOTS.done)}`);
    checkNotifications(run, from);
  });

  test('g. reloaded, the window does not open the walkthrough again; "Light: Get Started" opens it, all steps completed', async ({ run }) => {
    const { wb, t0 } = run;
    const from = Date.now() - t0;
    const { dialog } = wb;
    // Closed first, as a person leaves it, so that the reload does not bring the tab back by itself.
    await wb.palette.run('View: Close All Editors');
    await dialog.waitOpen('VS Code to ask about the unsaved example', 10000);
    note(`dialog: "${(await dialog.parts()).message}"`);
    await dialog.click("Don't Save");
    await dialog.waitClosed();
    await until(async () => !(await tabLabels(wb.page)).length, 'the editors to close', 5000);
    await until(async () => (await storedEditors(wb.page)) === 0, 'VS Code to save the window\'s state without the editors', 15000);

    const logs0 = lightLogs(run).length;
    const r0 = Date.now();
    await wb.page.reload();
    const status = await wb.statusBar.waitForText(new RegExp(`^${COMPANY} · `), `the status bar to show ${COMPANY} again`, 60000);
    const said = await until(() => {
      const logs = lightLogs(run);
      return logs.length > logs0 ? walkthroughLines(logs[logs.length - 1]).find((l) => /not opened/.test(l)) : undefined;
    }, 'the new Light log to say the walkthrough was not opened', 15000);
    const tabs = await tabLabels(wb.page);
    note(`reloaded: status bar "${status}" ${Date.now() - r0} ms after the reload; Light log: "${said}"; tabs ${JSON.stringify(tabs)}`);
    check(/the first activation opened it/.test(said), `the Light log says "${said}"`);
    check(!tabs.some((t) => TAB.test(t)) && !(await walkthrough.isShown()), `the walkthrough opened again: tabs ${JSON.stringify(tabs)}`);

    await wb.palette.run('Light: Get Started');
    await walkthrough.waitShown('"Light: Get Started" to open the walkthrough', 10000);
    const steps = await walkthrough.steps();
    note(`"Light: Get Started": ${JSON.stringify(steps.map((s) => `${s.id}: ${s.done ? 'completed' : 'not completed'}`))}`);
    check(steps.length === STEPS.length && steps.every((s) => s.done), `after the reload not every step is completed: ${JSON.stringify(steps)}`);
    checkNotifications(run, from);
  });
});
