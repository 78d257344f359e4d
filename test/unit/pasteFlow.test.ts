import * as assert from 'assert';
import { resolveEnvironment } from '../../src/auth/environment';
import { CallbackBroker } from '../../src/auth/signIn/callbacks';
import { FlowContext } from '../../src/auth/signIn/flow';
import { parsePasted, PasteFlow } from '../../src/auth/signIn/pasteFlow';
import { relayState } from '../../src/auth/signIn/uriHandlerFlow';
import { LightError } from '../../src/errors';
import { silentLogger } from '../../src/log';

const CALLBACK = 'vscode://lightinc.light-vscode/auth-callback';
const GARBAGE = /does not look like .* Paste the whole address from your browser's address bar, or just the code\./;

describe('reading a pasted callback', () => {
  it('reads full addresses of every kind', () => {
    assert.deepStrictEqual(parsePasted(`${CALLBACK}?code=c1&state=s1`), { code: 'c1', state: 's1' });
    assert.deepStrictEqual(parsePasted('  http://127.0.0.1:43117/callback?code=c1&state=s1\n'), { code: 'c1', state: 's1' });
    assert.deepStrictEqual(
      parsePasted(
        'http://127.0.0.1:8080/stable-abc/callback?vscode-reqid=1&vscode-scheme=code-oss&vscode-authority=lightinc.light-vscode&vscode-path=%2Fauth-callback&vscode-query=nonce%3Dn1&code=c1&state=s1',
      ),
      { code: 'c1', state: 'n1' },
    );
    const relayed = relayState(`${CALLBACK}?nonce=n2`);
    assert.deepStrictEqual(parsePasted(`https://vscode.dev/redirect?code=c2&state=${encodeURIComponent(relayed)}`), { code: 'c2', state: 'n2' });
    assert.deepStrictEqual(parsePasted(`${CALLBACK}?nonce=n3&code=c3&state=${encodeURIComponent(relayed)}`), { code: 'c3', state: 'n3' });
  });

  it('reads a query alone, or a bare code', () => {
    assert.deepStrictEqual(parsePasted('code=c1&state=s1'), { code: 'c1', state: 's1' });
    assert.deepStrictEqual(parsePasted('?code=c1'), { code: 'c1' });
    assert.deepStrictEqual(parsePasted('Xy3_-kP9aQ7mZ2'), { code: 'Xy3_-kP9aQ7mZ2' });
  });

  it('turns an error address into a clear message', () => {
    const r = parsePasted(`${CALLBACK}?error=access_denied&error_description=User%20denied&state=s1`);
    assert.ok('error' in r);
    assert.match(r.error, /did not complete the sign-in \(access_denied: User denied\)/);
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
  let broker: CallbackBroker;
  beforeEach(() => (broker = new CallbackBroker(silentLogger)));
  afterEach(() => assert.strictEqual(broker.waiting, 0));

  /** A flow whose prompt answers from `answers` (a function gets the state the browser was sent). */
  function setup(answers: Array<string | undefined | ((state: string) => string) | 'never'>, over: Partial<FlowContext> = {}) {
    const hints: string[] = [];
    const signals: AbortSignal[] = [];
    let state = '';
    const flow = new PasteFlow({
      broker,
      resolveTarget: async (nonce) => ({ redirectUri: CALLBACK, state: nonce }),
      prompt: async (hint, signal) => {
        hints.push(hint);
        signals.push(signal);
        const a = answers.shift();
        if (a === 'never') return new Promise<undefined>((r) => signal.addEventListener('abort', () => r(undefined)));
        return typeof a === 'function' ? a(state) : a;
      },
    });
    const ctx: FlowContext = {
      env,
      clientId: 'c',
      codeChallenge: 'x',
      openBrowser: async (url) => void (state = new URL(url).searchParams.get('state') as string),
      signal: new AbortController().signal,
      timeoutMs: 2_000,
      ...over,
    };
    return { run: () => flow.run(ctx), hints, signals };
  }

  it('accepts a pasted address with the right state', async () => {
    const t = setup([(s) => `${CALLBACK}?code=c1&state=${encodeURIComponent(s)}`]);
    assert.deepStrictEqual(await t.run(), { code: 'c1', redirectUri: CALLBACK });
    assert.strictEqual(t.hints.length, 1);
  });

  it('refuses an address from another sign-in and asks again', async () => {
    const t = setup([`${CALLBACK}?code=c0&state=other`, (s) => `${CALLBACK}?code=c1&state=${encodeURIComponent(s)}`]);
    assert.strictEqual((await t.run()).code, 'c1');
    assert.strictEqual(t.hints.length, 2);
    assert.match(t.hints[1], /from another sign-in/);
  });

  it('gives up after three unusable answers', async () => {
    const t = setup(['hello world', `${CALLBACK}?code=c0&state=other`, `${CALLBACK}?error=access_denied&state=x`]);
    await assert.rejects(t.run(), (e: unknown) => e instanceof LightError && e.kind === 'callback' && /access_denied/.test(e.message));
    assert.strictEqual(t.hints.length, 3);
    assert.match(t.hints[1], GARBAGE);
  });

  it('accepts a bare code as the answer to this sign-in', async () => {
    const t = setup(['Xy3_-kP9aQ7mZ2']);
    assert.strictEqual((await t.run()).code, 'Xy3_-kP9aQ7mZ2');
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
