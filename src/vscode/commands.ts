import * as vscode from 'vscode';
import { toLightError } from '../core/errors';
import { redact, type Logger } from '../core/log';
import type { SessionManager } from '../core/auth/sessionManager';
import type { StoredSession, TokenStore } from '../core/auth/tokenStore';
import type { SignInController } from './signInController';
import { readConfig } from './config';
import { ask, confirm } from './ask';
import { promptClientId, promptClientSecret } from './clientSetup';
import { signInWithApiKey } from '../core/signIn/apiKeySignIn';

export interface CommandDeps {
  manager: SessionManager;
  store: TokenStore;
  signIn: SignInController;
  logger: Logger;
  log: vscode.LogOutputChannel;
  active(): StoredSession | undefined;
  setActive(id: string): Thenable<void>;
}

/** What the sign-in and sign-out steps report to each other (commands hand their callers only a boolean). */
export interface AccountSummary {
  sessionId: string;
  accountId: string;
  label: string;
}

const summary = (s: StoredSession): AccountSummary => ({ sessionId: s.id, accountId: s.accountId, label: s.label });

export function registerCommands(d: CommandDeps): vscode.Disposable[] {
  const signIn = async (flowId?: string): Promise<AccountSummary | undefined> => {
    try {
      const s = await d.signIn.signIn(flowId);
      void vscode.window.showInformationMessage(`Signed in to Light as ${s.label}.`);
      return summary(s);
    } catch (e) {
      const offer = d.signIn.offer;
      showError(d.logger, e, 'Sign-in', offer ? { label: `Having trouble? Try: ${offer.label}`, command: 'light.signInAnotherWay' } : { label: 'Try Again', command: 'light.signIn' });
      return undefined;
    }
  };

  /** The way offered after the last failure, a way named by id, or a pick among the ways that work here. */
  const signInAnotherWay = async (flowId?: string): Promise<AccountSummary | undefined> => {
    let id = typeof flowId === 'string' ? flowId : d.signIn.offer?.id;
    if (!id) {
      const pick = await vscode.window.showQuickPick(
        d.signIn.available().map((f) => ({ label: f.label, id: f.id })),
        { title: 'Sign in to Light another way' },
      );
      id = pick?.id;
    }
    return id ? signIn(id) : undefined;
  };

  /** Always asks: a key passed as an argument by another extension is never used. */
  const signInWithKey = async (): Promise<AccountSummary | undefined> => {
    try {
      const env = readConfig().env;
      const input = await ask({
        title: `Sign in to Light with an API key (${env.apiBaseUrl})`,
        prompt: 'Paste an API key from Light (Settings > API Keys). It is checked with Light, then kept in VS Code secret storage.',
        password: true,
        ignoreFocusOut: true,
        validateInput: (v) => (v.trim() ? undefined : 'Paste the API key.'),
      });
      if (!input) return undefined;
      const s = await signInWithApiKey(env, input);
      await d.manager.add(s);
      await d.setActive(s.id);
      d.logger.info(`Signed in to Light with an API key as ${s.label}.`);
      void vscode.window.showInformationMessage(`Signed in to Light with an API key as ${s.label}.`);
      return summary(s);
    } catch (e) {
      showError(d.logger, e, 'API key sign-in', { label: 'Try Again', command: 'light.signInWithApiKey' });
      return undefined;
    }
  };

  /** `confirmed`: the user chose this account in this extension's own menu. Otherwise (the palette, or another
   *  extension running the command) the user is asked first, unless they just picked the account here. */
  const signOut = async (which?: string, confirmed = false): Promise<AccountSummary | undefined> => {
    const sessions = d.manager.sessions();
    let target = which ? sessions.find((s) => s.id === which || s.accountId === which) : sessions.length === 1 ? sessions[0] : undefined;
    if (!target && !which && sessions.length > 1) {
      const pick = await vscode.window.showQuickPick(
        sessions.map((s) => ({ label: s.label, description: s.apiBaseUrl, session: s })),
        { title: 'Sign out of which Light account?' },
      );
      target = pick?.session;
      confirmed = !!target;
    }
    if (!target) {
      if (!sessions.length) void vscode.window.showInformationMessage('You are not signed in to Light.');
      return undefined;
    }
    const button = 'Sign Out';
    if (!confirmed && (await confirm(`Sign out of Light: ${target.label}?`, button)) !== button) return undefined;
    await d.manager.remove(target.id);
    d.logger.info(`Signed out of ${target.label}.`);
    void vscode.window.showInformationMessage(`Signed out of Light: ${target.label}.`);
    return summary(target);
  };

  /** Always asks: a secret passed as an argument by another extension is never used. */
  const setClientSecret = async (): Promise<boolean> => {
    try {
      const clientId = readConfig().clientId || (await promptClientId());
      if (!clientId) return false;
      if (!(await promptClientSecret(clientId, d.store))) return false;
      d.logger.info(`Stored the OAuth client secret for client ${clientId}.`);
      return true;
    } catch (e) {
      showError(d.logger, e, 'Saving the client secret');
      return false;
    }
  };

  const statusMenu = async (): Promise<void> => {
    const active = d.active();
    type Item = vscode.QuickPickItem & { run: () => unknown };
    const items: Item[] = [];
    for (const s of d.manager.sessions()) {
      if (s.id !== active?.id) items.push({ label: `$(arrow-swap) Switch to ${s.label}`, description: s.apiBaseUrl, run: () => d.setActive(s.id) });
    }
    items.push({ label: '$(add) Sign in to another account', run: () => vscode.commands.executeCommand('light.signIn') });
    items.push({ label: '$(key) Sign in with an API key', run: () => vscode.commands.executeCommand('light.signInWithApiKey') });
    if (active) items.push({ label: `$(sign-out) Sign out of ${active.label}`, run: () => signOut(active.id, true) });
    items.push({ label: '$(output) Show log', run: () => d.log.show() });
    const pick = await vscode.window.showQuickPick(items, { title: active ? `Light — ${active.label}` : 'Light' });
    await pick?.run();
  };

  // What a command hands back to its caller is only whether it was done: never a credential, and no Light data
  // either (another extension may be the caller).
  const done = (result: Promise<unknown>) => result.then((r) => !!r);
  return [
    vscode.commands.registerCommand('light.signIn', () => done(signIn())),
    vscode.commands.registerCommand('light.signInAnotherWay', (flowId?: unknown) => done(signInAnotherWay(typeof flowId === 'string' ? flowId : undefined))),
    vscode.commands.registerCommand('light.signInWithApiKey', () => done(signInWithKey())),
    vscode.commands.registerCommand('light.signOut', (which?: unknown) => done(signOut(typeof which === 'string' ? which : undefined))),
    vscode.commands.registerCommand('light.setClientSecret', () => done(setClientSecret())),
    vscode.commands.registerCommand('light.showLog', () => d.log.show()),
    vscode.commands.registerCommand('light.cancelSignIn', () => d.signIn.cancel()),
    vscode.commands.registerCommand('light.statusMenu', () => done(statusMenu().then(() => true))),
  ];
}

/** Shows a LightError's message (built without secrets, and redacted all the same) and logs its detail.
 *  Returns at once: the notification's buttons are handled when the user gets to them. */
export function showError(logger: Logger, e: unknown, what: string, retry?: { label: string; command: string }): void {
  const err = toLightError(e);
  logger.error(`${what} failed: ${err.message}${err.detail ? ` (${err.detail})` : ''}`);
  const actions = new Map<string, () => unknown>();
  if (retry) actions.set(retry.label, () => vscode.commands.executeCommand(retry.command));
  if (err.kind === 'config') actions.set('Open Settings', () => vscode.commands.executeCommand('workbench.action.openSettings', 'light.'));
  if (err.kind !== 'cancelled') actions.set('Show Log', () => vscode.commands.executeCommand('light.showLog'));
  const show = (m: string, ...a: string[]) => (err.kind === 'cancelled' ? vscode.window.showInformationMessage(m, ...a) : vscode.window.showErrorMessage(m, ...a));
  void show(redact(err.message), ...actions.keys()).then((choice) => choice && actions.get(choice)?.());
}
