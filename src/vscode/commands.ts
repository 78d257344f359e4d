import * as vscode from 'vscode';
import { toLightError } from '../core/errors';
import { redact, type Logger } from '../core/log';
import type { SessionManager } from '../core/auth/sessionManager';
import type { StoredSession, TokenStore } from '../core/auth/tokenStore';
import type { ActiveAccount } from './activeAccount';
import type { SignInController } from './signInController';
import { readConfig } from './config';
import { confirm } from './ask';
import { promptClientId, promptClientSecret } from './clientSetup';

/** The commands. What each hands back to its caller is only whether it was done: never a credential, and no Light
 *  data either (another extension may be the caller). None takes a secret as an argument. */

export interface CommandDeps {
  manager: SessionManager;
  store: TokenStore;
  signIn: SignInController;
  active: ActiveAccount;
  logger: Logger;
  log: vscode.LogOutputChannel;
}

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const done = (result: Promise<unknown>) => result.then((r) => !!r);
  const text = (arg: unknown) => (typeof arg === 'string' ? arg : undefined);
  return [
    vscode.commands.registerCommand('light.signIn', () => done(signIn(deps))),
    vscode.commands.registerCommand('light.signInAnotherWay', (flowId?: unknown) => done(signInAnotherWay(deps, text(flowId)))),
    vscode.commands.registerCommand('light.signInWithApiKey', () => done(signInWithApiKey(deps))),
    vscode.commands.registerCommand('light.signOut', (which?: unknown) => done(signOut(deps, text(which)))),
    vscode.commands.registerCommand('light.setClientSecret', () => done(setClientSecret(deps))),
    vscode.commands.registerCommand('light.showLog', () => deps.log.show()),
    vscode.commands.registerCommand('light.cancelSignIn', () => deps.signIn.cancel()),
    vscode.commands.registerCommand('light.statusMenu', () => done(statusMenu(deps).then(() => true))),
  ];
}

async function signIn(deps: CommandDeps, flowId?: string): Promise<StoredSession | undefined> {
  try {
    const s = await deps.signIn.signIn(flowId);
    void vscode.window.showInformationMessage(`Signed in to Light as ${s.label}.`);
    return s;
  } catch (e) {
    const offer = deps.signIn.offer;
    showError(deps.logger, e, 'Sign-in', offer ? { label: `Having trouble? Try: ${offer.label}`, command: 'light.signInAnotherWay' } : { label: 'Try Again', command: 'light.signIn' });
    return undefined;
  }
}

/** The way offered after the last failure, a way named by id, or a pick among the ways that work here. */
async function signInAnotherWay(deps: CommandDeps, flowId?: string): Promise<StoredSession | undefined> {
  let id = flowId ?? deps.signIn.offer?.id;
  if (!id) {
    const pick = await vscode.window.showQuickPick(
      deps.signIn.available().map((f) => ({ label: f.label, id: f.id })),
      { title: 'Sign in to Light another way' },
    );
    id = pick?.id;
  }
  return id ? signIn(deps, id) : undefined;
}

async function signInWithApiKey(deps: CommandDeps): Promise<StoredSession | undefined> {
  try {
    const s = await deps.signIn.signInWithApiKey();
    if (s) void vscode.window.showInformationMessage(`Signed in to Light with an API key as ${s.label}.`);
    return s;
  } catch (e) {
    showError(deps.logger, e, 'API key sign-in', { label: 'Try Again', command: 'light.signInWithApiKey' });
    return undefined;
  }
}

/** `confirmed`: the user chose this account in this extension's own menu. Otherwise (the palette, or another
 *  extension running the command) the user is asked first, unless they just picked the account here. */
async function signOut(deps: CommandDeps, which?: string, confirmed = false): Promise<StoredSession | undefined> {
  const sessions = deps.manager.sessions();
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
  await deps.manager.remove(target.id);
  deps.logger.info(`Signed out of ${target.label}.`);
  void vscode.window.showInformationMessage(`Signed out of Light: ${target.label}.`);
  return target;
}

/** Always asks: a secret passed as an argument by another extension is never used. */
async function setClientSecret(deps: CommandDeps): Promise<boolean> {
  try {
    const clientId = readConfig().clientId || (await promptClientId());
    if (!clientId || !(await promptClientSecret(clientId, deps.store))) return false;
    deps.logger.info(`Stored the OAuth client secret for client ${clientId}.`);
    return true;
  } catch (e) {
    showError(deps.logger, e, 'Saving the client secret');
    return false;
  }
}

async function statusMenu(deps: CommandDeps): Promise<void> {
  const active = deps.active.get();
  type Item = vscode.QuickPickItem & { run: () => unknown };
  const items: Item[] = [];
  for (const s of deps.manager.sessions()) {
    if (s.id !== active?.id) items.push({ label: `$(arrow-swap) Switch to ${s.label}`, description: s.apiBaseUrl, run: () => deps.active.set(s.id) });
  }
  items.push({ label: '$(add) Sign in to another account', run: () => vscode.commands.executeCommand('light.signIn') });
  items.push({ label: '$(key) Sign in with an API key', run: () => vscode.commands.executeCommand('light.signInWithApiKey') });
  if (active) items.push({ label: `$(sign-out) Sign out of ${active.label}`, run: () => signOut(deps, active.id, true) });
  items.push({ label: '$(output) Show log', run: () => deps.log.show() });
  const pick = await vscode.window.showQuickPick(items, { title: active ? `Light — ${active.label}` : 'Light' });
  await pick?.run();
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
