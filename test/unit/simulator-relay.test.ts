import * as assert from 'assert';
import { Simulator, relayCallbackOf, startSimulator } from '../simulator';
import { SMALL_COUNTS, authorizeUrl, getManual, location } from '../support/simulatorClient';

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

  it('refuses a state that does not decode or names a forbidden callback', async () => {
    const states = [undefined, 'garbage***', state('javascript:alert(1)'), state('vscode://other.extension/auth'), state('file:///etc/passwd')];
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
