import * as vscode from 'vscode';
import { randomUUID } from 'crypto';
import * as os from 'os';
import * as path from 'path';
import { LightAuthenticationProvider } from './vscode/provider';
import { SessionManager } from './core/auth/sessionManager';
import { CallbackBroker } from './core/signIn/callbackBroker';
import { CallbackHandoff } from './core/signIn/callbackHandoff';
import { LoopbackFlow } from './node/loopbackFlow';
import { PasteFlow } from './core/signIn/pasteFlow';
import { relayState, UriCallbackResolver, UriHandlerFlow } from './core/signIn/uriHandlerFlow';
import { StoredSession, TokenStore } from './core/auth/tokenStore';
import { FileWindowCoordinator } from './node/windowCoordinator';
import { callbackUri, CALLBACK_PATH, hostKind, LightConfig, readConfig } from './vscode/config';
import { systemClock } from './core/events';
import { redact, redactingLogger } from './core/log';
import { SignInController } from './vscode/signInController';
import { createPublicApi } from './vscode/publicApi';
import type { LightExports } from './lightApi';
import { registerTestHooks, testHooksEnabled } from './vscode/testHooks';
import { registerCommands } from './vscode/commands';
import { pastePrompt } from './vscode/pastePrompt';
import { StatusBar } from './vscode/statusBar';

export type { LightExports } from './lightApi';

const ACTIVE_KEY = 'light.activeSession';

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

  const active = (): StoredSession | undefined => {
    const all = manager.sessions();
    return all.find((s) => s.id === context.globalState.get<string>(ACTIVE_KEY)) ?? all[0];
  };
  const setActive = async (id: string) => {
    await context.globalState.update(ACTIVE_KEY, id);
    statusBar.render();
  };

  const uriTarget: UriCallbackResolver = async (nonce) => {
    if (hostKind() === 'desktop') return { redirectUri: callbackUri().toString(true), state: nonce };
    const external = await vscode.env.asExternalUri(callbackUri().with({ query: `nonce=${nonce}` }));
    return { redirectUri: readConfig().relayUrl, state: relayState(external.toString(true)) };
  };
  const flows = (cfg: LightConfig) => [
    new UriHandlerFlow(broker, uriTarget),
    new LoopbackFlow({
      broker,
      port: cfg.loopbackPort,
      logger,
      externalize: async (url) => (await vscode.env.asExternalUri(vscode.Uri.parse(url))).toString(true),
    }),
    new PasteFlow({ broker, resolveTarget: uriTarget, prompt: pastePrompt }),
  ];
  const signIn = new SignInController(manager, store, flows, logger, (s) => void setActive(s.id));
  const statusBar = new StatusBar(manager, active, () => signIn.isRunning);
  const ready = manager.initialize();
  const provider = new LightAuthenticationProvider(manager, ready, () => signIn.signIn());

  let storageWarned = false;
  context.subscriptions.push(
    log,
    statusBar,
    provider,
    manager,
    store,
    handoff,
    vscode.authentication.registerAuthenticationProvider('light', 'Light', provider, { supportsMultipleAccounts: true }),
    vscode.window.registerUriHandler({
      handleUri(uri) {
        if (uri.path !== CALLBACK_PATH) {
          logger.warn(`Ignored a link to an unknown path: ${uri.path}`);
          return;
        }
        void handoff.deliver(uri.query).then((d) => {
          if (d !== 'accepted' && d !== 'handedOver') {
            void vscode.window.showWarningMessage('Ignored a Light sign-in link that no window started (it may be old or forged).');
          }
        });
      },
    }),
    signIn.onDidChangeRunning(() => statusBar.render()),
    manager.onDidEndSession(({ session }) => void sessionEnded(session)),
    manager.onDidNeedAttention(({ session, error }) => void needsAttention(session, error.message)),
    manager.onStorageError((e) => {
      if (storageWarned) return;
      storageWarned = true;
      void vscode.window.showErrorMessage(redact(e.message), 'Show Log').then((c) => c && log.show());
    }),
    vscode.window.onDidChangeWindowState((s) => s.focused && manager.checkAll()),
    ...registerCommands({ manager, store, signIn, logger, log, active, setActive }),
  );
  if (testHooksEnabled(context)) context.subscriptions.push(...registerTestHooks({ context, manager, statusBar, ready, active }));

  async function sessionEnded(session: StoredSession) {
    const again = 'Sign in again';
    const choice = await vscode.window.showWarningMessage(redact(`Your Light session for ${session.label} ended. Sign in again to keep using Light.`), again);
    if (choice === again) void vscode.commands.executeCommand('light.signIn');
  }

  async function needsAttention(session: StoredSession, message: string) {
    const secret = 'Set OAuth Client Secret';
    const again = 'Sign in again';
    const choice = await vscode.window.showErrorMessage(redact(`Light stopped refreshing ${session.label}: ${message}`), secret, again);
    if (choice === secret) void vscode.commands.executeCommand('light.setClientSecret');
    else if (choice === again) void vscode.commands.executeCommand('light.signIn');
  }

  return createPublicApi({ manager, ready, issued: (s) => provider.issued(s) });
}

/** Where the windows of this machine coordinate refreshes: the extension's global storage folder. */
function coordinationDir(context: vscode.ExtensionContext): string {
  const uri = context.globalStorageUri;
  return uri.scheme === 'file' ? path.join(uri.fsPath, 'windows') : path.join(os.tmpdir(), `${context.extension.id}-windows`);
}

export function deactivate(): void {}
