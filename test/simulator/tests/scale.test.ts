import * as assert from 'assert';
import { Simulator, startSimulator } from '..';
import { getJson, listAll, type Row } from '../../support/simulatorClient';

describe('Light simulator: 10,000 vendors', () => {
  let sim: Simulator;
  let vendors: Row[];

  before(async () => {
    sim = await startSimulator({ counts: { vendors: 10_000 }, rateLimitPerMinute: 100_000 });
    vendors = await listAll(sim, '/v1/vendors');
  });
  after(() => sim.stop());

  it('pages every vendor exactly once, in name order', () => {
    assert.strictEqual(vendors.length, 10_000);
    assert.strictEqual(new Set(vendors.map((v) => v.vendorId)).size, 10_000);
    assert.strictEqual(new Set(vendors.map((v) => v.name)).size, 10_000, 'distinct names');
    const names = vendors.map((v) => (v.name as string).toLowerCase());
    assert.ok(names.every((n, i) => i === 0 || names[i - 1] <= n));
  });

  it('searches and filters the 10,000 like a client would', async () => {
    const term = 'harbor';
    const expected = vendors.filter((v) => [v.name, v.email, v.identifier, v.vatId, v.website].some((t) => typeof t === 'string' && t.toLowerCase().includes(term)));
    const found = await listAll(sim, '/v1/vendors', { searchTerm: 'HARBOR' });
    assert.ok(found.length > 0 && found.length < vendors.length);
    assert.deepStrictEqual(found.map((v) => v.vendorId), expected.map((v) => v.vendorId));
    const byIdentifier = await listAll(sim, '/v1/vendors', { searchTerm: 'V-19999' });
    assert.deepStrictEqual(byIdentifier.map((v) => v.identifier), ['V-19999']);

    const failed = await listAll(sim, '/v1/vendors', { filter: 'status:eq:FAILED', sort: 'createdAt:desc' });
    const expectedFailed = vendors.filter((v) => v.status === 'FAILED').sort((a, b) => Date.parse(b.vendorCreatedAt as string) - Date.parse(a.vendorCreatedAt as string));
    assert.ok(failed.length > 0);
    assert.deepStrictEqual(failed.map((v) => v.vendorId), expectedFailed.map((v) => v.vendorId));
    assert.strictEqual((await getJson(sim, '/v1/vendors?limit=1&filter=status:ne:FAILED')).total, vendors.length - failed.length);

    const last = vendors[vendors.length - 1];
    assert.deepStrictEqual(await getJson(sim, `/v1/vendors/${last.vendorId as string}`), last);
  });

  it('serves 25,000 vendors too', async () => {
    const big = await startSimulator({ counts: { vendors: 25_000, customers: 1, invoiceReceivables: 1, invoicePayables: 1, ledgerAccounts: 1, users: 1 } });
    try {
      const first = await getJson(big, '/v1/vendors?limit=200&offset=24900');
      assert.strictEqual(first.total, 25_000);
      assert.strictEqual(first.records.length, 100);
      assert.strictEqual(first.hasMore, false);
      const found = await getJson(big, '/v1/vendors?cursor=0&searchTerm=V-34999');
      assert.deepStrictEqual(found.records.map((v) => v.identifier), ['V-34999']);
    } finally {
      await big.stop();
    }
  });
});
