import * as l10n from '@vscode/l10n';
import { Clock, systemClock } from '../clock';
import { LightError } from '../errors';
import type { Environment } from '../auth/environment';

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

/** Waits for `promise`, or fails on cancel or after `timeoutMs`; leaves no timer or listener behind. */
export function waitFor<T>(promise: Promise<T>, signal: AbortSignal, timeoutMs: number, clock: Clock = systemClock): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const finish = (settle: () => void) => {
      clock.clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      settle();
    };
    const timer = clock.setTimeout(() => finish(() => reject(new LightError('timeout', l10n.t('Sign-in timed out: the browser did not come back within {0}.', duration(timeoutMs))))), timeoutMs);
    const onAbort = () => finish(() => reject(new LightError('cancelled', l10n.t('Sign-in cancelled.'))));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => finish(() => resolve(v)),
      (e) => finish(() => reject(e)),
    );
  });
}

function duration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes === 1) return l10n.t('1 minute');
  return minutes > 1 ? l10n.t('{0} minutes', minutes) : l10n.t('{0} s', Math.round(ms / 1000));
}
