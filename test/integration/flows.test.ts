// Other ways in, in a real VS Code: the offer after a failed sign-in, the local-port way end to end through the
// browser and what its pages say, a pinned way, and the paste way with the address a real browser ended on.
import * as assert from 'assert';
import * as http from 'http';
import * as net from 'net';
import * as vscode from 'vscode';
import fetch from 'node-fetch';
import { startSimulator } from '../simulator';
import type { Simulator } from '../simulator';
import { clickApprove } from '../support/simulatorClient';
import { activateExtension, answerInputs, describePhase, logText, runCommand, sessionsOf, setClientSecret, signIn, signOut, sleep, state, useSimulator, waitFor } from './helpers';

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

/** A page where the browser lands and cannot go on (a relay that is down): it keeps the addresses it was sent to. */
async function deadEnd(): Promise<{ url: string; seen: string[]; close(): void }> {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(req.url ?? '');
    res.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad gateway</h1>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', resolve));
  const url = `http://127.0.0.2:${(server.address() as net.AddressInfo).port}`;
  return { url, seen, close: () => (server.closeAllConnections(), server.close()) };
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

  it('the local port answers the browser: a refusal for a forged callback, then "Signed in" after Approve', async () => {
    await light().update('oauth.flow', undefined, vscode.ConfigurationTarget.Global);
    await useSimulator(pending);
    const earlier = pending.control.lastAuthorize()?.state;
    const result = runCommand('light.signInAnotherWay', 'loopback');
    const query = await waitFor(() => ((q) => (q && q.state !== earlier ? q : undefined))(pending.control.lastAuthorize()), 'the browser to open the consent page');
    const callback = `http://127.0.0.1:${port}/callback`;
    assert.strictEqual(query.redirect_uri, callback);
    const forged = await fetch(`${callback}?code=evil&state=forged`);
    assert.strictEqual(forged.status, 400);
    assert.match(await forged.text(), /Sign-in link not recognized/);
    assert.strictEqual((await fetch(`http://127.0.0.1:${port}/favicon.ico`)).status, 404);
    // The person clicks Approve; the browser follows the redirect to the local port.
    const back = await clickApprove(pending, query);
    assert.strictEqual(`${back.origin}${back.pathname}`, callback);
    const page = await fetch(back.toString());
    assert.strictEqual(page.status, 200);
    assert.match(await page.text(), /Signed in to Light/);
    assert.strictEqual(await result, true);
    assert.strictEqual((await sessionsOf(pending)).length, 1);
    assert.strictEqual(pending.control.counters().token.authorization_code, 1);
    assert.ok(await refused(port), 'the local server closed after its one callback');
  });

  it('paste: the browser cannot come back by itself; the whole address it ended on, pasted, signs in', async function () {
    this.timeout(60_000);
    const relay = await deadEnd();
    try {
      await useSimulator(sim, { timeout: 40 });
      await light().update('oauth.relayUrl', `${relay.url}/relay`, vscode.ConfigurationTarget.Global);
      sim.control.resetCounters();
      let settled = false;
      const result = runCommand('light.signInAnotherWay', 'paste').finally(() => (settled = true));
      // The real browser approves at the simulator and lands on the relay that is down: that address is what a person copies.
      const landed = await waitFor(() => relay.seen[0], 'the browser to land on the relay', 20_000);
      const ended = `${relay.url}${landed}`;
      assert.match(ended, /\/relay\?code=[^&]+&state=/);
      // An address from elsewhere is refused with a hint, then the right one is taken.
      await answerInputs(`https://elsewhere.example/relay?code=x&${new URL(ended).searchParams.toString().replace(/^code=[^&]*&/, '')}`, ended);
      // The paste box may already be open (a real input box): accept it empty, so that the way asks again.
      while (!settled) {
        await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        await sleep(250);
      }
      assert.strictEqual(await result, true);
      assert.strictEqual(sim.control.lastAuthorize()?.redirect_uri, `${relay.url}/relay`);
      assert.strictEqual(sim.control.counters().token.authorization_code, 1, 'one code exchange: the pasted code');
      assert.strictEqual(relay.seen.filter((u) => u.startsWith('/relay?')).length, 1, 'the browser landed once (besides a favicon)');
      assert.strictEqual((await sessionsOf(sim)).length, 1);
    } finally {
      relay.close();
      await useSimulator(sim);
    }
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
