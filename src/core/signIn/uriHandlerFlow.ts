import * as l10n from '@vscode/l10n';
import { createState } from '../auth/pkce';
import type { CallbackBroker } from './callbackBroker';
import { buildAuthorizeUrl, FlowContext, FlowResult, SignInFlow, waitFor } from './signInFlow';

/** Where the browser must send the user back, as this VS Code sees it. */
export interface UriCallbackTarget {
  /** The redirect_uri sent to Light. Desktop: `<scheme>://lightinc.light-vscode/auth-callback`. Remote/web: the relay. */
  redirectUri: string;
  /** The state sent to Light: the nonce itself (desktop), or the callback URL, carrying the nonce, that the relay
   *  forwards to (remote/web). Either way the callback brings both back, and only a known nonce with the state its
   *  sign-in sent is accepted. */
  state: string;
}

/** Builds the target for a nonce; the VS Code adapter knows the URI scheme, asExternalUri and the relay. */
export type UriCallbackResolver = (nonce: string) => Promise<UriCallbackTarget>;

/** The browser comes back through VS Code's URI handling: directly on desktop, through a relay elsewhere. */
export class UriHandlerFlow implements SignInFlow {
  readonly id = 'uri';
  readonly label = l10n.t('Browser, back through VS Code');
  readonly worksIn = ['desktop', 'remote', 'web'] as const;

  constructor(
    private readonly broker: CallbackBroker,
    private readonly resolveTarget: UriCallbackResolver,
  ) {}

  async run(ctx: FlowContext): Promise<FlowResult> {
    const nonce = createState();
    const target = await this.resolveTarget(nonce);
    const waiting = this.broker.expect(nonce, target.state);
    try {
      await ctx.openBrowser(
        buildAuthorizeUrl(ctx.env, { clientId: ctx.clientId, redirectUri: target.redirectUri, state: target.state, codeChallenge: ctx.codeChallenge }),
      );
      const params = await waitFor(waiting.promise, ctx.signal, ctx.timeoutMs);
      return { code: params.get('code') as string, redirectUri: target.redirectUri };
    } finally {
      waiting.dispose();
    }
  }
}

/** vscode.dev/redirect's convention: `state` is the URL-encoded callback to forward the browser to. */
export function relayState(callbackUrl: string): string {
  return encodeURIComponent(callbackUrl);
}
