import * as vscode from 'vscode';
import type { SessionManager } from '../core/auth/sessionManager';
import { toLightError } from '../core/errors';
import { redact, type Logger } from '../core/log';

/** What the session manager has to tell the user, once per event, with the action that fixes it. */
export function registerNotifications(manager: SessionManager, log: vscode.LogOutputChannel): vscode.Disposable[] {
  let storageWarned = false;
  const run = (command: string) => void vscode.commands.executeCommand(command);
  return [
    manager.onDidEndSession(async ({ session }) => {
      const again = vscode.l10n.t('Sign in again');
      const choice = await vscode.window.showWarningMessage(redact(vscode.l10n.t('Your Light session for {0} ended. Sign in again to keep using Light.', session.label)), again);
      if (choice === again) run('light.signIn');
    }),
    manager.onDidNeedAttention(async ({ session, error }) => {
      const secret = vscode.l10n.t('Set OAuth Client Secret');
      const again = vscode.l10n.t('Sign in again');
      const choice = await vscode.window.showErrorMessage(redact(vscode.l10n.t('Light stopped refreshing {0}: {1}', session.label, error.message)), secret, again);
      if (choice === secret) run('light.setClientSecret');
      else if (choice === again) run('light.signIn');
    }),
    manager.onStorageError(async (e) => {
      if (storageWarned) return;
      storageWarned = true;
      if (await vscode.window.showErrorMessage(redact(e.message), vscode.l10n.t('Show Log'))) log.show();
    }),
  ];
}

/** Shows a LightError's message (built without secrets, and redacted all the same) and logs its detail.
 *  Returns at once: the notification's buttons are handled when the user gets to them. */
export function showError(logger: Logger, e: unknown, what: string, retry?: { label: string; command: string }): void {
  const err = toLightError(e);
  logger.error(`${what} failed: ${err.message}${err.detail ? ` (${err.detail})` : ''}`);
  const actions = new Map<string, () => unknown>();
  if (retry) actions.set(retry.label, () => vscode.commands.executeCommand(retry.command));
  if (err.kind === 'config') actions.set(vscode.l10n.t('Open Settings'), () => vscode.commands.executeCommand('workbench.action.openSettings', 'light.'));
  if (err.kind !== 'cancelled') actions.set(vscode.l10n.t('Show Log'), () => vscode.commands.executeCommand('light.showLog'));
  const show = (m: string, ...a: string[]) => (err.kind === 'cancelled' ? vscode.window.showInformationMessage(m, ...a) : vscode.window.showErrorMessage(m, ...a));
  void show(redact(err.message), ...actions.keys()).then((choice) => choice && actions.get(choice)?.());
}
