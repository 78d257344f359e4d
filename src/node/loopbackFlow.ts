import * as l10n from '@vscode/l10n';
import * as http from 'http';
import type { AddressInfo } from 'net';
import { LightError } from '../core/errors';
import type { Logger } from '../core/log';
import { createState } from '../core/auth/pkce';
import type { CallbackBroker } from '../core/signIn/callbackBroker';
import { buildAuthorizeUrl, FlowContext, FlowResult, SignInFlow, waitFor } from '../core/signIn/signInFlow';

export interface LoopbackFlowOptions {
  broker: CallbackBroker;
  /** The port in the redirect URI registered with Light (`light.oauth.loopbackPort`). */
  port: number;
  /** Where to listen; 127.0.0.1 by default. The redirect URI always names 127.0.0.1. */
  host?: string;
  /** Makes a local address reachable from the user's browser (VS Code's asExternalUri in remote windows). */
  externalize?: (url: string) => Promise<string>;
  logger: Logger;
}

/** The browser comes back to a one-shot HTTP server on a local port (RFC 8252 §7.3). */
export class LoopbackFlow implements SignInFlow {
  readonly id = 'loopback';
  readonly label = l10n.t('Browser, back to a local port');
  readonly worksIn = ['desktop', 'remote'] as const;

  constructor(private readonly options: LoopbackFlowOptions) {}

  async run(ctx: FlowContext): Promise<FlowResult> {
    const { broker, logger } = this.options;
    const nonce = createState();
    const waiting = broker.expect(nonce);
    let answered: Promise<void> = Promise.resolve();

    const server = http.createServer((req, res) => {
      const query = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams;
      // Any path: a port forwarder may drop it. Requests that are no callback (a favicon) change nothing.
      if (req.method !== 'GET' || !['code', 'error', 'state'].some((name) => query.has(name))) {
        answer(res, 404, l10n.t('Not found'), l10n.t('This address only receives the sign-in from Light.'));
        return;
      }
      if (broker.deliver(query) !== 'accepted') {
        answer(
          res,
          400,
          l10n.t('Sign-in link not recognized'),
          l10n.t('This address does not belong to the sign-in VS Code is waiting for: it may be old, or from another window. Go back to VS Code and finish the sign-in it started.'),
        );
        return;
      }
      answered = waiting.promise.then(
        () => answer(res, 200, l10n.t('Signed in to Light'), l10n.t('You are signed in. You can close this tab and go back to VS Code.')),
        (e: Error) => answer(res, 400, l10n.t('Sign-in failed'), l10n.t('{0} You can close this tab.', e.message)),
      );
    });

    try {
      const port = await listen(server, this.options.host ?? '127.0.0.1', this.options.port);
      const redirectUri = loopbackRedirectUri(port);
      await this.checkReachable(redirectUri, port);
      logger.info(`Waiting for the browser to come back to ${redirectUri}.`);
      await ctx.openBrowser(buildAuthorizeUrl(ctx.env, { clientId: ctx.clientId, redirectUri, state: nonce, codeChallenge: ctx.codeChallenge }));
      const params = await waitFor(waiting.promise, ctx.signal, ctx.timeoutMs);
      return { code: params.get('code') as string, redirectUri };
    } finally {
      waiting.dispose();
      await answered;
      await close(server);
    }
  }

  /** In a remote window this forwards the port; the browser is sent to 127.0.0.1 either way, so say when that may miss. */
  private async checkReachable(redirectUri: string, port: number): Promise<void> {
    if (!this.options.externalize) return;
    const external = new URL(await this.options.externalize(redirectUri));
    if (!['127.0.0.1', 'localhost'].includes(external.hostname) || external.port !== String(port)) {
      this.options.logger.warn(
        `The sign-in port ${port} is forwarded to ${external.origin}, but Light sends the browser to 127.0.0.1:${port}. ` +
          'If the browser cannot come back, free that port on this computer or choose another sign-in method.',
      );
    }
  }
}

function listen(server: http.Server, host: string, port: number): Promise<number> {
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    return Promise.reject(new LightError('config', l10n.t('Setting "light.oauth.loopbackPort" is {0}, which is not a port number (1-65535).', port)));
  }
  return new Promise((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => reject(listenError(e, host, port)));
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

function listenError(e: NodeJS.ErrnoException, host: string, port: number): LightError {
  if (e.code === 'EADDRINUSE') {
    return new LightError(
      'config',
      l10n.t(
        'Port {0} is already in use, so the browser cannot come back to it. Close the program using it, or register http://127.0.0.1:<another port>/callback with Light and set "light.oauth.loopbackPort" to that port: Light only redirects to the exact address registered, so the port must match.',
        port,
      ),
      { code: e.code },
    );
  }
  return new LightError('config', l10n.t('Could not listen on {0}:{1} for the sign-in ({2}). Check "light.oauth.loopbackPort".', host, port, e.code ?? e.message), {
    code: e.code,
    detail: e.message,
  });
}

function close(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function answer(res: http.ServerResponse, status: number, title: string, message: string): Promise<void> {
  const lang = l10n.t({ message: 'en', comment: ["The language code of this translation, for the page the browser shows after a sign-in (e.g. de)"] });
  const body =
    `<!doctype html><html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
    `<title>${escapeHtml(title)}</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:34rem;margin:4rem auto;padding:0 1rem}</style>` +
    `</head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></body></html>`;
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
    'Referrer-Policy': 'no-referrer',
    Connection: 'close',
  });
  // 'close' also comes when the browser goes away first, so the caller never waits forever.
  return new Promise((resolve) => {
    res.once('close', () => resolve());
    res.end(body);
  });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The redirect URI of the loopback way: what the Light admin registers for `port`. */
export function loopbackRedirectUri(port: number): string {
  return `http://127.0.0.1:${port}/callback`;
}
