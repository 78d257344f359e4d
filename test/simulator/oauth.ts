// OAuth 2.0 routes: GET /oauth/authorize, POST /oauth/authorize/decision (the consent form) and
// POST /oauth/token (authorization_code with optional PKCE S256, refresh_token with rotation).

import { randomBytes } from 'crypto';
import type { IncomingMessage, ServerResponse } from 'http';
import { mediaType, redirect, sendHtml, sendJson } from './http';
import { consentPage, errorPage } from './pages';
import { EXTENSION_AUTHORITY } from './relay';
import type { PendingAuthorization, SimState } from './state';

const CONSENT_TTL_MS = 10 * 60 * 1000;

/** Redirect URIs registered for both development clients (see README). */
export function isRegisteredRedirect(uri: string, simUrl: string): boolean {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  if (uri.includes('#') || url.username || url.password) {
    return false;
  }
  if (url.protocol === 'http:' && (url.hostname === 'localhost' || url.hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(url.hostname))) {
    return true;
  }
  const sim = new URL(simUrl);
  if (url.origin === sim.origin && url.pathname === '/relay') {
    return true;
  }
  return url.protocol !== 'http:' && url.protocol !== 'https:' && url.host === EXTENSION_AUTHORITY;
}

/** `uri` with `params` appended to its query; the existing query is kept byte for byte. */
function withQuery(uri: string, params: Record<string, string | undefined>): string {
  const extra = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) {
      extra.append(key, value);
    }
  }
  const text = extra.toString();
  if (!text) {
    return uri;
  }
  return uri + (uri.includes('?') ? (uri.endsWith('?') || uri.endsWith('&') ? '' : '&') : '?') + text;
}

function errorRedirect(res: ServerResponse, redirectUri: string, state: string | undefined, error: string, description: string): void {
  redirect(res, withQuery(redirectUri, { error, error_description: description, state }));
}

export function handleAuthorize(sim: SimState, res: ServerResponse, query: URLSearchParams): void {
  const redirectUri = query.get('redirect_uri');
  if (!redirectUri) {
    sendJson(res, 400, { type: 'MISSING_PARAMETER', message: "Missing parameter 'redirectUri'" });
    return;
  }
  const clientId = query.get('client_id');
  if (!clientId) {
    sendJson(res, 400, { type: 'MISSING_PARAMETER', message: "Missing parameter 'clientId'" });
    return;
  }
  const companyIndex = sim.companies.findIndex((c) => c.clientId === clientId);
  if (companyIndex < 0) {
    sendHtml(res, 400, errorPage('Unknown application', `No application is registered with client id '${clientId}'.`));
    return;
  }
  if (!isRegisteredRedirect(redirectUri, sim.url)) {
    sendHtml(res, 400, errorPage('Invalid redirect URI', `The redirect URI '${redirectUri}' is not registered for this application.`));
    return;
  }
  const state = query.get('state') ?? undefined;
  const responseType = query.get('response_type');
  if (responseType !== null && responseType !== 'code') {
    errorRedirect(res, redirectUri, state, 'unsupported_response_type', 'Only response_type=code is supported');
    return;
  }
  const challenge = query.get('code_challenge');
  const method = query.get('code_challenge_method');
  if (challenge !== null) {
    if (method !== 'S256') {
      errorRedirect(res, redirectUri, state, 'invalid_request', 'code_challenge_method must be S256');
      return;
    }
    if (!/^[A-Za-z0-9_-]{43}$/.test(challenge)) {
      errorRedirect(res, redirectUri, state, 'invalid_request', 'code_challenge must be a base64url SHA-256 digest (43 characters)');
      return;
    }
  } else if (method !== null) {
    errorRedirect(res, redirectUri, state, 'invalid_request', 'code_challenge_method sent without code_challenge');
    return;
  }
  const pending: PendingAuthorization = {
    companyIndex,
    clientId,
    redirectUri,
    state,
    challenge,
    loginHint: query.get('login_hint') ?? undefined,
    expiresAt: Date.now() + CONSENT_TTL_MS,
  };
  if (sim.autoApprove === true) {
    approve(sim, res, pending, pending.loginHint);
    return;
  }
  if (sim.autoApprove === 'deny') {
    deny(res, pending);
    return;
  }
  const requestId = randomBytes(18).toString('base64url');
  sim.pending.set(requestId, pending);
  const company = sim.companies[companyIndex];
  const selected = company.users.find((u) => u.email === pending.loginHint) ?? company.users[0];
  sendHtml(res, 200, consentPage({ requestId, company, redirectUri, selectedEmail: selected.email }));
}

/** POST /oauth/authorize/decision: the consent form's answer. */
export function handleDecision(sim: SimState, req: IncomingMessage, res: ServerResponse, body: string): void {
  const form = new URLSearchParams(mediaType(req) === 'application/x-www-form-urlencoded' ? body : '');
  const requestId = form.get('request_id') ?? '';
  const pending = sim.pending.get(requestId);
  sim.pending.delete(requestId);
  if (!pending || Date.now() >= pending.expiresAt) {
    sendHtml(res, 400, errorPage('Request expired', 'This authorization request is unknown, expired or already answered. Start the sign-in again.'));
    return;
  }
  const decision = form.get('decision');
  if (decision === 'approve') {
    approve(sim, res, pending, form.get('user') ?? undefined);
  } else if (decision === 'deny') {
    deny(res, pending);
  } else {
    sendHtml(res, 400, errorPage('Invalid request', 'Choose Approve or Deny.'));
  }
}

function approve(sim: SimState, res: ServerResponse, pending: PendingAuthorization, email: string | undefined): void {
  const company = sim.companies[pending.companyIndex];
  const user = company.users.find((u) => u.email === email) ?? company.users[0];
  const code = sim.tokens.createCode({
    companyIndex: pending.companyIndex,
    companyId: company.id,
    userId: user.id,
    email: user.email,
    clientId: pending.clientId,
    redirectUri: pending.redirectUri,
    challenge: pending.challenge,
  });
  redirect(res, withQuery(pending.redirectUri, { code, state: pending.state }));
}

function deny(res: ServerResponse, pending: PendingAuthorization): void {
  errorRedirect(res, pending.redirectUri, pending.state, 'access_denied', 'The user denied the authorization request');
}

/** Light's names for RFC 6749's errors, in its own error shapes. */
const LIGHT_ERROR_TYPE: Record<string, string> = {
  invalid_grant: 'BAD_REQUEST',
  invalid_client: 'UNAUTHORIZED',
  invalid_request: 'BAD_REQUEST',
  unsupported_grant_type: 'BAD_REQUEST',
};

/** An error answer of the token endpoint, counted by its OAuth error code whatever shape it is sent in. */
function tokenError(sim: SimState, res: ServerResponse, status: number, error: string, description: string, field?: string): void {
  sim.counters.tokenErrors[error] = (sim.counters.tokenErrors[error] ?? 0) + 1;
  const headers = { Pragma: 'no-cache' };
  const type = LIGHT_ERROR_TYPE[error] ?? 'BAD_REQUEST';
  if (sim.tokenErrorShape === 'light') {
    const body = { name: 'ExternalUiClientException', type, errors: [{ type, message: description, path: field ? [field] : [], context: {} }] };
    sendJson(res, status, body, headers);
  } else if (sim.tokenErrorShape === 'gateway') {
    // The gateway answers every credential problem as 401 UNAUTHORIZED.
    const gatewayStatus = error === 'invalid_grant' || error === 'invalid_client' ? 401 : status;
    sendJson(res, gatewayStatus, { type: gatewayStatus === 401 ? 'UNAUTHORIZED' : type, message: description }, headers);
  } else {
    sendJson(res, status, { error, error_description: description }, headers);
  }
}

/** POST /oauth/token. `omitRefresh` comes from a queued 'noRefreshToken' fault. */
export function handleToken(sim: SimState, req: IncomingMessage, res: ServerResponse, body: string, omitRefresh: boolean): void {
  if (mediaType(req) !== 'application/x-www-form-urlencoded') {
    tokenError(sim, res, 400, 'invalid_request', 'The token endpoint only accepts application/x-www-form-urlencoded bodies');
    return;
  }
  const form = new URLSearchParams(body);
  const keys = [...form.keys()];
  const repeated = keys.find((k, i) => keys.indexOf(k) !== i);
  if (repeated) {
    tokenError(sim, res, 400, 'invalid_request', `Parameter '${repeated}' is repeated`);
    return;
  }
  const clientId = form.get('client_id');
  const company = sim.companies.find((c) => c.clientId === clientId);
  if (!clientId || !company || form.get('client_secret') !== company.clientSecret) {
    tokenError(sim, res, 401, 'invalid_client', 'Client authentication failed: unknown client_id or wrong client_secret');
    return;
  }
  const grantType = form.get('grant_type');
  let result;
  if (!grantType) {
    tokenError(sim, res, 400, 'invalid_request', "Missing parameter 'grant_type'");
    return;
  } else if (grantType === 'authorization_code') {
    const code = form.get('code');
    if (!code) {
      tokenError(sim, res, 400, 'invalid_request', "Missing parameter 'code'");
      return;
    }
    result = sim.tokens.redeemCode(code, clientId, form.get('redirect_uri') ?? undefined, form.get('code_verifier') ?? undefined, omitRefresh);
  } else if (grantType === 'refresh_token') {
    const refreshToken = form.get('refresh_token');
    if (!refreshToken) {
      tokenError(sim, res, 400, 'invalid_request', "Missing parameter 'refresh_token'");
      return;
    }
    result = sim.tokens.refreshGrant(refreshToken, clientId, omitRefresh);
  } else {
    tokenError(sim, res, 400, 'unsupported_grant_type', `Grant type '${grantType}' is not supported`);
    return;
  }
  if (!result.ok) {
    tokenError(sim, res, result.status, result.error, result.description, grantType === 'refresh_token' ? 'refresh_token' : 'code');
    return;
  }
  sendJson(res, 200, result.tokens, { Pragma: 'no-cache' });
}
