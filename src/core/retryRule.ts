import type { LightError } from './errors';

/** The one rule for what a failure means and what to do next, for the token endpoint and the API alike. */
export type Verdict =
  /** Nothing says the credentials are bad (network, timeout, 5xx, 429, HTML, malformed answers): back off, try again. */
  | 'transient'
  /** The token endpoint refused the refresh token itself: the session is over, the user signs in again. */
  | 'sessionDead'
  /** The API refused the access token (401): refresh once, then retry once. */
  | 'rejected'
  /** Settings or the OAuth client cannot work (invalid_client, no client secret, a request Light calls malformed):
   *  retrying will not help; keep the secrets and tell the user what to fix. */
  | 'configuration'
  /** A programming error in this extension: log it as a bug, do not show it as an outage. */
  | 'bug'
  /** The user stopped it. */
  | 'cancelled';

export type Endpoint = 'token' | 'api';

const CLIENT_WORDS = /\bclient\b|client[_ ]?(id|secret)|credentials are required/i;
const GRANT_WORDS = /refresh[_ ]?token|\bgrant\b|expired|revoked|invalid token|token (is )?(invalid|not valid)/i;

export function verdict(error: LightError, endpoint: Endpoint): Verdict {
  switch (error.kind) {
    case 'network':
    case 'timeout':
    case 'storage':
      return 'transient';
    case 'cancelled':
      return 'cancelled';
    case 'bug':
      return 'bug';
    case 'config':
    case 'callback':
      return 'configuration';
    case 'oauth':
      // RFC 6749 §5.2: only invalid_grant says the grant itself is dead; server_error and temporarily_unavailable (or
      // a 5xx/429 whatever it says) are outages; the other codes name the client or the request.
      if (error.code === 'invalid_grant') return 'sessionDead';
      if (error.code === 'server_error' || error.code === 'temporarily_unavailable' || isOutage(error.status)) return 'transient';
      return 'configuration';
    case 'unauthorized':
    case 'http':
      break;
  }
  const status = error.status;
  if (status === undefined || isOutage(status) || status < 400) return 'transient';
  if (endpoint === 'api') return status === 401 ? 'rejected' : 'configuration';
  // The token endpoint's error body is undocumented: Light's own shapes are read by what they name, in Light's own
  // words where it gave some (the extension's message around them may be in another language).
  const said = `${error.code ?? ''} ${error.messages?.join(' ') ?? error.message}`;
  if (status === 400 || status === 401) {
    if (CLIENT_WORDS.test(said)) return 'configuration';
    if (error.code === 'UNAUTHORIZED' || GRANT_WORDS.test(said)) return 'sessionDead';
  }
  return 'configuration';
}

function isOutage(status: number | undefined): boolean {
  return status !== undefined && (status === 429 || status >= 500);
}
