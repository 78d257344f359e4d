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
//      each window ≥ 150 calls (2.5 a second) and more than one distinct token. When an earlier step failed, step h
//      does not run, but the same figures (and what their checks say) are printed after the run.
//
// `npm run test:e2e:windows` (builds first), or `npx playwright test -c test/e2e/playwright.config.ts
// twoWindows.spec.ts` after `tsc -p . && node esbuild.js`. One Playwright test per step, in order.
// Screenshots: .vscode-test/e2e-windows-a.png and e2e-windows-b.png after the polls; e2e-windows-a-failure.png and
// e2e-windows-b-failure.png when a step fails (with a Playwright trace under .vscode-test/e2e-results/).
// Env: LIGHT_E2E_POLL_SECONDS (how long each window polls, default 60; the call minimum and the time budget scale
// with it), VERBOSE=1 (code-server log and the windows' consoles), HEADFUL=1, KEEP_TEST_STATE=1 (keep the host's temp
// dir), TEST_SUMMARY_FILE (write {passed, failed, skipped, code} there as JSON, for scripts/test.js).
import * as fs from 'fs';
import * as path from 'path';
import { collectErrors } from '../runners/codeServer';
import type { SimulatorCounters } from '../simulator';
import { ENDED_NOTIFICATION } from './pages/notifications';
import { Popups } from './pages/popups';
import { oneLine } from './pages/text';
import { Workbench } from './pages/workbench';
import { CLIENT_ID, CLIENT_SECRET, ROOT, SHOT_DIR, SIGN_IN_COMMAND } from './support/constants';
import type { PollSummary } from './support/consumer';
import { count, findFiles, lines, readJson, secs } from './support/files';
import { e2eTest, timeout, type E2eRun } from './support/fixtures';
import { keepWalkthroughShut } from './support/machineSettings';
import { checkPopupSignIn } from './support/signIn';
import { assert, check, note, until } from './support/wait';

const shot = (name: string) => path.join(SHOT_DIR, `e2e-windows-${name}.png`);
const TOKEN_TTL_SECONDS = 5;
const POLL_SECONDS = Number(process.env.LIGHT_E2E_POLL_SECONDS || 60);
const POLL_EVERY_MS = 300; // the consumer's pace
/** Calls each window must make: 3⅓ a second are due, 2.5 a second (150 in 60 s) leave room for slow answers. */
const MIN_CALLS = Math.floor(POLL_SECONDS * 2.5);
/** The polls must run side by side for most of their length (window B starts a few seconds after window A). */
const MIN_OVERLAP_MS = POLL_SECONDS * 1000 * 0.75;
const POLL_COMMAND = 'Light Consumer: Poll Light';
/** The whole run, startup and shutdown included: 150 s for 60-second polls. */
const BUDGET_MS = (90 + POLL_SECONDS) * 1000;

/** What a Light log says when the session ended. */
const ENDED_LINE = /ended the session|session\b.*\bended/i;

const test = e2eTest({
  title: 'two windows end to end',
  more: `${POLL_SECONDS} s of polling every ${POLL_EVERY_MS} ms in each window`,
  budgetMs: BUDGET_MS,
  tokenTtlSeconds: TOKEN_TTL_SECONDS,
  stateDirPrefix: 'light-vscode-e2e-windows-',
  host: (sim, stateDir) => {
    const pollDir = path.join(stateDir, 'poll'); // one summary per window: poll-<window id>.json
    fs.mkdirSync(pollDir, { recursive: true });
    return keepWalkthroughShut(stateDir, {
      settings: {
        'light.environment': 'custom',
        'light.apiUrl': sim.url,
        'light.oauth.relayUrl': `${sim.url}/relay`,
        'light.oauth.clientId': CLIENT_ID, // so Light asks for the secret only
      },
      env: { LIGHT_E2E_OUT: path.join(stateDir, 'consumer-summary.json'), LIGHT_E2E_POLL_DIR: pollDir, LIGHT_E2E_POLL_SECONDS: String(POLL_SECONDS) },
    });
  },
});

/** One window: its workbench, its console errors, its Light log, its poll's summary file and what it reported. */
interface Win {
  name: 'A' | 'B';
  wb: Workbench;
  errors: string[];
  lightLog?: string;
  pollFile?: string;
  started?: PollSummary;
  summary?: PollSummary;
  status?: string;
}

test.describe.serial('two windows end to end', () => {
  let A: Win;
  let B: Win | undefined;
  let popups: Popups;
  let pollDir: string;
  let logsDir: string;
  /** The simulator's counters when the polls began. */
  let beforePolls: SimulatorCounters | undefined;
  /** Whether step h ran (else its figures are printed after the run). */
  let figuresReported = false;
  const windows = (): Win[] => (B ? [A, B] : [A]);
  const lightLogs = () => findFiles(logsDir, 'Light.log');
  const pollFiles = () => (fs.existsSync(pollDir) ? fs.readdirSync(pollDir).filter((f) => /^poll-.*\.json$/.test(f)).map((f) => path.join(pollDir, f)) : []);

  /** The Light log of window `w` in the host's logs dir: window A's is the only one before window B opens; window
   *  B's is the other. */
  const logOf = (w: Win): string | undefined => {
    if (w.lightLog || w === A) return w.lightLog;
    const others = lightLogs().filter((l) => l !== logOf(A));
    return A.lightLog && others.length === 1 ? others[0] : undefined;
  };

  test.beforeAll(({ run }) => {
    pollDir = path.join(run.stateDir, 'poll'); // made by `host` above
    logsDir = path.join(run.running.server.dirs.data, 'logs');
    A = { name: 'A', wb: run.wb, errors: run.running.browser.errors };
    popups = new Popups(run.wb.page.context(), (p) => windows().some((w) => w.wb.page === p));
  });

  test.afterEach(async ({ run }, testInfo) => {
    if (testInfo.status !== testInfo.expectedStatus) testInfo.annotations.push({ type: 'failure', description: (await failureReport(run)).join('\n') });
  });

  // Step h is skipped after an earlier failure: its figures are reported all the same, under the step that failed
  // (an annotation made in afterAll goes to the last step that ran).
  test.afterAll(async ({ run }) => {
    if (figuresReported) return;
    const report = (lines: string[]) => test.info().annotations.push({ type: 'failure', description: ['figures of step h, which did not run:', ...lines].join('\n') });
    if (!B) {
      report(['  none: window B never opened']);
      return;
    }
    const f = await figures(run);
    report([...f.notes.map((n) => `  ${n}`), ...f.problems.map((p) => `  would fail: ${p}`)]);
  });

  async function failureReport(run: E2eRun): Promise<string[]> {
    const out: string[] = [];
    for (const w of windows()) {
      out.push(`window ${w.name}:`);
      const file = shot(`${w.name.toLowerCase()}-failure`);
      try {
        await w.wb.page.screenshot({ path: file, timeout: 5000 });
        out.push(`  screenshot: ${path.relative(ROOT, file)}`);
      } catch (e) {
        out.push(`  screenshot failed: ${(e as Error).message}`);
      }
      out.push(`  status bar: "${await w.wb.statusBar.text().catch((e: Error) => `(${e.message})`)}"`);
      out.push(`  workbench console errors (${w.errors.length}):`);
      for (const e of w.errors.slice(-20)) out.push(`    ${oneLine(e).slice(0, 400)}`);
      out.push(`  notifications seen: ${JSON.stringify([...w.wb.overlays.seen.values()])}`);
      out.push(`  dialogs and quick inputs seen: ${JSON.stringify([...new Set(w.wb.overlays.prompts.map((p) => p.text.slice(0, 160)))])}`);
      const log = logOf(w);
      if (log) {
        out.push(`  Light log ${path.relative(logsDir, log)} (last 40 lines):`);
        for (const line of lines(log).slice(-40)) out.push(`    ${line}`);
      } else {
        out.push('  no Light log found for this window');
      }
      if (w.pollFile && fs.existsSync(w.pollFile)) out.push(`  poll summary: ${oneLine(fs.readFileSync(w.pollFile, 'utf8'))}`);
    }
    const unclaimed = lightLogs().filter((l) => !windows().some((w) => logOf(w) === l));
    if (unclaimed.length) out.push(`other Light logs: ${JSON.stringify(unclaimed.map((l) => path.relative(logsDir, l)))}`);
    out.push(`simulator counters: ${JSON.stringify(run.sim.control.counters())}`);
    return out;
  }

  /**
   * Runs "Poll Light" in window `w`: the palette, then VS Code's consent dialog and account pick if it shows them,
   * until the consumer reports that it has the session and polls. Returns its summary.
   */
  async function startPoll(run: E2eRun, w: Win): Promise<PollSummary> {
    const { sim } = run;
    const { wb } = w;
    // Still signed in? Otherwise "Allow" would start a new sign-in instead of handing over the session.
    const status = await wb.statusBar.text();
    assert(/Northwind Trading/.test(status), `window ${w.name}'s status bar shows "${status}" before the poll: the session is gone (see its Light log)`);
    const authorize0 = sim.control.counters().authorize;
    const known = new Set(pollFiles());
    await wb.page.bringToFront();
    await wb.palette.run(POLL_COMMAND);
    const pollFile = await until(() => pollFiles().find((f) => !known.has(f)), `window ${w.name}'s consumer to start its summary`, 15000, 100);
    w.pollFile = pollFile;
    const started = (s: PollSummary | undefined) => s && s.state !== 'starting';
    const asked = await until(async () => {
      if (started(readJson<PollSummary>(pollFile))) return 'nothing';
      if (await wb.dialog.isOpen()) return 'consent';
      if (await wb.auth.accountPickShown()) return 'account';
      return undefined;
    }, `window ${w.name}: VS Code to ask, or the consumer to have the session`, 15000, 100);
    try {
      if (asked === 'consent') await wb.auth.allowAndPickNorthwind(await wb.dialog.parts());
      else if (asked === 'account') await wb.auth.pickNorthwind();
    } catch (e) {
      const authorize = sim.control.counters().authorize;
      if (authorize > authorize0) throw new Error(`${(e as Error).message}: Light signed in anew instead (${authorize - authorize0} authorize requests), so it had no session left in window ${w.name}`);
      throw e;
    }
    note(asked === 'nothing' ? 'VS Code did not ask: the consent given in the other window holds here' : `VS Code asked (${asked})`);
    const summary = await until(() => {
      const s = readJson<PollSummary>(pollFile);
      return started(s) ? s : undefined;
    }, `window ${w.name}'s consumer to report that it has the session`, 15000, 100);
    assert(!summary.error, String(summary.error));
    assert(summary.state === 'running', `the consumer's summary says "${summary.state}"`);
    assert(/^Northwind Trading \(/.test(summary.account || ''), `the consumer got the account "${summary.account}"`);
    await until(async () => !(await wb.quickInput.isOpen()) && !(await wb.dialog.isOpen()), 'the account pick to close', 5000);
    note(`window ${w.name} (${summary.windowId}): the consumer has "${summary.account}" ${summary.consentMs} ms after its ` +
      `getSession(createIfNone) and polls; Light's status bar there: "${await wb.statusBar.text()}"`);
    return summary;
  }

  /** The figures of step h, with what its checks found wrong (`problems`). */
  async function figures(run: E2eRun): Promise<{ notes: string[]; problems: string[] }> {
    const { sim } = run;
    const notes: string[] = [];
    const problems: string[] = [];
    const want = (ok: unknown, message: string) => ok || problems.push(message);
    const both = windows();
    // After an earlier failure a window may still be polling: its figures count once it is done.
    const polling = both.filter((w) => readJson<PollSummary>(w.pollFile)?.state === 'running');
    if (polling.length) {
      const left = Math.max(...polling.map((w) => {
        const s = readJson<PollSummary>(w.pollFile);
        return (s?.startedAt ?? 0) + (s?.seconds ?? 0) * 1000 - Date.now();
      }));
      notes.push(`waited for the poll of window ${polling.map((w) => w.name).join(' and ')} to end`);
      await until(() => polling.every((w) => readJson<PollSummary>(w.pollFile)?.state === 'done'), 'the polls still running to end', Math.max(0, left) + 20000, 500);
    }
    const counters = sim.control.counters();
    const before = beforePolls;
    const invalidGrant = counters.tokenErrors.invalid_grant || 0;
    const shots: string[] = [];
    for (const w of both) {
      // Look at the window as a person would: its status bar, and the toasts and notification center it showed.
      await w.wb.page.bringToFront();
      await w.wb.overlays.nextSample(); // one more look at the notifications
      w.status = await w.wb.statusBar.text();
      await w.wb.page.screenshot({ path: shot(w.name.toLowerCase()) });
      shots.push(path.relative(ROOT, shot(w.name.toLowerCase())));
    }
    notes.push(`simulator: ${counters.token.refresh_token} refresh_token grants` +
      `${before ? ` (${counters.token.refresh_token - before.token.refresh_token} during the polls)` : ''}, ` +
      `${invalidGrant} invalid_grant answers, token errors ${JSON.stringify(counters.tokenErrors)}, ` +
      `${counters.token.authorization_code} authorization_code grants, ${counters.api} API calls`);
    want(invalidGrant === 0, `Light answered invalid_grant ${invalidGrant} times`);
    for (const w of both) {
      const polled = w.summary || readJson<PollSummary>(w.pollFile);
      want(polled && polled.state === 'done', `window ${w.name}: ${polled ? `the poll is "${polled.state}"` : 'no poll ran'}`);
      const s: Partial<PollSummary> & Pick<PollSummary, 'calls' | 'failures' | 'failureReasons' | 'failureDetails' | 'statuses' | 'distinctTokens' | 'tokenChanges'> = {
        calls: 0, failures: 0, failureReasons: {}, failureDetails: [], statuses: {}, distinctTokens: 0, tokenChanges: 0, ...polled,
      };
      const log = logOf(w);
      const text = lines(log);
      const endedLines = text.filter((l) => ENDED_LINE.test(l));
      const refusedLines = text.filter((l) => /invalid_grant/.test(l) && !ENDED_LINE.test(l));
      const endedNotes = [...w.wb.overlays.seen.values()].filter((n) => ENDED_NOTIFICATION.test(n.text));
      const bad = w.wb.overlays.badNotifications().filter((n) => !ENDED_NOTIFICATION.test(n.text));
      const status = w.status || '';
      const signedIn = /Northwind Trading/.test(status) && !/Sign in to Light/.test(status);
      notes.push(`window ${w.name}: ${s.calls} calls, ${s.failures} failed${s.failures ? ` ${JSON.stringify(s.failureReasons)}` : ''}, ` +
        `statuses ${JSON.stringify(s.statuses)}, ${s.distinctTokens} distinct tokens (${s.tokenChanges} changes), least time left on a token ` +
        `handed out ${s.minSecondsLeft} s, company "${s.company}"`);
      notes.push(`window ${w.name}: ${endedLines.length} Light log lines saying the session ended, ${endedNotes.length} notifications saying so; ` +
        `status bar "${status}"`);
      notes.push(`window ${w.name}: Light log ${log ? path.relative(logsDir, log) : '(none)'}: ${count(text, /Refreshed the Light session/)} refreshes, ` +
        `${count(text, /Another window refreshed/)} taken from the other window, ${count(text, /Refreshing .* failed/)} failed refresh attempts, ` +
        `${refusedLines.length} other lines naming invalid_grant`);
      if (s.failures) notes.push(`window ${w.name}: first failures ${JSON.stringify(s.failureDetails.slice(0, 5))}`);
      for (const l of [...endedLines, ...refusedLines].slice(0, 5)) notes.push(`window ${w.name} log: ${l.slice(0, 300)}`);
      for (const n of endedNotes.slice(0, 3)) notes.push(`window ${w.name} notification (${n.severity}, at ${secs(n.atMs)}): ${n.text.slice(0, 200)}`);

      want(log, `window ${w.name}: no Light log`);
      want(s.failures === 0, `window ${w.name}: ${s.failures} failed calls ${JSON.stringify(s.failureReasons)}`);
      want(!endedLines.length && !endedNotes.length, `window ${w.name}: the session ended (${endedLines.length} log lines, ${endedNotes.length} notifications)`);
      want(signedIn, `window ${w.name}: the status bar shows "${status}"`);
      want(s.calls >= MIN_CALLS, `window ${w.name}: ${s.calls} calls, expected ≥ ${MIN_CALLS}`);
      want(s.distinctTokens > 1, `window ${w.name}: ${s.distinctTokens} distinct tokens, expected more than one`);
      want(s.company === 'Northwind Trading', `window ${w.name}: company "${s.company}"`);
      want(!bad.length, `window ${w.name}: notifications ${JSON.stringify(bad.map((n) => `${n.severity}: ${n.text}`))}`);
    }
    want(counters.token.authorization_code === 1, `${counters.token.authorization_code} authorization_code grants (a second sign-in?)`);
    notes.push(`screenshots ${shots.join(', ')}`);
    return { notes, problems };
  }

  // ---- the steps -------------------------------------------------------------------------------------------

  test(`a. window A: runs "${SIGN_IN_COMMAND}" from the command palette`, async ({ run }) => {
    const status = await A.wb.statusBar.waitForText(SIGN_IN_COMMAND, `the status bar to show "${SIGN_IN_COMMAND}"`, 60000);
    note(`status bar "${status}" ${Date.now() - run.t0} ms after start`);
    const { labels } = await A.wb.palette.run(SIGN_IN_COMMAND);
    note(`palette entries for it: ${JSON.stringify(labels)}`);
  });

  test('b. window A: with light.oauth.clientId set, Light asks for the client secret only', async ({ run }) => {
    const { sim } = run;
    const { dialog, quickInput } = A.wb;
    // The guide first (it names the redirect URIs to register), then the secret box; never a client ID box.
    const first = await until(async () => ((await dialog.isOpen()) ? 'dialog' : (await quickInput.isOpen()) ? 'input' : undefined),
      'Light to ask for the OAuth client', 15000);
    if (first === 'dialog') {
      const guide = await dialog.parts();
      note(`dialog: "${guide.message}" ${JSON.stringify(guide.buttons)}`);
      assert(guide.message === 'Light needs an OAuth client for VS Code', `the dialog says "${guide.message}"`);
      assert(guide.detail.includes(`${sim.url}/relay`), `the dialog does not name the redirect URI ${sim.url}/relay: ${guide.detail}`);
      await dialog.click('Enter Client ID and Secret');
      await dialog.waitClosed();
    }
    await until(async () => (await quickInput.isOpen()) && (await quickInput.input.count()), 'an input box', 10000);
    const title = await quickInput.title();
    const prompt = await quickInput.message();
    note(`input box: "${title}"${prompt ? ` — "${prompt}"` : ''}`);
    assert(!/client ID/i.test(`${title} ${prompt}`) || /secret/i.test(`${title} ${prompt}`), `Light asked for the client ID although light.oauth.clientId is set: "${title}" "${prompt}"`);
    await until(async () => (await quickInput.inputType()) === 'password', `the box "${title}" to be a password box (the secret)`, 5000);
    await quickInput.type(CLIENT_SECRET);
    await quickInput.submit();
    await quickInput.waitClosed('the input box to close');
    const asked = [...new Set(A.wb.overlays.prompts.map((p) => p.text))].filter((t) => /^quick input:/.test(t));
    assert(!asked.some((t) => /\(1\/2\)|client ID/i.test(t) && !/secret/i.test(t)), `a client ID box was shown: ${JSON.stringify(asked)}`);
  });

  test('c. window A: the popup signs in at Light and comes back; the status bar shows the company', async ({ run }) => {
    await checkPopupSignIn({ wb: A.wb, sim: run.sim, serverUrl: run.running.server.url, popups, pattern: /Northwind Trading · \S+ left/ });
    await popups.close();
    const logs = lightLogs();
    assert(logs.length === 1, `${logs.length} Light logs with one window open: ${JSON.stringify(logs)}`);
    A.lightLog = logs[0];
  });

  test('d. window B (a second tab on the same workbench) shows the company without signing in', async ({ run }) => {
    const { sim, running, t0 } = run;
    const before = sim.control.counters();
    const navs0 = popups.navigations.length;
    const page = await A.wb.page.context().newPage();
    const errors: string[] = [];
    collectErrors(page, errors, { verbose: !!process.env.VERBOSE, prefix: 'workbench B' });
    const wb = new Workbench(page, t0);
    run.windows.push(wb); // stopped with the run
    const b: Win = { name: 'B', wb, errors };
    B = b;
    const s0 = Date.now();
    await page.goto(running.url, { timeout: 30000 });
    // Until it shows the company, or says that the session ended (then there is nothing left to wait for).
    const endedIn = (w: Win) => [...w.wb.overlays.seen.values()].find((n) => ENDED_NOTIFICATION.test(n.text));
    const seenB = await until(async () => {
      const s = await wb.statusBar.text();
      if (/Northwind Trading/.test(s)) return { status: s };
      const ended = endedIn(b) || endedIn(A);
      return ended ? { ended } : undefined;
    }, 'window B\'s status bar to show "Northwind Trading"', 60000, 250).catch(async (e: Error) => {
      throw new Error(`${e.message}; it shows "${await wb.statusBar.text()}"`);
    });
    assert(!seenB.ended, `the session ended before window B showed it (B's status bar: "${await wb.statusBar.text()}"; ` +
      `notification: "${seenB.ended?.text}"; see the Light logs)`);
    note(`window B's status bar "${seenB.status}" ${Date.now() - s0} ms after it opened; window A's "${await A.wb.statusBar.text()}"`);
    const after = sim.control.counters();
    assert(after.authorize === before.authorize && after.token.authorization_code === before.token.authorization_code,
      `window B signed in: authorize ${before.authorize} → ${after.authorize}, authorization_code ${before.token.authorization_code} → ${after.token.authorization_code}`);
    assert(popups.navigations.length === navs0, `a popup opened: ${JSON.stringify(popups.since(navs0))}`);
    const logs = await until(() => {
      const l = lightLogs().filter((f) => f !== A.lightLog);
      return l.length ? l : undefined;
    }, 'window B\'s Light log', 10000);
    assert(logs.length === 1, `${logs.length} new Light logs for window B: ${JSON.stringify(logs)}`);
    b.lightLog = logs[0];
    note(`Light logs: A ${path.relative(logsDir, A.lightLog || '')}, B ${path.relative(logsDir, b.lightLog)}`);
  });

  test(`e. window A: "${POLL_COMMAND}": VS Code asks, the user allows, the poll starts`, async ({ run }) => {
    beforePolls = run.sim.control.counters();
    A.started = await startPoll(run, A);
  });

  test(`f. window B: "${POLL_COMMAND}" right after, answering VS Code if it asks; both windows poll at once`, async ({ run }) => {
    assert(B && A.started, 'window B never opened, or window A does not poll');
    const b = B;
    b.started = await startPoll(run, b);
    assert(b.started.windowId !== A.started.windowId, `both windows report the window id ${A.started.windowId}`);
    assert(b.pollFile !== A.pollFile, 'both windows wrote the same summary file');
    note(`window B's poll started ${(b.started.startedAt ?? 0) - (A.started.startedAt ?? 0)} ms after window A's`);
  });

  test(`g. both windows poll Light for ${POLL_SECONDS} s, at the same time`, timeout(POLL_SECONDS * 1000 + 45000), async () => {
    assert(B, 'window B never opened');
    const both = [A, B];
    const done: Partial<Record<Win['name'], PollSummary>> = {};
    await until(() => {
      for (const w of both) {
        const s = readJson<PollSummary>(w.pollFile);
        if (s && s.state === 'done') done[w.name] = s;
      }
      return done.A && done.B;
    }, 'both consumers to finish', POLL_SECONDS * 1000 + 30000, 500).catch((e: Error) => {
      const progress = both.map((w) => {
        const s: Partial<PollSummary> = readJson<PollSummary>(w.pollFile) || {};
        return `${w.name}: ${s.state}, ${s.calls} calls, ${s.failures} failures`;
      });
      throw new Error(`${e.message} (${progress.join('; ')})`);
    });
    A.summary = done.A;
    B.summary = done.B;
    const a = done.A as PollSummary;
    const b = done.B as PollSummary;
    const from = Math.max(a.startedAt ?? 0, b.startedAt ?? 0);
    const to = Math.min(a.endedAt ?? 0, b.endedAt ?? 0);
    note(`window A polled ${secs((a.endedAt ?? 0) - (a.startedAt ?? 0))}, window B ${secs((b.endedAt ?? 0) - (b.startedAt ?? 0))}, ` +
      `side by side for ${secs(Math.max(0, to - from))}`);
    for (const [name, s] of [['A', a], ['B', b]] as const) assert(!s.error, `window ${name}: ${s.error}`);
    assert(to - from >= MIN_OVERLAP_MS, `the polls ran side by side for ${secs(Math.max(0, to - from))}, less than ${secs(MIN_OVERLAP_MS)}`);
  });

  test('h. the session survives both windows: 0 invalid_grant, 0 failed calls, 0 sessions ended, both still signed in', async ({ run }) => {
    figuresReported = true;
    assert(B, 'window B never opened');
    const f = await figures(run);
    for (const n of f.notes) note(n);
    for (const p of f.problems) check(false, p);
  });
});
