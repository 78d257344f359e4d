import * as assert from 'assert';
import { Simulator, isAllowedRelayCallback, relayCallbackOf, startSimulator } from '..';
import { SMALL_COUNTS, authorizeUrl, getManual, location } from '../../support/simulatorClient';

describe('Light simulator: redirect relay', () => {
  let sim: Simulator;
  const state = (callback: string) => encodeURIComponent(callback);

  before(async () => {
    sim = await startSimulator({ host: '127.0.0.1', port: 0, autoApprove: true, counts: SMALL_COUNTS });
  });
  after(() => sim.stop());

  it("reads vscode.dev/redirect's state: the URL-encoded callback", () => {
    const callback = 'vscode://lightinc.light-vscode/auth-callback?nonce=n-1';
    assert.strictEqual(relayCallbackOf(state(callback)), callback);
    assert.strictEqual(relayCallbackOf('not a url'), null);
    assert.strictEqual(relayCallbackOf('%E0%A4%A'), null);
  });

  it('forwards code and the whole state to the callback, through a real authorize', async () => {
    const s = state('vscode://lightinc.light-vscode/auth-callback?nonce=n-42&windowId=1');
    const first = location(await getManual(authorizeUrl(sim, { client_id: sim.companies[0].clientId, redirect_uri: `${sim.url}/relay`, state: s })));
    assert.strictEqual(`${first.origin}${first.pathname}`, `${sim.url}/relay`);
    const final = location(await getManual(first.toString()));
    assert.strictEqual(final.protocol, 'vscode:');
    assert.strictEqual(final.host, 'lightinc.light-vscode');
    assert.strictEqual(final.pathname, '/auth-callback');
    assert.strictEqual(final.searchParams.get('nonce'), 'n-42');
    assert.strictEqual(final.searchParams.get('windowId'), '1');
    assert.strictEqual(final.searchParams.get('code'), first.searchParams.get('code'));
    assert.strictEqual(final.searchParams.get('state'), s);
  });

  it('forwards error and error_description to an http callback', async () => {
    const s = state('http://127.0.0.1:43117/callback?nonce=n');
    const query = new URLSearchParams({ error: 'access_denied', error_description: 'User said no', state: s });
    const final = location(await getManual(`${sim.url}/relay?${query.toString()}`));
    assert.strictEqual(final.origin, 'http://127.0.0.1:43117');
    assert.strictEqual(final.searchParams.get('error'), 'access_denied');
    assert.strictEqual(final.searchParams.get('error_description'), 'User said no');
    assert.strictEqual(final.searchParams.get('nonce'), 'n');
    assert.strictEqual(final.searchParams.get('code'), null);
  });

  it('forwards to the callback a browser window makes (code-server, vscode.dev, Codespaces)', async () => {
    const query = 'vscode-reqid=1&vscode-scheme=code-oss&vscode-authority=lightinc.light-vscode&vscode-path=%2Fauth-callback&vscode-query=nonce%3Dn-7';
    for (const base of ['http://127.0.0.1:8080/stable-abc/callback', 'https://vscode.dev/callback', 'https://name-1234.github.dev/callback']) {
      const s = state(`${base}?${query}`);
      const final = location(await getManual(`${sim.url}/relay?${new URLSearchParams({ code: 'c', state: s }).toString()}`));
      assert.strictEqual(`${final.origin}${final.pathname}`, base);
      assert.strictEqual(final.searchParams.get('vscode-query'), 'nonce=n-7');
      assert.strictEqual(final.searchParams.get('code'), 'c');
      assert.strictEqual(final.searchParams.get('state'), s);
    }
  });

  it('tells the callbacks VS Code makes for this extension from everything else', () => {
    const vscodeQuery = 'vscode-reqid=1&vscode-scheme=vscode&vscode-authority=lightinc.light-vscode&vscode-path=%2Fauth-callback';
    for (const ok of [
      'vscode://lightinc.light-vscode/auth-callback?nonce=n',
      'vscode-insiders://lightinc.light-vscode/auth-callback',
      'cursor://lightinc.light-vscode/auth-callback?nonce=n&windowId=2',
      `https://vscode.dev/callback?${vscodeQuery}&vscode-query=nonce%3Dn`,
      'http://127.0.0.1:43117/callback?nonce=n',
    ]) {
      assert.strictEqual(isAllowedRelayCallback(ok), true, ok);
    }
    for (const bad of [
      'https://evil.example/steal?nonce=n',
      'http://127.0.0.1:43117/steal',
      'http://localhost:43117/callback',
      'http://127.0.0.1/callback',
      'https://evil.example/callback',
      `https://evil.example/page?${vscodeQuery}`,
      `https://vscode.dev/callback?${vscodeQuery.replace('lightinc.light-vscode', 'other.extension')}`,
      `https://vscode.dev/callback?${vscodeQuery.replace('auth-callback', 'other')}`,
      `https://user:pw@vscode.dev/callback?${vscodeQuery}`,
      'vscode://lightinc.light-vscode/other',
      'vscode://other.extension/auth-callback',
      'vscode://lightinc.light-vscode/auth-callback#frag',
      'file://lightinc.light-vscode/auth-callback',
    ]) {
      assert.strictEqual(isAllowedRelayCallback(bad), false, bad);
    }
  });

  it('refuses a state that does not decode or names a forbidden callback', async () => {
    const states = [
      undefined,
      'garbage***',
      state('javascript:alert(1)'),
      state('vscode://other.extension/auth'),
      state('file:///etc/passwd'),
      state('https://evil.example/steal'),
      state('vscode://lightinc.light-vscode/elsewhere?nonce=n'),
      state('https://evil.example/callback?vscode-reqid=1&vscode-scheme=vscode&vscode-authority=other.extension&vscode-path=%2Fauth-callback'),
    ];
    for (const s of states) {
      const query = new URLSearchParams({ code: 'c' });
      if (s !== undefined) {
        query.set('state', s);
      }
      const res = await getManual(`${sim.url}/relay?${query.toString()}`);
      assert.strictEqual(res.status, 400, String(s));
      assert.strictEqual(res.headers.get('location'), null);
      assert.match(res.headers.get('content-type') as string, /text\/html/);
    }
  });
});
