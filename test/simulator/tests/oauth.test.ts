import * as assert from 'assert';
import fetch from 'node-fetch';
import { DEV_CREDENTIALS, Simulator, startSimulator } from '..';
import {
  REDIRECT_URI,
  SMALL_COUNTS,
  apiGet,
  authorize,
  bearer,
  exchangeCode,
  jwtClaims,
  pkcePair,
  refresh,
  signIn,
  tokenRequest,
} from '../../support/simulatorClient';

describe('Light simulator: OAuth token endpoint', () => {
  let sim: Simulator;

  before(async () => {
    sim = await startSimulator({ host: '127.0.0.1', port: 0, autoApprove: true, counts: SMALL_COUNTS, codeTtlSeconds: 0.3 });
  });
  after(() => sim.stop());

  it('runs the full PKCE dance up to /v1/companies/current', async () => {
    const pkce = pkcePair();
    const target = await authorize(sim, { pkce, state: 'opaque+state/=' });
    assert.strictEqual(target.origin + target.pathname, REDIRECT_URI);
    assert.strictEqual(target.searchParams.get('state'), 'opaque+state/=');
    const code = target.searchParams.get('code');
    assert.ok(code);

    const res = await exchangeCode(sim, code, pkce.verifier);
    assert.strictEqual(res.status, 200);
    assert.strictEqual(res.headers.get('content-type'), 'application/json;charset=UTF-8');
    const tokens = (await res.json()) as Record<string, unknown>;
    assert.deepStrictEqual(Object.keys(tokens).sort(), ['access_token', 'expires_in', 'refresh_token', 'token_type']);
    assert.strictEqual(tokens.token_type, 'Bearer');
    assert.strictEqual(tokens.expires_in, 3600);

    const claims = jwtClaims(tokens.access_token as string);
    assert.strictEqual(claims.email, sim.companies[0].userEmails[0]);
    assert.strictEqual(claims.company_id, sim.companies[0].id);
    assert.strictEqual((claims.exp as number) - (claims.iat as number), 3600);
    assert.ok(claims.jti && claims.sub);

    const company = await apiGet(sim, '/v1/companies/current', bearer(tokens.access_token as string));
    assert.strictEqual(company.status, 200);
    const body = (await company.json()) as Record<string, unknown>;
    assert.strictEqual(body.name, 'Northwind Trading');
    assert.strictEqual(body.id, sim.companies[0].id);
  });

  it('signs in to the sandbox company with the sandbox client', async () => {
    const tokens = await signIn(sim, 1);
    const company = (await (await apiGet(sim, '/v1/companies/current', bearer(tokens.access_token))).json()) as Record<string, unknown>;
    assert.strictEqual(company.name, 'Northwind Trading (Sandbox)');
    assert.strictEqual(sim.companies[1].clientId, DEV_CREDENTIALS.sandbox.clientId);
  });

  it('keeps the redirect URI query and adds code and state to it', async () => {
    const target = await authorize(sim, { redirectUri: 'http://localhost:9000/cb?keep=a%20b&x=1' });
    assert.strictEqual(target.searchParams.get('keep'), 'a b');
    assert.strictEqual(target.searchParams.get('x'), '1');
    assert.ok(target.searchParams.get('code'));
  });

  it('works without PKCE when no challenge was sent, and rejects a verifier then', async () => {
    const target = await authorize(sim);
    const withVerifier = await exchangeCode(sim, target.searchParams.get('code') as string, pkcePair().verifier);
    assert.strictEqual(withVerifier.status, 400);
    const res = await exchangeCode(sim, target.searchParams.get('code') as string, undefined);
    assert.strictEqual(res.status, 200);
  });

  it('rejects a replayed code and revokes the tokens issued from it', async () => {
    const pkce = pkcePair();
    const code = (await authorize(sim, { pkce })).searchParams.get('code') as string;
    const first = (await (await exchangeCode(sim, code, pkce.verifier)).json()) as { access_token: string; refresh_token: string };
    assert.strictEqual((await apiGet(sim, '/v1/companies/current', bearer(first.access_token))).status, 200);

    const replay = await exchangeCode(sim, code, pkce.verifier);
    assert.strictEqual(replay.status, 400);
    assert.strictEqual(((await replay.json()) as { error: string }).error, 'invalid_grant');
    assert.strictEqual((await apiGet(sim, '/v1/companies/current', bearer(first.access_token))).status, 401);
    assert.strictEqual((await refresh(sim, first.refresh_token)).status, 400);
  });

  it('answers 401 invalid_client for a wrong or missing secret', async () => {
    const pkce = pkcePair();
    const code = (await authorize(sim, { pkce })).searchParams.get('code') as string;
    for (const secret of ['nope', undefined]) {
      const res = await tokenRequest(sim, {
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT_URI,
        client_id: DEV_CREDENTIALS.production.clientId,
        client_secret: secret,
        code_verifier: pkce.verifier,
      });
      assert.strictEqual(res.status, 401);
      const body = (await res.json()) as { error: string; error_description: string };
      assert.strictEqual(body.error, 'invalid_client');
      assert.ok(body.error_description);
    }
    assert.strictEqual((await exchangeCode(sim, code, pkce.verifier)).status, 200, 'the code survives failed client authentication');
  });

  it('answers invalid_grant for a wrong or missing verifier', async () => {
    const pkce = pkcePair();
    const code = (await authorize(sim, { pkce })).searchParams.get('code') as string;
    for (const verifier of [pkcePair().verifier, undefined]) {
      const res = await exchangeCode(sim, code, verifier);
      assert.strictEqual(res.status, 400);
      assert.strictEqual(((await res.json()) as { error: string }).error, 'invalid_grant');
    }
  });

  it('answers invalid_grant for a different redirect_uri or another client', async () => {
    const pkce = pkcePair();
    const code = (await authorize(sim, { pkce })).searchParams.get('code') as string;
    const wrongRedirect = await exchangeCode(sim, code, pkce.verifier, 0, 'http://127.0.0.1:43117/other');
    assert.strictEqual(wrongRedirect.status, 400);
    assert.strictEqual(((await wrongRedirect.json()) as { error: string }).error, 'invalid_grant');
    const otherClient = await exchangeCode(sim, code, pkce.verifier, 1);
    assert.strictEqual(otherClient.status, 400);
    assert.strictEqual(((await otherClient.json()) as { error: string }).error, 'invalid_grant');
  });

  it('answers invalid_grant for an expired code', async () => {
    const pkce = pkcePair();
    const code = (await authorize(sim, { pkce })).searchParams.get('code') as string;
    await new Promise((resolve) => setTimeout(resolve, 350));
    const res = await exchangeCode(sim, code, pkce.verifier);
    assert.strictEqual(res.status, 400);
    const body = (await res.json()) as { error: string; error_description: string };
    assert.strictEqual(body.error, 'invalid_grant');
    assert.match(body.error_description, /expired/);
  });

  it('rotates refresh tokens and revokes the family when an old one comes back', async () => {
    const first = await signIn(sim);
    const second = (await (await refresh(sim, first.refresh_token as string)).json()) as { access_token: string; refresh_token: string };
    assert.ok(second.refresh_token && second.refresh_token !== first.refresh_token);
    const third = (await (await refresh(sim, second.refresh_token)).json()) as { access_token: string; refresh_token: string };
    assert.strictEqual((await apiGet(sim, '/v1/companies/current', bearer(third.access_token))).status, 200);

    const reuse = await refresh(sim, first.refresh_token as string);
    assert.strictEqual(reuse.status, 400);
    assert.strictEqual(((await reuse.json()) as { error: string }).error, 'invalid_grant');

    assert.strictEqual((await refresh(sim, third.refresh_token)).status, 400, 'the newest refresh token died with its family');
    assert.strictEqual((await apiGet(sim, '/v1/companies/current', bearer(third.access_token))).status, 401);
    assert.strictEqual((await apiGet(sim, '/v1/companies/current', bearer(first.access_token))).status, 401);
  });

  it('leaves other sign-ins alone when one family is revoked', async () => {
    const a = await signIn(sim);
    const b = await signIn(sim);
    await refresh(sim, a.refresh_token as string);
    await refresh(sim, a.refresh_token as string);
    assert.strictEqual((await apiGet(sim, '/v1/companies/current', bearer(b.access_token))).status, 200);
    assert.strictEqual((await refresh(sim, b.refresh_token as string)).status, 200);
  });

  it('rejects a refresh token presented by the other client', async () => {
    const tokens = await signIn(sim);
    const res = await refresh(sim, tokens.refresh_token as string, 1);
    assert.strictEqual(res.status, 400);
    assert.strictEqual(((await res.json()) as { error: string }).error, 'invalid_grant');
  });

  it('rejects a JSON body with invalid_request', async () => {
    const res = await fetch(`${sim.url}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ grant_type: 'refresh_token', refresh_token: 'x', client_id: 'light-vscode-dev', client_secret: 'light-vscode-dev-secret' }),
    });
    assert.strictEqual(res.status, 400);
    const body = (await res.json()) as { error: string; error_description: string };
    assert.strictEqual(body.error, 'invalid_request');
    assert.ok(body.error_description);
  });

  it('answers unsupported_grant_type and invalid_request for missing parameters', async () => {
    const { clientId, clientSecret } = DEV_CREDENTIALS.production;
    const unknown = await tokenRequest(sim, { grant_type: 'password', client_id: clientId, client_secret: clientSecret });
    assert.strictEqual(unknown.status, 400);
    assert.strictEqual(((await unknown.json()) as { error: string }).error, 'unsupported_grant_type');
    const noCode = await tokenRequest(sim, { grant_type: 'authorization_code', client_id: clientId, client_secret: clientSecret });
    assert.strictEqual(((await noCode.json()) as { error: string }).error, 'invalid_request');
    const noGrant = await tokenRequest(sim, { client_id: clientId, client_secret: clientSecret });
    assert.strictEqual(((await noGrant.json()) as { error: string }).error, 'invalid_request');
  });
});
