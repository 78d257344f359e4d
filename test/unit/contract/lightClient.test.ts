import * as assert from 'assert';
import { LightClient } from '../../../src/core/api/lightClient';
import { resolveEnvironment } from '../../../src/core/auth/environment';
import { signInWithApiKey } from '../../../src/core/signIn/apiKeySignIn';
import { LightError } from '../../../src/core/errors';
import { systemClock } from '../../../src/core/clock';
import { DEV_CREDENTIALS, Simulator, startSimulator } from '../../simulator';
import { MemorySecrets } from '../../support/memorySecretStore';
import { openWindow, signInTo, Window } from '../../support/signedIn';

interface Vendor {
  vendorId: string;
  name: string;
}

describe('Light API client and API keys against the simulator', () => {
  let sim: Simulator;
  let w: Window;

  before(async () => {
    sim = await startSimulator({ autoApprove: true, counts: { vendors: 250, customers: 5, invoiceReceivables: 5, invoicePayables: 5, ledgerAccounts: 5, users: 3 } });
    w = openWindow(new MemorySecrets(), 'w', systemClock);
    await w.manager.initialize();
  });
  after(async () => {
    w.manager.dispose();
    await sim.stop();
  });
  afterEach(() => sim.control.clearFaults());

  it('signs in with an API key only after Light accepts it, and sends it as Basic', async () => {
    const env = resolveEnvironment('custom', sim.url);
    await assert.rejects(
      signInWithApiKey(env, 'not-a-real-key'),
      (e: unknown) => e instanceof LightError && e.kind === 'unauthorized' && /did not accept that API key/.test(e.message) && !e.message.includes('not-a-real-key'),
    );
    await assert.rejects(signInWithApiKey(env, 'has spaces in it'), /not an API key/);
    // A key copied with an invisible character in it still signs in (the character is not part of the key).
    const zeroWidth = DEV_CREDENTIALS.sandbox.apiKey.slice(0, 5) + '\u200b' + DEV_CREDENTIALS.sandbox.apiKey.slice(5) + '\ufeff';
    assert.strictEqual((await signInWithApiKey(env, zeroWidth)).accessToken, DEV_CREDENTIALS.sandbox.apiKey);
    const s = await signInWithApiKey(env, ` ${DEV_CREDENTIALS.sandbox.apiKey} `);
    assert.strictEqual(s.kind, 'apiKey');
    assert.strictEqual(s.company.name, 'Northwind Trading (Sandbox)');
    assert.match(s.label, /API key/);
    assert.strictEqual(s.expiresAt, undefined);
    await w.manager.add(s);
    const client = new LightClient(w.manager, s.id);
    sim.control.resetCounters();
    assert.strictEqual((await client.get<{ name: string }>('/v1/companies/current')).name, 'Northwind Trading (Sandbox)');
    assert.strictEqual(sim.control.counters().token.refresh_token, 0);
  });

  it('visits every vendor exactly once across cursor pages', async () => {
    const s = await signInTo(sim);
    await w.manager.add(s);
    const client = new LightClient(w.manager, s.id);
    const ids: string[] = [];
    for await (const v of client.all<Vendor>('/v1/vendors', { limit: 100, sort: 'name:asc' })) ids.push(v.vendorId);
    assert.strictEqual(ids.length, 250);
    assert.strictEqual(new Set(ids).size, 250);
    const first = await client.list<Vendor>('/v1/vendors', { limit: 500 });
    assert.strictEqual(first.records.length, 200, 'Light caps limit at 200');
    assert.strictEqual(first.hasMore, true);
  });

  it('waits out a short Retry-After once, then gives up with the reason', async () => {
    const s = w.manager.sessions().find((x) => x.kind === 'oauth');
    assert.ok(s);
    const client = new LightClient(w.manager, s.id);
    const tooMany = { kind: 'status' as const, status: 429, body: { type: 'TOO_MANY_REQUESTS', message: 'Too many requests' }, headers: { 'Retry-After': '1' } };
    sim.control.failNext('api', 1, tooMany);
    const t0 = Date.now();
    assert.strictEqual((await client.get<{ name: string }>('/v1/companies/current')).name, 'Northwind Trading');
    assert.ok(Date.now() - t0 >= 900, 'waited for Retry-After');
    sim.control.failNext('api', 2, tooMany);
    await assert.rejects(client.get('/v1/companies/current'), (e: unknown) => e instanceof LightError && e.status === 429 && /Try again in 1 s/.test(e.message));
  });

  it("names Light's 404 shape", async () => {
    const s = w.manager.sessions().find((x) => x.kind === 'oauth');
    assert.ok(s);
    const client = new LightClient(w.manager, s.id);
    await assert.rejects(client.get('/v1/vendors/00000000-0000-0000-0000-000000000000'), (e: unknown) => e instanceof LightError && e.status === 404 && e.code === 'NOT_FOUND');
  });

  describe('writes, bounds and paths', () => {
    let client: LightClient;
    before(async () => {
      const s = await signInTo(sim);
      await w.manager.add(s);
      client = new LightClient(w.manager, s.id);
    });

    it('creates once when the answer is lost: the retry carries the same X-Idempotency-Key', async () => {
      sim.control.resetCounters();
      sim.control.failNext('api', 1, { kind: 'lostAnswer' });
      const created = await client.post<{ id: string; name: string }>('/v1/customers', { name: 'Acme Retry Ltd' });
      assert.strictEqual(created.name, 'Acme Retry Ltd');
      const c = sim.control.counters();
      assert.strictEqual(c.api, 2, 'sent twice');
      assert.strictEqual(c.writes, 1, 'created once');
      const found = await client.list<{ id: string }>('/v1/customers', { searchTerm: 'Acme Retry' });
      assert.deepStrictEqual(found.records.map((r) => r.id), [created.id]);
    });

    it("reuses a caller's idempotency key across calls, and Light refuses it for another body", async () => {
      sim.control.resetCounters();
      const a = await client.post<{ id: string }>('/v1/customers', { name: 'Keyed Ltd' }, { idempotencyKey: 'k-1' });
      const b = await client.post<{ id: string }>('/v1/customers', { name: 'Keyed Ltd' }, { idempotencyKey: 'k-1' });
      assert.strictEqual(a.id, b.id);
      assert.strictEqual(sim.control.counters().writes, 1);
      await assert.rejects(client.post('/v1/customers', { name: 'Other Ltd' }, { idempotencyKey: 'k-1' }), (e: unknown) => e instanceof LightError && e.status === 422);
      const patched = await client.patch<{ id: string; email: string }>(`/v1/customers/${a.id}`, { email: 'ap@keyed.example' });
      assert.strictEqual(patched.email, 'ap@keyed.example');
    });

    it('does not send a write Light cannot de-duplicate twice', async () => {
      sim.control.resetCounters();
      sim.control.failNext('api', 1, { kind: 'status', status: 503, body: { type: 'UNAVAILABLE', message: 'down' } });
      await assert.rejects(client.delete('/v1/customers/00000000-0000-0000-0000-000000000000'), (e: unknown) => e instanceof LightError && e.status === 503);
      assert.strictEqual(sim.control.counters().api, 1);
    });

    it('fails at once with the time to retry when Light asks to wait longer than 10 s, and stops a wait when aborted', async () => {
      const tooMany = (s: string) => ({ kind: 'status' as const, status: 429, body: { type: 'TOO_MANY_REQUESTS', message: 'Too many requests' }, headers: { 'Retry-After': s } });
      sim.control.failNext('api', 1, tooMany('30'));
      const t0 = Date.now();
      await assert.rejects(client.get('/v1/companies/current'), (e: unknown) => e instanceof LightError && e.retryAfterSeconds === 30 && /30 s/.test(e.message));
      assert.ok(Date.now() - t0 < 1_000);
      sim.control.failNext('api', 1, tooMany('5'));
      const abort = new AbortController();
      setTimeout(() => abort.abort(), 100);
      const t1 = Date.now();
      await assert.rejects(client.get('/v1/companies/current', undefined, { signal: abort.signal }), (e: unknown) => e instanceof LightError && e.kind === 'cancelled');
      assert.ok(Date.now() - t1 < 1_000, 'the 5 s wait was cut short');
    });

    it('stops all() at maxRecords', async () => {
      let n = 0;
      for await (const v of client.all<Vendor>('/v1/vendors', { limit: 50 }, { maxRecords: 120 })) n += v.vendorId ? 1 : 0;
      assert.strictEqual(n, 120);
    });

    const badPaths = ['https://evil.example/v1/vendors', '//evil.example/v1/vendors', '/v1/../oauth/token', '/v1/vendors/..', '/v1\\vendors',
      '/v1/%2e%2e/oauth/token', '/v1/vendors%2F..%2F..', '/v1/vendors?limit=1', '/v1/vendors#x', '/v1/@evil.example', 'v1/vendors', '/oauth/token', '/v1/ven dors'];
    for (const path of badPaths) {
      it(`refuses ${JSON.stringify(path)} without a request`, async () => {
        sim.control.resetCounters();
        await assert.rejects(client.get(path), (e: unknown) => e instanceof LightError && e.kind === 'config' && /not a Light API path/.test(e.message));
        assert.strictEqual(sim.control.counters().api, 0);
      });
    }
  });
});
