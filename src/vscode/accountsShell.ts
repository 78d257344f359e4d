import * as vscode from 'vscode';
import { Emitter } from '../core/events';
import { onFirstUse } from '../core/firstUse';
import { linked } from './partLink';
import type { Accounts, AccountsShellDeps } from './accounts';

/** The commands that sign in and out and set up the OAuth client, registered at activation; what they do (accounts.ts, with the sign-in ways,
 *  a part of the bundle of its own) is loaded when one runs or another extension asks to sign in. */
export class AccountsShell {
  private readonly changed = new Emitter<boolean>();
  /** Fires true when a sign-in starts and false when it ends. */
  readonly onDidChangeRunning = this.changed.event;
  /** The accounts, loaded now if they were not. */
  readonly accounts: () => Accounts;
  private loaded?: Accounts;

  constructor(deps: AccountsShellDeps) {
    this.accounts = onFirstUse(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const accounts = linked(require('./accounts') as typeof import('./accounts')).createAccounts(deps);
      accounts.onDidChangeRunning((r) => this.changed.fire(r));
      return (this.loaded = accounts);
    });
  }

  get isRunning(): boolean {
    return this.loaded?.isRunning ?? false;
  }

  register(): vscode.Disposable[] {
    const done = (result: Promise<unknown>) => result.then((r) => !!r);
    const text = (arg: unknown) => (typeof arg === 'string' ? arg : undefined);
    return [
      vscode.commands.registerCommand('light.signIn', () => done(this.accounts().signInCommand())),
      vscode.commands.registerCommand('light.signInAnotherWay', (flowId?: unknown) => done(this.accounts().signInAnotherWay(text(flowId)))),
      vscode.commands.registerCommand('light.signInWithApiKey', () => done(this.accounts().signInWithApiKeyCommand())),
      vscode.commands.registerCommand('light.cancelSignIn', () => this.loaded?.cancel() ?? false),
      vscode.commands.registerCommand('light.setClientSecret', () => this.accounts().setClientSecretCommand()),
      vscode.commands.registerCommand('light.signOut', (which?: unknown) => done(this.accounts().signOut(text(which)))),
      this.changed,
      { dispose: () => this.loaded?.dispose() },
    ];
  }
}
