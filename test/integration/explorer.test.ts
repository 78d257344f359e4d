// The Light view, Go to Record and record documents, in a real VS Code host against the simulator.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { DEV_CREDENTIALS, startSimulator } from '../simulator';
import type { Simulator } from '../simulator';
import { activateExtension, answerInputs, describePhase, lightGet, runCommand, session, setClientSecret, signIn, signOut, signOutOf, state, useSimulator, waitFor } from './helpers';

interface Item {
  label: string;
  description?: string;
  tooltip?: string;
  icon?: string;
  contextValue?: string;
  command?: string;
  id?: string;
}

const tree = async (kind?: string) => (await vscode.commands.executeCommand<Item[]>('light.test.tree', kind)) ?? [];

/** A group's items once it is no longer loading. */
async function loaded(kind: string): Promise<Item[]> {
  return waitFor(async () => {
    const items = await tree(kind);
    return items.some((i) => i.icon === 'loading~spin') ? undefined : items;
  }, `${kind} to load`);
}

const records = (items: Item[]) => items.filter((i) => i.contextValue === 'record');
const editorText = () => vscode.window.activeTextEditor?.document.getText() ?? '';

describePhase(1, 'the Light explorer in a real VS Code host', () => {
  let sim: Simulator;

  before(async () => {
    await activateExtension();
    sim = await startSimulator({ host: '127.0.0.2', autoApprove: true, counts: { vendors: 120, invoicePayables: 60 } });
    await useSimulator(sim);
    assert.strictEqual(await setClientSecret(DEV_CREDENTIALS.production.clientSecret), true);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await signOutOf(sim);
    await sim.stop();
  });

  it('signed out, the view is empty (its welcome view offers the sign-ins)', async () => {
    assert.deepStrictEqual(await tree(), []);
  });

  it('signed in, shows the company and one group per kind, and fetches no list until a group is expanded', async () => {
    assert.ok(await signIn());
    sim.control.resetCounters();
    const top = await tree();
    assert.strictEqual(top[0].label, 'Northwind Trading');
    assert.match(top[0].description ?? '', /EUR|USD|GBP/, 'the base currency');
    assert.deepStrictEqual(top.slice(1).map((i) => i.label), ['Vendors', 'Customers', 'Bills', 'Invoices', 'Ledger accounts', 'Users', 'Products', 'Contracts', 'Expenses', 'Bank accounts']);
    assert.ok(sim.control.counters().api <= 1, `only the company was fetched (${sim.control.counters().api} calls)`);
  });

  it('a group loads one page on expand, says so meanwhile, and "Load more…" fetches a bigger one', async () => {
    const first = await tree('vendors');
    assert.match(first.map((i) => i.label).join(), /Loading vendors…/);
    const page = await loaded('vendors');
    assert.strictEqual(records(page).length, 50);
    assert.strictEqual(page[page.length - 1].label, 'Load more…');
    const expected = await lightGet<{ records: Array<{ name: string; status: string }> }>('/v1/vendors', undefined, { limit: 3, cursor: '0' });
    assert.deepStrictEqual(records(page).slice(0, 3).map((i) => i.label), expected.records.map((v) => v.name));
    assert.ok(records(page).every((i) => i.icon && i.tooltip?.includes('ID:')), 'icons by status and tooltips with the key fields');
    assert.strictEqual(await runCommand('light.explorer.loadMore', 'vendors'), true);
    const all = await loaded('vendors');
    assert.strictEqual(records(all).length, 120, '50 + the remaining 70 in a page of 100');
    assert.ok(!all.some((i) => i.label === 'Load more…'));
    assert.strictEqual(new Set(records(all).map((i) => i.id)).size, 120);
  });

  it('filters and sorts a group on the server, shows the filter, and clears it', async () => {
    await answerInputs('status', 'eq ACTIVE');
    assert.strictEqual(await runCommand('light.explorer.filter', 'vendors'), true);
    const group = (await tree()).find((i) => i.label === 'Vendors');
    assert.match(group?.description ?? '', /status = ACTIVE/);
    assert.match(group?.contextValue ?? '', /\bfiltered\b/);
    const active = records(await loaded('vendors'));
    const expected = await lightGet<{ records: unknown[] }>('/v1/vendors', undefined, { filter: 'status:eq:ACTIVE', limit: 200, cursor: '0' });
    assert.ok(active.length > 0 && active.length < 120);
    assert.strictEqual(active.length, Math.min(50, expected.records.length));
    assert.ok(active.every((i) => /Status: ACTIVE/.test(i.tooltip ?? '')));
    await answerInputs('name ↓');
    assert.strictEqual(await runCommand('light.explorer.sort', 'vendors'), true);
    const sorted = records(await loaded('vendors')).map((i) => i.label);
    assert.deepStrictEqual(sorted, [...sorted].sort((a, b) => b.localeCompare(a, 'en', { sensitivity: 'base' })).slice(0, sorted.length));
    await answerInputs('status', 'between A and B'); // refused by the input box's check, so nothing changes
    assert.strictEqual(await runCommand('light.explorer.filter', 'vendors'), false);
    assert.match((await tree()).find((i) => i.label === 'Vendors')?.description ?? '', /status = ACTIVE · by name ↓/);
    assert.strictEqual(await runCommand('light.explorer.clearFilter', 'vendors'), true);
    assert.strictEqual(records(await loaded('vendors')).length, 50);
  });

  it('an error is an item with a Retry, never a dialog; Retry loads', async () => {
    sim.control.failNext('api', 2, { kind: 'status', status: 503 }); // the client retries a GET once
    await tree('bills');
    const failed = await loaded('bills');
    assert.match(failed[0].label, /^Couldn't load bills: Light answered 503/);
    assert.deepStrictEqual(failed.map((i) => i.label).slice(-1), ['Retry']);
    assert.strictEqual(await runCommand('light.explorer.loadMore', 'bills'), true);
    assert.strictEqual(records(await loaded('bills')).length, 50);
  });

  it('opens a bill as read-only JSON with bank details masked, links to its vendor, and shows them when asked', async () => {
    const bills = await lightGet<{ records: Array<Record<string, unknown> & { id: string; payeeIban?: string; vendor?: { vendorId?: string } }> }>('/v1/bff/invoice-payables', undefined, { limit: 50, cursor: '0' });
    const bill = bills.records.find((b) => b.payeeIban && b.vendor?.vendorId);
    assert.ok(bill, 'a bill with an IBAN and a vendor');
    assert.strictEqual(await runCommand('light.explorer.openRecord', { type: 'record', kind: { id: 'bills' }, record: bill }), true);
    const doc = vscode.window.activeTextEditor?.document;
    assert.strictEqual(doc?.uri.scheme, 'light');
    assert.strictEqual(doc?.languageId, 'json');
    const shown = JSON.parse(editorText());
    assert.strictEqual(shown.id, bill.id);
    assert.match(shown.payeeIban, /^•••• .{4}$/);
    assert.ok(!editorText().includes(bill.payeeIban as string), 'the IBAN is not in the document');

    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', doc.uri);
    const vendorLink = links.find((l) => l.target?.path.startsWith('/vendors/'));
    assert.ok(vendorLink?.target, `a link to the vendor among ${links.map((l) => l.target?.path).join(', ')}`);
    assert.strictEqual(doc.getText(vendorLink.range), bill.vendor?.vendorId);

    assert.strictEqual(await runCommand('light.record.showSensitive'), true);
    await waitFor(() => editorText().includes(bill.payeeIban as string), 'the IBAN to be shown');
    assert.strictEqual(await runCommand('light.record.hideSensitive'), true);
    await waitFor(() => !editorText().includes(bill.payeeIban as string), 'the IBAN to be masked again');

    const vendorDoc = await vscode.workspace.openTextDocument(vendorLink.target);
    assert.strictEqual(JSON.parse(vendorDoc.getText()).vendorId, bill.vendor?.vendorId, 'the link opens the vendor, fetched from Light');
  });

  it('Copy as cURL names the variable, never the token; Copy ID copies the id', async () => {
    const vendor = (await lightGet<{ records: Array<{ vendorId: string }> }>('/v1/vendors', undefined, { limit: 1, cursor: '0' })).records[0];
    const node = { type: 'record', kind: { id: 'vendors' }, record: vendor };
    assert.strictEqual(await runCommand('light.explorer.copyCurl', node), true);
    const curl = await vscode.env.clipboard.readText();
    const s = await session();
    assert.match(curl, new RegExp(`^curl -sS '${s?.apiBaseUrl.replace(/[.]/g, '\\.')}/v1/vendors/${vendor.vendorId}'`));
    assert.match(curl, /Authorization: Bearer \$LIGHT_ACCESS_TOKEN/);
    assert.ok(s && !curl.includes(s.accessToken));
    assert.strictEqual(await runCommand('light.explorer.copyId', node), true);
    assert.strictEqual(await vscode.env.clipboard.readText(), vendor.vendorId);
  });

  it('Go to Record finds a vendor by part of its name on the server and opens it', async () => {
    const vendors = await lightGet<{ records: Array<{ vendorId: string; name: string }> }>('/v1/vendors', undefined, { limit: 200, cursor: '0', sort: 'name:desc' });
    const target = vendors.records[vendors.records.length - 1];
    const word = target.name.split(' ')[0];
    await answerInputs(word);
    assert.strictEqual(await runCommand('light.goToRecord'), true);
    await waitFor(() => vscode.window.activeTextEditor?.document.uri.scheme === 'light', 'a record document');
    assert.match(JSON.parse(editorText()).name, new RegExp(word, 'i'));
  });

  it('with two accounts, the view title switches between them, and their records never share a document', async () => {
    const production = (await state()).activeId;
    await useSimulator(sim, { company: 'sandbox' });
    assert.strictEqual(await setClientSecret(DEV_CREDENTIALS.sandbox.clientSecret), true);
    const sandbox = await signIn();
    assert.ok(sandbox && production && sandbox.id !== production);
    assert.match((await tree())[0].label, /Sandbox/, 'a new sign-in becomes the active account, and the view follows');
    const vendor = (await lightGet<{ records: Array<{ vendorId: string; name: string }> }>('/v1/vendors', undefined, { limit: 1, cursor: '0' })).records[0];
    assert.strictEqual(await runCommand('light.explorer.openRecord', { type: 'record', kind: { id: 'vendors' }, record: vendor }), true);
    const sandboxUri = vscode.window.activeTextEditor?.document.uri.toString();

    const productionLabel = (await state()).sessions.find((s) => s.id === production)?.label as string;
    await answerInputs(productionLabel);
    assert.strictEqual(await runCommand('light.explorer.switchAccount'), true);
    assert.strictEqual((await state()).activeId, production);
    assert.doesNotMatch((await tree())[0].label, /Sandbox/);
    assert.strictEqual(records(await loaded('vendors')).length, 50, 'the groups start again for this account');
    assert.strictEqual(await runCommand('light.explorer.openRecord', { type: 'record', kind: { id: 'vendors' }, record: vendor }), true);
    assert.notStrictEqual(vscode.window.activeTextEditor?.document.uri.toString(), sandboxUri, 'the same record path of another account is another document');
    assert.strictEqual(await signOut(sandbox.id), true);
    await useSimulator(sim);
  });

  it('a record of a signed-out account does not open, and the view empties on sign-out', async () => {
    const doc = vscode.window.activeTextEditor?.document;
    assert.ok(doc);
    await signOutOf(sim);
    assert.deepStrictEqual(await tree(), []);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const unopened = doc.uri.with({ path: doc.uri.path.replace(/[^/]+\.json$/, 'again.json') }); // not cached by VS Code
    await assert.rejects(Promise.resolve(vscode.workspace.openTextDocument(unopened)), /not signed in to the Light account/);
  });
});
