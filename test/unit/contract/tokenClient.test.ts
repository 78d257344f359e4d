import * as assert from 'assert';
import { Environment, resolveEnvironment } from '../../../src/core/auth/environment';
import { challengeS256, createVerifier } from '../../../src/core/auth/pkce';
import { buildAuthorizeUrl } from '../../../src/core/signIn/signInFlow';
import { exchangeCode, OAuthClient, parseTokenResponse, refreshTokens } from '../../../src/core/auth/tokenClient';
import { MAX_TOKEN_LIFETIME_MS } from '../../../src/core/auth/refreshPolicy';
import { LightError } from '../../../src/core/errors';
import { verdict } from '../../../src/core/retryRule';
import { DEV_CREDENTIALS, Simulator, startSimulator } from '../../simulator';
import { approveInBrowser } from '../../support/simulatorClient';

const client: OAuthClient = { clientId: DEV_CREDENTIALS.production.clientId, clientSecret: DEV_CREDENTIALS.production.clientSecret };
const REDIRECT = 'http://127.0.0.1:9/callback';

function isError(kind: LightError['kind'], pattern: RegExp, extra: (e: LightError) => boolean = () => true) {
  return (e: unknown) => {
    assert.ok(e instanceof LightError, `not a LightError: ${String(e)}`);
    assert.strictEqual(e.kind, kind, e.message);
    assert.match(e.message, pattern);
    return extra(e);
  };
}

describe('token client against the simulator', () => {
  let sim: Simulator;
  let env: Environment;

  before(async () => {
    sim = await startSimulator({ autoApprove: true, counts: { vendors: 5, customers: 5, invoiceReceivables: 5, invoicePayables: 5, ledgerAccounts: 5 } });
    env = resolveEnvironment('custom', sim.url);
  });
  after(() => sim.stop());
  afterEach(() => sim.control.clearFaults());

  async function code(verifier: string): Promise<string> {
    const back = await approveInBrowser(buildAuthorizeUrl(env, { clientId: client.clientId, redirectUri: REDIRECT, state: 's', codeChallenge: challengeS256(verifier) }));
    return back.searchParams.get('code') as string;
  }

  async function signedIn() {
    const verifier = createVerifier();
    return exchangeCode(env, client, { code: await code(verifier), redirectUri: REDIRECT, codeVerifier: verifier });
  }

  it('exchanges a code with PKCE and refreshes with rotation', async () => {
    const t0 = Date.now();
    const tokens = await signedIn();
    assert.match(tokens.accessToken, /^ey/);
    assert.ok(tokens.refreshToken);
    assert.ok(Math.abs(tokens.expiresAt - (t0 + 3600_000)) < 5_000);
    const next = await refreshTokens(env, client, tokens.refreshToken as string);
    assert.notStrictEqual(next.refreshToken, tokens.refreshToken);
    await assert.rejects(refreshTokens(env, client, tokens.refreshToken as string), isError('oauth', /invalid_grant/, (e) => e.code === 'invalid_grant'));
  });

  it('names RFC 6749 errors: a wrong secret is invalid_client', async () => {
    const verifier = createVerifier();
    const c = await code(verifier);
    await assert.rejects(
      exchangeCode(env, { ...client, clientSecret: 'wrong' }, { code: c, redirectUri: REDIRECT, codeVerifier: verifier }),
      isError('oauth', /invalid_client/, (e) => e.status === 401 && e.code === 'invalid_client'),
    );
  });

  it("reads Light's gateway error shape {type, message}", async () => {
    sim.control.failNext('token', 1, { kind: 'status', status: 400, body: { type: 'MISSING_PARAMETER', message: "Missing parameter 'redirectUri'" } });
    await assert.rejects(refreshTokens(env, client, 'x'), isError('http', /MISSING_PARAMETER: Missing parameter 'redirectUri'/, (e) => e.code === 'MISSING_PARAMETER'));
  });

  it("reads Light's exception shape {name, type, errors[]}", async () => {
    const body = { name: 'ConflictException', type: 'CONFLICT', errors: [{ type: 'CONFLICT', message: 'Token already used', path: [], context: {} }] };
    sim.control.failNext('token', 1, { kind: 'status', status: 409, body });
    await assert.rejects(refreshTokens(env, client, 'x'), isError('http', /409 CONFLICT: Token already used/, (e) => e.code === 'CONFLICT' && verdict(e, 'token') === 'configuration'));
  });

  it('names an HTML page and malformed JSON as such, and both as worth retrying', async () => {
    sim.control.failNext('token', 1, { kind: 'html', status: 502 });
    await assert.rejects(refreshTokens(env, client, 'x'), isError('http', /web page instead of data \(HTTP 502/, (e) => verdict(e, 'token') === 'transient'));
    sim.control.failNext('token', 1, { kind: 'malformed' });
    await assert.rejects(refreshTokens(env, client, 'x'), isError('http', /malformed JSON/, (e) => verdict(e, 'token') === 'transient'));
  });

  it('gives up on a hang after its timeout, and names a reset connection', async () => {
    sim.control.failNext('token', 1, { kind: 'hang' });
    const t0 = Date.now();
    await assert.rejects(refreshTokens(env, client, 'x', { timeoutMs: 300 }), isError('timeout', /did not answer within/, (e) => verdict(e, 'token') === 'transient'));
    assert.ok(Date.now() - t0 < 3000);
    sim.control.failNext('token', 1, { kind: 'reset' });
    await assert.rejects(refreshTokens(env, client, 'x'), isError('network', /Could not reach Light/, (e) => verdict(e, 'token') === 'transient'));
  });

  it('treats 5xx and 429 as transient, and reads Retry-After', async () => {
    sim.control.failNext('token', 1, { kind: 'status', status: 503, body: { type: 'UNAVAILABLE', message: 'down' } });
    await assert.rejects(refreshTokens(env, client, 'x'), isError('http', /503/, (e) => verdict(e, 'token') === 'transient'));
    sim.control.failNext('token', 1, { kind: 'status', status: 429, body: { type: 'TOO_MANY_REQUESTS', message: 'slow' }, headers: { 'Retry-After': '7' } });
    await assert.rejects(refreshTokens(env, client, 'x'), isError('http', /rate limit/, (e) => verdict(e, 'token') === 'transient' && e.retryAfterSeconds === 7));
  });

  it('accepts an answer without refresh_token, keeping none', async () => {
    const tokens = await signedIn();
    sim.control.failNext('token', 1, { kind: 'noRefreshToken' });
    const next = await refreshTokens(env, client, tokens.refreshToken as string);
    assert.ok(next.accessToken);
    assert.strictEqual(next.refreshToken, undefined);
  });

  it('caps an absurd expires_in (1e306, 1e13) at 30 days and takes an unreadable one as 5 minutes, so every expiry is a real date', () => {
    const sent = Date.UTC(2026, 0, 1);
    for (const expires_in of [1e306, 1e13, 2 ** 53]) {
      const t = parseTokenResponse({ access_token: 'a-token-value', expires_in }, sent);
      assert.strictEqual(t.expiresAt, sent + MAX_TOKEN_LIFETIME_MS, String(expires_in));
      assert.doesNotThrow(() => new Date(t.expiresAt).toISOString());
    }
    for (const expires_in of [0, -5, 'soon', null, 'Infinity']) {
      assert.strictEqual(parseTokenResponse({ access_token: 'a-token-value', expires_in }, sent).expiresAt, sent + 300_000, String(expires_in));
    }
  });

  it('never puts a credential into an error message', async () => {
    sim.control.failNext('token', 1, { kind: 'status', status: 400, body: { error: 'invalid_request', error_description: 'bad' } });
    const err = await refreshTokens(env, client, 'rt-very-secret-value').catch((e: LightError) => e);
    assert.ok(err instanceof LightError);
    assert.ok(!`${err.message} ${err.detail ?? ''}`.includes('rt-very-secret-value'));
    assert.ok(!err.message.includes(client.clientSecret));
  });
});
