import { LightError } from '../../errors';
import type { Logger } from '../../log';

/** The one way to wait for the browser to come back: sign-ins register the nonce they sent, callbacks
 *  (URI handler, loopback, paste) deliver the query they got, and only a nonce we are waiting for is accepted. */

export type Delivery = 'accepted' | 'unknown' | 'used';

interface Pending {
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

  constructor(private readonly logger: Logger) {}

  /** Starts waiting for the callback that carries `nonce`; `dispose` stops waiting. */
  expect(nonce: string): Waiting {
    let pending!: Pending;
    const promise = new Promise<URLSearchParams>((resolve, reject) => {
      pending = { resolve, reject };
    });
    this.pending.set(nonce, pending);
    return {
      promise,
      dispose: () => {
        if (this.pending.get(nonce) === pending) this.pending.delete(nonce);
      },
    };
  }

  /** Hands a callback's query to the sign-in waiting for it. Callbacks nobody waits for are rejected. */
  deliver(query: string | URLSearchParams): Delivery {
    const params = typeof query === 'string' ? new URLSearchParams(query) : query;
    const nonce = params.get('nonce') ?? params.get('state') ?? '';
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
    this.pending.delete(nonce);
    this.used.push(nonce);
    if (this.used.length > MAX_USED) this.used.shift();
    const error = params.get('error');
    if (error) {
      pending.reject(callbackError(error, params.get('error_description')));
    } else if (!params.get('code')) {
      pending.reject(new LightError('callback', 'The browser came back from Light without an authorization code. Try signing in again.'));
    } else {
      pending.resolve(params);
    }
    return 'accepted';
  }

  get waiting(): number {
    return this.pending.size;
  }
}

function callbackError(error: string, description: string | null): LightError {
  if (error === 'access_denied') {
    return new LightError('callback', 'Sign-in was denied in the browser. Run "Sign in to Light" again and choose Approve.', { code: error });
  }
  const said = description ? `: ${description}` : '';
  return new LightError('callback', `Light could not complete the sign-in (${error}${said}).`, { code: error });
}
