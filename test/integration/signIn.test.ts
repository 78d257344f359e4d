// Sign in to Light end to end in a real VS Code: the command, the browser popup, the relay, VS Code's URI
// handling, the code exchange, and what other extensions and the status bar see.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import type { LightExports } from '../../src/lightApi';
import { DEV_CREDENTIALS, startSimulator } from '../simulator';
import type { Simulator } from '../simulator';
import { activateExtension, answerInputs, describePhase, lightGet, logText, runCommand, session, setClientSecret, signIn, signOut, state, stateFile, useSimulator, waitFor } from './helpers';

/** True for the error every failure of the public API is: a LightApiError that carries no credential. */
function isLightApiError(e: unknown): boolean {
  assert.ok(e instanceof Error, `expected an Error, got ${String(e)}`);
  assert.strictEqual(e.name, 'LightApiError');
  assert.ok(!e.message.includes('forged'), 'the message repeats the token it was given');
  return true;
}

describePhase(1, 'sign in to Light in a real VS Code host', function () {
  let exports: LightExports;
  let sim: Simulator;
  const sims: Simulator[] = [];

  before(async () => {
    exports = await activateExtension<LightExports>();
    sim = await startSimulator({ host: '127.0.0.2', autoApprove: true });
    sims.push(sim);
    await useSimulator(sim);
    assert.strictEqual(await setClientSecret(DEV_CREDENTIALS.production.clientSecret), true);
  });

  after(async () => {
    for (const s of sims) await s.stop();
  });

  it('registers the provider and the commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const c of ['light.signIn', 'light.signOut', 'light.setClientSecret', 'light.showLog', 'light.cancelSignIn', 'light.test.state', 'light.test.session', 'light.test.answerInputs']) {
      assert.ok(commands.includes(c), c);
    }
    const pkg = vscode.extensions.getExtension('lightinc.light-vscode')?.packageJSON;
    assert.strictEqual(pkg.contributes.commands.find((c: { command: string }) => c.command === 'light.signIn').title, 'Sign in to Light');
    assert.ok(!pkg.contributes.commands.some((c: { command: string }) => /^light\.(internal|test)\./.test(c.command)), 'no internal or test command is contributed');
    assert.strictEqual(await vscode.authentication.getSession('light', [], { silent: true }), undefined);
    assert.deepStrictEqual((await state()).statusBar, { text: '$(sign-in) Sign in to Light', tooltip: 'Sign in to Light', command: 'light.signIn' });
    assert.strictEqual((await state()).activeId, undefined);
  });

  it('has no light.internal.state any more: executing it rejects', async () => {
    assert.ok(!(await vscode.commands.getCommands(true)).includes('light.internal.state'));
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('light.internal.state')));
  });

  it('signs in through the browser, the relay and the URI handler', async () => {
    const changes: string[] = [];
    const sub = vscode.authentication.onDidChangeSessions((e) => changes.push(e.provider.id));
    const signedIn = await signIn();
    await waitFor(() => changes.includes('light'), 'VS Code to announce the new Light session to every extension');
    sub.dispose();
    assert.ok(signedIn, 'sign-in reported an account');
    assert.strictEqual(signedIn.label, `Northwind Trading (127.0.0.2:${new URL(sim.url).port})`);
    assert.strictEqual(signedIn.kind, 'oauth');
    assert.strictEqual(signedIn.id, `oauth:${signedIn.accountId}`);
    const authorize = sim.control.lastAuthorize();
    assert.ok(authorize);
    assert.strictEqual(authorize.code_challenge_method, 'S256');
    assert.strictEqual(authorize.response_type, 'code');
    assert.strictEqual(authorize.redirect_uri, `${sim.url}/relay`);
    assert.strictEqual(sim.control.counters().token.authorization_code, 1);

    const s = await session();
    assert.ok(s);
    assert.strictEqual(s.account.id, signedIn.accountId);
    assert.strictEqual(s.company.name, 'Northwind Trading');
    assert.match(s.authorization, /^Bearer ey/);
    const company = await lightGet<{ name: string }>('/v1/companies/current');
    assert.strictEqual(company.name, 'Northwind Trading');
  });

  it('shows the account and the time left in the status bar', async () => {
    const s = await waitFor(async () => {
      const st = (await state()).statusBar;
      return /^\$\(pass\) Northwind Trading · (59m|1h) left$/.test(st.text) ? st : undefined;
    }, 'the status bar to show the session');
    assert.match(s.tooltip, /Environment: custom/);
    assert.match(s.tooltip, /Access token expires/);
    assert.strictEqual(s.command, 'light.statusMenu');
  });

  it('leaves it to VS Code to ask before another extension gets the session', async () => {
    // Silent requests get nothing until the user has allowed the caller once (test/e2e clicks "Allow").
    assert.strictEqual(await vscode.authentication.getSession('light', ['any', 'scopes'], { silent: true }), undefined);
    assert.strictEqual(await vscode.authentication.getSession('light', [], { silent: true }), undefined);
    assert.strictEqual((await state()).sessions.length, 1);
  });

  it('the public API serves no session VS Code did not hand out, and calls Light for none', async () => {
    const real = (await state()).sessions.find((s) => s.kind === 'oauth');
    assert.ok(real);
    const api = exports.getApi(1);
    assert.strictEqual(api.version, 1);
    const before = sim.control.counters().api;
    const forged: vscode.AuthenticationSession = { id: real.id, accessToken: 'forged', account: { id: 'x', label: 'x' }, scopes: [] };
    assert.throws(() => api.client(forged), isLightApiError);
    // the real account id does not help either
    assert.throws(() => api.client({ ...forged, account: { id: real.accountId, label: real.label } } as vscode.AuthenticationSession), isLightApiError);
    assert.throws(() => api.client({ ...forged, id: 'oauth:custom/nobody' }), isLightApiError);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.strictEqual(sim.control.counters().api, before, 'a forged session reached Light');
  });

  it('offers API version 1 only: getApi(2) throws', () => {
    assert.throws(() => exports.getApi(2 as 1), isLightApiError);
    assert.throws(() => exports.getApi(0 as 1), isLightApiError);
    assert.strictEqual(exports.getApi(1).version, 1);
  });

  it('rejects a forged callback and keeps waiting for nothing', async () => {
    const forged = await vscode.env.asExternalUri(vscode.Uri.parse(`${vscode.env.uriScheme}://lightinc.light-vscode/auth-callback?code=evil&state=forged`));
    await vscode.env.openExternal(forged);
    await waitFor(async () => /Rejected a sign-in callback/.test(await logText()), 'the forged callback to be rejected');
    assert.strictEqual((await state()).sessions.length, 1);
  });

  it('light.setClientSecret ignores a secret passed as an argument and stores the one typed in', async () => {
    await answerInputs(DEV_CREDENTIALS.production.clientSecret);
    assert.strictEqual(await runCommand('light.setClientSecret', 'evil-secret'), true);
    // With "evil-secret" stored the code exchange would fail (the simulator checks the client secret).
    const codes = sim.control.counters().token.authorization_code;
    const again = await signIn();
    assert.ok(again, 'signed in with the secret typed in');
    assert.strictEqual(sim.control.counters().token.authorization_code, codes + 1);
    assert.strictEqual(sim.control.counters().tokenErrors.invalid_client ?? 0, 0);
    assert.strictEqual((await state()).sessions.length, 1, 'same account: replaced, not added');
  });

  it('never writes a token, code, verifier, secret or key to the log', async () => {
    const text = await logText();
    assert.ok(text.length > 0, 'the log has lines');
    const s = await session();
    assert.ok(s);
    for (const secret of [s.accessToken, DEV_CREDENTIALS.production.clientSecret, DEV_CREDENTIALS.production.apiKey, 'evil']) {
      assert.ok(!text.includes(secret), 'a secret reached the log');
    }
    assert.ok(!/refresh_token=|code=|code_verifier=/.test(text.replace(/=\[redacted\]/g, '')));
  });

  it('signs out: the session and its secrets are gone, the status bar offers sign-in', async () => {
    const s = await session();
    assert.ok(s);
    const changes: string[] = [];
    const sub = vscode.authentication.onDidChangeSessions((e) => changes.push(e.provider.id));
    assert.strictEqual(await signOut(s.account.id), true);
    await waitFor(() => changes.includes('light'), 'VS Code to announce the sign-out to every extension');
    sub.dispose();
    assert.strictEqual(await session(), undefined);
    assert.strictEqual(await session(s.account.id), undefined);
    assert.deepStrictEqual((await state()).sessions, []);
    // a client for the signed-out session is refused too
    assert.throws(() => exports.getApi(1).client({ id: s.id, accessToken: s.accessToken, account: s.account, scopes: [] } as vscode.AuthenticationSession), isLightApiError);
    await waitFor(async () => (await state()).statusBar.text === '$(sign-in) Sign in to Light', 'the status bar to offer sign-in');
    assert.strictEqual(await signOut(s.account.id), false, 'nothing left to sign out of');
  });

  it('a denied sign-in leaves no session and says so', async () => {
    const deny = await startSimulator({ host: '127.0.0.2', autoApprove: 'deny' });
    sims.push(deny);
    await useSimulator(deny);
    assert.strictEqual(await runCommand('light.signIn'), false);
    assert.match(await logText(), /Sign-in failed: Sign-in was denied in the browser/);
    assert.strictEqual((await state()).sessions.length, 0);
  });

  it('a cancelled sign-in leaves no session and says so', async () => {
    const pending = await startSimulator({ host: '127.0.0.2' }); // shows its consent page; nobody clicks
    sims.push(pending);
    await useSimulator(pending);
    const result = runCommand('light.signIn');
    await waitFor(() => pending.control.lastAuthorize(), 'the browser to open the authorize page');
    // signed out and waiting: the status bar says so, and clicking it cancels
    const waiting = (await state()).statusBar;
    assert.strictEqual(waiting.text, '$(loading~spin) Signing in to Light…');
    assert.match(waiting.tooltip, /approve the request in your browser\. Click to cancel\./);
    assert.strictEqual(waiting.command, 'light.cancelSignIn');
    assert.strictEqual(await vscode.commands.executeCommand('light.cancelSignIn'), true);
    assert.strictEqual(await result, false);
    await waitFor(async () => (await state()).statusBar.command === 'light.signIn', 'the status bar to offer sign-in again');
    assert.match(await logText(), /Sign-in failed: Sign-in cancelled/);
    assert.strictEqual((await state()).sessions.length, 0);
  });

  it('a timed-out sign-in leaves no session and says so', async () => {
    const pending = sims[sims.length - 1];
    await useSimulator(pending, { timeout: 2 });
    assert.strictEqual(await runCommand('light.signIn'), false);
    assert.match(await logText(), /Sign-in failed: Sign-in timed out/);
    assert.strictEqual((await state()).sessions.length, 0);
  });

  it('signs in again and leaves the session stored for the next host run', async () => {
    await useSimulator(sim);
    const signedIn = await signIn();
    assert.ok(signedIn);
    fs.writeFileSync(stateFile('phase1-session.json'), JSON.stringify({ accountId: signedIn.accountId, tokenRequests: sim.control.counters().token }));
  });
});

describePhase(2, 'a new host run', () => {
  it('restores the stored session at activation without a network call', async () => {
    const expected = JSON.parse(fs.readFileSync(stateFile('phase1-session.json'), 'utf8')) as { accountId: string };
    await activateExtension<LightExports>();
    // VS Code's view first: the provider answers once the stored sessions are loaded.
    const accounts = await vscode.authentication.getAccounts('light');
    assert.deepStrictEqual(accounts.map((a) => a.id), [expected.accountId]);
    const s = await session();
    assert.ok(s, 'the session came back');
    assert.strictEqual(s.account.id, expected.accountId);
    assert.strictEqual(s.kind, 'oauth');
    const st = await state();
    assert.deepStrictEqual(st.sessions.map((x) => x.accountId), [expected.accountId]);
    assert.strictEqual(st.activeId, s.id);
    // The phase-1 simulator is gone: any network call would have failed, and light.test.session would not have answered.
    await waitFor(async () => /Northwind Trading · (\d+m|1h) left/.test((await state()).statusBar.text), 'the status bar to show the restored session');
  });
});
