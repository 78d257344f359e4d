import * as l10n from '@vscode/l10n';
import { LightError } from '../errors';
import { Emitter } from '../events';
import type { Logger } from '../log';

/** The one way to wait for the browser to come back: sign-ins register the nonce they sent, callbacks
 *  (URI handler, loopback, paste) deliver the query they got, and only a nonce we are waiting for, with the
 *  state that sign-in sent Light, is accepted. */

export type Delivery = 'accepted' | 'unknown' | 'used';

interface Pending {
  state: string;
  resolve(params: URLSearchParams): void;
  reject(e: Error): void;
}

export interface Waiting {
  promise: Promise<URLSearchParams>;
  dispose(): void;
}

const MAX_USED = 100;

export class CallbackBroker {
  private readonly pending = new Map<string, Pending>();
  private readonly used: string[] = [];
  private readonly expecting = new Emitter<string>();
  /** Fires with the nonce whenever a sign-in starts waiting. */
  readonly onDidExpect = this.expecting.event;

  constructor(private readonly logger: Logger) {}

  /** Starts waiting for the callback that carries `nonce` and, as `state`, what this sign-in sent Light: the nonce
   *  itself, or the relay state that carries the callback address. `dispose` stops waiting. */
  expect(nonce: string, state = nonce): Waiting {
    let pending!: Pending;
    const promise = new Promise<URLSearchParams>((resolve, reject) => {
      pending = { state, resolve, reject };
    });
    this.pending.set(nonce, pending);
    this.expecting.fire(nonce);
    return {
      promise,
      dispose: () => {
        if (this.pending.get(nonce) === pending) this.pending.delete(nonce);
      },
    };
  }

  /** True while a sign-in of this window waits for `nonce`. */
  expects(nonce: string): boolean {
    return this.pending.has(nonce);
  }

  /** True once a callback with `nonce` was accepted here (the last 100 are remembered). */
  wasUsed(nonce: string): boolean {
    return this.used.includes(nonce);
  }

  /** Hands a callback's query to the sign-in waiting for it. Callbacks nobody waits for are rejected. */
  deliver(query: string | URLSearchParams): Delivery {
    const params = typeof query === 'string' ? new URLSearchParams(query) : query;
    const nonce = callbackNonce(params);
    const pending = this.pending.get(nonce);
    if (!pending) {
      const used = this.used.includes(nonce);
      this.logger.warn(
        used
          ? 'Rejected a sign-in callback whose state was already used.'
          : 'Rejected a sign-in callback with a state this window did not send (a stale or forged link).',
      );
      return used ? 'used' : 'unknown';
    }
    if (!sameState(params.get('state'), pending.state)) {
      this.logger.warn('Rejected a sign-in callback whose state is not the one this sign-in sent to Light (an altered or forged link).');
      return 'unknown';
    }
    this.pending.delete(nonce);
    this.used.push(nonce);
    if (this.used.length > MAX_USED) this.used.shift();
    const error = params.get('error');
    if (error) {
      pending.reject(callbackError(error, params.get('error_description')));
    } else if (!params.get('code')) {
      pending.reject(new LightError('callback', l10n.t('The browser came back from Light without an authorization code. Try signing in again.')));
    } else {
      pending.resolve(params);
    }
    return 'accepted';
  }

  get waiting(): number {
    return this.pending.size;
  }
}

/** The nonce a callback answers: its own `nonce` (relay callbacks), else its `state`. */
export function callbackNonce(params: URLSearchParams): string {
  return params.get('nonce') ?? params.get('state') ?? '';
}

/** Relays differ in how often they encode the state they forward; one level either way is the same state. */
function sameState(got: string | null, sent: string): boolean {
  return got !== null && (got === sent || decode(got) === sent || got === decode(sent));
}

function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

function callbackError(error: string, description: string | null): LightError {
  if (error === 'access_denied') {
    return new LightError('callback', l10n.t('Sign-in was denied in the browser. Run "Sign in to Light" again and choose Approve.'), { code: error });
  }
  const message = description ? l10n.t('Light could not complete the sign-in ({0}: {1}).', error, description) : l10n.t('Light could not complete the sign-in ({0}).', error);
  return new LightError('callback', message, { code: error });
}
