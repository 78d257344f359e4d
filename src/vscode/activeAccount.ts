import type * as vscode from 'vscode';
import type { SessionManager } from '../core/auth/sessionManager';
import type { StoredSession } from '../core/auth/tokenStore';
import { Emitter } from '../core/events';

/** The account this window works with (the status bar's, the API's default): the one owner of that choice,
 *  kept in globalState so a new window starts with the same one. */
export class ActiveAccount {
  private static readonly KEY = 'light.activeSession';
  private readonly changed = new Emitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly manager: SessionManager,
    private readonly memento: vscode.Memento,
  ) {}

  /** The chosen session while it is signed in, else the first one. */
  get(): StoredSession | undefined {
    const all = this.manager.sessions();
    return all.find((s) => s.id === this.memento.get<string>(ActiveAccount.KEY)) ?? all[0];
  }

  async set(sessionId: string): Promise<void> {
    await this.memento.update(ActiveAccount.KEY, sessionId);
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
