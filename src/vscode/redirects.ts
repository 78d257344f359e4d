import * as vscode from 'vscode';
import type { CallbackBroker } from '../core/signIn/callbackBroker';
import { PasteFlow } from '../core/signIn/pasteFlow';
import type { SignInFlow } from '../core/signIn/signInFlow';
import { relayState, UriCallbackResolver, UriHandlerFlow } from '../core/signIn/uriHandlerFlow';
import type { Logger } from '../core/log';
import { LoopbackFlow, loopbackRedirectUri } from '../node/loopbackFlow';
import { EXTENSION_ID, hostKind, LightConfig, readConfig } from './config';
import { pastePrompt } from './pastePrompt';

/** Where the browser comes back to after Light, as this VS Code can offer it: the one owner of redirect URIs, and
 *  of the sign-in ways built on them, in the order `flowOrder.ts` ranks them. */

export const CALLBACK_PATH = '/auth-callback';

/** `<scheme>://lightinc.light-vscode/auth-callback`, with the scheme of this VS Code (vscode, vscode-insiders, code-oss, …). */
export function callbackUri(): vscode.Uri {
  return vscode.Uri.parse(`${vscode.env.uriScheme}://${EXTENSION_ID}${CALLBACK_PATH}`);
}

/** The redirect URIs a Light admin must register for this VS Code: the URI-handler way first, then the local port. */
export function redirectUrisToRegister(cfg: Pick<LightConfig, 'relayUrl' | 'loopbackPort'>): string[] {
  return [hostKind() === 'desktop' ? callbackUri().toString(true) : cfg.relayUrl, loopbackRedirectUri(cfg.loopbackPort)];
}

/** Desktop: straight back to VS Code. Elsewhere: through the relay, to the address VS Code gives this window. */
export const uriCallbackTarget: UriCallbackResolver = async (nonce) => {
  if (hostKind() === 'desktop') return { redirectUri: callbackUri().toString(true), state: nonce };
  const external = await vscode.env.asExternalUri(callbackUri().with({ query: `nonce=${nonce}` }));
  return { redirectUri: readConfig().relayUrl, state: relayState(external.toString(true)) };
};

/** The sign-in ways for the settings `cfg`. */
export function signInFlows(broker: CallbackBroker, logger: Logger): (cfg: LightConfig) => SignInFlow[] {
  return (cfg) => [
    new UriHandlerFlow(broker, uriCallbackTarget),
    new LoopbackFlow({
      broker,
      port: cfg.loopbackPort,
      logger,
      externalize: async (url) => (await vscode.env.asExternalUri(vscode.Uri.parse(url))).toString(true),
    }),
    new PasteFlow({ broker, resolveTarget: uriCallbackTarget, prompt: pastePrompt }),
  ];
}
