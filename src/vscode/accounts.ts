import * as vscode from 'vscode';
import { LightError } from '../core/errors';
import { Emitter } from '../core/events';
import type { Logger } from '../core/log';
import type { SessionManager } from '../core/auth/sessionManager';
import type { StoredSession, TokenStore } from '../core/auth/tokenStore';
import { signInWithApiKey } from '../core/signIn/apiKeySignIn';
import { signInWithOAuth } from '../core/signIn/oauthSignIn';
import type { SignInFlow } from '../core/signIn/signInFlow';
import { nextFlow, selectFlows } from '../core/signIn/flowOrder';
import type { ActiveAccount } from './activeAccount';
import { ask, confirm } from './ask';
import { ensureOAuthClient, promptClientId, promptClientSecret } from './clientSetup';
import { hostKind, LightConfig, readConfig } from './config';
import { showError } from './notifications';
import { signInFlows } from './redirects';
import { CallbackBroker } from '../core/signIn/callbackBroker';
import { CallbackHandoff } from '../core/signIn/callbackHandoff';

/** Failures after which another way in may work: the browser never came back, or came back wrong. */
const WORTH_ANOTHER_WAY = new Set<LightError['kind']>(['timeout', 'cancelled', 'callback']);

export interface AccountsDeps {
  manager: SessionManager;
  store: TokenStore;
  /** Every sign-in way this VS Code offers, for the configuration in force. */
  flows: (cfg: LightConfig) => SignInFlow[];
  active: ActiveAccount;
  logger: Logger;
  /** Where the browser's callbacks come in, in this window or handed over from another. */
  handoff: CallbackHandoff;
}

/** Signing in and out, and what the commands do. One OAuth sign-in at a time (configuration, the chosen way with
 *  progress and Cancel); API keys checked with Light before they are stored; what is signed in goes to the manager
 *  and becomes the active account; after a failure it remembers which way to offer next. A part of the bundle of
 *  its own: accountsShell.ts registers the commands and loads it when one runs or another extension asks to sign
 *  in. The commands hand back only whether they were done, never a credential or Light data, and take no secret. */
export class Accounts {
  private running?: { promise: Promise<StoredSession>; abort: AbortController };
  private readonly changed = new Emitter<boolean>();
  /** Fires true when a sign-in starts and false when it ends. */
  readonly onDidChangeRunning = this.changed.event;
  /** The way to offer after the last failure ("Having trouble signing in? Try another way"). */
  offer?: SignInFlow;

  constructor(private readonly deps: AccountsDeps) {}

  dispose(): void {
    this.changed.dispose();
    this.deps.handoff.dispose();
  }

  /** The browser came back through VS Code: to the sign-in that waits for it, in this window or another. */
  async deliverCallback(query: string): Promise<void> {
    const delivery = await this.deps.handoff.deliver(query);
    if (delivery !== 'accepted' && delivery !== 'handedOver') {
      void vscode.window.showWarningMessage(vscode.l10n.t('Ignored a Light sign-in link that no window started (it may be old or forged).'));
    }
  }

  get isRunning(): boolean {
    return !!this.running;
  }

  /** The flows that work in this window, best first (all of them, whatever `light.oauth.flow` pins). */
  available(): SignInFlow[] {
    return selectFlows(this.deps.flows(readConfig()), hostKind(), 'auto');
  }

  /** The OAuth sign-in (a second call joins the one running); rejects with a LightError. */
  signIn(flowId?: string): Promise<StoredSession> {
    if (this.running) return this.running.promise;
    const abort = new AbortController();
    const promise = this.runSignIn(abort, flowId).finally(() => {
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

  /** `confirmed`: the user chose this account in this extension's own menu. Otherwise (the palette, or another
   *  extension running the command) the user is asked first, unless they just picked the account here. */
  async signOut(which?: string, confirmed = false): Promise<StoredSession | undefined> {
    const sessions = this.deps.manager.sessions();
    let target = which ? sessions.find((s) => s.id === which || s.accountId === which) : sessions.length === 1 ? sessions[0] : undefined;
    if (!target && !which && sessions.length > 1) {
      const pick = await vscode.window.showQuickPick(
        sessions.map((s) => ({ label: s.label, description: s.apiBaseUrl, session: s })),
        { title: vscode.l10n.t('Sign out of which Light account?') },
      );
      target = pick?.session;
      confirmed = !!target;
    }
    if (!target) {
      if (!sessions.length) void vscode.window.showInformationMessage(vscode.l10n.t('You are not signed in to Light.'));
      return undefined;
    }
    const button = vscode.l10n.t('Sign Out');
    if (!confirmed && (await confirm(vscode.l10n.t('Sign out of Light: {0}?', target.label), button)) !== button) return undefined;
    await this.deps.manager.remove(target.id);
    this.deps.logger.info(`Signed out of ${target.label}.`);
    void vscode.window.showInformationMessage(vscode.l10n.t('Signed out of Light: {0}.', target.label));
    return target;
  }

  /** `light.signIn`: the sign-in, then what happened, in a notification. */
  async signInCommand(flowId?: string): Promise<StoredSession | undefined> {
    try {
      const s = await this.signIn(flowId);
      void vscode.window.showInformationMessage(vscode.l10n.t('Signed in to Light as {0}.', s.label));
      return s;
    } catch (e) {
      const offer = this.offer;
      showError(
        this.deps.logger,
        e,
        'Sign-in',
        offer ? { label: vscode.l10n.t('Having trouble? Try: {0}', offer.label), command: 'light.signInAnotherWay' } : { label: vscode.l10n.t('Try Again'), command: 'light.signIn' },
      );
      return undefined;
    }
  }

  /** `light.setClientSecret`. Always asks: a secret passed as an argument by another extension is never used. */
  async setClientSecretCommand(): Promise<boolean> {
    try {
      const clientId = readConfig().clientId || (await promptClientId());
      if (!clientId || !(await promptClientSecret(clientId, this.deps.store))) return false;
      this.deps.logger.info(`Stored the OAuth client secret for client ${clientId}.`);
      return true;
    } catch (e) {
      showError(this.deps.logger, e, 'Saving the client secret');
      return false;
    }
  }

  /** The way offered after the last failure, a way named by id, or a pick among the ways that work here. */
  async signInAnotherWay(flowId?: string): Promise<StoredSession | undefined> {
    let id = flowId ?? this.offer?.id;
    if (!id) {
      const pick = await vscode.window.showQuickPick(
        this.available().map((f) => ({ label: f.label, id: f.id })),
        { title: vscode.l10n.t('Sign in to Light another way') },
      );
      id = pick?.id;
    }
    return id ? this.signInCommand(id) : undefined;
  }

  private async runSignIn(abort: AbortController, flowId?: string): Promise<StoredSession> {
    const cfg = readConfig();
    const all = selectFlows(this.deps.flows(cfg), hostKind(), 'auto');
    const flow = flowId ? all.find((f) => f.id === flowId) : selectFlows(all, hostKind(), cfg.flow)[0];
    if (!flow) throw new LightError('config', vscode.l10n.t('There is no sign-in way "{0}" in this window. Use one of: {1}.', String(flowId), all.map((f) => f.id).join(', ')));
    this.offer = undefined;
    const client = await ensureOAuthClient(cfg, this.deps.store);
    this.deps.logger.info(`Signing in to Light at ${cfg.env.apiBaseUrl} with client ${client.clientId} (${flow.label}).`);
    let session: StoredSession;
    try {
      session = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Signing in to Light'), cancellable: true },
        async (progress, token) => {
          const sub = token.onCancellationRequested(() => abort.abort());
          try {
            progress.report({ message: vscode.l10n.t('approve the request in your browser…') });
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
        this.deps.logger.info(`Having trouble signing in? Offering another way: ${next.label}.`);
      }
      throw e;
    }
    return this.keep(session, 'Signed in to Light as');
  }

  /** An API key the user pastes, checked with Light before anything is stored; undefined when dismissed.
   *  Always asks: a key handed over by another extension is never used. */
  async signInWithApiKeyCommand(): Promise<StoredSession | undefined> {
    try {
      const env = readConfig().env;
      const input = await ask({
        title: vscode.l10n.t('Sign in to Light with an API key ({0})', env.apiBaseUrl),
        prompt: vscode.l10n.t('Paste an API key from Light (Settings > API Keys). It is checked with Light, then kept in VS Code secret storage.'),
        password: true,
        ignoreFocusOut: true,
        validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Paste the API key.')),
      });
      if (!input) return undefined;
      const s = await this.keep(await signInWithApiKey(env, input), 'Signed in to Light with an API key as');
      void vscode.window.showInformationMessage(vscode.l10n.t('Signed in to Light with an API key as {0}.', s.label));
      return s;
    } catch (e) {
      showError(this.deps.logger, e, 'API key sign-in', { label: vscode.l10n.t('Try Again'), command: 'light.signInWithApiKey' });
      return undefined;
    }
  }

  /** What a sign-in brought: stored by the manager, and the active account from now on. */
  private async keep(session: StoredSession, said: string): Promise<StoredSession> {
    const added = await this.deps.manager.add(session);
    this.deps.logger.info(`${said} ${added.label}.`);
    void this.deps.active.set(added.id);
    return added;
  }

  private async openBrowser(url: string, cfg: LightConfig): Promise<void> {
    this.deps.logger.info(`Opening the browser at ${cfg.env.authorizeUrl}.`);
    if (!(await vscode.env.openExternal(vscode.Uri.parse(url)))) {
      throw new LightError('callback', vscode.l10n.t('VS Code could not open the browser for the Light sign-in.'));
    }
  }
}

export type AccountsShellDeps = Omit<AccountsDeps, 'flows' | 'handoff'> & { secrets: vscode.SecretStorage };

export { linkPart } from './partLink';

/** The accounts of this window, with every sign-in way this VS Code offers and the hand-off of callbacks between
 *  windows (a `vscode://` link opens in the last active window): what accountsShell.ts loads. */
export function createAccounts(deps: AccountsShellDeps): Accounts {
  const broker = new CallbackBroker(deps.logger);
  const handoff = new CallbackHandoff({ secrets: deps.secrets, broker, logger: deps.logger, signInTimeoutMs: () => readConfig().signInTimeoutMs });
  return new Accounts({ ...deps, flows: signInFlows(broker, deps.logger), handoff });
}
