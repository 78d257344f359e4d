import * as assert from 'assert';
import { DEV_CREDENTIALS, Simulator, startSimulator } from '..';
import { SMALL_COUNTS, apiGet, basic, bearer, getJson, listAll, type ListPage, type Row } from '../../support/simulatorClient';

const KEY = basic(DEV_CREDENTIALS.production.apiKey);
const page = (sim: Simulator, path: string, headers = KEY) => getJson(sim, path, headers);

describe('Light simulator: API with default data', () => {
  let sim: Simulator;

  before(async () => {
    sim = await startSimulator({ host: '127.0.0.1', port: 0 });
  });
  after(() => sim.stop());

  it('visits every vendor exactly once, forward and backward', async () => {
    const first = await page(sim, '/v1/vendors?cursor=0');
    assert.strictEqual(first.records.length, 50, 'default limit is 50');
    assert.strictEqual(first.prevCursor, null);

    const seen: string[] = [];
    const pages: ListPage[] = [];
    let cursor: string | null = '0';
    while (cursor !== null) {
      const p: ListPage = await page(sim, `/v1/vendors?limit=200&cursor=${encodeURIComponent(cursor)}`);
      pages.push(p);
      seen.push(...p.records.map((v) => v.vendorId as string));
      cursor = p.nextCursor;
    }
    assert.ok(seen.length >= 1000, `at least 1000 vendors by default, got ${seen.length}`);
    assert.strictEqual(new Set(seen).size, seen.length, 'no vendor twice');
    assert.strictEqual(pages[pages.length - 1].hasMore, false);

    const back: string[] = [];
    let prev: string | null = pages[pages.length - 1].prevCursor;
    while (prev !== null) {
      const p: ListPage = await page(sim, `/v1/vendors?limit=200&cursor=${encodeURIComponent(prev)}`);
      back.unshift(...p.records.map((v) => v.vendorId as string));
      prev = p.prevCursor;
    }
    assert.deepStrictEqual(back, seen.slice(0, seen.length - pages[pages.length - 1].records.length));
  });

  it('serves every list endpoint with Light records', async () => {
    const lists: [string, string][] = [
      ['/v1/customers', 'id'],
      ['/v1/invoice-receivables', 'invoiceNumber'],
      ['/v1/bff/invoice-payables', 'state'],
      ['/v1/ledger-accounts', 'code'],
      ['/v1/users', 'email'],
    ];
    for (const [path, field] of lists) {
      const p = await page(sim, `${path}?cursor=0&limit=5`);
      assert.strictEqual(p.records.length, 5, path);
      assert.ok(field in p.records[0], `${path} records have ${field}`);
      assert.strictEqual(p.hasMore, true);
    }
  });
});

describe('Light simulator: API queries', () => {
  let sim: Simulator;
  let vendors: Row[];

  before(async () => {
    sim = await startSimulator({ host: '127.0.0.1', port: 0, counts: SMALL_COUNTS });
    vendors = await listAll(sim, '/v1/vendors');
  });
  after(() => sim.stop());

  it('filters with eq, ne, in and not_in', async () => {
    const count = (pred: (v: Row) => boolean) => vendors.filter(pred).length;
    const cases: [string, (v: Row) => boolean][] = [
      ['status:eq:ACTIVE', (v) => v.status === 'ACTIVE'],
      ['status:ne:ACTIVE', (v) => v.status !== 'ACTIVE'],
      ['status:in:ONBOARDING|IN_REVIEW', (v) => v.status === 'ONBOARDING' || v.status === 'IN_REVIEW'],
      ['status:not_in:ONBOARDING|IN_REVIEW', (v) => v.status !== 'ONBOARDING' && v.status !== 'IN_REVIEW'],
      ['type:eq:USER', (v) => v.type === 'USER'],
    ];
    for (const [filter, pred] of cases) {
      const got = await listAll(sim, '/v1/vendors', { filter });
      assert.strictEqual(got.length, count(pred), filter);
      assert.ok(got.every(pred), filter);
      assert.ok(got.length > 0, `${filter} matches something`);
    }
  });

  it('filters numbers and dates with gt, gte, lt and lte, and combines filters', async () => {
    const spend = (v: Row) => v.lastMtdSpendInGroupCurrency as number | null;
    const withSpend = vendors.filter((v) => spend(v) !== null).map((v) => spend(v) as number).sort((a, b) => a - b);
    const mid = withSpend[Math.floor(withSpend.length / 2)];
    const numeric: [string, (n: number) => boolean][] = [
      ['gt', (n) => n > mid],
      ['gte', (n) => n >= mid],
      ['lt', (n) => n < mid],
      ['lte', (n) => n <= mid],
    ];
    for (const [op, pred] of numeric) {
      const got = await listAll(sim, '/v1/vendors', { filter: `spendLastMtd:${op}:${mid}` });
      assert.strictEqual(got.length, withSpend.filter(pred).length, op);
    }
    const cut = '2023-06-01T00:00:00Z';
    const after = await listAll(sim, '/v1/vendors', { filter: `createdAt:gte:${cut},status:eq:ACTIVE` });
    const expected = vendors.filter((v) => Date.parse(v.vendorCreatedAt as string) >= Date.parse(cut) && v.status === 'ACTIVE');
    assert.strictEqual(after.length, expected.length);
    assert.ok(after.length > 0);
  });

  it('sorts by one or several fields', async () => {
    const byName = await listAll(sim, '/v1/vendors', { sort: 'name:desc' });
    const names = byName.map((v) => (v.name as string).toLowerCase());
    assert.deepStrictEqual(names, [...names].sort().reverse());
    const bySpend = await listAll(sim, '/v1/vendors', { sort: 'spendLastMtd:asc,name:asc' });
    const spends = bySpend.map((v) => v.lastMtdSpendInGroupCurrency as number | null).filter((n) => n !== null) as number[];
    assert.deepStrictEqual(spends, [...spends].sort((a, b) => a - b));
    assert.strictEqual(new Set(bySpend.map((v) => v.vendorId)).size, vendors.length);
  });

  it('searches vendors and customers case-insensitively', async () => {
    const term = (vendors[0].name as string).split(' ')[0].slice(0, 4).toUpperCase();
    const got = await listAll(sim, '/v1/vendors', { searchTerm: term });
    assert.ok(got.length > 0);
    const expected = vendors.filter((v) =>
      [v.name, v.email, v.identifier, v.vatId, v.website].some((t) => typeof t === 'string' && t.toLowerCase().includes(term.toLowerCase())),
    );
    assert.strictEqual(got.length, expected.length);
    const customers = await listAll(sim, '/v1/customers', { searchTerm: 'ROSE' });
    assert.ok(customers.every((c) => JSON.stringify([c.name, c.email, c.domain, c.vatNumber]).toLowerCase().includes('rose')));
  });

  it('caps limit at 200 and rejects a limit that is not a positive integer', async () => {
    const p = await page(sim, '/v1/vendors?cursor=0&limit=500');
    assert.strictEqual(p.records.length, 200);
    for (const limit of ['0', '-1', 'ten']) {
      const res = await apiGet(sim, `/v1/vendors?cursor=0&limit=${limit}`, KEY);
      assert.strictEqual(res.status, 400, limit);
    }
  });

  it('answers the deprecated offset mode when no cursor is sent', async () => {
    const p = await page(sim, '/v1/vendors?limit=10&offset=220');
    assert.strictEqual(p.records.length, 10);
    assert.strictEqual(p.total, SMALL_COUNTS.vendors);
    assert.strictEqual(p.nextCursor, null);
    assert.strictEqual(p.hasMore, false);
  });

  it('answers 400 BAD_REQUEST for an invalid filter field, operator, sort or cursor', async () => {
    const bad = [
      'filter=name:eq:x',
      'filter=status:like:ACTIVE',
      'filter=status',
      'filter=spendLastMtd:gt:lots',
      'sort=vatId:asc',
      'sort=name:up',
      'cursor=bogus',
    ];
    for (const query of bad) {
      const res = await apiGet(sim, `/v1/vendors?${query}`, KEY);
      assert.strictEqual(res.status, 400, query);
      const body = (await res.json()) as { name: string; type: string; errors: { type: string; message: string; path: string[]; context: object }[] };
      assert.strictEqual(body.type, 'BAD_REQUEST', query);
      assert.strictEqual(typeof body.name, 'string');
      assert.strictEqual(body.errors.length, 1);
      const [error] = body.errors;
      assert.ok(error.type && error.message && Array.isArray(error.path) && typeof error.context === 'object', query);
    }
  });

  it('gets single records by id and answers 404 in the NotFoundException shape', async () => {
    const vendor = vendors[3];
    const one = await apiGet(sim, `/v1/vendors/${vendor.vendorId as string}`, KEY);
    assert.deepStrictEqual(await one.json(), vendor);
    const customer = (await page(sim, '/v1/customers?cursor=0&limit=1')).records[0];
    assert.strictEqual(((await (await apiGet(sim, `/v1/customers/${customer.id as string}`, KEY)).json()) as Row).name, customer.name);

    const invoice = (await page(sim, '/v1/invoice-receivables?cursor=0&limit=1')).records[0];
    assert.strictEqual(invoice.lines, null, 'lists carry no lines');
    const fullInvoice = (await (await apiGet(sim, `/v1/invoice-receivables/${invoice.id as string}`, KEY)).json()) as Row;
    assert.ok(Array.isArray(fullInvoice.lines) && fullInvoice.lines.length > 0);

    const bill = (await page(sim, '/v1/bff/invoice-payables?cursor=0&limit=1')).records[0];
    const detail = (await (await apiGet(sim, `/v1/invoice-payables/${bill.id as string}`, KEY)).json()) as Row;
    assert.strictEqual(detail.id, bill.id);
    assert.ok('invoiceCreatedAt' in detail && 'lineItems' in detail);

    for (const path of ['/v1/vendors/00000000-0000-4000-8000-000000000000', '/v1/invoice-payables/nope', '/v1/no-such-thing']) {
      const res = await apiGet(sim, path, KEY);
      assert.strictEqual(res.status, 404, path);
      const body = (await res.json()) as { name: string; type: string; errors: { type: string; message: string; path: unknown[]; context: object }[] };
      assert.strictEqual(body.name, 'NotFoundException');
      assert.strictEqual(body.type, 'NOT_FOUND');
      assert.strictEqual(body.errors[0].type, 'NOT_FOUND');
      assert.ok(body.errors[0].message);
      assert.deepStrictEqual(body.errors[0].path, []);
      assert.deepStrictEqual(body.errors[0].context, {});
    }
  });

  it('answers 401 UNAUTHORIZED without valid credentials', async () => {
    const headers: Record<string, string>[] = [{}, bearer('not-a-token'), basic('wrong-key'), { Authorization: 'Token abc' }];
    for (const h of headers) {
      const res = await apiGet(sim, '/v1/companies/current', h);
      assert.strictEqual(res.status, 401);
      assert.deepStrictEqual(await res.json(), { type: 'UNAUTHORIZED', message: 'Credentials are required to access this resource' });
    }
    assert.strictEqual((await apiGet(sim, '/v1/no-such-thing', {})).status, 401, 'the gateway checks credentials first');
  });

  it('scopes API keys and tokens to their company', async () => {
    const prod = (await (await apiGet(sim, '/v1/companies/current', KEY)).json()) as Row;
    const sandboxKey = basic(DEV_CREDENTIALS.sandbox.apiKey);
    const sandbox = (await (await apiGet(sim, '/v1/companies/current', sandboxKey)).json()) as Row;
    assert.strictEqual(prod.name, 'Northwind Trading');
    assert.strictEqual(sandbox.name, 'Northwind Trading (Sandbox)');
    assert.notStrictEqual(prod.id, sandbox.id);
    const sandboxVendor = (await page(sim, '/v1/vendors?cursor=0&limit=1', sandboxKey)).records[0];
    assert.strictEqual(sandboxVendor.companyId, sandbox.id);
    assert.strictEqual((await apiGet(sim, `/v1/vendors/${sandboxVendor.vendorId as string}`, KEY)).status, 404);
    const tokens = sim.control.issueTokens(1);
    const viaToken = (await (await apiGet(sim, '/v1/companies/current', bearer(tokens.access_token))).json()) as Row;
    assert.strictEqual(viaToken.id, sandbox.id);
  });

  it('finds a user by email and includes roles only when asked', async () => {
    const email = sim.companies[0].userEmails[0];
    const plain = await page(sim, `/v1/users?filter=${encodeURIComponent(`email:eq:${email}`)}`);
    assert.strictEqual(plain.records.length, 1);
    assert.strictEqual(plain.records[0].email, email);
    assert.ok(!('roles' in plain.records[0]));
    const withRoles = await page(sim, `/v1/users?includeRoles=true&filter=role:eq:SUPERUSER`);
    assert.ok(withRoles.records.some((u) => u.email === email));
    assert.ok(withRoles.records.every((u) => (u.roles as string[]).includes('SUPERUSER')));
  });
});
