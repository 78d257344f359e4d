// Light for VS Code: the API it offers other extensions, contract version 1.
// Copy this file into your extension and import its types:
//
//   import type { LightExports } from './lightApi';
//   const session = await vscode.authentication.getSession('light', [], { createIfNone: true });
//   const light = (await vscode.extensions.getExtension<LightExports>('lightinc.light-vscode')?.activate())?.getApi(1);
//   const vendors = await light?.client(session).list<Vendor>('/v1/vendors', { limit: 100 });
//
// The client works only with a session your extension obtained from `vscode.authentication.getSession('light', …)`:
// that call is where VS Code asks the user whether your extension may use their Light account. Nothing else this
// extension exports carries a credential or calls Light. API-key accounts are not offered to other extensions.

/** What `vscode.extensions.getExtension<LightExports>('lightinc.light-vscode')?.activate()` resolves to. */
export interface LightExports {
  /** The API at contract `version`; throws for a version this build does not have. */
  getApi(version: 1): LightApi;
}

export interface LightApi {
  readonly version: 1;
  /**
   * A client that calls Light as the account of `session`, with fresh credentials (refreshed when due, and once
   * after a 401), for as long as that account stays signed in. Throws a {@link LightApiError} when `session` did not
   * come from `vscode.authentication.getSession('light', …)` in this window.
   */
  client(session: HandedOutSession): LightClient;
}

/** The `vscode.AuthenticationSession` that `vscode.authentication.getSession('light', …)` gave you, as it came.
 *  (Only the two fields the check reads are named here, so this file needs no `vscode` types.) */
export interface HandedOutSession {
  readonly id: string;
  readonly accessToken: string;
}

export interface LightClient {
  readonly account: { id: string; label: string };
  /** The company signed in, and where its API lives (`https://api.light.inc`, …). */
  readonly company: { id: string; name: string };
  readonly apiBaseUrl: string;
  /** GET a Light path (`/v1/...`); absolute URLs, other hosts, `..` and encoded separators are refused. */
  get<T = unknown>(path: string, query?: Record<string, string | number | boolean | undefined>, options?: CallOptions): Promise<T>;
  /** One page of a list (`cursor` absent: the first page). */
  list<T = unknown>(path: string, query?: ListQuery, options?: CallOptions): Promise<Page<T>>;
  /** Every record across pages, following `nextCursor`, up to `maxRecords` (default 10,000). */
  all<T = unknown>(path: string, query?: Omit<ListQuery, 'cursor'>, options?: CallOptions & { maxRecords?: number }): AsyncIterable<T>;
  /** Writes. Where Light's operation takes `X-Idempotency-Key`, one key is sent per call and reused across the
   *  client's own retries (pass `idempotencyKey` to reuse yours across calls). */
  post<T = unknown>(path: string, body: unknown, options?: WriteOptions): Promise<T>;
  put<T = unknown>(path: string, body: unknown, options?: WriteOptions): Promise<T>;
  patch<T = unknown>(path: string, body: unknown, options?: WriteOptions): Promise<T>;
  delete<T = unknown>(path: string, options?: WriteOptions): Promise<T>;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface WriteOptions extends CallOptions {
  idempotencyKey?: string;
}

/** Every failure, whatever shape Light answered in. `retryAfterSeconds` is set when Light asked to wait (429)
 *  longer than the client waits by itself (10 s). Messages never carry a credential. */
export interface LightApiError extends Error {
  name: 'LightApiError';
  status?: number;
  /** Light's error type (`NOT_FOUND`, `UNAUTHORIZED`, …) or OAuth error code; open-ended. */
  type?: string;
  messages: string[];
  retryAfterSeconds?: number;
}

/** Light's cursor page: `limit` (default 50, at most 200), first `cursor=0`, then `nextCursor`. */
export interface Page<T> {
  records: T[];
  hasMore: boolean;
  nextCursor: string | null;
  prevCursor: string | null;
}

export interface ListQuery {
  limit?: number;
  /** `field:asc` or `field:desc`. */
  sort?: string;
  /** `field:op:value`; ops eq, ne, in, not_in, gt, gte, lt, lte; `|` separates values. */
  filter?: string;
  /** Vendors and customers. */
  searchTerm?: string;
  cursor?: string;
}

// Records, from Light's public OpenAPI spec: the fields most callers need (Light sends more). Each record's id is
// named after its kind where Light does so. Enums are open: a status Light adds tomorrow is still a string.

export interface Company {
  id: string;
  name: string;
  baseCurrency?: string;
  invoiceEmail?: string;
  receiptEmail?: string;
  contractEmail?: string;
  logoUrl?: string;
  createdAt?: string;
  updatedAt?: string;
}

/** `/v1/vendors` */
export interface Vendor {
  vendorId: string;
  companyId?: string;
  name?: string;
  identifier?: string;
  email?: string;
  country?: string;
  currency?: string;
  status?: string;
  bankAccountNumber?: string;
  bankAccountBic?: string;
  vendorCreatedAt?: string;
  updatedAt?: string;
}

/** `/v1/customers` */
export interface Customer {
  id: string;
  name?: string;
  email?: string;
  status?: string;
  vatNumber?: string;
  type?: string;
  createdAt?: string;
  updatedAt?: string;
}

/** A bill: `/v1/bff/invoice-payables`. Amounts are in minor units. */
export interface Bill {
  id: string;
  state?: string;
  invoiceNumber?: string;
  amount?: number;
  currency?: string;
  issuedDate?: string;
  dueDate?: string;
  payeeName?: string;
  payeeIban?: string;
  vendor?: { vendorId?: string; vendorName?: string; vendorIdentifier?: string };
  createdAt?: string;
  updatedAt?: string;
}

/** An invoice: `/v1/invoice-receivables`. Amounts are in minor units. */
export interface Invoice {
  id: string;
  invoiceNumber?: string;
  customerId?: string;
  state?: string;
  amount?: number;
  currency?: string;
  invoiceDate?: string;
  dueDate?: string;
  createdAt?: string;
  updatedAt?: string;
}

/** `/v1/ledger-accounts` */
export interface LedgerAccount {
  id: string;
  code?: number;
  label?: string;
  type?: string;
  status?: string;
}

/** `/v1/users` */
export interface User {
  id: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  status?: string;
  roles?: unknown[];
}
