// The Light explorer (the "Light" view container in the activity bar, its "Records" tree, record documents and Go to
// Record) in a normal-mode VS Code workbench (code-server + chromium) against the Light simulator, driven with the
// mouse and the keyboard the way a person would:
//   a. the Light icon in the activity bar opens the view; signed out, its welcome view offers "Sign in to Light" and
//      "Sign in with API Key";
//   b. "Sign in with API Key", the simulator's key typed into Light's password box: the view shows the company and its
//      ten groups, collapsed;
//   c. nothing is fetched until a group is expanded, and nothing polls (the simulator's API counter stays put while
//      the view sits idle); Vendors expanded shows 50 vendors and "Load more…", which brings 100 more (the group says
//      "50+", then "150+"); one API call per page; screenshot .vscode-test/e2e-explorer.png;
//   d. a bill opens as read-only JSON with its IBAN masked (`•••• 1234`), nowhere in the document in full; the editor
//      title's "Show Sensitive Fields" shows it, "Mask Sensitive Fields" masks it again; the record's context menu;
//      screenshot .vscode-test/e2e-record.png;
//   e. the view title's "Go to Record…": part of the name of a vendor the tree has not loaded, typed into the pick,
//      finds it on Light (server-side search); picked, its JSON opens;
//   f. the inline Filter button on Vendors: the field `status`, `eq ACTIVE`; the group says `status = ACTIVE` and
//      shows active vendors only; the inline Clear Filter removes it.
//
// `npm run test:e2e` (with workbench.spec.ts; builds first), or `npx playwright test -c test/e2e/playwright.config.ts
// explorer.spec.ts` after `tsc -p . && node esbuild.js`. One Playwright test per step, in order (a failed step skips
// the rest). Screenshots: .vscode-test/e2e-explorer.png, e2e-record.png, and e2e-explorer-failure.png when a step
// fails (with a Playwright trace under .vscode-test/e2e-results/).
// Env: VERBOSE=1 (code-server log and workbench console), HEADFUL=1, KEEP_TEST_STATE=1, TEST_SUMMARY_FILE.
import * as path from 'path';
import { DEV_CREDENTIALS, type Simulator } from '../simulator';
import { ActiveEditor } from './pages/editor';
import { LightExplorer, type TreeRow } from './pages/explorer';
import { dismissToasts } from './pages/notifications';
import { ROOT, SHOT_DIR, SIGN_IN_COMMAND } from './support/constants';
import { secs } from './support/files';
import { failureReport } from './support/failureReport';
import { keepWalkthroughShut } from './support/machineSettings';
import { picture } from './support/pictures';
import { e2eTest, type E2eRun } from './support/fixtures';
import { assert, check, note, until } from './support/wait';

const SHOTS = {
  explorer: path.join(SHOT_DIR, 'e2e-explorer.png'),
  record: path.join(SHOT_DIR, 'e2e-record.png'),
  failure: path.join(SHOT_DIR, 'e2e-explorer-failure.png'),
};
const API_KEY = DEV_CREDENTIALS.production.apiKey;
const COMPANY = 'Northwind Trading';
const GROUPS = ['Vendors', 'Customers', 'Bills', 'Invoices', 'Ledger accounts', 'Users', 'Products', 'Contracts', 'Expenses', 'Bank accounts'];
const LOAD_MORE = 'Load more…';
/** The explorer's pages: 50, then 100 (src/core/explorer/listing.ts). */
const FIRST_PAGE = 50;
const SECOND_PAGE = 100;
/** How long the view sits idle while the API counter is watched. */
const IDLE_MS = 5000;
const RECORD_MENU = ['Open JSON', 'Copy ID', 'Copy as cURL', 'Refresh'];
/** What Light lets a vendor list filter by (its OpenAPI spec, src/core/explorer/catalog.ts). */
const VENDOR_FILTER_FIELDS = ['id', 'status', 'type', 'ledgerAccountId', 'ledgerTaxId', 'spendLastMtd', 'createdAt', 'updatedAt'];
const GROUP_MENU = ['Filter…', 'Sort…', 'Refresh'];
/** The whole run, startup and shutdown included. */
const BUDGET_MS = 150000;

const test = e2eTest({
  title: 'Light explorer end to end',
  budgetMs: BUDGET_MS,
  tokenTtlSeconds: 3600, // an API-key session has no tokens; the test's own look-ups at the simulator take one each
  stateDirPrefix: 'light-vscode-e2e-explorer-',
  host: (sim, stateDir) => keepWalkthroughShut(stateDir, {
    settings: {
      'light.environment': 'custom',
      'light.apiUrl': sim.url,
      'light.oauth.relayUrl': `${sim.url}/relay`,
    },
    env: {},
  }),
});

interface SimPage<T> {
  records: T[];
  total?: number;
  hasMore: boolean;
}
interface SimVendor {
  vendorId: string;
  name: string;
  status: string;
}
interface SimBill {
  id: string;
  payeeIban: string | null;
  payeeBban: string | null;
  payeeName: string | null;
}

/** What the simulator itself answers, with a token of the test's own (each look-up is one more API call). */
async function simGet<T>(sim: Simulator, pathAndQuery: string): Promise<T> {
  const { access_token: token } = sim.control.issueTokens(0);
  const res = await fetch(`${sim.url}${pathAndQuery}`, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
  assert(res.status === 200, `the simulator answered ${res.status} for ${pathAndQuery}`);
  return (await res.json()) as T;
}

const apiCalls = (sim: Simulator) => sim.control.counters().api;

/** Watches the API counter for `ms`: resolves as soon as it moves, or once `ms` passed without a call. */
async function watchIdle(sim: Simulator, ms: number): Promise<{ from: number; to: number; watchedMs: number }> {
  const from = apiCalls(sim);
  const s0 = Date.now();
  return until(() => {
    const to = apiCalls(sim);
    const watchedMs = Date.now() - s0;
    return to !== from || watchedMs >= ms ? { from, to, watchedMs } : undefined;
  }, `${ms} ms of an idle view`, ms + 2000, 100);
}

const describeRows = (rows: TreeRow[]) => rows.map((r) => `${r.label}${r.description ? ` (${r.description})` : ''}`);

test.describe.serial('Light explorer end to end', () => {
  let explorer: LightExplorer;
  let editor: ActiveEditor;
  /** The API counter once the signed-in view had settled (step b). */
  let settled: number;
  /** The vendors the tree shows first (step c), by name. */
  let firstVendors: string[] = [];

  test.beforeAll(({ run }) => {
    explorer = new LightExplorer(run.wb.page);
    editor = new ActiveEditor(run.wb.page);
  });

  test.afterEach(async ({ run }, testInfo) => {
    if (testInfo.status !== testInfo.expectedStatus) testInfo.annotations.push({ type: 'failure', description: (await failureReport(run, SHOTS.failure, async () => [
      `tree rows rendered: ${JSON.stringify(describeRows(await explorer.rows().catch(() => [])))}`,
      `simulator counters: ${JSON.stringify(run.sim.control.counters())}`,
    ])).join('\n') });
  });

  /** No error notification, no Light warning, nothing about a session ending, since `from` (ms after the run began). */
  function checkNotifications(run: E2eRun, from: number): void {
    const bad = run.wb.overlays.badNotifications().filter((n) => n.atMs >= from);
    check(!bad.length, `notifications: ${JSON.stringify(bad)}`);
  }

  test('a. the Light icon in the activity bar opens the view; signed out, it offers both sign-ins', async ({ run }) => {
    const { wb, sim, t0 } = run;
    const status = await wb.statusBar.waitForText(SIGN_IN_COMMAND, `the status bar to show "${SIGN_IN_COMMAND}"`, 60000);
    note(`status bar "${status}" ${Date.now() - t0} ms after start`);
    const o0 = Date.now();
    await explorer.open();
    const title = await explorer.title();
    note(`the side bar shows "${title}" ${Date.now() - o0} ms after the click`);
    check(title === 'Light: Records', `the side bar's title is "${title}"`);
    await until(async () => (await explorer.welcome.count()) > 0, 'the welcome view', 10000);
    const welcome = await explorer.welcomeContent();
    note(`welcome view: ${JSON.stringify(welcome.paragraphs)}, buttons ${JSON.stringify(welcome.buttons)}`);
    assert(welcome.buttons.includes('Sign in to Light') && welcome.buttons.includes('Sign in with API Key'), `the welcome view offers ${JSON.stringify(welcome.buttons)}`);
    check(welcome.buttons.length === 2, `the welcome view has ${welcome.buttons.length} buttons`);
    check((await explorer.rows()).length === 0, 'the tree shows rows while signed out');
    const actions = await explorer.titleActions();
    note(`view title actions: ${JSON.stringify(actions)}`);
    check(!actions.includes('Go to Record…') && !actions.includes('Refresh'), `signed out, the view title offers ${JSON.stringify(actions)}`);
    check(apiCalls(sim) === 0, `${apiCalls(sim)} API calls while signed out`);
  });

  test('b. "Sign in with API Key": the key typed into Light\'s box; the view shows the company and its groups', async ({ run }) => {
    const { wb, sim, t0 } = run;
    const from = Date.now() - t0;
    const { quickInput } = wb;
    await explorer.welcomeButton('Sign in with API Key').click();
    const boxTitle = `Sign in to Light with an API key (${sim.url})`;
    await quickInput.waitForTitle(boxTitle, `the input box "${boxTitle}"`, 10000);
    check((await quickInput.inputType()) === 'password', 'the API key box shows what is typed');
    check((await quickInput.inputValue()) === '', 'the API key box is not empty');
    note(`input box "${await quickInput.title()}": ${await quickInput.message()}`);
    await quickInput.type(API_KEY);
    const s0 = Date.now();
    await quickInput.submit();
    await quickInput.waitClosed('the API key box to close', 10000);

    const top = await until(async () => {
      const rows = await explorer.topLevel();
      return rows.length === GROUPS.length + 1 ? rows : undefined;
    }, 'the view to show the company and the groups', 15000);
    note(`the view shows ${JSON.stringify(describeRows(top))} ${Date.now() - s0} ms after Enter`);
    assert(top[0].label === COMPANY, `the first row is "${top[0].label}", not the company`);
    check(/\bUSD\b/.test(top[0].description), `the company's description "${top[0].description}" has no base currency`);
    check(top[0].icon === 'key', `the company's icon is "${top[0].icon}", not the API key's`);
    check(JSON.stringify(top.slice(1).map((r) => r.label)) === JSON.stringify(GROUPS), `the groups are ${JSON.stringify(top.slice(1).map((r) => r.label))}`);
    check(top.slice(1).every((r) => r.expanded === false && !r.description), `a group is expanded or has a count: ${JSON.stringify(top.slice(1))}`);

    const status = await wb.statusBar.waitForText(/^Northwind Trading · API key$/, 'the status bar to show "Northwind Trading · API key"', 10000);
    note(`status bar "${status}"`);
    const toast = await wb.overlays.waitFor(/^Signed in to Light with an API key as Northwind Trading/, 'the "Signed in … with an API key" notification', 5000);
    note(`notification: "${toast.text}"`);
    await until(async () => (await explorer.titleActions()).includes('Go to Record…'), 'the view title to offer "Go to Record…"', 5000);
    note(`view title actions: ${JSON.stringify(await explorer.titleActions())}`);
    note(`closed ${await dismissToasts(wb.page)} notification toast(s)`);

    // What Light asked of the simulator to sign in and to show the company; nothing more once the view has settled.
    settled = apiCalls(sim);
    note(`API calls so far: ${settled} (the key checked, the company shown)`);
    check(settled >= 1 && settled <= 3, `${settled} API calls to sign in and show the company`);
    checkNotifications(run, from);
  });

  test(`c. Vendors: nothing fetched before the expand, no polling; ${FIRST_PAGE} rows and "${LOAD_MORE}", then ${SECOND_PAGE} more`, async ({ run }) => {
    const { wb, sim, t0 } = run;
    const from = Date.now() - t0;
    const idle = await watchIdle(sim, IDLE_MS);
    note(`idle view: API counter ${settled} at the end of b, ${idle.from} → ${idle.to} over ${secs(idle.watchedMs)} of watching`);
    assert(idle.from === settled, `${idle.from - settled} API calls between the sign-in and the expand`);
    assert(idle.to === idle.from, `the idle view made an API call ${idle.watchedMs} ms into the watch (${idle.from} → ${idle.to})`);

    const c0 = apiCalls(sim);
    const e0 = Date.now();
    await explorer.expand('Vendors');
    const first = await until(async () => {
      const kids = await explorer.rowsUnder('Vendors');
      return (await explorer.description('Vendors')) === `${FIRST_PAGE}+` && kids.length && kids[0].setSize === FIRST_PAGE + 1 ? kids : undefined;
    }, `Vendors to show ${FIRST_PAGE} vendors and "${LOAD_MORE}" (the group saying "${FIRST_PAGE}+")`, 15000);
    const c1 = apiCalls(sim);
    note(`Vendors expanded: "${FIRST_PAGE}+", ${first[0].setSize} rows under it, ${Date.now() - e0} ms after the click; API calls ${c0} → ${c1}`);
    note(`first vendors: ${JSON.stringify(describeRows(first.slice(0, 5)))}`);
    check(c1 - c0 === 1, `${c1 - c0} API calls for the first page of vendors`);
    firstVendors = first.map((r) => r.label);

    const w0 = Date.now();
    await explorer.scrollTo(LOAD_MORE);
    const more = (await explorer.rowsUnder('Vendors')).find((r) => r.label === LOAD_MORE);
    assert(more, `no "${LOAD_MORE}" row under Vendors`);
    note(`scrolled to "${LOAD_MORE}" with the mouse wheel in ${Date.now() - w0} ms`);
    check(more.posInSet === FIRST_PAGE + 1 && more.icon === 'more', `"${LOAD_MORE}" is row ${more.posInSet} of ${more.setSize} under Vendors, icon "${more.icon}"`);
    const l0 = Date.now();
    await explorer.row(LOAD_MORE).click();
    const total = FIRST_PAGE + SECOND_PAGE;
    const after = await until(async () => {
      const kids = await explorer.rowsUnder('Vendors');
      return (await explorer.description('Vendors')) === `${total}+` && kids.length && kids[0].setSize === total + 1 ? kids : undefined;
    }, `Vendors to show ${total} vendors (the group saying "${total}+")`, 15000);
    const c2 = apiCalls(sim);
    note(`"${LOAD_MORE}" clicked: "${total}+", ${after[0].setSize} rows under Vendors, ${Date.now() - l0} ms after the click; API calls ${c1} → ${c2}`);
    check(c2 - c1 === 1, `${c2 - c1} API calls for the second page of vendors`);
    const w1 = Date.now();
    await explorer.scrollTo(LOAD_MORE);
    const last = (await explorer.rowsUnder('Vendors')).find((r) => r.label === LOAD_MORE);
    note(`in view after the click: rows ${after[0].posInSet}–${after[after.length - 1].posInSet} under Vendors; scrolled to the next "${LOAD_MORE}" in ${Date.now() - w1} ms`);
    check(last && last.posInSet === total + 1, `the next "${LOAD_MORE}" is row ${last?.posInSet} under Vendors`);

    // The same vendors, in the same order, as the simulator lists them.
    const page = await simGet<SimPage<SimVendor>>(sim, `/v1/vendors?limit=${FIRST_PAGE}&cursor=0`);
    const names = page.records.map((v) => v.name);
    check(JSON.stringify(firstVendors) === JSON.stringify(names.slice(0, firstVendors.length)), `the tree shows ${JSON.stringify(firstVendors.slice(0, 5))}…, the simulator lists ${JSON.stringify(names.slice(0, 5))}…`);

    await explorer.scrollToTop();
    await wb.clickEditorArea(); // the pointer and the focus off the tree, as a person leaves it to look
    await wb.screenshot(SHOTS.explorer);
    note(`screenshot ${path.relative(ROOT, SHOTS.explorer)}`);
    await picture(wb, 'explorer');
    checkNotifications(run, from);
  });

  test('d. a bill opens as JSON with its IBAN masked; "Show Sensitive Fields" shows it, "Mask Sensitive Fields" masks it again', async ({ run }) => {
    const { wb, sim, t0 } = run;
    const from = Date.now() - t0;
    // The first bill (in the tree's order, the simulator's) with an IBAN: a vendor's bill, not a reimbursement.
    const bills = await simGet<SimPage<SimBill>>(sim, `/v1/bff/invoice-payables?limit=${FIRST_PAGE}&cursor=0`);
    const at = bills.records.findIndex((b) => typeof b.payeeIban === 'string' && b.payeeIban.length > 6);
    assert(at >= 0, 'no bill with an IBAN on the first page');
    const bill = bills.records[at];
    const iban = bill.payeeIban as string;
    const masked = `•••• ${iban.slice(-4)}`;

    await explorer.collapse('Vendors');
    const c0 = apiCalls(sim);
    await explorer.expand('Bills');
    await until(async () => (await explorer.description('Bills')) === `${FIRST_PAGE}+`, `Bills to show "${FIRST_PAGE}+"`, 15000);
    const group = (await explorer.topLevel()).find((r) => r.label === 'Bills') as TreeRow;
    const row = explorer.rowAt(group.index + 1 + at);
    await explorer.scrollTo(row);
    const label = (await explorer.rowsUnder('Bills'))[at]?.label;
    note(`Bills: "${await explorer.description('Bills')}"; bill ${at + 1}, "${label}" (${bill.id}), is the first with an IBAN`);
    check(label && bill.payeeName && label.startsWith(bill.payeeName), `row ${at + 1} under Bills is "${label}", not ${bill.payeeName}'s bill`);

    const menu = await explorer.openContextMenu(row);
    note(`the bill's context menu: ${JSON.stringify(menu)}`);
    check(JSON.stringify(menu) === JSON.stringify(RECORD_MENU), `the bill's context menu offers ${JSON.stringify(menu)}, not ${JSON.stringify(RECORD_MENU)}`);
    await explorer.closeMenu();

    const o0 = Date.now();
    await row.click();
    const tab = await editor.waitForTab(/\.json$/, 'the bill to open in an editor', 10000);
    note(`tab "${tab}" ${Date.now() - o0} ms after the click; API calls for the list and the document: ${apiCalls(sim) - c0}`);
    check(label && tab === `${label}.json`, `the tab says "${tab}", not "${label}.json"`);
    const top = await until(async () => ((await editor.visibleLines()).length > 5 ? editor.visibleLines() : undefined), 'the document to show', 5000);
    check(top.some((l) => l.trim() === `"id": "${bill.id}",`), `the document is not bill ${bill.id}: ${JSON.stringify(top.slice(0, 4))}`);
    const language = await editor.languageMode();
    const refused = await editor.typeAtTop('x');
    const first = (await editor.visibleLines())[0];
    const dirty = await editor.isDirty();
    note(`language "${language}"; "x" typed at the top: ${refused ? `"${refused}"` : 'no message'}, the first line ${JSON.stringify(first)}, ${dirty ? 'unsaved changes' : 'no change'}`);
    check(language === 'JSON', `the status bar names the language "${language}"`);
    check(first === '{' && !dirty, 'the record document took an edit');
    check(refused && /read-only/i.test(refused), `typing into the record said ${JSON.stringify(refused)}`);
    const actions = await editor.titleActions();
    note(`editor title actions: ${JSON.stringify(actions)}`);
    check(actions.includes('Show Sensitive Fields') && !actions.includes('Mask Sensitive Fields'), `the editor title offers ${JSON.stringify(actions)}`);

    // Masked: the find widget counts over the whole document, not only what is on screen.
    const real0 = await editor.find(iban);
    const mask0 = await editor.find(masked);
    const line0 = await editor.visibleProperty('payeeIban');
    note(`masked: the real IBAN ${real0 === 'No results' ? 'nowhere' : real0}; "${masked}" ${mask0}; ${JSON.stringify(line0?.trim())}`);
    check(real0 === 'No results', `the real IBAN is in the masked document (${real0})`);
    check(/^1 of \d+$/.test(mask0), `"${masked}" is not in the document (${mask0})`);
    check(line0?.trim() === `"payeeIban": "${masked}",`, `the payeeIban line reads ${JSON.stringify(line0)}`);
    if (bill.payeeBban && bill.payeeBban.length > 6) check((await editor.find(bill.payeeBban)) === 'No results', 'the real BBAN is in the masked document');
    await editor.closeFind();

    await editor.clickTitleAction('Show Sensitive Fields', 'Mask Sensitive Fields');
    const real1 = await until(async () => {
      const n = await editor.find(iban);
      return n !== 'No results' ? n : undefined;
    }, 'the real IBAN to show', 5000);
    const line1 = await editor.visibleProperty('payeeIban');
    note(`"Show Sensitive Fields": the real IBAN ${real1}; ${JSON.stringify(line1?.trim())}; editor title ${JSON.stringify(await editor.titleActions())}`);
    check(line1?.trim() === `"payeeIban": "${iban}",`, `the payeeIban line reads ${JSON.stringify(line1)}`);
    await editor.closeFind();

    await editor.clickTitleAction('Mask Sensitive Fields', 'Show Sensitive Fields');
    const real2 = await until(async () => ((await editor.find(iban)) === 'No results' ? 'No results' : undefined), 'the IBAN to be masked again', 5000);
    const line2 = await editor.visibleProperty('payeeIban');
    note(`"Mask Sensitive Fields": the real IBAN ${real2 === 'No results' ? 'nowhere' : real2}; ${JSON.stringify(line2?.trim())}`);
    check(line2?.trim() === `"payeeIban": "${masked}",`, `the payeeIban line reads ${JSON.stringify(line2)}`);
    await editor.closeFind();

    await editor.goToTop();
    await wb.page.mouse.move(1100, 700); // off the text, the tree and the tabs: nothing hovered
    await wb.screenshot(SHOTS.record);
    note(`screenshot ${path.relative(ROOT, SHOTS.record)}`);
    await picture(wb, 'record');
    checkNotifications(run, from);
  });

  test('e. "Go to Record…": part of a vendor\'s name finds it on Light; picked, its JSON opens', async ({ run }) => {
    const { wb, sim, t0 } = run;
    const from = Date.now() - t0;
    const { quickInput } = wb;
    // A vendor far past what the tree has loaded: only Light's own search can find it.
    const far = await simGet<SimPage<SimVendor>>(sim, '/v1/vendors?limit=1&offset=1000');
    const vendor = far.records[0];
    assert(vendor, 'the simulator has fewer than 1,001 vendors');
    check(!firstVendors.includes(vendor.name), `"${vendor.name}" is among the vendors the tree loaded`);
    const term = vendor.name.slice(0, -3).trim();

    const c0 = apiCalls(sim);
    await explorer.clickTitleAction('Go to Record…');
    const title = await quickInput.waitForTitle(/^Go to Light Record — /, 'the "Go to Light Record" pick', 10000);
    const placeholder = await quickInput.input.getAttribute('placeholder');
    note(`pick "${title}", placeholder "${placeholder}"`);
    check(title.startsWith(`Go to Light Record — ${COMPANY}`), `the pick's title "${title}" does not name the account`);
    const s0 = Date.now();
    await quickInput.type(term);
    const typed = Date.now();
    const found = quickInput.entry(vendor.name);
    await until(async () => (await found.count()) > 0, `the pick to find "${vendor.name}"`, 10000);
    const entries = await quickInput.entries();
    const c1 = apiCalls(sim);
    note(`typed "${term}" (${typed - s0} ms): ${entries.length} entries ${Date.now() - typed} ms after the last key, ${JSON.stringify(entries.slice(0, 4))}; API calls ${c0} → ${c1}`);
    check(c1 > c0, 'no API call for the search');
    const entry = entries.find((e) => e.label === vendor.name);
    check(entry && entry.detail === `vendor · ${vendor.vendorId}`, `the entry for "${vendor.name}" reads ${JSON.stringify(entry)}`);

    await found.click();
    await quickInput.waitClosed('the pick to close', 5000);
    const tab = await editor.waitForTab(`${vendor.name}.json`, `"${vendor.name}.json" to open`, 10000);
    const lines = await until(async () => {
      const l = await editor.visibleLines();
      return l.some((x) => x.includes(`"vendorId": "${vendor.vendorId}"`)) ? l : undefined;
    }, `the document to show vendor ${vendor.vendorId}`, 5000);
    note(`picked: tab "${tab}" ${Date.now() - typed} ms after the last key, ${lines.length} lines on screen`);
    check(lines.some((x) => x.trim() === `"name": ${JSON.stringify(vendor.name)},`), `the document does not say "name": "${vendor.name}"`);
    checkNotifications(run, from);
  });

  test('f. the inline Filter button on Vendors: status eq ACTIVE; the group says "status = ACTIVE"; Clear Filter removes it', async ({ run }) => {
    const { wb, sim, t0 } = run;
    const from = Date.now() - t0;
    const { quickInput } = wb;
    const active = await simGet<SimPage<SimVendor>>(sim, '/v1/vendors?limit=1&filter=status:eq:ACTIVE');
    const expected = active.total as number;
    assert(Number.isInteger(expected) && expected > 0, `the simulator answered ${JSON.stringify(active)}`);

    await explorer.collapse('Bills');
    await explorer.scrollToTop();
    const menu = await explorer.openContextMenu('Vendors');
    note(`Vendors' context menu: ${JSON.stringify(menu)}`);
    check(JSON.stringify(menu) === JSON.stringify(GROUP_MENU), `Vendors' context menu offers ${JSON.stringify(menu)}, not ${JSON.stringify(GROUP_MENU)}`);
    await explorer.closeMenu();
    const inline0 = await explorer.inlineActions('Vendors');
    check(JSON.stringify(inline0) === JSON.stringify(['Filter…']), `Vendors' inline actions: ${JSON.stringify(inline0)}`);

    await explorer.clickInline('Vendors', 'Filter…');
    await quickInput.waitForTitle('Filter vendors by', 'the pick "Filter vendors by"', 10000);
    const fields = (await quickInput.entries()).map((e) => e.label);
    note(`"Filter vendors by": ${JSON.stringify(fields)}`);
    check(JSON.stringify(fields) === JSON.stringify(VENDOR_FILTER_FIELDS), `Vendors can be filtered by ${JSON.stringify(fields)}, not ${JSON.stringify(VENDOR_FILTER_FIELDS)}`);
    await quickInput.entry('status').click();
    await quickInput.waitForTitle('Filter vendors: status', 'the input box "Filter vendors: status"', 10000);
    note(`input box "Filter vendors: status": placeholder "${await quickInput.input.getAttribute('placeholder')}", "${await quickInput.message()}"`);
    await quickInput.type('eq ACTIVE');
    const c0 = apiCalls(sim);
    await quickInput.submit();
    await quickInput.waitClosed('the filter box to close', 5000);
    const said = await until(async () => {
      const d = await explorer.description('Vendors');
      return /status = ACTIVE/.test(d) ? d : undefined;
    }, 'Vendors to say "status = ACTIVE"', 10000);
    note(`Vendors: "${said}"`);

    await explorer.expand('Vendors');
    const count = expected > FIRST_PAGE ? `${FIRST_PAGE}+` : String(expected);
    const filtered = await until(async () => {
      const kids = await explorer.rowsUnder('Vendors');
      return (await explorer.description('Vendors')) === `${count} · status = ACTIVE` && kids.length ? kids : undefined;
    }, `Vendors to say "${count} · status = ACTIVE"`, 15000);
    const c1 = apiCalls(sim);
    const icons = [...new Set(filtered.filter((r) => r.label !== LOAD_MORE).map((r) => r.icon))];
    note(`expanded: "${await explorer.description('Vendors')}" (the simulator has ${expected} active vendors), ${filtered[0].setSize} rows; icons in view ${JSON.stringify(icons)}; API calls ${c0} → ${c1}`);
    check(filtered[0].setSize === Math.min(expected, FIRST_PAGE) + (expected > FIRST_PAGE ? 1 : 0), `${filtered[0].setSize} rows under the filtered Vendors`);
    check(JSON.stringify(icons) === JSON.stringify(['pass']), `the filtered vendors in view show the icons ${JSON.stringify(icons)}, not only an active one's`);
    check(c1 - c0 === 1, `${c1 - c0} API calls for the filtered page`);
    const inline1 = await explorer.inlineActions('Vendors');
    check(inline1.includes('Clear Filter'), `the filtered Vendors' inline actions: ${JSON.stringify(inline1)}`);
    const menu1 = await explorer.openContextMenu('Vendors');
    note(`filtered, the inline actions are ${JSON.stringify(inline1)} and the context menu ${JSON.stringify(menu1)}`);
    check(menu1.includes('Clear Filter'), `the filtered Vendors' context menu: ${JSON.stringify(menu1)}`);
    await explorer.closeMenu();

    await explorer.clickInline('Vendors', 'Clear Filter');
    const cleared = await until(async () => {
      const d = await explorer.description('Vendors');
      return d === `${FIRST_PAGE}+` ? d : undefined;
    }, `Vendors to say "${FIRST_PAGE}+" again`, 15000);
    const kids = await explorer.rowsUnder('Vendors');
    const icons2 = [...new Set(kids.filter((r) => r.label !== LOAD_MORE).map((r) => r.icon))];
    note(`"Clear Filter": "${cleared}", ${kids[0]?.setSize} rows, icons in view ${JSON.stringify(icons2)}, first ${JSON.stringify(kids[0]?.label)}; inline actions ${JSON.stringify(await explorer.inlineActions('Vendors'))}`);
    check(kids[0]?.label === firstVendors[0], `the first vendor is "${kids[0]?.label}", not "${firstVendors[0]}" as before the filter`);
    check(!(await explorer.inlineActions('Vendors')).includes('Clear Filter'), 'Vendors still offers "Clear Filter"');
    checkNotifications(run, from);
  });
});
