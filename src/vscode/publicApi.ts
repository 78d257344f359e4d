import type * as vscode from 'vscode';
// The words come from @vscode/l10n (configured from VS Code's bundle in activate), not vscode.l10n: this adapter
// needs VS Code's types only, and its tests run in plain Node.
import * as l10n from '@vscode/l10n';
import { onFirstUse } from '../core/firstUse';
import type { SessionManager } from '../core/auth/sessionManager';
import type { StoredSession } from '../core/auth/tokenStore';
import { LightError, toLightError } from '../core/errors';
import { redact } from '../core/log';
import type { LightApi, LightApiError, LightClient as PublicClient, LightExports } from '../lightApi';

/** Light's API client, its own part of the bundle: loaded when another extension first asks for a client. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const lightClient = onFirstUse(() => require('../core/api/lightClient') as typeof import('../core/api/lightClient'));

/** What other extensions get from `activate()`: `getApi(1)`, whose client serves only a session the caller got
 *  from `vscode.authentication.getSession('light', …)` — where VS Code asks the user — and only while it is signed in. */

export interface PublicApiDeps {
  manager: SessionManager;
  /** Resolves when stored sessions are loaded. */
  ready: Promise<void>;
  /** True when this window's authentication provider handed out `session` (its id and that access token). */
  issued(session: Pick<vscode.AuthenticationSession, 'id' | 'accessToken'>): boolean;
}

export function createPublicApi(deps: PublicApiDeps): LightExports {
  const api: LightApi = {
    version: 1,
    client(session) {
      const s = session && typeof session.id === 'string' && typeof session.accessToken === 'string' ? deps.manager.get(session.id) : undefined;
      if (!s || s.kind !== 'oauth' || !deps.issued(session)) {
        throw apiError(
          new LightError('unauthorized', l10n.t('That is not a Light session from vscode.authentication.getSession("light", …) in this window. Ask VS Code for one, and pass it as it came.'), {
            status: 401,
            code: 'SESSION_NOT_ISSUED',
          }),
        );
      }
      return publicClient(deps, s);
    },
  };
  return {
    getApi(version) {
      if (version !== 1) throw apiError(new LightError('config', l10n.t('This version of Light for VS Code offers API version 1, not {0}.', JSON.stringify(version) ?? l10n.t('none')), { code: 'UNSUPPORTED_VERSION' }));
      return api;
    },
  };
}

function publicClient(deps: PublicApiDeps, s: StoredSession): PublicClient {
  const inner = new (lightClient().LightClient)(deps.manager, s.id);
  /** Every call first checks that the account is still signed in, and answers failures as LightApiErrors. */
  const run = async <R>(call: () => Promise<R>): Promise<R> => {
    await deps.ready;
    if (!deps.manager.get(s.id)) throw apiError(signedOutOf(s));
    try {
      return await call();
    } catch (e) {
      throw apiError(toLightError(e));
    }
  };
  return {
    account: { id: s.accountId, label: s.label },
    company: { ...s.company },
    apiBaseUrl: s.apiBaseUrl,
    get: (path, query, options) => run(() => inner.get(path, query, options)),
    list: (path, query, options) => run(() => inner.list(path, query, options)),
    all: (path, query, options) => guardedIterator(deps, s, () => inner.all(path, query, options)),
    post: (path, body, options) => run(() => inner.post(path, body, options)),
    put: (path, body, options) => run(() => inner.put(path, body, options)),
    patch: (path, body, options) => run(() => inner.patch(path, body, options)),
    delete: (path, options) => run(() => inner.delete(path, options)),
  };
}

function signedOutOf(s: StoredSession): LightError {
  return new LightError('unauthorized', l10n.t('You are signed out of Light ({0}). Sign in again and ask VS Code for a new session.', s.label));
}

async function* guardedIterator<T>(deps: PublicApiDeps, s: StoredSession, iterate: () => AsyncGenerator<T>): AsyncGenerator<T> {
  await deps.ready;
  try {
    for await (const record of iterate()) {
      if (!deps.manager.get(s.id)) throw signedOutOf(s);
      yield record;
    }
  } catch (e) {
    throw apiError(toLightError(e));
  }
}

/** The one error other extensions see: Light's status, type and messages, never a credential. */
function apiError(e: LightError): LightApiError {
  const err = new Error(redact(e.message)) as LightApiError;
  err.name = 'LightApiError';
  err.status = e.status;
  err.type = e.code;
  err.messages = (e.messages ?? []).map(redact);
  err.retryAfterSeconds = e.retryAfterSeconds;
  return err;
}
