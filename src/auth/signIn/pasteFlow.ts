import { LightError } from '../../errors';
import { createState } from '../pkce';
import type { CallbackBroker } from './callbacks';
import { buildAuthorizeUrl, FlowContext, FlowResult, SignInFlow, waitFor } from './flow';
import type { UriCallbackResolver } from './uriHandlerFlow';

const NOT_AN_ANSWER =
  "That does not look like the address Light sent your browser back to, or a sign-in code. Paste the whole address from your browser's address bar, or just the code.";
const FIRST_HINT = 'After approving in the browser, paste the address the browser ended on (or just the code).';
const MAX_TRIES = 3;

/** What the user pasted. `state` identifies the sign-in it answers: the nonce the callback carries, else its state. */
export type Pasted = { code: string; state?: string } | { error: string };

/** Reads a callback address of any kind (vscode://, loopback, code-server, relay), its query alone, or a bare code. */
export function parsePasted(text: string): Pasted {
  const t = text.trim();
  if (!t || /\s/.test(t)) return { error: NOT_AN_ANSWER };
  if (t.includes('?')) return fromQuery(new URLSearchParams(t.slice(t.indexOf('?') + 1).split('#')[0]));
  if (/(^|&)(code|error|state)=/.test(t)) return fromQuery(new URLSearchParams(t));
  if (/^[\w.~+/=-]{8,}$/.test(t)) return { code: t };
  return { error: NOT_AN_ANSWER };
}

function fromQuery(q: URLSearchParams): Pasted {
  const error = q.get('error');
  if (error) {
    const description = q.get('error_description');
    return { error: `The address says Light did not complete the sign-in (${error}${description ? `: ${description}` : ''}). Start the sign-in again.` };
  }
  const code = q.get('code');
  if (!code) return { error: NOT_AN_ANSWER };
  const state = nonceOf(q);
  return state ? { code, state } : { code };
}

/** The nonce rides in the query itself, in code-server's `vscode-query`, or in the callback a relay state carries. */
function nonceOf(q: URLSearchParams): string | undefined {
  const nonce = q.get('nonce') ?? new URLSearchParams(q.get('vscode-query') ?? '').get('nonce');
  if (nonce) return nonce;
  const state = q.get('state') ?? undefined;
  const callback = state && relayCallback(state);
  return (callback && nonceOf(callback)) || state;
}

function relayCallback(state: string): URLSearchParams | undefined {
  try {
    const text = decodeURIComponent(state);
    return /^[a-z][a-z0-9+.-]*:\/\/[^?]*\?/i.test(text) ? new URLSearchParams(text.slice(text.indexOf('?') + 1).split('#')[0]) : undefined;
  } catch {
    return undefined;
  }
}

export interface PasteFlowOptions {
  broker: CallbackBroker;
  /** The same target as the URI-handler flow: the browser may still come back by itself. */
  resolveTarget: UriCallbackResolver;
  /** Asks the user to paste; undefined when dismissed. `signal` aborts when the sign-in ends another way: close the box then. */
  prompt: (hint: string, signal: AbortSignal) => Promise<string | undefined>;
}

/** The browser comes back wherever it can, and the user pastes the address (or the code) into VS Code. */
export class PasteFlow implements SignInFlow {
  readonly id = 'paste';
  readonly label = 'Browser, then paste the address here';
  readonly worksIn = ['desktop', 'remote', 'web'] as const;

  constructor(private readonly o: PasteFlowOptions) {}

  async run(ctx: FlowContext): Promise<FlowResult> {
    const nonce = createState();
    const target = await this.o.resolveTarget(nonce);
    const waiting = this.o.broker.expect(nonce);
    const ended = new AbortController();
    try {
      await ctx.openBrowser(
        buildAuthorizeUrl(ctx.env, { clientId: ctx.clientId, redirectUri: target.redirectUri, state: target.state, codeChallenge: ctx.codeChallenge }),
      );
      const pasted = this.askForPaste(nonce, ended.signal).then(() => waiting.promise);
      const params = await waitFor(Promise.race([waiting.promise, pasted]), ctx.signal, ctx.timeoutMs);
      return { code: params.get('code') as string, redirectUri: target.redirectUri };
    } finally {
      ended.abort();
      waiting.dispose();
    }
  }

  /** Settles once a paste went to the broker, or once the sign-in ended another way; fails when the user gives up. */
  private async askForPaste(nonce: string, ended: AbortSignal): Promise<void> {
    let hint = FIRST_HINT;
    for (let tries = 1; ; tries++) {
      const text = await this.o.prompt(hint, ended);
      if (ended.aborted) return;
      if (text === undefined) throw new LightError('cancelled', 'Sign-in cancelled.');
      const pasted = parsePasted(text);
      if ('code' in pasted) {
        // A bare code can only be the answer to this sign-in. That is safe: PKCE binds a code to the verifier of the
        // sign-in that asked for it, so a code obtained by anyone else cannot be redeemed with this sign-in's verifier.
        const delivery = this.o.broker.deliver(new URLSearchParams({ code: pasted.code, state: pasted.state ?? nonce }));
        if (delivery === 'accepted') return;
        hint =
          delivery === 'used'
            ? 'That address is from a sign-in that has already finished. Paste the address from the tab this sign-in opened, or just the code.'
            : 'That address is from another sign-in (an older one, or another window). Paste the address from the tab this sign-in opened, or just the code.';
      } else {
        hint = pasted.error;
      }
      if (tries >= MAX_TRIES) throw new LightError('callback', hint);
    }
  }
}
