import * as assert from 'assert';
import { CallbackBroker } from '../../../src/core/signIn/callbackBroker';
import { waitFor } from '../../../src/core/signIn/signInFlow';
import { relayState } from '../../../src/core/signIn/uriHandlerFlow';
import { LightError } from '../../../src/core/errors';
import { Logger } from '../../../src/core/log';

function recorder(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const push = (m: string) => lines.push(m);
  return { lines, trace: push, info: push, warn: push, error: push };
}

describe('callback broker', () => {
  it('accepts the callback that carries the state it waits for, once', async () => {
    const log = recorder();
    const b = new CallbackBroker(log);
    const w = b.expect('n1');
    assert.strictEqual(b.deliver('code=abc&state=n1'), 'accepted');
    assert.strictEqual((await w.promise).get('code'), 'abc');
    assert.strictEqual(b.deliver('code=abc&state=n1'), 'used');
    assert.match(log.lines.join('\n'), /already used/);
  });

  it('matches relay callbacks by their nonce, and their state by what the sign-in sent', async () => {
    const b = new CallbackBroker(recorder());
    const state = relayState('http://127.0.0.1:8080/stable-abc/callback?vscode-reqid=1&vscode-query=nonce%3Dn2');
    const w = b.expect('n2', state);
    assert.strictEqual(b.deliver(new URLSearchParams({ nonce: 'n2', code: 'c2', state })), 'accepted');
    assert.strictEqual((await w.promise).get('code'), 'c2');
    // A relay that encodes the state once more, or once less, still sends the same state.
    for (const forwarded of [encodeURIComponent(state), decodeURIComponent(state)]) {
      const again = b.expect('n3', state);
      assert.strictEqual(b.deliver(new URLSearchParams({ nonce: 'n3', code: 'c3', state: forwarded })), 'accepted');
      assert.strictEqual((await again.promise).get('code'), 'c3');
    }
  });

  it("rejects a callback with this sign-in's nonce but another state, or none, and keeps waiting", async () => {
    const log = recorder();
    const b = new CallbackBroker(log);
    const state = relayState('vscode://lightinc.light-vscode/auth-callback?nonce=n4&windowId=1');
    const w = b.expect('n4', state);
    assert.strictEqual(b.deliver(`nonce=n4&code=evil&state=${encodeURIComponent(relayState('https://evil.example/steal?nonce=n4'))}`), 'unknown');
    assert.strictEqual(b.deliver('nonce=n4&code=evil'), 'unknown');
    assert.match(log.lines.join('\n'), /state is not the one this sign-in sent/);
    assert.strictEqual(b.waiting, 1);
    assert.strictEqual(b.deliver(new URLSearchParams({ nonce: 'n4', code: 'good', state })), 'accepted');
    assert.strictEqual((await w.promise).get('code'), 'good');
  });

  it('says which nonces it waits for and which were used, and announces each new one', () => {
    const b = new CallbackBroker(recorder());
    const announced: string[] = [];
    b.onDidExpect((nonce) => announced.push(nonce));
    const w = b.expect('n5');
    assert.deepStrictEqual(announced, ['n5']);
    assert.strictEqual(b.expects('n5'), true);
    assert.strictEqual(b.wasUsed('n5'), false);
    b.deliver('code=c&state=n5');
    assert.strictEqual(b.expects('n5'), false);
    assert.strictEqual(b.wasUsed('n5'), true);
    w.dispose();
    const gone = b.expect('n6');
    gone.dispose();
    assert.strictEqual(b.expects('n6'), false);
    assert.strictEqual(b.wasUsed('n6'), false);
  });

  it('rejects forged or stale callbacks and keeps waiting', async () => {
    const log = recorder();
    const b = new CallbackBroker(log);
    const w = b.expect('real');
    assert.strictEqual(b.deliver('code=evil&state=forged'), 'unknown');
    assert.strictEqual(b.deliver('code=evil'), 'unknown');
    assert.match(log.lines.join('\n'), /did not send/);
    assert.ok(!log.lines.join('\n').includes('evil'));
    assert.strictEqual(b.waiting, 1);
    b.deliver('code=good&state=real');
    assert.strictEqual((await w.promise).get('code'), 'good');
  });

  it('turns error callbacks into clear messages', async () => {
    const b = new CallbackBroker(recorder());
    const denied = b.expect('d');
    b.deliver('error=access_denied&error_description=User%20denied&state=d');
    await assert.rejects(denied.promise, (e: unknown) => e instanceof LightError && e.kind === 'callback' && /denied/.test(e.message));
    const other = b.expect('o');
    b.deliver('error=server_error&error_description=Boom&state=o');
    await assert.rejects(other.promise, /server_error: Boom/);
    const noCode = b.expect('x');
    b.deliver('state=x');
    await assert.rejects(noCode.promise, /without an authorization code/);
  });

  it('stops waiting on cancel and on timeout', async () => {
    const b = new CallbackBroker(recorder());
    const ac = new AbortController();
    const w = b.expect('c');
    const p = waitFor(w.promise, ac.signal, 60_000);
    ac.abort();
    await assert.rejects(p, (e: unknown) => e instanceof LightError && e.kind === 'cancelled');
    w.dispose();
    assert.strictEqual(b.waiting, 0);
    const t = b.expect('t');
    await assert.rejects(waitFor(t.promise, new AbortController().signal, 20), (e: unknown) => e instanceof LightError && e.kind === 'timeout');
    t.dispose();
  });
});
