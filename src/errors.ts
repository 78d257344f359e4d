/** What went wrong, in words a user can act on. `message` is shown to the user; `detail` goes to the log.
 *  Neither ever carries a token, code, secret or key. */
export type LightErrorKind =
  | 'network' // no answer: DNS, refused, reset
  | 'timeout' // no answer in time
  | 'http' // an answer we cannot use: 5xx, 429, HTML, malformed JSON, unexpected status
  | 'oauth' // the token endpoint refused the grant (invalid_grant, invalid_client, ...)
  | 'unauthorized' // the API refused the credentials (401)
  | 'config' // settings that cannot work
  | 'cancelled' // the user stopped it
  | 'callback' // the browser came back with an error or a state we did not send
  | 'storage'; // SecretStorage failed

export interface LightErrorInit {
  status?: number;
  code?: string;
  retryAfterSeconds?: number;
  detail?: string;
}

export class LightError extends Error {
  readonly status?: number;
  /** OAuth `error` or Light error `type`, when the server named one. */
  readonly code?: string;
  readonly retryAfterSeconds?: number;
  readonly detail?: string;

  constructor(
    readonly kind: LightErrorKind,
    message: string,
    init: LightErrorInit = {},
  ) {
    super(message);
    this.name = 'LightError';
    this.status = init.status;
    this.code = init.code;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.detail = init.detail;
  }

  /** Worth trying again later: nothing says the credentials are bad. */
  get transient(): boolean {
    return (
      this.kind === 'network' ||
      this.kind === 'timeout' ||
      (this.kind === 'http' && (this.status === undefined || this.status === 429 || this.status >= 500 || this.status < 400))
    );
  }
}

/** Any thrown value as a LightError, keeping LightErrors as they are. */
export function toLightError(e: unknown): LightError {
  if (e instanceof LightError) return e;
  const text = e instanceof Error ? e.message : String(e);
  return new LightError('network', 'Something went wrong talking to Light.', { detail: text });
}
