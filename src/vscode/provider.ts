import * as vscode from 'vscode';
import type { SessionManager } from '../core/auth/sessionManager';
import type { StoredSession } from '../core/auth/tokenStore';

/** VS Code's AuthenticationProvider over the session manager: a thin adapter. Light has no scopes, so every
 *  session serves any requested scopes (a session that never matches would leave the Accounts badge stuck). */
export class LightAuthenticationProvider implements vscode.AuthenticationProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  readonly onDidChangeSessions = this.emitter.event;
  private readonly subscription: { dispose(): void };
  /** The access tokens handed out per session, newest last: what proves a caller got its session from VS Code. */
  private readonly handedOut = new Map<string, string[]>();

  constructor(
    private readonly manager: SessionManager,
    private readonly ready: Promise<void>,
    private readonly signIn: () => Promise<StoredSession>,
  ) {
    this.subscription = manager.onDidChangeSessions((e) => {
      const pick = (list: StoredSession[]) => list.filter(offered).map((s) => toAuthSession(s, []));
      this.emitter.fire({ added: pick(e.added), removed: pick(e.removed), changed: pick(e.changed) });
    });
  }

  async getSessions(scopes: readonly string[] | undefined, options?: vscode.AuthenticationProviderSessionOptions): Promise<vscode.AuthenticationSession[]> {
    await this.ready;
    const wanted = this.manager.sessions().filter((s) => offered(s) && (!options?.account || options.account.id === s.accountId));
    const fresh = await Promise.all(wanted.map((s) => this.manager.freshOrKept(s.id)));
    return fresh.filter((s): s is StoredSession => !!s).map((s) => this.handOut(s, scopes ?? []));
  }

  async createSession(scopes: readonly string[]): Promise<vscode.AuthenticationSession> {
    return this.handOut(await this.signIn(), scopes);
  }

  /** True when this provider handed out `session`: its id, with one of the last access tokens given for it. */
  issued(session: Pick<vscode.AuthenticationSession, 'id' | 'accessToken'>): boolean {
    return this.handedOut.get(session.id)?.includes(session.accessToken) ?? false;
  }

  async removeSession(sessionId: string): Promise<void> {
    await this.manager.remove(sessionId);
  }

  private handOut(s: StoredSession, scopes: readonly string[]): vscode.AuthenticationSession {
    const tokens = this.handedOut.get(s.id) ?? [];
    if (tokens[tokens.length - 1] !== s.accessToken) this.handedOut.set(s.id, [...tokens, s.accessToken].slice(-KEEP_HANDED_OUT));
    return toAuthSession(s, scopes);
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}

const KEEP_HANDED_OUT = 20;

/** API-key sessions are not offered to other extensions at all: a key never expires and cannot be refreshed or
 *  revoked from here, so it stays inside this extension (its own commands use it). */
function offered(s: StoredSession): boolean {
  return s.kind === 'oauth';
}

function toAuthSession(s: StoredSession, scopes: readonly string[]): vscode.AuthenticationSession {
  return { id: s.id, accessToken: s.accessToken, account: { id: s.accountId, label: s.label }, scopes };
}
