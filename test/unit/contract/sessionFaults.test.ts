import * as assert from 'assert';
import { LightClient } from '../../../src/core/api/lightClient';
import { SessionEnded } from '../../../src/core/auth/sessionManager';
import { StoredSession } from '../../../src/core/auth/tokenStore';
import { LightError } from '../../../src/core/errors';
import { Fault, Simulator, startSimulator } from '../../simulator';
import { FakeClock } from '../../support/fakeClock';
import { MemorySecrets } from '../../support/memorySecretStore';
import { openWindow, signInTo, Window } from '../../support/signedIn';

const HOUR = 3600_000;
const SMALL = { vendors: 30, customers: 5, invoiceReceivables: 5, invoicePayables: 5, ledgerAccounts: 5, users: 3 };

/** One row per fault: what the user is shown, and that nothing that still works was deleted. */
describe('sessions against the simulator: faults', () => {
  let sim: Simulator;
  let clock: FakeClock;
  let secrets: MemorySecrets;
  let w: Window;
  let signedIn: StoredSession;
  let ended: SessionEnded[];

  before(async () => {
    sim = await startSimulator({ autoApprove: true, counts: SMALL });
  });
  after(() => sim.stop());

  beforeEach(async () => {
    sim.control.clearFaults();
    sim.control.setTokenErrorShape('oauth');
    clock = new FakeClock(Date.now());
    secrets = new MemorySecrets();
    w = openWindow(secrets, 'w1', clock, { timeoutMs: 300 });
    signedIn = await signInTo(sim, 0, clock);
    await w.store.setClientSecret(sim.companies[0].clientId, sim.companies[0].clientSecret);
    await w.manager.initialize();
    await w.manager.add(signedIn);
    ended = [];
    w.manager.onDidEndSession((e) => ended.push(e));
    sim.control.resetCounters();
  });
  afterEach(() => w.manager.dispose());

  async function refreshUnder(fault: Fault) {
    sim.control.failNext('token', 1, fault);
    clock.jump(HOUR * 0.8);
    // The request's timeout runs on this clock too: time passes while Light does not answer.
    return clock.passWhile(w.manager.fresh(signedIn.id));
  }

  async function assertKeptAndRetrying(message: RegExp) {
    const state = w.manager.state(signedIn.id);
    assert.strictEqual(state?.status, 'retrying');
    assert.match(state?.lastError ?? '', message);
    const stored = await w.store.read(signedIn.id);
    assert.strictEqual(stored?.refreshToken, signedIn.refreshToken, 'the refresh token is kept');
    assert.strictEqual(ended.length, 0);
    // and the retry succeeds once Light is back
    await clock.advance(5_000);
    assert.strictEqual(w.manager.state(signedIn.id)?.status, 'valid');
    assert.notStrictEqual((await w.store.read(signedIn.id))?.refreshToken, signedIn.refreshToken);
  }

  const transient: Array<[string, Fault, RegExp]> = [
    ['token endpoint 5xx', { kind: 'status', status: 503, body: { type: 'SERVICE_UNAVAILABLE', message: 'down' } }, /HTTP 503/],
    ['token endpoint hang', { kind: 'hang' }, /did not answer within/],
    ['connection reset', { kind: 'reset' }, /Could not reach Light/],
    ['HTML body', { kind: 'html', status: 502 }, /web page instead of data/],
    ['malformed JSON', { kind: 'malformed' }, /malformed JSON/],
  ];
  for (const [name, fault, message] of transient) {
    it(`${name}: keeps the session, hands out the still-valid token, shows "retrying", recovers`, async () => {
      const s = await refreshUnder(fault);
      assert.strictEqual(s?.accessToken, signedIn.accessToken);
      await assertKeptAndRetrying(message);
    });
  }

  it('429 with Retry-After: waits as long as Light asks', async () => {
    await refreshUnder({ kind: 'status', status: 429, body: { type: 'TOO_MANY_REQUESTS', message: 'slow down' }, headers: { 'Retry-After': '42' } });
    const state = w.manager.state(signedIn.id);
    assert.strictEqual(state?.status, 'retrying');
    assert.match(state?.lastError ?? '', /rate limit/);
    assert.strictEqual(state?.nextRetryAt, clock.now() + 42_000);
    await clock.advance(41_000);
    assert.strictEqual(w.manager.state(signedIn.id)?.status, 'retrying');
    await clock.advance(1_000);
    assert.strictEqual(w.manager.state(signedIn.id)?.status, 'valid');
  });

  it('answer without refresh_token: uses the new access token and keeps the old refresh token', async () => {
    const s = await refreshUnder({ kind: 'noRefreshToken' });
    assert.notStrictEqual(s?.accessToken, signedIn.accessToken);
    assert.strictEqual((await w.store.read(signedIn.id))?.refreshToken, signedIn.refreshToken);
    assert.strictEqual(w.manager.state(signedIn.id)?.status, 'valid');
  });

  it('invalid_grant: the session ends, its secrets go, and the user is told once', async () => {
    sim.control.revokeAll();
    clock.jump(HOUR);
    assert.strictEqual(await w.manager.fresh(signedIn.id), undefined);
    assert.strictEqual(ended.length, 1);
    assert.strictEqual(ended[0].session.label, signedIn.label);
    assert.match(ended[0].reason, /invalid_grant/);
    assert.strictEqual(await w.store.read(signedIn.id), undefined);
    assert.deepStrictEqual(w.manager.sessions(), []);
  });

  for (const shape of ['light', 'gateway'] as const) {
    it(`a dead refresh token in Light's ${shape} error shape ends the session like invalid_grant`, async () => {
      sim.control.setTokenErrorShape(shape);
      sim.control.revokeAll();
      clock.jump(HOUR);
      assert.strictEqual(await w.manager.fresh(signedIn.id), undefined);
      assert.strictEqual(sim.control.counters().tokenErrors.invalid_grant, 1);
      assert.strictEqual(ended.length, 1, 'the user is told to sign in again');
      assert.match(ended[0].reason, /Refresh token has been revoked/);
      assert.strictEqual(await w.store.read(signedIn.id), undefined);
    });

    it(`invalid_client in Light's ${shape} error shape stops retrying, keeps the secrets and says what to fix`, async () => {
      const attention: string[] = [];
      w.manager.onDidNeedAttention((e) => attention.push(e.error.message));
      sim.control.setTokenErrorShape(shape);
      await w.store.setClientSecret(sim.companies[0].clientId, 'a-rotated-secret');
      clock.jump(HOUR * 0.8);
      assert.strictEqual((await w.manager.fresh(signedIn.id))?.accessToken, signedIn.accessToken, 'the still-valid token is handed out');
      assert.strictEqual(w.manager.state(signedIn.id)?.status, 'needsAttention');
      assert.strictEqual(attention.length, 1);
      assert.match(attention[0], /client/i);
      await clock.advance(10 * 60_000);
      assert.strictEqual(sim.control.counters().token.refresh_token, 1, 'no retries');
      assert.strictEqual(ended.length, 0);
      assert.strictEqual((await w.store.read(signedIn.id))?.refreshToken, signedIn.refreshToken, 'the refresh token is kept');
      await w.store.setClientSecret(sim.companies[0].clientId, sim.companies[0].clientSecret);
      await waitUntil(() => w.manager.state(signedIn.id)?.status === 'valid');
      assert.notStrictEqual(w.manager.get(signedIn.id)?.accessToken, signedIn.accessToken, 'refreshed with the right secret');
    });
  }

  it('API 401 mid-use: refreshes once and retries once', async () => {
    const api = new LightClient(w.manager, signedIn.id);
    assert.strictEqual((await api.get<{ name: string }>('/v1/companies/current')).name, 'Northwind Trading');
    sim.control.expireAccessTokens();
    sim.control.resetCounters();
    assert.strictEqual((await api.get<{ name: string }>('/v1/companies/current')).name, 'Northwind Trading');
    assert.strictEqual(sim.control.counters().token.refresh_token, 1);
    assert.strictEqual(sim.control.counters().api, 2);
  });

  it('a second 401 after the refresh is an error, and the session is kept', async () => {
    const api = new LightClient(w.manager, signedIn.id);
    sim.control.failNext('api', 2, { kind: 'status', status: 401, body: { type: 'UNAUTHORIZED', message: 'Credentials are required to access this resource' } });
    await assert.rejects(api.get('/v1/companies/current'), (e: unknown) => e instanceof LightError && e.kind === 'unauthorized' && /HTTP 401/.test(e.message));
    assert.strictEqual(sim.control.counters().token.refresh_token, 1);
    assert.ok(await w.store.read(signedIn.id));
  });

  it('revoked family: the next request ends the session and says to sign in again', async () => {
    const api = new LightClient(w.manager, signedIn.id);
    sim.control.revokeAll();
    await assert.rejects(api.get('/v1/companies/current'), (e: unknown) => e instanceof LightError && /Sign in to Light/.test(e.message));
    assert.strictEqual(ended.length, 1);
    assert.deepStrictEqual(await w.store.ids(), []);
  });
});

async function waitUntil(check: () => boolean, ms = 3_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}
