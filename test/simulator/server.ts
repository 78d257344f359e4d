// Request routing: counters, latency, faults, authentication, rate limiting, then the routes.

import type { IncomingMessage, RequestListener, ServerResponse } from 'http';
import { handleApi } from './api';
import { handleControlHttp } from './control';
import { mediaType, queryRecord, readBody, sendHtml, sendJson, sendNotFound } from './http';
import { handleMcp, MCP_PATH } from './mcp';
import { handleAuthorize, handleDecision, handleToken } from './oauth';
import { errorPage } from './pages';
import { handleRelay } from './relay';
import { handleWrite, isWrite } from './writes';
import type { SimState } from './state';
import type { FaultTarget, SimulatorControl } from './types';

const UNAUTHORIZED = { type: 'UNAUTHORIZED', message: 'Credentials are required to access this resource' };

export interface Router {
  listener: RequestListener;
  /** Cancel pending latency timers (their requests are dropped with their sockets). */
  cancelTimers(): void;
}

interface Caller {
  companyIndex: number;
  rateKey: string;
}

function authenticate(sim: SimState, header: string | undefined): Caller | null {
  const match = /^(\S+)\s+(\S+)\s*$/.exec(header ?? '');
  if (!match) {
    return null;
  }
  const scheme = match[1].toLowerCase();
  const credential = match[2];
  if (scheme === 'bearer') {
    const live = sim.tokens.verifyAccessToken(credential);
    return live ? { companyIndex: live.companyIndex, rateKey: `token:${live.jti}` } : null;
  }
  if (scheme === 'basic') {
    const companyIndex = sim.companies.findIndex((c) => c.apiKey === credential);
    return companyIndex >= 0 ? { companyIndex, rateKey: `key:${credential}` } : null;
  }
  return null;
}

function grantTypeOf(req: IncomingMessage, body: string): string | null {
  const type = mediaType(req);
  if (type === 'application/x-www-form-urlencoded') {
    return new URLSearchParams(body).get('grant_type');
  }
  if (type === 'application/json') {
    try {
      const parsed = JSON.parse(body) as { grant_type?: unknown };
      return typeof parsed.grant_type === 'string' ? parsed.grant_type : null;
    } catch {
      return null;
    }
  }
  return null;
}

export function createRouter(sim: SimState, control: SimulatorControl): Router {
  const timers = new Set<NodeJS.Timeout>();

  const delay = (): Promise<void> | undefined => {
    if (sim.latencyMs <= 0) {
      return undefined;
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, sim.latencyMs);
      timers.add(timer);
    });
  };

  /** Latency, then a queued fault if any. Returns true when the fault answered the request. */
  const prelude = async (target: FaultTarget, req: IncomingMessage, res: ServerResponse): Promise<{ done: boolean; omitRefresh: boolean; lostAnswer: boolean }> => {
    await delay();
    const fault = sim.faults.take(target);
    if (!fault) {
      return { done: false, omitRefresh: false, lostAnswer: false };
    }
    return { done: sim.faults.apply(target, fault, req, res), omitRefresh: fault.kind === 'noRefreshToken', lostAnswer: fault.kind === 'lostAnswer' };
  };

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://simulator.invalid');
    const path = url.pathname;
    const query = url.searchParams;
    const method = req.method ?? 'GET';

    if (path === '/__control' || path.startsWith('/__control/')) {
      if (!sim.controlEndpoint) {
        sendNotFound(res, `No route for ${method} ${path}`);
        return;
      }
      handleControlHttp(control, req, res, path.slice('/__control/'.length), await readBody(req));
      return;
    }
    if (path === '/oauth/authorize') {
      sim.counters.authorize++;
      sim.lastAuthorize = queryRecord(query);
      if ((await prelude('authorize', req, res)).done) return;
      if (method !== 'GET') {
        sendJson(res, 405, { type: 'METHOD_NOT_ALLOWED', message: `Method ${method} is not allowed` }, { Allow: 'GET' });
        return;
      }
      handleAuthorize(sim, res, query);
      return;
    }
    if (path === '/oauth/authorize/decision') {
      const body = await readBody(req);
      await delay();
      if (method !== 'POST') {
        sendHtml(res, 405, errorPage('Method not allowed', 'Use the consent form.'), { Allow: 'POST' });
        return;
      }
      handleDecision(sim, req, res, body);
      return;
    }
    if (path === '/oauth/token') {
      const body = await readBody(req);
      const grant = grantTypeOf(req, body);
      if (grant === 'authorization_code' || grant === 'refresh_token') {
        sim.counters.token[grant]++;
      } else {
        sim.counters.token.other++;
      }
      const pre = await prelude('token', req, res);
      if (pre.done) return;
      if (sim.tokenLatencyMs > 0) await new Promise((resolve) => setTimeout(resolve, sim.tokenLatencyMs));
      if (method !== 'POST') {
        sendJson(res, 405, { error: 'invalid_request', error_description: 'Use POST' }, { Allow: 'POST' });
        return;
      }
      handleToken(sim, req, res, body, pre.omitRefresh);
      return;
    }
    if (path === '/relay') {
      await delay();
      handleRelay(req, res, query);
      return;
    }
    if (path === MCP_PATH) {
      sim.counters.mcp.requests++;
      if ((await prelude('mcp', req, res)).done) return;
      await handleMcp(sim, req, res);
      return;
    }
    if (path === '/v1' || path.startsWith('/v1/')) {
      sim.counters.api++;
      const pre = await prelude('api', req, res);
      if (pre.done) return;
      const caller = authenticate(sim, req.headers.authorization);
      const rate = sim.rateLimiter.hit(caller ? caller.rateKey : `anonymous:${req.socket.remoteAddress ?? ''}`);
      if (!rate.allowed) {
        sendJson(res, 429, { type: 'TOO_MANY_REQUESTS', message: 'Rate limit exceeded, retry after the time given in Retry-After' }, rate.headers);
        return;
      }
      if (!caller) {
        sendJson(res, 401, UNAUTHORIZED, rate.headers);
        return;
      }
      const data = sim.datasets[caller.companyIndex];
      if (pre.lostAnswer) {
        // The request is carried out, and its answer lost on the way back.
        res.writeHead = (() => res) as unknown as typeof res.writeHead;
        res.end = (() => {
          req.socket.destroy();
          return res;
        }) as unknown as typeof res.end;
      }
      if (isWrite(method, path)) {
        const key = req.headers['x-idempotency-key'];
        if (handleWrite(data, method, path, await readBody(req), typeof key === 'string' ? key : undefined, res, rate.headers)) sim.counters.writes++;
        return;
      }
      handleApi(data, method, path, query, res, rate.headers);
      return;
    }
    sendNotFound(res, `No route for ${method} ${path}`);
  };

  return {
    listener: (req, res) => {
      route(req, res).catch((err: unknown) => {
        if (!res.headersSent && !res.destroyed) {
          const tooLarge = err instanceof Error && err.message === 'Request body too large';
          sendJson(res, tooLarge ? 413 : 500, { type: tooLarge ? 'PAYLOAD_TOO_LARGE' : 'INTERNAL_SERVER_ERROR', message: String(err) });
        } else {
          res.destroy();
        }
      });
    },
    cancelTimers: () => {
      for (const timer of timers) {
        clearTimeout(timer);
      }
      timers.clear();
    },
  };
}
