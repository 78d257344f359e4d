import * as assert from 'assert';
import * as http from 'http';
import type { AddressInfo } from 'net';
import { resolveEnvironment } from '../../../src/core/auth/environment';
import { exchangeCode, refreshTokens } from '../../../src/core/auth/tokenClient';
import { LightError } from '../../../src/core/errors';
import { errorFromBody, httpRequest, MAX_RESPONSE_BYTES } from '../../../src/core/http';

interface Seen {
  method?: string;
  url?: string;
  auth?: string;
  type?: string;
  body: string;
}

interface Server {
  url: string;
  seen: Seen[];
  close(): void;
}

/** A server on a loopback address that records every request it receives and answers with `handle`. */
async function serve(handle: (req: http.IncomingMessage, res: http.ServerResponse) => void, host = '127.0.0.1'): Promise<Server> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, auth: req.headers.authorization, type: req.headers['content-type'], body });
      handle(req, res);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);
  });
  return {
    url: `http://${host}:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

const json = (res: http.ServerResponse, status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

function isHttpError(pattern: RegExp) {
  return (e: unknown) => {
    assert.ok(e instanceof LightError, `not a LightError: ${String(e)}`);
    assert.strictEqual(e.kind, 'http', e.message);
    assert.match(e.message, pattern);
    return true;
  };
}

describe('the HTTP path', () => {
  const servers: Server[] = [];
  const start = async (handle: (req: http.IncomingMessage, res: http.ServerResponse) => void, host?: string) => {
    const s = await serve(handle, host);
    servers.push(s);
    return s;
  };
  afterEach(() => {
    for (const s of servers.splice(0)) s.close();
  });

  it('follows redirects, keeping Authorization on the same origin and dropping it elsewhere', async () => {
    const other = await start((_req, res) => json(res, 200, { ok: true }));
    const main = await start((req, res) => {
      if (req.url === '/start') res.writeHead(302, { location: '/moved' }).end();
      else res.writeHead(307, { location: `${other.url}/elsewhere` }).end();
    });
    const res = await httpRequest<{ ok: boolean }>({ url: `${main.url}/start`, headers: { Authorization: 'Bearer t' } });
    assert.deepStrictEqual(res.body, { ok: true });
    assert.deepStrictEqual(
      [...main.seen, ...other.seen].map((s) => s.auth),
      ['Bearer t', 'Bearer t', undefined],
    );
  });

  it('drops Authorization on a redirect to another host (127.0.0.2) and to another port of the same host', async function () {
    const otherHost = await start((_req, res) => json(res, 200, { ok: true }), '127.0.0.2').catch(() => undefined);
    if (!otherHost) return this.skip(); // 127.0.0.2 is not a loopback address on every system
    const otherPort = await start((req, res) => (req.url === '/back' ? res.writeHead(302, { location: `${main.url}/end` }).end() : json(res, 200, { ok: true })));
    const main = await start((req, res) => {
      if (req.url === '/host') res.writeHead(302, { location: `${otherHost.url}/x` }).end();
      else if (req.url === '/port') res.writeHead(302, { location: `${otherPort.url}/back` }).end();
      else json(res, 200, { ok: true });
    });
    await httpRequest({ url: `${main.url}/host`, headers: { Authorization: 'Bearer t' } });
    await httpRequest({ url: `${main.url}/port`, headers: { authorization: 'Bearer t' } }); // whatever the header's case
    assert.deepStrictEqual(otherHost.seen.map((s) => s.auth), [undefined]);
    assert.deepStrictEqual(otherPort.seen.map((s) => s.auth), [undefined]);
    // once dropped it stays dropped, even when the chain comes back to the first origin
    assert.deepStrictEqual(main.seen.map((s) => [s.url, s.auth]), [['/host', 'Bearer t'], ['/port', 'Bearer t'], ['/end', undefined]]);
  });

  for (const status of [307, 308]) {
    it(`refuses a ${status} from the token endpoint: the redirect target receives nothing`, async () => {
      const target = await start((_req, res) => json(res, 200, { access_token: 'stolen', expires_in: 60 }));
      const token = await start((_req, res) => res.writeHead(status, { location: `${target.url}/steal?grab=everything` }).end());
      const env = resolveEnvironment('custom', token.url);
      const client = { clientId: 'client-id', clientSecret: 'client-secret-value' };
      const refused = isHttpError(new RegExp(`answered with a redirect \\(HTTP ${status} to ${target.url}\\); the extension does not send credentials on`));
      await assert.rejects(refreshTokens(env, client, 'refresh-token-value'), refused);
      await assert.rejects(exchangeCode(env, client, { code: 'code-value', redirectUri: 'http://127.0.0.1:9/cb', codeVerifier: 'verifier-value' }), refused);
      const err = await refreshTokens(env, client, 'refresh-token-value').catch((e: LightError) => e);
      assert.ok(err instanceof LightError && !err.message.includes('grab'), String(err));
      assert.strictEqual(token.seen.length, 3);
      assert.strictEqual(target.seen.length, 0);
    });
  }

  it('refuses a 308 that would carry a body to another origin, and follows one on the same origin', async () => {
    const other = await start((_req, res) => json(res, 200, { ok: true }));
    const main = await start((req, res) => {
      if (req.url === '/away') res.writeHead(308, { location: `${other.url}/x` }).end();
      else if (req.url === '/here') res.writeHead(308, { location: '/there' }).end();
      else json(res, 200, { ok: true });
    });
    await assert.rejects(httpRequest({ url: `${main.url}/away`, json: { amount: 1 } }), isHttpError(/redirected a request with a body to another address/));
    assert.strictEqual(other.seen.length, 0);
    await httpRequest({ url: `${main.url}/here`, method: 'PUT', json: { amount: 2 } });
    assert.deepStrictEqual(main.seen.at(-1), { method: 'PUT', url: '/there', auth: undefined, type: 'application/json', body: '{"amount":2}' });
  });

  it('turns a POST into a GET without a body on 301, 302 and 303', async () => {
    const other = await start((_req, res) => json(res, 200, { ok: true }));
    const main = await start((req, res) => res.writeHead(Number(req.url?.slice(1)), { location: `${other.url}/after${req.url}` }).end());
    for (const status of [301, 302, 303]) await httpRequest({ url: `${main.url}/${status}`, form: new URLSearchParams({ a: 'b' }) });
    assert.deepStrictEqual(main.seen.map((s) => [s.method, s.type, s.body]), Array(3).fill(['POST', 'application/x-www-form-urlencoded', 'a=b']));
    assert.deepStrictEqual(other.seen.map((s) => [s.method, s.url, s.type, s.body]), [301, 302, 303].map((n) => ['GET', `/after/${n}`, undefined, '']));
  });

  it('sends json as application/json, with the method asked for', async () => {
    const main = await start((_req, res) => json(res, 200, { ok: true }));
    await httpRequest({ url: `${main.url}/a`, json: { name: 'Acme' } });
    await httpRequest({ url: `${main.url}/b`, method: 'PATCH', json: [1, 2] });
    await httpRequest({ url: `${main.url}/c`, method: 'DELETE' });
    assert.deepStrictEqual(main.seen.map((s) => [s.method, s.type, s.body]), [
      ['POST', 'application/json', '{"name":"Acme"}'],
      ['PATCH', 'application/json', '[1,2]'],
      ['DELETE', undefined, ''],
    ]);
  });

  it('stops reading a body past 5 MB: a streamed 20 MB answer fails fast without being read to the end', async () => {
    const total = 20 * 1024 * 1024;
    let written = 0;
    let closed = false;
    const main = await start((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.on('close', () => (closed = true));
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const more = () => {
        while (written < total && !closed) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', more);
        }
        res.end();
      };
      more();
    });
    const t0 = Date.now();
    await assert.rejects(httpRequest({ url: `${main.url}/big` }), isHttpError(/^Light answered with more than 5 MB \(HTTP 200, 127\.0\.0\.1:\d+\/big\)/));
    assert.ok(Date.now() - t0 < 5_000, `took ${Date.now() - t0} ms`);
    await new Promise((r) => setTimeout(r, 100));
    assert.ok(closed, 'the connection was not closed');
    assert.ok(written < total, `the server wrote all ${written} bytes`);
    assert.strictEqual(MAX_RESPONSE_BYTES, 5 * 1024 * 1024);
  });

  it('refuses a declared Content-Length past the cap before reading any of it, and honours maxBytes', async () => {
    const main = await start((req, res) => {
      if (req.url === '/huge') {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(400 * 1024 * 1024) });
        res.write('[');
      } else json(res, 200, { text: 'x'.repeat(2000) });
    });
    await assert.rejects(httpRequest({ url: `${main.url}/huge` }), isHttpError(/more than 5 MB/));
    await assert.rejects(httpRequest({ url: `${main.url}/small`, maxBytes: 1000 }), isHttpError(/more than 1000 bytes/));
    assert.strictEqual((await httpRequest<{ text: string }>({ url: `${main.url}/small`, maxBytes: 3000 })).body.text.length, 2000);
  });

  it("puts each of Light's messages into `messages`, for both of its error shapes", async () => {
    const exception = { name: 'BadRequestException', type: 'BAD_REQUEST', errors: [{ type: 'BAD_REQUEST', message: 'amount is required' }, { type: 'BAD_REQUEST', message: 'currency is unknown' }] };
    const gateway = { type: 'MISSING_PARAMETER', message: "Missing parameter 'redirectUri'" };
    assert.deepStrictEqual(errorFromBody(400, exception, 'x').messages, ['amount is required', 'currency is unknown']);
    assert.deepStrictEqual(errorFromBody(400, gateway, 'x').messages, ["Missing parameter 'redirectUri'"]);
    assert.deepStrictEqual(errorFromBody(401, gateway, 'x').messages, ["Missing parameter 'redirectUri'"]);
    assert.strictEqual(errorFromBody(400, { error: 'invalid_grant' }, 'x').messages, undefined);
    assert.strictEqual(errorFromBody(502, undefined, 'x').messages, undefined);
    const main = await start((_req, res) => json(res, 422, exception));
    const err = await httpRequest({ url: main.url }).catch((e: LightError) => e);
    assert.ok(err instanceof LightError);
    assert.deepStrictEqual(err.messages, ['amount is required', 'currency is unknown']);
    assert.match(err.message, /HTTP 422 BAD_REQUEST: amount is required; currency is unknown/);
  });
});
