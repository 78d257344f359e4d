import { LightError, toLightError } from '../errors';
import { verdict } from '../retryRule';
import { httpRequest } from '../http';
import type { StoredSession } from '../auth/tokenStore';

/** Authenticated Light API calls: the right scheme per credential, 401 → refresh once → retry once,
 *  429 waits for Retry-After (once, when short), cursor pages. */

export interface Company {
  id: string;
  name: string;
  baseCurrency?: string;
  invoiceEmail?: string;
  createdAt?: string;
  updatedAt?: string;
}

export interface Page<T> {
  records: T[];
  hasMore: boolean;
  nextCursor: string | null;
  prevCursor: string | null;
}

export interface ListQuery {
  limit?: number;
  sort?: string;
  filter?: string;
  searchTerm?: string;
}

/** What the client needs from the session owner. */
export interface SessionSource {
  fresh(id: string): Promise<StoredSession | undefined>;
  refreshAfterRejection(id: string, rejectedToken: string): Promise<StoredSession | undefined>;
}

export function authorizationHeader(session: Pick<StoredSession, 'kind' | 'accessToken'>): string {
  return session.kind === 'apiKey' ? `Basic ${session.accessToken}` : `Bearer ${session.accessToken}`;
}

export async function fetchCurrentCompany(apiBaseUrl: string, authorization: string): Promise<Company> {
  const res = await httpRequest<Company>({ url: `${apiBaseUrl}/v1/companies/current`, headers: { Authorization: authorization } });
  const c = res.body;
  if (!c || typeof c.id !== 'string' || typeof c.name !== 'string') {
    throw new LightError('http', 'Light answered /v1/companies/current without a company id and name.');
  }
  return c;
}

const MAX_RETRY_AFTER_S = 10;

export class LightClient {
  constructor(
    private readonly sessions: SessionSource,
    private readonly sessionId: string,
  ) {}

  /** GET with the session's credentials: 401 → refresh once → retry once; a short Retry-After is waited out once. */
  async get<T>(path: string, query?: Record<string, string | number | undefined>): Promise<T> {
    let session = await this.session();
    let refreshed = false;
    let waited = false;
    for (;;) {
      try {
        return (await httpRequest<T>({ url: buildUrl(session.apiBaseUrl, path, query), headers: { Authorization: authorizationHeader(session) } })).body;
      } catch (e) {
        const err = toLightError(e);
        const next = verdict(err, 'api');
        if (next === 'rejected' && session.kind === 'oauth' && !refreshed) {
          refreshed = true;
          const next = await this.sessions.refreshAfterRejection(this.sessionId, session.accessToken);
          if (!next) throw signedOut();
          session = next;
          continue;
        }
        if (next === 'transient' && err.status === 429 && !waited && (err.retryAfterSeconds ?? 0) <= MAX_RETRY_AFTER_S) {
          waited = true;
          await new Promise((r) => setTimeout(r, (err.retryAfterSeconds ?? 1) * 1000));
          continue;
        }
        throw err;
      }
    }
  }

  async list<T>(path: string, query: ListQuery & { cursor?: string } = {}): Promise<Page<T>> {
    const page = await this.get<Page<T>>(path, { ...query, cursor: query.cursor ?? '0' });
    if (!page || !Array.isArray(page.records)) throw new LightError('http', `Light answered ${path} without a records list.`);
    return page;
  }

  /** Every record, page by page, following nextCursor. */
  async *all<T>(path: string, query: ListQuery = {}): AsyncGenerator<T> {
    let cursor: string | undefined = '0';
    while (cursor !== undefined) {
      const page: Page<T> = await this.list<T>(path, { ...query, cursor });
      yield* page.records;
      cursor = page.hasMore && page.nextCursor != null ? String(page.nextCursor) : undefined;
    }
  }

  private async session(): Promise<StoredSession> {
    const s = await this.sessions.fresh(this.sessionId);
    if (!s) throw signedOut();
    return s;
  }
}

export function signedOut(): LightError {
  return new LightError('unauthorized', 'You are signed out of Light. Run "Sign in to Light" and try again.');
}

function buildUrl(base: string, path: string, query?: Record<string, string | number | undefined>): string {
  const url = new URL(base + (path.startsWith('/') ? path : `/${path}`));
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== '') url.searchParams.set(k, String(v));
  return url.toString();
}
