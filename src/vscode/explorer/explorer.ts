import * as vscode from 'vscode';
import type { SessionManager } from '../../core/auth/sessionManager';
import type { Logger } from '../../core/log';
import { kindOf, LightRecord, RecordKind } from '../../core/explorer/catalog';
import { curlCommand } from '../../core/explorer/curl';
import { fetchRecord } from '../../core/explorer/listing';
import { parseCondition, sortOf, withCondition, OPERATORS } from '../../core/explorer/listQuery';
import type { ActiveAccount } from '../activeAccount';
import { ask, pick } from '../ask';
import { showError } from '../notifications';
import { goToRecord } from './goToRecord';
import { addressOf, RecordDocuments } from './recordDocuments';
import type { ExplorerCommand } from './explorerShell';
import { ExplorerNode, ExplorerTree } from './tree';

/** The Light view's rows, Go to Record, and the record documents, with their commands: a part of the bundle of its
 *  own, which explorerShell.ts loads the first time VS Code asks for a row, a document or a command. The commands
 *  hand back only whether they were done (never Light data) and take no secret. */

export interface ExplorerDeps {
  manager: SessionManager;
  active: ActiveAccount;
  logger: Logger;
}

export { linkPart } from '../partLink';

export interface Explorer {
  tree: ExplorerTree;
  documents: RecordDocuments;
  commands: Record<ExplorerCommand, (...args: unknown[]) => Promise<boolean>>;
  disposables: vscode.Disposable[];
}

type RecordNode = Extract<ExplorerNode, { type: 'record' }>;

export function createExplorer(deps: ExplorerDeps): Explorer {
  const { manager, active, logger } = deps;
  const tree = new ExplorerTree(manager, () => active.get());
  const documents = new RecordDocuments(manager);
  const sensitiveContext = () => {
    const uri = vscode.window.activeTextEditor?.document.uri;
    void vscode.commands.executeCommand('setContext', 'light.sensitiveShown', !!uri && documents.isSensitiveShown(uri));
  };

  /** Records and kinds that come as command arguments are looked up again: never taken as they were passed. */
  const kindArg = (arg: unknown): RecordKind | undefined => {
    const id = typeof arg === 'string' ? arg : (arg as { kind?: { id?: unknown } } | undefined)?.kind?.id;
    return typeof id === 'string' ? kindOf(id) : undefined;
  };
  const recordArg = (arg: unknown): { kind: RecordKind; record: LightRecord } | undefined => {
    const kind = kindArg(arg);
    const record = (arg as Partial<RecordNode> | undefined)?.record;
    return kind && record && typeof record === 'object' && kind.idOf(record) ? { kind, record } : undefined;
  };
  const openRecord = async (kind: RecordKind, record: LightRecord): Promise<boolean> => {
    const session = active.get();
    if (!session) return false;
    const uri = RecordDocuments.uri(session, kind, kind.idOf(record), kind.labelOf(record));
    documents.remember(uri, record);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: true });
    return true;
  };
  const guarded = (what: string, run: (...args: unknown[]) => Promise<boolean> | boolean) => async (...args: unknown[]) => {
    try {
      return await run(...args);
    } catch (e) {
      showError(logger, e, what);
      return false;
    }
  };
  const command = (id: ExplorerCommand, what: string, run: (...args: unknown[]) => Promise<boolean> | boolean) => [id, guarded(what, run)] as const;

  const disposables: vscode.Disposable[] = [
    tree,
    documents,
    vscode.workspace.onDidCloseTextDocument((d) => d.uri.scheme === 'light' && documents.forget(d.uri)),
    vscode.window.onDidChangeActiveTextEditor(sensitiveContext),
    manager.onDidChangeSessions(() => tree.accountChanged()),
    active.onDidChange(() => tree.accountChanged()),
  ];
  const commands = Object.fromEntries([
    command('light.explorer.refresh', 'Refreshing the Light view', () => (tree.refresh(), true)),
    command('light.explorer.refreshGroup', 'Refreshing', (arg) => {
      const kind = kindArg(arg);
      if (kind) tree.refresh(kind.id);
      return !!kind;
    }),
    command('light.explorer.loadMore', 'Loading more', async (arg) => {
      const kind = kindArg(arg);
      if (kind) await tree.loadMore(kind.id);
      return !!kind && tree.listing(kind.id).state.kind === 'loaded';
    }),
    command('light.explorer.filter', 'Filtering', async (arg) => {
      const kind = kindArg(arg);
      if (!kind || !kind.filterFields.length) return false;
      const current = tree.listing(kind.id).view;
      const field = await pick(
        kind.filterFields.map((f) => ({ label: f, description: current.conditions.find((c) => c.field === f) ? vscode.l10n.t('filtered') : undefined })),
        { title: vscode.l10n.t('Filter {0} by', kind.plural) },
      );
      if (!field) return false;
      const input = await ask({
        title: vscode.l10n.t('Filter {0}: {1}', kind.plural, field.label),
        prompt: vscode.l10n.t('An operator ({0}, or = ≠ > ≥ < ≤) and a value; "in" takes values separated by |', OPERATORS.join(', ')),
        // eslint-disable-next-line light/user-text -- an example in Light's own filter syntax, the same in every language
        placeHolder: 'eq ACTIVE',
        validateInput: (v) => {
          try {
            parseCondition(kind, `${field.label} ${v}`);
            return undefined;
          } catch (e) {
            return (e as Error).message;
          }
        },
      });
      if (!input) return false;
      tree.setView(kind.id, withCondition(current, parseCondition(kind, `${field.label} ${input}`)));
      return true;
    }),
    command('light.explorer.sort', 'Sorting', async (arg) => {
      const kind = kindArg(arg);
      if (!kind || !kind.sortFields.length) return false;
      const choice = await pick(
        kind.sortFields.flatMap((f) => (['asc', 'desc'] as const).map((direction) => ({ label: `${f} ${direction === 'asc' ? '↑' : '↓'}`, field: f, direction }))),
        { title: vscode.l10n.t('Sort {0} by', kind.plural) },
      );
      if (!choice) return false;
      tree.setView(kind.id, { ...tree.listing(kind.id).view, sort: sortOf(kind, choice.field, choice.direction) });
      return true;
    }),
    command('light.explorer.clearFilter', 'Clearing the filter', (arg) => {
      const kind = kindArg(arg);
      if (!kind) return false;
      tree.setView(kind.id, { ...tree.listing(kind.id).view, conditions: [] });
      return true;
    }),
    command('light.explorer.openRecord', 'Opening the record', async (arg) => {
      const found = recordArg(arg);
      return !!found && openRecord(found.kind, found.record);
    }),
    command('light.explorer.copyId', 'Copying the id', async (arg) => {
      const found = recordArg(arg);
      if (!found) return false;
      await vscode.env.clipboard.writeText(found.kind.idOf(found.record));
      vscode.window.setStatusBarMessage(vscode.l10n.t("Copied the {0}'s id", found.kind.noun), 3_000);
      return true;
    }),
    command('light.explorer.copyCurl', 'Copying as cURL', async (arg) => {
      const found = recordArg(arg) ?? recordOfEditor(documents);
      const session = active.get();
      if (!found || !session) return false;
      const id = found.kind.idOf(found.record);
      const [path, query] = found.kind.getPath ? [found.kind.getPath(id), {}] : [found.kind.listPath, found.kind.unpaged ? {} : { filter: `id:eq:${id}` }];
      await vscode.env.clipboard.writeText(curlCommand(session.apiBaseUrl, path, query, session.kind));
      vscode.window.setStatusBarMessage(vscode.l10n.t('Copied a cURL command for the {0} (set {1} first)', found.kind.noun, session.kind === 'apiKey' ? 'LIGHT_API_KEY' : 'LIGHT_ACCESS_TOKEN'), 5_000);
      return true;
    }),
    command('light.explorer.refreshRecord', 'Refreshing the record', async (arg) => {
      const found = recordArg(arg);
      if (!found) return false;
      const record = await fetchRecord(tree.client(), found.kind, found.kind.idOf(found.record));
      if (record) tree.replace(found.kind.id, record);
      return !!record;
    }),
    command('light.explorer.switchAccount', 'Switching the account', async () => {
      const current = active.get();
      const choice = await pick(
        manager.sessions().map((s) => ({ label: s.label, description: s.id === current?.id ? vscode.l10n.t('active') : s.apiBaseUrl, id: s.id })),
        { title: vscode.l10n.t('Show which Light account?') },
      );
      if (!choice) return false;
      await active.set(choice.id);
      return true;
    }),
    command('light.goToRecord', 'Go to Record', async () => {
      const session = active.get();
      if (!session) {
        void vscode.window
          .showInformationMessage(vscode.l10n.t('Sign in to Light to search its records.'), vscode.l10n.t('Sign in to Light'))
          .then((c) => c && vscode.commands.executeCommand('light.signIn'));
        return false;
      }
      const found = await goToRecord(tree.client(), session.label);
      return !!found && openRecord(found.kind, found.record);
    }),
    command('light.record.refresh', 'Refreshing the record', async (arg) => {
      const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
      if (!uri || !addressOf(uri)) return false;
      await documents.refresh(uri);
      return true;
    }),
    command('light.record.showSensitive', 'Showing sensitive fields', (arg) => setSensitive(documents, arg, true, sensitiveContext)),
    command('light.record.hideSensitive', 'Masking sensitive fields', (arg) => setSensitive(documents, arg, false, sensitiveContext)),
  ]) as Explorer['commands'];
  return { tree, documents, commands, disposables };
}

function setSensitive(documents: RecordDocuments, arg: unknown, shown: boolean, after: () => void): boolean {
  const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
  if (!uri || !addressOf(uri)) return false;
  documents.setSensitiveShown(uri, shown);
  after();
  return true;
}

function recordOfEditor(documents: RecordDocuments): { kind: RecordKind; record: LightRecord } | undefined {
  const uri = vscode.window.activeTextEditor?.document.uri;
  const address = uri && addressOf(uri);
  if (!address) return undefined;
  const record = documents.recordAt(uri);
  return record && { kind: kindOf(address.kind) as RecordKind, record };
}
