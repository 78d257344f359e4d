// End to end in a normal-mode VS Code workbench (code-server + chromium), driven with the keyboard and the mouse the
// way a person would. What the in-host suite cannot show (VS Code refuses dialogs while extension tests run):
//   a. the command palette runs "Sign in to Light";
//   b. with no OAuth client configured, the first-run guide (a modal) names the redirect URI to register and takes
//      the client ID and the secret;
//   c. the browser popup goes to Light's authorize page and comes back through code-server; the status bar shows
//      the company and the time left;
//   d. another extension (test/fixtures/consumer) asks for the session with createIfNone: VS Code asks the user,
//      who clicks "Allow" and picks the account;
//   e. that extension keeps using the session for 30 s while 5-second access tokens are refreshed behind it:
//      no failed call, several tokens, no "session ended" or error notification;
//   f. it asks with forceNewSession: VS Code asks the user to sign in again, Light runs a real sign-in (the popup
//      again), the extension gets a new token, and VS Code still lists one Light account;
//   g. it asks with clearSessionPreference (and createIfNone): VS Code asks for consent and then which account,
//      although the same call without it is answered from the preference without asking;
//   h. sign-out from the status bar menu.
//
// `npm run test:e2e` (builds first) or `node test/e2e/workbench.e2e.js` after `tsc -p . && node esbuild.js`.
// Prints one line per step and ends with `N passed, N failed`; exit code 0 only if every step passed.
// Screenshots: .vscode-test/e2e-signed-in.png, e2e-signed-out.png, and e2e-failure.png when a step fails.
// Env: LIGHT_E2E_SECONDS (how long the consumer uses the session, default 30), VERBOSE=1 (code-server log and
// workbench console), HEADFUL=1 (a visible chromium, where there is a display), KEEP_TEST_STATE=1 (keep the host's
// temp dir), TEST_SUMMARY_FILE (write {passed, failed, skipped, code} there as JSON, for scripts/test.js).
/* global URL */
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { ROOT, startHost, formatSummary } = require('../runners/codeServer');
const {
  SIM_HOST, CLIENT_ID, CLIENT_SECRET, CONSUMER_NAME,
  sleep, waitFor, assert, oneLine, loadSimulator, workbench, findFiles, installConsumer, watchOverlays, allowAndPickNorthwind: allowAndPick, runSteps,
} = require('./workbench');

const SHOT_DIR = path.join(ROOT, '.vscode-test');
const SHOTS = {
  signedIn: path.join(SHOT_DIR, 'e2e-signed-in.png'),
  signedOut: path.join(SHOT_DIR, 'e2e-signed-out.png'),
  failure: path.join(SHOT_DIR, 'e2e-failure.png'),
};
const TOKEN_TTL_SECONDS = 5;
const CONSUMER_SECONDS = Number(process.env.LIGHT_E2E_SECONDS || 30);
const SIGN_IN_COMMAND = 'Sign in to Light';
const CONSUMER_COMMAND = 'Light Consumer: Use Light Session';
const SIGN_IN_AGAIN_COMMAND = 'Light Consumer: Sign In Again';
const CHOOSE_AGAIN_COMMAND = 'Light Consumer: Choose Account Again';
const NEW_SESSION_DETAIL = 'Testing a new session'; // what the consumer passes as forceNewSession.detail
/** The whole run, startup and shutdown included. */
const BUDGET_MS = 120000;
const VERBOSE = !!process.env.VERBOSE;

async function main() {
  const t0 = Date.now();
  const results = [];
  const say = (s) => process.stdout.write(`${s}\n`);
  let running;
  let sim;
  let stateDir;
  let budgetTimer;
  const cleanup = async () => {
    clearTimeout(budgetTimer);
    if (running) await running.stop().catch(() => {});
    if (sim) await sim.stop().catch(() => {});
    if (stateDir) {
      if (process.env.KEEP_TEST_STATE) say(`[e2e] host state kept in ${stateDir}`);
      else fs.rmSync(stateDir, { recursive: true, force: true, maxRetries: 3 });
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
    say(`[e2e] ${((Date.now() - t0) / 1000).toFixed(1)} s in all`);
    if (process.env.TEST_SUMMARY_FILE) fs.writeFileSync(process.env.TEST_SUMMARY_FILE, JSON.stringify({ ...counts, code }) + '\n');
    say(formatSummary(counts));
    process.exit(code);
  };
  process.once('SIGINT', () => finish(130));
  process.once('SIGTERM', () => finish(143));

  const steps = [];
  const step = (title, fn) => steps.push({ title, fn });
  const ctx = { notes: [] };

  try {
    const simulator = loadSimulator();
    sim = await simulator.startSimulator({ host: SIM_HOST, autoApprove: true, accessTokenTtlSeconds: TOKEN_TTL_SECONDS, controlEndpoint: true });
    stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'light-vscode-e2e-'));
    ctx.outFile = path.join(stateDir, 'consumer-summary.json');
    const settings = {
      'light.environment': 'custom',
      'light.apiUrl': sim.url,
      'light.oauth.relayUrl': `${sim.url}/relay`,
      // No light.oauth.clientId: the first sign-in shows the guide that asks for the client.
    };
    const extensionsDir = installConsumer(stateDir); // an installed extension, as a user has others
    const h0 = Date.now();
    running = await startHost({
      stateDir,
      settings,
      env: { LIGHT_E2E_OUT: ctx.outFile, LIGHT_E2E_SECONDS: String(CONSUMER_SECONDS) },
      extensionDevelopmentPath: ROOT, // normal mode: no extensionTestsPath, so VS Code shows its dialogs
      headless: !process.env.HEADFUL,
      verbose: VERBOSE,
    });
    say(`\n  workbench end to end (code-server ${running.server.version} on ${running.server.url}, Light simulator on ${sim.url}, ` +
      `${TOKEN_TTL_SECONDS}-second access tokens)`);
    if (path.resolve(running.server.dirs.extensions) !== path.resolve(extensionsDir)) {
      throw new Error(`code-server uses ${running.server.dirs.extensions} for extensions, not ${extensionsDir}`);
    }
    say(`    [host up in ${Date.now() - h0} ms]`);
  } catch (e) {
    say(`[e2e] could not start: ${e.stack || e.message}`);
    results.push({ ok: false });
    return finish(2);
  }
  budgetTimer = setTimeout(async () => {
    say(`[e2e] over the ${BUDGET_MS / 1000} s budget${ctx.current ? ` in "${ctx.current}"` : ''}: stopping`);
    await dumpFailure();
    results.push({ ok: false });
    await finish(1);
  }, BUDGET_MS - (Date.now() - t0));

  const page = running.page;
  page.setDefaultTimeout(5000); // Playwright's own waits (click, innerText) stay well inside each step's
  const context = page.context();
  const wb = workbench(page);

  // Where the pages the sign-in opens navigate (origin and path only: the query carries the authorization code).
  const popups = [];
  const popupNavigations = [];
  context.on('page', (p) => popups.push(p));
  context.on('request', (req) => {
    if (!req.isNavigationRequest()) return;
    let fromWorkbench = false;
    try {
      fromWorkbench = req.frame().page() === page;
    } catch {
      // a popup's first navigations come before its page exists: they have no frame yet
    }
    if (fromWorkbench) return;
    const u = new URL(req.url());
    popupNavigations.push(`${u.origin}${u.pathname}`);
  });

  // Every notification that shows up while the test runs, and when a dialog or quick input was on screen.
  const overlays = watchOverlays(wb, t0);
  const { seen, prompts, badNotifications } = overlays;

  async function dumpFailure() {
    try {
      await page.screenshot({ path: SHOTS.failure });
      say(`    screenshot: ${path.relative(ROOT, SHOTS.failure)}`);
    } catch (e) {
      say(`    screenshot failed: ${e.message}`);
    }
    const errors = running.browser.errors;
    say(`    workbench console errors (${errors.length}):`);
    for (const e of errors.slice(-40)) say(`      ${oneLine(e).slice(0, 400)}`);
    say(`    notifications seen: ${JSON.stringify([...seen.values()])}`);
    say(`    dialogs and quick inputs seen: ${JSON.stringify([...new Set(prompts.map((p) => p.text.slice(0, 160)))])}`);
    const log = findFiles(path.join(running.server.dirs.data, 'logs'), 'Light.log').pop();
    if (log) {
      say('    Light log (last 40 lines):');
      for (const line of fs.readFileSync(log, 'utf8').trim().split('\n').slice(-40)) say(`      ${line}`);
    }
    if (fs.existsSync(ctx.outFile)) say(`    consumer summary: ${fs.readFileSync(ctx.outFile, 'utf8').trim()}`);
  }

  // ---- the steps -------------------------------------------------------------------------------------------

  const allowAndPickNorthwind = (consent) => allowAndPick(wb, consent, ctx.notes);

  step(`a. runs "${SIGN_IN_COMMAND}" from the command palette`, async () => {
    const status = await waitFor(async () => {
      const s = await wb.lightStatus();
      return s === SIGN_IN_COMMAND ? s : undefined;
    }, `the status bar to show "${SIGN_IN_COMMAND}"`, 60000, 250);
    ctx.notes.push(`status bar "${status}" ${Date.now() - t0} ms after start`);
    await sleep(500); // let the workbench finish restoring its parts before the keyboard is used
    const { labels } = await wb.runFromPalette(SIGN_IN_COMMAND);
    ctx.notes.push(`palette entries for it: ${JSON.stringify(labels)}`);
  });

  step('b. the first-run guide names the redirect URI and takes the client ID and secret', async () => {
    const dialog = wb.dialog();
    await waitFor(async () => (await dialog.count()) > 0, 'the "Light needs an OAuth client" dialog', 15000);
    const guide = await wb.dialogParts();
    ctx.notes.push(`dialog: "${guide.message}" — "${guide.detail}" ${JSON.stringify(guide.buttons)}`);
    assert(guide.message === 'Light needs an OAuth client for VS Code', `the dialog says "${guide.message}"`);
    assert(guide.detail.includes(`${sim.url}/relay`), `the dialog does not name the redirect URI ${sim.url}/relay: ${guide.detail}`);
    await dialog.first().getByRole('button', { name: 'Enter Client ID and Secret', exact: true }).click();
    await waitFor(async () => (await dialog.count()) === 0, 'the dialog to close', 5000);

    await waitFor(async () => (await wb.quickInputTitle()) === 'Light OAuth client (1/2)', 'the client ID input box', 10000);
    const first = wb.quickInput().locator('input.input').first();
    assert((await first.getAttribute('type')) !== 'password', 'the client ID box hides what is typed');
    await page.keyboard.type(CLIENT_ID, { delay: 10 });
    await page.keyboard.press('Enter');

    await waitFor(async () => (await wb.quickInputTitle()) === 'Light OAuth client (2/2)', 'the client secret input box', 10000);
    const secretBox = wb.quickInput().locator('input.input').first();
    await waitFor(async () => (await secretBox.getAttribute('type')) === 'password', 'the secret box to be a password box', 5000);
    await page.keyboard.type(CLIENT_SECRET, { delay: 10 });
    await page.keyboard.press('Enter');
    await waitFor(async () => !(await wb.quickInputVisible()), 'the input box to close', 5000);
  });

  step('c. the browser popup signs in at Light and comes back; the status bar shows the company and the time left', async () => {
    const s0 = Date.now();
    const status = await waitFor(async () => {
      const s = await wb.lightStatus();
      return /Northwind Trading · \d+s left/.test(s) ? s : undefined;
    }, 'the status bar to show "Northwind Trading · …s left"', 30000, 150);
    ctx.notes.push(`status bar "${status}" ${Date.now() - s0} ms after the secret was entered`);
    const authorize = sim.control.lastAuthorize();
    assert(authorize, 'the simulator saw no authorize request');
    assert(authorize.client_id === CLIENT_ID, `authorize client_id ${authorize.client_id}`);
    assert(authorize.redirect_uri === `${sim.url}/relay`, `authorize redirect_uri ${authorize.redirect_uri}`);
    assert(sim.control.counters().token.authorization_code === 1, `token requests: ${JSON.stringify(sim.control.counters().token)}`);
    const navs = popupNavigations;
    assert(navs.some((n) => n === `${sim.url}/oauth/authorize`), `no popup opened ${sim.url}/oauth/authorize (popups went to ${JSON.stringify(navs)})`);
    assert(navs.some((n) => n === `${sim.url}/relay`), `no popup went through the relay (${JSON.stringify(navs)})`);
    assert(navs.some((n) => n.startsWith(running.server.url.replace(/\/$/, '')) && /\/callback$/.test(n)), `no popup came back to code-server (${JSON.stringify(navs)})`);
    ctx.notes.push(`popup went ${navs.join(' → ')}`);
    for (const p of popups) if (!p.isClosed()) await p.close().catch(() => {});
    await page.bringToFront();
    await waitFor(async () => [...seen.values()].some((n) => /^Signed in to Light as Northwind Trading/.test(n.text)), 'the "Signed in" notification', 5000, 100);
    await sleep(600); // the toast slides in
    await page.screenshot({ path: SHOTS.signedIn });
    ctx.notes.push(`screenshot ${path.relative(ROOT, SHOTS.signedIn)}`);
  });

  step(`d. "${CONSUMER_COMMAND}": VS Code asks, the user allows, the other extension gets the session`, async () => {
    await wb.runFromPalette(CONSUMER_COMMAND);
    const dialog = wb.dialog();
    await waitFor(async () => (await dialog.count()) > 0, 'VS Code to ask whether the extension may sign in', 15000);
    await allowAndPickNorthwind(await wb.dialogParts());
    const summary = await waitFor(async () => {
      const s = JSON.parse(fs.readFileSync(ctx.outFile, 'utf8'));
      return s.state !== 'starting' ? s : undefined;
    }, 'the consumer to report that it has the session', 15000);
    assert(!summary.error, summary.error);
    assert(/^Northwind Trading \(/.test(summary.account || ''), `the consumer got the account "${summary.account}"`);
    ctx.notes.push(`the consumer has "${summary.account}" ${summary.consentMs} ms after its getSession(createIfNone)`);
    await waitFor(async () => !(await wb.quickInputVisible()) && !(await dialog.count()), 'the account pick to close', 5000);
  });

  step(`e. the other extension keeps a working session for ${CONSUMER_SECONDS} s of ${TOKEN_TTL_SECONDS}-second tokens, with no UI`, async () => {
    const from = Date.now() - t0 + 500; // a look at the overlays that began before this step may end after it began
    const summary = await waitFor(async () => {
      const s = JSON.parse(fs.readFileSync(ctx.outFile, 'utf8'));
      return s.state === 'done' ? s : undefined;
    }, 'the consumer summary', CONSUMER_SECONDS * 1000 + 20000, 500);
    const counters = sim.control.counters();
    ctx.notes.push(`consumer: ${summary.calls} calls, ${summary.failures} failures, statuses ${JSON.stringify(summary.statuses)}, ` +
      `${summary.distinctTokens} distinct tokens (${summary.tokenChanges} changes), least time left on a token handed out ` +
      `${summary.minSecondsLeft} s, company "${summary.company}", in ${summary.durationMs} ms`);
    ctx.notes.push(`simulator: token grants ${JSON.stringify(counters.token)}, API calls ${counters.api}`);
    // Every check, so that one failing run says everything that went wrong.
    const problems = [];
    const check = (ok, message) => ok || problems.push(message);
    check(!summary.error, summary.error);
    check(summary.failures === 0, `${summary.failures} failed calls: ${JSON.stringify(summary.failureDetails)}`);
    const minCalls = Math.floor(((CONSUMER_SECONDS * 1000) / 500) * (5 / 6)); // 50 for 30 s
    check(summary.calls >= minCalls, `${summary.calls} calls, expected ≥ ${minCalls}`);
    const minTokens = Math.max(2, Math.floor(CONSUMER_SECONDS / 7.5)); // 4 for 30 s
    check(summary.distinctTokens >= minTokens, `${summary.distinctTokens} distinct tokens, expected ≥ ${minTokens}`);
    check(summary.company === 'Northwind Trading', `company "${summary.company}"`);
    check(/^Northwind Trading \(/.test(summary.account || ''), `account "${summary.account}"`);
    check(counters.token.refresh_token >= minTokens, `${counters.token.refresh_token} refresh_token grants, expected ≥ ${minTokens}`);
    check(counters.token.authorization_code === 1, `${counters.token.authorization_code} authorization_code grants (a second sign-in?)`);

    // Still signed in: a refused refresh (invalid_grant) would have ended the session.
    const status = await wb.lightStatus();
    check(/Northwind Trading/.test(status) && !/Sign in to Light/.test(status), `the status bar shows "${status}"`);
    const log = findFiles(path.join(running.server.dirs.data, 'logs'), 'Light.log').pop();
    const text = log ? fs.readFileSync(log, 'utf8') : '';
    check(log, 'no Light.log in the host logs');
    const ended = text.split('\n').filter((l) => /ended the session|invalid_grant/.test(l));
    check(!ended.length, `the log says the session ended: ${ended.join(' | ')}`);
    const refreshed = (text.match(/Refreshed the Light session/g) || []).length;
    const retried = text.split('\n').filter((l) => /Refreshing .* failed/.test(l)).length;
    ctx.notes.push(`Light log: ${refreshed} refreshes, ${retried} failed refresh attempts`);

    await sleep(300); // one more look at the notifications
    const bad = badNotifications();
    check(!bad.length, `notifications: ${JSON.stringify(bad)}`);
    const asked = [...new Set(prompts.filter((p) => p.atMs >= from).map((p) => p.text))];
    check(!asked.length, `the workbench asked the user something while the tokens were refreshed: ${JSON.stringify(asked)}`);
    ctx.notes.push(`notifications seen: ${JSON.stringify([...seen.values()].map((n) => `${n.severity}: ${n.text}`))}`);
    assert(!problems.length, problems.join('\n'));
  });

  step(`f. "${SIGN_IN_AGAIN_COMMAND}" (forceNewSession): VS Code asks to sign in again, Light signs in anew`, async () => {
    const before = sim.control.counters();
    const navs0 = popupNavigations.length;
    const from = Date.now() - t0;
    await wb.runFromPalette(SIGN_IN_AGAIN_COMMAND);
    const dialog = wb.dialog();
    await waitFor(async () => (await dialog.count()) > 0, 'VS Code to ask the user to sign in again', 15000);
    const prompt = await wb.dialogParts();
    ctx.notes.push(`dialog: "${prompt.message}" — "${prompt.detail}" ${JSON.stringify(prompt.buttons)}`);
    const expected = `The extension '${CONSUMER_NAME}' wants you to sign in again using Light.`;
    assert(prompt.message === expected, `the dialog says "${prompt.message}", not "${expected}"`);
    assert(prompt.detail === NEW_SESSION_DETAIL, `the dialog's detail is "${prompt.detail}", not the consumer's "${NEW_SESSION_DETAIL}"`);
    assert(prompt.buttons.includes('Allow'), `the dialog has no "Allow" button: ${JSON.stringify(prompt.buttons)}`);
    const s0 = Date.now();
    await dialog.first().getByRole('button', { name: 'Allow', exact: true }).click();

    const result = await waitFor(async () => {
      const s = JSON.parse(fs.readFileSync(ctx.outFile, 'utf8')).signInAgain;
      return s && s.state === 'done' ? s : undefined;
    }, 'the consumer to report the new session', 30000, 200);
    ctx.notes.push(`the consumer has a new session ${Date.now() - s0} ms after "Allow": "${result.account}" (${result.sessionId}), ` +
      `token sha256 ${String(result.tokenSha256).slice(0, 12)}… (was ${String(result.previousTokenSha256).slice(0, 12)}…), ` +
      `API answered ${result.status} for "${result.company}"`);
    assert(!result.error, result.error);
    assert(/^Northwind Trading \(/.test(result.account || ''), `the consumer got the account "${result.account}"`);
    assert(/^[0-9a-f]{64}$/.test(result.tokenSha256 || '') && /^[0-9a-f]{64}$/.test(result.previousTokenSha256 || ''), 'the consumer did not record both token digests');
    assert(result.tokenChanged && result.tokenSha256 !== result.previousTokenSha256, 'the token is the one the consumer had before');
    assert(result.sessionId === result.previousSessionId, `the session id went from ${result.previousSessionId} to ${result.sessionId}`);
    assert(result.status === 200 && result.company === 'Northwind Trading', `the new token got ${result.status} "${result.company}" from the API`);

    // A real sign-in: the popup went to Light's authorize page and back, and Light issued one more code grant.
    const after = sim.control.counters();
    ctx.notes.push(`simulator: authorize ${before.authorize} → ${after.authorize}, authorization_code grants ` +
      `${before.token.authorization_code} → ${after.token.authorization_code}`);
    assert(after.token.authorization_code === before.token.authorization_code + 1, `authorization_code grants went ${before.token.authorization_code} → ${after.token.authorization_code}`);
    assert(after.authorize === before.authorize + 1, `authorize requests went ${before.authorize} → ${after.authorize}`);
    const navs = popupNavigations.slice(navs0);
    ctx.notes.push(`popup went ${navs.join(' → ')}`);
    assert(navs.includes(`${sim.url}/oauth/authorize`) && navs.includes(`${sim.url}/relay`), `the popup did not go through Light (${JSON.stringify(navs)})`);
    for (const p of popups) if (!p.isClosed()) await p.close().catch(() => {});
    await page.bringToFront();

    // Signing in again to the same account replaces its session: VS Code's Accounts menu still has one Light account.
    const accounts = await wb.accountsMenu();
    ctx.notes.push(`Accounts menu: ${JSON.stringify(accounts)}`);
    const light = accounts.filter((a) => / \(Light\)$/.test(a));
    assert(light.length === 1 && /^Northwind Trading \(/.test(light[0]), `the Accounts menu has ${light.length} Light accounts: ${JSON.stringify(accounts)}`);
    const bad = badNotifications().filter((n) => n.atMs >= from);
    assert(!bad.length, `notifications: ${JSON.stringify(bad)}`);
  });

  step(`g. "${CHOOSE_AGAIN_COMMAND}" (clearSessionPreference): VS Code asks again which account to use`, async () => {
    const before = sim.control.counters();
    const from = Date.now() - t0;
    const readResult = () => JSON.parse(fs.readFileSync(ctx.outFile, 'utf8')).chooseAccountAgain;
    await wb.runFromPalette(CHOOSE_AGAIN_COMMAND);
    // VS Code clears the preference and, as for any createIfNone without a preferred session on a provider with
    // several accounts, asks for consent first (even though this extension is allowed already), then for the account.
    const dialog = wb.dialog();
    await waitFor(async () => (await dialog.count()) > 0 || (await wb.quickInputVisible()), 'VS Code to ask', 15000);
    assert(await dialog.count(), `VS Code asked with a quick input ("${await wb.quickInputTitle()}") and no dialog first`);
    const pending = readResult();
    // Asked only once the plain createIfNone call had its answer, from the preference (a prompt for it would come first).
    assert(pending && pending.withPreference, `VS Code asked before the call without clearSessionPreference returned: ${JSON.stringify(pending)}`);
    ctx.notes.push(`without clearSessionPreference: "${pending.withPreference.account}" after ${pending.withPreference.ms} ms, no prompt`);
    assert(/^Northwind Trading \(/.test(pending.withPreference.account), `the preferred account is "${pending.withPreference.account}"`);
    await allowAndPickNorthwind(await wb.dialogParts());
    const result = await waitFor(async () => {
      const s = readResult();
      return s && s.state === 'done' ? s : undefined;
    }, 'the consumer to report the account', 15000, 200);
    await waitFor(async () => !(await wb.quickInputVisible()) && !(await dialog.count()), 'the account pick to close', 5000);
    ctx.notes.push(`the consumer has "${result.account}" (${result.sessionId}); the command took ${result.ms} ms, the clicks included`);
    assert(!result.error, result.error);
    assert(result.account === pending.withPreference.account && result.sessionId === pending.withPreference.sessionId, `the consumer got "${result.account}" (${result.sessionId})`);
    assert(/^[0-9a-f]{64}$/.test(result.tokenSha256 || ''), 'the consumer recorded no token digest');
    // Picking an account that has a session takes it as it is: no new sign-in.
    const after = sim.control.counters();
    assert(after.token.authorization_code === before.token.authorization_code && after.authorize === before.authorize,
      `a sign-in ran: authorize ${before.authorize} → ${after.authorize}, authorization_code ${before.token.authorization_code} → ${after.token.authorization_code}`);
    const bad = badNotifications().filter((n) => n.atMs >= from);
    assert(!bad.length, `notifications: ${JSON.stringify(bad)}`);
  });

  step('h. signs out from the status bar menu', async () => {
    const item = wb.lightItem();
    await item.click();
    await waitFor(async () => /^Light — Northwind Trading/.test(await wb.quickInputTitle()), 'the Light account menu', 10000);
    const labels = await wb.rowLabels();
    ctx.notes.push(`menu: ${JSON.stringify(labels)}`);
    const signOut = wb.quickInput().locator('.monaco-list-row').filter({ hasText: /Sign out of Northwind Trading/ }).first();
    assert(await signOut.count(), `no "Sign out of …" entry in ${JSON.stringify(labels)}`);
    await signOut.click();
    await waitFor(async () => (await wb.lightStatus()) === SIGN_IN_COMMAND, `the status bar to show "${SIGN_IN_COMMAND}" again`, 15000);
    await waitFor(async () => [...seen.values()].some((n) => /^Signed out of Light/.test(n.text)), 'the "Signed out" notification', 5000, 100);
    // The menu hands the focus back to the status bar item, whose hover would cover it: click into the editor area.
    await page.locator('#workbench\\.parts\\.editor').click({ position: { x: 400, y: 200 } });
    await sleep(600); // the toast slides in
    await page.screenshot({ path: SHOTS.signedOut });
    ctx.notes.push(`screenshot ${path.relative(ROOT, SHOTS.signedOut)}`);
  });

  // ---- run them --------------------------------------------------------------------------------------------

  const broken = await runSteps(steps, { ctx, say, results, onFailure: dumpFailure });
  await overlays.stop();
  await finish(broken ? 1 : 0);
}

main().catch((e) => {
  process.stdout.write(`[e2e] ${e.stack || e.message}\n0 passed, 1 failed\n`);
  process.exit(1);
});
