/** One way to log: every line passes `redact`, so no token, code, verifier, secret or key reaches a log. */

export interface Logger {
  trace(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

const known = new Set<string>();
const MAX_KNOWN = 500;

/** Remembers a secret value so that `redact` removes it wherever it appears, whatever its shape. */
export function registerSecret(value: string | undefined): void {
  if (!value || value.length < 6) return;
  if (known.size >= MAX_KNOWN) known.delete(known.values().next().value as string);
  known.add(value);
}

const SECRET_KEYS =
  'access_token|refresh_token|id_token|client_secret|code_verifier|code|api_key|apiKey|accessToken|refreshToken|clientSecret|token|password|secret';
const patterns: Array<[RegExp, string]> = [
  // Authorization header values
  [/\b(Bearer|Basic)\s+[^\s"',;]+/gi, '$1 [redacted]'],
  // JWTs anywhere
  [/\beyJ[\w-]+\.[\w-]+\.[\w-]*/g, '[redacted-jwt]'],
  // key=value in queries and form bodies
  [new RegExp(`([?&#]|\\b)(${SECRET_KEYS})=[^&\\s"']*`, 'g'), '$1$2=[redacted]'],
  // "key": "value" in JSON
  [new RegExp(`"(${SECRET_KEYS})"\\s*:\\s*"[^"]*"`, 'g'), '"$1":"[redacted]"'],
];

export function redact(text: string): string {
  let out = text;
  for (const value of known) {
    if (out.includes(value)) out = out.split(value).join('[redacted]');
  }
  for (const [re, replacement] of patterns) out = out.replace(re, replacement);
  return out;
}

/** Anything with the LogOutputChannel's four methods (or a console) becomes a redacting Logger. */
export function redactingLogger(sink: Logger): Logger {
  return {
    trace: (m) => sink.trace(redact(m)),
    info: (m) => sink.info(redact(m)),
    warn: (m) => sink.warn(redact(m)),
    error: (m) => sink.error(redact(m)),
  };
}

export const silentLogger: Logger = { trace() {}, info() {}, warn() {}, error() {} };
