// Several accounts in a real VS Code: an API key and two companies' OAuth sessions side by side.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { DEV_CREDENTIALS, startSimulator } from '../simulator';
import type { Simulator } from '../simulator';
import { activateExtension, answerInputs, describePhase, lightGet, logText, runCommand, session, setClientSecret, signIn, signInWithApiKey, signOut, state, useSimulator, waitFor } from './helpers';

describePhase(1, 'API keys and several accounts in a real VS Code host', () => {
  let sim: Simulator;

  before(async () => {
    await activateExtension();
    sim = await startSimulator({ host: '127.0.0.2', autoApprove: true });
    await useSimulator(sim);
  });

  after(async () => {
    for (const s of (await state()).sessions) await signOut(s.id);
    await sim.stop();
  });

  it('rejects a bad API key and stores nothing', async () => {
    assert.strictEqual(await signInWithApiKey('not-a-key'), undefined);
    assert.match(await logText(), /API key sign-in failed: Light did not accept that API key/);
    assert.ok(!(await logText()).includes('not-a-key'));
    assert.strictEqual((await state()).sessions.length, 0);
  });

  it('light.signInWithApiKey ignores a key passed as an argument and checks the one typed in', async () => {
    const failures = ((await logText()).match(/API key sign-in failed: Light did not accept that API key/g) ?? []).length;
    await answerInputs('not-a-key-either');
    assert.strictEqual(await runCommand('light.signInWithApiKey', DEV_CREDENTIALS.production.apiKey), false);
    await waitFor(
      async () => ((await logText()).match(/API key sign-in failed: Light did not accept that API key/g) ?? []).length === failures + 1,
      'the typed-in key to be refused',
    );
    assert.ok(!(await logText()).includes('not-a-key-either'));
    assert.strictEqual((await state()).sessions.length, 0, 'the key passed as an argument signed nothing in');
  });

  it('signs in with an API key and uses Basic for its requests', async () => {
    const signedIn = await signInWithApiKey(DEV_CREDENTIALS.production.apiKey);
    assert.ok(signedIn);
    assert.match(signedIn.label, /Northwind Trading .*· API key/);
    assert.strictEqual(signedIn.kind, 'apiKey');
    assert.match(signedIn.accountId, /^custom:127\.0\.0\.2:\d+\/[^/#]+#api-key$/);
    assert.strictEqual(signedIn.id, `apiKey:${signedIn.accountId.replace(/#api-key$/, '')}`);
    const s = await session(signedIn.accountId);
    assert.strictEqual(s?.kind, 'apiKey');
    assert.strictEqual(s?.authorization, `Basic ${DEV_CREDENTIALS.production.apiKey}`);
    sim.control.resetCounters();
    const vendors = await lightGet<{ records: Array<{ name: string }> }>('/v1/vendors', signedIn.accountId, { limit: 3 });
    assert.strictEqual(vendors.records.length, 3);
    assert.strictEqual(sim.control.counters().api, 1);
    // not offered to other extensions as a Bearer token
    assert.strictEqual(await vscode.authentication.getSession('light', [], { silent: true }), undefined);
    await waitFor(async () => /API key/.test((await state()).statusBar.text), 'the status bar to show the API-key account');
  });

  it('holds the production and the sandbox company side by side, and switches between them', async () => {
    assert.strictEqual(await setClientSecret(DEV_CREDENTIALS.production.clientSecret), true);
    const prod = await signIn();
    await useSimulator(sim, { company: 'sandbox' });
    assert.strictEqual(await setClientSecret(DEV_CREDENTIALS.sandbox.clientSecret), true);
    const sandbox = await signIn();
    assert.ok(prod && sandbox);
    assert.notStrictEqual(prod.accountId, sandbox.accountId);
    assert.strictEqual((await state()).sessions.length, 3);
    const a = await lightGet<{ name: string }>('/v1/companies/current', prod.accountId);
    const b = await lightGet<{ name: string }>('/v1/companies/current', sandbox.accountId);
    assert.deepStrictEqual([a.name, b.name], ['Northwind Trading', 'Northwind Trading (Sandbox)']);
    // the last sign-in is the active account
    assert.strictEqual((await session())?.account.id, sandbox.accountId);
    assert.strictEqual((await state()).activeId, sandbox.id);
    assert.match((await state()).statusBar.text, /Northwind Trading \(Sandbox\)/);
  });

  it('signing in again to an account replaces its session instead of adding one', async () => {
    const before = (await state()).sessions.length;
    assert.ok(await signIn());
    assert.strictEqual((await state()).sessions.length, before);
  });

  it('signs out of the account it is told, leaving the others', async () => {
    const sessions = (await state()).sessions;
    const sandbox = sessions.find((s) => /Sandbox/.test(s.label));
    assert.ok(sandbox);
    assert.strictEqual(await signOut(sandbox.id), true);
    const left = (await state()).sessions.map((s) => s.label);
    assert.strictEqual(left.length, 2);
    assert.ok(left.every((l) => !/Sandbox/.test(l)));
    await waitFor(async () => !/Sandbox/.test((await state()).statusBar.text), 'the status bar to leave the signed-out account');
  });

  it('an OAuth and an API-key session of one company are two accounts, each signed out by its own id', async () => {
    const find = async (kind: 'oauth' | 'apiKey') => (await state()).sessions.find((s) => kind === s.kind && /^Northwind Trading /.test(s.label));
    const oauth = await find('oauth');
    const key = await find('apiKey');
    assert.ok(oauth && key, 'both sessions of the production company are there');
    assert.strictEqual(key.accountId, `${oauth.accountId}#api-key`);
    assert.notStrictEqual(oauth.accountId, key.accountId);
    assert.strictEqual(oauth.id, `oauth:${oauth.accountId}`);
    assert.strictEqual(key.id, `apiKey:${oauth.accountId}`);
    assert.strictEqual((await session(oauth.accountId))?.kind, 'oauth');
    assert.strictEqual((await session(key.accountId))?.kind, 'apiKey');
    // only the OAuth account is offered through vscode.authentication
    const offered = (await vscode.authentication.getAccounts('light')).map((a) => a.id);
    assert.ok(offered.includes(oauth.accountId), 'the OAuth account is offered');
    assert.ok(!offered.includes(key.accountId), 'the API-key account is not offered');

    // the command asks first: answered Cancel, nothing is signed out (another extension cannot sign the user out)
    assert.strictEqual(await signOut(key.accountId, 'Cancel'), false);
    assert.strictEqual((await state()).sessions.length, 2);

    // the API-key account by its account id: the OAuth one stays, and still works
    assert.strictEqual(await signOut(key.accountId), true);
    assert.deepStrictEqual((await state()).sessions.map((s) => s.id), [oauth.id]);
    assert.strictEqual((await lightGet<{ name: string }>('/v1/companies/current', oauth.accountId)).name, 'Northwind Trading');

    // and the other way round
    const keyAgain = await signInWithApiKey(DEV_CREDENTIALS.production.apiKey);
    assert.strictEqual(keyAgain?.accountId, key.accountId);
    assert.strictEqual((await state()).sessions.length, 2);
    assert.strictEqual(await signOut(oauth.accountId), true);
    assert.deepStrictEqual((await state()).sessions.map((s) => s.id), [key.id]);
    assert.strictEqual(await session(oauth.accountId), undefined);
    assert.strictEqual((await session(key.accountId))?.authorization, `Basic ${DEV_CREDENTIALS.production.apiKey}`);
  });
});
