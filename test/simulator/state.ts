// The mutable state of one running simulator, shared by its routes and its control API.

import type { FaultQueue } from './faults';
import type { CompanyDataset } from './models';
import type { RateLimiter } from './ratelimit';
import type { TokenStore } from './tokens';
import type { SimCompany, SimulatorCounters, TokenErrorShape } from './types';

/** An authorization request waiting on the consent page. */
export interface PendingAuthorization {
  companyIndex: number;
  clientId: string;
  redirectUri: string;
  state: string | undefined;
  challenge: string | null;
  loginHint: string | undefined;
  expiresAt: number;
}

/** An MCP session, from initialize until DELETE; bound to the company that opened it. */
export interface McpSession {
  companyIndex: number;
  protocolVersion: string;
}

export interface SimState {
  url: string;
  autoApprove: boolean | 'deny';
  controlEndpoint: boolean;
  companies: SimCompany[];
  datasets: CompanyDataset[];
  tokens: TokenStore;
  faults: FaultQueue;
  rateLimiter: RateLimiter;
  counters: SimulatorCounters;
  lastAuthorize: Record<string, string> | null;
  latencyMs: number;
  /** Extra delay of POST /oauth/token alone: a slow token endpoint. */
  tokenLatencyMs: number;
  /** The body shape of token endpoint errors (Light documents none). */
  tokenErrorShape: TokenErrorShape;
  accessTokenTtlSeconds: number;
  /** Consent requests by their one-time request id. */
  pending: Map<string, PendingAuthorization>;
  /** Whether the MCP endpoint takes OAuth access tokens besides personal MCP tokens. */
  mcpAcceptsOAuth: boolean;
  /** MCP sessions by their Mcp-Session-Id. */
  mcpSessions: Map<string, McpSession>;
}

export function emptyCounters(): SimulatorCounters {
  return { token: { authorization_code: 0, refresh_token: 0, other: 0 }, tokenErrors: {}, writes: 0, api: 0, authorize: 0, mcp: { requests: 0, byMethod: {}, lastAuthorization: null } };
}
