import * as assert from 'assert';
import * as http from 'http';
import * as net from 'net';
import type { AddressInfo } from 'net';
import fetch from 'node-fetch';
import { Environment, resolveEnvironment } from '../../../src/core/auth/environment';
import { challengeS256, createVerifier } from '../../../src/core/auth/pkce';
import { CallbackBroker } from '../../../src/core/signIn/callbackBroker';
import { FlowContext } from '../../../src/core/signIn/signInFlow';
import { LoopbackFlow } from '../../../src/node/loopbackFlow';
import { exchangeCode } from '../../../src/core/auth/tokenClient';
import { LightError } from '../../../src/core/errors';
import { Logger, silentLogger } from '../../../src/core/log';
import { DEV_CREDENTIALS, Simulator, startSimulator } from '../../simulator';
import { approveInBrowser } from '../../support/simulatorClient';

const client = { clientId: DEV_CREDENTIALS.production.clientId, clientSecret: DEV_CREDENTIALS.production.clientSecret };

async function freePort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

function stateOf(authorizeUrl: string): string {
  return new URL(authorizeUrl).searchParams.get('state') as string;
}

async function refused(port: number): Promise<void> {
  await assert.rejects(fetch(`http://127.0.0.1:${port}/`), (e: { code?: string }) => e.code === 'ECONNREFUSED');
}

function recorder(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const push = (m: string) => lines.push(m);
  return { lines, trace: push, info: push, warn: push, error: push };
}

describe('loopback sign-in flow', () => {
  let sim: Simulator;
  let env: Environment;
  let port: number;
  let broker: CallbackBroker;

  before(async () => {
    sim = await startSimulator({ autoApprove: true, counts: { vendors: 1, customers: 1, invoiceReceivables: 1, invoicePayables: 1, ledgerAccounts: 1, users: 1 } });
    env = resolveEnvironment('custom', sim.url);
  });
  after(() => sim.stop());
  beforeEach(async () => {
    port = await freePort();
    broker = new CallbackBroker(silentLogger);
  });
  afterEach(() => assert.strictEqual(broker.waiting, 0));

  function context(openBrowser: (url: string) => Promise<void>, over: Partial<FlowContext> = {}): FlowContext {
    return { env, clientId: client.clientId, codeChallenge: challengeS256(createVerifier()), openBrowser, signal: new AbortController().signal, timeoutMs: 2_000, ...over };
  }

  it('signs in against Light with the exact redirect URI, then closes its port', async () => {
    const verifier = createVerifier();
    let page = '';
    const flow = new LoopbackFlow({ broker, port, logger: silentLogger });
    const result = await flow.run(
      context(
        async (url) => {
          const back = await approveInBrowser(url);
          assert.strictEqual(back.origin, `http://127.0.0.1:${port}`);
          const res = await fetch(back.toString());
          assert.strictEqual(res.status, 200);
          page = await res.text();
        },
        { codeChallenge: challengeS256(verifier) },
      ),
    );
    assert.strictEqual(result.redirectUri, `http://127.0.0.1:${port}/callback`);
    assert.strictEqual(sim.control.lastAuthorize()?.redirect_uri, result.redirectUri);
    assert.match(page, /You are signed in/);
    assert.ok(!page.includes(result.code));
    const tokens = await exchangeCode(env, client, { code: result.code, redirectUri: result.redirectUri, codeVerifier: verifier });
    assert.match(tokens.accessToken, /^ey/);
    await refused(port);
  });

  it('answers forged callbacks and strays with an error page and keeps waiting', async () => {
    const log = recorder();
    broker = new CallbackBroker(log); // as in the extension: the flow and the broker log to the same place
    const flow = new LoopbackFlow({ broker, port, logger: log });
    const result = await flow.run(
      context(async (url) => {
        const favicon = await fetch(`http://127.0.0.1:${port}/favicon.ico`);
        assert.strictEqual(favicon.status, 404);
        const forged = await fetch(`http://127.0.0.1:${port}/callback?code=evil&state=forged`);
        assert.strictEqual(forged.status, 400);
        assert.match(await forged.text(), /not recognized/);
        assert.strictEqual(broker.waiting, 1);
        const real = await fetch(`http://127.0.0.1:${port}/callback?code=good&state=${encodeURIComponent(stateOf(url))}`);
        assert.strictEqual(real.status, 200);
      }),
    );
    assert.strictEqual(result.code, 'good');
    assert.match(log.lines.join('\n'), /did not send/);
    assert.ok(!log.lines.join('\n').includes('evil'));
    await refused(port);
  });

  it('accepts the callback on any path', async () => {
    for (const path of [`/proxy/${port}/`, '/']) {
      const flow = new LoopbackFlow({ broker, port, logger: silentLogger });
      const result = await flow.run(
        context(async (url) => {
          const back = await approveInBrowser(url);
          back.pathname = path;
          assert.strictEqual((await fetch(back.toString())).status, 200);
        }),
      );
      assert.strictEqual(result.redirectUri, `http://127.0.0.1:${port}/callback`);
      await refused(port);
    }
  });

  it('rejects with the error Light sent and shows it on the page', async () => {
    let page = '';
    const flow = new LoopbackFlow({ broker, port, logger: silentLogger });
    await assert.rejects(
      flow.run(
        context(async (url) => {
          const res = await fetch(`http://127.0.0.1:${port}/callback?error=access_denied&error_description=%3Cb%3Eno%3C%2Fb%3E&state=${encodeURIComponent(stateOf(url))}`);
          page = await res.text();
        }),
      ),
      (e: unknown) => e instanceof LightError && e.kind === 'callback' && /denied in the browser/.test(e.message),
    );
    assert.match(page, /Sign-in failed/);
    assert.match(page, /denied in the browser/);
    assert.ok(!page.includes('<b>'));
    await refused(port);
  });

  it('names the port and the setting when the port is busy', async () => {
    const busy = http.createServer();
    await new Promise<void>((r) => busy.listen(port, '127.0.0.1', r));
    let opened = false;
    try {
      const flow = new LoopbackFlow({ broker, port, logger: silentLogger });
      await assert.rejects(
        flow.run(context(async () => void (opened = true))),
        (e: unknown) =>
          e instanceof LightError && e.kind === 'config' && e.message.includes(`Port ${port}`) && e.message.includes('light.oauth.loopbackPort') && /registered/.test(e.message),
      );
      assert.strictEqual(opened, false);
    } finally {
      await new Promise((r) => busy.close(r));
    }
  });

  it('closes its port on cancel, on timeout and when the browser cannot be opened', async () => {
    const ac = new AbortController();
    const flow = new LoopbackFlow({ broker, port, logger: silentLogger });
    const cancelled = flow.run(context(async () => void setTimeout(() => ac.abort(), 20), { signal: ac.signal }));
    await assert.rejects(cancelled, (e: unknown) => e instanceof LightError && e.kind === 'cancelled');
    await refused(port);
    await assert.rejects(flow.run(context(async () => {}, { timeoutMs: 50 })), (e: unknown) => e instanceof LightError && e.kind === 'timeout');
    await refused(port);
    await assert.rejects(flow.run(context(() => Promise.reject(new Error('no browser')))), /no browser/);
    await refused(port);
  });

  it('does not wait for a connection the browser opened and left idle', async () => {
    let idle: net.Socket | undefined;
    const flow = new LoopbackFlow({ broker, port, logger: silentLogger });
    await flow.run(
      context(async (url) => {
        idle = net.connect(port, '127.0.0.1');
        await new Promise((r) => idle?.once('connect', r));
        await fetch(`http://127.0.0.1:${port}/?code=c&state=${encodeURIComponent(stateOf(url))}`);
      }),
    );
    assert.ok(idle);
    await new Promise((r) => (idle?.destroyed ? r(undefined) : idle?.once('close', r)));
    await refused(port);
  });

  it('warns when the port is forwarded elsewhere, and still sends Light 127.0.0.1', async () => {
    const log = recorder();
    const seen: string[] = [];
    const flow = new LoopbackFlow({
      broker,
      port,
      logger: log,
      externalize: async (u) => {
        seen.push(u);
        return `http://localhost:${port + 1}/callback`;
      },
    });
    const result = await flow.run(context(async (url) => void (await fetch(`http://127.0.0.1:${port}/callback?code=c&state=${encodeURIComponent(stateOf(url))}`))));
    assert.deepStrictEqual(seen, [`http://127.0.0.1:${port}/callback`]);
    assert.strictEqual(result.redirectUri, `http://127.0.0.1:${port}/callback`);
    assert.match(log.lines.join('\n'), new RegExp(`forwarded to http://localhost:${port + 1}`));
  });
});
