import * as assert from 'assert';
import { resolveEnvironment } from '../../../src/core/auth/environment';
import { CallbackBroker } from '../../../src/core/signIn/callbackBroker';
import { FlowContext } from '../../../src/core/signIn/signInFlow';
import { parsePasted, PasteFlow } from '../../../src/core/signIn/pasteFlow';
import { relayState, UriCallbackResolver } from '../../../src/core/signIn/uriHandlerFlow';
import { LightError } from '../../../src/core/errors';
import { silentLogger } from '../../../src/core/log';

const CALLBACK = 'vscode://lightinc.light-vscode/auth-callback';
const RELAY = 'https://vscode.dev/redirect';
/** What code-server's asExternalUri makes of `${CALLBACK}?nonce=…` (the integration tests' host). */
const CODE_SERVER = 'http://127.0.0.1:8080/stable-abc/callback';
const codeServerCallback = (nonce: string) =>
  `${CODE_SERVER}?vscode-reqid=1&vscode-scheme=code-oss&vscode-authority=lightinc.light-vscode&vscode-path=%2Fauth-callback&vscode-query=${encodeURIComponent(`nonce=${nonce}`)}`;
const GARBAGE = /does not look like the address .* paste the whole address from the address bar of the browser tab this sign-in opened\./;
const WHOLE = /only part of the address.*paste the whole address from the address bar of the browser tab this sign-in opened\./;

describe('reading a pasted callback', () => {
  it('reads full addresses of every kind', () => {
    assert.deepStrictEqual(parsePasted(`${CALLBACK}?code=c1&state=s1`), { address: CALLBACK, nonce: 's1', code: 'c1', state: 's1' });
    assert.deepStrictEqual(parsePasted('  http://127.0.0.1:43117/callback?code=c1&state=s1\n'), {
      address: 'http://127.0.0.1:43117/callback',
      nonce: 's1',
      code: 'c1',
      state: 's1',
    });
    assert.deepStrictEqual(parsePasted(`${codeServerCallback('n1')}&code=c1&state=s1`), { address: CODE_SERVER, nonce: 'n1', code: 'c1', state: 's1' });
    const relayed = relayState(`${CALLBACK}?nonce=n2`);
    assert.deepStrictEqual(parsePasted(`${RELAY}?code=c2&state=${encodeURIComponent(relayed)}`), { address: RELAY, nonce: 'n2', code: 'c2', state: relayed });
    const viaCodeServer = relayState(codeServerCallback('n3'));
    assert.deepStrictEqual(parsePasted(`${RELAY}?code=c3&state=${encodeURIComponent(viaCodeServer)}`), { address: RELAY, nonce: 'n3', code: 'c3', state: viaCodeServer });
  });

  it('turns an error address into a clear message', () => {
    const r = parsePasted(`${CALLBACK}?error=access_denied&error_description=User%20denied&state=s1`);
    assert.ok('error' in r);
    assert.match(r.error, /did not complete the sign-in \(access_denied: User denied\)/);
  });

  it('refuses a bare code or a query alone: only the whole address shows whose code it is', () => {
    for (const text of ['Xy3_-kP9aQ7mZ2', 'code=c1&state=s1', '?code=c1']) {
      const r = parsePasted(text);
      assert.ok('error' in r, text);
      assert.match(r.error, WHOLE);
    }
  });

  it('refuses an address without state', () => {
    const r = parsePasted(`${CALLBACK}?code=c1`);
    assert.ok('error' in r);
    assert.match(r.error, /has no state, so nothing shows that it belongs to this sign-in\. Please paste the whole address/);
  });

  it('refuses what is neither an address nor a code', () => {
    for (const text of ['', '   ', 'not a code', `${CALLBACK}?state=s1`, 'https://light.inc/', 'abc']) {
      const r = parsePasted(text);
      assert.ok('error' in r, text);
      assert.match(r.error, GARBAGE);
    }
  });
});

describe('paste sign-in flow', () => {
  const env = resolveEnvironment('custom', 'http://127.0.0.1:9');
  const desktop: UriCallbackResolver = async (nonce) => ({ redirectUri: CALLBACK, state: nonce });
  const codeServer: UriCallbackResolver = async (nonce) => ({ redirectUri: RELAY, state: relayState(codeServerCallback(nonce)) });
  let broker: CallbackBroker;
  beforeEach(() => (broker = new CallbackBroker(silentLogger)));
  afterEach(() => assert.strictEqual(broker.waiting, 0));

  /** A flow whose prompt answers from `answers` (a function gets the nonce and the state the browser was sent). */
  function setup(
    answers: Array<string | undefined | ((sent: { nonce: string; state: string }) => string) | 'never'>,
    over: Partial<FlowContext> = {},
    resolveTarget = desktop,
  ) {
    const hints: string[] = [];
    const signals: AbortSignal[] = [];
    const sent = { nonce: '', state: '' };
    const flow = new PasteFlow({
      broker,
      resolveTarget: async (nonce) => {
        sent.nonce = nonce;
        return resolveTarget(nonce);
      },
      prompt: async (hint, signal) => {
        hints.push(hint);
        signals.push(signal);
        const a = answers.shift();
        if (a === 'never') return new Promise<undefined>((r) => signal.addEventListener('abort', () => r(undefined)));
        return typeof a === 'function' ? a(sent) : a;
      },
    });
    const ctx: FlowContext = {
      env,
      clientId: 'c',
      codeChallenge: 'x',
      openBrowser: async (url) => void (sent.state = new URL(url).searchParams.get('state') as string),
      signal: new AbortController().signal,
      timeoutMs: 2_000,
      ...over,
    };
    return { run: () => flow.run(ctx), hints, signals };
  }

  const callbackWith = (code: string) => (s: { state: string }) => `${CALLBACK}?code=${code}&state=${encodeURIComponent(s.state)}`;
  const rejectsAfterThree = (t: ReturnType<typeof setup>, hint: RegExp) =>
    assert.rejects(t.run(), (e: unknown) => e instanceof LightError && e.kind === 'callback' && hint.test(e.message));

  it('accepts a pasted address with the right state', async () => {
    const t = setup([callbackWith('c1')]);
    assert.deepStrictEqual(await t.run(), { code: 'c1', redirectUri: CALLBACK });
    assert.strictEqual(t.hints.length, 1);
    assert.match(t.hints[0], /^After approving in the browser, paste the whole address from the address bar of the browser tab this sign-in opened\.$/);
  });

  it('refuses an address from another sign-in and asks again', async () => {
    const t = setup([`${CALLBACK}?code=c0&state=other`, callbackWith('c1')]);
    assert.strictEqual((await t.run()).code, 'c1');
    assert.strictEqual(t.hints.length, 2);
    assert.match(t.hints[1], /from another sign-in .* paste the whole address/);
  });

  it('gives up after three unusable answers', async () => {
    const t = setup(['hello world', `${CALLBACK}?code=c0&state=other`, `${CALLBACK}?error=access_denied&state=x`]);
    await rejectsAfterThree(t, /access_denied/);
    assert.strictEqual(t.hints.length, 3);
    assert.match(t.hints[1], GARBAGE);
  });

  it('refuses a bare code, and an address without state, saying what to paste instead', async () => {
    const t = setup(['Xy3_-kP9aQ7mZ2', `${CALLBACK}?code=Xy3_-kP9aQ7mZ2`, 'code=Xy3_-kP9aQ7mZ2']);
    await rejectsAfterThree(t, WHOLE);
    assert.match(t.hints[1], WHOLE);
    assert.match(t.hints[2], /has no state/);
  });

  it("refuses an address with this sign-in's state that leads somewhere else", async () => {
    const elsewhere = (base: string) => (s: { state: string }) => `${base}?code=stolen&state=${encodeURIComponent(s.state)}`;
    const t = setup([elsewhere('https://evil.example/steal'), elsewhere('vscode://other.extension/auth-callback'), elsewhere(`${CALLBACK}/x`)]);
    await rejectsAfterThree(t, /does not lead back to this sign-in/);
    assert.strictEqual(t.hints.length, 3);
  });

  it('takes, in a browser window, the code-server callback or the relay address this sign-in built', async () => {
    const atCallback = setup([(s) => `${codeServerCallback(s.nonce)}&code=c1&state=${encodeURIComponent(s.state)}`], {}, codeServer);
    assert.deepStrictEqual(await atCallback.run(), { code: 'c1', redirectUri: RELAY });
    const atRelay = setup([(s) => `${RELAY}?code=c2&state=${encodeURIComponent(s.state)}`], {}, codeServer);
    assert.strictEqual((await atRelay.run()).code, 'c2');
  });

  it('refuses, in a browser window, a look-alike callback on another host, or one whose state was changed', async () => {
    const t = setup(
      [
        (s) => `${codeServerCallback(s.nonce).replace('127.0.0.1:8080', 'evil.example')}&code=c1&state=${encodeURIComponent(s.state)}`,
        (s) => `${codeServerCallback(s.nonce)}&code=c1&state=${encodeURIComponent(relayState(`https://evil.example/?nonce=${s.nonce}`))}`,
        (s) => `${codeServerCallback(s.nonce)}&code=c1`,
      ],
      {},
      codeServer,
    );
    await rejectsAfterThree(t, /has no state/);
    assert.match(t.hints[1], /does not lead back to this sign-in/);
    assert.match(t.hints[2], /its state is not the one this sign-in sent/);
  });

  it('says when an address is from a sign-in that already finished', async () => {
    let finished = '';
    const first = setup(['never'], {
      openBrowser: async (url) => {
        finished = new URL(url).searchParams.get('state') as string;
        setTimeout(() => broker.deliver(new URLSearchParams({ code: 'by-uri', state: finished })), 5);
      },
    });
    await first.run();
    const t = setup([() => `${CALLBACK}?code=old&state=${encodeURIComponent(finished)}`, callbackWith('c2')]);
    assert.strictEqual((await t.run()).code, 'c2');
    assert.match(t.hints[1], /from a sign-in that has already finished/);
  });

  it('is cancelled when the user dismisses the box', async () => {
    const t = setup([undefined]);
    await assert.rejects(t.run(), (e: unknown) => e instanceof LightError && e.kind === 'cancelled');
  });

  it('finishes when the browser comes back by itself, and closes the box', async () => {
    const t = setup(['never'], {
      openBrowser: async (url) => {
        const state = new URL(url).searchParams.get('state') as string;
        setTimeout(() => broker.deliver(new URLSearchParams({ code: 'by-uri', state })), 10);
      },
    });
    assert.strictEqual((await t.run()).code, 'by-uri');
    assert.strictEqual(t.signals[0].aborted, true);
  });

  it('times out while the box is open, and closes it', async () => {
    const t = setup(['never'], { timeoutMs: 30 });
    await assert.rejects(t.run(), (e: unknown) => e instanceof LightError && e.kind === 'timeout');
    assert.strictEqual(t.signals[0].aborted, true);
  });
});
