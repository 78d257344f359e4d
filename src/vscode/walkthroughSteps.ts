import * as vscode from 'vscode';
import { KNOWN_HOSTS, parseSecureUrl, type EnvironmentName } from '../core/auth/environment';
import { toLightError } from '../core/errors';
import type { Logger } from '../core/log';
import { ask, pick } from './ask';
import { whatToAskLight } from './clientSetup';
import { readConfig } from './config';
import { showError } from './notifications';
import { redirectUrisToRegister } from './redirects';
import type { StepCommand } from './walkthrough';

export { linkPart } from './partLink';

/** What the buttons of the walkthrough's steps do (walkthrough.ts registers them): a part of the bundle of its own. */
export function stepCommands(logger: Logger): Record<StepCommand, () => Promise<boolean>> {
  return {
    'light.chooseEnvironment': () => guarded(logger, 'Choosing the Light environment', chooseEnvironment),
    'light.showRedirectUris': () => guarded(logger, 'Showing the redirect URIs', showRedirectUris),
    'light.copyApiExample': () => guarded(logger, 'Copying the example', copyApiExample),
  };
}

/** Runs a command's work; a failure is shown (and logged) and the command answers false. */
async function guarded(logger: Logger, what: string, run: () => Promise<boolean>): Promise<boolean> {
  try {
    return await run();
  } catch (e) {
    showError(logger, e, what);
    return false;
  }
}

/** Production, sandbox, or a custom URL (a local simulator, a proxy): `light.environment`, and `light.apiUrl`. */
async function chooseEnvironment(): Promise<boolean> {
  const c = vscode.workspace.getConfiguration('light');
  const current = c.get<string>('environment') ?? 'production';
  const currentUrl = (c.get<string>('apiUrl') ?? '').trim();
  const inUse = (name: EnvironmentName) => (name === current ? ` · ${vscode.l10n.t('in use')}` : '');
  const items: (vscode.QuickPickItem & { name: EnvironmentName })[] = [
    { name: 'production', label: vscode.l10n.t('Production'), description: KNOWN_HOSTS.production + inUse('production'), detail: vscode.l10n.t('Your Light company') },
    { name: 'sandbox', label: vscode.l10n.t('Sandbox'), description: KNOWN_HOSTS.sandbox + inUse('sandbox'), detail: vscode.l10n.t('A Light sandbox company') },
    {
      name: 'custom',
      label: vscode.l10n.t('Custom…'),
      description: (currentUrl || vscode.l10n.t('a URL of your own')) + inUse('custom'),
      detail: vscode.l10n.t('A local Light simulator, a proxy, a staging host'),
    },
  ];
  const choice = await pick(items, { title: vscode.l10n.t('Light environment'), placeHolder: vscode.l10n.t('Which Light to sign in to') });
  if (!choice) return false;
  let url: string | undefined;
  if (choice.name === 'custom') {
    url = await ask({
      title: vscode.l10n.t('Light API URL'),
      prompt: vscode.l10n.t('The URL of the Light API to use, e.g. http://127.0.0.1:4010 for a local Light simulator. HTTPS is required, except for localhost and 127.x.x.x.'),
      value: currentUrl,
      ignoreFocusOut: true,
      validateInput: (v) => {
        try {
          parseSecureUrl(v, vscode.l10n.t('The URL'));
          return undefined;
        } catch (e) {
          return toLightError(e).message;
        }
      },
    });
    if (!url?.trim()) return false;
    url = url.trim().replace(/\/+$/, '');
    // The URL first: whatever follows light.environment to `custom` finds it there.
    if (url !== currentUrl) await c.update('apiUrl', url, vscode.ConfigurationTarget.Global);
  }
  if (choice.name !== current) await c.update('environment', choice.name, vscode.ConfigurationTarget.Global);
  vscode.window.setStatusBarMessage(vscode.l10n.t('Light environment: {0} ({1})', choice.label.replace(/…$/, ''), url ?? KNOWN_HOSTS[choice.name as Exclude<EnvironmentName, 'custom'>]), 5_000);
  return true;
}

/** The exact redirect URIs this VS Code needs registered (`redirectUrisToRegister`), with a button that copies them. */
async function showRedirectUris(): Promise<boolean> {
  const uris = redirectUrisToRegister(readConfig());
  const copy = vscode.l10n.t('Copy Redirect URIs');
  const choice = await whatToAskLight(uris, {
    message: vscode.l10n.t('Redirect URIs to register with Light'),
    after: vscode.l10n.t('You will receive a client ID and a client secret: enter them with "Light: Set OAuth Client Secret", or when "Sign in to Light" asks for them.'),
    buttons: [copy],
  });
  if (choice !== copy) return false;
  await vscode.env.clipboard.writeText(uris.join('\n'));
  vscode.window.setStatusBarMessage(vscode.l10n.t('Copied the redirect URIs'), 5_000);
  return true;
}

/** A short example of another extension using Light, copied and opened in an editor. */
export const API_EXAMPLE = `// Using Light from another extension
// Copy lightApi.d.ts (in the Light extension's folder, under src/) into your extension.
import * as vscode from 'vscode';
import type { LightExports, Vendor } from './lightApi';

export async function firstVendors(): Promise<string[]> {
  // VS Code asks the user, once, whether this extension may use their Light account.
  const session = await vscode.authentication.getSession('light', [], { createIfNone: true });
  const light = await vscode.extensions.getExtension<LightExports>('lightinc.light-vscode')?.activate();
  if (!light) return [];
  const client = light.getApi(1).client(session); // calls Light as that account, refreshing its token
  const page = await client.list<Vendor>('/v1/vendors', { limit: 20, sort: 'name:asc' });
  return page.records.map((v) => v.name ?? v.vendorId);
}

// In chat: "#lightSearch unpaid bills due this month", "#lightGet", "#lightCompany".
`;

async function copyApiExample(): Promise<boolean> {
  try {
    await vscode.env.clipboard.writeText(API_EXAMPLE);
  } catch {
    // a browser that refuses the clipboard: the editor below still has it
  }
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'typescript', content: API_EXAMPLE }), { preview: false });
  vscode.window.setStatusBarMessage(vscode.l10n.t('Copied the example to the clipboard'), 5_000);
  return true;
}
