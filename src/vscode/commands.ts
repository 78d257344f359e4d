import * as vscode from 'vscode';
import type { Logger } from '../core/log';
import type { SessionManager } from '../core/auth/sessionManager';
import type { TokenStore } from '../core/auth/tokenStore';
import type { Accounts } from './accounts';
import type { ActiveAccount } from './activeAccount';
import { promptClientId, promptClientSecret } from './clientSetup';
import { readConfig } from './config';
import { showError } from './notifications';

/** The commands besides signing in and out (those are in accounts.ts): the client secret, the log, the status menu.
 *  What each hands back to its caller is only whether it was done; none takes a secret as an argument. */

export interface CommandDeps {
  manager: SessionManager;
  store: TokenStore;
  accounts: Accounts;
  active: ActiveAccount;
  logger: Logger;
  log: vscode.LogOutputChannel;
}

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('light.setClientSecret', () => setClientSecret(deps)),
    vscode.commands.registerCommand('light.showLog', () => deps.log.show()),
    vscode.commands.registerCommand('light.statusMenu', () => statusMenu(deps).then(() => true)),
  ];
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
  if (active) items.push({ label: `$(sign-out) Sign out of ${active.label}`, run: () => deps.accounts.signOut(active.id, true) });
  items.push({ label: '$(output) Show log', run: () => deps.log.show() });
  const pick = await vscode.window.showQuickPick(items, { title: active ? `Light — ${active.label}` : 'Light' });
  await pick?.run();
}
