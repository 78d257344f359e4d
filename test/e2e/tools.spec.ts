// Light's language-model tools called by another extension outside chat, in a normal-mode VS Code workbench
// (code-server + chromium) against the Light simulator, answered by a person with the mouse:
//   a. "Light: Sign in with API Key" from the command palette, the simulator's key typed into Light's password box;
//      the status bar shows the company, Light's account menu the account's label;
//   b. the consumer (test/fixtures/consumer) runs "Ask Light's Tools": vscode.lm.invokeTool('light_search',
//      { input: { resource: 'vendors', limit: 3 }, toolInvocationToken: undefined }); VS Code shows the tool's
//      confirmation as a modal dialog naming the account and what is read; the user clicks "Cancel": the consumer
//      gets a cancellation and no Light data, and Light asks the simulator nothing;
//   c. the same call, confirmed: the consumer gets the tool's text, the simulator's first 3 vendors with their ids,
//      after one API call (the page the tool reads);
//   d. light_get on a bill with an IBAN, confirmed: the text has the bill's id and the IBAN masked, never in full.
//
// `npm run test:e2e` (with the other specs; builds first), or `npx playwright test -c test/e2e/playwright.config.ts
// tools.spec.ts` after `tsc -p . && node esbuild.js`. One Playwright test per step, in order (a failed step skips
// the rest). Screenshots: .vscode-test/e2e-tools-dialog.png (the confirmation), and e2e-tools-failure.png when a
// step fails (with a Playwright trace under .vscode-test/e2e-results/).
// Env: VERBOSE=1 (code-server log and workbench console), HEADFUL=1, KEEP_TEST_STATE=1, TEST_SUMMARY_FILE.
import * as fs from 'fs';
import * as path from 'path';
import { DEV_CREDENTIALS, type Simulator } from '../simulator';
import type { DialogParts } from './pages/dialog';
import { dismissToasts } from './pages/notifications';
import { ROOT, SHOT_DIR, SIGN_IN_COMMAND } from './support/constants';
import type { ConsumerSummary, ToolCall } from './support/consumer';
import { findFiles } from './support/files';
import { failureReport } from './support/failureReport';
import { keepWalkthroughShut } from './support/machineSettings';
import { picture } from './support/pictures';
import { e2eTest, type E2eRun } from './support/fixtures';
import { assert, check, note, until } from './support/wait';

const SHOTS = {
  dialog: path.join(SHOT_DIR, 'e2e-tools-dialog.png'),
  failure: path.join(SHOT_DIR, 'e2e-tools-failure.png'),
};
const API_KEY = DEV_CREDENTIALS.production.apiKey;
const COMPANY = 'Northwind Trading';
const API_KEY_COMMAND = 'Light: Sign in with API Key';
const ASK_COMMAND = "Light Consumer: Ask Light's Tools";
/** What the consumer asks for unless told otherwise (DEFAULT_TOOL_CALL in test/fixtures/consumer/extension.js). */
const VENDOR_LIMIT = 3;
/** The title of every Light tool's confirmation (src/vscode/tools.ts), which VS Code shows as the dialog's message. */
const CONFIRM_TITLE = 'Read from Light?';
/** What the tool's confirmation says, which VS Code shows as the dialog's detail. */
const confirmation = (reading: string, label: string) => `Read ${reading} from ${label}. Nothing is changed in Light.`;
/** The requests each tool makes of Light (src/core/tools/lightTools.ts): light_search one page (client.list),
 *  light_get one record (client.get of the kind's getPath); an API-key session has no token to refresh. */
const CALLS_PER_TOOL = 1;
/** The whole run, startup and shutdown included. */
const BUDGET_MS = 90000;

const test = e2eTest({
  title: "Light's language-model tools end to end",
  budgetMs: BUDGET_MS,
  tokenTtlSeconds: 3600, // an API-key session has no tokens
  stateDirPrefix: 'light-vscode-e2e-tools-',
  host: (sim, stateDir) => keepWalkthroughShut(stateDir, {
    settings: {
      'light.environment': 'custom',
      'light.apiUrl': sim.url,
      'light.oauth.relayUrl': `${sim.url}/relay`,
    },
    env: { LIGHT_E2E_OUT: path.join(stateDir, 'consumer-summary.json'), LIGHT_E2E_TOOL_REQUEST: path.join(stateDir, 'tool-request.json') },
  }),
});

interface SimPage<T> {
  records: T[];
  total?: number;
  hasMore: boolean;
  nextCursor?: string | number | null;
}
interface SimVendor {
  vendorId: string;
  name: string;
}
interface SimBill {
  id: string;
  payeeIban: string | null;
  payeeBban: string | null;
}

/** What the simulator answers the API key itself (each look-up is one more API call: made before a step's readings). */
async function simGet<T>(sim: Simulator, pathAndQuery: string): Promise<T> {
  const res = await fetch(`${sim.url}${pathAndQuery}`, { headers: { Authorization: `Basic ${API_KEY}`, Accept: 'application/json' } });
  assert(res.status === 200, `the simulator answered ${res.status} for ${pathAndQuery}`);
  return (await res.json()) as T;
}

/** The lines of Light's log that say a tool ran (src/vscode/tools.ts logs one as each call starts reading). */
function toolRuns(run: E2eRun): string[] {
  const log = findFiles(path.join(run.running.server.dirs.data, 'logs'), 'Light.log').pop();
  return log ? fs.readFileSync(log, 'utf8').split('\n').filter((l) => /Tool light_\w+: reading from /.test(l)) : [];
}

test.describe.serial("Light's language-model tools end to end", () => {
  let outFile: string;
  let requestFile: string;
  /** The account's label, as Light's account menu (the status bar item's) names it: step a. */
  let label: string;
  /** The dialog's affirmative button, as step b read it. */
  let confirmButton: string;
  let calls = 0;
  const summary = (): ConsumerSummary => JSON.parse(fs.readFileSync(outFile, 'utf8')) as ConsumerSummary;

  test.beforeAll(({ run }) => {
    outFile = path.join(run.stateDir, 'consumer-summary.json');
    requestFile = path.join(run.stateDir, 'tool-request.json');
  });

  test.afterEach(async ({ run }, testInfo) => {
    if (testInfo.status !== testInfo.expectedStatus) testInfo.annotations.push({ type: 'failure', description: (await failureReport(run, SHOTS.failure, () => [
      ...(fs.existsSync(outFile) ? [`consumer summary: ${fs.readFileSync(outFile, 'utf8').trim()}`] : []),
      `simulator counters: ${JSON.stringify(run.sim.control.counters())}`,
    ])).join('\n') });
  });

  /** No error notification, no Light warning, nothing about a session ending, since `from` (ms after the run began). */
  function checkNotifications(run: E2eRun, from: number): void {
    const bad = run.wb.overlays.badNotifications().filter((n) => n.atMs >= from);
    check(!bad.length, `notifications: ${JSON.stringify(bad)}`);
  }

  /**
   * Runs "Ask Light's Tools" from the palette and waits for VS Code's dialog; checks that the consumer is still
   * waiting on invokeTool while the dialog is up. Returns the dialog's parts, the call's number and how long the
   * dialog took to show.
   */
  async function askAndWaitForDialog(run: E2eRun): Promise<{ parts: DialogParts; call: number; shownMs: number }> {
    const { wb } = run;
    const call = ++calls;
    await wb.palette.run(ASK_COMMAND);
    const p0 = Date.now();
    const outcome = await until(async () => {
      if (await wb.dialog.isOpen()) return { dialog: true as const };
      const t = summary().tools;
      return t && t.call === call && t.state === 'done' ? { answered: t } : undefined;
    }, 'VS Code to ask the user before the tool runs', 15000, 100);
    const shownMs = Date.now() - p0;
    assert(!('answered' in outcome), `invokeTool settled without asking the user: ${JSON.stringify('answered' in outcome ? outcome.answered : undefined)}`);
    const parts = await wb.dialog.parts();
    const pending = summary().tools;
    note(`dialog ${shownMs} ms after the palette closed: message "${parts.message}", detail "${parts.detail}", buttons ${JSON.stringify(parts.buttons)}`);
    assert(pending && pending.call === call, `the consumer's summary is not of call ${call}: ${JSON.stringify(pending)}`);
    check(pending.state === 'waiting', `with the dialog up, the consumer's invokeTool has already settled: ${JSON.stringify(pending)}`);
    return { parts, call, shownMs };
  }

  /** Clicks `button` and waits for the consumer's answer to call `call`. */
  async function answer(run: E2eRun, button: string, call: number): Promise<{ result: ToolCall; answeredMs: number }> {
    const { wb } = run;
    const c0 = Date.now();
    await wb.dialog.click(button);
    await wb.dialog.waitClosed();
    const result = await until(() => {
      const t = summary().tools;
      return t && t.call === call && t.state === 'done' ? t : undefined;
    }, `the consumer to report call ${call}`, 15000, 100);
    const answeredMs = Date.now() - c0;
    check(!(await wb.dialog.isOpen()), `another dialog opened after "${button}": ${JSON.stringify(await wb.dialog.parts().catch(() => undefined))}`);
    return { result, answeredMs };
  }

  test(`a. "${API_KEY_COMMAND}" from the command palette; the status bar shows the company, its menu the account`, async ({ run }) => {
    const { wb, sim, t0 } = run;
    const { quickInput } = wb;
    const from = Date.now() - t0;
    const status0 = await wb.statusBar.waitForText(SIGN_IN_COMMAND, `the status bar to show "${SIGN_IN_COMMAND}"`, 60000);
    note(`status bar "${status0}" ${Date.now() - t0} ms after start`);
    await wb.palette.run(API_KEY_COMMAND);
    const boxTitle = `Sign in to Light with an API key (${sim.url})`;
    await quickInput.waitForTitle(boxTitle, `the input box "${boxTitle}"`, 10000);
    check((await quickInput.inputType()) === 'password', 'the API key box shows what is typed');
    await quickInput.type(API_KEY);
    const s0 = Date.now();
    await quickInput.submit();
    await quickInput.waitClosed('the API key box to close', 10000);
    const status = await wb.statusBar.waitForText(new RegExp(`^${COMPANY} · API key$`), `the status bar to show "${COMPANY} · API key"`, 15000);
    note(`status bar "${status}" ${Date.now() - s0} ms after Enter`);
    await wb.overlays.waitFor(new RegExp(`^Signed in to Light with an API key as ${COMPANY}`), 'the "Signed in … with an API key" notification', 5000);
    note(`closed ${await dismissToasts(wb.page)} notification toast(s)`);

    const menu = await wb.statusBar.openMenu(new RegExp(`^Light — ${COMPANY}`));
    const title = await menu.title();
    await picture(wb, 'status-bar-menu');
    label = title.replace(/^Light — /, '');
    await quickInput.dismiss();
    await quickInput.waitClosed('the Light account menu to close');
    note(`Light's account menu: "${title}"; the account's label "${label}"`);
    assert(label.startsWith(COMPANY) && label.length > COMPANY.length, `the account's label is "${label}"`);
    note(`API calls so far: ${sim.control.counters().api}`);
    checkNotifications(run, from);
  });

  test(`b. "${ASK_COMMAND}" (light_search, ${VENDOR_LIMIT} vendors): VS Code asks; "Cancel": a cancellation, no Light data, no Light call`, async ({ run }) => {
    const { wb, sim, t0 } = run;
    const from = Date.now() - t0;
    const before = sim.control.counters();
    const runs0 = toolRuns(run).length;
    const { parts, call } = await askAndWaitForDialog(run);
    await wb.screenshot(SHOTS.dialog);
    note(`screenshot ${path.relative(ROOT, SHOTS.dialog)}`);
    await picture(wb, 'tool-call');
    assert(parts.message === CONFIRM_TITLE, `the dialog says "${parts.message}", not "${CONFIRM_TITLE}"`);
    check(parts.detail.includes(label), `the dialog's detail does not name the account "${label}": "${parts.detail}"`);
    check(/\bvendors\b/.test(parts.detail), `the dialog's detail does not say that vendors are read: "${parts.detail}"`);
    check(parts.detail === confirmation('vendors', label), `the dialog's detail is "${parts.detail}", not "${confirmation('vendors', label)}"`);
    assert(parts.buttons.length === 2 && parts.buttons.includes('Cancel'), `the dialog's buttons are ${JSON.stringify(parts.buttons)}`);
    confirmButton = parts.buttons.find((b) => b !== 'Cancel') as string;
    note(`the affirmative button: "${confirmButton}"`);

    const { result, answeredMs } = await answer(run, 'Cancel', call);
    const after = sim.control.counters();
    note(`the consumer ${answeredMs} ms after "Cancel": cancelled ${result.cancelled}, error ${JSON.stringify(result.error)}, ` +
      `${result.text === undefined ? 'no text' : `text ${JSON.stringify(result.text.slice(0, 80))}`}; invokeTool settled ${result.ms} ms after the call (the dialog included)`);
    note(`simulator: API calls ${before.api} → ${after.api}, writes ${before.writes} → ${after.writes}`);
    check(result.cancelled === true, `the consumer's call was not cancelled: ${JSON.stringify(result)}`);
    // VS Code 1.100 throws a CancellationError in the workbench; it reaches the extension host as an Error named and
    // saying "Canceled" (not an instance of vscode.CancellationError), which the consumer records as it is.
    check(result.error?.name === 'Canceled' && result.error.message === 'Canceled', `invokeTool rejected with ${JSON.stringify(result.error)}, not a cancellation`);
    note(`the rejection is ${result.error?.cancellationError ? '' : 'not '}an instance of vscode.CancellationError`);
    check(result.text === undefined && result.parts === undefined, `the consumer got a result: ${JSON.stringify(result.text)}`);
    check(!JSON.stringify(result).includes(COMPANY), `the consumer's part of the summary has Light data: ${JSON.stringify(result)}`);
    check(after.api === before.api, `${after.api - before.api} API calls after "Cancel"`);
    check(after.writes === 0, `${after.writes} writes`);
    const ran = toolRuns(run).slice(runs0);
    check(!ran.length, `Light's log says the tool ran: ${JSON.stringify(ran)}`);
    checkNotifications(run, from);
  });

  test(`c. the same call, confirmed: the consumer gets the simulator's first ${VENDOR_LIMIT} vendors with their ids, after ${CALLS_PER_TOOL} API call`, async ({ run }) => {
    const { sim, t0 } = run;
    const from = Date.now() - t0;
    assert(confirmButton, 'step b found no affirmative button');
    const expected = await simGet<SimPage<SimVendor>>(sim, `/v1/vendors?limit=${VENDOR_LIMIT}&cursor=0`);
    assert(expected.records.length === VENDOR_LIMIT, `the simulator lists ${expected.records.length} vendors`);
    const before = sim.control.counters();
    const runs0 = toolRuns(run).length;
    const { parts, call } = await askAndWaitForDialog(run);
    assert(parts.message === CONFIRM_TITLE, `the dialog says "${parts.message}"`);
    check(parts.detail === confirmation('vendors', label), `the dialog's detail is "${parts.detail}"`);
    assert(parts.buttons.includes(confirmButton), `the dialog's buttons are ${JSON.stringify(parts.buttons)}, without "${confirmButton}"`);

    const { result, answeredMs } = await answer(run, confirmButton, call);
    const after = sim.control.counters();
    const text = result.text ?? '';
    note(`the consumer ${answeredMs} ms after "${confirmButton}" (invokeTool settled ${result.ms} ms after the call): ${result.parts} part(s), ${JSON.stringify(text)}`);
    note(`simulator: API calls ${before.api} → ${after.api}, writes ${before.writes} → ${after.writes}; its first vendors ${JSON.stringify(expected.records.map((v) => `${v.name} (${v.vendorId})`))}`);
    assert(!result.error && result.cancelled === false, `invokeTool failed: ${JSON.stringify(result.error)}`);
    const lines = text.split('\n');
    check(lines[0] === `${VENDOR_LIMIT} vendors:`, `the text begins "${lines[0]}"`);
    const rows = lines.filter((l) => l.startsWith('- '));
    check(rows.length === VENDOR_LIMIT, `the text has ${rows.length} vendor lines`);
    expected.records.forEach((v, i) => {
      const row = rows[i] ?? '';
      check(row.startsWith(`- Name: ${v.name};`) && row.endsWith(`; id: ${v.vendorId}`), `vendor line ${i + 1} is "${row}", not ${v.name} (${v.vendorId})`);
    });
    if (expected.hasMore && expected.nextCursor != null) check(lines[lines.length - 1] === `More: call again with cursor "${expected.nextCursor}".`, `the text ends "${lines[lines.length - 1]}"`);
    check(after.api - before.api === CALLS_PER_TOOL, `${after.api - before.api} API calls for the tool's ${CALLS_PER_TOOL}`);
    check(after.writes === 0, `${after.writes} writes`);
    const ran = toolRuns(run).slice(runs0);
    note(`Light's log: ${JSON.stringify(ran.map((l) => l.replace(/^.*?(Tool )/, '$1')))}`);
    check(ran.length === 1 && ran[0].includes(`Tool light_search: reading from ${label}.`), `Light's log has ${JSON.stringify(ran)}`);
    checkNotifications(run, from);
  });

  test('d. light_get on a bill with an IBAN, confirmed: the text has the bill\'s id and the IBAN masked', async ({ run }) => {
    const { sim, t0 } = run;
    const from = Date.now() - t0;
    assert(confirmButton, 'step b found no affirmative button');
    const bills = await simGet<SimPage<SimBill>>(sim, '/v1/bff/invoice-payables?limit=50&cursor=0');
    const listed = bills.records.find((b) => typeof b.payeeIban === 'string' && b.payeeIban.length > 6);
    assert(listed, 'no bill with an IBAN on the first page');
    // What the tool reads: the bill itself, which carries the IBAN as well.
    const bill = await simGet<SimBill>(sim, `/v1/invoice-payables/${encodeURIComponent(listed.id)}`);
    const iban = bill.payeeIban as string;
    assert(bill.id === listed.id && iban === listed.payeeIban, `the simulator's bill ${listed.id} reads ${JSON.stringify({ id: bill.id, payeeIban: bill.payeeIban })}`);
    const masked = `•••• ${iban.slice(-4)}`;
    fs.writeFileSync(requestFile, JSON.stringify({ name: 'light_get', input: { resource: 'bills', id: bill.id } }));
    const before = sim.control.counters();
    const runs0 = toolRuns(run).length;
    const { parts, call } = await askAndWaitForDialog(run);
    assert(parts.message === CONFIRM_TITLE, `the dialog says "${parts.message}"`);
    check(parts.detail === confirmation(`the bill ${bill.id}`, label), `the dialog's detail is "${parts.detail}", not "${confirmation(`the bill ${bill.id}`, label)}"`);
    assert(parts.buttons.includes(confirmButton), `the dialog's buttons are ${JSON.stringify(parts.buttons)}, without "${confirmButton}"`);

    const { result, answeredMs } = await answer(run, confirmButton, call);
    const after = sim.control.counters();
    const text = result.text ?? '';
    note(`the consumer ${answeredMs} ms after "${confirmButton}" (invokeTool settled ${result.ms} ms after the call): ${result.parts} part(s), ${text.length} characters: ${JSON.stringify(text.slice(0, 160))}…`);
    note(`simulator: bill ${bill.id}, IBAN ending ${iban.slice(-4)}${bill.payeeBban ? `, a BBAN ending ${bill.payeeBban.slice(-4)}` : ''}; API calls ${before.api} → ${after.api}`);
    assert(!result.error && result.cancelled === false, `invokeTool failed: ${JSON.stringify(result.error)}`);
    check(/^bill .* \(bank details masked\):\n\{/.test(text), `the text begins ${JSON.stringify(text.slice(0, 80))}`);
    check(text.includes(`"id":"${bill.id}"`), `the text does not have the bill's id ${bill.id}`);
    const compact = iban.replace(/\s+/g, '');
    check(!text.includes(iban) && !text.includes(compact), 'the text has the IBAN in full');
    check(text.includes(`"payeeIban":"${masked}"`), `the text does not have "payeeIban":"${masked}"`);
    if (bill.payeeBban && bill.payeeBban.length > 6) check(!text.includes(bill.payeeBban), 'the text has the BBAN in full');
    check(after.api - before.api === CALLS_PER_TOOL, `${after.api - before.api} API calls for the tool's ${CALLS_PER_TOOL}`);
    check(after.writes === 0, `${after.writes} writes`);
    const ran = toolRuns(run).slice(runs0);
    check(ran.length === 1 && ran[0].includes(`Tool light_get: reading from ${label}.`), `Light's log has ${JSON.stringify(ran)}`);
    checkNotifications(run, from);
  });
});
