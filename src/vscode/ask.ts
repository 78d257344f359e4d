import * as vscode from 'vscode';

/** Every input box and question this extension shows goes through `ask` or `confirm`. Commands never take what they ask for (a client
 *  secret, an API key) as an argument: another extension could pass one without the user seeing it. */

/** Answers queued by the test hooks of a test build (see testHooks.ts); always empty in a release build. */
export const scriptedAnswers: string[] = [];

/** A modal question with one button besides Cancel; the button's label when chosen. */
export async function confirm(message: string, button: string): Promise<string | undefined> {
  const scripted = scriptedAnswers.shift();
  if (scripted !== undefined) return scripted;
  return vscode.window.showWarningMessage(message, { modal: true }, button);
}

export function ask(options: vscode.InputBoxOptions, token?: vscode.CancellationToken): Thenable<string | undefined> {
  const scripted = scriptedAnswers.shift();
  if (scripted === undefined) return vscode.window.showInputBox(options, token);
  const invalid = options.validateInput?.(scripted);
  if (typeof invalid === 'string' && invalid) throw new Error(`A scripted answer was refused: ${invalid}`);
  return Promise.resolve(scripted);
}
