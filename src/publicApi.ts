import * as vscode from 'vscode';
import type { LightExtensionApi, LightSession } from './api';
import { authorizationHeader, LightClient, signedOut } from './api/lightClient';
import type { SessionManager } from './auth/sessions';
import type { StoredSession } from './auth/tokenStore';
import type { Logger } from './log';
import { showError } from './ui/commands';

export interface PublicApiDeps {
  manager: SessionManager;
  /** Resolves when stored sessions are loaded. */
  ready: Promise<void>;
  active(): StoredSession | undefined;
  signIn(): Promise<StoredSession>;
  logger: Logger;
  subscriptions: Array<{ dispose(): unknown }>;
}

/** What other extensions get from `activate()`: sessions with the right Authorization header, and the API client. */
export function createPublicApi(d: PublicApiDeps): LightExtensionApi {
  const changed = new vscode.EventEmitter<void>();
  d.subscriptions.push(changed, d.manager.onDidChangeSessions(() => changed.fire()));

  const pick = async (account?: string) => {
    await d.ready;
    if (!account) return d.active();
    return d.manager.sessions().find((s) => s.accountId === account || s.id === account);
  };
  const clientFor = async (account?: string) => {
    const s = await pick(account);
    if (!s) throw signedOut();
    return new LightClient(d.manager, s.id);
  };

  return {
    apiVersion: 1,
    async getSession(options = {}) {
      let s = await pick(options.account);
      if (!s && options.createIfNone) {
        try {
          s = await d.signIn();
        } catch (e) {
          showError(d.logger, e, 'Sign-in', { label: 'Try Again', command: 'light.signIn' });
          return undefined;
        }
      }
      const fresh = s && (await d.manager.freshOrKept(s.id));
      return fresh ? toPublic(fresh) : undefined;
    },
    onDidChangeSessions: changed.event,
    get: async (path, query, options) => (await clientFor(options?.account)).get(path, query),
    list: async (path, query, options) => (await clientFor(options?.account)).list(path, query),
  };
}

function toPublic(s: StoredSession): LightSession {
  return {
    id: s.id,
    kind: s.kind,
    account: { id: s.accountId, label: s.label },
    environment: s.environment,
    apiBaseUrl: s.apiBaseUrl,
    company: { ...s.company },
    accessToken: s.accessToken,
    authorization: authorizationHeader(s),
    expiresAt: s.expiresAt,
  };
}
