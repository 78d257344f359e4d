import * as vscode from 'vscode';
import type { Logger } from '../core/log';
import type { SessionManager } from '../core/auth/sessionManager';
import type { TokenStore } from '../core/auth/tokenStore';
import type { AccountsShell } from './accountsShell';
import type { ActiveAccount } from './activeAccount';

/** The commands besides signing in and out and the OAuth client (those are in accounts.ts): the log, the status menu.
 *  What each hands back to its caller is only whether it was done; none takes a secret as an argument. */

export interface CommandDeps {
  manager: SessionManager;
  store: TokenStore;
  accounts: AccountsShell;
  active: ActiveAccount;
  logger: Logger;
  log: vscode.LogOutputChannel;
}

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('light.showLog', () => deps.log.show()),
    vscode.commands.registerCommand('light.statusMenu', () => statusMenu(deps).then(() => true)),
  ];
}

async function statusMenu(deps: CommandDeps): Promise<void> {
  const active = deps.active.get();
  type Item = vscode.QuickPickItem & { run: () => unknown };
  const items: Item[] = [];
  for (const s of deps.manager.sessions()) {
    if (s.id !== active?.id) items.push({ label: `$(arrow-swap) ${vscode.l10n.t('Switch to {0}', s.label)}`, description: s.apiBaseUrl, run: () => deps.active.set(s.id) });
  }
  items.push({ label: `$(add) ${vscode.l10n.t('Sign in to another account')}`, run: () => vscode.commands.executeCommand('light.signIn') });
  items.push({ label: `$(key) ${vscode.l10n.t('Sign in with an API key')}`, run: () => vscode.commands.executeCommand('light.signInWithApiKey') });
  if (active) items.push({ label: `$(sign-out) ${vscode.l10n.t('Sign out of {0}', active.label)}`, run: () => deps.accounts.accounts().signOut(active.id, true) });
  items.push({ label: `$(output) ${vscode.l10n.t('Show log')}`, run: () => deps.log.show() });
  const pick = await vscode.window.showQuickPick(items, { title: active ? vscode.l10n.t('Light — {0}', active.label) : vscode.l10n.t('Light') });
  await pick?.run();
}
