/** One way to log: every line passes `redact`, so no token, code, verifier, secret or key reaches a log. */

export interface Logger {
  trace(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Zero-width characters, which a pasted key may carry unseen. */
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;
/** The registered values, each with a matcher when it is short enough to be an ordinary word (then it is only
 *  removed where it stands as its own token). One object for the whole extension: every part of the bundle
 *  (src/core/firstUse.ts) has its own copy of this module, and is handed the activation bundle's when it is loaded
 *  (useKnownSecrets), so that a secret registered anywhere is removed everywhere. */
export interface KnownSecrets {
  values: Map<string, RegExp | undefined>;
  longestFirst?: string[];
}
let secrets: KnownSecrets = { values: new Map() };

export function knownSecrets(): KnownSecrets {
  return secrets;
}

export function useKnownSecrets(shared: KnownSecrets): void {
  secrets = shared;
}
const MAX_KNOWN = 500;
const MIN_SECRET = 4;
const SHORT_SECRET = 8;

/** Remembers a secret value so that `redact` removes it wherever it appears, whatever its shape. */
export function registerSecret(value: string | undefined): void {
  const v = value?.replace(ZERO_WIDTH, '');
  const known = secrets.values;
  if (!v || v.length < MIN_SECRET || known.has(v)) return;
  if (known.size >= MAX_KNOWN) known.delete(known.keys().next().value as string);
  const escaped = v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  known.set(v, v.length < SHORT_SECRET ? new RegExp(`(?<![\\w-])${escaped}(?![\\w-])`, 'g') : undefined);
  secrets.longestFirst = undefined;
}

const SECRET_KEYS =
  '(?:access|refresh|id)[-_]?token|client[-_]?secret|code[-_]?verifier|code|(?:x-)?api[-_]?key|token|password|secret';
/** Where a key starts: a word boundary, or right after a %XX escape (`%3Fcode%3D…`). */
const KEY_START = '(?:\\b|(?<=%[0-9a-f]{2}))';
const VALUE_CHARS = `[^\\s"',;&{}[\\]]`;
/** `[redacted]` in the quotes the value had: none, ' or ", or \" in JSON inside a string. */
const quoted = (value: string) => {
  const q = /^\\?["']/.exec(value)?.[0] ?? '';
  return `${q}[redacted]${q}`;
};

const patterns: Array<[RegExp, (...m: string[]) => string]> = [
  // Authorization header values, whatever the scheme
  [/\b(Authorization\s*[:=]\s*["']?)(?:(\w+)\s+)?[^\s"',;]+/gi, (_, head, scheme) => `${head}${scheme ? `${scheme} ` : ''}[redacted]`],
  [/\b(Bearer|Basic)\s+[^\s"',;]+/gi, (_, scheme) => `${scheme} [redacted]`],
  // `Token <value>` where the value looks like a credential (has a digit, 8+ characters), not "Token expires"
  [/\b(Token)\s+(?=[^\s"',;]*\d)[^\s"',;]{8,}/gi, (_, scheme) => `${scheme} [redacted]`],
  // JWTs and Light personal tokens anywhere
  [/\beyJ[\w-]+\.[\w-]+\.[\w-]*/g, () => '[redacted-jwt]'],
  [/\blmcp_[\w-]+/g, () => '[redacted]'],
  // key=value, key = value, key: value, "key": "value", 'key': 'value', in any case
  [
    new RegExp(`(\\\\?["']?)${KEY_START}(${SECRET_KEYS})\\1(\\s*[:=]\\s*)("(?:[^"\\\\]|\\\\.)*"|'[^']*'|\\\\"[^"\\\\]*\\\\"|${VALUE_CHARS}+)`, 'gi'),
    (_, q, key, sep, value) => `${q}${key}${q}${sep}${quoted(value)}`,
  ],
  // the same, URL-encoded: a query inside a query (key%3Dvalue%26…) and JSON in a URL (%22key%22%3A%22value%22)
  [new RegExp(`${KEY_START}(${SECRET_KEYS})%3D(?:%(?!26)[0-9a-f]{2}|[^%&\\s"'])+`, 'gi'), (_, key) => `${key}%3D[redacted]`],
  [new RegExp(`%22(${SECRET_KEYS})%22((?:\\+|%20)*%3A(?:\\+|%20)*)%22(?:(?!%22)[^\\s&"'])*`, 'gi'), (_, key, sep) => `%22${key}%22${sep}%22[redacted]`],
];

export function redact(text: string): string {
  let out = text.replace(ZERO_WIDTH, '');
  secrets.longestFirst ??= [...secrets.values.keys()].sort((a, b) => b.length - a.length);
  for (const value of secrets.longestFirst) {
    if (!out.includes(value)) continue;
    const standalone = secrets.values.get(value);
    out = standalone ? out.replace(standalone, '[redacted]') : out.split(value).join('[redacted]');
  }
  for (const [re, replace] of patterns) out = out.replace(re, replace);
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
