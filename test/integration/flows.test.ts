// Other ways in, in a real VS Code: the offer after a failed sign-in, the local-port way end to end through the
// browser, and a pinned way.
import * as assert from 'assert';
import * as net from 'net';
import * as vscode from 'vscode';
import { startSimulator } from '../simulator';
import type { Simulator } from '../simulator';
import { activateExtension, describePhase, logText, runCommand, setClientSecret, signIn, signOut, state, useSimulator } from './helpers';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const c = net.connect(port, '127.0.0.1');
    c.on('connect', () => (c.destroy(), resolve(false)));
    c.on('error', () => resolve(true));
  });
}

describePhase(1, 'other ways to sign in, in a real VS Code host', () => {
  let sim: Simulator;
  let pending: Simulator;
  let port: number;
  const light = () => vscode.workspace.getConfiguration('light');

  before(async () => {
    await activateExtension();
    sim = await startSimulator({ host: '127.0.0.2', autoApprove: true });
    pending = await startSimulator({ host: '127.0.0.2' }); // shows its consent page; nobody clicks
    port = await freePort();
    await light().update('oauth.loopbackPort', port, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    for (const s of (await state()).sessions) await signOut(s.id);
    await light().update('oauth.flow', undefined, vscode.ConfigurationTarget.Global);
    await light().update('oauth.loopbackPort', undefined, vscode.ConfigurationTarget.Global);
    await sim.stop();
    await pending.stop();
  });

  it('offers another way after the browser does not come back', async () => {
    await useSimulator(pending, { timeout: 2 });
    assert.strictEqual(await setClientSecret(pending.companies[0].clientSecret), true);
    assert.strictEqual(await runCommand('light.signIn'), false);
    const log = await logText();
    assert.match(log, /Sign-in failed: Sign-in timed out/);
    assert.match(log, /Having trouble signing in\? Offering another way: Browser, back to a local port/);
  });

  it('signs in the offered way: the browser comes back to a one-shot local port', async () => {
    await useSimulator(sim);
    const signedIn = await signIn('light.signInAnotherWay');
    assert.ok(signedIn, 'signed in');
    assert.strictEqual(signedIn.kind, 'oauth');
    assert.match(signedIn.label, /^Northwind Trading /);
    assert.strictEqual(sim.control.lastAuthorize()?.redirect_uri, `http://127.0.0.1:${port}/callback`);
    assert.ok(await refused(port), 'the local server closed after its one callback');
    assert.strictEqual((await state()).sessions.length, 1);
  });

  it('uses only the way pinned in light.oauth.flow', async () => {
    await light().update('oauth.flow', 'loopback', vscode.ConfigurationTarget.Global);
    sim.control.resetCounters();
    const before = (await state()).sessions[0];
    const signedIn = await signIn();
    assert.ok(signedIn);
    assert.strictEqual(signedIn.accountId, before?.accountId);
    assert.strictEqual(sim.control.counters().token.authorization_code, 1);
    assert.strictEqual(sim.control.lastAuthorize()?.redirect_uri, `http://127.0.0.1:${port}/callback`);
    assert.strictEqual((await state()).sessions.length, 1, 'same account: replaced, not added');
  });

  it('an unknown light.oauth.flow value falls back to auto', async () => {
    await light().update('oauth.flow', 'nonsense', vscode.ConfigurationTarget.Global);
    sim.control.resetCounters();
    const signedIn = await signIn();
    assert.ok(signedIn, 'an unknown value falls back to auto');
    assert.strictEqual(sim.control.lastAuthorize()?.redirect_uri, `${sim.url}/relay`, 'auto tries the way back through VS Code first');
    assert.strictEqual(sim.control.counters().token.authorization_code, 1);
    await light().update('oauth.flow', 'auto', vscode.ConfigurationTarget.Global);
  });
});
