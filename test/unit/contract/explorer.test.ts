import * as assert from 'assert';
import { LightClient } from '../../../src/core/api/lightClient';
import { systemClock } from '../../../src/core/clock';
import { KINDS, KindId, kindOf, LightRecord, RecordKind } from '../../../src/core/explorer/catalog';
import { ListView, parseCondition, sortOf } from '../../../src/core/explorer/listQuery';
import { fetchRecord, Listing } from '../../../src/core/explorer/listing';
import { searchRecords } from '../../../src/core/explorer/recordSearch';
import { renderRecord } from '../../../src/core/explorer/recordText';
import type { ListQuery } from '../../../src/lightApi';
import { Simulator, startSimulator } from '../../simulator';
import { MemorySecrets } from '../../support/memorySecretStore';
import { openWindow, signInTo, Window } from '../../support/signedIn';

const kind = (id: KindId): RecordKind => kindOf(id) as RecordKind;
const MISSING = '00000000-0000-4000-8000-000000000000';

/** Loads a listing to its end; the number of records each load added. */
async function loadAll(listing: Listing): Promise<number[]> {
  const added: number[] = [];
  while (listing.hasMore) {
    const before = listing.records.length;
    await listing.loadMore();
    assert.deepStrictEqual(listing.state, { kind: 'loaded' });
    added.push(listing.records.length - before);
  }
  return added;
}

describe('the Light explorer against the simulator', function () {
  this.timeout(60_000);
  let sim: Simulator;
  let w: Window;
  let client: LightClient;
  /** Every list query the explorer sent through `client`. */
  let queries: Array<{ path: string; query: ListQuery }>;

  before(async () => {
    sim = await startSimulator({
      autoApprove: true,
      rateLimitPerMinute: 100_000,
      counts: { vendors: 10_000, customers: 60, invoicePayables: 300, invoiceReceivables: 200, ledgerAccounts: 60, users: 25, bankAccounts: 4 },
    });
    w = openWindow(new MemorySecrets(), 'w', systemClock);
    await w.manager.initialize();
    const session = await signInTo(sim);
    await w.manager.add(session);
    const real = new LightClient(w.manager, session.id);
    client = Object.assign(Object.create(real) as LightClient, {
      list: (path: string, query: ListQuery = {}, options?: { signal?: AbortSignal }) => {
        queries.push({ path, query });
        return real.list(path, query, options);
      },
    });
  });
  after(async () => {
    w.manager.dispose();
    await sim.stop();
  });
  beforeEach(() => (queries = []));
  afterEach(() => {
    sim.control.clearFaults();
    sim.control.setLatencyMs(0);
  });

  it('pages through 10,000 vendors, 50, 100, then 200 at a time, each vendor once', async () => {
    const listing = new Listing(kind('vendors'), () => client);
    const added = await loadAll(listing);
    assert.deepStrictEqual(added.slice(0, 3), [50, 100, 200]);
    assert.ok(added.slice(3, -1).every((n) => n === 200), 'full pages of 200 after the third');
    assert.strictEqual(added[added.length - 1], 50, '10,000 − 350 = 48 × 200 + 50');
    assert.strictEqual(added.length, 52);
    assert.deepStrictEqual(queries.slice(0, 4).map((q) => q.query.limit), [50, 100, 200, 200]);
    assert.strictEqual(queries[0].query.cursor, '0');
    assert.strictEqual(new Set(queries.map((q) => q.query.cursor)).size, queries.length, 'a new cursor each time');

    const ids = listing.records.map((r) => kind('vendors').idOf(r));
    assert.strictEqual(ids.length, 10_000);
    assert.strictEqual(new Set(ids).size, 10_000);
    assert.ok(ids.every((id) => id.length > 0));
    const names = listing.records.map((r) => String(r.name).toLowerCase());
    assert.ok(names.every((n, i) => i === 0 || names[i - 1] <= n), "in Light's default order, by name");
    assert.strictEqual(listing.hasMore, false);

    const expected = new Set<string>();
    for await (const v of client.all<LightRecord>('/v1/vendors', { limit: 200 })) expected.add(kind('vendors').idOf(v));
    assert.deepStrictEqual(new Set(ids), expected);
  });

  it('lists only the vendors a filter matches, in the order asked for', async () => {
    const vendors = kind('vendors');
    const view: ListView = { conditions: [parseCondition(vendors, 'status:eq:ACTIVE')], sort: sortOf(vendors, 'name', 'desc') };
    const listing = new Listing(vendors, () => client, view);
    await loadAll(listing);
    assert.ok(queries.every((q) => q.query.filter === 'status:eq:ACTIVE' && q.query.sort === 'name:desc'));
    assert.ok(listing.records.length > 100, `${listing.records.length} active vendors`);
    assert.ok(listing.records.length < 10_000);
    assert.ok(listing.records.every((r) => r.status === 'ACTIVE'));
    const names = listing.records.map((r) => String(r.name).toLowerCase());
    assert.ok(names.every((n, i) => i === 0 || names[i - 1] >= n), 'by name, descending');

    const others = new Listing(vendors, () => client, { conditions: [parseCondition(vendors, 'status in ONBOARDING | IN_REVIEW | FAILED')] });
    await loadAll(others);
    assert.ok(others.records.every((r) => r.status !== 'ACTIVE'));
    assert.strictEqual(listing.records.length + others.records.length, 10_000, 'the two filters split the vendors between them');
  });

  it('lists bills by several conditions at once', async () => {
    const bills = kind('bills');
    const view: ListView = {
      conditions: [parseCondition(bills, 'amount >= 100000'), parseCondition(bills, 'type eq VENDOR_INVOICE')],
      sort: sortOf(bills, 'amount', 'asc'),
    };
    const listing = new Listing(bills, () => client, view);
    await loadAll(listing);
    assert.ok(listing.records.length > 0);
    assert.ok(listing.records.every((r) => (r.amount as number) >= 100_000 && r.type === 'VENDOR_INVOICE'));
    const amounts = listing.records.map((r) => r.amount as number);
    assert.deepStrictEqual(amounts, [...amounts].sort((a, b) => a - b));
  });

  it('starts again from the first page after a reset, and drops the page that was still coming', async () => {
    const listing = new Listing(kind('customers'), () => client);
    sim.control.setLatencyMs(150);
    const stale = listing.loadMore();
    await new Promise((resolve) => setTimeout(resolve, 50));
    listing.reset({ conditions: [parseCondition(kind('customers'), 'status eq ARCHIVED')] });
    const fresh = listing.loadMore();
    await stale;
    assert.strictEqual(listing.records.length, 0, 'the page of the old view is dropped');
    assert.deepStrictEqual(listing.state, { kind: 'loading' });
    await fresh;
    assert.deepStrictEqual(listing.state, { kind: 'loaded' });
    assert.ok(listing.records.length > 0);
    assert.ok(listing.records.every((r) => r.status === 'ARCHIVED'), 'only the new view');
    assert.deepStrictEqual(queries.map((q) => [q.query.cursor, q.query.filter]), [['0', undefined], ['0', 'status:eq:ARCHIVED']]);
  });

  it('fails on a 503, says so, and loads the same page on the next try', async () => {
    const listing = new Listing(kind('vendors'), () => client);
    await listing.loadMore();
    assert.strictEqual(listing.records.length, 50);
    // The client retries a GET once after a transient failure, so Light fails twice.
    sim.control.failNext('api', 2, { kind: 'status', status: 503, body: { type: 'SERVICE_UNAVAILABLE', message: 'Down for maintenance' } });
    await listing.loadMore();
    assert.strictEqual(listing.state.kind, 'failed');
    const error = listing.state.kind === 'failed' ? listing.state.error : undefined;
    assert.strictEqual(error?.status, 503);
    assert.match(error?.message ?? '', /503/);
    assert.strictEqual(listing.records.length, 50);
    assert.strictEqual(listing.hasMore, true);

    await listing.loadMore();
    assert.deepStrictEqual(listing.state, { kind: 'loaded' });
    assert.strictEqual(listing.records.length, 150, 'the second page, of 100');
    assert.strictEqual(new Set(listing.records.map((r) => r.vendorId)).size, 150);
    const cursors = queries.map((q) => q.query.cursor);
    assert.strictEqual(cursors[1], cursors[2], 'the failed page asked for again');
  });

  describe('one record', () => {
    async function first(k: RecordKind, query: ListQuery = {}): Promise<LightRecord> {
      const page = await client.list<LightRecord>(k.listPath, { limit: 5, ...query });
      assert.ok(page.records.length > 0, `some ${k.id}`);
      return page.records[page.records.length - 1];
    }

    it('fetches a vendor at its GET', async () => {
      const listed = await first(kind('vendors'));
      assert.deepStrictEqual(await fetchRecord(client, kind('vendors'), kind('vendors').idOf(listed)), listed);
    });

    it('fetches a bill at /v1/invoice-payables/{id}, the one Light has for it', async () => {
      const bills = kind('bills');
      const listed = await first(bills, { filter: 'type:eq:VENDOR_INVOICE' });
      const fetched = await fetchRecord(client, bills, bills.idOf(listed));
      assert.ok(fetched);
      assert.strictEqual(bills.idOf(fetched), listed.id);
      assert.strictEqual(fetched.invoiceNumber, listed.invoiceNumber);
      assert.strictEqual(fetched.amount, listed.amount);
      assert.ok(Array.isArray(fetched.lineItems), 'the detailed model, with line items');
      assert.strictEqual(bills.statusOf(fetched), listed.state);
      assert.strictEqual(bills.labelOf(fetched).length > 0, true);
    });

    it('fetches a ledger account and a user, which Light has no GET for, by their lists', async () => {
      for (const k of [kind('ledgerAccounts'), kind('users')]) {
        const listed = await first(k);
        queries = [];
        assert.deepStrictEqual(await fetchRecord(client, k, k.idOf(listed)), listed, k.id);
        assert.deepStrictEqual(queries.map((q) => [q.path, q.query.filter]), [[k.listPath, `id:eq:${k.idOf(listed)}`]]);
      }
    });

    it('is undefined for an id Light does not have, of any kind', async () => {
      for (const k of KINDS) assert.strictEqual(await fetchRecord(client, k, MISSING), undefined, k.id);
      assert.strictEqual(await fetchRecord(client, kind('vendors'), 'not-a-vendor'), undefined);
      assert.strictEqual(await fetchRecord(client, kind('users'), 'a,id:ne:null'), undefined);
    });
  });

  describe('searching', () => {
    it('finds a vendor by part of its name, whatever its case', async () => {
      const page = await client.list<LightRecord>('/v1/vendors', { limit: 200, cursor: '0', sort: 'updatedAt:desc' });
      let term: string | undefined;
      let vendor: LightRecord | undefined;
      for (const v of page.records) {
        const candidate = String(v.name).slice(1, -1).toLowerCase();
        const matching = await client.list<LightRecord>('/v1/vendors', { searchTerm: candidate, limit: 20 });
        if (matching.records.length <= 10 && !matching.hasMore) {
          [term, vendor] = [candidate, v];
          break;
        }
      }
      assert.ok(term && vendor, 'a vendor whose name few others share');
      const result = await searchRecords(client, term);
      assert.deepStrictEqual(result.failed, []);
      const vendors = result.found.filter((f) => f.kind.id === 'vendors').map((f) => f.record.vendorId);
      assert.ok(vendors.includes(vendor.vendorId), `${vendor.name} found by "${term}"`);
    });

    it('finds a bill by its invoice number, and an invoice by its number', async () => {
      for (const k of [kind('bills'), kind('invoices')]) {
        const page = await client.list<LightRecord>(k.listPath, { limit: 50, filter: 'documentNumber:ne:null' });
        const record = page.records.find((r) => typeof r.invoiceNumber === 'string' && r.invoiceNumber);
        assert.ok(record, `a ${k.noun} with a number`);
        const result = await searchRecords(client, String(record.invoiceNumber));
        assert.deepStrictEqual(result.failed, []);
        const found = result.found.filter((f) => f.kind.id === k.id);
        assert.ok(found.some((f) => f.record.id === record.id), `${k.noun} ${String(record.invoiceNumber)}`);
        assert.ok(found.every((f) => f.record.invoiceNumber === record.invoiceNumber));
      }
    });

    it('finds any record by its id pasted whole', async () => {
      const user = (await client.list<LightRecord>('/v1/users', { limit: 3 })).records[2];
      const result = await searchRecords(client, String(user.id));
      assert.deepStrictEqual(result.failed, []);
      assert.deepStrictEqual(result.found.map((f) => [f.kind.id, f.record.id]), [['users', user.id]]);
    });
  });

  describe('every kind', () => {
    for (const k of KINDS.filter((k) => k.filterFields.length + k.sortFields.length > 0)) {
      it(`${k.id}: Light accepts every filter and sort field the catalog offers`, async () => {
        for (const field of k.filterFields) {
          const listing = new Listing(k, () => client, { conditions: [{ field, op: 'ne', values: ['null'] }] });
          await listing.loadMore();
          assert.deepStrictEqual(listing.state, { kind: 'loaded' }, `filter by ${field}`);
        }
        for (const field of k.sortFields) {
          const listing = new Listing(k, () => client, { conditions: [], sort: sortOf(k, field, 'desc') });
          await listing.loadMore();
          assert.deepStrictEqual(listing.state, { kind: 'loaded' }, `sort by ${field}`);
        }
      });
    }

    for (const id of ['products', 'contracts', 'expenses'] as const) {
      it(`${id}: lists, names and fetches its records`, async () => {
        const k = kind(id);
        const listing = new Listing(k, () => client);
        await listing.loadMore();
        assert.deepStrictEqual(listing.state, { kind: 'loaded' });
        assert.ok(listing.records.length > 0);
        for (const r of listing.records) {
          assert.ok(k.idOf(r), `${id} id`);
          assert.ok(k.labelOf(r), `${id} label`);
          assert.ok(k.fieldsOf(r).length > 0, `${id} fields`);
        }
        const listed = listing.records[listing.records.length - 1];
        const fetched = await fetchRecord(client, k, k.idOf(listed));
        assert.ok(fetched);
        assert.strictEqual(k.idOf(fetched), k.idOf(listed));
        assert.strictEqual(k.labelOf(fetched), k.labelOf(listed));
        assert.strictEqual(k.statusOf(fetched), k.statusOf(listed));
      });
    }

    it('products: filters by state, sorted by name', async () => {
      const products = kind('products');
      const listing = new Listing(products, () => client, { conditions: [parseCondition(products, 'state = ARCHIVED')], sort: sortOf(products, 'name', 'asc') });
      await loadAll(listing);
      assert.ok(listing.records.length > 0);
      assert.ok(listing.records.every((r) => r.state === 'ARCHIVED'));
      const names = listing.records.map((r) => String(r.name).toLowerCase());
      assert.ok(names.every((n, i) => i === 0 || names[i - 1] <= n));
    });

    it('bank accounts: lists the plain array in one load, fetches one from it, and masks its bank details', async () => {
      const accounts = kind('bankAccounts');
      const listing = new Listing(accounts, () => client);
      await listing.loadMore();
      assert.deepStrictEqual(listing.state, { kind: 'loaded' });
      assert.strictEqual(listing.records.length, 4);
      assert.strictEqual(listing.hasMore, false);
      assert.deepStrictEqual(queries, [], 'no list query: Light answers a plain array');
      for (const r of listing.records) assert.ok(accounts.idOf(r) && accounts.labelOf(r));

      const listed = listing.records[1];
      assert.deepStrictEqual(await fetchRecord(client, accounts, accounts.idOf(listed)), listed);

      const withIban = listing.records.find((r) => typeof r.iban === 'string' && r.iban.length > 6);
      assert.ok(withIban, 'an account with an IBAN');
      const shown = renderRecord(withIban);
      assert.ok(!shown.text.includes(withIban.iban as string), 'the IBAN is masked');
      assert.ok(shown.text.includes(`•••• ${(withIban.iban as string).slice(-4)}`));
      assert.ok(renderRecord(withIban, true).text.includes(withIban.iban as string));
    });
  });
});
