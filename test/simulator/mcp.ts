// Light's hosted MCP server at /rest/ext/mcp (Streamable HTTP transport, MCP 2025-11-25, 2025-06-18 and
// 2025-03-26): sessions, JSON-RPC over POST, and two read-only tools over the caller's company data.

import { randomUUID } from 'crypto';
import type { IncomingMessage, ServerResponse } from 'http';
import { mediaType, readBody, sendJson } from './http';
import type { CompanyDataset } from './models';
import { runList } from './query';
import { VENDOR_LIST } from './resources';
import type { McpSession, SimState } from './state';

export const MCP_PATH = '/rest/ext/mcp';
/** Newest first: an unknown requested version gets the first. */
export const MCP_PROTOCOL_VERSIONS = ['2025-11-25', '2025-06-18', '2025-03-26'];
const SERVER_INFO = { name: 'light', title: 'Light', version: '0.0.0-simulator' };

const UNAUTHORIZED = { type: 'UNAUTHORIZED', message: 'Credentials are required to access this resource' };
const TOO_MANY_REQUESTS = { type: 'TOO_MANY_REQUESTS', message: 'Rate limit exceeded, retry after the time given in Retry-After' };

const PARSE_ERROR = -32700;
const INVALID_REQUEST = -32600;
const METHOD_NOT_FOUND = -32601;
const INVALID_PARAMS = -32602;
/** Transport errors (no session, unknown session, wrong method or media type), as the MCP TypeScript SDK words them. */
const TRANSPORT_ERROR = -32000;
const SESSION_NOT_FOUND = -32001;

type Id = string | number;

interface Message {
  jsonrpc: '2.0';
  id?: Id;
  method?: string;
  params?: Record<string, unknown>;
}

type Reply = { jsonrpc: '2.0'; id: Id | null; result: unknown } | { jsonrpc: '2.0'; id: Id | null; error: { code: number; message: string } };

interface McpCaller {
  companyIndex: number;
  kind: 'oauth' | 'personal';
  rateKey: string;
}

function result(id: Id, value: unknown): Reply {
  return { jsonrpc: '2.0', id, result: value };
}

function rpcError(id: Id | null, code: number, message: string): Reply {
  return { jsonrpc: '2.0', id, error: { code, message } };
}

function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match ? match[1] : null;
}

/** A personal MCP token of a company, or (when the switch allows) a live OAuth access token. API keys never. */
function authenticate(sim: SimState, token: string | null): McpCaller | null {
  if (!token) return null;
  const personal = sim.companies.findIndex((c) => c.mcpToken === token);
  if (personal >= 0) return { companyIndex: personal, kind: 'personal', rateKey: `mcp:personal:${personal}` };
  const live = sim.mcpAcceptsOAuth ? sim.tokens.verifyAccessToken(token) : null;
  return live ? { companyIndex: live.companyIndex, kind: 'oauth', rateKey: `mcp:token:${live.jti}` } : null;
}

/** No Origin (a desktop client) or a loopback one; anything else may be DNS rebinding. */
function allowedOrigin(origin: string | undefined): boolean {
  if (origin === undefined) return true;
  try {
    const url = new URL(origin);
    const host = url.hostname;
    return (url.protocol === 'http:' || url.protocol === 'https:') && (host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host));
  } catch {
    return false;
  }
}

/** How to answer a request: JSON unless the client's Accept prefers an event stream; null when it takes neither. */
function answerFormat(accept: string | undefined): 'json' | 'sse' | null {
  if (!accept || !accept.trim()) return 'json';
  let json = 0;
  let sse = 0;
  for (const part of accept.split(',')) {
    const [type, ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    const weight = q ? Number(q.slice(2)) || 0 : 1;
    if (type === 'application/json' || type === 'application/*' || type === '*/*') json = Math.max(json, weight);
    if (type === 'text/event-stream' || type === 'text/*' || type === '*/*') sse = Math.max(sse, weight);
  }
  if (json <= 0 && sse <= 0) return null;
  return sse > json ? 'sse' : 'json';
}

function answer(res: ServerResponse, format: 'json' | 'sse', body: unknown, headers: Record<string, string>): void {
  if (format === 'json') {
    sendJson(res, 200, body, headers);
    return;
  }
  const text = `event: message\ndata: ${JSON.stringify(body)}\n\n`;
  res.writeHead(200, { ...headers, 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function noContent(res: ServerResponse, status: 202 | 204, headers: Record<string, string>): void {
  res.writeHead(status, { ...headers, 'Content-Length': 0 });
  res.end();
}

/** Why `m` is not a JSON-RPC request, notification or response, or null when it is one. */
function invalidReason(m: unknown): string | null {
  if (typeof m !== 'object' || m === null || Array.isArray(m)) return 'A JSON-RPC message must be an object';
  const r = m as Record<string, unknown>;
  if (r.jsonrpc !== '2.0') return "jsonrpc must be '2.0'";
  if ('id' in r && typeof r.id !== 'string' && typeof r.id !== 'number') return 'id must be a string or a number';
  if ('method' in r) {
    if (typeof r.method !== 'string') return 'method must be a string';
    if ('params' in r && (typeof r.params !== 'object' || r.params === null || Array.isArray(r.params))) return 'params must be an object';
    return null;
  }
  return 'id' in r && ('result' in r || 'error' in r) ? null : 'Not a request, a notification or a response';
}

function idOf(m: unknown): Id | null {
  const id = typeof m === 'object' && m !== null ? (m as { id?: unknown }).id : undefined;
  return typeof id === 'string' || typeof id === 'number' ? id : null;
}

class ToolInputError extends Error {}

interface Tool {
  definition: { name: string; title: string; description: string; inputSchema: Record<string, unknown>; annotations: { readOnlyHint: true } };
  run(data: CompanyDataset, args: Record<string, unknown>): string;
}

function checkArguments(args: Record<string, unknown>, allowed: string[]): void {
  const unknown = Object.keys(args).find((key) => !allowed.includes(key));
  if (unknown !== undefined) throw new ToolInputError(`Unknown argument '${unknown}'`);
}

export const MCP_TOOLS: Tool[] = [
  {
    definition: {
      name: 'get_company',
      title: 'Get company',
      description: 'The Light company this connection reads: its id, name and base currency.',
      inputSchema: { type: 'object', properties: {}, additionalProperties: false },
      annotations: { readOnlyHint: true },
    },
    run: (data, args) => {
      checkArguments(args, []);
      const { id, name, baseCurrency } = data.company;
      return JSON.stringify({ id, name, baseCurrency }, null, 2);
    },
  },
  {
    definition: {
      name: 'list_vendors',
      title: 'List vendors',
      description: "The company's vendors by name, optionally those matching a search term (name, email, identifier, VAT id, website).",
      inputSchema: {
        type: 'object',
        properties: {
          searchTerm: { type: 'string', description: 'Case-insensitive partial match' },
          limit: { type: 'integer', minimum: 1, maximum: 50, default: 20, description: 'Vendors to return' },
        },
        additionalProperties: false,
      },
      annotations: { readOnlyHint: true },
    },
    run: (data, args) => {
      checkArguments(args, ['searchTerm', 'limit']);
      const { searchTerm, limit = 20 } = args;
      if (searchTerm !== undefined && typeof searchTerm !== 'string') throw new ToolInputError('searchTerm must be a string');
      if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > 50) throw new ToolInputError('limit must be an integer from 1 to 50');
      const query = new URLSearchParams({ cursor: '0', limit: String(limit), ...(searchTerm ? { searchTerm } : {}) });
      const page = runList(VENDOR_LIST, data.vendors, query);
      const vendors = page.records.map((v) => ({ id: v.vendorId, name: v.name, email: v.email, status: v.status, country: v.country }));
      return JSON.stringify({ vendors, hasMore: page.hasMore }, null, 2);
    },
  },
];

function callTool(data: CompanyDataset, id: Id, params: Record<string, unknown>): Reply {
  const tool = MCP_TOOLS.find((t) => t.definition.name === params.name);
  if (!tool) return rpcError(id, INVALID_PARAMS, `Unknown tool: ${String(params.name)}`);
  const args = params.arguments ?? {};
  if (typeof args !== 'object' || args === null || Array.isArray(args)) return rpcError(id, INVALID_PARAMS, 'arguments must be an object');
  try {
    return result(id, { content: [{ type: 'text', text: tool.run(data, args as Record<string, unknown>) }] });
  } catch (err) {
    if (!(err instanceof ToolInputError)) throw err;
    return result(id, { content: [{ type: 'text', text: err.message }], isError: true });
  }
}

function count(sim: SimState, method: string): void {
  const byMethod = sim.counters.mcp.byMethod;
  byMethod[method] = (byMethod[method] ?? 0) + 1;
}

/** The reply to one message of a session, or undefined for notifications and responses. */
function dispatch(sim: SimState, session: McpSession, message: Message): Reply | undefined {
  if (message.method === undefined) return undefined;
  count(sim, message.method);
  if (message.id === undefined) return undefined;
  const id = message.id;
  switch (message.method) {
    case 'ping':
      return result(id, {});
    case 'tools/list':
      return result(id, { tools: MCP_TOOLS.map((t) => t.definition) });
    case 'tools/call':
      return callTool(sim.datasets[session.companyIndex], id, message.params ?? {});
    case 'initialize':
      return rpcError(id, INVALID_REQUEST, 'initialize opens a session; it cannot be part of a batch');
    default:
      return rpcError(id, METHOD_NOT_FOUND, `Method not found: ${message.method}`);
  }
}

/** The session a request names, checked; otherwise answers 400 or 404 and returns null. */
function sessionOf(sim: SimState, req: IncomingMessage, res: ServerResponse, caller: McpCaller, headers: Record<string, string>): { id: string; session: McpSession } | null {
  const id = req.headers['mcp-session-id'];
  if (typeof id !== 'string' || id === '') {
    sendJson(res, 400, rpcError(null, TRANSPORT_ERROR, 'Bad Request: Mcp-Session-Id header is required'), headers);
    return null;
  }
  const session = sim.mcpSessions.get(id);
  if (!session || session.companyIndex !== caller.companyIndex) {
    sendJson(res, 404, rpcError(null, SESSION_NOT_FOUND, 'Session not found'), headers);
    return null;
  }
  const version = req.headers['mcp-protocol-version'];
  if (typeof version === 'string' && !MCP_PROTOCOL_VERSIONS.includes(version)) {
    sendJson(res, 400, rpcError(null, TRANSPORT_ERROR, `Bad Request: Unsupported MCP-Protocol-Version '${version}' (supported: ${MCP_PROTOCOL_VERSIONS.join(', ')})`), headers);
    return null;
  }
  return { id, session };
}

/** Any request to MCP_PATH, after counters, latency and faults. */
export async function handleMcp(sim: SimState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!allowedOrigin(req.headers.origin)) {
    sendJson(res, 403, rpcError(null, TRANSPORT_ERROR, 'Forbidden: Origin not allowed'));
    return;
  }
  const token = bearerToken(req.headers.authorization);
  const caller = authenticate(sim, token);
  const rate = sim.rateLimiter.hit(caller ? caller.rateKey : `mcp:anonymous:${req.socket.remoteAddress ?? ''}`);
  const headers = rate.headers;
  if (!rate.allowed) {
    sendJson(res, 429, TOO_MANY_REQUESTS, headers);
    return;
  }
  if (!caller) {
    sendJson(res, 401, UNAUTHORIZED, { ...headers, 'WWW-Authenticate': token ? 'Bearer realm="light", error="invalid_token"' : 'Bearer realm="light"' });
    return;
  }
  sim.counters.mcp.lastAuthorization = caller.kind;

  const method = req.method ?? 'GET';
  if (method === 'DELETE') {
    const named = sessionOf(sim, req, res, caller, headers);
    if (named) {
      sim.mcpSessions.delete(named.id);
      noContent(res, 204, headers);
    }
    return;
  }
  if (method !== 'POST') {
    sendJson(res, 405, rpcError(null, TRANSPORT_ERROR, `Method not allowed: ${method} (this server opens no event stream on GET)`), { ...headers, Allow: 'POST, DELETE' });
    return;
  }
  if (mediaType(req) !== 'application/json') {
    sendJson(res, 415, rpcError(null, TRANSPORT_ERROR, 'Unsupported Media Type: Content-Type must be application/json'), headers);
    return;
  }
  const format = answerFormat(req.headers.accept);
  if (!format) {
    sendJson(res, 406, rpcError(null, TRANSPORT_ERROR, 'Not Acceptable: accept application/json or text/event-stream'), headers);
    return;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readBody(req));
  } catch (err) {
    if (err instanceof Error && err.message === 'Request body too large') throw err;
    sendJson(res, 400, rpcError(null, PARSE_ERROR, 'Parse error'), headers);
    return;
  }

  if (Array.isArray(parsed)) {
    const named = sessionOf(sim, req, res, caller, headers);
    if (!named) return;
    if (named.session.protocolVersion !== '2025-03-26' || parsed.length === 0) {
      const why = parsed.length === 0 ? 'An empty batch' : `JSON-RPC batches are not part of MCP ${named.session.protocolVersion}`;
      sendJson(res, 400, rpcError(null, INVALID_REQUEST, `Invalid Request: ${why}`), headers);
      return;
    }
    const replies = parsed
      .map((m: unknown) => {
        const problem = invalidReason(m);
        return problem ? rpcError(idOf(m), INVALID_REQUEST, `Invalid Request: ${problem}`) : dispatch(sim, named.session, m as Message);
      })
      .filter((r): r is Reply => r !== undefined);
    if (replies.length === 0) noContent(res, 202, headers);
    else answer(res, format, replies, headers);
    return;
  }

  const problem = invalidReason(parsed);
  if (problem) {
    sendJson(res, 400, rpcError(idOf(parsed), INVALID_REQUEST, `Invalid Request: ${problem}`), headers);
    return;
  }
  const message = parsed as Message;
  if (message.method === 'initialize') {
    if (message.id === undefined) {
      sendJson(res, 400, rpcError(null, INVALID_REQUEST, 'Invalid Request: initialize must be a request, with an id'), headers);
      return;
    }
    count(sim, 'initialize');
    const requested = message.params?.protocolVersion;
    if (typeof requested !== 'string') {
      answer(res, format, rpcError(message.id, INVALID_PARAMS, 'initialize needs params.protocolVersion'), headers);
      return;
    }
    const protocolVersion = MCP_PROTOCOL_VERSIONS.includes(requested) ? requested : MCP_PROTOCOL_VERSIONS[0];
    const sessionId = randomUUID();
    sim.mcpSessions.set(sessionId, { companyIndex: caller.companyIndex, protocolVersion });
    const company = sim.datasets[caller.companyIndex].company;
    const instructions = `Read-only access to the Light company ${company.name}: get_company describes it, list_vendors finds its vendors.`;
    const initialized = { protocolVersion, capabilities: { tools: { listChanged: false } }, serverInfo: SERVER_INFO, instructions };
    answer(res, format, result(message.id, initialized), { ...headers, 'Mcp-Session-Id': sessionId });
    return;
  }
  const named = sessionOf(sim, req, res, caller, headers);
  if (!named) return;
  const reply = dispatch(sim, named.session, message);
  if (reply === undefined) noContent(res, 202, headers);
  else answer(res, format, reply, headers);
}
