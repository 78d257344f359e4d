import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { LightClient, signedOut } from '../../../src/core/api/lightClient';
import { systemClock } from '../../../src/core/clock';
import { LightError } from '../../../src/core/errors';
import { companyText, describeSearch, errorText, GET_SCHEMA, getText, MAX_LIMIT, SEARCH_SCHEMA, searchText } from '../../../src/core/tools/lightTools';
import { Simulator, startSimulator } from '../../simulator';
import { MemorySecrets } from '../../support/memorySecretStore';
import { openWindow, signInTo, Window } from '../../support/signedIn';
import type { StoredSession } from '../../../src/core/auth/tokenStore';
import type { Company } from '../../../src/lightApi';

const ROOT = path.resolve(__dirname, '../../../..');
type Page = { records: Array<Record<string, unknown>>; nextCursor: string | null };

describe("Light's language-model tools against the simulator", function () {
  this.timeout(30_000);
  let sim: Simulator;
  let w: Window;
  let session: StoredSession;
  let client: LightClient;
  const get = async (p: string, query: Record<string, string | number> = {}): Promise<Page> => (await client.list<Record<string, unknown>>(p, query)) as Page;

  before(async () => {
    sim = await startSimulator({ autoApprove: true, counts: { vendors: 80, invoicePayables: 40, bankAccounts: 3 } });
    w = openWindow(new MemorySecrets(), 'w', systemClock);
    await w.manager.initialize();
    session = await w.manager.add(await signInTo(sim));
    client = new LightClient(w.manager, session.id);
  });
  after(async () => {
    w.manager.dispose();
    await sim.stop();
  });

  it("declares in package.json exactly the input schemas the tools read (one owner: src/core/tools/lightTools.ts)", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { languageModelTools: Array<{ name: string; inputSchema: unknown; toolReferenceName: string }> } };
    const tools = Object.fromEntries(manifest.contributes.languageModelTools.map((t) => [t.name, t]));
    assert.deepStrictEqual(Object.keys(tools).sort(), ['light_company', 'light_get', 'light_search']);
    assert.deepStrictEqual(tools.light_search.inputSchema, JSON.parse(JSON.stringify(SEARCH_SCHEMA)));
    assert.deepStrictEqual(tools.light_get.inputSchema, JSON.parse(JSON.stringify(GET_SCHEMA)));
    for (const t of Object.values(tools)) assert.match(t.toolReferenceName, /^[\w-]+$/);
  });

  it('lists one page with the key fields and ids, and the cursor to continue; the next page follows it', async () => {
    const first = await searchText(client, { resource: 'vendors', limit: 5, sort: 'name:asc' });
    const expected = await get('/v1/vendors', { limit: 5, sort: 'name:asc' });
    const lines = first.split('\n');
    assert.strictEqual(lines[0], '5 vendors:');
    expected.records.forEach((v, i) => assert.ok(lines[i + 1].startsWith(`- Name: ${v.name as string};`) && lines[i + 1].endsWith(`; id: ${v.vendorId as string}`), lines[i + 1]));
    const cursor = /cursor "([^"]+)"/.exec(first)?.[1];
    assert.strictEqual(cursor, expected.nextCursor);
    const second = await searchText(client, { resource: 'vendors', limit: 5, sort: 'name:asc', cursor });
    const expectedSecond = await get('/v1/vendors', { limit: 5, cursor: cursor as string, sort: 'name:asc' });
    assert.ok(second.includes(`id: ${expectedSecond.records[0].vendorId as string}`));
    assert.ok(!second.includes(`id: ${expected.records[0].vendorId as string}`));
  });

  it("filters and sorts with Light's syntax, caps the page, and ends with 'That is all of them'", async () => {
    const text = await searchText(client, { resource: 'bills', filter: 'state:in:PAID|COMPLETED', sort: 'amount:desc', limit: 500 });
    const states = [...text.matchAll(/State: ([A-Z_]+)/g)].map((m) => m[1]);
    assert.ok(states.length > 0 && states.length <= MAX_LIMIT);
    assert.ok(states.every((s) => s === 'PAID' || s === 'COMPLETED'), states.join());
    const all = await searchText(client, { resource: 'bankAccounts' });
    assert.match(all, /^3 bank accounts:/);
    assert.match(all, /That is all of them\.$/);
    assert.doesNotMatch(all, /iban|GB\d{2}[A-Z]{4}/i, 'no bank details in a list');
  });

  it('refuses what Light cannot do, saying what it can', async () => {
    await assert.rejects(searchText(client, { resource: 'vendors', filter: 'colour:eq:red' }), (e: LightError) => e.kind === 'config' && /It can filter them by: id, status/.test(e.message));
    await assert.rejects(searchText(client, { resource: 'bills', searchTerm: 'acme' }), /only vendors and customers by searchTerm; for bills, use a filter/);
    await assert.rejects(searchText(client, { resource: 'planets' }), /Unknown resource "planets"\. Use one of: vendors, customers, bills, invoices/);
    await assert.rejects(searchText(client, { resource: 'vendors', sort: 'colour:asc' }), /cannot sort vendors by "colour"/);
  });

  it('reads one record as JSON with bank details masked, and says so when there is none', async () => {
    const bill = (await get('/v1/bff/invoice-payables', { limit: 40 })).records.find((b) => b.payeeIban) as Record<string, string>;
    const text = await getText(client, { resource: 'bills', id: bill.id });
    assert.match(text, /^bill .* \(bank details masked\):\n\{/);
    const json = JSON.parse(text.slice(text.indexOf('\n') + 1)) as Record<string, unknown>;
    assert.strictEqual(json.id, bill.id);
    assert.match(String(json.payeeIban), /^•••• .{4}$/);
    assert.ok(!text.includes(bill.payeeIban));
    assert.strictEqual(await getText(client, { resource: 'vendors', id: 'no-such-id' }), 'Light has no vendor with id "no-such-id". Find its id with light_search first.');
  });

  it('names the account, the environment and the base currency', async () => {
    const company = (await client.get<Company>('/v1/companies/current')) as Company;
    const text = companyText(session, company);
    assert.match(text, new RegExp(`^Signed in to Light as ${session.label.replace(/[().]/g, '\\$&')} \\(OAuth\\)\\.`));
    assert.ok(text.includes(`Environment: custom (${sim.url}).`));
    assert.ok(text.includes(`base currency ${company.baseCurrency}`));
  });

  it('describes what a search reads, for the confirmation', () => {
    assert.strictEqual(describeSearch({ resource: 'vendors', searchTerm: 'acme', sort: 'name:asc' }), 'vendors, matching "acme", sorted by name:asc');
    assert.strictEqual(describeSearch({ resource: 'bills', filter: 'state:eq:PAID' }), 'bills, where state:eq:PAID');
  });

  it('turns failures into text a model can act on', () => {
    assert.match(errorText(signedOut()), /not signed in to Light\. Ask them to run "Sign in to Light"/);
    assert.match(errorText(new LightError('unauthorized', 'no', { status: 401 })), /did not accept the sign-in \(HTTP 401\)/);
    assert.strictEqual(errorText(new LightError('http', 'x', { status: 429, retryAfterSeconds: 30 })), "Light's rate limit was reached. Try again in 30 seconds.");
    assert.match(errorText(new LightError('http', 'Light answered HTTP 503', { status: 503 })), /^Light could not answer: Light answered HTTP 503/);
    assert.match(errorText(new LightError('config', 'bad filter')), /^That request cannot be made: bad filter/);
  });
});
