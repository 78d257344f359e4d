import type { SessionKind } from '../auth/tokenStore';

/** A request as a cURL command a person can paste into a terminal: the credential is always a variable the user sets
 *  (`$LIGHT_ACCESS_TOKEN`, as the integrated terminal can provide it, or `$LIGHT_API_KEY` for API-key accounts), never the credential itself. */
export function curlCommand(apiBaseUrl: string, path: string, query: Record<string, string | number | undefined>, credential: SessionKind): string {
  const url = new URL(apiBaseUrl + path);
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') url.searchParams.set(k, String(v));
  const auth = credential === 'apiKey' ? 'Authorization: Basic $LIGHT_API_KEY' : 'Authorization: Bearer $LIGHT_ACCESS_TOKEN';
  return `curl -sS ${shellQuote(url.toString())} -H 'Accept: application/json' -H "${auth}"`;
}

/** POSIX single quotes: nothing inside is expanded. */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
