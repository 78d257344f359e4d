import * as vscode from 'vscode';
import { LightClient, signedOut } from '../../core/api/lightClient';
import type { SessionManager } from '../../core/auth/sessionManager';
import type { StoredSession } from '../../core/auth/tokenStore';
import { LightError, toLightError } from '../../core/errors';
import { KINDS, KindId, LightRecord, RecordKind, Tone, toneOf } from '../../core/explorer/catalog';
import { Listing } from '../../core/explorer/listing';
import { describeView, ListView } from '../../core/explorer/listQuery';
import type { Company } from '../../lightApi';

/** The Light view: the active account's company, then one group per kind of record. Nothing is fetched until a group
 *  is expanded; a group shows one page and "Load more…"; errors are items with what to do, never dialogs; nothing
 *  polls. The tree holds what was loaded for the active account only and forgets it when the account changes. */

export type ExplorerNode =
  | { type: 'company'; session: StoredSession }
  | { type: 'group'; kind: RecordKind }
  | { type: 'record'; kind: RecordKind; record: LightRecord }
  | { type: 'more'; kind: RecordKind }
  | { type: 'message'; key: string; label: string; icon: string; command?: vscode.Command; tooltip?: string };

const KIND_ICONS: Record<KindId, string> = {
  vendors: 'organization', customers: 'person', bills: 'inbox', invoices: 'file-text', ledgerAccounts: 'book', users: 'account',
  products: 'package', contracts: 'law', expenses: 'credit-card', bankAccounts: 'home',
};

const TONE_ICONS: Record<Exclude<Tone, 'neutral'>, [string, string]> = {
  good: ['pass', 'testing.iconPassed'],
  waiting: ['clock', 'charts.yellow'],
  attention: ['warning', 'problemsWarningIcon.foreground'],
  inactive: ['circle-slash', 'disabledForeground'],
};

export class ExplorerTree implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly groups = new Map<KindId, { node: ExplorerNode & { type: 'group' }; listing: Listing }>();
  private company?: { sessionId: string; promise: Promise<Company | undefined> };
  private accountId?: string;

  constructor(
    private readonly manager: SessionManager,
    private readonly active: () => StoredSession | undefined,
  ) {
    for (const kind of KINDS) {
      this.groups.set(kind.id, { node: { type: 'group', kind }, listing: new Listing(kind, () => this.client()) });
    }
  }

  /** A client for the active account; a LightError when there is none. */
  client(): LightClient {
    const session = this.active();
    if (!session) throw signedOut();
    return new LightClient(this.manager, session.id);
  }

  listing(kind: KindId): Listing {
    return (this.groups.get(kind) as { listing: Listing }).listing;
  }

  groupNode(kind: KindId): ExplorerNode {
    return (this.groups.get(kind) as { node: ExplorerNode }).node;
  }

  /** Everything again from Light, from the first page (the whole view, or one group). */
  refresh(kind?: KindId): void {
    if (kind) {
      this.listing(kind).reset();
      this.changed.fire(this.groupNode(kind));
      return;
    }
    this.company = undefined;
    for (const { listing } of this.groups.values()) listing.reset();
    this.changed.fire(undefined);
  }

  /** The active account changed, or signed in or out: what was loaded belongs to another account. */
  accountChanged(): void {
    const now = this.active()?.accountId;
    if (now === this.accountId) return;
    this.accountId = now;
    this.refresh();
  }

  setView(kind: KindId, view: ListView): void {
    this.listing(kind).reset(view);
    this.changed.fire(this.groupNode(kind));
  }

  /** Loads the next page of a group, showing "Loading…" in its place meanwhile. */
  async loadMore(kind: KindId): Promise<void> {
    const load = this.load(kind);
    this.changed.fire(this.groupNode(kind));
    await load;
  }

  /** The next page; the group shows it when it is there. */
  private async load(kind: KindId): Promise<void> {
    await this.listing(kind).loadMore();
    this.changed.fire(this.groupNode(kind));
  }

  /** A record fetched again replaces the one in its list. */
  replace(kind: KindId, record: LightRecord): void {
    const listing = this.listing(kind);
    const id = listing.kind.idOf(record);
    const at = listing.records.findIndex((r) => listing.kind.idOf(r) === id);
    if (at >= 0) {
      listing.records[at] = record;
      this.changed.fire(this.groupNode(kind));
    }
  }

  getChildren(node?: ExplorerNode): ExplorerNode[] | Promise<ExplorerNode[]> {
    const session = this.active();
    if (!session) return []; // the welcome view says what to do
    if (!node) return [{ type: 'company', session }, ...[...this.groups.values()].map((g) => g.node)];
    if (node.type !== 'group') return [];
    const listing = this.listing(node.kind.id);
    if (!listing.started) {
      void this.load(node.kind.id);
      return [message(`${node.kind.id}.loading`, vscode.l10n.t('Loading {0}…', node.kind.plural), 'loading~spin')];
    }
    const items: ExplorerNode[] = listing.records.map((record) => ({ type: 'record', kind: node.kind, record }));
    const state = listing.state;
    if (state.kind === 'loading') items.push(message(`${node.kind.id}.loading`, listing.records.length ? vscode.l10n.t('Loading more…') : vscode.l10n.t('Loading {0}…', node.kind.plural), 'loading~spin'));
    else if (state.kind === 'failed') items.push(...problem(node.kind, state.error));
    else if (listing.hasMore) items.push({ type: 'more', kind: node.kind });
    else if (!listing.records.length) {
      items.push(message(`${node.kind.id}.empty`, listing.view.conditions.length ? vscode.l10n.t('No {0} match the filter', node.kind.plural) : vscode.l10n.t('No {0}', node.kind.plural), 'info'));
    }
    return items;
  }

  async getTreeItem(node: ExplorerNode): Promise<vscode.TreeItem> {
    const accountId = this.active()?.accountId ?? '';
    switch (node.type) {
      case 'company':
        return this.companyItem(node.session);
      case 'group': {
        const listing = this.listing(node.kind.id);
        const item = new vscode.TreeItem(node.kind.title, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `${accountId}/${node.kind.id}`;
        item.iconPath = new vscode.ThemeIcon(KIND_ICONS[node.kind.id]);
        const view = describeView(listing.view);
        const count = listing.records.length ? `${listing.records.length}${listing.hasMore ? '+' : ''}` : '';
        item.description = [count, view].filter(Boolean).join(' · ') || undefined;
        item.tooltip = view ? vscode.l10n.t({ message: '{0}: {1}', args: [node.kind.title, view], comment: ['A group of records, then how it is filtered and sorted, e.g. "Vendors: status = ACTIVE · by name ↑"'] }) : node.kind.title;
        item.contextValue = ['group', node.kind.filterFields.length && 'filterable', node.kind.sortFields.length && 'sortable', listing.view.conditions.length && 'filtered', listing.view.sort && 'sorted']
          .filter(Boolean)
          .join(' ');
        return item;
      }
      case 'record': {
        const { kind, record } = node;
        const item = new vscode.TreeItem(kind.labelOf(record) || kind.idOf(record), vscode.TreeItemCollapsibleState.None);
        item.id = `${accountId}/${kind.id}/${kind.idOf(record)}`;
        item.description = kind.detailOf(record) || undefined;
        item.tooltip = recordTooltip(kind, record);
        const tone = toneOf(kind.statusOf(record));
        const [icon, color] = tone === 'neutral' ? [KIND_ICONS[kind.id], undefined] : TONE_ICONS[tone];
        item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
        item.contextValue = 'record';
        item.command = { command: 'light.explorer.openRecord', title: vscode.l10n.t('Open JSON'), arguments: [node] };
        return item;
      }
      case 'more': {
        const item = new vscode.TreeItem(vscode.l10n.t('Load more…'), vscode.TreeItemCollapsibleState.None);
        item.id = `${accountId}/${node.kind.id}/more`;
        item.iconPath = new vscode.ThemeIcon('more');
        item.command = { command: 'light.explorer.loadMore', title: vscode.l10n.t('Load more'), arguments: [node.kind.id] };
        return item;
      }
      case 'message': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
        item.id = `${accountId}/${node.key}`;
        item.iconPath = new vscode.ThemeIcon(node.icon);
        item.command = node.command;
        item.tooltip = node.tooltip ?? node.label;
        item.contextValue = 'message';
        return item;
      }
    }
  }

  private async companyItem(session: StoredSession): Promise<vscode.TreeItem> {
    if (this.company?.sessionId !== session.id) {
      const promise = new LightClient(this.manager, session.id).get<Company>('/v1/companies/current').catch(() => undefined);
      this.company = { sessionId: session.id, promise };
    }
    const company = await this.company.promise;
    const item = new vscode.TreeItem(company?.name ?? session.company.name, vscode.TreeItemCollapsibleState.None);
    item.id = `${session.accountId}/company`;
    item.iconPath = new vscode.ThemeIcon(session.kind === 'apiKey' ? 'key' : 'briefcase');
    item.description = [company?.baseCurrency, session.environment === 'production' ? undefined : session.environment === 'custom' ? new URL(session.apiBaseUrl).host : session.environment].filter(Boolean).join(' · ') || undefined;
    const md = new vscode.MarkdownString();
    md.appendText(`${company?.name ?? session.company.name}\n\n`);
    md.appendText(`${session.label}\n${session.apiBaseUrl}\n`);
    if (company?.baseCurrency) md.appendText(`${vscode.l10n.t('Base currency: {0}', company.baseCurrency)}\n`);
    md.appendText(session.kind === 'apiKey' ? vscode.l10n.t('Signed in with an API key') : vscode.l10n.t('Signed in with OAuth'));
    item.tooltip = md;
    item.contextValue = 'company';
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function message(key: string, label: string, icon: string, command?: vscode.Command, tooltip?: string): ExplorerNode {
  return { type: 'message', key, label, icon, command, tooltip };
}

/** What went wrong loading a group, as items: what Light said, and what to do about it. */
function problem(kind: RecordKind, error: LightError): ExplorerNode[] {
  if (error.kind === 'unauthorized' && !error.status) {
    const signIn = vscode.l10n.t('Sign in to Light');
    return [message(`${kind.id}.signIn`, vscode.l10n.t('Sign in to Light to see this'), 'sign-in', { command: 'light.signIn', title: signIn })];
  }
  if (error.kind === 'unauthorized') {
    const again = vscode.l10n.t('Sign in again');
    return [
      message(`${kind.id}.error`, vscode.l10n.t('Light did not accept the sign-in for {0}', kind.plural), 'error', undefined, error.message),
      message(`${kind.id}.signIn`, again, 'sign-in', { command: 'light.signIn', title: again }),
    ];
  }
  const retry = { command: 'light.explorer.loadMore', title: vscode.l10n.t('Retry'), arguments: [kind.id] };
  const failed =
    error.status === 429 && error.retryAfterSeconds !== undefined
      ? vscode.l10n.t("Couldn't load {0}: {1} Retry after {2} s.", kind.plural, brief(error), error.retryAfterSeconds)
      : vscode.l10n.t("Couldn't load {0}: {1}", kind.plural, brief(error));
  return [message(`${kind.id}.error`, failed, 'error', undefined, error.message), message(`${kind.id}.retry`, retry.title, 'refresh', retry)];
}

function brief(error: LightError): string {
  if (error.status === 429) return vscode.l10n.t("Light's rate limit was reached.");
  if (error.status) return vscode.l10n.t('Light answered {0}', [error.status, error.code].filter(Boolean).join(' '));
  return toLightError(error).message.replace(/\.$/, '');
}

function recordTooltip(kind: RecordKind, record: LightRecord): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${escape(kind.labelOf(record) || kind.noun)}**\n\n`);
  for (const [name, value] of kind.fieldsOf(record)) md.appendMarkdown(`${escape(name)}: ${escape(value)}  \n`);
  md.appendMarkdown(`\n${escape(vscode.l10n.t('ID:'))} \`${kind.idOf(record).replace(/`/g, '')}\``);
  return md;
}

/** Light data is text, never markdown a record could use to show links or images. */
function escape(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!<>|~]/g, '\\$&');
}
