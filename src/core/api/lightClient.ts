import * as l10n from '@vscode/l10n';
import { randomUUID } from 'crypto';
import { Clock, sleep, systemClock } from '../clock';
import { LightError, toLightError } from '../errors';
import { httpRequest } from '../http';
import { verdict } from '../retryRule';
import type { StoredSession } from '../auth/tokenStore';
import type { Company, ListQuery, Page } from '../../lightApi';
import { takesIdempotencyKey } from './resources';

/** Authenticated Light API calls, for this extension and (through the public API) for the extensions the user
 *  approved: the right scheme per credential, Light paths only, 401 → refresh once → retry once, a short
 *  Retry-After waited out once, one retry of a failed write only where Light de-duplicates it, cursor pages. */

export interface CallOptions {
  signal?: AbortSignal;
}

export interface WriteOptions extends CallOptions {
  /** Sent as `X-Idempotency-Key` where the operation takes one; by default one per call, kept across retries. */
  idempotencyKey?: string;
}

export interface AllOptions extends CallOptions {
  /** Stop after this many records (default 10,000): `all` never runs without a bound. */
  maxRecords?: number;
}

/** What the client needs from the session owner. */
export interface SessionSource {
  fresh(id: string): Promise<StoredSession | undefined>;
  refreshAfterRejection(id: string, rejectedToken: string): Promise<StoredSession | undefined>;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Query = Record<string, string | number | boolean | undefined>;

/** Light's Retry-After is waited out when it is this short; longer, the call fails saying when to try again. */
export const MAX_RETRY_AFTER_S = 10;
const DEFAULT_MAX_RECORDS = 10_000;

export function authorizationHeader(session: Pick<StoredSession, 'kind' | 'accessToken'>): string {
  return session.kind === 'apiKey' ? `Basic ${session.accessToken}` : `Bearer ${session.accessToken}`;
}

export async function fetchCurrentCompany(apiBaseUrl: string, authorization: string): Promise<Company> {
  const res = await httpRequest<Company>({ url: `${apiBaseUrl}/v1/companies/current`, headers: { Authorization: authorization } });
  const c = res.body;
  if (!c || typeof c.id !== 'string' || typeof c.name !== 'string') {
    throw new LightError('http', l10n.t('Light answered {0} without a company id and name.', '/v1/companies/current'));
  }
  return c;
}

export class LightClient {
  constructor(
    private readonly sessions: SessionSource,
    private readonly sessionId: string,
    private readonly clock: Clock = systemClock,
  ) {}

  get<T>(path: string, query?: Query, options?: CallOptions): Promise<T> {
    return this.request<T>('GET', path, query, undefined, options);
  }

  /** One page of a list; `cursor` defaults to the first page. */
  async list<T>(path: string, query: ListQuery = {}, options?: CallOptions): Promise<Page<T>> {
    const page = await this.get<Page<T>>(path, { ...query, cursor: query.cursor ?? '0' }, options);
    if (!page || !Array.isArray(page.records)) throw new LightError('http', l10n.t('Light answered {0} without a records list.', path));
    return page;
  }

  /** Every record, page by page, following `nextCursor`, up to `maxRecords`. */
  async *all<T>(path: string, query: Omit<ListQuery, 'cursor'> = {}, options: AllOptions = {}): AsyncGenerator<T> {
    let left = options.maxRecords ?? DEFAULT_MAX_RECORDS;
    let cursor: string | undefined = '0';
    while (cursor !== undefined && left > 0) {
      const page: Page<T> = await this.list<T>(path, { ...query, cursor }, options);
      for (const record of page.records.slice(0, left)) yield record;
      left -= page.records.length;
      const next: string | undefined = page.hasMore && page.nextCursor != null ? String(page.nextCursor) : undefined;
      if (next === cursor) throw new LightError('http', l10n.t('Light answered {0} with the same cursor again; stopped to avoid a loop.', path));
      cursor = next;
    }
  }

  post<T>(path: string, body: unknown, options?: WriteOptions): Promise<T> {
    return this.request<T>('POST', path, undefined, body, options);
  }

  put<T>(path: string, body: unknown, options?: WriteOptions): Promise<T> {
    return this.request<T>('PUT', path, undefined, body, options);
  }

  patch<T>(path: string, body: unknown, options?: WriteOptions): Promise<T> {
    return this.request<T>('PATCH', path, undefined, body, options);
  }

  delete<T>(path: string, options?: WriteOptions): Promise<T> {
    return this.request<T>('DELETE', path, undefined, undefined, options);
  }

  private async request<T>(method: Method, rawPath: string, query: Query | undefined, json: unknown, options: WriteOptions = {}): Promise<T> {
    const path = lightPath(rawPath);
    const headers: Record<string, string> = {};
    const idempotent = takesIdempotencyKey(method, path);
    if (idempotent) headers['X-Idempotency-Key'] = options.idempotencyKey ?? randomUUID();
    // A GET, or a write Light de-duplicates by its key, may be sent again after a failure that left its fate unknown.
    let retriesLeft = method === 'GET' || idempotent ? 1 : 0;
    let session = await this.session();
    let refreshed = false;
    let waited = false;
    for (;;) {
      try {
        const url = buildUrl(session.apiBaseUrl, path, query);
        const res = await httpRequest<T>({ url, method, json, signal: options.signal, clock: this.clock, headers: { ...headers, Authorization: authorizationHeader(session) } });
        return res.body;
      } catch (e) {
        const err = toLightError(e);
        const next = verdict(err, 'api');
        if (next === 'rejected' && session.kind === 'oauth' && !refreshed) {
          refreshed = true;
          session = (await this.sessions.refreshAfterRejection(this.sessionId, session.accessToken)) ?? throwSignedOut();
          continue;
        }
        if (next === 'transient' && err.status === 429) {
          const wait = err.retryAfterSeconds ?? 1;
          if (waited || wait > MAX_RETRY_AFTER_S) throw err;
          waited = true;
          await sleep(this.clock, wait * 1000, options.signal);
          continue;
        }
        if (next === 'transient' && retriesLeft > 0) {
          retriesLeft--;
          await sleep(this.clock, 1_000, options.signal);
          continue;
        }
        throw err;
      }
    }
  }

  private async session(): Promise<StoredSession> {
    return (await this.sessions.fresh(this.sessionId)) ?? throwSignedOut();
  }
}

export function signedOut(): LightError {
  return new LightError('unauthorized', l10n.t('You are signed out of Light. Run "Sign in to Light" and try again.'));
}

function throwSignedOut(): never {
  throw signedOut();
}

/** A Light API path, and nothing that could make the request leave Light: no scheme, host, `..`, backslash,
 *  query, fragment or encoded separator. */
export function lightPath(path: string): string {
  const bad = (why: string) => new LightError('config', l10n.t('"{0}" is not a Light API path ({1}). Pass a path such as /v1/vendors.', path.slice(0, 80), why));
  if (typeof path !== 'string' || !path.startsWith('/v1/') || path.startsWith('//')) throw bad(l10n.t('it must start with /v1/'));
  if (/[\\?#@\s]/.test(path) || [...path].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) throw bad(l10n.t('it has a character a path cannot have'));
  if (/%(2f|5c|2e|3f|23|40|00)/i.test(path)) throw bad(l10n.t('it has an encoded separator'));
  if (path.split('/').some((segment) => segment === '..' || segment === '.')) throw bad(l10n.t('it climbs out of the API'));
  return path;
}

function buildUrl(base: string, path: string, query?: Query): string {
  const url = new URL(base + path);
  if (url.origin !== new URL(base).origin) throw new LightError('config', l10n.t('A Light API path must stay on the Light API host.'));
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== '') url.searchParams.set(k, String(v));
  return url.toString();
}
