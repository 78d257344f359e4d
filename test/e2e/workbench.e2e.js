// End to end in a normal-mode VS Code workbench (code-server + chromium), driven with the keyboard and the mouse the
// way a person would. What the in-host suite cannot show (VS Code refuses dialogs while extension tests run):
//   a. the command palette runs "Sign in to Light";
//   b. with no OAuth client configured, the first-run guide (a modal) names the redirect URI to register and takes
//      the client ID and the secret;
//   c. the browser popup goes to Light's authorize page and comes back through code-server; the status bar shows
//      the company and the time left;
//   d. another extension (test/fixtures/consumer), which the user has not allowed, tries everything: Light's
//      exports, its client with made-up sessions, every Light command with hostile arguments (the user dismisses
//      the input boxes, and cancels Light's "Sign out of Light: …?"), and VS Code's consent dialog, where the user
//      clicks "Cancel": it gets no credential and no Light data, Light makes no call for it, and the window has no
//      test hooks;
//   e. the same extension asks for the session with createIfNone: VS Code asks the user, who clicks "Allow" and
//      picks the account;
//   f. that extension keeps using the session for 30 s while 5-second access tokens are refreshed behind it:
//      no failed call, several tokens, no "session ended" or error notification;
//   g. it lists every vendor through Light's client (getApi(1).client(session)): all of them, across pages, and
//      nothing written;
//   h. it asks with forceNewSession: VS Code asks the user to sign in again, Light runs a real sign-in (the popup
//      again), the extension gets a new token, and VS Code still lists one Light account;
//   i. it asks with clearSessionPreference (and createIfNone): VS Code asks for consent and then which account,
//      although the same call without it is answered from the preference without asking;
//   j. sign-out from the status bar menu, without a question.
//
// `npm run test:e2e` (builds first) or `node test/e2e/workbench.e2e.js` after `tsc -p . && node esbuild.js`.
// Prints one line per step and ends with `N passed, N failed`; exit code 0 only if every step passed.
// Screenshots: .vscode-test/e2e-signed-in.png, e2e-signed-out.png, and e2e-failure.png when a step fails.
// Env: LIGHT_E2E_SECONDS (how long the consumer uses the session, default 30), VERBOSE=1 (code-server log and
// workbench console), HEADFUL=1 (a visible chromium, where there is a display), KEEP_TEST_STATE=1 (keep the host's
// temp dir), TEST_SUMMARY_FILE (write {passed, failed, skipped, code} there as JSON, for scripts/test.js).
/* global URL, fetch */
'use strict';

const fs = require('fs');
const path = require('path');
const { ROOT } = require('../runners/codeServer');
const {
  CLIENT_ID, CLIENT_SECRET, CONSUMER_NAME,
  sleep, waitFor, assert, oneLine, workbench, findFiles, watchPopups, checkPopupSignIn, watchOverlays, allowAndPickNorthwind: allowAndPick, runE2e,
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
const PROBE_COMMAND = 'Light Consumer: Probe Without Consent';
const VENDORS_COMMAND = 'Light Consumer: List Vendors Through Light';
/** The access-token lifetime while the consumer probes: Light refreshes its session on its own at half that, so the
 *  simulator's token counter is still during the probe unless a call is made for the consumer. */
const PROBE_TOKEN_TTL_SECONDS = 40;
/** The page size the consumer lists vendors with. */
const VENDOR_PAGE = 50;
/** Light commands the consumer leaves out of its probe (they start a sign-in or only show something; LEFT_OUT in
 *  test/fixtures/consumer/extension.js). */
const PROBE_LEFT_OUT = ['light.signIn', 'light.signInAnotherWay', 'light.statusMenu', 'light.showLog', 'light.cancelSignIn'];
/** The test hooks of src/vscode/testHooks.ts, which Light registers only while VS Code runs extension tests. */
const TEST_HOOK_PREFIX = 'light.test.';
/** What no string in the probe's report may look like. */
const CREDENTIAL_LIKE = [
  [/eyJ[A-Za-z0-9_-]{4,}/, 'a JWT'],
  [/light-(dev|sandbox)-api-key/, "the simulator's API key"],
  [/light-vscode-(dev|sandbox)-secret/, "the simulator's client secret"],
  [/[A-Za-z0-9_-]{20,}/, '20 or more base64url characters in a row'],
  [/Northwind/i, 'the company name (Light data)'],
];
const NEW_SESSION_DETAIL = 'Testing a new session'; // what the consumer passes as forceNewSession.detail
/** The whole run, startup and shutdown included. */
const BUDGET_MS = 120000;

function define(run) {
  const { t0, say, ctx, step, sim, running } = run;
  ctx.outFile = path.join(run.stateDir, 'consumer-summary.json');
  const page = running.page;
  page.setDefaultTimeout(5000); // Playwright's own waits (click, innerText) stay well inside each step's
  const wb = workbench(page);

  const { navigations: popupNavigations, close: closePopups } = watchPopups(page.context(), (p) => p === page);

  // Every notification that shows up while the test runs, and when a dialog or quick input was on screen.
  const overlays = watchOverlays(wb, t0);
  const { seen, prompts, badNotifications } = overlays;
  run.stops.push(overlays.stop);
  run.onFailure = dumpFailure;

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
    await checkPopupSignIn({ wb, sim, serverUrl: running.server.url, navigations: popupNavigations, pattern: /Northwind Trading · \d+s left/, notes: ctx.notes });
    await closePopups();
    await page.bringToFront();
    await waitFor(async () => [...seen.values()].some((n) => /^Signed in to Light as Northwind Trading/.test(n.text)), 'the "Signed in" notification', 5000, 100);
    await sleep(600); // the toast slides in
    await page.screenshot({ path: SHOTS.signedIn });
    ctx.notes.push(`screenshot ${path.relative(ROOT, SHOTS.signedIn)}`);
  });

  step(`d. "${PROBE_COMMAND}": an extension the user has not allowed gets no credential, no data and no Light call`, async () => {
    const from = Date.now() - t0;
    const grants = (c) => c.token.authorization_code + c.token.refresh_token + c.token.other;
    const readProbe = () => JSON.parse(fs.readFileSync(ctx.outFile, 'utf8')).probe;
    // Light refreshes its 5-second tokens by itself every 2.5 s, which would hide a token request made for the
    // consumer: the probe runs on a longer token, which Light refreshes only half-way through its life.
    const c0 = sim.control.counters();
    sim.control.setAccessTokenTtlSeconds(PROBE_TOKEN_TTL_SECONDS);
    let before;
    let after;
    const boxes = [];
    const dialogs = [];
    const questions = []; // Light's own: light.signOut run by the consumer asks the user first
    const unexpected = [];
    let probe;
    try {
      await waitFor(() => grants(sim.control.counters()) > grants(c0), 'Light to refresh its session', 10000, 100);
      await waitFor(async () => Number((/· (\d+)s left/.exec(await wb.lightStatus()) || [])[1]) > TOKEN_TTL_SECONDS,
        `the status bar to show a ${PROBE_TOKEN_TTL_SECONDS}-second token`, 5000, 100);
      before = sim.control.counters();
      const p0 = Date.now();
      await wb.runFromPalette(PROBE_COMMAND);
      // Whatever the consumer's calls open, the user says no: Escape on an input box, "Cancel" on a dialog. Each is
      // matched to the call the consumer says it is making (its `busy` number): VS Code's consent dialog belongs to
      // getSession(createIfNone), Light's sign-out question to light.signOut with an object (which names no account
      // and so means the only one); anything else is unexpected.
      const handled = new Set();
      const dialog = wb.dialog();
      probe = await waitFor(async () => {
        const p = readProbe();
        if (p && p.state === 'done') return p;
        const busy = (p && p.busy) || {};
        if (await dialog.count()) {
          const parts = await wb.dialogParts();
          const entry = { n: busy.n, what: busy.what, command: busy.command, argument: busy.argument, message: parts.message || parts.detail, buttons: parts.buttons };
          const signOut = busy.what === 'command' && busy.command === 'light.signOut' && busy.argument === 'an object';
          (handled.has(busy.n) ? unexpected : busy.what === 'getSession createIfNone' ? dialogs : signOut ? questions : unexpected).push({ dialog: entry });
          handled.add(busy.n);
          await dialog.first().getByRole('button', { name: 'Cancel', exact: true }).click();
          await waitFor(async () => !(await dialog.count()), 'the dialog to close', 5000, 100);
          return undefined;
        }
        if (await wb.quickInputVisible()) {
          const title = await wb.quickInputTitle();
          if (!title || handled.has(`box ${busy.n}`)) return undefined; // the palette closing, or a box on its way out
          const input = wb.quickInput().locator('input.input').first();
          const box = { n: busy.n, command: busy.command, argument: busy.argument, title, type: await input.getAttribute('type'), value: await input.inputValue() };
          (busy.what === 'command' ? boxes : unexpected).push(box);
          handled.add(`box ${busy.n}`);
          await page.keyboard.press('Escape');
        }
        return undefined;
      }, 'the consumer to finish its probe', 40000, 100);
      after = sim.control.counters();
      ctx.notes.push(`the probe took ${Date.now() - p0} ms (${probe.ms} ms in the consumer), the user's answers included`);
    } finally {
      sim.control.setAccessTokenTtlSeconds(TOKEN_TTL_SECONDS);
    }

    const problems = [];
    const check = (ok, message) => ok || problems.push(message);
    check(!probe.error, `the probe failed: ${probe.error}`);

    // 1. Nothing that looks like a credential, and no Light data, anywhere in what the consumer found.
    const strings = [];
    const collect = (v) => {
      if (typeof v === 'string') strings.push(v);
      else if (v && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) {
          strings.push(k);
          collect(x);
        }
      }
    };
    collect(probe);
    for (const [re, what] of CREDENTIAL_LIKE) {
      const hits = strings.filter((x) => re.test(x));
      check(!hits.length, `the probe's report has ${what}: ${JSON.stringify(hits.slice(0, 5))}`);
    }
    const walk = probe.exportsWalk || {};
    ctx.notes.push(`exports: strings ${JSON.stringify(walk.strings)}; properties ${JSON.stringify(walk.paths)}; getters ${JSON.stringify(walk.accessors)}`);
    check(walk.sameObject, 'activate() and extension.exports are not the same object');
    check(walk.paths && walk.paths.some((x) => /^getApi\(1\)\.client: function$/.test(x)), `the walk did not reach getApi(1).client: ${JSON.stringify(walk.paths)}`);

    // 2. getApi for other versions, and client() for every session Light did not hand out: LightApiErrors.
    const refusedAll = (list) => list.length && list.every((x) => x.threw && x.name === 'LightApiError');
    check(refusedAll(probe.getApi), `getApi: ${JSON.stringify(probe.getApi)}`);
    check(probe.getApi.some((x) => x.version === '2'), 'getApi(2) was not tried');
    check(refusedAll(probe.forgedClients), `forged sessions: ${JSON.stringify(probe.forgedClients.filter((x) => !(x.threw && x.name === 'LightApiError')))}`);
    check(probe.forgedClients.filter((x) => x.realId).length >= 4, 'the real session id was not tried');
    const types = [...new Set(probe.forgedClients.map((x) => `type ${x.type ?? 'none'}, status ${x.status ?? 'none'}`))];
    ctx.notes.push(`getApi(${probe.getApi.map((x) => x.version).join(', ')}) and client() with ${probe.forgedClients.length} made-up sessions ` +
      `(${probe.forgedClients.filter((x) => x.realId).length} with the real session id): all threw ${[...new Set(probe.forgedClients.concat(probe.getApi).map((x) => x.name))].join(', ')} ` +
      `(${types.join('; ')}): "${probe.forgedClients[0] && probe.forgedClients[0].message}"`);

    // 3. Every Light command: run or left out for a reason; only booleans (or nothing) back; the two that take a
    //    secret asked for it in their own input box, empty, instead of taking the argument.
    const ran = [...new Set(probe.commands.map((x) => x.command))];
    const leftOut = [...new Set(probe.leftOut.map((x) => x.command))];
    ctx.notes.push(`light.* commands: ${JSON.stringify(probe.commandsFound)}; run: ${JSON.stringify(ran)}; left out: ${JSON.stringify(leftOut)}`);
    check(probe.commandsFound.every((c) => ran.includes(c) || leftOut.includes(c)), 'a command was neither run nor left out');
    check(leftOut.every((c) => PROBE_LEFT_OUT.includes(c)), `left out more than the consumer's list (LEFT_OUT): ${JSON.stringify(leftOut)}`);
    for (const c of ['light.signInWithApiKey', 'light.setClientSecret', 'light.signOut']) check(ran.includes(c), `${c} was not run`);
    // A development window has no test hooks (Light registers them only while VS Code runs extension tests), and
    // every Light command it has is one that package.json contributes.
    const hooks = probe.commandsFound.filter((c) => c.startsWith(TEST_HOOK_PREFIX));
    check(!hooks.length, `test hooks in this window: ${JSON.stringify(hooks)}`);
    const contributed = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).contributes.commands.map((x) => x.command);
    const unlisted = probe.commandsFound.filter((c) => !contributed.includes(c));
    check(!unlisted.length, `commands not in package.json: ${JSON.stringify(unlisted)}`);
    const results = probe.commands.map((x) => `${x.command}(${x.argument}) → ${x.resultType}${x.result !== undefined ? ` ${x.result}` : ''}${x.error ? ` "${x.error}"` : ''}`);
    ctx.notes.push(`results: ${results.join('; ')}`);
    check(probe.commands.every((x) => x.resultType === 'boolean' || x.resultType === 'undefined'), `a command returned something else: ${results.join('; ')}`);
    const asks = { 'light.signInWithApiKey': /API key/, 'light.setClientSecret': /client secret/i };
    for (const x of probe.commands) {
      const box = boxes.find((b) => b.n === x.n);
      if (asks[x.command]) {
        check(box, `${x.command}(${x.argument}) opened no input box`);
        if (!box) continue;
        check(asks[x.command].test(box.title), `${x.command}(${x.argument}) opened "${box.title}"`);
        check(box.type === 'password' && box.value === '', `the box of ${x.command}(${x.argument}) is a ${box.type} box holding ${box.value.length} characters`);
        check(x.resultType === 'boolean' && x.result === false, `${x.command}(${x.argument}) dismissed → ${x.resultType} ${x.result}`);
      } else {
        check(!box, `${x.command}(${x.argument}) opened "${box && box.title}"`);
      }
    }
    ctx.notes.push(`input boxes dismissed: ${boxes.map((b) => `"${b.title}" (${b.type}, empty: ${b.value === ''})`).join(', ')}`);
    // light.signOut with an object (no account named) means the only account: Light asks the user, who cancels.
    const account = `Northwind Trading (${new URL(sim.url).host})`;
    const question = `Sign out of Light: ${account}?`;
    const signOut = probe.commands.find((x) => x.command === 'light.signOut' && x.argument === 'an object');
    check(signOut, 'light.signOut was not run with an object');
    check(questions.length === 1 && signOut && questions[0].dialog.n === signOut.n, `light.signOut(an object) asked: ${JSON.stringify(questions)}`);
    if (questions.length) {
      const q = questions[0].dialog;
      check(q.message === question, `the sign-out question says "${q.message}", not "${question}"`);
      check(q.buttons.includes('Sign Out') && q.buttons.includes('Cancel'), `the sign-out question offers ${JSON.stringify(q.buttons)}`);
      ctx.notes.push(`sign-out question: "${q.message}" ${JSON.stringify(q.buttons)} → "Cancel" → light.signOut(an object) → ` +
        `${signOut && signOut.resultType} ${signOut && signOut.result}`);
    }
    check(signOut && signOut.resultType === 'boolean' && signOut.result === false, `light.signOut(an object) after "Cancel" → ${signOut && signOut.resultType} ${signOut && signOut.result}`);
    check(!unexpected.length, `the probe opened what no call of it explains: ${JSON.stringify(unexpected)}`);

    // 4. VS Code: nothing silently; with createIfNone its consent dialog, which the user cancelled.
    check(probe.silentSession === 'undefined', `getSession(silent) gave the consumer ${probe.silentSession}`);
    const expected = `The extension '${CONSUMER_NAME}' wants to sign in using Light.`;
    check(dialogs.length === 1 && dialogs[0].dialog.message === expected, `dialogs: ${JSON.stringify(dialogs)}`);
    check(probe.consent && probe.consent.rejected, `getSession(createIfNone) after "Cancel": ${JSON.stringify(probe.consent)}`);
    ctx.notes.push(`consent: ${dialogs.map((d) => `"${d.dialog.message}" ${JSON.stringify(d.dialog.buttons)}`).join(', ')} → "Cancel" → ` +
      `getSession rejected "${probe.consent && probe.consent.message}"; getSession(silent) → ${probe.silentSession}`);
    const accounts = JSON.parse(fs.readFileSync(ctx.outFile, 'utf8')).probeVsCodeAccounts;
    ctx.notes.push(`VS Code's own vscode.authentication.getAccounts('light') (not Light's exports or commands) answers every extension: ${JSON.stringify(accounts)}`);
    check(accounts && accounts.count === 1 && accounts.labels[0] === account, `after the sign-out question VS Code lists the Light accounts ${JSON.stringify(accounts)}, not "${account}"`);

    // 5. No Light call for it: the API and token counters did not move, and the session is as it was.
    ctx.notes.push(`simulator during the probe: API calls ${before.api} → ${after.api}, token grants ${JSON.stringify(before.token)} → ${JSON.stringify(after.token)}, ` +
      `authorize ${before.authorize} → ${after.authorize}, writes ${before.writes} → ${after.writes}`);
    check(after.api === before.api, `${after.api - before.api} API calls during the probe`);
    check(grants(after) === grants(before) && after.authorize === before.authorize, `token requests during the probe: ${JSON.stringify(before.token)} → ${JSON.stringify(after.token)}, authorize ${before.authorize} → ${after.authorize}`);
    check(after.writes === before.writes, `${after.writes - before.writes} writes during the probe`);
    check(JSON.stringify(after.tokenErrors) === JSON.stringify(before.tokenErrors), `token errors: ${JSON.stringify(after.tokenErrors)}`);
    const status = await wb.lightStatus();
    check(/Northwind Trading · \d+s left/.test(status), `the status bar shows "${status}" (still signed in?)`);
    const bad = badNotifications().filter((x) => x.atMs >= from);
    check(!bad.length, `notifications: ${JSON.stringify(bad)}`);
    assert(!problems.length, problems.join('\n'));
  });

  step(`e. "${CONSUMER_COMMAND}": VS Code asks, the user allows, the other extension gets the session`, async () => {
    await wb.runFromPalette(CONSUMER_COMMAND);
    const dialog = wb.dialog();
    await waitFor(async () => (await dialog.count()) > 0, 'VS Code to ask whether the extension may sign in', 15000);
    await allowAndPickNorthwind(await wb.dialogParts());
    const summary = await waitFor(async () => {
      const s = JSON.parse(fs.readFileSync(ctx.outFile, 'utf8')); // the probe of step d wrote the file first
      return s.state && s.state !== 'starting' ? s : undefined;
    }, 'the consumer to report that it has the session', 15000);
    assert(!summary.error, summary.error);
    assert(/^Northwind Trading \(/.test(summary.account || ''), `the consumer got the account "${summary.account}"`);
    ctx.notes.push(`the consumer has "${summary.account}" ${summary.consentMs} ms after its getSession(createIfNone)`);
    await waitFor(async () => !(await wb.quickInputVisible()) && !(await dialog.count()), 'the account pick to close', 5000);
  });

  step(`f. the other extension keeps a working session for ${CONSUMER_SECONDS} s of ${TOKEN_TTL_SECONDS}-second tokens, with no UI`, async () => {
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

  step(`g. "${VENDORS_COMMAND}": once allowed, the other extension lists every vendor through Light's client, and writes nothing`, async () => {
    const from = Date.now() - t0;
    // How many vendors Northwind has, from the simulator's own API with a token of its own (before the count).
    const { access_token: token } = sim.control.issueTokens(0);
    const res = await fetch(`${sim.url}/v1/vendors?limit=1`, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
    assert(res.status === 200, `the simulator answered ${res.status} for its vendors`);
    const expected = (await res.json()).total;
    assert(Number.isInteger(expected) && expected > VENDOR_PAGE, `the simulator has ${expected} vendors, not more than a page of ${VENDOR_PAGE}`);

    const before = sim.control.counters();
    const readResult = () => JSON.parse(fs.readFileSync(ctx.outFile, 'utf8')).vendors;
    await wb.runFromPalette(VENDORS_COMMAND);
    const palette = Date.now() - t0;
    const result = await waitFor(async () => {
      const r = readResult();
      return r && r.state === 'done' ? r : undefined;
    }, 'the consumer to report the vendors', 30000, 200);
    const after = sim.control.counters();
    ctx.notes.push(`the consumer: "${result.account}" (${result.sessionId}) from getSession after ${result.sessionMs} ms, client for "${result.company}"; ` +
      `all(): ${result.records} records, ${result.distinctVendorIds} distinct vendorIds (first "${result.firstVendorName}"); ` +
      `list(): ${JSON.stringify(result.firstPage)}; ${result.ms} ms`);
    ctx.notes.push(`simulator: ${expected} vendors; API calls ${before.api} → ${after.api} (+${after.api - before.api}), writes ${before.writes} → ${after.writes}, ` +
      `token grants ${JSON.stringify(before.token)} → ${JSON.stringify(after.token)}`);
    const problems = [];
    const check = (ok, message) => ok || problems.push(message);
    check(!result.error, result.error);
    check(/^Northwind Trading \(/.test(result.account || '') && result.company === 'Northwind Trading', `account "${result.account}", company "${result.company}"`);
    // The id the probe forged (step d) was the real one: its refusal came from the token, not from a wrong id.
    const realId = `oauth:custom:${new URL(sim.url).host}/${sim.companies[0].id}`;
    check(result.sessionId === realId, `the session id is ${result.sessionId}, not ${realId}`);
    check(result.records === expected && result.distinctVendorIds === expected && !result.missingVendorIds,
      `${result.records} records, ${result.distinctVendorIds} distinct vendorIds (${result.missingVendorIds} without one), expected ${expected}`);
    check(result.firstPage && result.firstPage.records === VENDOR_PAGE && result.firstPage.hasMore === true && result.firstPage.hasNextCursor,
      `the first page: ${JSON.stringify(result.firstPage)}`);
    const pages = Math.ceil(expected / VENDOR_PAGE);
    check(after.api - before.api >= pages + 1, `${after.api - before.api} API calls for ${pages} pages and one more list()`);
    check(after.writes === 0, `${after.writes} writes in all (${after.writes - before.writes} now)`);
    // Answered from the account preference of step e: no dialog and no quick input once the palette closed.
    const asked = [...new Set(prompts.filter((p) => p.atMs >= palette + 500).map((p) => p.text))];
    check(!asked.length, `the workbench asked: ${JSON.stringify(asked)}`);
    const bad = badNotifications().filter((x) => x.atMs >= from);
    check(!bad.length, `notifications: ${JSON.stringify(bad)}`);
    assert(!problems.length, problems.join('\n'));
  });

  step(`h. "${SIGN_IN_AGAIN_COMMAND}" (forceNewSession): VS Code asks to sign in again, Light signs in anew`, async () => {
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
    await closePopups();
    await page.bringToFront();

    // Signing in again to the same account replaces its session: VS Code's Accounts menu still has one Light account.
    const accounts = await wb.accountsMenu();
    ctx.notes.push(`Accounts menu: ${JSON.stringify(accounts)}`);
    const light = accounts.filter((a) => / \(Light\)$/.test(a));
    assert(light.length === 1 && /^Northwind Trading \(/.test(light[0]), `the Accounts menu has ${light.length} Light accounts: ${JSON.stringify(accounts)}`);
    const bad = badNotifications().filter((n) => n.atMs >= from);
    assert(!bad.length, `notifications: ${JSON.stringify(bad)}`);
  });

  step(`i. "${CHOOSE_AGAIN_COMMAND}" (clearSessionPreference): VS Code asks again which account to use`, async () => {
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

  step('j. signs out from the status bar menu', async () => {
    const item = wb.lightItem();
    await item.click();
    await waitFor(async () => /^Light — Northwind Trading/.test(await wb.quickInputTitle()), 'the Light account menu', 10000);
    const labels = await wb.rowLabels();
    ctx.notes.push(`menu: ${JSON.stringify(labels)}`);
    const signOut = wb.quickInput().locator('.monaco-list-row').filter({ hasText: /Sign out of Northwind Trading/ }).first();
    assert(await signOut.count(), `no "Sign out of …" entry in ${JSON.stringify(labels)}`);
    await signOut.click();
    // The account was picked in Light's own menu: it signs out without asking (run as a command, it would ask).
    const outcome = await waitFor(async () => {
      if (await wb.dialog().count()) return { asked: await wb.dialogParts() };
      return (await wb.lightStatus()) === SIGN_IN_COMMAND ? { signedOut: true } : undefined;
    }, `the status bar to show "${SIGN_IN_COMMAND}" again`, 15000);
    assert(!outcome.asked, `signing out from the menu asked: ${JSON.stringify(outcome.asked)}`);
    ctx.notes.push('signed out without a question');
    await waitFor(async () => [...seen.values()].some((n) => /^Signed out of Light/.test(n.text)), 'the "Signed out" notification', 5000, 100);
    // The menu hands the focus back to the status bar item, whose hover would cover it: click into the editor area.
    await page.locator('#workbench\\.parts\\.editor').click({ position: { x: 400, y: 200 } });
    await sleep(600); // the toast slides in
    await page.screenshot({ path: SHOTS.signedOut });
    ctx.notes.push(`screenshot ${path.relative(ROOT, SHOTS.signedOut)}`);
  });
}

runE2e({
  title: 'workbench end to end',
  budgetMs: BUDGET_MS,
  tokenTtlSeconds: TOKEN_TTL_SECONDS,
  stateDirPrefix: 'light-vscode-e2e-',
  host: (sim, stateDir) => ({
    settings: {
      'light.environment': 'custom',
      'light.apiUrl': sim.url,
      'light.oauth.relayUrl': `${sim.url}/relay`,
      // No light.oauth.clientId: the first sign-in shows the guide that asks for the client.
    },
    // LIGHT_E2E_COMPANY_ID: the company id, as if learned elsewhere, so that the probe forges the real session id.
    env: { LIGHT_E2E_OUT: path.join(stateDir, 'consumer-summary.json'), LIGHT_E2E_SECONDS: String(CONSUMER_SECONDS), LIGHT_E2E_COMPANY_ID: sim.companies[0].id },
  }),
  define,
});
