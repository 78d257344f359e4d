import * as vscode from 'vscode';
import { Environment, parseSecureUrl, resolveEnvironment } from '../core/auth/environment';
import type { HostKind } from '../core/signIn/signInFlow';
import type { FlowPreference } from '../core/signIn/flowOrder';

/** `light.*` settings, read fresh on every use: one place turns them into an Environment. */

export const EXTENSION_ID = 'lightinc.light-vscode';
export const DEFAULT_RELAY_URL = 'https://vscode.dev/redirect';

export interface LightConfig {
  env: Environment;
  clientId: string;
  relayUrl: string;
  signInTimeoutMs: number;
  flow: FlowPreference;
  loopbackPort: number;
}

const FLOWS: readonly FlowPreference[] = ['auto', 'uri', 'loopback', 'paste'];

export function readConfig(): LightConfig {
  const c = vscode.workspace.getConfiguration('light');
  const env = resolveEnvironment(c.get<string>('environment'), c.get<string>('apiUrl'));
  const relay = parseSecureUrl(c.get<string>('oauth.relayUrl') || DEFAULT_RELAY_URL, vscode.l10n.t('Setting "{0}"', 'light.oauth.relayUrl'));
  const timeoutS = c.get<number>('oauth.signInTimeoutSeconds') ?? 300;
  return {
    env,
    clientId: (c.get<string>('oauth.clientId') ?? '').trim(),
    relayUrl: relay.toString(),
    signInTimeoutMs: Math.max(1, timeoutS) * 1000,
    flow: FLOWS.find((f) => f === c.get<string>('oauth.flow')) ?? 'auto',
    loopbackPort: c.get<number>('oauth.loopbackPort') ?? 43117,
  };
}

export function setClientId(clientId: string): Thenable<void> {
  return vscode.workspace.getConfiguration('light').update('oauth.clientId', clientId, vscode.ConfigurationTarget.Global);
}

/** Desktop: the browser can open `vscode://` links. Remote (SSH, containers, Codespaces, code-server): the
 *  extension runs on another machine, reached through VS Code's forwarding. Web: no server of ours at all. */
export function hostKind(): HostKind {
  if (vscode.env.remoteName) return 'remote';
  return vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop';
}
