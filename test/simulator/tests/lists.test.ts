import * as assert from 'assert';
import { createHash } from 'crypto';
import fetch from 'node-fetch';
import { DEV_CREDENTIALS, Simulator, startSimulator } from '..';
import { SMALL_COUNTS, apiGet, basic, getJson, listAll, type ListPage, type Row } from '../../support/simulatorClient';

const KEY = basic(DEV_CREDENTIALS.production.apiKey);
const COUNTS = { ...SMALL_COUNTS, invoiceReceivables: 120, products: 80, contracts: 60, expenses: 150, bankAccounts: 4 };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const json = <T = unknown>(sim: Simulator, path: string) => getJson<T>(sim, path, KEY);

async function notFound(sim: Simulator, path: string): Promise<void> {
  const res = await apiGet(sim, path, KEY);
  assert.strictEqual(res.status, 404, path);
  const body = (await res.json()) as { name: string; type: string; errors: { type: string; message: string; path: unknown[]; context: object }[] };
  assert.strictEqual(body.name, 'NotFoundException', path);
  assert.strictEqual(body.type, 'NOT_FOUND');
  assert.strictEqual(body.errors.length, 1);
  assert.strictEqual(body.errors[0].type, 'NOT_FOUND');
  assert.ok(body.errors[0].message.length > 0);
  assert.deepStrictEqual(body.errors[0].path, []);
  assert.deepStrictEqual(body.errors[0].context, {});
}

async function badRequest(sim: Simulator, path: string): Promise<void> {
  const res = await apiGet(sim, path, KEY);
  assert.strictEqual(res.status, 400, path);
  const body = (await res.json()) as { type: string; errors: { type: string }[] };
  assert.strictEqual(body.type, 'BAD_REQUEST', path);
  assert.strictEqual(body.errors.length, 1);
}

const ids = (rows: Row[], key = 'id') => rows.map((r) => r[key] as string);
const lower = (v: unknown) => String(v).toLowerCase();

function assertSorted(rows: Row[], key: string, desc = false, label = key): void {
  const values = rows.map((r) => r[key]).filter((v) => v !== null) as (string | number)[];
  assert.ok(values.length > 1, `${label}: something to sort`);
  for (let i = 1; i < values.length; i++) {
    const [a, b] = desc ? [values[i], values[i - 1]] : [values[i - 1], values[i]];
    const ok = typeof a === 'number' && typeof b === 'number' ? a <= b : lower(a) <= lower(b);
    assert.ok(ok, `${label} out of order at ${i}: ${String(values[i - 1])}, ${String(values[i])}`);
  }
  const nulls = rows.map((r) => r[key] === null);
  if (!desc) assert.ok(nulls.indexOf(true) < 0 || nulls.slice(nulls.indexOf(true)).every(Boolean), `${label}: nulls last`);
}

describe('Light simulator: products, contracts, expenses, bank accounts', () => {
  let sim: Simulator;
  let products: Row[];
  let contracts: Row[];
  let expenses: Row[];
  let customers: Row[];
  let users: Row[];
  let ledgerAccounts: Row[];

  before(async () => {
    sim = await startSimulator({ counts: COUNTS, rateLimitPerMinute: 100_000 });
    products = await listAll(sim, '/v1/products');
    contracts = await listAll(sim, '/v1/contracts');
    expenses = await listAll(sim, '/v1/expenses');
    customers = await listAll(sim, '/v1/customers');
    users = await listAll(sim, '/v1/users');
    ledgerAccounts = await listAll(sim, '/v1/ledger-accounts');
  });
  after(() => sim.stop());

  it('pages each new list with nextCursor to the end, every record once, and back with prevCursor', async () => {
    for (const [path, all, count] of [
      ['/v1/products', () => products, COUNTS.products],
      ['/v1/contracts', () => contracts, COUNTS.contracts],
      ['/v1/expenses', () => expenses, COUNTS.expenses],
    ] as const) {
      assert.strictEqual(all().length, count, path);
      const small = await listAll(sim, path, {}, 7);
      assert.strictEqual(small.length, count, `${path} in pages of 7`);
      assert.strictEqual(new Set(ids(small)).size, count, `${path}: no record twice`);
      assert.deepStrictEqual(ids(small), ids(all()), `${path}: same order whatever the page size`);

      const first = await json<ListPage>(sim, `${path}?cursor=0`);
      assert.strictEqual(first.records.length, 50, `${path}: default limit 50`);
      assert.strictEqual(first.prevCursor, null);
      const capped = await json<ListPage>(sim, `${path}?cursor=0&limit=500`);
      assert.strictEqual(capped.records.length, Math.min(200, count));
      await badRequest(sim, `${path}?cursor=0&limit=0`);
      await badRequest(sim, `${path}?cursor=bogus`);

      let p = await json<ListPage>(sim, `${path}?cursor=0&limit=9`);
      while (p.nextCursor !== null) p = await json<ListPage>(sim, `${path}?limit=9&cursor=${encodeURIComponent(p.nextCursor)}`);
      const back: string[] = [];
      let prev = p.prevCursor;
      while (prev !== null) {
        const q: ListPage = await json<ListPage>(sim, `${path}?limit=9&cursor=${encodeURIComponent(prev)}`);
        back.unshift(...ids(q.records));
        prev = q.prevCursor;
      }
      assert.deepStrictEqual(back, ids(all()).slice(0, count - p.records.length), `${path}: backwards`);

      const offset = await json<ListPage>(sim, `${path}?limit=10&offset=20`);
      assert.strictEqual(offset.total, count);
      assert.deepStrictEqual(ids(offset.records), ids(all()).slice(20, 30));
    }
  });

  it('serves products with the fields and enum values of ExternalProductV1Model', async () => {
    for (const p of products) {
      assert.match(p.id as string, UUID);
      assert.ok(['FIXED', 'PACKAGE'].includes(p.pricingType as string));
      assert.ok(['ONE_TIME', 'MONTHLY', 'QUARTERLY', 'HALF_YEARLY', 'YEARLY'].includes(p.billingRecurrence as string));
      assert.ok(['ACTIVE', 'ARCHIVED'].includes(p.state as string));
      const pricings = p.pricings as { currency: string; amount: number }[];
      assert.ok(pricings.length > 0 && pricings.every((x) => /^[A-Z]{3}$/.test(x.currency) && Number.isInteger(x.amount) && x.amount > 0));
      assert.match(p.createdAt as string, DATE_TIME);
      if (p.defaultLedgerAccountId !== null) assert.ok(ids(ledgerAccounts).includes(p.defaultLedgerAccountId as string));
    }
    assert.deepStrictEqual(ids(products.filter((p) => p.name === products[0].name)), [products[0].id]);
  });

  it('filters and sorts products on the fields Light documents', async () => {
    const cases: [string, (p: Row) => boolean][] = [
      ['state:eq:ARCHIVED', (p) => p.state === 'ARCHIVED'],
      ['pricingType:eq:PACKAGE', (p) => p.pricingType === 'PACKAGE'],
      ['recurrence:in:MONTHLY|YEARLY', (p) => p.billingRecurrence === 'MONTHLY' || p.billingRecurrence === 'YEARLY'],
      ['recurrence:ne:ONE_TIME,state:eq:ACTIVE', (p) => p.billingRecurrence !== 'ONE_TIME' && p.state === 'ACTIVE'],
      [`name:eq:${products[5].name as string}`, (p) => p.name === products[5].name],
      [`id:in:${products[1].id as string}|${products[2].id as string}`, (p) => p.id === products[1].id || p.id === products[2].id],
      ['updatedAt:gte:2024-01-01T00:00:00Z', (p) => Date.parse(p.updatedAt as string) >= Date.parse('2024-01-01T00:00:00Z')],
    ];
    for (const [filter, pred] of cases) {
      const got = await listAll(sim, '/v1/products', { filter });
      assert.deepStrictEqual(ids(got), ids(products.filter(pred)), filter);
      assert.ok(got.length > 0 && got.length < products.length, `${filter} matches some`);
    }

    // invoiceReceivableId: the products on that invoice's lines.
    const productIds = new Set(ids(products));
    const invoices = await listAll(sim, '/v1/invoice-receivables');
    let checked = 0;
    for (const invoice of invoices.slice(0, 40)) {
      const lines = (await json<Row>(sim, `/v1/invoice-receivables/${invoice.id as string}`)).lines as Row[];
      const onInvoice = new Set(lines.map((l) => l.productId as string).filter((id) => productIds.has(id)));
      const got = await listAll(sim, '/v1/products', { filter: `invoiceReceivableId:eq:${invoice.id as string}` });
      assert.deepStrictEqual(new Set(ids(got)), onInvoice, `products of ${invoice.id as string}`);
      checked += onInvoice.size;
    }
    assert.ok(checked > 0, 'some invoice lines sell a listed product');

    assertSorted(products, 'name');
    assertSorted(await listAll(sim, '/v1/products', { sort: 'name:desc' }), 'name', true);
    assertSorted(await listAll(sim, '/v1/products', { sort: 'createdAt:asc' }), 'createdAt');
    assertSorted(await listAll(sim, '/v1/products', { sort: 'updatedAt:desc' }), 'updatedAt', true);
    await badRequest(sim, '/v1/products?cursor=0&sort=state:asc');
    await badRequest(sim, '/v1/products?cursor=0&filter=billingRecurrence:eq:MONTHLY');
  });

  it('links contracts to existing customers and products, and to the invoices that name them', async () => {
    const customerIds = new Set(ids(customers));
    const productIds = new Set(ids(products));
    for (const c of contracts) {
      assert.match(c.id as string, UUID);
      assert.ok(['CREATED', 'DRAFT', 'ACTIVE', 'PENDING_TERMINATION', 'TERMINATED'].includes(c.state as string));
      assert.ok(customerIds.has(c.customerId as string), 'customerId names an existing customer');
      assert.strictEqual(c.lines, null, 'lists carry no lines');
      assert.match(c.startDate as string, DATE);
      assert.ok(c.endDate === null || (c.endDate as string) > (c.startDate as string));
      assert.strictEqual(c.terminatedAt !== null, c.state === 'TERMINATED');
    }
    const detail = await json<Row>(sim, `/v1/contracts/${contracts[0].id as string}`);
    assert.deepStrictEqual({ ...detail, lines: null }, contracts[0]);
    const lines = detail.lines as Row[];
    assert.ok(lines.length > 0);
    for (const line of lines) {
      assert.strictEqual(line.contractId, detail.id);
      assert.ok(productIds.has(line.productId as string), 'lines sell existing products');
    }

    const byId = new Map(contracts.map((c) => [c.id as string, c]));
    const invoiced = (await listAll(sim, '/v1/invoice-receivables', { filter: 'contractId:ne:null' })).filter((i) => byId.has(i.contractId as string));
    assert.ok(invoiced.length > 0, 'some invoices name a listed contract');
    for (const invoice of invoiced) {
      const contract = byId.get(invoice.contractId as string) as Row;
      assert.strictEqual(invoice.customerId, contract.customerId);
      assert.strictEqual(invoice.companyEntityId, contract.companyEntityId);
    }
  });

  it('filters and sorts contracts', async () => {
    const amounts = contracts.map((c) => c.estimatedAmount as number).sort((a, b) => a - b);
    const mid = amounts[Math.floor(amounts.length / 2)];
    const customerId = contracts[3].customerId as string;
    const cases: [string, (c: Row) => boolean][] = [
      ['state:eq:ACTIVE', (c) => c.state === 'ACTIVE'],
      ['state:in:TERMINATED|PENDING_TERMINATION', (c) => c.state === 'TERMINATED' || c.state === 'PENDING_TERMINATION'],
      [`customerId:eq:${customerId}`, (c) => c.customerId === customerId],
      [`estimatedAmount:gte:${mid}`, (c) => (c.estimatedAmount as number) >= mid],
      ['endDate:eq:null', (c) => c.endDate === null],
      ['startDate:lt:2024-07-01,state:ne:DRAFT', (c) => (c.startDate as string) < '2024-07-01' && c.state !== 'DRAFT'],
    ];
    for (const [filter, pred] of cases) {
      const got = await listAll(sim, '/v1/contracts', { filter });
      assert.deepStrictEqual(ids(got), ids(contracts.filter(pred)), filter);
      assert.ok(got.length > 0 && got.length < contracts.length, `${filter} matches some`);
    }
    assertSorted(contracts, 'createdAt', true, 'default createdAt:desc');
    assertSorted(await listAll(sim, '/v1/contracts', { sort: 'estimatedAmount:desc' }), 'estimatedAmount', true);
    assertSorted(await listAll(sim, '/v1/contracts', { sort: 'startDate:asc' }), 'startDate');
    const names = new Map(customers.map((c) => [c.id as string, c.name as string]));
    const byCustomer = (await listAll(sim, '/v1/contracts', { sort: 'customerName:asc' })).map((c) => ({ name: names.get(c.customerId as string) ?? null }));
    assertSorted(byCustomer, 'name', false, 'customerName');
    await badRequest(sim, '/v1/contracts?cursor=0&sort=currency:asc');
    await badRequest(sim, '/v1/contracts?cursor=0&filter=customerName:eq:x');
  });

  it('serves expenses of existing users with their line items and billingAmountTotal', async () => {
    const userIds = new Set(ids(users));
    const accountIds = new Set(ids(ledgerAccounts));
    for (const e of expenses) {
      assert.ok(userIds.has(e.userId as string), 'userId names an existing user');
      assert.ok(['CREATED', 'IN_DRAFT', 'SUBMITTED_FOR_REVIEW', 'CANCELLED'].includes(e.status as string));
      assert.match(e.performedDate as string, DATE);
      const items = e.lineItems as Row[];
      assert.ok(items.length > 0);
      for (const item of items) {
        assert.strictEqual(item.expenseId, e.id);
        assert.ok(Number.isInteger(item.originalAmount) && Number.isInteger(item.billingAmount));
        assert.ok(accountIds.has(item.accountId as string), 'accountId names an existing ledger account');
      }
    }
    const total = (rows: Row[]) => rows.reduce((sum, e) => sum + (e.lineItems as Row[]).reduce((s, l) => s + (l.billingAmount as number), 0), 0);
    const all = await json<ListPage>(sim, '/v1/expenses?cursor=0&limit=5');
    assert.strictEqual(all.billingAmountTotal, total(expenses), 'over every matching expense, not the page');
    const cancelled = await json<ListPage>(sim, '/v1/expenses?cursor=0&limit=5&filter=status:eq:CANCELLED');
    assert.strictEqual(cancelled.billingAmountTotal, total(expenses.filter((e) => e.status === 'CANCELLED')));
    assert.ok((cancelled.billingAmountTotal as number) < (all.billingAmountTotal as number));
  });

  it('filters and sorts expenses on the fields Light documents', async () => {
    const userId = expenses[0].userId as string;
    const cases: [string, (e: Row) => boolean][] = [
      ['status:in:IN_DRAFT|CREATED', (e) => e.status === 'IN_DRAFT' || e.status === 'CREATED'],
      [`userId:eq:${userId}`, (e) => e.userId === userId],
      ['performedDate:gte:2024-10-01', (e) => (e.performedDate as string) >= '2024-10-01'],
      [`createdAt:lt:2024-06-01T00:00:00Z,userId:ne:${userId}`, (e) => Date.parse(e.createdAt as string) < Date.parse('2024-06-01T00:00:00Z') && e.userId !== userId],
    ];
    for (const [filter, pred] of cases) {
      const got = await listAll(sim, '/v1/expenses', { filter });
      assert.deepStrictEqual(ids(got), ids(expenses.filter(pred)), filter);
      assert.ok(got.length > 0 && got.length < expenses.length, `${filter} matches some`);
    }
    assertSorted(expenses, 'createdAt', true, 'default createdAt:desc');
    assertSorted(await listAll(sim, '/v1/expenses', { sort: 'performedDate:desc' }), 'performedDate', true);
    const byUser = await listAll(sim, '/v1/expenses', { sort: 'userId:asc,performedDate:desc' });
    assertSorted(byUser, 'userId');
    for (let i = 1; i < byUser.length; i++) {
      if (byUser[i].userId === byUser[i - 1].userId) assert.ok((byUser[i].performedDate as string) <= (byUser[i - 1].performedDate as string));
    }
    await badRequest(sim, '/v1/expenses?cursor=0&sort=updatedAt:asc');
    await badRequest(sim, '/v1/expenses?cursor=0&filter=amount:gt:5');
  });

  it('gets products, contracts and expenses by id, and answers 404 where Light has no such record or route', async () => {
    assert.deepStrictEqual(await json(sim, `/v1/products/${products[7].id as string}`), products[7]);
    assert.deepStrictEqual(await json(sim, `/v1/expenses/${expenses[7].id as string}`), expenses[7]);
    assert.strictEqual((await json<Row>(sim, `/v1/contracts/${contracts[7].id as string}`)).id, contracts[7].id);
    const missing = '00000000-0000-4000-8000-000000000000';
    for (const path of ['products', 'contracts', 'expenses', 'bank-accounts', 'users', 'ledger-accounts']) {
      await notFound(sim, `/v1/${path}/${missing}`);
    }
    const bankAccount = (await json<Row[]>(sim, '/v1/bank-accounts'))[0];
    await notFound(sim, `/v1/bank-accounts/${bankAccount.id as string}`);
    const sandbox = basic(DEV_CREDENTIALS.sandbox.apiKey);
    const sandboxProduct = ((await (await apiGet(sim, '/v1/products?cursor=0&limit=1', sandbox)).json()) as ListPage).records[0];
    await notFound(sim, `/v1/products/${sandboxProduct.id as string}`);
  });

  it('answers bank accounts as a plain array, with valid IBANs and routing numbers', async () => {
    const accounts = await json<Row[]>(sim, '/v1/bank-accounts');
    assert.ok(Array.isArray(accounts), 'a plain array, no envelope');
    assert.strictEqual(accounts.length, COUNTS.bankAccounts);
    assert.deepStrictEqual(await json(sim, '/v1/bank-accounts?cursor=0&limit=1'), accounts, 'no paging');
    const company = await json<Row>(sim, '/v1/companies/current');
    const bankLedgers = new Map(ledgerAccounts.filter((a) => a.bankAccountId !== null).map((a) => [a.bankAccountId as string, a]));
    const ibanValid = (iban: string) =>
      [...`${iban.slice(4)}${iban.slice(0, 4)}`.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55))].reduce((rest, d) => (rest * 10 + Number(d)) % 97, 0) === 1;
    const routingValid = (n: string) => {
      const d = [...n].map(Number);
      return (3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + d[2] + d[5] + d[8]) % 10 === 0;
    };
    assert.ok(ibanValid('GB82WEST12345698765432') && !ibanValid('GB83WEST12345698765432') && routingValid('021000021'));
    assert.ok(bankLedgers.size > 0 && bankLedgers.size < accounts.length, 'some accounts have a bank ledger account, some not');
    const countries = new Set<string>();
    for (const [i, a] of accounts.entries()) {
      assert.strictEqual(a.companyId, company.id);
      assert.ok(['PHYSICAL', 'VIRTUAL'].includes(a.type as string));
      assert.ok(['INTERNAL', 'BANK_PROVIDER', 'INELIGIBLE'].includes(a.paymentSchedulingEligibility as string));
      assert.match(a.bic as string, /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/);
      assert.strictEqual((a.bic as string).slice(4, 6), a.bankCountry);
      countries.add(a.bankCountry as string);
      if (a.bankCountry === 'GB') {
        assert.match(a.iban as string, /^GB\d{2}[A-Z]{4}\d{14}$/);
        assert.ok(ibanValid(a.iban as string), `${a.iban as string} has valid check digits`);
        assert.strictEqual(a.iban, `${(a.iban as string).slice(0, 8)}${a.domesticBankCode as string}${a.domesticBankAccountNumber as string}`);
      } else {
        assert.strictEqual(a.iban, null);
        assert.match(a.domesticBankCode as string, /^\d{9}$/);
        assert.ok(routingValid(a.domesticBankCode as string), `${a.domesticBankCode as string} is a valid routing number`);
      }
      const ledger = bankLedgers.get(a.id as string);
      assert.strictEqual(ledger !== undefined, i < bankLedgers.size, 'the bank ledger accounts point at the first accounts');
      assert.strictEqual(a.ledgerAccountCode, ledger ? ledger.code : 1020 + i);
    }
    assert.deepStrictEqual([...countries].sort(), ['GB', 'US']);
  });
});

describe('Light simulator: the new lists leave the existing records as they were', () => {
  /** sha256 of every record of a list in its default order, from the data before products, contracts, expenses and bank accounts came. */
  const PINNED: Record<string, string> = {
    '/v1/vendors': '45266e36c9e1cc6fc9cfad536182f7465077be1d061a4301a138174303f6ad28',
    '/v1/customers': '2904ae6343925d5f809e41aa7ba53db07abd925901aa2bb765f87baeb1663c13',
    '/v1/invoice-receivables': '522ad9b05b88c14b230466e213153c10ed037e69703d0d156c2f8ac611cca96f',
    '/v1/bff/invoice-payables': '162aedafcf1789503fae2d12c0eb25ddee0d8798f1068fd24c49a5f193b1860f',
    '/v1/ledger-accounts': '899f95949664b9d542cd8c86b4c2342fc9386d3cf940825e9a5f76ccd029f89e',
    '/v1/users': '7f312fc36bec44f7fe1420164391fa19fc77bbb0c36f00881537743f867dd41a',
  };
  const fingerprint = (rows: Row[]) => createHash('sha256').update(JSON.stringify(rows)).digest('hex');

  it('serves the same default-seed vendors, customers, invoices, ledger accounts and users as before', async () => {
    const sim = await startSimulator({ rateLimitPerMinute: 100_000 });
    try {
      for (const [path, hash] of Object.entries(PINNED)) {
        assert.strictEqual(fingerprint(await listAll(sim, path)), hash, path);
      }
    } finally {
      await sim.stop();
    }
  });

  it('keeps existing records whatever the counts of the new lists, and the new records follow the seed', async () => {
    const none = await startSimulator({ counts: { ...SMALL_COUNTS, products: 0, contracts: 0, expenses: 0, bankAccounts: 0 }, seed: 3 });
    const many = await startSimulator({ counts: { ...SMALL_COUNTS, products: 400, contracts: 300, expenses: 500, bankAccounts: 12 }, seed: 3 });
    const again = await startSimulator({ counts: { ...SMALL_COUNTS, products: 400, contracts: 300, expenses: 500, bankAccounts: 12 }, seed: 3 });
    const other = await startSimulator({ counts: { ...SMALL_COUNTS, products: 400, contracts: 300, expenses: 500, bankAccounts: 12 }, seed: 4 });
    try {
      for (const path of ['/v1/vendors', '/v1/customers', '/v1/invoice-receivables', '/v1/bff/invoice-payables', '/v1/ledger-accounts', '/v1/users']) {
        assert.deepStrictEqual(await listAll(none, path), await listAll(many, path), path);
      }
      assert.deepStrictEqual(await listAll(none, '/v1/products'), []);
      assert.deepStrictEqual(await json(none, '/v1/bank-accounts'), []);
      for (const path of ['/v1/products', '/v1/contracts', '/v1/expenses']) {
        const rows = await listAll(many, path);
        assert.ok(rows.length > 0);
        assert.deepStrictEqual(rows, await listAll(again, path), `${path}: same seed, same records`);
        assert.notDeepStrictEqual(rows, await listAll(other, path), `${path}: another seed, other records`);
      }
      assert.strictEqual((await json<Row[]>(many, '/v1/bank-accounts')).length, 12);
      assert.deepStrictEqual(await json(many, '/v1/bank-accounts'), await json(again, '/v1/bank-accounts'));
    } finally {
      await Promise.all([none.stop(), many.stop(), again.stop(), other.stop()]);
    }
  });
});

describe('Light simulator: lists after a write', () => {
  it('answers a changed customer in the very next page, in its new place', async () => {
    const sim = await startSimulator({ counts: SMALL_COUNTS });
    try {
      const write = async (method: string, path: string, body: Row) => {
        const res = await fetch(`${sim.url}${path}`, { method, headers: { ...KEY, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
        assert.strictEqual(res.status, 200);
        return (await res.json()) as Row;
      };
      const firstName = async (sort: string) => (await json<ListPage>(sim, `/v1/customers?cursor=0&limit=1&sort=${sort}`)).records[0].name;
      assert.notStrictEqual(await firstName('name:asc'), '0 First Customer');
      const created = await write('POST', '/v1/customers', { name: '0 First Customer' });
      assert.strictEqual(await firstName('name:asc'), '0 First Customer');
      assert.notStrictEqual(await firstName('name:desc'), 'zz Last Customer');
      await write('PATCH', `/v1/customers/${created.id as string}`, { name: 'zz Last Customer' });
      assert.strictEqual(await firstName('name:desc'), 'zz Last Customer');
      assert.notStrictEqual(await firstName('name:asc'), '0 First Customer');
      const all = await listAll(sim, '/v1/customers', { sort: 'name:asc' });
      assert.strictEqual(all.length, SMALL_COUNTS.customers + 1);
      assert.strictEqual(all[all.length - 1].id, created.id);
    } finally {
      await sim.stop();
    }
  });
});
