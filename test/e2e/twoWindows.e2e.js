// End to end in TWO VS Code windows on one code-server: two tabs of one browser profile are two windows, each with
// its own extension host (so its own copy of the extension and of the consumer), sharing one secret store. What it
// shows, driven with the keyboard and the mouse the way a person would:
//   a. window A: the command palette runs "Sign in to Light";
//   b. with light.oauth.clientId set, Light asks for the client secret only (no client ID box);
//   c. the browser popup signs in at Light and comes back; window A's status bar shows the company;
//   d. window B opens on the same workbench and shows the company without signing in: it read the session that
//      window A stored;
//   e. window A runs "Light Consumer: Poll Light" (test/fixtures/consumer), answering VS Code's consent dialog and
//      account pick; the consumer then calls getSession({ silent: true }) and GET /v1/companies/current every
//      300 ms for LIGHT_E2E_POLL_SECONDS (default 60);
//   f. window B runs the same command right after, answering the consent dialog or the account pick if it asks
//      (consent given in one window may be remembered in the other); both windows now poll at the same time;
//   g. both polls end, overlapping;
//   h. the figures: refresh_token grants and invalid_grant answers at Light, calls, failed calls and distinct tokens
//      per window, sessions ended per window (its Light log and its notifications), and whether both status bars
//      still show the company. Checks: 0 invalid_grant, 0 failed calls, 0 sessions ended, both windows signed in,
//      each window ≥ 150 calls (2.5 a second) and more than one distinct token.
//
// `npm run test:e2e:windows` (builds first) or `node test/e2e/twoWindows.e2e.js` after `tsc -p . && node esbuild.js`.
// Prints one line per step and ends with `N passed, N failed`; exit code 0 only if every step passed.
// Screenshots: .vscode-test/e2e-windows-a.png and e2e-windows-b.png after the polls; e2e-windows-a-failure.png and
// e2e-windows-b-failure.png when a step fails.
// Env: LIGHT_E2E_POLL_SECONDS (how long each window polls, default 60; the call minimum and the time budget scale
// with it), VERBOSE=1 (code-server log and the windows' consoles), HEADFUL=1, KEEP_TEST_STATE=1 (keep the host's temp
// dir), TEST_SUMMARY_FILE (write {passed, failed, skipped, code} there as JSON, for scripts/test.js).
'use strict';

const fs = require('fs');
const path = require('path');
const { ROOT } = require('../runners/codeServer');
const {
  CLIENT_ID, CLIENT_SECRET, ACCOUNT_PICK_TITLE,
  sleep, waitFor, assert, oneLine, workbench, findFiles, watchPopups, checkPopupSignIn, watchOverlays, allowAndPickNorthwind, pickNorthwind, runE2e,
} = require('./workbench');

const SHOT_DIR = path.join(ROOT, '.vscode-test');
const shot = (name) => path.join(SHOT_DIR, `e2e-windows-${name}.png`);
const TOKEN_TTL_SECONDS = 5;
const POLL_SECONDS = Number(process.env.LIGHT_E2E_POLL_SECONDS || 60);
const POLL_EVERY_MS = 300; // the consumer's pace
/** Calls each window must make: 3⅓ a second are due, 2.5 a second (150 in 60 s) leave room for slow answers. */
const MIN_CALLS = Math.floor(POLL_SECONDS * 2.5);
/** The polls must run side by side for most of their length (window B starts a few seconds after window A). */
const MIN_OVERLAP_MS = POLL_SECONDS * 1000 * 0.75;
const SIGN_IN_COMMAND = 'Sign in to Light';
const POLL_COMMAND = 'Light Consumer: Poll Light';
/** The whole run, startup and shutdown included: 150 s for 60-second polls. */
const BUDGET_MS = (90 + POLL_SECONDS) * 1000;

/** What a Light log says when the session ended. */
const ENDED_LINE = /ended the session|session\b.*\bended/i;
/** Notifications that say the session ended (or ask to sign in again). */
const ENDED_NOTIFICATION = /session\b.*\bended|sign in again/i;

const readJson = (file) => {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
};
const lines = (file) => (file && fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()) : []);
const count = (list, re) => list.filter((l) => re.test(l)).length;
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;

function define(run) {
  const { t0, say, ctx, step, sim, running } = run;
  const windows = {}; // A and B: { name, page, wb, overlays, errors, lightLog, pollFile }
  const pollDir = path.join(run.stateDir, 'poll'); // made by `host` below
  const context = running.page.context();
  const logsDir = path.join(running.server.dirs.data, 'logs');
  const lightLogs = () => findFiles(logsDir, 'Light.log');
  const pollFiles = () => (fs.existsSync(pollDir) ? fs.readdirSync(pollDir).filter((f) => /^poll-.*\.json$/.test(f)).map((f) => path.join(pollDir, f)) : []);

  function addWindow(name, page, errors) {
    page.setDefaultTimeout(5000); // Playwright's own waits (click, innerText) stay well inside each step's
    const wb = workbench(page);
    windows[name] = { name, page, wb, overlays: watchOverlays(wb, t0), errors };
    run.stops.push(windows[name].overlays.stop);
    return windows[name];
  }
  const A = addWindow('A', running.page, running.browser.errors);
  const isWindow = (p) => Object.values(windows).some((w) => w.page === p);

  const { navigations: popupNavigations, close: closePopups } = watchPopups(context, isWindow);

  /** The Light log of window `w` in the host's logs dir: window A's is the only one before window B opens; window
   *  B's is the other. */
  const logOf = (w) => {
    if (w.lightLog || w === A) return w.lightLog;
    const others = lightLogs().filter((l) => l !== logOf(A));
    return A.lightLog && others.length === 1 ? others[0] : undefined;
  };

  async function dumpFailure() {
    for (const w of Object.values(windows)) {
      say(`    window ${w.name}:`);
      try {
        await w.page.screenshot({ path: shot(`${w.name.toLowerCase()}-failure`) });
        say(`      screenshot: ${path.relative(ROOT, shot(`${w.name.toLowerCase()}-failure`))}`);
      } catch (e) {
        say(`      screenshot failed: ${e.message}`);
      }
      say(`      status bar: "${await w.wb.lightStatus().catch((e) => `(${e.message})`)}"`);
      say(`      workbench console errors (${w.errors.length}):`);
      for (const e of w.errors.slice(-20)) say(`        ${oneLine(e).slice(0, 400)}`);
      say(`      notifications seen: ${JSON.stringify([...w.overlays.seen.values()])}`);
      say(`      dialogs and quick inputs seen: ${JSON.stringify([...new Set(w.overlays.prompts.map((p) => p.text.slice(0, 160)))])}`);
      const log = logOf(w);
      if (log) {
        say(`      Light log ${path.relative(logsDir, log)} (last 40 lines):`);
        for (const line of lines(log).slice(-40)) say(`        ${line}`);
      } else {
        say('      no Light log found for this window');
      }
      if (w.pollFile && fs.existsSync(w.pollFile)) say(`      poll summary: ${oneLine(fs.readFileSync(w.pollFile, 'utf8'))}`);
    }
    const unclaimed = lightLogs().filter((l) => !Object.values(windows).some((w) => logOf(w) === l));
    if (unclaimed.length) say(`    other Light logs: ${JSON.stringify(unclaimed.map((l) => path.relative(logsDir, l)))}`);
    if (sim) say(`    simulator counters: ${JSON.stringify(sim.control.counters())}`);
  }
  run.onFailure = dumpFailure;

  /**
   * Runs "Poll Light" in window `w`: the palette, then VS Code's consent dialog and account pick if it shows them,
   * until the consumer reports that it has the session and polls. Returns its summary.
   */
  async function startPoll(w) {
    // Still signed in? Otherwise "Allow" would start a new sign-in instead of handing over the session.
    const status = await w.wb.lightStatus();
    assert(/Northwind Trading/.test(status), `window ${w.name}'s status bar shows "${status}" before the poll: the session is gone (see its Light log)`);
    const authorize0 = sim.control.counters().authorize;
    const known = new Set(pollFiles());
    await w.page.bringToFront();
    await w.wb.runFromPalette(POLL_COMMAND);
    w.pollFile = await waitFor(() => pollFiles().find((f) => !known.has(f)), `window ${w.name}'s consumer to start its summary`, 15000, 100);
    const started = (s) => s && s.state !== 'starting';
    const asked = await waitFor(async () => {
      if (started(readJson(w.pollFile))) return 'nothing';
      if (await w.wb.dialog().count()) return 'consent';
      if ((await w.wb.quickInputTitle()) === ACCOUNT_PICK_TITLE) return 'account';
      return undefined;
    }, `window ${w.name}: VS Code to ask, or the consumer to have the session`, 15000, 100);
    try {
      if (asked === 'consent') await allowAndPickNorthwind(w.wb, await w.wb.dialogParts(), ctx.notes);
      else if (asked === 'account') await pickNorthwind(w.wb, ctx.notes);
    } catch (e) {
      const authorize = sim.control.counters().authorize;
      if (authorize > authorize0) throw new Error(`${e.message}: Light signed in anew instead (${authorize - authorize0} authorize requests), so it had no session left in window ${w.name}`);
      throw e;
    }
    ctx.notes.push(asked === 'nothing' ? 'VS Code did not ask: the consent given in the other window holds here' : `VS Code asked (${asked})`);
    const summary = await waitFor(() => {
      const s = readJson(w.pollFile);
      return started(s) ? s : undefined;
    }, `window ${w.name}'s consumer to report that it has the session`, 15000, 100);
    assert(!summary.error, summary.error);
    assert(summary.state === 'running', `the consumer's summary says "${summary.state}"`);
    assert(/^Northwind Trading \(/.test(summary.account || ''), `the consumer got the account "${summary.account}"`);
    await waitFor(async () => !(await w.wb.quickInputVisible()) && !(await w.wb.dialog().count()), 'the account pick to close', 5000);
    ctx.notes.push(`window ${w.name} (${summary.windowId}): the consumer has "${summary.account}" ${summary.consentMs} ms after its ` +
      `getSession(createIfNone) and polls; Light's status bar there: "${await w.wb.lightStatus()}"`);
    return summary;
  }

  // ---- the steps -------------------------------------------------------------------------------------------

  step(`a. window A: runs "${SIGN_IN_COMMAND}" from the command palette`, async () => {
    const status = await waitFor(async () => {
      const s = await A.wb.lightStatus();
      return s === SIGN_IN_COMMAND ? s : undefined;
    }, `the status bar to show "${SIGN_IN_COMMAND}"`, 60000, 250);
    ctx.notes.push(`status bar "${status}" ${Date.now() - t0} ms after start`);
    await sleep(500); // let the workbench finish restoring its parts before the keyboard is used
    const { labels } = await A.wb.runFromPalette(SIGN_IN_COMMAND);
    ctx.notes.push(`palette entries for it: ${JSON.stringify(labels)}`);
  });

  step('b. window A: with light.oauth.clientId set, Light asks for the client secret only', async () => {
    const dialog = A.wb.dialog();
    // The guide first (it names the redirect URIs to register), then the secret box; never a client ID box.
    const first = await waitFor(async () => ((await dialog.count()) ? 'dialog' : (await A.wb.quickInputVisible()) ? 'input' : undefined),
      'Light to ask for the OAuth client', 15000);
    if (first === 'dialog') {
      const guide = await A.wb.dialogParts();
      ctx.notes.push(`dialog: "${guide.message}" ${JSON.stringify(guide.buttons)}`);
      assert(guide.message === 'Light needs an OAuth client for VS Code', `the dialog says "${guide.message}"`);
      assert(guide.detail.includes(`${sim.url}/relay`), `the dialog does not name the redirect URI ${sim.url}/relay: ${guide.detail}`);
      await dialog.first().getByRole('button', { name: 'Enter Client ID and Secret', exact: true }).click();
      await waitFor(async () => (await dialog.count()) === 0, 'the dialog to close', 5000);
    }
    const box = A.wb.quickInput().locator('input.input').first();
    await waitFor(async () => (await A.wb.quickInputVisible()) && (await box.count()), 'an input box', 10000);
    const title = await A.wb.quickInputTitle();
    const prompt = oneLine(await A.wb.quickInput().locator('.quick-input-message, .quick-input-description').allInnerTexts().then((t) => t.join(' ')).catch(() => ''));
    ctx.notes.push(`input box: "${title}"${prompt ? ` — "${prompt}"` : ''}`);
    assert(!/client ID/i.test(`${title} ${prompt}`) || /secret/i.test(`${title} ${prompt}`), `Light asked for the client ID although light.oauth.clientId is set: "${title}" "${prompt}"`);
    await waitFor(async () => (await box.getAttribute('type')) === 'password', `the box "${title}" to be a password box (the secret)`, 5000);
    await A.page.keyboard.type(CLIENT_SECRET, { delay: 10 });
    await A.page.keyboard.press('Enter');
    await waitFor(async () => !(await A.wb.quickInputVisible()), 'the input box to close', 5000);
    const asked = [...new Set(A.overlays.prompts.map((p) => p.text))].filter((t) => /^quick input:/.test(t));
    assert(!asked.some((t) => /\(1\/2\)|client ID/i.test(t) && !/secret/i.test(t)), `a client ID box was shown: ${JSON.stringify(asked)}`);
  });

  step('c. window A: the popup signs in at Light and comes back; the status bar shows the company', async () => {
    await checkPopupSignIn({ wb: A.wb, sim, serverUrl: running.server.url, navigations: popupNavigations, pattern: /Northwind Trading · \S+ left/, notes: ctx.notes });
    await closePopups();
    const logs = lightLogs();
    assert(logs.length === 1, `${logs.length} Light logs with one window open: ${JSON.stringify(logs)}`);
    A.lightLog = logs[0];
  });

  step('d. window B (a second tab on the same workbench) shows the company without signing in', async () => {
    const before = sim.control.counters();
    const navs0 = popupNavigations.length;
    const page = await context.newPage();
    const errors = [];
    page.on('console', (msg) => {
      if (process.env.VERBOSE) console.log(`[workbench B] ${msg.text()}`);
      else if (msg.type() === 'error' && !/Failed to load resource|ENOTFOUND|ERR_NAME_NOT_RESOLVED/.test(msg.text())) errors.push(msg.text());
    });
    page.on('pageerror', (e) => errors.push(`[pageerror] ${e.message}`));
    const B = addWindow('B', page, errors);
    const s0 = Date.now();
    await page.goto(running.url, { timeout: 30000 });
    // Until it shows the company, or says that the session ended (then there is nothing left to wait for).
    const endedIn = (w) => [...w.overlays.seen.values()].find((n) => ENDED_NOTIFICATION.test(n.text));
    const seenB = await waitFor(async () => {
      const s = await B.wb.lightStatus();
      if (/Northwind Trading/.test(s)) return { status: s };
      const ended = endedIn(B) || endedIn(A);
      return ended ? { ended } : undefined;
    }, 'window B\'s status bar to show "Northwind Trading"', 60000, 250).catch(async (e) => {
      throw new Error(`${e.message}; it shows "${await B.wb.lightStatus()}"`);
    });
    assert(!seenB.ended, `the session ended before window B showed it (B's status bar: "${await B.wb.lightStatus()}"; ` +
      `notification: "${seenB.ended && seenB.ended.text}"; see the Light logs)`);
    const status = seenB.status;
    ctx.notes.push(`window B's status bar "${status}" ${Date.now() - s0} ms after it opened; window A's "${await A.wb.lightStatus()}"`);
    const after = sim.control.counters();
    assert(after.authorize === before.authorize && after.token.authorization_code === before.token.authorization_code,
      `window B signed in: authorize ${before.authorize} → ${after.authorize}, authorization_code ${before.token.authorization_code} → ${after.token.authorization_code}`);
    assert(popupNavigations.length === navs0, `a popup opened: ${JSON.stringify(popupNavigations.slice(navs0))}`);
    const logs = await waitFor(() => {
      const l = lightLogs().filter((f) => f !== A.lightLog);
      return l.length ? l : undefined;
    }, 'window B\'s Light log', 10000);
    assert(logs.length === 1, `${logs.length} new Light logs for window B: ${JSON.stringify(logs)}`);
    B.lightLog = logs[0];
    ctx.notes.push(`Light logs: A ${path.relative(logsDir, A.lightLog)}, B ${path.relative(logsDir, B.lightLog)}`);
  });

  step(`e. window A: "${POLL_COMMAND}": VS Code asks, the user allows, the poll starts`, async () => {
    ctx.before = sim.control.counters();
    A.started = await startPoll(A);
  });

  step(`f. window B: "${POLL_COMMAND}" right after, answering VS Code if it asks; both windows poll at once`, async () => {
    const B = windows.B;
    B.started = await startPoll(B);
    assert(B.started.windowId !== A.started.windowId, `both windows report the window id ${A.started.windowId}`);
    assert(B.pollFile !== A.pollFile, 'both windows wrote the same summary file');
    ctx.notes.push(`window B's poll started ${B.started.startedAt - A.started.startedAt} ms after window A's`);
  });

  step(`g. both windows poll Light for ${POLL_SECONDS} s, at the same time`, async () => {
    const B = windows.B;
    const done = {};
    await waitFor(() => {
      for (const w of [A, B]) {
        const s = readJson(w.pollFile);
        if (s && s.state === 'done') done[w.name] = s;
      }
      return done.A && done.B;
    }, 'both consumers to finish', POLL_SECONDS * 1000 + 30000, 500).catch((e) => {
      const progress = [A, B].map((w) => {
        const s = readJson(w.pollFile) || {};
        return `${w.name}: ${s.state}, ${s.calls} calls, ${s.failures} failures`;
      });
      throw new Error(`${e.message} (${progress.join('; ')})`);
    });
    for (const w of [A, B]) w.summary = done[w.name];
    const from = Math.max(A.summary.startedAt, B.summary.startedAt);
    const to = Math.min(A.summary.endedAt, B.summary.endedAt);
    ctx.notes.push(`window A polled ${secs(A.summary.endedAt - A.summary.startedAt)}, window B ${secs(B.summary.endedAt - B.summary.startedAt)}, ` +
      `side by side for ${secs(Math.max(0, to - from))}`);
    for (const w of [A, B]) assert(!w.summary.error, `window ${w.name}: ${w.summary.error}`);
    assert(to - from >= MIN_OVERLAP_MS, `the polls ran side by side for ${secs(Math.max(0, to - from))}, less than ${secs(MIN_OVERLAP_MS)}`);
  });

  // Runs whatever failed before it: the figures of what happened are reported in any case.
  step('h. the session survives both windows: 0 invalid_grant, 0 failed calls, 0 sessions ended, both still signed in', async () => {
    const B = windows.B;
    assert(B, 'window B never opened');
    // After an earlier failure a window may still be polling: its figures count once it is done.
    const polling = [A, B].filter((w) => w.pollFile && readJson(w.pollFile)?.state === 'running');
    if (polling.length) {
      const left = Math.max(...polling.map((w) => {
        const s = readJson(w.pollFile);
        return s.startedAt + s.seconds * 1000 - Date.now();
      }));
      ctx.notes.push(`waited for the poll of window ${polling.map((w) => w.name).join(' and ')} to end`);
      await waitFor(() => polling.every((w) => readJson(w.pollFile)?.state === 'done'), 'the polls still running to end', Math.max(0, left) + 20000, 500);
    }
    const counters = sim.control.counters();
    const before = ctx.before; // when the polls began
    const invalidGrant = counters.tokenErrors.invalid_grant || 0;
    const problems = [];
    const check = (ok, message) => ok || problems.push(message);
    const shots = [];
    for (const w of [A, B]) {
      // Look at the window as a person would: its status bar, and the toasts and notification center it showed.
      await w.page.bringToFront();
      await sleep(300); // one more look at the notifications
      w.status = await w.wb.lightStatus();
      await w.page.screenshot({ path: shot(w.name.toLowerCase()) });
      shots.push(path.relative(ROOT, shot(w.name.toLowerCase())));
    }
    ctx.notes.push(`simulator: ${counters.token.refresh_token} refresh_token grants` +
      `${before ? ` (${counters.token.refresh_token - before.token.refresh_token} during the polls)` : ''}, ` +
      `${invalidGrant} invalid_grant answers, token errors ${JSON.stringify(counters.tokenErrors)}, ` +
      `${counters.token.authorization_code} authorization_code grants, ${counters.api} API calls`);
    check(invalidGrant === 0, `Light answered invalid_grant ${invalidGrant} times`);
    for (const w of [A, B]) {
      const polled = w.summary || (w.pollFile && readJson(w.pollFile));
      check(polled && polled.state === 'done', `window ${w.name}: ${polled ? `the poll is "${polled.state}"` : 'no poll ran'}`);
      const s = { calls: 0, failures: 0, failureReasons: {}, failureDetails: [], statuses: {}, distinctTokens: 0, tokenChanges: 0, ...polled };
      const log = logOf(w);
      const text = lines(log);
      const endedLines = text.filter((l) => ENDED_LINE.test(l));
      const refusedLines = text.filter((l) => /invalid_grant/.test(l) && !ENDED_LINE.test(l));
      const endedNotes = [...w.overlays.seen.values()].filter((n) => ENDED_NOTIFICATION.test(n.text));
      const bad = w.overlays.badNotifications().filter((n) => !ENDED_NOTIFICATION.test(n.text));
      const signedIn = /Northwind Trading/.test(w.status) && !/Sign in to Light/.test(w.status);
      ctx.notes.push(`window ${w.name}: ${s.calls} calls, ${s.failures} failed${s.failures ? ` ${JSON.stringify(s.failureReasons)}` : ''}, ` +
        `statuses ${JSON.stringify(s.statuses)}, ${s.distinctTokens} distinct tokens (${s.tokenChanges} changes), least time left on a token ` +
        `handed out ${s.minSecondsLeft} s, company "${s.company}"`);
      ctx.notes.push(`window ${w.name}: ${endedLines.length} Light log lines saying the session ended, ${endedNotes.length} notifications saying so; ` +
        `status bar "${w.status}"`);
      ctx.notes.push(`window ${w.name}: Light log ${log ? path.relative(logsDir, log) : '(none)'}: ${count(text, /Refreshed the Light session/)} refreshes, ` +
        `${count(text, /Another window refreshed/)} taken from the other window, ${count(text, /Refreshing .* failed/)} failed refresh attempts, ` +
        `${refusedLines.length} other lines naming invalid_grant`);
      if (s.failures) ctx.notes.push(`window ${w.name}: first failures ${JSON.stringify(s.failureDetails.slice(0, 5))}`);
      for (const l of [...endedLines, ...refusedLines].slice(0, 5)) ctx.notes.push(`window ${w.name} log: ${l.slice(0, 300)}`);
      for (const n of endedNotes.slice(0, 3)) ctx.notes.push(`window ${w.name} notification (${n.severity}, at ${secs(n.atMs)}): ${n.text.slice(0, 200)}`);

      check(log, `window ${w.name}: no Light log`);
      check(s.failures === 0, `window ${w.name}: ${s.failures} failed calls ${JSON.stringify(s.failureReasons)}`);
      check(!endedLines.length && !endedNotes.length, `window ${w.name}: the session ended (${endedLines.length} log lines, ${endedNotes.length} notifications)`);
      check(signedIn, `window ${w.name}: the status bar shows "${w.status}"`);
      check(s.calls >= MIN_CALLS, `window ${w.name}: ${s.calls} calls, expected ≥ ${MIN_CALLS}`);
      check(s.distinctTokens > 1, `window ${w.name}: ${s.distinctTokens} distinct tokens, expected more than one`);
      check(s.company === 'Northwind Trading', `window ${w.name}: company "${s.company}"`);
      check(!bad.length, `window ${w.name}: notifications ${JSON.stringify(bad.map((n) => `${n.severity}: ${n.text}`))}`);
    }
    check(counters.token.authorization_code === 1, `${counters.token.authorization_code} authorization_code grants (a second sign-in?)`);
    ctx.notes.push(`screenshots ${shots.join(', ')}`);
    assert(!problems.length, problems.join('\n'));
  }, { always: true });
}

runE2e({
  title: 'two windows end to end',
  more: `${POLL_SECONDS} s of polling every ${POLL_EVERY_MS} ms in each window`,
  budgetMs: BUDGET_MS,
  tokenTtlSeconds: TOKEN_TTL_SECONDS,
  stateDirPrefix: 'light-vscode-e2e-windows-',
  host: (sim, stateDir) => {
    const pollDir = path.join(stateDir, 'poll'); // one summary per window: poll-<window id>.json
    fs.mkdirSync(pollDir, { recursive: true });
    return {
      settings: {
        'light.environment': 'custom',
        'light.apiUrl': sim.url,
        'light.oauth.relayUrl': `${sim.url}/relay`,
        'light.oauth.clientId': CLIENT_ID, // so Light asks for the secret only
      },
      env: { LIGHT_E2E_OUT: path.join(stateDir, 'consumer-summary.json'), LIGHT_E2E_POLL_DIR: pollDir, LIGHT_E2E_POLL_SECONDS: String(POLL_SECONDS) },
    };
  },
  define,
});
