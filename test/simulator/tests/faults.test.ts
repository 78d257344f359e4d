import * as assert from 'assert';
import fetch from 'node-fetch';
import { DEV_CREDENTIALS, Simulator, startSimulator } from '..';
import { REDIRECT_URI, SMALL_COUNTS, apiGet, authorizeUrl, basic, getManual, refresh, signIn } from '../../support/simulatorClient';

const KEY = basic(DEV_CREDENTIALS.production.apiKey);

describe('Light simulator: fault switches', () => {
  let sim: Simulator;

  before(async () => {
    sim = await startSimulator({ host: '127.0.0.1', port: 0, autoApprove: true, counts: SMALL_COUNTS });
  });
  afterEach(() => {
    sim.control.clearFaults();
    sim.control.setLatencyMs(0);
  });
  after(() => sim.stop());

  const current = () => apiGet(sim, '/v1/companies/current', KEY);

  it('answers a given status, body and headers for the next N requests', async () => {
    sim.control.failNext('api', 2, { kind: 'status', status: 503, body: { type: 'SERVICE_UNAVAILABLE', message: 'maintenance' }, headers: { 'Retry-After': '7' } });
    for (let i = 0; i < 2; i++) {
      const res = await current();
      assert.strictEqual(res.status, 503);
      assert.strictEqual(res.headers.get('retry-after'), '7');
      assert.deepStrictEqual(await res.json(), { type: 'SERVICE_UNAVAILABLE', message: 'maintenance' });
    }
    assert.strictEqual((await current()).status, 200);
  });

  it('uses an OAuth error body by default on the token endpoint', async () => {
    sim.control.failNext('token', 1, { kind: 'status', status: 500 });
    const tokens = sim.control.issueTokens();
    const res = await refresh(sim, tokens.refresh_token as string);
    assert.strictEqual(res.status, 500);
    assert.strictEqual(((await res.json()) as { error: string }).error, 'server_error');
    assert.strictEqual((await refresh(sim, tokens.refresh_token as string)).status, 200, 'the faulted request did not spend the token');
  });

  it('answers 200 with broken JSON for malformed', async () => {
    sim.control.failNext('api', 1, { kind: 'malformed' });
    const res = await current();
    assert.strictEqual(res.status, 200);
    assert.match(res.headers.get('content-type') as string, /application\/json/);
    await assert.rejects(res.json());
  });

  it('answers a proxy-like HTML page for html', async () => {
    sim.control.failNext('authorize', 1, { kind: 'html' });
    const res = await getManual(authorizeUrl(sim, { client_id: DEV_CREDENTIALS.production.clientId, redirect_uri: REDIRECT_URI }));
    assert.strictEqual(res.status, 502);
    assert.match(res.headers.get('content-type') as string, /text\/html/);
    assert.match(await res.text(), /Bad Gateway/);
    sim.control.failNext('api', 1, { kind: 'html', status: 504 });
    assert.strictEqual((await current()).status, 504);
  });

  it('never answers for hang, until the client gives up', async () => {
    sim.control.failNext('api', 2, { kind: 'hang' });
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 150);
    await assert.rejects(
      fetch(`${sim.url}/v1/companies/current`, { headers: KEY, signal: controller.signal as never }),
      (err: Error) => err.name === 'AbortError',
    );
    clearTimeout(timer);
    await assert.rejects(fetch(`${sim.url}/v1/companies/current`, { headers: KEY, timeout: 150 }), /timeout/);
    assert.strictEqual((await current()).status, 200);
  });

  it('destroys the socket for reset', async () => {
    sim.control.failNext('token', 1, { kind: 'reset' });
    const tokens = sim.control.issueTokens();
    await assert.rejects(refresh(sim, tokens.refresh_token as string), (err: Error) => err.name === 'FetchError');
    assert.strictEqual((await refresh(sim, tokens.refresh_token as string)).status, 200);
  });

  it('omits refresh_token for noRefreshToken, keeping the old one valid on refresh', async () => {
    sim.control.failNext('token', 1, { kind: 'noRefreshToken' });
    const fresh = await signIn(sim);
    assert.ok(fresh.access_token);
    assert.strictEqual(fresh.refresh_token, undefined);

    const tokens = sim.control.issueTokens();
    sim.control.failNext('token', 1, { kind: 'noRefreshToken' });
    const res = await refresh(sim, tokens.refresh_token as string);
    assert.strictEqual(res.status, 200);
    const body = (await res.json()) as Record<string, unknown>;
    assert.ok(body.access_token);
    assert.ok(!('refresh_token' in body));
    assert.strictEqual((await refresh(sim, tokens.refresh_token as string)).status, 200);
  });

  it('adds latency to answers', async () => {
    sim.control.setLatencyMs(200);
    const started = Date.now();
    assert.strictEqual((await current()).status, 200);
    assert.ok(Date.now() - started >= 190, `took ${Date.now() - started} ms`);
  });

  it('refuses invalid fault definitions', () => {
    assert.throws(() => sim.control.failNext('api', 1, { kind: 'noRefreshToken' }), TypeError);
    assert.throws(() => sim.control.failNext('api', 0, { kind: 'reset' }), TypeError);
    assert.throws(() => sim.control.failNext('nowhere' as never, 1, { kind: 'reset' }), TypeError);
  });
});

describe('Light simulator: stop', () => {
  it('closes hung and latent requests', async () => {
    const sim = await startSimulator({ host: '127.0.0.1', port: 0, counts: SMALL_COUNTS });
    sim.control.failNext('api', 1, { kind: 'hang' });
    const hung = fetch(`${sim.url}/v1/companies/current`, { headers: KEY });
    const hungResult = hung.then(
      () => 'answered',
      () => 'failed',
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    sim.control.setLatencyMs(60_000);
    const slow = fetch(`${sim.url}/v1/companies/current`, { headers: KEY }).then(
      () => 'answered',
      () => 'failed',
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await sim.stop();
    assert.ok(Date.now() - started < 1000, 'stop does not wait for hung sockets');
    assert.strictEqual(await hungResult, 'failed');
    assert.strictEqual(await slow, 'failed');
    await sim.stop();
  });
});
