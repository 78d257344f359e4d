import * as vscode from 'vscode';
import type { SessionManager } from './sessions';
import type { StoredSession } from './tokenStore';

/** VS Code's AuthenticationProvider over the session manager: a thin adapter. Light has no scopes, so every
 *  session serves any requested scopes (a session that never matches would leave the Accounts badge stuck). */
export class LightAuthenticationProvider implements vscode.AuthenticationProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  readonly onDidChangeSessions = this.emitter.event;
  private readonly subscription: { dispose(): void };

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
    return fresh.filter((s): s is StoredSession => !!s).map((s) => toAuthSession(s, scopes ?? []));
  }

  async createSession(scopes: readonly string[]): Promise<vscode.AuthenticationSession> {
    return toAuthSession(await this.signIn(), scopes);
  }

  async removeSession(sessionId: string): Promise<void> {
    await this.manager.remove(sessionId);
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}

/** API-key sessions are not offered through vscode.authentication: other extensions would send them as
 *  `Bearer`, and Light wants `Basic <key>`. They reach other extensions through our typed API instead. */
function offered(s: StoredSession): boolean {
  return s.kind === 'oauth';
}

function toAuthSession(s: StoredSession, scopes: readonly string[]): vscode.AuthenticationSession {
  return { id: s.id, accessToken: s.accessToken, account: { id: s.accountId, label: s.label }, scopes };
}
