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
// `npm run test:e2e` (builds first), or `npx playwright test -c test/e2e/playwright.config.ts workbench.spec.ts`
// after `tsc -p . && node esbuild.js`. One Playwright test per step, in order (a failed step skips the rest).
// Screenshots: .vscode-test/e2e-signed-in.png, e2e-signed-out.png, and e2e-failure.png when a step fails (with a
// Playwright trace under .vscode-test/e2e-results/).
// Env: LIGHT_E2E_SECONDS (how long the consumer uses the session, default 30), VERBOSE=1 (code-server log and
// workbench console), HEADFUL=1 (a visible chromium, where there is a display), KEEP_TEST_STATE=1 (keep the host's
// temp dir), TEST_SUMMARY_FILE (write {passed, failed, skipped, code} there as JSON, for scripts/test.js).
import * as fs from 'fs';
import * as path from 'path';
import type { SimulatorCounters } from '../simulator';
import { said } from './pages/dialog';
import { AccountsMenu } from './pages/accountsMenu';
import { CONSENT_MESSAGE, SIGN_IN_AGAIN_MESSAGE } from './pages/authentication';
import { Popups } from './pages/popups';
import { CLIENT_ID, CLIENT_SECRET, ROOT, SHOT_DIR, SIGN_IN_COMMAND } from './support/constants';
import type { Busy, ChooseAccountAgain, ConsumerSummary, Probe, SignInAgain, UseSummary, Vendors } from './support/consumer';
import { findFiles } from './support/files';
import { failureReport } from './support/failureReport';
import { keepWalkthroughShut } from './support/machineSettings';
import { picture } from './support/pictures';
import { e2eTest, timeout } from './support/fixtures';
import { checkPopupSignIn } from './support/signIn';
import { assert, check, note, until } from './support/wait';

const SHOTS = {
  signedIn: path.join(SHOT_DIR, 'e2e-signed-in.png'),
  signedOut: path.join(SHOT_DIR, 'e2e-signed-out.png'),
  failure: path.join(SHOT_DIR, 'e2e-failure.png'),
};
const TOKEN_TTL_SECONDS = 5;
const CONSUMER_SECONDS = Number(process.env.LIGHT_E2E_SECONDS || 30);
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
/** Light commands the consumer leaves out of its probe (they start a sign-in, open a pick, or only show something; LEFT_OUT in
 *  test/fixtures/consumer/extension.js). */
const PROBE_LEFT_OUT = ['light.signIn', 'light.signInAnotherWay', 'light.statusMenu', 'light.showLog', 'light.cancelSignIn', 'light.goToRecord', 'light.explorer.switchAccount',
  'light.openWalkthrough', 'light.chooseEnvironment', 'light.showRedirectUris', 'light.copyApiExample'];
/** The test hooks of src/vscode/testHooks.ts, which Light registers only while VS Code runs extension tests. */
const TEST_HOOK_PREFIX = 'light.test.';
/** What no string in the probe's report may look like. */
const CREDENTIAL_LIKE: [RegExp, string][] = [
  [/eyJ[A-Za-z0-9_-]{4,}/, 'a JWT'],
  [/light-(dev|sandbox)-api-key/, "the simulator's API key"],
  [/light-vscode-(dev|sandbox)-secret/, "the simulator's client secret"],
  [/[A-Za-z0-9_-]{20,}/, '20 or more base64url characters in a row'],
  [/Northwind/i, 'the company name (Light data)'],
];
const NEW_SESSION_DETAIL = 'Testing a new session'; // what the consumer passes as forceNewSession.detail
/** The whole run, startup and shutdown included. */
const BUDGET_MS = 120000;

const test = e2eTest({
  title: 'workbench end to end',
  budgetMs: BUDGET_MS,
  tokenTtlSeconds: TOKEN_TTL_SECONDS,
  stateDirPrefix: 'light-vscode-e2e-',
  host: (sim, stateDir) => keepWalkthroughShut(stateDir, {
    settings: {
      'light.environment': 'custom',
      'light.apiUrl': sim.url,
      'light.oauth.relayUrl': `${sim.url}/relay`,
      // No light.oauth.clientId: the first sign-in shows the guide that asks for the client.
    },
    // LIGHT_E2E_COMPANY_ID: the company id, as if learned elsewhere, so that the probe forges the real session id.
    env: { LIGHT_E2E_OUT: path.join(stateDir, 'consumer-summary.json'), LIGHT_E2E_SECONDS: String(CONSUMER_SECONDS), LIGHT_E2E_COMPANY_ID: sim.companies[0].id },
  }),
});

const grants = (c: SimulatorCounters) => c.token.authorization_code + c.token.refresh_token + c.token.other;

test.describe.serial('workbench end to end', () => {
  let popups: Popups;
  let outFile: string;
  const summary = (): ConsumerSummary => JSON.parse(fs.readFileSync(outFile, 'utf8')) as ConsumerSummary;

  test.beforeAll(({ run }) => {
    outFile = path.join(run.stateDir, 'consumer-summary.json');
    const page = run.wb.page;
    popups = new Popups(page.context(), (p) => p === page);
  });

  test.afterEach(async ({ run }, testInfo) => {
    if (testInfo.status !== testInfo.expectedStatus) testInfo.annotations.push({ type: 'failure', description: (await failureReport(run, SHOTS.failure, () => (fs.existsSync(outFile) ? [`consumer summary: ${fs.readFileSync(outFile, 'utf8').trim()}`] : []))).join('\n') });
  });

  test(`a. runs "${SIGN_IN_COMMAND}" from the command palette`, async ({ run }) => {
    const status = await run.wb.statusBar.waitForText(SIGN_IN_COMMAND, `the status bar to show "${SIGN_IN_COMMAND}"`, 60000);
    note(`status bar "${status}" ${Date.now() - run.t0} ms after start`);
    const { labels } = await run.wb.palette.run(SIGN_IN_COMMAND);
    note(`palette entries for it: ${JSON.stringify(labels)}`);
  });

  test('b. the first-run guide names the redirect URI and takes the client ID and secret', async ({ run }) => {
    const { wb, sim } = run;
    const { dialog, quickInput } = wb;
    await dialog.waitOpen('the "Light needs an OAuth client" dialog', 15000);
    const guide = await dialog.parts();
    note(`dialog: "${guide.message}" — "${guide.detail}" ${JSON.stringify(guide.buttons)}`);
    await picture(wb, 'sign-in');
    assert(guide.message === 'Light needs an OAuth client for VS Code', `the dialog says "${guide.message}"`);
    assert(guide.detail.includes(`${sim.url}/relay`), `the dialog does not name the redirect URI ${sim.url}/relay: ${guide.detail}`);
    await dialog.click('Enter Client ID and Secret');
    await dialog.waitClosed();

    await quickInput.waitForTitle('Light OAuth client (1/2)', 'the client ID input box', 10000);
    assert((await quickInput.inputType()) !== 'password', 'the client ID box hides what is typed');
    await quickInput.type(CLIENT_ID);
    await quickInput.submit();

    await quickInput.waitForTitle('Light OAuth client (2/2)', 'the client secret input box', 10000);
    await until(async () => (await quickInput.inputType()) === 'password', 'the secret box to be a password box', 5000);
    await quickInput.type(CLIENT_SECRET);
    await quickInput.submit();
    await quickInput.waitClosed('the input box to close');
  });

  test('c. the browser popup signs in at Light and comes back; the status bar shows the company and the time left', async ({ run }) => {
    const { wb, sim, running } = run;
    await checkPopupSignIn({ wb, sim, serverUrl: running.server.url, popups, pattern: /Northwind Trading · \d+s left/ });
    await popups.close();
    await wb.page.bringToFront();
    await wb.overlays.waitFor(/^Signed in to Light as Northwind Trading/, 'the "Signed in" notification', 5000);
    await wb.screenshot(SHOTS.signedIn);
    note(`screenshot ${path.relative(ROOT, SHOTS.signedIn)}`);
  });

  test(`d. "${PROBE_COMMAND}": an extension the user has not allowed gets no credential, no data and no Light call`, async ({ run }) => {
    const { wb, sim, t0 } = run;
    const { dialog, quickInput } = wb;
    const from = Date.now() - t0;
    const readProbe = () => summary().probe;
    // Light refreshes its 5-second tokens by itself every 2.5 s, which would hide a token request made for the
    // consumer: the probe runs on a longer token, which Light refreshes only half-way through its life.
    const c0 = sim.control.counters();
    sim.control.setAccessTokenTtlSeconds(PROBE_TOKEN_TTL_SECONDS);
    let before: SimulatorCounters;
    let after: SimulatorCounters;
    type Box = { n?: number; command?: string; argument?: string; title: string; type: string | null; value: string };
    type Asked = { dialog: { n?: number; what?: string; command?: string; argument?: string; message: string; buttons: string[] } };
    const boxes: Box[] = [];
    const dialogs: Asked[] = [];
    const questions: Asked[] = []; // Light's own: light.signOut run by the consumer asks the user first
    const unexpected: (Box | Asked)[] = [];
    let probe: Probe;
    try {
      await until(() => grants(sim.control.counters()) > grants(c0), 'Light to refresh its session', 10000, 100);
      await until(async () => Number((/· (\d+)s left/.exec(await wb.statusBar.text()) || [])[1]) > TOKEN_TTL_SECONDS,
        `the status bar to show a ${PROBE_TOKEN_TTL_SECONDS}-second token`, 5000, 100);
      before = sim.control.counters();
      const p0 = Date.now();
      await wb.palette.run(PROBE_COMMAND);
      // Whatever the consumer's calls open, the user says no: Escape on an input box, "Cancel" on a dialog. Each is
      // matched to the call the consumer says it is making (its `busy` number): VS Code's consent dialog belongs to
      // getSession(createIfNone), Light's sign-out question to light.signOut with an object (which names no account
      // and so means the only one); anything else is unexpected.
      const handled = new Set<number | string | undefined>();
      const answers: string[] = []; // what the user answered, in order
      probe = await until(async () => {
        const p = readProbe();
        if (p && p.state === 'done') return p;
        const busy: Busy = (p && p.busy) || {};
        // What is on screen belongs to the call the consumer is making before and after the look (it waits for the
        // answer); if it moved on in between, look again.
        const same = () => (readProbe()?.busy?.n ?? null) === (busy.n ?? null);
        if (await dialog.isOpen()) {
          if (!same()) return undefined;
          const parts = await dialog.parts();
          const entry = { n: busy.n, what: busy.what, command: busy.command, argument: busy.argument, message: said(parts), buttons: parts.buttons };
          const signOut = busy.what === 'command' && busy.command === 'light.signOut' && busy.argument === 'an object';
          (handled.has(busy.n) ? unexpected : busy.what === 'getSession createIfNone' ? dialogs : signOut ? questions : unexpected).push({ dialog: entry });
          handled.add(busy.n);
          answers.push(`${Date.now() - p0} ms: call ${busy.n} (${busy.what}${busy.command ? ` ${busy.command}(${busy.argument})` : ''}) dialog "${entry.message}" → Cancel`);
          await dialog.click('Cancel');
          await dialog.waitClosed();
          return undefined;
        }
        if (await quickInput.isOpen()) {
          const title = await quickInput.title();
          if (!title || handled.has(`box ${busy.n}`)) return undefined; // the palette closing, or a box on its way out
          const box = { n: busy.n, command: busy.command, argument: busy.argument, title, type: await quickInput.inputType(), value: await quickInput.inputValue() };
          if (!same()) return undefined;
          (busy.what === 'command' ? boxes : unexpected).push(box);
          handled.add(`box ${busy.n}`);
          answers.push(`${Date.now() - p0} ms: call ${busy.n} (${busy.what}${busy.command ? ` ${busy.command}(${busy.argument})` : ''}) box "${title}" → Escape`);
          await quickInput.dismiss();
        }
        return undefined;
      }, 'the consumer to finish its probe', 40000, 100);
      after = sim.control.counters();
      note(`the probe took ${Date.now() - p0} ms (${probe.ms} ms in the consumer), the user's answers included: ${answers.join('; ')}`);
    } finally {
      sim.control.setAccessTokenTtlSeconds(TOKEN_TTL_SECONDS);
    }

    check(!probe.error, `the probe failed: ${probe.error}`);

    // 1. Nothing that looks like a credential, and no Light data, anywhere in what the consumer found.
    const strings: string[] = [];
    const collect = (v: unknown) => {
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
    const walk = probe.exportsWalk;
    note(`exports: strings ${JSON.stringify(walk?.strings)}; properties ${JSON.stringify(walk?.paths)}; getters ${JSON.stringify(walk?.accessors)}`);
    check(walk?.sameObject, 'activate() and extension.exports are not the same object');
    check(walk?.paths && walk.paths.some((x) => /^getApi\(1\)\.client: function$/.test(x)), `the walk did not reach getApi(1).client: ${JSON.stringify(walk?.paths)}`);

    // 2. getApi for other versions, and client() for every session Light did not hand out: LightApiErrors.
    const refusedAll = (list: { threw: boolean; name?: string }[]) => list.length && list.every((x) => x.threw && x.name === 'LightApiError');
    check(refusedAll(probe.getApi), `getApi: ${JSON.stringify(probe.getApi)}`);
    check(probe.getApi.some((x) => x.version === '2'), 'getApi(2) was not tried');
    check(refusedAll(probe.forgedClients), `forged sessions: ${JSON.stringify(probe.forgedClients.filter((x) => !(x.threw && x.name === 'LightApiError')))}`);
    check(probe.forgedClients.filter((x) => x.realId).length >= 4, 'the real session id was not tried');
    const types = [...new Set(probe.forgedClients.map((x) => `type ${x.type ?? 'none'}, status ${x.status ?? 'none'}`))];
    note(`getApi(${probe.getApi.map((x) => x.version).join(', ')}) and client() with ${probe.forgedClients.length} made-up sessions ` +
      `(${probe.forgedClients.filter((x) => x.realId).length} with the real session id): all threw ${[...new Set([...probe.forgedClients, ...probe.getApi].map((x) => x.name))].join(', ')} ` +
      `(${types.join('; ')}): "${probe.forgedClients[0] && probe.forgedClients[0].message}"`);

    // 3. Every Light command: run or left out for a reason; only booleans (or nothing) back; the two that take a
    //    secret asked for it in their own input box, empty, instead of taking the argument.
    const ran = [...new Set(probe.commands.map((x) => x.command))];
    const leftOut = [...new Set(probe.leftOut.map((x) => x.command))];
    note(`light.* commands: ${JSON.stringify(probe.commandsFound)}; run: ${JSON.stringify(ran)}; left out: ${JSON.stringify(leftOut)}`);
    check(probe.commandsFound.every((c) => ran.includes(c) || leftOut.includes(c)), 'a command was neither run nor left out');
    check(leftOut.every((c) => PROBE_LEFT_OUT.includes(c)), `left out more than the consumer's list (LEFT_OUT): ${JSON.stringify(leftOut)}`);
    for (const c of ['light.signInWithApiKey', 'light.setClientSecret', 'light.signOut']) check(ran.includes(c), `${c} was not run`);
    // A development window has no test hooks (Light registers them only while VS Code runs extension tests), and
    // every Light command it has is one that package.json contributes.
    const hooks = probe.commandsFound.filter((c) => c.startsWith(TEST_HOOK_PREFIX));
    check(!hooks.length, `test hooks in this window: ${JSON.stringify(hooks)}`);
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { commands: { command: string }[] } };
    const contributed = manifest.contributes.commands.map((x) => x.command);
    const unlisted = probe.commandsFound.filter((c) => !contributed.includes(c));
    check(!unlisted.length, `commands not in package.json: ${JSON.stringify(unlisted)}`);
    const results = probe.commands.map((x) => `${x.command}(${x.argument}) → ${x.resultType}${x.result !== undefined ? ` ${x.result}` : ''}${x.error ? ` "${x.error}"` : ''}`);
    note(`results: ${results.join('; ')}`);
    check(probe.commands.every((x) => x.resultType === 'boolean' || x.resultType === 'undefined'), `a command returned something else: ${results.join('; ')}`);
    const asks: Record<string, RegExp> = { 'light.signInWithApiKey': /API key/, 'light.setClientSecret': /client secret/i, 'light.mcp.setToken': /MCP token/ };
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
    note(`input boxes dismissed: ${boxes.map((b) => `"${b.title}" (${b.type}, empty: ${b.value === ''})`).join(', ')}`);
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
      note(`sign-out question: "${q.message}" ${JSON.stringify(q.buttons)} → "Cancel" → light.signOut(an object) → ` +
        `${signOut && signOut.resultType} ${signOut && signOut.result}`);
    }
    check(signOut && signOut.resultType === 'boolean' && signOut.result === false, `light.signOut(an object) after "Cancel" → ${signOut && signOut.resultType} ${signOut && signOut.result}`);
    check(!unexpected.length, `the probe opened what no call of it explains: ${JSON.stringify(unexpected)}`);

    // 4. VS Code: nothing silently; with createIfNone its consent dialog, which the user cancelled.
    check(probe.silentSession === 'undefined', `getSession(silent) gave the consumer ${probe.silentSession}`);
    check(dialogs.length === 1 && dialogs[0].dialog.message === CONSENT_MESSAGE, `dialogs: ${JSON.stringify(dialogs)}`);
    check(probe.consent && probe.consent.rejected, `getSession(createIfNone) after "Cancel": ${JSON.stringify(probe.consent)}`);
    note(`consent: ${dialogs.map((d) => `"${d.dialog.message}" ${JSON.stringify(d.dialog.buttons)}`).join(', ')} → "Cancel" → ` +
      `getSession rejected "${probe.consent && probe.consent.message}"; getSession(silent) → ${probe.silentSession}`);
    const accounts = summary().probeVsCodeAccounts;
    note(`VS Code's own vscode.authentication.getAccounts('light') (not Light's exports or commands) answers every extension: ${JSON.stringify(accounts)}`);
    check(accounts && accounts.count === 1 && accounts.labels?.[0] === account, `after the sign-out question VS Code lists the Light accounts ${JSON.stringify(accounts)}, not "${account}"`);

    // 5. No Light call for it: the API and token counters did not move, and the session is as it was.
    note(`simulator during the probe: API calls ${before.api} → ${after.api}, token grants ${JSON.stringify(before.token)} → ${JSON.stringify(after.token)}, ` +
      `authorize ${before.authorize} → ${after.authorize}, writes ${before.writes} → ${after.writes}`);
    check(after.api === before.api, `${after.api - before.api} API calls during the probe`);
    check(grants(after) === grants(before) && after.authorize === before.authorize, `token requests during the probe: ${JSON.stringify(before.token)} → ${JSON.stringify(after.token)}, authorize ${before.authorize} → ${after.authorize}`);
    check(after.writes === before.writes, `${after.writes - before.writes} writes during the probe`);
    check(JSON.stringify(after.tokenErrors) === JSON.stringify(before.tokenErrors), `token errors: ${JSON.stringify(after.tokenErrors)}`);
    const status = await wb.statusBar.text();
    check(/Northwind Trading · \d+s left/.test(status), `the status bar shows "${status}" (still signed in?)`);
    const bad = wb.overlays.badNotifications().filter((x) => x.atMs >= from);
    check(!bad.length, `notifications: ${JSON.stringify(bad)}`);
  });

  test(`e. "${CONSUMER_COMMAND}": VS Code asks, the user allows, the other extension gets the session`, async ({ run }) => {
    const { wb } = run;
    await wb.palette.run(CONSUMER_COMMAND);
    await wb.dialog.waitOpen('VS Code to ask whether the extension may sign in', 15000);
    await wb.auth.allowAndPickNorthwind(await wb.dialog.parts());
    const s = await until(() => {
      const x = summary(); // the probe of step d wrote the file first
      return x.state && x.state !== 'starting' ? x : undefined;
    }, 'the consumer to report that it has the session', 15000);
    assert(!s.error, String(s.error));
    assert(/^Northwind Trading \(/.test(s.account || ''), `the consumer got the account "${s.account}"`);
    note(`the consumer has "${s.account}" ${s.consentMs} ms after its getSession(createIfNone)`);
    await until(async () => !(await wb.quickInput.isOpen()) && !(await wb.dialog.isOpen()), 'the account pick to close', 5000);
  });

  test(`f. the other extension keeps a working session for ${CONSUMER_SECONDS} s of ${TOKEN_TTL_SECONDS}-second tokens, with no UI`, timeout(CONSUMER_SECONDS * 1000 + 40000), async ({ run }) => {
    const { wb, sim, running, t0 } = run;
    const from = Date.now() - t0 + 500; // a look at the overlays that began before this step may end after it began
    const s = (await until(() => {
      const x = summary();
      return x.state === 'done' ? x : undefined;
    }, 'the consumer summary', CONSUMER_SECONDS * 1000 + 20000, 500)) as UseSummary & ConsumerSummary;
    const counters = sim.control.counters();
    note(`consumer: ${s.calls} calls, ${s.failures} failures, statuses ${JSON.stringify(s.statuses)}, ` +
      `${s.distinctTokens} distinct tokens (${s.tokenChanges} changes), least time left on a token handed out ` +
      `${s.minSecondsLeft} s, company "${s.company}", in ${s.durationMs} ms`);
    note(`simulator: token grants ${JSON.stringify(counters.token)}, API calls ${counters.api}`);
    // Every check, so that one failing run says everything that went wrong.
    check(!s.error, String(s.error));
    check(s.failures === 0, `${s.failures} failed calls: ${JSON.stringify(s.failureDetails)}`);
    const minCalls = Math.floor(((CONSUMER_SECONDS * 1000) / 500) * (5 / 6)); // 50 for 30 s
    check(s.calls >= minCalls, `${s.calls} calls, expected ≥ ${minCalls}`);
    const minTokens = Math.max(2, Math.floor(CONSUMER_SECONDS / 7.5)); // 4 for 30 s
    check(s.distinctTokens >= minTokens, `${s.distinctTokens} distinct tokens, expected ≥ ${minTokens}`);
    check(s.company === 'Northwind Trading', `company "${s.company}"`);
    check(/^Northwind Trading \(/.test(s.account || ''), `account "${s.account}"`);
    check(counters.token.refresh_token >= minTokens, `${counters.token.refresh_token} refresh_token grants, expected ≥ ${minTokens}`);
    check(counters.token.authorization_code === 1, `${counters.token.authorization_code} authorization_code grants (a second sign-in?)`);

    // Still signed in: a refused refresh (invalid_grant) would have ended the session.
    const status = await wb.statusBar.text();
    check(/Northwind Trading/.test(status) && !/Sign in to Light/.test(status), `the status bar shows "${status}"`);
    const log = findFiles(path.join(running.server.dirs.data, 'logs'), 'Light.log').pop();
    const text = log ? fs.readFileSync(log, 'utf8') : '';
    check(log, 'no Light.log in the host logs');
    const ended = text.split('\n').filter((l) => /ended the session|invalid_grant/.test(l));
    check(!ended.length, `the log says the session ended: ${ended.join(' | ')}`);
    const refreshed = (text.match(/Refreshed the Light session/g) || []).length;
    const retried = text.split('\n').filter((l) => /Refreshing .* failed/.test(l)).length;
    note(`Light log: ${refreshed} refreshes, ${retried} failed refresh attempts`);

    await wb.overlays.nextSample(); // one more look at the notifications
    const bad = wb.overlays.badNotifications();
    check(!bad.length, `notifications: ${JSON.stringify(bad)}`);
    const asked = [...new Set(wb.overlays.prompts.filter((p) => p.atMs >= from).map((p) => p.text))];
    check(!asked.length, `the workbench asked the user something while the tokens were refreshed: ${JSON.stringify(asked)}`);
    note(`notifications seen: ${JSON.stringify([...wb.overlays.seen.values()].map((n) => `${n.severity}: ${n.text}`))}`);
  });

  test(`g. "${VENDORS_COMMAND}": once allowed, the other extension lists every vendor through Light's client, and writes nothing`, async ({ run }) => {
    const { wb, sim, t0 } = run;
    const from = Date.now() - t0;
    // How many vendors Northwind has, from the simulator's own API with a token of its own (before the count).
    const { access_token: token } = sim.control.issueTokens(0);
    const res = await fetch(`${sim.url}/v1/vendors?limit=1`, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
    assert(res.status === 200, `the simulator answered ${res.status} for its vendors`);
    const expected = ((await res.json()) as { total: number }).total;
    assert(Number.isInteger(expected) && expected > VENDOR_PAGE, `the simulator has ${expected} vendors, not more than a page of ${VENDOR_PAGE}`);

    const before = sim.control.counters();
    await wb.palette.run(VENDORS_COMMAND);
    const palette = Date.now() - t0;
    const result: Vendors = await until(() => {
      const r = summary().vendors;
      return r && r.state === 'done' ? r : undefined;
    }, 'the consumer to report the vendors', 30000);
    const after = sim.control.counters();
    note(`the consumer: "${result.account}" (${result.sessionId}) from getSession after ${result.sessionMs} ms, client for "${result.company}"; ` +
      `all(): ${result.records} records, ${result.distinctVendorIds} distinct vendorIds (first "${result.firstVendorName}"); ` +
      `list(): ${JSON.stringify(result.firstPage)}; ${result.ms} ms`);
    note(`simulator: ${expected} vendors; API calls ${before.api} → ${after.api} (+${after.api - before.api}), writes ${before.writes} → ${after.writes}, ` +
      `token grants ${JSON.stringify(before.token)} → ${JSON.stringify(after.token)}`);
    check(!result.error, String(result.error));
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
    const asked = [...new Set(wb.overlays.prompts.filter((p) => p.atMs >= palette + 500).map((p) => p.text))];
    check(!asked.length, `the workbench asked: ${JSON.stringify(asked)}`);
    const bad = wb.overlays.badNotifications().filter((x) => x.atMs >= from);
    check(!bad.length, `notifications: ${JSON.stringify(bad)}`);
  });

  test(`h. "${SIGN_IN_AGAIN_COMMAND}" (forceNewSession): VS Code asks to sign in again, Light signs in anew`, async ({ run }) => {
    const { wb, sim, t0 } = run;
    const before = sim.control.counters();
    const navs0 = popups.navigations.length;
    const from = Date.now() - t0;
    await wb.palette.run(SIGN_IN_AGAIN_COMMAND);
    await wb.dialog.waitOpen('VS Code to ask the user to sign in again', 15000);
    const prompt = await wb.dialog.parts();
    note(`dialog: "${prompt.message}" — "${prompt.detail}" ${JSON.stringify(prompt.buttons)}`);
    assert(prompt.message === SIGN_IN_AGAIN_MESSAGE, `the dialog says "${prompt.message}", not "${SIGN_IN_AGAIN_MESSAGE}"`);
    assert(prompt.detail === NEW_SESSION_DETAIL, `the dialog's detail is "${prompt.detail}", not the consumer's "${NEW_SESSION_DETAIL}"`);
    assert(prompt.buttons.includes('Allow'), `the dialog has no "Allow" button: ${JSON.stringify(prompt.buttons)}`);
    const s0 = Date.now();
    await wb.dialog.click('Allow');

    const result: SignInAgain = await until(() => {
      const s = summary().signInAgain;
      return s && s.state === 'done' ? s : undefined;
    }, 'the consumer to report the new session', 30000);
    note(`the consumer has a new session ${Date.now() - s0} ms after "Allow": "${result.account}" (${result.sessionId}), ` +
      `token sha256 ${String(result.tokenSha256).slice(0, 12)}… (was ${String(result.previousTokenSha256).slice(0, 12)}…), ` +
      `API answered ${result.status} for "${result.company}"`);
    assert(!result.error, String(result.error));
    assert(/^Northwind Trading \(/.test(result.account || ''), `the consumer got the account "${result.account}"`);
    assert(/^[0-9a-f]{64}$/.test(result.tokenSha256 || '') && /^[0-9a-f]{64}$/.test(result.previousTokenSha256 || ''), 'the consumer did not record both token digests');
    assert(result.tokenChanged && result.tokenSha256 !== result.previousTokenSha256, 'the token is the one the consumer had before');
    assert(result.sessionId === result.previousSessionId, `the session id went from ${result.previousSessionId} to ${result.sessionId}`);
    assert(result.status === 200 && result.company === 'Northwind Trading', `the new token got ${result.status} "${result.company}" from the API`);

    // A real sign-in: the popup went to Light's authorize page and back, and Light issued one more code grant.
    const after = sim.control.counters();
    note(`simulator: authorize ${before.authorize} → ${after.authorize}, authorization_code grants ` +
      `${before.token.authorization_code} → ${after.token.authorization_code}`);
    assert(after.token.authorization_code === before.token.authorization_code + 1, `authorization_code grants went ${before.token.authorization_code} → ${after.token.authorization_code}`);
    assert(after.authorize === before.authorize + 1, `authorize requests went ${before.authorize} → ${after.authorize}`);
    const navs = popups.since(navs0);
    note(`popup went ${navs.join(' → ')}`);
    assert(navs.includes(`${sim.url}/oauth/authorize`) && navs.includes(`${sim.url}/relay`), `the popup did not go through Light (${JSON.stringify(navs)})`);
    await popups.close();
    await wb.page.bringToFront();

    // Signing in again to the same account replaces its session: VS Code's Accounts menu still has one Light account.
    const accounts = await wb.accounts.entries();
    note(`Accounts menu: ${JSON.stringify(accounts)}`);
    const light = AccountsMenu.lightAccounts(accounts);
    assert(light.length === 1 && /^Northwind Trading \(/.test(light[0]), `the Accounts menu has ${light.length} Light accounts: ${JSON.stringify(accounts)}`);
    const bad = wb.overlays.badNotifications().filter((n) => n.atMs >= from);
    assert(!bad.length, `notifications: ${JSON.stringify(bad)}`);
  });

  test(`i. "${CHOOSE_AGAIN_COMMAND}" (clearSessionPreference): VS Code asks again which account to use`, async ({ run }) => {
    const { wb, sim, t0 } = run;
    const { dialog, quickInput } = wb;
    const before = sim.control.counters();
    const from = Date.now() - t0;
    const readResult = (): ChooseAccountAgain | undefined => summary().chooseAccountAgain;
    await wb.palette.run(CHOOSE_AGAIN_COMMAND);
    // VS Code clears the preference and, as for any createIfNone without a preferred session on a provider with
    // several accounts, asks for consent first (even though this extension is allowed already), then for the account.
    await until(async () => (await dialog.isOpen()) || (await quickInput.isOpen()), 'VS Code to ask', 15000);
    assert(await dialog.isOpen(), `VS Code asked with a quick input ("${await quickInput.title()}") and no dialog first`);
    const pending = readResult();
    // Asked only once the plain createIfNone call had its answer, from the preference (a prompt for it would come first).
    assert(pending && pending.withPreference, `VS Code asked before the call without clearSessionPreference returned: ${JSON.stringify(pending)}`);
    const preferred = pending.withPreference;
    note(`without clearSessionPreference: "${preferred.account}" after ${preferred.ms} ms, no prompt`);
    assert(/^Northwind Trading \(/.test(preferred.account), `the preferred account is "${preferred.account}"`);
    await wb.auth.allowAndPickNorthwind(await dialog.parts());
    const result = await until(() => {
      const s = readResult();
      return s && s.state === 'done' ? s : undefined;
    }, 'the consumer to report the account', 15000);
    await until(async () => !(await quickInput.isOpen()) && !(await dialog.isOpen()), 'the account pick to close', 5000);
    note(`the consumer has "${result.account}" (${result.sessionId}); the command took ${result.ms} ms, the clicks included`);
    assert(!result.error, String(result.error));
    assert(result.account === preferred.account && result.sessionId === preferred.sessionId, `the consumer got "${result.account}" (${result.sessionId})`);
    assert(/^[0-9a-f]{64}$/.test(result.tokenSha256 || ''), 'the consumer recorded no token digest');
    // Picking an account that has a session takes it as it is: no new sign-in.
    const after = sim.control.counters();
    assert(after.token.authorization_code === before.token.authorization_code && after.authorize === before.authorize,
      `a sign-in ran: authorize ${before.authorize} → ${after.authorize}, authorization_code ${before.token.authorization_code} → ${after.token.authorization_code}`);
    const bad = wb.overlays.badNotifications().filter((n) => n.atMs >= from);
    assert(!bad.length, `notifications: ${JSON.stringify(bad)}`);
  });

  test('j. signs out from the status bar menu', async ({ run }) => {
    const { wb } = run;
    const menu = await wb.statusBar.openMenu(/^Light — Northwind Trading/);
    const labels = await menu.labels();
    note(`menu: ${JSON.stringify(labels)}`);
    const signOut = menu.signOutEntry('Northwind Trading');
    assert(await signOut.count(), `no "Sign out of …" entry in ${JSON.stringify(labels)}`);
    await signOut.click();
    // The account was picked in Light's own menu: it signs out without asking (run as a command, it would ask).
    const outcome = await until(async () => {
      if (await wb.dialog.isOpen()) return { asked: await wb.dialog.parts() };
      return (await wb.statusBar.text()) === SIGN_IN_COMMAND ? { signedOut: true } : undefined;
    }, `the status bar to show "${SIGN_IN_COMMAND}" again`, 15000);
    assert(!('asked' in outcome), `signing out from the menu asked: ${JSON.stringify('asked' in outcome ? outcome.asked : undefined)}`);
    note('signed out without a question');
    await wb.overlays.waitFor(/^Signed out of Light/, 'the "Signed out" notification', 5000);
    // The menu hands the focus back to the status bar item, whose hover would cover it: click into the editor area.
    await wb.clickEditorArea();
    await wb.screenshot(SHOTS.signedOut);
    note(`screenshot ${path.relative(ROOT, SHOTS.signedOut)}`);
  });
});
