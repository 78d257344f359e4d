import * as l10n from '@vscode/l10n';
import { Clock, systemClock } from '../clock';
import { LightError } from '../errors';
import { httpRequest } from '../http';
import { registerSecret } from '../log';
import type { Environment } from './environment';
import { MAX_TOKEN_LIFETIME_MS } from './refreshPolicy';

/** POST /oauth/token: the only place tokens are born. */

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
}

export interface TokenSet {
  accessToken: string;
  /** Absent when Light's answer carried none (then the old one is kept). */
  refreshToken?: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

export interface TokenRequestOptions {
  clock?: Clock;
  timeoutMs?: number;
}

export async function exchangeCode(
  env: Environment,
  client: OAuthClient,
  grant: { code: string; redirectUri: string; codeVerifier: string },
  opts: TokenRequestOptions = {},
): Promise<TokenSet> {
  return requestTokens(
    env,
    new URLSearchParams({
      client_id: client.clientId,
      client_secret: client.clientSecret,
      grant_type: 'authorization_code',
      code: grant.code,
      redirect_uri: grant.redirectUri,
      code_verifier: grant.codeVerifier,
    }),
    opts,
  );
}

export async function refreshTokens(env: Environment, client: OAuthClient, refreshToken: string, opts: TokenRequestOptions = {}): Promise<TokenSet> {
  return requestTokens(
    env,
    new URLSearchParams({
      client_id: client.clientId,
      client_secret: client.clientSecret,
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
    }),
    opts,
  );
}

async function requestTokens(env: Environment, form: URLSearchParams, opts: TokenRequestOptions): Promise<TokenSet> {
  const clock = opts.clock ?? systemClock;
  const sentAt = clock.now();
  // The form carries the client secret and a code or refresh token: a redirect is refused, never followed with them.
  const res = await httpRequest<Record<string, unknown>>({ url: env.tokenUrl, form, redirects: 'refuse', timeoutMs: opts.timeoutMs, clock });
  return parseTokenResponse(res.body, sentAt);
}

export function parseTokenResponse(body: unknown, sentAt: number): TokenSet {
  const b = (body ?? {}) as Record<string, unknown>;
  if (typeof b.access_token !== 'string' || !b.access_token) {
    throw new LightError('http', l10n.t('Light answered the token request without an access token. Try again later.'));
  }
  if (b.token_type !== undefined && typeof b.token_type === 'string' && b.token_type.toLowerCase() !== 'bearer') {
    throw new LightError('http', l10n.t('Light issued a token of type "{0}", which this extension cannot use.', b.token_type));
  }
  registerSecret(b.access_token);
  const refreshToken = typeof b.refresh_token === 'string' && b.refresh_token ? b.refresh_token : undefined;
  registerSecret(refreshToken);
  const expiresIn = typeof b.expires_in === 'number' ? b.expires_in : Number(b.expires_in);
  // Light documents no lifetime; when it says none, assume a short one so that we refresh early rather than late.
  // An absurd one (1e306 s, Infinity) is capped, so that every expiry is a real date and every timer a real delay.
  const lifetimeMs = Number.isFinite(expiresIn) && expiresIn > 0 ? Math.min(expiresIn * 1000, MAX_TOKEN_LIFETIME_MS) : 300_000;
  return { accessToken: b.access_token, refreshToken, expiresAt: sentAt + lifetimeMs };
}
