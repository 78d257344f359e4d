// GET /relay: a redirect relay like https://vscode.dev/redirect, and with its convention: the OAuth `state`
// is the URL-encoded callback URL (any nonce rides in that URL's own query). The relay sends the browser
// to the callback with `code` (or `error`, `error_description`) added, and `state` forwarded unchanged.

import type { IncomingMessage, ServerResponse } from 'http';
import { redirect, sendHtml } from './http';
import { errorPage } from './pages';

export const EXTENSION_AUTHORITY = 'lightinc.light-vscode';

/** The callback a relay state carries, or null when it carries none. */
export function relayCallbackOf(state: string): string | null {
  let text = state;
  try {
    text = decodeURIComponent(state);
  } catch {
    return null;
  }
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : null;
}

/** True for http(s) URLs and `<scheme>://lightinc.light-vscode/...` URIs. */
export function isAllowedRelayCallback(callback: string): boolean {
  let url: URL;
  try {
    url = new URL(callback);
  } catch {
    return false;
  }
  if (url.hash) {
    return false;
  }
  if (url.protocol === 'http:' || url.protocol === 'https:') {
    return url.hostname !== '';
  }
  return /^[a-z][a-z0-9+.-]*:$/.test(url.protocol) && url.host === EXTENSION_AUTHORITY;
}

export function handleRelay(req: IncomingMessage, res: ServerResponse, query: URLSearchParams): void {
  if (req.method !== 'GET') {
    sendHtml(res, 405, errorPage('Method not allowed', 'The relay only answers GET.'), { Allow: 'GET' });
    return;
  }
  const state = query.get('state');
  const callback = state ? relayCallbackOf(state) : null;
  if (!state || !callback) {
    sendHtml(res, 400, errorPage('Invalid redirect', 'The state parameter does not carry a relay callback.'));
    return;
  }
  if (!isAllowedRelayCallback(callback)) {
    sendHtml(res, 400, errorPage('Invalid redirect', 'The callback in the state is not an allowed address.'));
    return;
  }
  const target = new URL(callback);
  for (const name of ['code', 'error', 'error_description', 'error_uri']) {
    const value = query.get(name);
    if (value !== null) {
      target.searchParams.set(name, value);
    }
  }
  target.searchParams.set('state', state);
  redirect(res, target.toString());
}
