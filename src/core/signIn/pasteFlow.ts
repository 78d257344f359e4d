import * as l10n from '@vscode/l10n';
import { LightError } from '../errors';
import { createState } from '../auth/pkce';
import type { CallbackBroker } from './callbackBroker';
import { buildAuthorizeUrl, FlowContext, FlowResult, SignInFlow, waitFor } from './signInFlow';
import type { UriCallbackResolver, UriCallbackTarget } from './uriHandlerFlow';

/** What the paste box says, first and after each kind of wrong answer (most of them: what was wrong, then "Please
 *  paste the whole address…"). */
const again = (wrong: string) => `${wrong} ${l10n.t('Please paste the whole address from the address bar of the browser tab this sign-in opened.')}`;
const HINTS = {
  first: () => l10n.t('After approving in the browser, paste the whole address from the address bar of the browser tab this sign-in opened.'),
  notAnAnswer: () => again(l10n.t('That does not look like the address Light sent your browser back to.')),
  notWhole: () =>
    l10n.t('That is only part of the address. The whole address shows that the code belongs to this sign-in: paste the whole address from the address bar of the browser tab this sign-in opened.'),
  noState: () => again(l10n.t('That address has no state, so nothing shows that it belongs to this sign-in.')),
  elsewhere: () => again(l10n.t('That address does not lead back to this sign-in: it is not where this sign-in asked Light to send the browser.')),
  other: () => again(l10n.t('That address is from another sign-in (an older one, or another window).')),
  used: () => again(l10n.t('That address is from a sign-in that has already finished.')),
  altered: () => again(l10n.t('That address was changed: its state is not the one this sign-in sent to Light.')),
};
const MAX_TRIES = 3;

/** What the user pasted: the address it is (scheme, host and path), the nonce of the sign-in it answers (its
 *  `nonce`, the one in code-server's `vscode-query` or in the callback a relay state carries, else its state),
 *  and its code and state. */
export type Pasted = { address: string; nonce: string; code: string; state: string } | { error: string };

/** Reads a whole callback address of any kind (vscode://, loopback, code-server, relay). A bare code or a query
 *  alone is refused: without the address and its state, nothing ties the code to this sign-in. */
export function parsePasted(text: string): Pasted {
  const t = text.trim();
  if (!t || /\s/.test(t)) return { error: HINTS.notAnAnswer() };
  const url = parseUrl(t);
  if (url) return fromUrl(url);
  if (/(^|[?&])(code|error|state)=/.test(t) || /^[\w.~+/=-]{8,}$/.test(t)) return { error: HINTS.notWhole() };
  return { error: HINTS.notAnAnswer() };
}

function fromUrl(url: URL): Pasted {
  const q = url.searchParams;
  const error = q.get('error');
  if (error) {
    const description = q.get('error_description');
    return {
      error: description
        ? l10n.t('The address says Light did not complete the sign-in ({0}: {1}). Start the sign-in again.', error, description)
        : l10n.t('The address says Light did not complete the sign-in ({0}). Start the sign-in again.', error),
    };
  }
  const code = q.get('code');
  if (!code) return { error: HINTS.notAnAnswer() };
  const state = q.get('state');
  if (!state) return { error: HINTS.noState() };
  return { address: addressOf(url), nonce: nonceOf(q) ?? state, code, state };
}

function nonceOf(q: URLSearchParams): string | undefined {
  const nonce = q.get('nonce') ?? new URLSearchParams(q.get('vscode-query') ?? '').get('nonce');
  if (nonce) return nonce;
  const state = q.get('state');
  const callback = state ? relayCallback(state) : undefined;
  return (callback && nonceOf(callback.searchParams)) || undefined;
}

/** The callback address a relay state carries, if it carries one. */
function relayCallback(state: string): URL | undefined {
  try {
    return parseUrl(decodeURIComponent(state));
  } catch {
    return undefined;
  }
}

function parseUrl(text: string): URL | undefined {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return undefined;
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/** An address without query or fragment; scheme and host in lower case. */
function addressOf(url: URL): string {
  return `${url.protocol}//${url.host.toLowerCase()}${url.pathname}`;
}

/** Where the browser may end a sign-in to `target`: the redirect URI, or the callback address its relay state carries. */
function landings(target: UriCallbackTarget): string[] {
  return [parseUrl(target.redirectUri), relayCallback(target.state)].flatMap((url) => (url ? [addressOf(url)] : []));
}

export interface PasteFlowOptions {
  broker: CallbackBroker;
  /** The same target as the URI-handler flow: the browser may still come back by itself. */
  resolveTarget: UriCallbackResolver;
  /** Asks the user to paste; undefined when dismissed. `signal` aborts when the sign-in ends another way: close the box then. */
  prompt: (hint: string, signal: AbortSignal) => Promise<string | undefined>;
}

/** The browser comes back wherever it can, and the user pastes the address it ended on into VS Code. */
export class PasteFlow implements SignInFlow {
  readonly id = 'paste';
  readonly label = l10n.t('Browser, then paste the address here');
  readonly worksIn = ['desktop', 'remote', 'web'] as const;

  constructor(private readonly options: PasteFlowOptions) {}

  async run(ctx: FlowContext): Promise<FlowResult> {
    const nonce = createState();
    const target = await this.options.resolveTarget(nonce);
    const waiting = this.options.broker.expect(nonce, target.state);
    const ended = new AbortController();
    try {
      await ctx.openBrowser(
        buildAuthorizeUrl(ctx.env, { clientId: ctx.clientId, redirectUri: target.redirectUri, state: target.state, codeChallenge: ctx.codeChallenge }),
      );
      const pasted = this.askForPaste(nonce, target, ended.signal).then(() => waiting.promise);
      const params = await waitFor(Promise.race([waiting.promise, pasted]), ctx.signal, ctx.timeoutMs);
      return { code: params.get('code') as string, redirectUri: target.redirectUri };
    } finally {
      ended.abort();
      waiting.dispose();
    }
  }

  /** Settles once a paste went to the broker, or once the sign-in ended another way; fails when the user gives up.
   *  Only an address that leads back to this sign-in's target and carries its nonce and state is taken. */
  private async askForPaste(nonce: string, target: UriCallbackTarget, ended: AbortSignal): Promise<void> {
    const { broker } = this.options;
    let hint = HINTS.first();
    for (let tries = 1; ; tries++) {
      const text = await this.options.prompt(hint, ended);
      if (ended.aborted) return;
      if (text === undefined) throw new LightError('cancelled', l10n.t('Sign-in cancelled.'));
      const pasted = parsePasted(text);
      if ('error' in pasted) {
        hint = pasted.error;
      } else if (!landings(target).includes(pasted.address)) {
        hint = HINTS.elsewhere();
      } else if (pasted.nonce !== nonce) {
        hint = broker.wasUsed(pasted.nonce) ? HINTS.used() : HINTS.other();
      } else if (broker.deliver(new URLSearchParams({ nonce, code: pasted.code, state: pasted.state })) === 'accepted') {
        return;
      } else {
        hint = HINTS.altered();
      }
      if (tries >= MAX_TRIES) throw new LightError('callback', hint);
    }
  }
}
