import { Clock, systemClock } from './clock';
import fetch, { Headers, Response } from 'node-fetch';
import { LightError } from './errors';

/** The one HTTP path: node-fetch with a timeout, redirects followed by hand (keeping Authorization on the
 *  same origin, never downgrading to plain HTTP), bodies read up to a cap, JSON parsed, and every failure
 *  turned into a LightError that names what happened. */

export interface HttpRequest {
  url: string;
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  headers?: Record<string, string>;
  /** Sent as application/x-www-form-urlencoded. */
  form?: URLSearchParams;
  /** Sent as application/json. */
  json?: unknown;
  /** 'refuse' makes any 3xx answer an error: for requests whose body or headers carry credentials. */
  redirects?: 'follow' | 'refuse';
  /** The most of a response body that is read; more is an error. */
  maxBytes?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
  clock?: Clock;
}

export interface HttpResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export const DEFAULT_TIMEOUT_MS = 20_000;
export const MAX_RESPONSE_BYTES = 5 * 1024 * 1024;
const MAX_REDIRECTS = 5;

export async function httpRequest<T = unknown>(req: HttpRequest): Promise<HttpResponse<T>> {
  const timeoutMs = req.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const clock = req.clock ?? systemClock;
  const controller = new AbortController();
  const timer = clock.setTimeout(() => controller.abort(), timeoutMs);
  const onOuterAbort = () => controller.abort();
  req.signal?.addEventListener('abort', onOuterAbort);
  const where = describe(req.url);
  try {
    const res = await follow(req, controller.signal);
    const text = await readText(res, req.maxBytes ?? MAX_RESPONSE_BYTES, () => controller.abort(), where);
    return { status: res.status, headers: res.headers, body: parseBody<T>(res, text, where, clock.now()) };
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
    clock.clearTimeout(timer);
    req.signal?.removeEventListener('abort', onOuterAbort);
  }
}

async function follow(req: HttpRequest, signal: AbortSignal): Promise<Response> {
  let url = req.url;
  let method: string = req.method ?? (req.form || req.json !== undefined ? 'POST' : 'GET');
  let body: string | undefined = req.form?.toString() ?? (req.json !== undefined ? JSON.stringify(req.json) : undefined);
  const headers: Record<string, string> = { Accept: 'application/json', ...req.headers };
  if (body !== undefined) headers['Content-Type'] = req.form ? 'application/x-www-form-urlencoded' : 'application/json';
  for (let hop = 0; ; hop++) {
    const res = await fetch(url, { method, headers, body, redirect: 'manual', signal, compress: true });
    const location = res.headers.get('location');
    if (req.redirects === 'refuse' && res.status >= 300 && res.status < 400) {
      res.body.resume();
      const target = location ? ` to ${originOf(location, url)}` : '';
      throw new LightError(
        'http',
        `Light's endpoint (${describe(req.url)}) answered with a redirect (HTTP ${res.status}${target}); the extension does not send credentials on to another address.`,
        { status: res.status },
      );
    }
    if (![301, 302, 303, 307, 308].includes(res.status) || !location) return res;
    res.body.resume();
    if (hop >= MAX_REDIRECTS) throw new LightError('http', `Light redirected too many times (${describe(req.url)}).`, { status: res.status });
    const next = new URL(location, url).toString();
    const decision = redirectDecision(url, next, res.status, method, body !== undefined);
    if (decision.refuse) throw new LightError('http', `Light's endpoint (${describe(req.url)}) redirected ${decision.refuse}.`, { status: res.status });
    if (!decision.keepAuthorization) for (const name of Object.keys(headers)) if (name.toLowerCase() === 'authorization') delete headers[name];
    if (decision.asGet) {
      method = 'GET';
      body = undefined;
      delete headers['Content-Type'];
    }
    url = next;
  }
}

export interface RedirectDecision {
  /** Why the redirect is not followed (to finish "Light's endpoint redirected …"); absent when it is. */
  refuse?: string;
  /** The next request is a GET without a body: after a 303, and after a 301 or 302 to a POST. */
  asGet: boolean;
  /** Authorization goes on only to the same origin (scheme, host and port). */
  keepAuthorization: boolean;
}

/** Whether and how one redirect hop from `from` to `to` is followed. Once Authorization is dropped it stays
 *  dropped, and a body never leaves the origin it was meant for, so deciding hop by hop is enough. */
export function redirectDecision(from: string, to: string, status: number, method: string, hasBody: boolean): RedirectDecision {
  const a = new URL(from);
  const b = new URL(to);
  const asGet = status === 303 || ((status === 301 || status === 302) && method === 'POST');
  const sameOrigin = a.origin === b.origin;
  const decision = { asGet, keepAuthorization: sameOrigin };
  if (b.protocol !== 'https:' && b.protocol !== 'http:') return { ...decision, refuse: `to an address that is not HTTP (${b.protocol}), which the extension does not follow` };
  if (a.protocol === 'https:' && b.protocol !== 'https:') return { ...decision, refuse: `from HTTPS to plain HTTP (${b.origin}), which the extension does not follow` };
  if (hasBody && !asGet && !sameOrigin) return { ...decision, refuse: `a request with a body to another address (${b.origin}); the extension does not send the body on` };
  return decision;
}

/** The response body as text, read chunk by chunk and given up (connection closed) past `maxBytes`. */
async function readText(res: Response, maxBytes: number, abort: () => void, where: string): Promise<string> {
  const tooBig = () => {
    const mb = maxBytes / (1024 * 1024);
    const size = Number.isInteger(mb) ? `${mb} MB` : `${maxBytes} bytes`;
    return new LightError('http', `Light answered with more than ${size} (HTTP ${res.status}, ${where}); the extension stopped reading it. Try again later.`, {
      status: res.status,
    });
  };
  if (Number(res.headers.get('content-length')) > maxBytes) {
    res.body.on('error', () => {});
    abort();
    throw tooBig();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buf.length;
    if (size > maxBytes) {
      abort();
      throw tooBig();
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function originOf(location: string, base: string): string {
  try {
    return new URL(location, base).origin;
  } catch {
    return 'an invalid address';
  }
}

function parseBody<T>(res: Response, text: string, where: string, now: number): T {
  const type = res.headers.get('content-type') ?? '';
  const looksHtml = /text\/html/i.test(type) || /^\s*<(!doctype|html)/i.test(text);
  const retryAfter = parseRetryAfter(res.headers.get('retry-after'), now);
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
  const list = [typeof b.message === 'string' ? b.message : undefined, ...errors.map((e) => (typeof e?.message === 'string' ? e.message : undefined))].filter(
    (m): m is string => !!m,
  );
  const messages = list.length ? list : undefined;
  const said = list.length ? `: ${list.join('; ')}` : '';
  if (status === 401) {
    return new LightError('unauthorized', `Light did not accept the credentials (HTTP 401${said}).`, { status, code: type, messages });
  }
  if (status === 429) {
    const wait = retryAfterSeconds !== undefined ? ` Try again in ${retryAfterSeconds} s.` : '';
    return new LightError('http', `Light's rate limit was reached (HTTP 429).${wait}`, { status, code: type, retryAfterSeconds, messages });
  }
  return new LightError('http', `Light answered HTTP ${status}${type ? ` ${type}` : ''}${said} (${where}).`, { status, code: type, retryAfterSeconds, messages });
}

export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const secs = Number(value);
  if (Number.isFinite(secs)) return Math.max(0, secs);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
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
