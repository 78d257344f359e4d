// Several accounts in a real VS Code: an API key and two companies' OAuth sessions side by side.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { LightExtensionApi } from '../../src/api';
import type { AccountSummary } from '../../src/ui/commands';
import { DEV_CREDENTIALS, startSimulator } from '../simulator';
import type { Simulator } from '../simulator';
import { activateExtension, describePhase, logText, state, useSimulator, waitFor } from './helpers';

describePhase(1, 'API keys and several accounts in a real VS Code host', () => {
  let api: LightExtensionApi;
  let sim: Simulator;

  before(async () => {
    api = await activateExtension<LightExtensionApi>();
    sim = await startSimulator({ host: '127.0.0.2', autoApprove: true });
    await useSimulator(sim);
  });

  after(async () => {
    for (const s of (await state()).sessions) await vscode.commands.executeCommand('light.signOut', s.id);
    await sim.stop();
  });

  it('rejects a bad API key and stores nothing', async () => {
    assert.strictEqual(await vscode.commands.executeCommand('light.signInWithApiKey', 'not-a-key'), undefined);
    assert.match(await logText(), /API key sign-in failed: Light did not accept that API key/);
    assert.ok(!(await logText()).includes('not-a-key'));
    assert.strictEqual((await state()).sessions.length, 0);
  });

  it('signs in with an API key and uses Basic for its requests', async () => {
    const summary = await vscode.commands.executeCommand<AccountSummary>('light.signInWithApiKey', DEV_CREDENTIALS.production.apiKey);
    assert.ok(summary);
    assert.match(summary.label, /Northwind Trading .*· API key/);
    const s = await api.getSession({ account: summary.accountId });
    assert.strictEqual(s?.kind, 'apiKey');
    assert.strictEqual(s?.authorization, `Basic ${DEV_CREDENTIALS.production.apiKey}`);
    sim.control.resetCounters();
    const vendors = await api.list<{ name: string }>('/v1/vendors', { limit: 3 }, { account: summary.accountId });
    assert.strictEqual(vendors.records.length, 3);
    assert.strictEqual(sim.control.counters().api, 1);
    // not offered to other extensions as a Bearer token
    assert.strictEqual(await vscode.authentication.getSession('light', [], { silent: true }), undefined);
    await waitFor(async () => /API key/.test((await state()).statusBar.text), 'the status bar to show the API-key account');
  });

  it('holds the production and the sandbox company side by side, and switches between them', async () => {
    await vscode.commands.executeCommand('light.setClientSecret', DEV_CREDENTIALS.production.clientSecret);
    const prod = await vscode.commands.executeCommand<AccountSummary>('light.signIn');
    await useSimulator(sim, { company: 'sandbox' });
    await vscode.commands.executeCommand('light.setClientSecret', DEV_CREDENTIALS.sandbox.clientSecret);
    const sandbox = await vscode.commands.executeCommand<AccountSummary>('light.signIn');
    assert.ok(prod && sandbox);
    assert.notStrictEqual(prod.accountId, sandbox.accountId);
    assert.strictEqual((await state()).sessions.length, 3);
    const a = await api.get<{ name: string }>('/v1/companies/current', undefined, { account: prod.accountId });
    const b = await api.get<{ name: string }>('/v1/companies/current', undefined, { account: sandbox.accountId });
    assert.deepStrictEqual([a.name, b.name], ['Northwind Trading', 'Northwind Trading (Sandbox)']);
    // the last sign-in is the active account
    assert.strictEqual((await api.getSession())?.account.id, sandbox.accountId);
    assert.match((await state()).statusBar.text, /Northwind Trading \(Sandbox\)/);
  });

  it('signing in again to an account replaces its session instead of adding one', async () => {
    const before = (await state()).sessions.length;
    await vscode.commands.executeCommand<AccountSummary>('light.signIn');
    assert.strictEqual((await state()).sessions.length, before);
  });

  it('signs out of the account it is told, leaving the others', async () => {
    const sessions = (await state()).sessions;
    const sandbox = sessions.find((s) => /Sandbox/.test(s.label));
    assert.ok(sandbox);
    await vscode.commands.executeCommand('light.signOut', sandbox.id);
    const left = (await state()).sessions.map((s) => s.label);
    assert.strictEqual(left.length, 2);
    assert.ok(left.every((l) => !/Sandbox/.test(l)));
    await waitFor(async () => !/Sandbox/.test((await state()).statusBar.text), 'the status bar to leave the signed-out account');
  });
});
