import * as vscode from 'vscode';
import { randomUUID } from 'crypto';
import * as os from 'os';
import * as path from 'path';
import { SessionManager } from './core/auth/sessionManager';
import { TokenStore } from './core/auth/tokenStore';
import { systemClock } from './core/clock';
import { Logger, redactingLogger } from './core/log';
import { CallbackBroker } from './core/signIn/callbackBroker';
import { CallbackHandoff } from './core/signIn/callbackHandoff';
import type { LightExports } from './lightApi';
import { FileWindowCoordinator } from './node/windowCoordinator';
import { Accounts } from './vscode/accounts';
import { ActiveAccount } from './vscode/activeAccount';
import { registerCommands } from './vscode/commands';
import { registerExplorer } from './vscode/explorer/explorer';
import { registerMcpServer } from './vscode/mcpServer';
import { readConfig } from './vscode/config';
import { registerNotifications } from './vscode/notifications';
import { LightAuthenticationProvider } from './vscode/provider';
import { createPublicApi } from './vscode/publicApi';
import { CALLBACK_PATH, signInFlows } from './vscode/redirects';
import { StatusBar } from './vscode/statusBar';
import { registerTerminalEnvironment } from './vscode/terminalEnvironment';
import { registerTestHooks, testHooksEnabled } from './vscode/testHooks';
import { registerTools } from './vscode/tools';

export type { LightExports } from './lightApi';

/** Composition root: build the graph, register, return the public API. Nothing here touches the network. */
export function activate(context: vscode.ExtensionContext): LightExports {
  const log = vscode.window.createOutputChannel('Light', { log: true });
  const logger = redactingLogger(log);
  const store = new TokenStore(context.secrets, logger);
  const coordinator = new FileWindowCoordinator(coordinationDir(context), { owner: randomUUID(), logger });
  const manager = new SessionManager({ store, coordinator, clock: systemClock, logger });
  const broker = new CallbackBroker(logger);
  // A vscode:// link opens in the last active window: one that did not start the sign-in hands it to the one that did.
  const handoff = new CallbackHandoff({ secrets: context.secrets, broker, logger, signInTimeoutMs: () => readConfig().signInTimeoutMs });
  const active = new ActiveAccount(manager, context.globalState);
  const accounts = new Accounts({ manager, store, flows: signInFlows(broker, logger), active, logger });
  const statusBar = new StatusBar(manager, () => active.get(), () => accounts.isRunning);
  const ready = manager.initialize();
  const provider = new LightAuthenticationProvider(manager, ready, () => accounts.signIn());
  const explorer = registerExplorer({ manager, active, logger });

  context.subscriptions.push(
    log,
    statusBar,
    provider,
    manager,
    store,
    handoff,
    active,
    vscode.authentication.registerAuthenticationProvider('light', 'Light', provider, { supportsMultipleAccounts: true }),
    vscode.window.registerUriHandler({ handleUri: (uri) => handleCallbackUri(uri, handoff, logger) }),
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
  );
  if (testHooksEnabled(context)) context.subscriptions.push(...registerTestHooks({ context, manager, statusBar, ready, active: () => active.get(), tree: explorer.tree }));
  return createPublicApi({ manager, ready, issued: (s) => provider.issued(s) });
}

/** The browser came back through VS Code: to the sign-in that waits for it, in this window or another. */
function handleCallbackUri(uri: vscode.Uri, handoff: CallbackHandoff, logger: Logger): void {
  if (uri.path !== CALLBACK_PATH) {
    logger.warn(`Ignored a link to an unknown path: ${uri.path}`);
    return;
  }
  void handoff.deliver(uri.query).then((d) => {
    if (d !== 'accepted' && d !== 'handedOver') {
      void vscode.window.showWarningMessage('Ignored a Light sign-in link that no window started (it may be old or forged).');
    }
  });
}

/** Where the windows of this machine coordinate refreshes: the extension's global storage folder. */
function coordinationDir(context: vscode.ExtensionContext): string {
  const uri = context.globalStorageUri;
  return uri.scheme === 'file' ? path.join(uri.fsPath, 'windows') : path.join(os.tmpdir(), `${context.extension.id}-windows`);
}

export function deactivate(): void {}
