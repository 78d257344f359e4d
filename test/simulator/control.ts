// The control API: in-process switches for tests, and their HTTP form under /__control.
//
// HTTP shape (only when the simulator runs with `controlEndpoint: true` / `--control`):
//   POST /__control/<method>  with a JSON object body (or no body) naming the arguments
//   200 {"ok":true,"result":<return value or null>}   400 {"ok":false,"error":"..."}
//   Methods and bodies: expireAccessTokens {}, revokeAll {}, clearFaults {}, resetCounters {},
//   failNext {"target","count","fault"}, setLatencyMs {"ms"}, setTokenLatencyMs {"ms"},
//   setTokenErrorShape {"shape": "oauth"|"light"|"gateway"}, setAccessTokenTtlSeconds {"seconds"},
//   setRateLimitPerMinute {"limit"}, setMcpAcceptsOAuth {"accept"}, counters {}, lastAuthorize {}, issueTokens {"companyIndex"?}.

import type { IncomingMessage, ServerResponse } from 'http';
import { sendJson } from './http';
import { emptyCounters, SimState } from './state';
import type { Fault, FaultTarget, SimulatorControl, TokenErrorShape, TokenResponse } from './types';

function nonNegativeInteger(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new TypeError(`${name} must be a non-negative integer`);
  }
  return value;
}

export function createControl(sim: SimState): SimulatorControl {
  return {
    expireAccessTokens: () => sim.tokens.expireAccessTokens(),
    revokeAll: () => sim.tokens.revokeAll(),
    failNext: (target: FaultTarget, count: number, fault: Fault) => sim.faults.add(target, count, fault),
    clearFaults: () => sim.faults.clear(),
    setLatencyMs: (ms: number) => {
      sim.latencyMs = nonNegativeInteger(ms, 'ms');
    },
    setTokenLatencyMs: (ms: number) => {
      sim.tokenLatencyMs = nonNegativeInteger(ms, 'ms');
    },
    setTokenErrorShape: (shape: TokenErrorShape) => {
      if (shape !== 'oauth' && shape !== 'light' && shape !== 'gateway') throw new TypeError("shape must be 'oauth', 'light' or 'gateway'");
      sim.tokenErrorShape = shape;
    },
    setAccessTokenTtlSeconds: (seconds: number) => {
      if (nonNegativeInteger(seconds, 'seconds') < 1) {
        throw new TypeError('seconds must be at least 1');
      }
      sim.accessTokenTtlSeconds = seconds;
    },
    setRateLimitPerMinute: (limit: number) => sim.rateLimiter.setLimit(limit),
    setMcpAcceptsOAuth: (accept: boolean) => {
      if (typeof accept !== 'boolean') throw new TypeError('accept must be true or false');
      sim.mcpAcceptsOAuth = accept;
    },
    counters: () => {
      const c = sim.counters;
      const mcp = { ...c.mcp, byMethod: { ...c.mcp.byMethod } };
      return { token: { ...c.token }, tokenErrors: { ...c.tokenErrors }, writes: c.writes, api: c.api, authorize: c.authorize, mcp };
    },
    resetCounters: () => {
      sim.counters = emptyCounters();
    },
    lastAuthorize: () => (sim.lastAuthorize ? { ...sim.lastAuthorize } : null),
    issueTokens: (companyIndex = 0): TokenResponse => {
      const company = sim.companies[companyIndex];
      if (!company) {
        throw new RangeError(`No company at index ${companyIndex}`);
      }
      const user = company.users[0];
      return sim.tokens.issueDirect({ companyIndex, companyId: company.id, userId: user.id, email: user.email, clientId: company.clientId });
    },
  };
}

type Args = Record<string, unknown>;

const METHODS: Record<string, (c: SimulatorControl, a: Args) => unknown> = {
  expireAccessTokens: (c) => c.expireAccessTokens(),
  revokeAll: (c) => c.revokeAll(),
  clearFaults: (c) => c.clearFaults(),
  resetCounters: (c) => c.resetCounters(),
  failNext: (c, a) => c.failNext(a.target as FaultTarget, a.count === undefined ? 1 : (a.count as number), a.fault as Fault),
  setLatencyMs: (c, a) => c.setLatencyMs(a.ms as number),
  setAccessTokenTtlSeconds: (c, a) => c.setAccessTokenTtlSeconds(a.seconds as number),
  setTokenLatencyMs: (c, a) => c.setTokenLatencyMs(a.ms as number),
  setTokenErrorShape: (c, a) => c.setTokenErrorShape(a.shape as TokenErrorShape),
  setRateLimitPerMinute: (c, a) => c.setRateLimitPerMinute(a.limit as number),
  setMcpAcceptsOAuth: (c, a) => c.setMcpAcceptsOAuth(a.accept as boolean),
  counters: (c) => c.counters(),
  lastAuthorize: (c) => c.lastAuthorize(),
  issueTokens: (c, a) => c.issueTokens(a.companyIndex as number | undefined),
};

/** POST /__control/<method>. */
export function handleControlHttp(control: SimulatorControl, req: IncomingMessage, res: ServerResponse, name: string, body: string): void {
  const method = Object.prototype.hasOwnProperty.call(METHODS, name) ? METHODS[name] : undefined;
  if (!method) {
    sendJson(res, 404, { ok: false, error: `Unknown control method '${name}'`, methods: Object.keys(METHODS) });
    return;
  }
  if (req.method !== 'POST') {
    sendJson(res, 405, { ok: false, error: 'Use POST' }, { Allow: 'POST' });
    return;
  }
  let args: Args = {};
  try {
    const parsed: unknown = body.trim() ? JSON.parse(body) : {};
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new TypeError('The body must be a JSON object');
    }
    args = parsed as Args;
    const result = method(control, args);
    sendJson(res, 200, { ok: true, result: result === undefined ? null : result });
  } catch (err) {
    sendJson(res, 400, { ok: false, error: err instanceof Error ? err.message : String(err) });
  }
}
