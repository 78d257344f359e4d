import * as l10n from '@vscode/l10n';
import { LightError } from '../errors';

/** Where Light lives for one account, derived from settings; nothing else decides a URL. */
export type EnvironmentName = 'production' | 'sandbox' | 'custom';

export interface Environment {
  name: EnvironmentName;
  /** API origin with no trailing slash, e.g. https://api.light.inc */
  apiBaseUrl: string;
  authorizeUrl: string;
  tokenUrl: string;
  /** Light's hosted MCP server (HTTP transport). */
  mcpUrl: string;
  /** A stable key for account ids: `production`, `sandbox`, or `custom:<origin>`. */
  key: string;
}

export const KNOWN_HOSTS: Record<Exclude<EnvironmentName, 'custom'>, string> = {
  production: 'https://api.light.inc',
  sandbox: 'https://api.sandbox.light.inc',
};

export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** Parses a URL that credentials will be sent to: HTTPS, or HTTP on a loopback host only. `what`: where it came from,
 *  in the words the errors start with ('Setting "light.apiUrl"'). */
export function parseSecureUrl(raw: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new LightError('config', l10n.t('{0} "{1}" is not a valid URL. Use a full URL such as https://api.light.inc.', what, raw));
  }
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return url;
  throw new LightError('config', l10n.t('{0} must use https:// (plain http:// is only allowed for localhost and 127.x.x.x). Got "{1}".', what, url.origin));
}

export function resolveEnvironment(name: string | undefined, customApiUrl: string | undefined): Environment {
  const envName: EnvironmentName = name === 'sandbox' || name === 'custom' ? name : 'production';
  let base: string;
  if (envName === 'custom') {
    if (!customApiUrl || !customApiUrl.trim()) {
      throw new LightError('config', l10n.t('Setting "light.environment" is "custom" but "light.apiUrl" is empty. Set "light.apiUrl" to your Light API URL.'));
    }
    const url = parseSecureUrl(customApiUrl, l10n.t('Setting "{0}"', 'light.apiUrl'));
    base = (url.origin + url.pathname).replace(/\/+$/, '');
  } else {
    base = KNOWN_HOSTS[envName];
  }
  return {
    name: envName,
    apiBaseUrl: base,
    authorizeUrl: `${base}/oauth/authorize`,
    tokenUrl: `${base}/oauth/token`,
    mcpUrl: `${base}/rest/ext/mcp`,
    key: envName === 'custom' ? `custom:${new URL(base).host}` : envName,
  };
}
