// One sign-in at a time, in a real VS Code: sign-ins started together share one trip to the browser, and Cancel
// stops a waiting one for every caller without leaving anything behind.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { DEV_CREDENTIALS, startSimulator } from '../simulator';
import type { Simulator } from '../simulator';
import { activateExtension, describePhase, logText, runCommand, sessionsOf, setClientSecret, signIn, signOutOf, sleep, useSimulator, waitFor } from './helpers';

describePhase(1, 'one sign-in at a time, in a real VS Code host', () => {
  let sim: Simulator;
  let pending: Simulator;

  before(async () => {
    await activateExtension();
    sim = await startSimulator({ host: '127.0.0.2', autoApprove: true });
    pending = await startSimulator({ host: '127.0.0.2' }); // shows its consent page; nobody clicks
    await useSimulator(sim);
    assert.strictEqual(await setClientSecret(DEV_CREDENTIALS.production.clientSecret), true);
  });

  after(async () => {
    await signOutOf(sim, pending);
    await useSimulator(sim);
    await sim.stop();
    await pending.stop();
  });

  it('two sign-ins at once share one run: one browser trip, one authorize request, one code exchange, one session', async () => {
    sim.control.resetCounters();
    const results = await Promise.all([runCommand('light.signIn'), runCommand('light.signIn'), runCommand('light.signInAnotherWay', 'loopback')]);
    assert.deepStrictEqual(results, [true, true, true]);
    const c = sim.control.counters();
    assert.strictEqual(c.authorize, 1, 'one authorize request');
    assert.strictEqual(c.token.authorization_code, 1, 'one code exchange');
    assert.strictEqual(sim.control.lastAuthorize()?.redirect_uri, `${sim.url}/relay`, 'the way of the sign-in that started first');
    assert.strictEqual((await sessionsOf(sim)).length, 1);
  });

  it('Cancel stops a waiting sign-in for every caller, leaves nothing running, and the next sign-in works', async () => {
    await useSimulator(pending);
    const sessionsBefore = (await sessionsOf(pending)).length;
    const waiting = [runCommand('light.signIn'), runCommand('light.signIn')];
    await waitFor(() => pending.control.lastAuthorize(), 'the browser to open the consent page');
    await sleep(300);
    assert.strictEqual(pending.control.counters().authorize, 1, 'one authorize request for both');
    assert.strictEqual(await vscode.commands.executeCommand('light.cancelSignIn'), true);
    assert.deepStrictEqual(await Promise.all(waiting), [false, false]);
    assert.match(await logText(), /Sign-in failed: Sign-in cancelled/);
    assert.strictEqual(await vscode.commands.executeCommand('light.cancelSignIn'), false, 'nothing left to cancel');
    assert.strictEqual((await sessionsOf(pending)).length, sessionsBefore);

    await useSimulator(sim);
    sim.control.resetCounters();
    const signedIn = await signIn();
    assert.ok(signedIn, 'the next sign-in works');
    assert.strictEqual(sim.control.counters().authorize, 1);
    assert.strictEqual(sim.control.counters().token.authorization_code, 1);
  });
});
