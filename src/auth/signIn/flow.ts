import { LightError } from '../../errors';
import type { Environment } from '../environment';

/** A way to get an authorization code from the browser. Each flow says where it works. */

export type HostKind = 'desktop' | 'remote' | 'web';

export interface FlowContext {
  env: Environment;
  clientId: string;
  codeChallenge: string;
  /** Opens the authorize URL in the user's browser. */
  openBrowser(url: string): Promise<void>;
  signal: AbortSignal;
  timeoutMs: number;
}

export interface FlowResult {
  code: string;
  /** Exactly what was sent as redirect_uri; the token request must repeat it. */
  redirectUri: string;
}

export interface SignInFlow {
  readonly id: string;
  readonly label: string;
  readonly worksIn: readonly HostKind[];
  run(ctx: FlowContext): Promise<FlowResult>;
}

export function buildAuthorizeUrl(
  env: Environment,
  p: { clientId: string; redirectUri: string; state: string; codeChallenge: string },
): string {
  const q = new URLSearchParams({
    client_id: p.clientId,
    redirect_uri: p.redirectUri,
    state: p.state,
    response_type: 'code',
    code_challenge: p.codeChallenge,
    code_challenge_method: 'S256',
  });
  return `${env.authorizeUrl}?${q.toString()}`;
}

/** Waits for `promise`, or fails on cancel or after `timeoutMs`. */
export function waitFor<T>(promise: Promise<T>, signal: AbortSignal, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const minutes = Math.round(timeoutMs / 60_000);
    const timer = setTimeout(
      () =>
        reject(
          new LightError(
            'timeout',
            `Sign-in timed out: the browser did not come back within ${minutes >= 1 ? `${minutes} minute${minutes === 1 ? '' : 's'}` : `${Math.round(timeoutMs / 1000)} s`}.`,
          ),
        ),
      timeoutMs,
    );
    const onAbort = () => reject(new LightError('cancelled', 'Sign-in cancelled.'));
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    });
  });
}
