// GET /relay: a redirect relay like https://vscode.dev/redirect, and with its convention: the OAuth `state`
// is the URL-encoded callback URL (any nonce rides in that URL's own query). The relay sends the browser
// to the callback with `code` (or `error`, `error_description`) added, and `state` forwarded unchanged.
// Unlike vscode.dev/redirect, which forwards anywhere, it forwards only to the callbacks VS Code makes for
// this extension: an open relay hands a code to whoever wrote the state.

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

const CALLBACK_PATH = '/auth-callback';

/** True for the callbacks VS Code makes for this extension, and only those:
 *  - `<scheme>://lightinc.light-vscode/auth-callback?…` (desktop, any VS Code build's scheme);
 *  - what `asExternalUri` makes of it in a browser window (code-server, vscode.dev, Codespaces):
 *    `http(s)://<host>/…/callback?vscode-reqid=…&vscode-scheme=…&vscode-authority=lightinc.light-vscode&vscode-path=%2Fauth-callback…`;
 *  - the local port: `http://127.0.0.1:<port>/callback`. */
export function isAllowedRelayCallback(callback: string): boolean {
  let url: URL;
  try {
    url = new URL(callback);
  } catch {
    return false;
  }
  if (url.hash || url.username || url.password) {
    return false;
  }
  if (url.protocol === 'http:' || url.protocol === 'https:') {
    const q = url.searchParams;
    const loopback = url.protocol === 'http:' && url.hostname === '127.0.0.1' && url.port !== '' && url.pathname === '/callback';
    const workbench =
      url.pathname.endsWith('/callback') &&
      q.has('vscode-reqid') &&
      /^[a-z][a-z0-9+.-]*$/.test(q.get('vscode-scheme') ?? '') &&
      q.get('vscode-authority') === EXTENSION_AUTHORITY &&
      q.get('vscode-path') === CALLBACK_PATH;
    return loopback || workbench;
  }
  return /^[a-z][a-z0-9+.-]*:$/.test(url.protocol) && url.protocol !== 'file:' && url.host === EXTENSION_AUTHORITY && url.pathname === CALLBACK_PATH;
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
    sendHtml(res, 400, errorPage('Invalid redirect', 'The callback in the state is not an address VS Code makes for this extension.'));
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
