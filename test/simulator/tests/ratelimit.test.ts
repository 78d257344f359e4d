import * as assert from 'assert';
import { DEV_CREDENTIALS, Simulator, startSimulator } from '..';
import { SMALL_COUNTS, apiGet, basic, bearer } from '../../support/simulatorClient';

describe('Light simulator: rate limiting', () => {
  let sim: Simulator;

  beforeEach(async () => {
    sim = await startSimulator({ host: '127.0.0.1', port: 0, rateLimitPerMinute: 3, counts: SMALL_COUNTS });
  });
  afterEach(() => sim.stop());

  it('counts down X-RateLimit-Remaining and answers 429 with Retry-After when over', async () => {
    const key = basic(DEV_CREDENTIALS.production.apiKey);
    const before = Math.floor(Date.now() / 1000);
    for (const remaining of ['2', '1', '0']) {
      const res = await apiGet(sim, '/v1/companies/current', key);
      assert.strictEqual(res.status, 200);
      assert.strictEqual(res.headers.get('x-ratelimit-limit'), '3');
      assert.strictEqual(res.headers.get('x-ratelimit-remaining'), remaining);
      const reset = Number(res.headers.get('x-ratelimit-reset'));
      assert.ok(reset >= before + 59 && reset <= before + 61, `reset ${reset} is an epoch second about a minute ahead`);
    }
    const over = await apiGet(sim, '/v1/companies/current', key);
    assert.strictEqual(over.status, 429);
    assert.strictEqual(over.headers.get('x-ratelimit-remaining'), '0');
    const retryAfter = Number(over.headers.get('retry-after'));
    assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
    const body = (await over.json()) as { type: string; message: string };
    assert.strictEqual(body.type, 'TOO_MANY_REQUESTS');
    assert.ok(body.message);
  });

  it('keeps separate budgets per API key and per token', async () => {
    const key = basic(DEV_CREDENTIALS.production.apiKey);
    for (let i = 0; i < 4; i++) {
      await apiGet(sim, '/v1/vendors?cursor=0&limit=1', key);
    }
    assert.strictEqual((await apiGet(sim, '/v1/companies/current', key)).status, 429);
    const sandbox = await apiGet(sim, '/v1/companies/current', basic(DEV_CREDENTIALS.sandbox.apiKey));
    assert.strictEqual(sandbox.status, 200);
    const token = sim.control.issueTokens(0).access_token;
    const viaToken = await apiGet(sim, '/v1/companies/current', bearer(token));
    assert.strictEqual(viaToken.status, 200);
    assert.strictEqual(viaToken.headers.get('x-ratelimit-remaining'), '2');
  });

  it('puts the headers on error answers too, and can change the limit', async () => {
    const key = basic(DEV_CREDENTIALS.production.apiKey);
    const notFound = await apiGet(sim, '/v1/vendors/missing', key);
    assert.strictEqual(notFound.status, 404);
    assert.strictEqual(notFound.headers.get('x-ratelimit-remaining'), '2');
    const unauthorized = await apiGet(sim, '/v1/companies/current', {});
    assert.strictEqual(unauthorized.status, 401);
    assert.ok(unauthorized.headers.get('x-ratelimit-limit'));
    sim.control.setRateLimitPerMinute(10);
    const res = await apiGet(sim, '/v1/companies/current', key);
    assert.strictEqual(res.headers.get('x-ratelimit-limit'), '10');
    assert.strictEqual(res.headers.get('x-ratelimit-remaining'), '9');
  });
});
