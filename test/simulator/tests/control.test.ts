import * as assert from 'assert';
import fetch from 'node-fetch';
import { DEV_CREDENTIALS, Simulator, startSimulator } from '..';
import { SMALL_COUNTS, apiGet, authorize, bearer, jwtClaims, refresh, signIn, tokenRequest } from '../../support/simulatorClient';

function post(sim: Simulator, method: string, body?: unknown) {
  return fetch(`${sim.url}/__control/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

describe('Light simulator: control API', () => {
  let sim: Simulator;

  before(async () => {
    sim = await startSimulator({ host: '127.0.0.1', port: 0, autoApprove: true, counts: SMALL_COUNTS });
  });
  after(() => sim.stop());

  it('expires access tokens while refresh tokens keep working', async () => {
    const tokens = await signIn(sim);
    sim.control.expireAccessTokens();
    const res = await apiGet(sim, '/v1/companies/current', bearer(tokens.access_token));
    assert.strictEqual(res.status, 401);
    assert.deepStrictEqual(await res.json(), { type: 'UNAUTHORIZED', message: 'Credentials are required to access this resource' });
    const renewed = (await (await refresh(sim, tokens.refresh_token as string)).json()) as { access_token: string };
    assert.strictEqual((await apiGet(sim, '/v1/companies/current', bearer(renewed.access_token))).status, 200);
  });

  it('revokes every token with revokeAll', async () => {
    const tokens = await signIn(sim);
    sim.control.revokeAll();
    assert.strictEqual((await apiGet(sim, '/v1/companies/current', bearer(tokens.access_token))).status, 401);
    const res = await refresh(sim, tokens.refresh_token as string);
    assert.strictEqual(res.status, 400);
    assert.strictEqual(((await res.json()) as { error: string }).error, 'invalid_grant');
    assert.strictEqual((await apiGet(sim, '/v1/companies/current', bearer((await signIn(sim)).access_token))).status, 200);
  });

  it('issues tokens of the configured lifetime', async () => {
    sim.control.setAccessTokenTtlSeconds(90);
    try {
      const tokens = await signIn(sim);
      assert.strictEqual(tokens.expires_in, 90);
      const claims = jwtClaims(tokens.access_token);
      assert.strictEqual((claims.exp as number) - (claims.iat as number), 90);
    } finally {
      sim.control.setAccessTokenTtlSeconds(3600);
    }
  });

  it('counts requests by kind and resets the counters', async () => {
    sim.control.resetCounters();
    const tokens = await signIn(sim);
    await refresh(sim, tokens.refresh_token as string);
    await tokenRequest(sim, { grant_type: 'client_credentials', client_id: DEV_CREDENTIALS.production.clientId });
    await apiGet(sim, '/v1/companies/current', bearer(tokens.access_token));
    await apiGet(sim, '/v1/vendors?cursor=0', {});
    await authorize(sim);
    assert.deepStrictEqual(sim.control.counters(), { token: { authorization_code: 1, refresh_token: 1, other: 1 }, tokenErrors: { invalid_client: 1 }, writes: 0, api: 2, authorize: 2, mcp: { requests: 0, byMethod: {}, lastAuthorization: null } });
    sim.control.resetCounters();
    assert.deepStrictEqual(sim.control.counters(), { token: { authorization_code: 0, refresh_token: 0, other: 0 }, tokenErrors: {}, writes: 0, api: 0, authorize: 0, mcp: { requests: 0, byMethod: {}, lastAuthorization: null } });
  });

  it('counts the token endpoint\'s error answers by OAuth error code, not those of queued faults', async () => {
    sim.control.resetCounters();
    const tokens = await signIn(sim);
    const rotated = await refresh(sim, tokens.refresh_token as string);
    assert.strictEqual(rotated.status, 200);
    // The rotated-out refresh token again: invalid_grant (and its family is revoked).
    const reused = await refresh(sim, tokens.refresh_token as string);
    assert.strictEqual(reused.status, 400);
    assert.strictEqual(((await reused.json()) as { error: string }).error, 'invalid_grant');
    const revoked = await refresh(sim, ((await rotated.json()) as { refresh_token: string }).refresh_token);
    assert.strictEqual(((await revoked.json()) as { error: string }).error, 'invalid_grant');
    const company = sim.companies[0];
    const wrongSecret = await tokenRequest(sim, { grant_type: 'refresh_token', refresh_token: 'x', client_id: company.clientId, client_secret: 'wrong' });
    assert.strictEqual(wrongSecret.status, 401);
    sim.control.failNext('token', 1, { kind: 'status', status: 400, body: { error: 'invalid_grant', error_description: 'queued' } });
    assert.strictEqual((await refresh(sim, 'anything')).status, 400);
    const counters = sim.control.counters();
    assert.deepStrictEqual(counters.tokenErrors, { invalid_grant: 2, invalid_client: 1 });
    assert.deepStrictEqual(counters.token, { authorization_code: 1, refresh_token: 5, other: 0 });
    sim.control.resetCounters();
    assert.deepStrictEqual(sim.control.counters().tokenErrors, {});
  });

  it('is not reachable over HTTP unless controlEndpoint is set', async () => {
    const res = await post(sim, 'revokeAll');
    assert.strictEqual(res.status, 404);
    assert.strictEqual(((await res.json()) as { type: string }).type, 'NOT_FOUND');
  });
});

describe('Light simulator: HTTP control endpoint', () => {
  let sim: Simulator;

  before(async () => {
    sim = await startSimulator({ host: '127.0.0.1', port: 0, autoApprove: true, controlEndpoint: true, counts: SMALL_COUNTS });
  });
  after(() => sim.stop());

  it('runs control methods over POST JSON', async () => {
    const issued = await post(sim, 'issueTokens', { companyIndex: 1 });
    assert.strictEqual(issued.status, 200);
    const { result: tokens } = (await issued.json()) as { ok: boolean; result: { access_token: string; refresh_token: string } };
    const company = (await (await apiGet(sim, '/v1/companies/current', bearer(tokens.access_token))).json()) as { name: string };
    assert.strictEqual(company.name, 'Northwind Trading (Sandbox)');

    assert.deepStrictEqual(await (await post(sim, 'expireAccessTokens')).json(), { ok: true, result: null });
    assert.strictEqual((await apiGet(sim, '/v1/companies/current', bearer(tokens.access_token))).status, 401);

    const failed = await post(sim, 'failNext', { target: 'api', count: 1, fault: { kind: 'status', status: 418 } });
    assert.strictEqual(failed.status, 200);
    assert.strictEqual((await apiGet(sim, '/v1/companies/current', bearer(sim.control.issueTokens().access_token))).status, 418);

    await authorize(sim, { state: 'over-http' });
    const last = (await (await post(sim, 'lastAuthorize', {})).json()) as { result: Record<string, string> };
    assert.strictEqual(last.result.state, 'over-http');

    const counters = (await (await post(sim, 'counters')).json()) as { ok: boolean; result: { api: number } };
    assert.ok(counters.ok && counters.result.api >= 3);

    assert.strictEqual((await post(sim, 'setLatencyMs', { ms: 0 })).status, 200);
  });

  it('reports bad calls', async () => {
    assert.strictEqual((await post(sim, 'nope')).status, 404);
    const bad = await post(sim, 'failNext', { target: 'api', count: 1, fault: { kind: 'explode' } });
    assert.strictEqual(bad.status, 400);
    assert.strictEqual(((await bad.json()) as { ok: boolean }).ok, false);
    assert.strictEqual((await fetch(`${sim.url}/__control/counters`)).status, 405);
  });
});
