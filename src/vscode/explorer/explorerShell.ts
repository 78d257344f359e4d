import * as vscode from 'vscode';
import { onFirstUse } from '../../core/firstUse';
import { linked } from '../partLink';
import type { Explorer, ExplorerDeps } from './explorer';
import type { ExplorerNode } from './tree';

/** What VS Code may ask of the Light view and its documents before anything is shown: the view, its context keys,
 *  and the commands and providers, each handing over to the explorer (explorer.ts, a part of the bundle of its own)
 *  the first time it is called. Until then nothing of the explorer is loaded. */

export const EXPLORER_COMMANDS = [
  'light.explorer.refresh',
  'light.explorer.refreshGroup',
  'light.explorer.loadMore',
  'light.explorer.filter',
  'light.explorer.sort',
  'light.explorer.clearFilter',
  'light.explorer.openRecord',
  'light.explorer.copyId',
  'light.explorer.copyCurl',
  'light.explorer.refreshRecord',
  'light.explorer.switchAccount',
  'light.goToRecord',
  'light.record.refresh',
  'light.record.showSensitive',
  'light.record.hideSensitive',
] as const;
export type ExplorerCommand = (typeof EXPLORER_COMMANDS)[number];

export interface ExplorerShell {
  /** the explorer, loaded now if it was not */
  explorer: () => Explorer;
  disposables: vscode.Disposable[];
}

export function registerExplorerShell(deps: ExplorerDeps): ExplorerShell {
  const { manager, active } = deps;
  const rowsChanged = new vscode.EventEmitter<ExplorerNode | undefined | void>();
  const documentChanged = new vscode.EventEmitter<vscode.Uri>();
  const loaded: vscode.Disposable[] = [];
  const explorer = onFirstUse(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const e = linked(require('./explorer') as typeof import('./explorer')).createExplorer(deps);
    loaded.push(...e.disposables, e.tree.onDidChangeTreeData((n) => rowsChanged.fire(n)), e.documents.onDidChange((u) => documentChanged.fire(u)));
    return e;
  });
  const rows: vscode.TreeDataProvider<ExplorerNode> = {
    onDidChangeTreeData: rowsChanged.event,
    getChildren: (node) => explorer().tree.getChildren(node),
    getTreeItem: (node) => explorer().tree.getTreeItem(node),
  };
  const setContext = () => {
    const sessions = manager.sessions();
    void vscode.commands.executeCommand('setContext', 'light.signedIn', sessions.length > 0);
    void vscode.commands.executeCommand('setContext', 'light.accountCount', sessions.length);
  };
  setContext();
  return {
    explorer,
    disposables: [
      rowsChanged,
      documentChanged,
      { dispose: () => loaded.forEach((d) => d.dispose()) },
      vscode.window.createTreeView('lightExplorer', { treeDataProvider: rows, showCollapseAll: true }),
      vscode.workspace.registerTextDocumentContentProvider('light', {
        onDidChange: documentChanged.event,
        provideTextDocumentContent: (uri, token) => explorer().documents.provideTextDocumentContent(uri, token),
      }),
      vscode.languages.registerDocumentLinkProvider({ scheme: 'light' }, { provideDocumentLinks: (doc) => explorer().documents.provideDocumentLinks(doc) }),
      manager.onDidChangeSessions(setContext),
      active.onDidChange(setContext),
      ...EXPLORER_COMMANDS.map((id) => vscode.commands.registerCommand(id, (...args: unknown[]) => explorer().commands[id](...args))),
    ],
  };
}
