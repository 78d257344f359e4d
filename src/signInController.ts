import * as vscode from 'vscode';
import { LightError } from './errors';
import { Emitter } from './events';
import type { Logger } from './log';
import type { SessionManager } from './auth/sessions';
import type { StoredSession, TokenStore } from './auth/tokenStore';
import { signInWithOAuth } from './auth/signIn/oauthSignIn';
import type { SignInFlow } from './auth/signIn/flow';
import { readConfig } from './config';
import { ensureOAuthClient } from './ui/clientSetup';

/** Runs one interactive sign-in at a time: configuration, the browser round trip with progress and Cancel,
 *  then hands the new session to the manager. */
export class SignInController {
  private running?: { promise: Promise<StoredSession>; abort: AbortController };
  private readonly changed = new Emitter<boolean>();
  /** Fires true when a sign-in starts and false when it ends. */
  readonly onDidChangeRunning = this.changed.event;

  constructor(
    private readonly manager: SessionManager,
    private readonly store: TokenStore,
    private readonly flow: SignInFlow,
    private readonly logger: Logger,
    private readonly onSignedIn: (session: StoredSession) => void,
  ) {}

  get isRunning(): boolean {
    return !!this.running;
  }

  signIn(): Promise<StoredSession> {
    if (this.running) return this.running.promise;
    const abort = new AbortController();
    const promise = this.run(abort).finally(() => {
      this.running = undefined;
      void vscode.commands.executeCommand('setContext', 'light.signingIn', false);
      this.changed.fire(false);
    });
    this.running = { promise, abort };
    void vscode.commands.executeCommand('setContext', 'light.signingIn', true);
    this.changed.fire(true);
    return promise;
  }

  cancel(): boolean {
    if (!this.running) return false;
    this.running.abort.abort();
    return true;
  }

  private async run(abort: AbortController): Promise<StoredSession> {
    const cfg = readConfig();
    const client = await ensureOAuthClient(cfg, this.store);
    this.logger.info(`Signing in to Light at ${cfg.env.apiBaseUrl} with client ${client.clientId} (${this.flow.label}).`);
    const session = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Signing in to Light', cancellable: true },
      async (progress, token) => {
        const sub = token.onCancellationRequested(() => abort.abort());
        try {
          progress.report({ message: 'approve the request in your browser…' });
          return await signInWithOAuth({
            env: cfg.env,
            client,
            flow: this.flow,
            signal: abort.signal,
            timeoutMs: cfg.signInTimeoutMs,
            openBrowser: async (url) => {
              this.logger.info(`Opening the browser at ${cfg.env.authorizeUrl}.`);
              if (!(await vscode.env.openExternal(vscode.Uri.parse(url)))) {
                throw new LightError('cancelled', 'VS Code did not open the browser for the Light sign-in.');
              }
            },
          });
        } finally {
          sub.dispose();
        }
      },
    );
    await this.manager.add(session);
    this.logger.info(`Signed in to Light as ${session.label}.`);
    this.onSignedIn(session);
    return session;
  }
}
