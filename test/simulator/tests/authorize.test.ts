import * as assert from 'assert';
import fetch from 'node-fetch';
import { Simulator, startSimulator } from '..';
import { REDIRECT_URI, SMALL_COUNTS, authorizeUrl, clickApprove, exchangeCode, getManual, jwtClaims, location, pkcePair } from '../../support/simulatorClient';

function postDecision(sim: Simulator, fields: Record<string, string>) {
  return fetch(`${sim.url}/oauth/authorize/decision`, { method: 'POST', body: new URLSearchParams(fields), redirect: 'manual' });
}

function requestIdOf(html: string): string {
  const match = /name="request_id" value="([^"]+)"/.exec(html);
  assert.ok(match, 'the consent page carries a request id');
  return match[1];
}

describe('Light simulator: authorize endpoint and consent page', () => {
  let sim: Simulator;

  before(async () => {
    sim = await startSimulator({ host: '127.0.0.1', port: 0, counts: SMALL_COUNTS });
  });
  after(() => sim.stop());

  const devAuthorize = (extra: Record<string, string | undefined> = {}) =>
    authorizeUrl(sim, { client_id: sim.companies[0].clientId, redirect_uri: REDIRECT_URI, state: 's1', ...extra });

  it('answers MISSING_PARAMETER for a missing redirect_uri or client_id', async () => {
    const noRedirect = await getManual(authorizeUrl(sim, { client_id: 'light-vscode-dev' }));
    assert.strictEqual(noRedirect.status, 400);
    assert.deepStrictEqual(await noRedirect.json(), { type: 'MISSING_PARAMETER', message: "Missing parameter 'redirectUri'" });
    const noClient = await getManual(authorizeUrl(sim, { redirect_uri: REDIRECT_URI }));
    assert.strictEqual(noClient.status, 400);
    assert.deepStrictEqual(await noClient.json(), { type: 'MISSING_PARAMETER', message: "Missing parameter 'clientId'" });
  });

  it('shows an error page, never a redirect, for an unknown client or an unregistered redirect', async () => {
    const cases = [
      authorizeUrl(sim, { client_id: 'someone-else', redirect_uri: REDIRECT_URI, state: 's' }),
      devAuthorize({ redirect_uri: 'https://evil.example/callback' }),
      devAuthorize({ redirect_uri: 'http://192.168.1.10:8080/callback' }),
      devAuthorize({ redirect_uri: 'vscode://someone.else/auth' }),
      devAuthorize({ redirect_uri: 'http://127.0.0.1:5000/cb#fragment' }),
      devAuthorize({ redirect_uri: 'not a url' }),
    ];
    for (const url of cases) {
      const res = await getManual(url);
      assert.strictEqual(res.status, 400, url);
      assert.strictEqual(res.headers.get('location'), null, url);
      assert.match(res.headers.get('content-type') as string, /text\/html/);
    }
  });

  it('accepts loopback, localhost, editor URI and relay redirects', async () => {
    const redirects = [
      'http://127.0.0.1:1/x',
      'http://127.0.0.2:65000/deep/path',
      'http://localhost:3000/',
      'vscode://lightinc.light-vscode/did-authenticate',
      'vscode-insiders://lightinc.light-vscode/auth',
      'cursor://lightinc.light-vscode/auth',
      `${sim.url}/relay`,
    ];
    for (const redirectUri of redirects) {
      const res = await getManual(devAuthorize({ redirect_uri: redirectUri }));
      assert.strictEqual(res.status, 200, redirectUri);
      assert.match(await res.text(), /Approve/);
    }
  });

  it('serves a consent page whose Approve form issues a code for the chosen user', async () => {
    const pkce = pkcePair();
    const res = await getManual(devAuthorize({ code_challenge: pkce.challenge, code_challenge_method: 'S256' }));
    assert.strictEqual(res.status, 200);
    assert.match(res.headers.get('content-type') as string, /text\/html/);
    const html = await res.text();
    assert.match(html, /Northwind Trading/);
    assert.match(html, /<form method="post" action="\/oauth\/authorize\/decision">/);
    assert.match(html, /value="approve"/);
    assert.match(html, /value="deny"/);
    const chosen = sim.companies[0].userEmails[2];
    assert.ok(html.includes(chosen));

    const requestId = requestIdOf(html);
    const approved = await postDecision(sim, { request_id: requestId, decision: 'approve', user: chosen });
    const target = location(approved);
    assert.strictEqual(target.searchParams.get('state'), 's1');
    const tokenRes = await exchangeCode(sim, target.searchParams.get('code') as string, pkce.verifier);
    assert.strictEqual(tokenRes.status, 200);
    const tokens = (await tokenRes.json()) as { access_token: string };
    assert.strictEqual(jwtClaims(tokens.access_token).email, chosen);

    const again = await postDecision(sim, { request_id: requestId, decision: 'approve' });
    assert.strictEqual(again.status, 400, 'the request id is single-use');
    assert.strictEqual(again.headers.get('location'), null);
  });

  it('redirects with access_denied when the user denies', async () => {
    const html = await (await getManual(devAuthorize({ state: 'deny-state' }))).text();
    const res = await postDecision(sim, { request_id: requestIdOf(html), decision: 'deny' });
    const target = location(res);
    assert.strictEqual(target.searchParams.get('error'), 'access_denied');
    assert.ok(target.searchParams.get('error_description'));
    assert.strictEqual(target.searchParams.get('state'), 'deny-state');
    assert.strictEqual(target.searchParams.get('code'), null);
  });

  it('rejects an unknown request id', async () => {
    const res = await postDecision(sim, { request_id: 'forged', decision: 'approve' });
    assert.strictEqual(res.status, 400);
  });

  it('redirects with invalid_request for a plain or unknown PKCE method', async () => {
    for (const method of ['plain', 'S512', undefined]) {
      const res = await getManual(devAuthorize({ code_challenge: pkcePair().challenge, code_challenge_method: method }));
      const target = location(res);
      assert.strictEqual(target.searchParams.get('error'), 'invalid_request', String(method));
      assert.strictEqual(target.searchParams.get('state'), 's1');
    }
  });

  it('records the last authorize query for the control API', async () => {
    await getManual(devAuthorize({ state: 'recorded', extra: 'yes' }));
    assert.deepStrictEqual(sim.control.lastAuthorize(), {
      client_id: sim.companies[0].clientId,
      redirect_uri: REDIRECT_URI,
      state: 'recorded',
      extra: 'yes',
    });
  });
});

describe('Light simulator: the consent page, clicked (clickApprove, for tests that play the browser)', () => {
  it('approves the request that lastAuthorize() recorded: a code for its redirect and state', async () => {
    const sim = await startSimulator({ counts: SMALL_COUNTS });
    try {
      const pkce = pkcePair();
      const page = await getManual(authorizeUrl(sim, { client_id: sim.companies[0].clientId, redirect_uri: REDIRECT_URI, state: 'st', code_challenge: pkce.challenge, code_challenge_method: 'S256' }));
      assert.strictEqual(page.status, 200, 'a consent page, not a redirect');
      const back = await clickApprove(sim, sim.control.lastAuthorize() as Record<string, string>);
      assert.strictEqual(`${back.origin}${back.pathname}`, REDIRECT_URI);
      assert.strictEqual(back.searchParams.get('state'), 'st');
      const res = await exchangeCode(sim, back.searchParams.get('code') as string, pkce.verifier);
      assert.strictEqual(res.status, 200);
      await assert.rejects(clickApprove(sim, { client_id: 'nobody', redirect_uri: REDIRECT_URI, state: 'x' }), /No consent page/);
    } finally {
      await sim.stop();
    }
  });
});

describe('Light simulator: auto-approve and auto-deny', () => {
  it('skips the consent page when autoApprove is true', async () => {
    const sim = await startSimulator({ host: '127.0.0.1', port: 0, autoApprove: true, counts: SMALL_COUNTS });
    try {
      const url = authorizeUrl(sim, { client_id: sim.companies[1].clientId, redirect_uri: 'vscode://lightinc.light-vscode/cb', state: 'x' });
      const target = location(await getManual(url));
      assert.strictEqual(target.protocol, 'vscode:');
      assert.ok(target.searchParams.get('code'));
    } finally {
      await sim.stop();
    }
  });

  it("denies at once when autoApprove is 'deny'", async () => {
    const sim = await startSimulator({ host: '127.0.0.1', port: 0, autoApprove: 'deny', counts: SMALL_COUNTS });
    try {
      const url = authorizeUrl(sim, { client_id: sim.companies[0].clientId, redirect_uri: REDIRECT_URI, state: 'x' });
      const target = location(await getManual(url));
      assert.strictEqual(target.searchParams.get('error'), 'access_denied');
      assert.strictEqual(target.searchParams.get('state'), 'x');
    } finally {
      await sim.stop();
    }
  });

  it('binds to another loopback address', async () => {
    const sim = await startSimulator({ host: '127.0.0.2', port: 0, autoApprove: true, counts: SMALL_COUNTS });
    try {
      assert.match(sim.url, /^http:\/\/127\.0\.0\.2:\d+$/);
      const res = await getManual(authorizeUrl(sim, { client_id: sim.companies[0].clientId, redirect_uri: REDIRECT_URI }));
      assert.strictEqual(res.status, 302);
    } finally {
      await sim.stop();
    }
  });
});
