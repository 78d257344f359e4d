import * as vscode from 'vscode';

/** Every input box, pick and question this extension shows goes through `ask`, `pick` or `confirm`. Commands never take what they ask for (a client
 *  secret, an API key) as an argument: another extension could pass one without the user seeing it. */

/** Answers queued by the test hooks of a test build (see testHooks.ts); always empty in a release build. One list
 *  for the whole extension: each part of the bundle is handed the activation bundle's (partLink.ts). */
let answers: string[] = [];

export function scriptedAnswers(): string[] {
  return answers;
}

export function useScriptedAnswers(shared: string[]): void {
  answers = shared;
}

/** A modal question with one button besides Cancel; the button's label when chosen. */
export async function confirm(message: string, button: string): Promise<string | undefined> {
  const scripted = scriptedAnswers().shift();
  if (scripted !== undefined) return scripted;
  return vscode.window.showWarningMessage(message, { modal: true }, button);
}

export function ask(options: vscode.InputBoxOptions, token?: vscode.CancellationToken): Thenable<string | undefined> {
  const scripted = scriptedAnswers().shift();
  if (scripted === undefined) return vscode.window.showInputBox(options, token);
  const invalid = options.validateInput?.(scripted);
  if (typeof invalid === 'string' && invalid) throw new Error(`A scripted answer was refused: ${invalid}`);
  return Promise.resolve(scripted);
}

/** A pick among items; a scripted answer picks the item with that label. */
export async function pick<T extends vscode.QuickPickItem>(items: T[], options: vscode.QuickPickOptions): Promise<T | undefined> {
  const scripted = scriptedAnswers().shift();
  if (scripted === undefined) return vscode.window.showQuickPick(items, options);
  const found = items.find((i) => i.label === scripted);
  if (!found) throw new Error(`A scripted answer picks nothing: "${scripted}" is not one of ${items.map((i) => i.label).join(', ')}`);
  return found;
}
