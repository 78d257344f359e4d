import * as vscode from 'vscode';
import { authorizationHeader } from '../core/api/lightClient';
import type { SessionManager } from '../core/auth/sessionManager';
import type { StoredSession } from '../core/auth/tokenStore';
import { scriptedAnswers } from './ask';
import type { StatusBar } from './statusBar';
import type { ExplorerTree } from './explorer/tree';

/** Commands for the tests that run this extension in a real VS Code host. They exist only in a test build
 *  (`node esbuild.js`, not `--production`) running extension tests (`--extensionTestsPath`): a release build has
 *  none of this code, and a development window (F5, the end-to-end tests) does not register them. */

declare const LIGHT_TEST_HOOKS: boolean | undefined;

export interface TestHookDeps {
  context: vscode.ExtensionContext;
  manager: SessionManager;
  statusBar: StatusBar;
  /** Resolves when stored sessions are loaded. */
  ready: Promise<void>;
  active(): StoredSession | undefined;
  /** the explorer's tree, loaded on first use */
  tree: () => ExplorerTree;
}

export function testHooksEnabled(context: vscode.ExtensionContext): boolean {
  return typeof LIGHT_TEST_HOOKS !== 'undefined' && LIGHT_TEST_HOOKS && context.extensionMode === vscode.ExtensionMode.Test;
}

export function registerTestHooks(deps: TestHookDeps): vscode.Disposable[] {
  const find = (account?: string) => (account ? deps.manager.sessions().find((s) => s.accountId === account || s.id === account) : deps.active());
  return [
    /** What the status bar shows, where the log is, and the sessions (no credentials). */
    vscode.commands.registerCommand('light.test.state', async () => {
      await deps.ready;
      return {
        statusBar: deps.statusBar.snapshot(),
        logFile: vscode.Uri.joinPath(deps.context.logUri, 'Light.log').fsPath,
        sessions: deps.manager.sessions().map((s) => ({ id: s.id, accountId: s.accountId, kind: s.kind, label: s.label, status: deps.manager.state(s.id)?.status })),
        activeId: deps.active()?.id,
      };
    }),
    /** A fresh session of an account (default: the active one), credentials included, for the tests' own API calls. */
    vscode.commands.registerCommand('light.test.session', async (account?: string) => {
      await deps.ready;
      const found = find(account);
      const s = found && (await deps.manager.freshOrKept(found.id));
      if (!s) return undefined;
      const { id, kind, accountId, label, environment, apiBaseUrl, company, accessToken, expiresAt } = s;
      return { id, kind, account: { id: accountId, label }, environment, apiBaseUrl, company, accessToken, expiresAt, authorization: authorizationHeader(s) };
    }),
    /** The Light view's items as a person sees them: the top level, or a group's (a group not loaded yet starts
     *  loading, and its items are what it shows meanwhile). */
    vscode.commands.registerCommand('light.test.tree', async (kind?: string) => {
      await deps.ready;
      const nodes = await deps.tree().getChildren(kind ? deps.tree().groupNode(kind as never) : undefined);
      return Promise.all(
        nodes.map(async (node) => {
          const item = await deps.tree().getTreeItem(node);
          const tooltip = typeof item.tooltip === 'string' ? item.tooltip : item.tooltip?.value;
          const icon = item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined;
          return { label: item.label, description: item.description, tooltip, icon, contextValue: item.contextValue, command: item.command?.command, id: item.id };
        }),
      );
    }),
    /** The next input boxes answer these, in order. */
    vscode.commands.registerCommand('light.test.answerInputs', (...answers: string[]) => {
      scriptedAnswers().push(...answers);
    }),
  ];
}
