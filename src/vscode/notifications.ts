import * as vscode from 'vscode';
import type { SessionManager } from '../core/auth/sessionManager';
import { redact } from '../core/log';

/** What the session manager has to tell the user, once per event, with the action that fixes it. */
export function registerNotifications(manager: SessionManager, log: vscode.LogOutputChannel): vscode.Disposable[] {
  let storageWarned = false;
  const run = (command: string) => void vscode.commands.executeCommand(command);
  return [
    manager.onDidEndSession(async ({ session }) => {
      const again = 'Sign in again';
      const choice = await vscode.window.showWarningMessage(redact(`Your Light session for ${session.label} ended. Sign in again to keep using Light.`), again);
      if (choice === again) run('light.signIn');
    }),
    manager.onDidNeedAttention(async ({ session, error }) => {
      const secret = 'Set OAuth Client Secret';
      const again = 'Sign in again';
      const choice = await vscode.window.showErrorMessage(redact(`Light stopped refreshing ${session.label}: ${error.message}`), secret, again);
      if (choice === secret) run('light.setClientSecret');
      else if (choice === again) run('light.signIn');
    }),
    manager.onStorageError(async (e) => {
      if (storageWarned) return;
      storageWarned = true;
      if (await vscode.window.showErrorMessage(redact(e.message), 'Show Log')) log.show();
    }),
  ];
}
