import * as vscode from 'vscode';
import { Environment, parseSecureUrl, resolveEnvironment } from './auth/environment';
import type { HostKind } from './auth/signIn/flow';

/** `light.*` settings, read fresh on every use: one place turns them into an Environment. */

export const EXTENSION_ID = 'lightinc.light-vscode';
export const CALLBACK_PATH = '/auth-callback';
export const DEFAULT_RELAY_URL = 'https://vscode.dev/redirect';

export interface LightConfig {
  env: Environment;
  clientId: string;
  relayUrl: string;
  signInTimeoutMs: number;
}

export function readConfig(): LightConfig {
  const c = vscode.workspace.getConfiguration('light');
  const env = resolveEnvironment(c.get<string>('environment'), c.get<string>('apiUrl'));
  const relay = parseSecureUrl(c.get<string>('oauth.relayUrl') || DEFAULT_RELAY_URL, 'Setting "light.oauth.relayUrl"');
  const timeoutS = c.get<number>('oauth.signInTimeoutSeconds') ?? 300;
  return {
    env,
    clientId: (c.get<string>('oauth.clientId') ?? '').trim(),
    relayUrl: relay.toString(),
    signInTimeoutMs: Math.max(1, timeoutS) * 1000,
  };
}

export function setClientId(clientId: string): Thenable<void> {
  return vscode.workspace.getConfiguration('light').update('oauth.clientId', clientId, vscode.ConfigurationTarget.Global);
}

/** Desktop: the browser can open `vscode://` links. Remote and web: it reaches us only through a relay. */
export function hostKind(): HostKind {
  if (vscode.env.uiKind === vscode.UIKind.Web) return 'web';
  return vscode.env.remoteName ? 'remote' : 'desktop';
}

/** `<scheme>://lightinc.light-vscode/auth-callback`, with the scheme of this VS Code (vscode, vscode-insiders, code-oss, …). */
export function callbackUri(): vscode.Uri {
  return vscode.Uri.parse(`${vscode.env.uriScheme}://${EXTENSION_ID}${CALLBACK_PATH}`);
}

/** The redirect URIs a Light admin must register for this VS Code. */
export function redirectUrisToRegister(cfg: Pick<LightConfig, 'relayUrl'>): string[] {
  return hostKind() === 'desktop' ? [callbackUri().toString(true)] : [cfg.relayUrl];
}
