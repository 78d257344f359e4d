import * as assert from 'assert';
import fetch, { Response } from 'node-fetch';
import { DEV_CREDENTIALS, Simulator, startSimulator } from '..';
import { SMALL_COUNTS, apiGet, basic, bearer, getJson, signIn } from '../../support/simulatorClient';

const MCP = '/rest/ext/mcp';
const PERSONAL = bearer(DEV_CREDENTIALS.production.mcpToken);
const SANDBOX_PERSONAL = bearer(DEV_CREDENTIALS.sandbox.mcpToken);
const JSON_POST = { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' };

interface RpcReply {
  jsonrpc: string;
  id: string | number | null;
  result?: Record<string, unknown>;
  error?: { code: number; message: string };
}

interface ToolResult {
  content: { type: string; text: string }[];
  isError?: boolean;
}

function post(sim: Simulator, body: unknown, headers: Record<string, string>): Promise<Response> {
  return fetch(`${sim.url}${MCP}`, { method: 'POST', headers: { ...JSON_POST, ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

function withSession(auth: Record<string, string>, session: string): Record<string, string> {
  return { ...auth, 'Mcp-Session-Id': session, 'MCP-Protocol-Version': '2025-11-25' };
}

async function initialize(sim: Simulator, auth: Record<string, string>, protocolVersion = '2025-11-25'): Promise<{ session: string; reply: RpcReply }> {
  const res = await post(sim, { jsonrpc: '2.0', id: 0, method: 'initialize', params: { protocolVersion, capabilities: {}, clientInfo: { name: 'test', version: '1' } } }, auth);
  assert.strictEqual(res.status, 200);
  assert.match(res.headers.get('content-type') as string, /^application\/json/);
  return { session: res.headers.get('mcp-session-id') as string, reply: (await res.json()) as RpcReply };
}

/** initialize, then notifications/initialized: the session id to use from then on. */
async function open(sim: Simulator, auth: Record<string, string>): Promise<string> {
  const { session } = await initialize(sim, auth);
  const res = await post(sim, { jsonrpc: '2.0', method: 'notifications/initialized' }, withSession(auth, session));
  assert.strictEqual(res.status, 202);
  return session;
}

async function rpc(sim: Simulator, headers: Record<string, string>, method: string, params?: unknown, id: string | number = 1): Promise<RpcReply> {
  const res = await post(sim, { jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) }, headers);
  assert.strictEqual(res.status, 200, `${method}: ${res.status}`);
  return (await res.json()) as RpcReply;
}

async function callTool(sim: Simulator, headers: Record<string, string>, name: string, args?: Record<string, unknown>): Promise<ToolResult> {
  const reply = await rpc(sim, headers, 'tools/call', { name, ...(args === undefined ? {} : { arguments: args }) });
  assert.ok(reply.result, JSON.stringify(reply.error));
  return reply.result as unknown as ToolResult;
}

function toolJson<T>(result: ToolResult): T {
  assert.strictEqual(result.isError, undefined, result.content[0]?.text);
  assert.strictEqual(result.content.length, 1);
  assert.strictEqual(result.content[0].type, 'text');
  return JSON.parse(result.content[0].text) as T;
}

interface VendorsText {
  vendors: { id: string; name: string; email: string | null; status: string }[];
  hasMore: boolean;
}

describe('Light simulator: MCP server', () => {
  let sim: Simulator;

  before(async () => {
    sim = await startSimulator({ host: '127.0.0.1', port: 0, autoApprove: true, counts: SMALL_COUNTS });
  });
  afterEach(() => {
    sim.control.setMcpAcceptsOAuth(true);
    sim.control.clearFaults();
  });
  after(() => sim.stop());

  it('runs the handshake with a personal MCP token', async () => {
    const { session, reply } = await initialize(sim, PERSONAL);
    assert.match(session, /^[\x21-\x7e]{16,}$/, 'a visible-ASCII session id');
    const { instructions, ...rest } = reply.result as Record<string, unknown>;
    assert.deepStrictEqual({ ...reply, result: rest }, {
      jsonrpc: '2.0',
      id: 0,
      result: { protocolVersion: '2025-11-25', capabilities: { tools: { listChanged: false } }, serverInfo: { name: 'light', title: 'Light', version: '0.0.0-simulator' } },
    });
    assert.match(instructions as string, /Northwind Trading/);
    const initialized = await post(sim, { jsonrpc: '2.0', method: 'notifications/initialized' }, withSession(PERSONAL, session));
    assert.strictEqual(initialized.status, 202);
    assert.strictEqual(await initialized.text(), '');

    const company = toolJson(await callTool(sim, withSession(PERSONAL, session), 'get_company'));
    const current = await getJson<{ id: string; name: string; baseCurrency: string }>(sim, '/v1/companies/current');
    assert.deepStrictEqual(company, { id: current.id, name: current.name, baseCurrency: current.baseCurrency });
    assert.strictEqual(sim.control.counters().mcp.lastAuthorization, 'personal');
  });

  it("runs it with an OAuth access token from the token endpoint, on that token's company", async () => {
    const tokens = await signIn(sim, 1);
    const auth = bearer(tokens.access_token);
    const session = await open(sim, auth);
    const company = toolJson<{ id: string; name: string }>(await callTool(sim, withSession(auth, session), 'get_company'));
    assert.strictEqual(company.id, sim.companies[1].id);
    assert.strictEqual(company.name, 'Northwind Trading (Sandbox)');
    assert.strictEqual(sim.control.counters().mcp.lastAuthorization, 'oauth');
  });

  it('refuses OAuth access tokens after setMcpAcceptsOAuth(false), personal tokens still work', async () => {
    const auth = bearer((await signIn(sim)).access_token);
    const session = await open(sim, auth);
    sim.control.setMcpAcceptsOAuth(false);
    for (const res of [await post(sim, { jsonrpc: '2.0', id: 1, method: 'ping' }, withSession(auth, session)), await post(sim, { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25' } }, auth)]) {
      assert.strictEqual(res.status, 401);
      assert.strictEqual(res.headers.get('www-authenticate'), 'Bearer realm="light", error="invalid_token"');
      assert.deepStrictEqual(await res.json(), { type: 'UNAUTHORIZED', message: 'Credentials are required to access this resource' });
    }
    await open(sim, PERSONAL);
    sim.control.setMcpAcceptsOAuth(true);
    assert.deepStrictEqual((await rpc(sim, withSession(auth, session), 'ping')).result, {});
  });

  it('refuses API keys, missing, unknown and expired tokens; personal tokens are not API credentials', async () => {
    const init = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25' } };
    const cases: [Record<string, string>, string][] = [
      [basic(DEV_CREDENTIALS.production.apiKey), 'Bearer realm="light"'],
      [bearer(DEV_CREDENTIALS.production.apiKey), 'Bearer realm="light", error="invalid_token"'],
      [{}, 'Bearer realm="light"'],
      [bearer('lmcp_not_a_token'), 'Bearer realm="light", error="invalid_token"'],
    ];
    for (const [auth, challenge] of cases) {
      const res = await post(sim, init, auth);
      assert.strictEqual(res.status, 401, JSON.stringify(auth));
      assert.strictEqual(res.headers.get('www-authenticate'), challenge);
      assert.strictEqual(((await res.json()) as { type: string }).type, 'UNAUTHORIZED');
    }
    const expiring = bearer(sim.control.issueTokens().access_token);
    const session = await open(sim, expiring);
    sim.control.expireAccessTokens();
    assert.strictEqual((await post(sim, { jsonrpc: '2.0', id: 1, method: 'ping' }, withSession(expiring, session))).status, 401);
    assert.strictEqual((await apiGet(sim, '/v1/companies/current', PERSONAL)).status, 401);
  });

  it('answers with the requested protocol version when supported, else the latest', async () => {
    for (const version of ['2025-11-25', '2025-06-18', '2025-03-26']) {
      assert.strictEqual((await initialize(sim, PERSONAL, version)).reply.result?.protocolVersion, version);
    }
    assert.strictEqual((await initialize(sim, PERSONAL, '2024-11-05')).reply.result?.protocolVersion, '2025-11-25');
    const { session, reply } = await initialize(sim, PERSONAL, '');
    assert.strictEqual(reply.result?.protocolVersion, '2025-11-25');
    assert.ok(session);
    const missing = await rpc(sim, PERSONAL, 'initialize', {}, 7);
    assert.deepStrictEqual(missing.error?.code, -32602);
    assert.strictEqual(missing.id, 7);
  });

  it('requires the session id after initialize: 400 without, 404 unknown, ended or of another company', async () => {
    const session = await open(sim, PERSONAL);
    const list = { jsonrpc: '2.0', id: 1, method: 'tools/list' };
    const without = await post(sim, list, PERSONAL);
    assert.strictEqual(without.status, 400);
    assert.strictEqual(((await without.json()) as RpcReply).error?.code, -32000);
    assert.strictEqual((await post(sim, { jsonrpc: '2.0', method: 'notifications/initialized' }, PERSONAL)).status, 400);
    const unknown = await post(sim, list, withSession(PERSONAL, '3f1c0d1e-0000-4000-8000-000000000000'));
    assert.strictEqual(unknown.status, 404);
    assert.strictEqual(((await unknown.json()) as RpcReply).error?.code, -32001);
    assert.strictEqual((await post(sim, list, withSession(SANDBOX_PERSONAL, session))).status, 404);
    const badVersion = await post(sim, list, { ...withSession(PERSONAL, session), 'MCP-Protocol-Version': '2099-01-01' });
    assert.strictEqual(badVersion.status, 400);

    assert.strictEqual((await fetch(`${sim.url}${MCP}`, { method: 'DELETE', headers: PERSONAL })).status, 400);
    const ended = await fetch(`${sim.url}${MCP}`, { method: 'DELETE', headers: withSession(PERSONAL, session) });
    assert.strictEqual(ended.status, 204);
    assert.strictEqual((await post(sim, list, withSession(PERSONAL, session))).status, 404);
    assert.strictEqual((await fetch(`${sim.url}${MCP}`, { method: 'DELETE', headers: withSession(PERSONAL, session) })).status, 404);
  });

  it('answers 202 with no body to notifications and to responses', async () => {
    const headers = withSession(PERSONAL, await open(sim, PERSONAL));
    for (const message of [{ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 3 } }, { jsonrpc: '2.0', id: 'srv-1', result: {} }]) {
      const res = await post(sim, message, headers);
      assert.strictEqual(res.status, 202);
      assert.strictEqual(await res.text(), '');
    }
  });

  it('lists two read-only tools with input schemas', async () => {
    const reply = await rpc(sim, withSession(PERSONAL, await open(sim, PERSONAL)), 'tools/list');
    const tools = reply.result?.tools as { name: string; description: string; inputSchema: { type: string; properties: Record<string, unknown> }; annotations: unknown }[];
    assert.deepStrictEqual(tools.map((t) => t.name), ['get_company', 'list_vendors']);
    for (const tool of tools) {
      assert.strictEqual(tool.inputSchema.type, 'object');
      assert.deepStrictEqual(tool.annotations, { readOnlyHint: true });
      assert.ok(tool.description);
    }
    assert.deepStrictEqual(Object.keys(tools[1].inputSchema.properties), ['searchTerm', 'limit']);
    assert.strictEqual(reply.result?.nextCursor, undefined);
  });

  it("lists the vendors the REST API serves for the token's company", async () => {
    const headers = withSession(PERSONAL, await open(sim, PERSONAL));
    const first = toolJson<VendorsText>(await callTool(sim, headers, 'list_vendors'));
    const rest = await getJson(sim, '/v1/vendors?cursor=0&limit=20');
    assert.deepStrictEqual(first.vendors.map((v) => [v.id, v.name, v.email, v.status]), rest.records.map((v) => [v.vendorId, v.name, v.email, v.status]));
    assert.strictEqual(first.hasMore, true);

    const term = first.vendors[3].name.split(' ')[0].slice(0, 4).toLowerCase();
    const found = toolJson<VendorsText>(await callTool(sim, headers, 'list_vendors', { searchTerm: term, limit: 50 }));
    const searched = await getJson(sim, `/v1/vendors?cursor=0&limit=50&searchTerm=${encodeURIComponent(term)}`);
    assert.ok(found.vendors.length > 0);
    assert.deepStrictEqual(found.vendors.map((v) => v.id), searched.records.map((v) => v.vendorId));
    assert.strictEqual(found.hasMore, searched.hasMore);

    const sandbox = toolJson<VendorsText>(await callTool(sim, withSession(SANDBOX_PERSONAL, await open(sim, SANDBOX_PERSONAL)), 'list_vendors', { limit: 5 }));
    const sandboxRest = await getJson(sim, '/v1/vendors?cursor=0&limit=5', basic(DEV_CREDENTIALS.sandbox.apiKey));
    assert.deepStrictEqual(sandbox.vendors.map((v) => v.id), sandboxRest.records.map((v) => v.vendorId));
    assert.notDeepStrictEqual(sandbox.vendors.map((v) => v.id), first.vendors.slice(0, 5).map((v) => v.id));
  });

  it('reports bad tool arguments as tool errors, unknown tools and bad params as -32602', async () => {
    const headers = withSession(PERSONAL, await open(sim, PERSONAL));
    for (const args of [{ limit: 51 }, { limit: 0 }, { limit: 2.5 }, { limit: '10' }, { searchTerm: 4 }, { colour: 'red' }]) {
      const result = await callTool(sim, headers, 'list_vendors', args);
      assert.strictEqual(result.isError, true, JSON.stringify(args));
      assert.strictEqual(result.content[0].type, 'text');
    }
    for (const params of [{ name: 'delete_everything' }, { name: 'get_company', arguments: [1] }, undefined]) {
      const reply = await rpc(sim, headers, 'tools/call', params, 'call-1');
      assert.strictEqual(reply.error?.code, -32602, JSON.stringify(params));
      assert.strictEqual(reply.id, 'call-1');
    }
  });

  it('answers JSON-RPC errors: -32601 unknown method, -32700 parse error, -32600 invalid request; ping is {}', async () => {
    const headers = withSession(PERSONAL, await open(sim, PERSONAL));
    assert.deepStrictEqual(await rpc(sim, headers, 'resources/list', {}, 5), { jsonrpc: '2.0', id: 5, error: { code: -32601, message: 'Method not found: resources/list' } });
    assert.deepStrictEqual(await rpc(sim, headers, 'ping', undefined, 'p'), { jsonrpc: '2.0', id: 'p', result: {} });
    const parse = await post(sim, '{"jsonrpc": "2.0", "id": 1, "method": "pi', headers);
    assert.strictEqual(parse.status, 400);
    assert.deepStrictEqual(((await parse.json()) as RpcReply).error?.code, -32700);
    for (const [message, id] of [[{ jsonrpc: '1.0', id: 3, method: 'ping' }, 3], [{ jsonrpc: '2.0', id: null, method: 'ping' }, null], [{ jsonrpc: '2.0', id: 4, method: 'ping', params: [1] }, 4], [42, null]] as const) {
      const res = await post(sim, message, headers);
      assert.strictEqual(res.status, 400, JSON.stringify(message));
      const reply = (await res.json()) as RpcReply;
      assert.strictEqual(reply.error?.code, -32600);
      assert.strictEqual(reply.id, id);
    }
  });

  it('refuses batches on 2025-06-18 and later, and answers them on 2025-03-26', async () => {
    const batch = [{ jsonrpc: '2.0', id: 1, method: 'ping' }, { jsonrpc: '2.0', method: 'notifications/progress', params: {} }, { jsonrpc: '2.0', id: 2, method: 'tools/list' }, { jsonrpc: '2.0', id: 3 }, { jsonrpc: '2.0', id: 4, method: 'initialize', params: { protocolVersion: '2025-03-26' } }];
    const latest = await post(sim, batch, withSession(PERSONAL, await open(sim, PERSONAL)));
    assert.strictEqual(latest.status, 400);
    assert.strictEqual(((await latest.json()) as RpcReply).error?.code, -32600);

    const { session } = await initialize(sim, PERSONAL, '2025-03-26');
    const headers = { ...PERSONAL, 'Mcp-Session-Id': session };
    const res = await post(sim, batch, headers);
    assert.strictEqual(res.status, 200);
    const replies = (await res.json()) as RpcReply[];
    assert.deepStrictEqual(replies.map((r) => [r.id, r.error?.code ?? 'ok']), [[1, 'ok'], [2, 'ok'], [3, -32600], [4, -32600]]);
    assert.strictEqual((replies[1].result?.tools as unknown[]).length, 2);
    assert.strictEqual((await post(sim, [{ jsonrpc: '2.0', method: 'notifications/initialized' }], headers)).status, 202);
    assert.strictEqual((await post(sim, [], headers)).status, 400);
  });

  it('answers one SSE event when the client accepts only text/event-stream; 406 and 415 otherwise', async () => {
    const sse = { ...PERSONAL, Accept: 'text/event-stream' };
    const init = await post(sim, { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18' } }, sse);
    assert.strictEqual(init.status, 200);
    assert.match(init.headers.get('content-type') as string, /^text\/event-stream/);
    const session = init.headers.get('mcp-session-id') as string;
    assert.ok(session);
    const events = (text: string) => {
      const match = /^event: message\ndata: (.+)\n\n$/.exec(text);
      assert.ok(match, JSON.stringify(text));
      return JSON.parse(match[1]) as RpcReply;
    };
    assert.strictEqual(events(await init.text()).result?.protocolVersion, '2025-06-18');
    const list = await post(sim, { jsonrpc: '2.0', id: 2, method: 'tools/list' }, { ...sse, 'Mcp-Session-Id': session });
    assert.match(list.headers.get('content-type') as string, /^text\/event-stream/);
    assert.strictEqual((events(await list.text()).result?.tools as unknown[]).length, 2);
    const preferred = await post(sim, { jsonrpc: '2.0', id: 3, method: 'ping' }, { ...PERSONAL, 'Mcp-Session-Id': session, Accept: 'text/event-stream, application/json;q=0.5' });
    assert.match(preferred.headers.get('content-type') as string, /^text\/event-stream/);

    const both = await post(sim, { jsonrpc: '2.0', id: 4, method: 'ping' }, { ...PERSONAL, 'Mcp-Session-Id': session });
    assert.match(both.headers.get('content-type') as string, /^application\/json/);
    assert.strictEqual((await post(sim, { jsonrpc: '2.0', id: 5, method: 'ping' }, { ...PERSONAL, 'Mcp-Session-Id': session, Accept: 'text/html' })).status, 406);
    assert.strictEqual((await post(sim, { jsonrpc: '2.0', id: 6, method: 'ping' }, { ...PERSONAL, 'Mcp-Session-Id': session, 'Content-Type': 'text/plain' })).status, 415);
  });

  it('answers GET (and other methods) with 405 and Allow: POST, DELETE', async () => {
    const session = await open(sim, PERSONAL);
    for (const method of ['GET', 'PUT']) {
      const res = await fetch(`${sim.url}${MCP}`, { method, headers: { ...withSession(PERSONAL, session), Accept: 'text/event-stream' } });
      assert.strictEqual(res.status, 405, method);
      assert.strictEqual(res.headers.get('allow'), 'POST, DELETE');
    }
  });

  it('refuses a foreign Origin with 403 and takes loopback ones', async () => {
    const init = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25' } };
    assert.strictEqual((await post(sim, init, { ...PERSONAL, Origin: 'https://attacker.example' })).status, 403);
    assert.strictEqual((await post(sim, init, { ...PERSONAL, Origin: 'null' })).status, 403);
    assert.strictEqual((await post(sim, init, { ...PERSONAL, Origin: sim.url })).status, 200);
  });

  it('counts requests and methods without keeping the token, and resets', async () => {
    sim.control.resetCounters();
    const headers = withSession(PERSONAL, await open(sim, PERSONAL));
    await rpc(sim, headers, 'tools/list');
    await callTool(sim, headers, 'get_company');
    await callTool(sim, headers, 'list_vendors', { limit: 1 });
    await post(sim, { jsonrpc: '2.0', id: 1, method: 'ping' }, {});
    await fetch(`${sim.url}${MCP}`, { headers });
    const counters = sim.control.counters();
    assert.deepStrictEqual(counters.mcp, { requests: 7, byMethod: { initialize: 1, 'notifications/initialized': 1, 'tools/list': 1, 'tools/call': 2 }, lastAuthorization: 'personal' });
    assert.strictEqual(counters.api, 0);
    assert.ok(!JSON.stringify(counters).includes(DEV_CREDENTIALS.production.mcpToken));
    sim.control.resetCounters();
    assert.deepStrictEqual(sim.control.counters().mcp, { requests: 0, byMethod: {}, lastAuthorization: null });
  });

  it("takes queued faults on the 'mcp' target", async () => {
    const headers = withSession(PERSONAL, await open(sim, PERSONAL));
    const ping = { jsonrpc: '2.0', id: 1, method: 'ping' };
    sim.control.failNext('mcp', 1, { kind: 'status', status: 503 });
    const failed = await post(sim, ping, headers);
    assert.strictEqual(failed.status, 503);
    assert.deepStrictEqual(await failed.json(), { type: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' });
    sim.control.failNext('mcp', 1, { kind: 'html' });
    const html = await post(sim, ping, headers);
    assert.strictEqual(html.status, 502);
    assert.match(await html.text(), /Bad Gateway/);
    sim.control.failNext('mcp', 1, { kind: 'malformed' });
    await assert.rejects((await post(sim, ping, headers)).json());
    sim.control.failNext('mcp', 1, { kind: 'reset' });
    await assert.rejects(post(sim, ping, headers));
    assert.throws(() => sim.control.failNext('mcp', 1, { kind: 'lostAnswer' }), TypeError);
    assert.deepStrictEqual((await rpc(sim, headers, 'ping')).result, {});
  });
});

describe('Light simulator: MCP rate limit and control over HTTP', () => {
  let sim: Simulator;

  before(async () => {
    sim = await startSimulator({ host: '127.0.0.1', port: 0, rateLimitPerMinute: 4, controlEndpoint: true, counts: SMALL_COUNTS });
  });
  after(() => sim.stop());

  it('limits each token, apart from its REST API budget', async () => {
    const headers = withSession(PERSONAL, await open(sim, PERSONAL));
    const ping = await post(sim, { jsonrpc: '2.0', id: 1, method: 'ping' }, headers);
    assert.strictEqual(ping.headers.get('x-ratelimit-remaining'), '1');
    assert.strictEqual((await post(sim, { jsonrpc: '2.0', id: 2, method: 'ping' }, headers)).status, 200);
    const over = await post(sim, { jsonrpc: '2.0', id: 3, method: 'ping' }, headers);
    assert.strictEqual(over.status, 429);
    assert.ok(Number(over.headers.get('retry-after')) >= 1);
    assert.strictEqual(((await over.json()) as { type: string }).type, 'TOO_MANY_REQUESTS');
    await open(sim, SANDBOX_PERSONAL);
    assert.strictEqual((await apiGet(sim, '/v1/companies/current', basic(DEV_CREDENTIALS.production.apiKey))).status, 200);
  });

  it('switches OAuth access tokens off and on with setMcpAcceptsOAuth over HTTP', async () => {
    const control = (body: unknown) => fetch(`${sim.url}/__control/setMcpAcceptsOAuth`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const auth = bearer(sim.control.issueTokens().access_token);
    const init = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25' } };
    assert.deepStrictEqual(await (await control({ accept: false })).json(), { ok: true, result: null });
    assert.strictEqual((await post(sim, init, auth)).status, 401);
    assert.strictEqual((await control({ accept: 'no' })).status, 400);
    await control({ accept: true });
    assert.strictEqual((await post(sim, init, auth)).status, 200);
  });
});
