import * as l10n from '@vscode/l10n';

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
  | 'storage' // SecretStorage failed
  | 'bug'; // a programming error in this extension, not an outage

export interface LightErrorInit {
  status?: number;
  code?: string;
  retryAfterSeconds?: number;
  detail?: string;
  messages?: string[];
}

/** Marks a LightError made by any copy of this class (see LightError's `instanceof`). */
const LIGHT_ERROR = Symbol.for('lightinc.light-vscode.LightError');

export class LightError extends Error {
  /** Each part of the bundle (src/core/firstUse.ts) has its own copy of this class, so `instanceof` asks for the mark
   *  every copy sets: an error from the session manager is a LightError in the explorer too. */
  static [Symbol.hasInstance](value: unknown): boolean {
    return value instanceof Error && (value as { [LIGHT_ERROR]?: unknown })[LIGHT_ERROR] === true;
  }

  readonly [LIGHT_ERROR] = true;
  readonly status?: number;
  /** OAuth `error` or Light error `type`, when the server named one. */
  readonly code?: string;
  readonly retryAfterSeconds?: number;
  readonly detail?: string;
  /** Light's own messages, one per error it listed, when it answered in one of its error shapes. */
  readonly messages?: string[];

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
    this.messages = init.messages;
  }
}

/** Any thrown value as a LightError, keeping LightErrors as they are. Only what the network throws is named a
 *  network error; anything else (a TypeError, a failed assertion) is a bug in this extension and says so. */
export function toLightError(e: unknown): LightError {
  if (e instanceof LightError) return e;
  const err = e as { name?: unknown; code?: unknown; message?: unknown; stack?: unknown } | undefined;
  const message = typeof err?.message === 'string' ? err.message : String(e);
  if (err?.name === 'FetchError' || (typeof err?.code === 'string' && /^E[A-Z]+$/.test(err.code))) {
    return new LightError('network', l10n.t('Could not reach Light: {0}. Check your connection and try again.', typeof err.code === 'string' ? err.code : message), { detail: message });
  }
  return new LightError('bug', l10n.t('Something unexpected went wrong inside the Light extension (a bug; the log has the details).'), {
    detail: typeof err?.stack === 'string' ? err.stack : message,
  });
}
