import { resolveEnvironment } from '../../src/core/auth/environment';
import { SessionManager } from '../../src/core/auth/sessionManager';
import { CallbackBroker } from '../../src/core/signIn/callbackBroker';
import { signInWithOAuth } from '../../src/core/signIn/oauthSignIn';
import { UriHandlerFlow } from '../../src/core/signIn/uriHandlerFlow';
import { refreshTokens } from '../../src/core/auth/tokenClient';
import { SecretStore, StoredSession, TokenStore } from '../../src/core/auth/tokenStore';
import { Clock, systemClock } from '../../src/core/clock';
import { Logger, silentLogger } from '../../src/core/log';
import type { Simulator } from '../simulator';
import { approveInBrowser } from './simulatorClient';
import { coordinatorFor } from './machine';

/** A real sign-in against the simulator, the browser played by node-fetch, the callback by the broker. */
export async function signInTo(sim: Simulator, company = 0, clock: Clock = systemClock): Promise<StoredSession> {
  const env = resolveEnvironment('custom', sim.url);
  const broker = new CallbackBroker(silentLogger);
  const flow = new UriHandlerFlow(broker, async (nonce) => ({ redirectUri: 'vscode://lightinc.light-vscode/auth-callback', state: nonce }));
  const c = sim.companies[company];
  return signInWithOAuth({
    env,
    client: { clientId: c.clientId, clientSecret: c.clientSecret },
    flow,
    signal: new AbortController().signal,
    timeoutMs: 5_000,
    clock,
    openBrowser: async (url) => {
      broker.deliver((await approveInBrowser(url)).searchParams);
    },
  });
}

export interface Window {
  manager: SessionManager;
  store: TokenStore;
}

export interface WindowOptions {
  /** The machine's shared folder; windows given the same one coordinate through it (default: a machine of its own). */
  machine?: string;
  /** Token request timeout (short, for fault tests). */
  timeoutMs?: number;
  logger?: Logger;
}

/** One VS Code window's session manager on a SecretStorage that windows share (`secrets.view()` is this window's
 *  handle on it), with a short token timeout for fault tests. */
export function openWindow(secrets: { view(): SecretStore }, id: string, clock: Clock, opts: WindowOptions = {}): Window {
  const logger = opts.logger ?? silentLogger;
  const store = new TokenStore(secrets.view(), logger);
  const manager = new SessionManager({
    store,
    clock,
    logger,
    coordinator: coordinatorFor(id, opts.machine, logger),
    requestTokens: (s, client, clock) =>
      refreshTokens(resolveEnvironment('custom', s.apiBaseUrl), client, s.refreshToken as string, { clock, timeoutMs: opts.timeoutMs ?? 2_000 }),
  });
  return { manager, store };
}
