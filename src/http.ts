import fetch, { Headers, Response } from 'node-fetch';
import { LightError } from './errors';

/** The one HTTP path: node-fetch with a timeout, redirects followed by hand (keeping Authorization on the
 *  same site), JSON parsed, and every failure turned into a LightError that names what happened. */

export interface HttpRequest {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** Sent as application/x-www-form-urlencoded. */
  form?: URLSearchParams;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface HttpResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export const DEFAULT_TIMEOUT_MS = 20_000;
const MAX_REDIRECTS = 5;

export async function httpRequest<T = unknown>(req: HttpRequest): Promise<HttpResponse<T>> {
  const timeoutMs = req.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const onOuterAbort = () => controller.abort();
  req.signal?.addEventListener('abort', onOuterAbort);
  const where = describe(req.url);
  try {
    const res = await follow(req, controller.signal);
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: parseBody<T>(res, text, where) };
  } catch (e) {
    if (e instanceof LightError) throw e;
    if (req.signal?.aborted) throw new LightError('cancelled', 'Cancelled.');
    if (controller.signal.aborted) {
      throw new LightError('timeout', `Light did not answer within ${Math.round(timeoutMs / 1000)} s (${where}). Check your connection and try again.`);
    }
    const err = e as NodeJS.ErrnoException;
    throw new LightError('network', `Could not reach Light (${where}): ${err.code ?? err.message}. Check your connection or proxy and try again.`, {
      detail: err.message,
    });
  } finally {
    clearTimeout(timer);
    req.signal?.removeEventListener('abort', onOuterAbort);
  }
}

async function follow(req: HttpRequest, signal: AbortSignal): Promise<Response> {
  let url = req.url;
  let method = req.method ?? (req.form ? 'POST' : 'GET');
  let body: string | undefined = req.form?.toString();
  const headers: Record<string, string> = { Accept: 'application/json', ...req.headers };
  if (body !== undefined) headers['Content-Type'] = 'application/x-www-form-urlencoded';
  for (let hop = 0; ; hop++) {
    const res = await fetch(url, { method, headers, body, redirect: 'manual', signal, compress: true });
    const location = res.headers.get('location');
    if (![301, 302, 303, 307, 308].includes(res.status) || !location) return res;
    if (hop >= MAX_REDIRECTS) throw new LightError('http', `Light redirected too many times (${describe(req.url)}).`, { status: res.status });
    res.body.resume();
    const next = new URL(location, url);
    if (!sameSite(new URL(url), next)) delete headers.Authorization;
    if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
      method = 'GET';
      body = undefined;
      delete headers['Content-Type'];
    }
    url = next.toString();
  }
}

/** Authorization survives a redirect only to the same registrable site over HTTPS (or the same origin). */
function sameSite(from: URL, to: URL): boolean {
  if (from.origin === to.origin) return true;
  if (to.protocol !== 'https:') return false;
  const site = (h: string) => h.split('.').slice(-2).join('.');
  return site(from.hostname) === site(to.hostname);
}

function parseBody<T>(res: Response, text: string, where: string): T {
  const type = res.headers.get('content-type') ?? '';
  const looksHtml = /text\/html/i.test(type) || /^\s*<(!doctype|html)/i.test(text);
  const retryAfter = parseRetryAfter(res.headers.get('retry-after'));
  if (looksHtml) {
    throw new LightError(
      'http',
      `Light answered with a web page instead of data (HTTP ${res.status}, ${where}). A proxy or captive portal may be in the way; try again later.`,
      { status: res.status, retryAfterSeconds: retryAfter },
    );
  }
  let json: unknown = undefined;
  if (text.trim()) {
    try {
      json = JSON.parse(text);
    } catch {
      throw new LightError('http', `Light answered with malformed JSON (HTTP ${res.status}, ${where}). Try again later.`, {
        status: res.status,
        retryAfterSeconds: retryAfter,
      });
    }
  }
  if (res.ok) return json as T;
  throw errorFromBody(res.status, json, where, retryAfter);
}

/** Light's two error shapes and RFC 6749's, as one LightError. */
export function errorFromBody(status: number, json: unknown, where: string, retryAfterSeconds?: number): LightError {
  const b = (json ?? {}) as Record<string, unknown>;
  if (typeof b.error === 'string') {
    const desc = typeof b.error_description === 'string' ? `: ${b.error_description}` : '';
    return new LightError('oauth', `Light refused the sign-in (${b.error}${desc}).`, { status, code: b.error });
  }
  const type = typeof b.type === 'string' ? b.type : undefined;
  const errors = Array.isArray(b.errors) ? (b.errors as Array<Record<string, unknown>>) : [];
  const messages = [typeof b.message === 'string' ? b.message : undefined, ...errors.map((e) => (typeof e.message === 'string' ? e.message : undefined))]
    .filter((m): m is string => !!m)
    .join('; ');
  const said = messages ? `: ${messages}` : '';
  if (status === 401) {
    return new LightError('unauthorized', `Light did not accept the credentials (HTTP 401${said}).`, { status, code: type });
  }
  if (status === 429) {
    const wait = retryAfterSeconds !== undefined ? ` Try again in ${retryAfterSeconds} s.` : '';
    return new LightError('http', `Light's rate limit was reached (HTTP 429).${wait}`, { status, code: type, retryAfterSeconds });
  }
  return new LightError('http', `Light answered HTTP ${status}${type ? ` ${type}` : ''}${said} (${where}).`, { status, code: type, retryAfterSeconds });
}

export function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const secs = Number(value);
  if (Number.isFinite(secs)) return Math.max(0, secs);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** Method-free description of a URL for messages: origin and path, never the query. */
export function describe(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname}`;
  } catch {
    return 'an invalid URL';
  }
}
