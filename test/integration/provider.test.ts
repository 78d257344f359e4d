// The authentication provider as VS Code itself calls it: getAccounts, and getSession for one account (silent, so
// VS Code asks the provider and then keeps the session from a caller the user has not allowed; what the provider
// did shows at the simulator and in the session states). What only a dialog reaches (the Accounts menu's sign-out)
// is in test/unit/pure/provider.test.ts.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { LightApiError, LightExports } from '../../src/lightApi';
import { DEV_CREDENTIALS, startSimulator } from '../simulator';
import type { Simulator } from '../simulator';
import { activateExtension, describePhase, session, SessionInfo, sessionsOf, setClientSecret, signIn, signInWithApiKey, signOutOf, state, useSimulator, waitFor } from './helpers';

describePhase(1, 'the authentication provider in a real VS Code host', () => {
  let exports: LightExports;
  let sim: Simulator;
  let prod: SessionInfo;
  let sandbox: SessionInfo;
  const status = async (s: SessionInfo) => (await state()).sessions.find((x) => x.id === s.id)?.status;
  const offered = async () => (await vscode.authentication.getAccounts('light')).map((a) => a.id);

  before(async () => {
    exports = await activateExtension<LightExports>();
    sim = await startSimulator({ host: '127.0.0.2', autoApprove: true });
    await useSimulator(sim);
    assert.strictEqual(await setClientSecret(DEV_CREDENTIALS.production.clientSecret), true);
    await useSimulator(sim, { company: 'sandbox' });
    assert.strictEqual(await setClientSecret(DEV_CREDENTIALS.sandbox.clientSecret), true);
    await useSimulator(sim);
  });

  after(async () => {
    sim.control.clearFaults();
    await signOutOf(sim);
    await sim.stop();
  });

  it('hands out fresh tokens: a session due for refresh is refreshed before VS Code gets it, only for the account asked for', async function () {
    this.timeout(60_000);
    // Two accounts whose tokens are due after 4 s; their timers' refreshes fail, and Light asks for 2 minutes' patience.
    sim.control.setAccessTokenTtlSeconds(8);
    const p = await signIn();
    await useSimulator(sim, { company: 'sandbox' });
    const s = await signIn();
    await useSimulator(sim);
    sim.control.failNext('token', 2, { kind: 'status', status: 503, body: { type: 'SERVICE_UNAVAILABLE', message: 'down' }, headers: { 'Retry-After': '120' } });
    sim.control.setAccessTokenTtlSeconds(3600);
    assert.ok(p && s);
    [prod, sandbox] = [p, s];
    await waitFor(async () => (await status(prod)) === 'retrying' && (await status(sandbox)) === 'retrying', 'both timers’ refreshes to fail', 15_000);
    sim.control.resetCounters();

    // An extension asks for the production account: VS Code asks the provider for that account's sessions.
    const got = await vscode.authentication.getSession('light', [], { account: { id: prod.accountId, label: prod.label }, silent: true });
    assert.strictEqual(got, undefined, 'VS Code keeps it from a caller the user did not allow');
    assert.strictEqual(sim.control.counters().token.refresh_token, 1);
    assert.strictEqual(await status(prod), 'valid', 'refreshed before it was handed out');
    assert.strictEqual(await status(sandbox), 'retrying', 'the other account was left alone');

    // All accounts: the sandbox one is refreshed too.
    const accounts = await offered();
    assert.ok(accounts.includes(prod.accountId) && accounts.includes(sandbox.accountId), accounts.join(', '));
    assert.strictEqual(sim.control.counters().token.refresh_token, 2);
    assert.strictEqual(await status(sandbox), 'valid');
  });

  it('offers OAuth accounts only: an API key of the same company is not one of VS Code’s accounts', async () => {
    const key = await signInWithApiKey(DEV_CREDENTIALS.production.apiKey);
    assert.ok(key);
    const accounts = await offered();
    assert.ok(accounts.includes(prod.accountId));
    assert.ok(!accounts.includes(key.accountId));
    assert.strictEqual(await vscode.authentication.getSession('light', [], { account: { id: key.accountId, label: key.label }, silent: true }), undefined);
  });

  it('the public API serves the tokens the provider handed out, the last 20 of them, and hears of every refresh', async () => {
    const api = exports.getApi(1);
    const asHanded = (t: { id: string; accessToken: string; account: { id: string; label: string } }) => ({ id: t.id, accessToken: t.accessToken, account: t.account, scopes: [] });
    await offered(); // VS Code reads the sessions: the provider hands out the current tokens
    const first = await session(prod.accountId);
    assert.ok(first);
    const client = api.client(asHanded(first));
    assert.strictEqual((await client.get<{ name: string }>('/v1/companies/current')).name, 'Northwind Trading');

    const changes: string[] = [];
    const sub = vscode.authentication.onDidChangeSessions((e) => changes.push(e.provider.id));
    const tokens = [first.accessToken];
    try {
      for (let i = 1; i <= 20; i++) {
        // Light drops the token; the next call refreshes (one 401, one refresh), then VS Code reads the sessions again.
        sim.control.expireAccessTokens();
        await client.get('/v1/companies/current');
        await waitFor(() => changes.length >= i, `VS Code to hear of refresh ${i}`);
        await offered();
        const now = await session(prod.accountId);
        assert.ok(now && !tokens.includes(now.accessToken), `refresh ${i} gave a new token`);
        tokens.push(now.accessToken);
        const servesFirst = (() => {
          try {
            api.client(asHanded(first));
            return true;
          } catch (e) {
            assert.strictEqual((e as LightApiError).type, 'SESSION_NOT_ISSUED');
            return false;
          }
        })();
        assert.strictEqual(servesFirst, i < 20, `the first token after ${i} newer ones`);
      }
    } finally {
      sub.dispose();
    }
    assert.ok(changes.every((id) => id === 'light'));
    for (const t of tokens.slice(1)) assert.doesNotThrow(() => api.client(asHanded({ ...first, accessToken: t })));
    assert.throws(() => api.client(asHanded({ ...first, accessToken: 'never-handed-out' })));
  });

  it('VS Code hears of a sign-out, and the account leaves its list', async () => {
    const changes: string[] = [];
    const sub = vscode.authentication.onDidChangeSessions((e) => changes.push(e.provider.id));
    await signOutOf(sim);
    await waitFor(() => changes.includes('light'), 'VS Code to hear of the sign-out');
    sub.dispose();
    const accounts = await offered();
    assert.ok(!accounts.includes(prod.accountId) && !accounts.includes(sandbox.accountId), accounts.join(', '));
    assert.deepStrictEqual(await sessionsOf(sim), []);
  });
});
