import * as vscode from 'vscode';
import { LightError } from '../core/errors';
import type { OAuthClient } from '../core/auth/tokenClient';
import type { TokenStore } from '../core/auth/tokenStore';
import { LightConfig, setClientId } from './config';
import { redirectUrisToRegister } from './redirects';
import { ask } from './ask';

/** Light issues OAuth clients by hand. When none is configured, say what to ask for and take the two values. */
export async function ensureOAuthClient(cfg: LightConfig, store: TokenStore): Promise<OAuthClient> {
  let secret = cfg.clientId ? await store.clientSecret(cfg.clientId) : undefined;
  if (cfg.clientId && secret) return { clientId: cfg.clientId, clientSecret: secret };

  const uris = redirectUrisToRegister(cfg);
  const enter = vscode.l10n.t('Enter Client ID and Secret');
  const copy = vscode.l10n.t('Copy Redirect URIs and Continue');
  const choice = await whatToAskLight(uris, {
    message: vscode.l10n.t('Light needs an OAuth client for VS Code'),
    before: vscode.l10n.t('Light issues OAuth clients by hand.'),
    after: vscode.l10n.t("You will receive a client ID and a client secret. The secret is kept in VS Code's secret storage only."),
    buttons: [enter, copy],
  });
  if (!choice) throw new LightError('cancelled', vscode.l10n.t('Sign-in cancelled: no OAuth client is configured.'));
  if (choice === copy) await vscode.env.clipboard.writeText(uris.join('\n'));

  const clientId = cfg.clientId || (await promptClientId(vscode.l10n.t('Light OAuth client (1/2)')));
  if (!clientId) throw new LightError('cancelled', vscode.l10n.t('Sign-in cancelled: no client ID entered.'));
  secret = await promptClientSecret(clientId, store, vscode.l10n.t('Light OAuth client (2/2)'));
  if (!secret) throw new LightError('cancelled', vscode.l10n.t('Sign-in cancelled: no client secret entered.'));
  return { clientId, clientSecret: secret };
}

/** The modal that says what to ask Light support for, with the redirect URIs of this VS Code (`uris`, from
 *  redirectUrisToRegister); the button chosen. */
export function whatToAskLight(uris: string[], o: { message: string; before?: string; after: string; buttons: string[] }): Thenable<string | undefined> {
  const request = vscode.l10n.t(
    'Ask Light support (or your Light admin) to enable OAuth for your company and to register these redirect URIs for it:\n\n{0}\n\n(the second is for signing in through a local port, when the first way does not come back.)',
    uris.join('\n'),
  );
  return vscode.window.showInformationMessage(o.message, { modal: true, detail: [o.before, request, o.after].filter(Boolean).join(' ') }, ...o.buttons);
}

/** Asks for the client ID and saves it in `light.oauth.clientId`; undefined when dismissed. */
export async function promptClientId(title = vscode.l10n.t('Light OAuth client ID')): Promise<string | undefined> {
  const input = await ask({
    title,
    prompt: vscode.l10n.t('The client ID Light gave you'),
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Enter the client ID.')),
  });
  if (!input?.trim()) return undefined;
  await setClientId(input.trim());
  return input.trim();
}

export async function promptClientSecret(clientId: string, store: TokenStore, title = vscode.l10n.t('Light OAuth client secret')): Promise<string | undefined> {
  const input = await ask({
    title,
    prompt: vscode.l10n.t('The client secret for client "{0}". It is stored in VS Code\'s secret storage, never in settings.', clientId),
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Enter the client secret.')),
  });
  if (!input) return undefined;
  await store.setClientSecret(clientId, input.trim());
  return input.trim();
}
