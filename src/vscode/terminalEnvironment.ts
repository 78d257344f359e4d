import * as vscode from 'vscode';
import type { SessionManager } from '../core/auth/sessionManager';
import type { ActiveAccount } from './activeAccount';

/** With `light.terminal.environment` on, new integrated terminals get `LIGHT_API_URL` and `LIGHT_ACCESS_TOKEN` for
 *  the active OAuth account (and `LIGHT_API_KEY` for an API-key account, only with `light.terminal.includeApiKeys`).
 *  Renewed after each refresh, removed on sign-out, never written to disk (not persistent). */
export function registerTerminalEnvironment(collection: vscode.GlobalEnvironmentVariableCollection, manager: SessionManager, active: ActiveAccount): vscode.Disposable[] {
  collection.persistent = false;
  const update = () => {
    const c = vscode.workspace.getConfiguration('light.terminal');
    const session = active.get();
    collection.clear();
    collection.description = undefined;
    if (!c.get<boolean>('environment') || !session || (session.kind === 'apiKey' && !c.get<boolean>('includeApiKeys'))) return;
    const credential = session.kind === 'apiKey' ? 'LIGHT_API_KEY' : 'LIGHT_ACCESS_TOKEN';
    collection.replace('LIGHT_API_URL', session.apiBaseUrl);
    collection.replace(credential, session.accessToken);
    collection.description = new vscode.MarkdownString().appendText(
      session.kind === 'oauth'
        ? vscode.l10n.t('Light: {0} and {1} for {2}, renewed after each refresh (a terminal opened earlier keeps the token it started with).', 'LIGHT_API_URL', credential, session.label)
        : vscode.l10n.t('Light: {0} and {1} for {2}.', 'LIGHT_API_URL', credential, session.label),
    );
  };
  update();
  return [
    manager.onDidChangeSessions(update),
    active.onDidChange(update),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('light.terminal') && update()),
    { dispose: () => collection.clear() },
  ];
}
