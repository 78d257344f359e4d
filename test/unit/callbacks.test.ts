import * as assert from 'assert';
import { CallbackBroker } from '../../src/auth/signIn/callbacks';
import { waitFor } from '../../src/auth/signIn/flow';
import { LightError } from '../../src/errors';
import { Logger } from '../../src/log';

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

  it('matches relay callbacks by their nonce', async () => {
    const b = new CallbackBroker(recorder());
    const w = b.expect('n2');
    assert.strictEqual(b.deliver('nonce=n2&code=c2&state=http%3A%2F%2Fwhatever'), 'accepted');
    assert.strictEqual((await w.promise).get('code'), 'c2');
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
