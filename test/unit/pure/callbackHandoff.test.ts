import * as assert from 'assert';
import { createHash } from 'crypto';
import { resolveEnvironment } from '../../../src/core/auth/environment';
import { CallbackHandoff, Handoff } from '../../../src/core/signIn/callbackHandoff';
import { CallbackBroker } from '../../../src/core/signIn/callbackBroker';
import { UriHandlerFlow } from '../../../src/core/signIn/uriHandlerFlow';
import type { SecretStore } from '../../../src/core/auth/tokenStore';
import { Logger } from '../../../src/core/log';
import { LaggedSecrets } from '../../support/laggedSecrets';

const CALLBACK = 'vscode://lightinc.light-vscode/auth-callback';
const WAIT_MS = 1_000;

function recorder(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const push = (m: string) => lines.push(m);
  return { lines, trace: push, info: push, warn: push, error: push };
}

/** One VS Code window: its own broker and handoff, on its own view of the shared SecretStorage. */
function openWindow(secrets: SecretStore, over: { signInTimeoutMs?: number } = {}) {
  const log = recorder();
  const broker = new CallbackBroker(log);
  const handoff = new CallbackHandoff({ secrets, broker, logger: log, signInTimeoutMs: () => over.signInTimeoutMs ?? 300_000, waitMs: WAIT_MS });
  return { broker, handoff, log };
}

const keyOf = (nonce: string) => `light.callback.${createHash('sha256').update(nonce).digest('hex')}`;
const callbackKeys = (store: Map<string, string>) => [...store.keys()].filter((k) => k.startsWith('light.callback.'));
const pendingFor = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('handing a sign-in callback to the window that started the sign-in', () => {
  let secrets: LaggedSecrets;
  const handoffs: CallbackHandoff[] = [];
  const windowOn = (over?: { signInTimeoutMs?: number }) => {
    const w = openWindow(secrets.view(), over);
    handoffs.push(w.handoff);
    return w;
  };

  beforeEach(() => (secrets = new LaggedSecrets()));
  afterEach(() => {
    for (const h of handoffs.splice(0)) h.dispose();
    secrets.dispose();
  });

  it("completes window A's sign-in when VS Code opens the callback in window B", async () => {
    const a = windowOn();
    const b = windowOn();
    const env = resolveEnvironment('custom', 'http://127.0.0.1:9');
    const flow = new UriHandlerFlow(a.broker, async (nonce) => ({ redirectUri: CALLBACK, state: nonce }));
    let inB: Promise<Handoff> | undefined;
    const result = await flow.run({
      env,
      clientId: 'c',
      codeChallenge: 'x',
      signal: new AbortController().signal,
      timeoutMs: 5_000,
      // VS Code hands the vscode:// link to the window that was active last: B.
      openBrowser: async (url) => {
        const state = new URL(url).searchParams.get('state') as string;
        setTimeout(() => (inB = b.handoff.deliver(new URLSearchParams({ code: 'c1', state }).toString())), 10);
      },
    });
    assert.deepStrictEqual(result, { code: 'c1', redirectUri: CALLBACK });
    assert.strictEqual(await inB, 'handedOver');
    assert.strictEqual(a.broker.waiting, 0);
    assert.match(a.log.lines.join('\n'), /Took the sign-in callback that came in another window/);
    assert.ok(!b.log.lines.join('\n').includes('Rejected'), 'B does not call it forged');
    await secrets.settled();
    assert.deepStrictEqual(callbackKeys(secrets.shared), [], 'the entry is gone');
  });

  it('delivers to the one window that waits for the nonce, not to another that signs in too', async () => {
    const a = windowOn();
    const b = windowOn();
    const c = windowOn();
    const inA = a.broker.expect('nonce-a');
    const inC = c.broker.expect('nonce-c');
    let cGot = false;
    void inC.promise.then(() => (cGot = true));
    assert.strictEqual(await b.handoff.deliver('code=c1&state=nonce-a'), 'handedOver');
    assert.strictEqual((await inA.promise).get('code'), 'c1');
    await secrets.settled();
    assert.strictEqual(cGot, false);
    assert.strictEqual(c.broker.waiting, 1);
    inC.dispose();
  });

  it('delivers nothing for a callback no window waits for, and says it is unknown', async () => {
    const a = windowOn();
    const b = windowOn();
    const real = a.broker.expect('real');
    const started = Date.now();
    assert.strictEqual(await b.handoff.deliver('code=evil&state=forged'), 'unknown');
    assert.ok(Date.now() - started >= WAIT_MS - 50, 'B waited for another window first');
    assert.strictEqual(a.broker.waiting, 1);
    assert.match(b.log.lines.join('\n'), /Rejected a sign-in callback with a state this window did not send/);
    await secrets.settled();
    assert.deepStrictEqual(callbackKeys(secrets.shared), [], 'B deleted what nobody took');
    real.dispose();
  });

  it('hands an entry over once: a used nonce is rejected, wherever the callback comes again', async () => {
    const a = windowOn();
    const b = windowOn();
    const c = windowOn();
    const inA = a.broker.expect('once');
    let accepted = 0;
    const deliver = a.broker.deliver.bind(a.broker);
    a.broker.deliver = (q) => {
      const d = deliver(q);
      if (d === 'accepted') accepted++;
      return d;
    };
    // The link opened twice, in two windows at once.
    const [inB, inC] = await Promise.all([b.handoff.deliver('code=c1&state=once'), c.handoff.deliver('code=c1&state=once')]);
    assert.strictEqual((await inA.promise).get('code'), 'c1');
    assert.ok(inB === 'handedOver' || inC === 'handedOver', `${inB} ${inC}`);
    assert.strictEqual(accepted, 1);
    // Later again: in B nobody takes it; in A it is used.
    assert.strictEqual(await b.handoff.deliver('code=c1&state=once'), 'unknown');
    assert.strictEqual(await a.handoff.deliver('code=c1&state=once'), 'used');
    assert.strictEqual(accepted, 1);
    await secrets.settled();
  });

  it('lets a sign-in that starts waiting take an entry stored before', async () => {
    const a = windowOn();
    const b = windowOn();
    const inB = b.handoff.deliver('code=c1&state=late');
    await pendingFor(300); // B's entry reached every window
    const w = a.broker.expect('late');
    assert.strictEqual((await w.promise).get('code'), 'c1');
    assert.strictEqual(await inB, 'handedOver');
  });

  it('ignores and deletes an entry older than the sign-in timeout', async () => {
    const old = JSON.stringify({ query: 'code=c1&state=stale', at: Date.now() - 2_000 });
    await secrets.view().store(keyOf('stale'), old);
    await secrets.settled();
    const a = windowOn({ signInTimeoutMs: 1_000 });
    const w = a.broker.expect('stale');
    await pendingFor(50);
    assert.strictEqual(a.broker.waiting, 1);
    assert.match(a.log.lines.join('\n'), /too old/);
    await secrets.settled();
    assert.deepStrictEqual(callbackKeys(secrets.shared), []);
    w.dispose();
  });

  it('delivers at once to its own window, and to nobody else, when this window waits for the nonce', async () => {
    const a = windowOn();
    const w = a.broker.expect('mine');
    assert.strictEqual(await a.handoff.deliver('code=c1&state=mine'), 'accepted');
    assert.strictEqual((await w.promise).get('code'), 'c1');
    await secrets.settled();
    assert.strictEqual(secrets.flushes, 0, 'nothing was written');
  });

  it('says unknown at once when SecretStorage cannot be written', async () => {
    const view = secrets.view();
    const broken: SecretStore = { ...view, store: () => Promise.reject(new Error('no keyring')) };
    const b = openWindow(broken);
    handoffs.push(b.handoff);
    const started = Date.now();
    assert.strictEqual(await b.handoff.deliver('code=c1&state=n'), 'unknown');
    assert.ok(Date.now() - started < WAIT_MS / 2);
    assert.match(b.log.lines.join('\n'), /no keyring/);
  });
});
