import * as l10n from '@vscode/l10n';
import { Clock, systemClock } from './clock';
import type { Headers, Response } from 'node-fetch';
import { LightError } from './errors';
import { onFirstUse } from './firstUse';

/** node-fetch, its own part of the bundle: loaded by the first request. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const nodeFetch = onFirstUse(() => require('node-fetch') as typeof import('node-fetch'));

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
    if (req.signal?.aborted) throw new LightError('cancelled', l10n.t('Cancelled.'));
    if (controller.signal.aborted) {
      throw new LightError('timeout', l10n.t('Light did not answer within {0} s ({1}). Check your connection and try again.', Math.round(timeoutMs / 1000), where));
    }
    const err = e as NodeJS.ErrnoException;
    throw new LightError('network', l10n.t('Could not reach Light ({0}): {1}. Check your connection or proxy and try again.', where, err.code ?? err.message), {
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
    const res = await nodeFetch().default(url, { method, headers, body, redirect: 'manual', signal, compress: true });
    const location = res.headers.get('location');
    if (req.redirects === 'refuse' && res.status >= 300 && res.status < 400) {
      res.body.resume();
      const message = location
        ? l10n.t("Light's endpoint ({0}) answered with a redirect (HTTP {1} to {2}); the extension does not send credentials on to another address.", describe(req.url), res.status, originOf(location, url))
        : l10n.t("Light's endpoint ({0}) answered with a redirect (HTTP {1}); the extension does not send credentials on to another address.", describe(req.url), res.status);
      throw new LightError('http', message, { status: res.status });
    }
    if (![301, 302, 303, 307, 308].includes(res.status) || !location) return res;
    res.body.resume();
    if (hop >= MAX_REDIRECTS) throw new LightError('http', l10n.t('Light redirected too many times ({0}).', describe(req.url)), { status: res.status });
    const next = new URL(location, url).toString();
    const decision = redirectDecision(url, next, res.status, method, body !== undefined);
    if (decision.refuse) throw new LightError('http', l10n.t("Light's endpoint ({0}) redirected {1}.", describe(req.url), decision.refuse), { status: res.status });
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
  if (b.protocol !== 'https:' && b.protocol !== 'http:') return { ...decision, refuse: l10n.t('to an address that is not HTTP ({0}), which the extension does not follow', b.protocol) };
  if (a.protocol === 'https:' && b.protocol !== 'https:') return { ...decision, refuse: l10n.t('from HTTPS to plain HTTP ({0}), which the extension does not follow', b.origin) };
  if (hasBody && !asGet && !sameOrigin) return { ...decision, refuse: l10n.t('a request with a body to another address ({0}); the extension does not send the body on', b.origin) };
  return decision;
}

/** The response body as text, read chunk by chunk and given up (connection closed) past `maxBytes`. */
async function readText(res: Response, maxBytes: number, abort: () => void, where: string): Promise<string> {
  const tooBig = () => {
    const mb = maxBytes / (1024 * 1024);
    const size = Number.isInteger(mb) ? l10n.t('{0} MB', mb) : l10n.t('{0} bytes', maxBytes);
    return new LightError('http', l10n.t('Light answered with more than {0} (HTTP {1}, {2}); the extension stopped reading it. Try again later.', size, res.status, where), {
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
    return l10n.t('an invalid address');
  }
}

function parseBody<T>(res: Response, text: string, where: string, now: number): T {
  const type = res.headers.get('content-type') ?? '';
  const looksHtml = /text\/html/i.test(type) || /^\s*<(!doctype|html)/i.test(text);
  const retryAfter = parseRetryAfter(res.headers.get('retry-after'), now);
  if (looksHtml) {
    throw new LightError(
      'http',
      l10n.t('Light answered with a web page instead of data (HTTP {0}, {1}). A proxy or captive portal may be in the way; try again later.', res.status, where),
      { status: res.status, retryAfterSeconds: retryAfter },
    );
  }
  let json: unknown = undefined;
  if (text.trim()) {
    try {
      json = JSON.parse(text);
    } catch {
      throw new LightError('http', l10n.t('Light answered with malformed JSON (HTTP {0}, {1}). Try again later.', res.status, where), {
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
    const message =
      typeof b.error_description === 'string'
        ? l10n.t('Light refused the sign-in ({0}: {1}).', b.error, b.error_description)
        : l10n.t('Light refused the sign-in ({0}).', b.error);
    return new LightError('oauth', message, { status, code: b.error });
  }
  const type = typeof b.type === 'string' ? b.type : undefined;
  const errors = Array.isArray(b.errors) ? (b.errors as Array<Record<string, unknown>>) : [];
  const list = [typeof b.message === 'string' ? b.message : undefined, ...errors.map((e) => (typeof e?.message === 'string' ? e.message : undefined))].filter(
    (m): m is string => !!m,
  );
  const messages = list.length ? list : undefined;
  const said = list.join('; ');
  if (status === 401) {
    const message = said ? l10n.t('Light did not accept the credentials (HTTP 401: {0}).', said) : l10n.t('Light did not accept the credentials (HTTP 401).');
    return new LightError('unauthorized', message, { status, code: type, messages });
  }
  if (status === 429) {
    const message = retryAfterSeconds !== undefined ? l10n.t("Light's rate limit was reached (HTTP 429). Try again in {0} s.", retryAfterSeconds) : l10n.t("Light's rate limit was reached (HTTP 429).");
    return new LightError('http', message, { status, code: type, retryAfterSeconds, messages });
  }
  const answered = [`HTTP ${status}`, type].filter(Boolean).join(' ') + (said ? `: ${said}` : '');
  return new LightError('http', l10n.t('Light answered {0} ({1}).', answered, where), { status, code: type, retryAfterSeconds, messages });
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
    return l10n.t('an invalid URL');
  }
}
