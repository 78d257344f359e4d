// The Light simulator: a local stand-in for api.light.inc (OAuth 2.0, the read API, the MCP server) for tests
// and development. See README.md beside this file.

import { createServer } from 'http';
import type { AddressInfo } from 'net';
import { COMPANY_PROFILES } from './companies';
import { createControl } from './control';
import { buildDataset, DEFAULT_COUNTS } from './data';
import { FaultQueue } from './faults';
import { RateLimiter } from './ratelimit';
import { createRouter } from './server';
import { emptyCounters, SimState } from './state';
import { TokenStore } from './tokens';
import type { SimCompany, Simulator, SimulatorCounts, SimulatorOptions } from './types';

export { DEV_CREDENTIALS } from './companies';
export { DEFAULT_COUNTS } from './data';
export { isAllowedRelayCallback, relayCallbackOf, EXTENSION_AUTHORITY } from './relay';
export { isRegisteredRedirect } from './oauth';
export type * from './types';

function positiveInteger(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) {
    return fallback;
  }
  if (!Number.isInteger(value) || value < 1) {
    throw new TypeError(`${name} must be a positive integer`);
  }
  return value;
}

function resolveCounts(counts: Partial<SimulatorCounts> | undefined): SimulatorCounts {
  const out = { ...DEFAULT_COUNTS };
  for (const key of Object.keys(DEFAULT_COUNTS) as (keyof SimulatorCounts)[]) {
    const value = counts?.[key];
    if (value !== undefined) {
      if (!Number.isInteger(value) || value < 0) {
        throw new TypeError(`counts.${key} must be a non-negative integer`);
      }
      out[key] = value;
    }
  }
  out.users = Math.max(1, out.users);
  return out;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 0;
  const counts = resolveCounts(options.counts);
  const seed = options.seed ?? 'light';
  const codeTtlSeconds = options.codeTtlSeconds ?? 60;
  if (!(typeof codeTtlSeconds === 'number' && codeTtlSeconds > 0)) {
    throw new TypeError('codeTtlSeconds must be a positive number');
  }
  const rateLimit = positiveInteger(options.rateLimitPerMinute, 300, 'rateLimitPerMinute');
  const accessTokenTtlSeconds = positiveInteger(options.accessTokenTtlSeconds, 3600, 'accessTokenTtlSeconds');
  const profiles = COMPANY_PROFILES.map((profile, i) => ({ ...profile, name: options.companyNames?.[i] ?? profile.name }));
  const datasets = profiles.map((profile) => buildDataset(profile, counts, seed));
  const companies: SimCompany[] = profiles.map((profile, i) => {
    const users = datasets[i].users.map((u) => ({ id: u.id, email: u.email, firstName: u.firstName, lastName: u.lastName }));
    return {
      id: datasets[i].company.id,
      name: profile.name,
      environment: profile.environment,
      clientId: profile.clientId,
      clientSecret: profile.clientSecret,
      apiKey: profile.apiKey,
      mcpToken: profile.mcpToken,
      users,
      userEmails: users.map((u) => u.email),
    };
  });
  const sim: SimState = {
    url: '',
    autoApprove: options.autoApprove ?? false,
    controlEndpoint: options.controlEndpoint ?? false,
    companies,
    datasets,
    tokens: new TokenStore(() => sim.url, codeTtlSeconds, () => sim.accessTokenTtlSeconds),
    faults: new FaultQueue(),
    rateLimiter: new RateLimiter(rateLimit),
    counters: emptyCounters(),
    lastAuthorize: null,
    latencyMs: 0,
    tokenLatencyMs: 0,
    tokenErrorShape: 'oauth',
    accessTokenTtlSeconds,
    pending: new Map(),
    mcpAcceptsOAuth: true,
    mcpSessions: new Map(),
  };
  const control = createControl(sim);
  const router = createRouter(sim, control);
  const server = createServer(router.listener);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  sim.url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      router.cancelTimers();
      sim.faults.releaseHung();
      server.closeAllConnections();
    });
    return stopped;
  };

  return { url: sim.url, stop, control, companies };
}
