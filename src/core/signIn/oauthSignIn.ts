import * as l10n from '@vscode/l10n';
import { fetchCurrentCompany } from '../api/lightClient';
import { Clock, systemClock } from '../clock';
import { registerSecret } from '../log';
import type { Environment } from '../auth/environment';
import { challengeS256, createVerifier } from '../auth/pkce';
import { exchangeCode, OAuthClient } from '../auth/tokenClient';
import type { StoredSession } from '../auth/tokenStore';
import type { SignInFlow } from './signInFlow';

export interface OAuthSignInOptions {
  env: Environment;
  client: OAuthClient;
  flow: SignInFlow;
  openBrowser(url: string): Promise<void>;
  signal: AbortSignal;
  timeoutMs: number;
  clock?: Clock;
}

/** Authorization code + PKCE: the flow brings a code back, we exchange it, and ask Light who it is. */
export async function signInWithOAuth(request: OAuthSignInOptions): Promise<StoredSession> {
  const clock = request.clock ?? systemClock;
  const codeVerifier = createVerifier();
  registerSecret(codeVerifier);
  const result = await request.flow.run({
    env: request.env,
    clientId: request.client.clientId,
    codeChallenge: challengeS256(codeVerifier),
    openBrowser: request.openBrowser,
    signal: request.signal,
    timeoutMs: request.timeoutMs,
  });
  registerSecret(result.code);
  const tokens = await exchangeCode(request.env, request.client, { code: result.code, redirectUri: result.redirectUri, codeVerifier }, { clock });
  // The token client registers them too, in its own part of the bundle: here they reach this part's registry.
  registerSecret(tokens.accessToken);
  registerSecret(tokens.refreshToken);
  const company = await fetchCurrentCompany(request.env.apiBaseUrl, `Bearer ${tokens.accessToken}`);
  return newSession(request.env, 'oauth', company, {
    clientId: request.client.clientId,
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    expiresAt: tokens.expiresAt,
    createdAt: clock.now(),
  });
}

export function newSession(
  env: Environment,
  kind: StoredSession['kind'],
  company: { id: string; name: string },
  creds: Pick<StoredSession, 'accessToken' | 'refreshToken' | 'expiresAt' | 'clientId' | 'createdAt'>,
): StoredSession {
  const account = `${env.key}/${company.id}`;
  // The label is stored with the session, in the language of the sign-in.
  const named = env.name === 'production' ? company.name : env.name === 'sandbox' ? l10n.t('{0} (sandbox)', company.name) : `${company.name} (${new URL(env.apiBaseUrl).host})`;
  return {
    v: 1,
    id: `${kind}:${account}`,
    kind,
    accountId: accountIdOf(kind, account),
    label: kind === 'apiKey' ? l10n.t('{0} · API key', named) : named,
    environment: env.name,
    apiBaseUrl: env.apiBaseUrl,
    company: { id: company.id, name: company.name },
    ...creds,
  };
}

/** An account id per session kind: an OAuth sign-in and an API key of the same company are two accounts. */
export function accountIdOf(kind: StoredSession['kind'], account: string): string {
  return kind === 'apiKey' ? `${account}#api-key` : account;
}
