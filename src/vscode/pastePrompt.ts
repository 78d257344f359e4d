import * as vscode from 'vscode';
import { ask } from './ask';

/** The paste way's input box; it closes itself when the sign-in ends another way. */
export function pastePrompt(hint: string, signal: AbortSignal): Promise<string | undefined> {
  const cts = new vscode.CancellationTokenSource();
  signal.addEventListener('abort', () => cts.cancel(), { once: true });
  return Promise.resolve(
    ask(
      {
        title: vscode.l10n.t('Sign in to Light: paste from your browser'),
        prompt: hint,
        placeHolder: vscode.l10n.t('the whole address, e.g. {0}', 'vscode://lightinc.light-vscode/auth-callback?code=…&state=…'),
        ignoreFocusOut: true,
      },
      cts.token,
    ),
  ).finally(() => cts.dispose());
}
