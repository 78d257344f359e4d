import * as vscode from 'vscode';
import { LightError } from '../core/errors';
import { Emitter } from '../core/events';
import type { Logger } from '../core/log';
import type { SessionManager } from '../core/auth/sessionManager';
import type { StoredSession, TokenStore } from '../core/auth/tokenStore';
import { signInWithOAuth } from '../core/signIn/oauthSignIn';
import type { SignInFlow } from '../core/signIn/signInFlow';
import { nextFlow, selectFlows } from '../core/signIn/flowOrder';
import { hostKind, LightConfig, readConfig } from './config';
import { ask } from './ask';
import { ensureOAuthClient } from './clientSetup';
import { signInWithApiKey } from '../core/signIn/apiKeySignIn';

/** Failures after which another way in may work: the browser never came back, or came back wrong. */
const WORTH_ANOTHER_WAY = new Set<LightError['kind']>(['timeout', 'cancelled', 'callback']);

/** Every interactive sign-in, OAuth and API key: one OAuth sign-in at a time (configuration, the chosen way with
 *  progress and Cancel), and what is signed in goes to the manager and becomes the active account. After a
 *  failure it remembers which way to offer next. */
export class SignInController {
  private running?: { promise: Promise<StoredSession>; abort: AbortController };
  private readonly changed = new Emitter<boolean>();
  /** Fires true when a sign-in starts and false when it ends. */
  readonly onDidChangeRunning = this.changed.event;
  /** The way to offer after the last failure ("Having trouble signing in? Try another way"). */
  offer?: SignInFlow;

  constructor(
    private readonly manager: SessionManager,
    private readonly store: TokenStore,
    private readonly flows: (cfg: LightConfig) => SignInFlow[],
    private readonly logger: Logger,
    private readonly onSignedIn: (session: StoredSession) => void,
  ) {}

  get isRunning(): boolean {
    return !!this.running;
  }

  /** The flows that work in this window, best first (all of them, whatever `light.oauth.flow` pins). */
  available(): SignInFlow[] {
    return selectFlows(this.flows(readConfig()), hostKind(), 'auto');
  }

  signIn(flowId?: string): Promise<StoredSession> {
    if (this.running) return this.running.promise;
    const abort = new AbortController();
    const promise = this.run(abort, flowId).finally(() => {
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

  private async run(abort: AbortController, flowId?: string): Promise<StoredSession> {
    const cfg = readConfig();
    const all = selectFlows(this.flows(cfg), hostKind(), 'auto');
    const flow = flowId ? all.find((f) => f.id === flowId) : selectFlows(all, hostKind(), cfg.flow)[0];
    if (!flow) throw new LightError('config', `There is no sign-in way "${flowId}" in this window. Use one of: ${all.map((f) => f.id).join(', ')}.`);
    this.offer = undefined;
    const client = await ensureOAuthClient(cfg, this.store);
    this.logger.info(`Signing in to Light at ${cfg.env.apiBaseUrl} with client ${client.clientId} (${flow.label}).`);
    let session: StoredSession;
    try {
      session = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Signing in to Light', cancellable: true },
        async (progress, token) => {
          const sub = token.onCancellationRequested(() => abort.abort());
          try {
            progress.report({ message: 'approve the request in your browser…' });
            return await signInWithOAuth({
              env: cfg.env,
              client,
              flow,
              signal: abort.signal,
              timeoutMs: cfg.signInTimeoutMs,
              openBrowser: (url) => this.openBrowser(url, cfg),
            });
          } finally {
            sub.dispose();
          }
        },
      );
    } catch (e) {
      const next = e instanceof LightError && WORTH_ANOTHER_WAY.has(e.kind) && e.code !== 'access_denied' ? nextFlow(all, flow) : undefined;
      if (next) {
        this.offer = next;
        this.logger.info(`Having trouble signing in? Offering another way: ${next.label}.`);
      }
      throw e;
    }
    const added = await this.manager.add(session);
    this.logger.info(`Signed in to Light as ${added.label}.`);
    this.onSignedIn(added);
    return added;
  }

  /** An API key the user pastes, checked with Light before anything is stored; undefined when dismissed.
   *  Always asks: a key handed over by another extension is never used. */
  async signInWithApiKey(): Promise<StoredSession | undefined> {
    const env = readConfig().env;
    const input = await ask({
      title: `Sign in to Light with an API key (${env.apiBaseUrl})`,
      prompt: 'Paste an API key from Light (Settings > API Keys). It is checked with Light, then kept in VS Code secret storage.',
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() ? undefined : 'Paste the API key.'),
    });
    if (!input) return undefined;
    const added = await this.manager.add(await signInWithApiKey(env, input));
    this.logger.info(`Signed in to Light with an API key as ${added.label}.`);
    this.onSignedIn(added);
    return added;
  }

  private async openBrowser(url: string, cfg: LightConfig): Promise<void> {
    this.logger.info(`Opening the browser at ${cfg.env.authorizeUrl}.`);
    if (!(await vscode.env.openExternal(vscode.Uri.parse(url)))) {
      throw new LightError('callback', 'VS Code could not open the browser for the Light sign-in.');
    }
  }
}
