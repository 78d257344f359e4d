// Sign in to Light end to end in a real VS Code: the command, the browser popup, the relay, VS Code's URI
// handling, the code exchange, and what other extensions and the status bar see.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import type { LightExtensionApi } from '../../src/api';
import type { AccountSummary } from '../../src/ui/commands';
import { DEV_CREDENTIALS, startSimulator } from '../simulator';
import type { Simulator } from '../simulator';
import { activateExtension, describePhase, logText, state, stateFile, useSimulator, waitFor } from './helpers';

describePhase(1, 'sign in to Light in a real VS Code host', function () {
  let api: LightExtensionApi;
  let sim: Simulator;
  const sims: Simulator[] = [];

  before(async () => {
    api = await activateExtension<LightExtensionApi>();
    sim = await startSimulator({ host: '127.0.0.2', autoApprove: true });
    sims.push(sim);
    await useSimulator(sim);
    assert.strictEqual(await vscode.commands.executeCommand('light.setClientSecret', DEV_CREDENTIALS.production.clientSecret), true);
  });

  after(async () => {
    for (const s of sims) await s.stop();
  });

  it('registers the provider and the commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const c of ['light.signIn', 'light.signOut', 'light.setClientSecret', 'light.showLog', 'light.cancelSignIn']) {
      assert.ok(commands.includes(c), c);
    }
    const pkg = vscode.extensions.getExtension('lightinc.light-vscode')?.packageJSON;
    assert.strictEqual(pkg.contributes.commands.find((c: { command: string }) => c.command === 'light.signIn').title, 'Sign in to Light');
    assert.strictEqual(await vscode.authentication.getSession('light', [], { silent: true }), undefined);
    assert.strictEqual((await state()).statusBar.text, '$(sign-in) Sign in to Light');
  });

  it('signs in through the browser, the relay and the URI handler', async () => {
    const changes: string[] = [];
    const sub = vscode.authentication.onDidChangeSessions((e) => changes.push(e.provider.id));
    const summary = await vscode.commands.executeCommand<AccountSummary>('light.signIn');
    await waitFor(() => changes.includes('light'), 'VS Code to announce the new Light session to every extension');
    sub.dispose();
    assert.ok(summary, 'sign-in returned an account');
    assert.strictEqual(summary.label, `Northwind Trading (127.0.0.2:${new URL(sim.url).port})`);
    const authorize = sim.control.lastAuthorize();
    assert.ok(authorize);
    assert.strictEqual(authorize.code_challenge_method, 'S256');
    assert.strictEqual(authorize.response_type, 'code');
    assert.strictEqual(authorize.redirect_uri, `${sim.url}/relay`);
    assert.strictEqual(sim.control.counters().token.authorization_code, 1);

    const session = await api.getSession();
    assert.ok(session);
    assert.strictEqual(session.company.name, 'Northwind Trading');
    assert.match(session.authorization, /^Bearer ey/);
    const company = await api.get<{ name: string }>('/v1/companies/current');
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
    assert.strictEqual((await state()).sessions.length, 1);
  });

  it('rejects a forged callback and keeps waiting for nothing', async () => {
    const forged = await vscode.env.asExternalUri(vscode.Uri.parse(`${vscode.env.uriScheme}://lightinc.light-vscode/auth-callback?code=evil&state=forged`));
    await vscode.env.openExternal(forged);
    await waitFor(async () => /Rejected a sign-in callback/.test(await logText()), 'the forged callback to be rejected');
    assert.strictEqual((await state()).sessions.length, 1);
  });

  it('never writes a token, code, verifier, secret or key to the log', async () => {
    const text = await logText();
    assert.ok(text.length > 0, 'the log has lines');
    const session = await api.getSession();
    assert.ok(session);
    for (const secret of [session.accessToken, DEV_CREDENTIALS.production.clientSecret, DEV_CREDENTIALS.production.apiKey, 'evil']) {
      assert.ok(!text.includes(secret), 'a secret reached the log');
    }
    assert.ok(!/refresh_token=|code=|code_verifier=/.test(text.replace(/=\[redacted\]/g, '')));
  });

  it('signs out: the session and its secrets are gone, the status bar offers sign-in', async () => {
    const session = await api.getSession();
    assert.ok(session);
    const changes: string[] = [];
    const sub = vscode.authentication.onDidChangeSessions((e) => changes.push(e.provider.id));
    const out = await vscode.commands.executeCommand<AccountSummary>('light.signOut', session.account.id);
    assert.strictEqual(out?.accountId, session.account.id);
    await waitFor(() => changes.includes('light'), 'VS Code to announce the sign-out to every extension');
    sub.dispose();
    assert.strictEqual(await api.getSession(), undefined);
    await waitFor(async () => (await state()).statusBar.text === '$(sign-in) Sign in to Light', 'the status bar to offer sign-in');
  });

  it('a denied sign-in leaves no session and says so', async () => {
    const deny = await startSimulator({ host: '127.0.0.2', autoApprove: 'deny' });
    sims.push(deny);
    await useSimulator(deny);
    assert.strictEqual(await vscode.commands.executeCommand('light.signIn'), undefined);
    assert.match(await logText(), /Sign-in failed: Sign-in was denied in the browser/);
    assert.strictEqual((await state()).sessions.length, 0);
  });

  it('a cancelled sign-in leaves no session and says so', async () => {
    const pending = await startSimulator({ host: '127.0.0.2' }); // shows its consent page; nobody clicks
    sims.push(pending);
    await useSimulator(pending);
    const result = vscode.commands.executeCommand('light.signIn');
    await waitFor(() => pending.control.lastAuthorize(), 'the browser to open the authorize page');
    assert.strictEqual(await vscode.commands.executeCommand('light.cancelSignIn'), true);
    assert.strictEqual(await result, undefined);
    assert.match(await logText(), /Sign-in failed: Sign-in cancelled/);
    assert.strictEqual((await state()).sessions.length, 0);
  });

  it('a timed-out sign-in leaves no session and says so', async () => {
    const pending = sims[sims.length - 1];
    await useSimulator(pending, { timeout: 2 });
    assert.strictEqual(await vscode.commands.executeCommand('light.signIn'), undefined);
    assert.match(await logText(), /Sign-in failed: Sign-in timed out/);
    assert.strictEqual((await state()).sessions.length, 0);
  });

  it('signs in again and leaves the session stored for the next host run', async () => {
    await useSimulator(sim);
    const summary = await vscode.commands.executeCommand<AccountSummary>('light.signIn');
    assert.ok(summary);
    fs.writeFileSync(stateFile('phase1-session.json'), JSON.stringify({ accountId: summary.accountId, tokenRequests: sim.control.counters().token }));
  });
});

describePhase(2, 'a new host run', () => {
  it('restores the stored session at activation without a network call', async () => {
    const expected = JSON.parse(fs.readFileSync(stateFile('phase1-session.json'), 'utf8')) as { accountId: string };
    const api = await activateExtension<LightExtensionApi>();
    const session = await api.getSession();
    assert.ok(session, 'the session came back');
    assert.strictEqual(session.account.id, expected.accountId);
    // The phase-1 simulator is gone: any network call would have failed, and getSession would not have answered.
    await waitFor(async () => /Northwind Trading · (\d+m|1h) left/.test((await state()).statusBar.text), 'the status bar to show the restored session');
  });
});
