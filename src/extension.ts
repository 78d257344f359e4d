import * as vscode from 'vscode';
import * as l10n from '@vscode/l10n';
import { randomUUID } from 'crypto';
import * as os from 'os';
import * as path from 'path';
import { SessionManager } from './core/auth/sessionManager';
import { TokenStore } from './core/auth/tokenStore';
import { systemClock } from './core/clock';
import { Logger, redactingLogger } from './core/log';
import type { LightExports } from './lightApi';
import { onFirstCall } from './core/auth/crossWindow';
import { AccountsShell } from './vscode/accountsShell';
import { ActiveAccount } from './vscode/activeAccount';
import { registerCommands } from './vscode/commands';
import { registerExplorerShell } from './vscode/explorer/explorerShell';
import { registerMcpServer } from './vscode/mcpServer';
import { registerNotifications } from './vscode/notifications';
import { LightAuthenticationProvider } from './vscode/provider';
import { createPublicApi } from './vscode/publicApi';
import { CALLBACK_PATH } from './vscode/redirects';
import { StatusBar } from './vscode/statusBar';
import { registerTerminalEnvironment } from './vscode/terminalEnvironment';
import { registerTestHooks, testHooksEnabled } from './vscode/testHooks';
import { registerTools } from './vscode/toolsShell';
import { registerWalkthrough } from './vscode/walkthrough';

export type { LightExports } from './lightApi';

declare const LIGHT_TEST_HOOKS: boolean | undefined;

/** Composition root: build the graph, register, return the public API. Nothing here touches the network. */
export function activate(context: vscode.ExtensionContext): LightExports {
  // The core's words (@vscode/l10n) come from the same bundle as the adapters' (vscode.l10n).
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
  const log = vscode.window.createOutputChannel('Light', { log: true });
  const logger = redactingLogger(log);
  const store = new TokenStore(context.secrets, logger);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const coordinator = onFirstCall(() => new (require('./node/windowCoordinator') as typeof import('./node/windowCoordinator')).FileWindowCoordinator(coordinationDir(context), { owner: randomUUID(), logger }));
  const manager = new SessionManager({ store, coordinator, clock: systemClock, logger });
  const active = new ActiveAccount(manager, context.globalState);
  const accounts = new AccountsShell({ manager, store, secrets: context.secrets, active, logger });
  const statusBar = new StatusBar(manager, () => active.get(), () => accounts.isRunning);
  const ready = manager.initialize();
  const provider = new LightAuthenticationProvider(manager, ready, () => accounts.accounts().signIn());
  const explorer = registerExplorerShell({ manager, active, logger });

  context.subscriptions.push(
    log,
    statusBar,
    provider,
    manager,
    store,
    active,
    vscode.authentication.registerAuthenticationProvider('light', 'Light', provider, { supportsMultipleAccounts: true }),
    vscode.window.registerUriHandler({ handleUri: (uri) => handleCallbackUri(uri, accounts, logger) }),
    accounts.onDidChangeRunning(() => statusBar.render()),
    active.onDidChange(() => statusBar.render()),
    vscode.window.onDidChangeWindowState((s) => s.focused && manager.checkAll()),
    ...registerNotifications(manager, log),
    ...accounts.register(),
    ...registerCommands({ manager, store, accounts, active, logger, log }),
    ...explorer.disposables,
    ...registerTools({ manager, active, logger }),
    ...registerMcpServer({ manager, store, active, logger }),
    ...registerTerminalEnvironment(context.environmentVariableCollection, manager, active),
    ...registerWalkthrough({ context, manager, store, ready, logger }),
  );
  // LIGHT_TEST_HOOKS is false in a release build (esbuild.js), which leaves the test hooks out of the bundle.
  if (typeof LIGHT_TEST_HOOKS !== 'undefined' && LIGHT_TEST_HOOKS && testHooksEnabled(context)) context.subscriptions.push(...registerTestHooks({ context, manager, statusBar, ready, active: () => active.get(), tree: () => explorer.explorer().tree }));
  return createPublicApi({ manager, ready, issued: (s) => provider.issued(s) });
}

/** The browser came back through VS Code: to the sign-in that waits for it, in this window or another. */
function handleCallbackUri(uri: vscode.Uri, accounts: AccountsShell, logger: Logger): void {
  if (uri.path !== CALLBACK_PATH) {
    logger.warn(`Ignored a link to an unknown path: ${uri.path}`);
    return;
  }
  void accounts.accounts().deliverCallback(uri.query);
}

/** Where the windows of this machine coordinate refreshes: the extension's global storage folder. */
function coordinationDir(context: vscode.ExtensionContext): string {
  const uri = context.globalStorageUri;
  return uri.scheme === 'file' ? path.join(uri.fsPath, 'windows') : path.join(os.tmpdir(), `${context.extension.id}-windows`);
}

export function deactivate(): void {}
