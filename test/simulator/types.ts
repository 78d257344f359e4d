// Shared types of the Light simulator.

/** Records generated per company, per resource. */
export interface SimulatorCounts {
  vendors: number;
  customers: number;
  invoiceReceivables: number;
  invoicePayables: number;
  ledgerAccounts: number;
  users: number;
  products: number;
  contracts: number;
  expenses: number;
  bankAccounts: number;
}

export interface SimulatorOptions {
  /** Loopback address to bind (default 127.0.0.1; 127.0.0.2, localhost and ::1 work too). */
  host?: string;
  /** Port to bind (default 0 = a free port). */
  port?: number;
  /** true: skip the consent page and approve; 'deny': skip it and deny. Default: show the page. */
  autoApprove?: boolean | 'deny';
  /** Lifetime of new access tokens (default 3600). */
  accessTokenTtlSeconds?: number;
  /** Lifetime of authorization codes in seconds (default 60; fractions allowed, for tests). */
  codeTtlSeconds?: number;
  /** API requests allowed per token or API key per minute (default 300). */
  rateLimitPerMinute?: number;
  /** Records per company per resource; missing entries keep their defaults. */
  counts?: Partial<SimulatorCounts>;
  /** Expose the control API over HTTP under /__control (default false). */
  controlEndpoint?: boolean;
  /** Seed of the generated data (default 'light'). */
  seed?: number | string;
  /** Other names for the companies, in order (production, sandbox); missing entries keep theirs. */
  companyNames?: string[];
}

export type SimEnvironment = 'production' | 'sandbox';

export interface SimUserInfo {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
}

/** What a test or the CLI needs to know about one simulated company. */
export interface SimCompany {
  id: string;
  name: string;
  environment: SimEnvironment;
  clientId: string;
  clientSecret: string;
  apiKey: string;
  /** Personal MCP token (`lmcp_…`), accepted by the MCP endpoint only. */
  mcpToken: string;
  /** The company's users; the first one is an admin and the default signer. */
  users: SimUserInfo[];
  userEmails: string[];
}

/** What the token endpoint answers on success (RFC 6749 §5.1; Light's ExternalOauthToken). */
export interface TokenResponse {
  access_token: string;
  expires_in: number;
  token_type: 'Bearer';
  refresh_token?: string;
}

export type FaultTarget = 'token' | 'api' | 'authorize' | 'mcp';

export type Fault =
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  | { kind: 'malformed' }
  | { kind: 'html'; status?: number }
  | { kind: 'hang' }
  | { kind: 'reset' }
  | { kind: 'noRefreshToken' }
  /** The request is carried out, then the connection drops before the answer (API writes: what idempotency keys are for). */
  | { kind: 'lostAnswer' };

/** How the token endpoint words its errors: RFC 6749 `{error, error_description}`; Light's API shape
 *  `{name, type, errors[]}`; or its gateway's `{type, message}`. */
export type TokenErrorShape = 'oauth' | 'light' | 'gateway';

export interface SimulatorCounters {
  token: { authorization_code: number; refresh_token: number; other: number };
  /** API writes that changed data (a replayed idempotency key does not count). */
  writes: number;
  /** Error answers of the token endpoint by OAuth `error` code, e.g. `{ invalid_grant: 2 }` (queued faults not included). */
  tokenErrors: Record<string, number>;
  api: number;
  authorize: number;
  mcp: McpCounters;
}

/** What the MCP endpoint saw: HTTP requests (faulted ones included), JSON-RPC messages served by method, and how
 *  the last authenticated request authenticated (never the token). */
export interface McpCounters {
  requests: number;
  byMethod: Record<string, number>;
  lastAuthorization: 'oauth' | 'personal' | null;
}

/** Test switches; also reachable over HTTP when `controlEndpoint` is set (see README). */
export interface SimulatorControl {
  /** Every live access token expires now (refresh tokens stay valid). */
  expireAccessTokens(): void;
  /** Every access token and refresh token dies. */
  revokeAll(): void;
  /** The next `count` requests to `target` get `fault` instead of their normal answer. */
  failNext(target: FaultTarget, count: number, fault: Fault): void;
  /** Drop every queued fault. */
  clearFaults(): void;
  /** Delay every OAuth, relay, API and MCP answer by `ms` (0 = none). */
  setLatencyMs(ms: number): void;
  /** Delay POST /oauth/token alone by `ms`, on top of the latency of every answer. */
  setTokenLatencyMs(ms: number): void;
  /** The shape of the token endpoint's error bodies from now on. */
  setTokenErrorShape(shape: TokenErrorShape): void;
  /** Lifetime of access tokens issued from now on. */
  setAccessTokenTtlSeconds(seconds: number): void;
  /** Requests allowed per token or API key per minute, from now on (windows restart). */
  setRateLimitPerMinute(limit: number): void;
  /** Whether the MCP endpoint takes OAuth access tokens besides personal MCP tokens (default true). */
  setMcpAcceptsOAuth(accept: boolean): void;
  counters(): SimulatorCounters;
  resetCounters(): void;
  /** Query parameters of the last GET /oauth/authorize, or null if none came yet. */
  lastAuthorize(): Record<string, string> | null;
  /** Mint a token pair for the first user of company `companyIndex` (default 0), no browser needed. */
  issueTokens(companyIndex?: number): TokenResponse;
}

export interface Simulator {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:4010. */
  url: string;
  stop(): Promise<void>;
  control: SimulatorControl;
  companies: SimCompany[];
}
