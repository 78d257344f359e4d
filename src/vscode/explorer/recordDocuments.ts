import * as vscode from 'vscode';
import { LightClient } from '../../core/api/lightClient';
import type { SessionManager } from '../../core/auth/sessionManager';
import type { StoredSession } from '../../core/auth/tokenStore';
import { LightError } from '../../core/errors';
import { kindOf, KindId, LightRecord, RecordKind } from '../../core/explorer/catalog';
import { fetchRecord } from '../../core/explorer/listing';
import { parseRecordAddress, RECORD_SCHEME, RecordAddress, recordPath, recordQuery } from '../../core/explorer/recordAddress';
import { renderRecord, RenderedRecord } from '../../core/explorer/recordText';

/** Light records as read-only JSON documents (`light:` URIs, the account in each), with links to the records they
 *  name, bank details masked until the user asks to see them in that document, and Refresh. */
export class RecordDocuments implements vscode.TextDocumentContentProvider, vscode.DocumentLinkProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly records = new Map<string, LightRecord>();
  private readonly rendered = new Map<string, RenderedRecord>();
  private readonly revealed = new Set<string>();

  constructor(private readonly manager: SessionManager) {}

  static uri(session: StoredSession, kind: RecordKind, id: string, label: string): vscode.Uri {
    return vscode.Uri.from({ scheme: RECORD_SCHEME, path: recordPath(kind.id, id, label), query: recordQuery(session.accountId) });
  }

  /** A record already in hand (from a list) is shown as it is; Refresh fetches it again. */
  remember(uri: vscode.Uri, record: LightRecord): void {
    this.records.set(uri.toString(), record);
  }

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const key = uri.toString();
    let record = this.records.get(key);
    if (!record) {
      record = await this.fetch(uri, token);
      this.records.set(key, record);
    }
    const address = addressOf(uri);
    const rendered = renderRecord(record, this.revealed.has(key), address && { kind: address.kind, id: address.id });
    this.rendered.set(key, rendered);
    return rendered.text;
  }

  provideDocumentLinks(document: vscode.TextDocument): vscode.DocumentLink[] {
    const address = addressOf(document.uri);
    const rendered = this.rendered.get(document.uri.toString());
    if (!address || !rendered) return [];
    return rendered.links.map((l) => {
      const kind = kindOf(l.kind) as RecordKind;
      const target = vscode.Uri.from({ scheme: RECORD_SCHEME, path: recordPath(l.kind, l.id, `${kind.noun} ${l.id.slice(0, 8)}`), query: recordQuery(address.accountId) });
      const link = new vscode.DocumentLink(new vscode.Range(document.positionAt(l.start), document.positionAt(l.end)), target);
      link.tooltip = vscode.l10n.t('Open this {0}', kind.noun);
      return link;
    });
  }

  /** Fetches the record again and shows it. */
  async refresh(uri: vscode.Uri): Promise<LightRecord> {
    const record = await this.fetch(uri);
    this.records.set(uri.toString(), record);
    this.changed.fire(uri);
    return record;
  }

  /** Shows or masks the bank details of one document. */
  setSensitiveShown(uri: vscode.Uri, shown: boolean): void {
    if (shown) this.revealed.add(uri.toString());
    else this.revealed.delete(uri.toString());
    this.changed.fire(uri);
  }

  isSensitiveShown(uri: vscode.Uri): boolean {
    return this.revealed.has(uri.toString());
  }

  /** How many values the document masks now. */
  maskedCount(uri: vscode.Uri): number {
    return this.rendered.get(uri.toString())?.masked ?? 0;
  }

  /** The record a document shows, once it was shown. */
  recordAt(uri: vscode.Uri): LightRecord | undefined {
    return this.records.get(uri.toString());
  }

  /** A document closed: what it held is forgotten. */
  forget(uri: vscode.Uri): void {
    const key = uri.toString();
    this.records.delete(key);
    this.rendered.delete(key);
    this.revealed.delete(key);
  }

  sessionFor(uri: vscode.Uri): StoredSession | undefined {
    const address = addressOf(uri);
    return address && this.manager.sessions().find((s) => s.accountId === address.accountId);
  }

  private async fetch(uri: vscode.Uri, token?: vscode.CancellationToken): Promise<LightRecord> {
    const address = addressOf(uri);
    if (!address) throw new LightError('config', vscode.l10n.t('{0} does not name a Light record.', uri.toString()));
    const session = this.sessionFor(uri);
    if (!session) throw new LightError('unauthorized', vscode.l10n.t('You are not signed in to the Light account this record belongs to. Sign in to Light, then open it again.'));
    const abort = new AbortController();
    const sub = token?.onCancellationRequested(() => abort.abort());
    try {
      const kind = kindOf(address.kind) as RecordKind;
      const record = await fetchRecord(new LightClient(this.manager, session.id), kind, address.id, abort.signal);
      if (!record) throw new LightError('http', vscode.l10n.t('Light has no {0} with id {1} in {2}.', kind.noun, address.id, session.label), { status: 404 });
      return record;
    } finally {
      sub?.dispose();
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export function addressOf(uri: vscode.Uri): RecordAddress | undefined {
  return uri.scheme === RECORD_SCHEME ? parseRecordAddress(uri.path, uri.query) : undefined;
}

export function kindAt(uri: vscode.Uri): KindId | undefined {
  return addressOf(uri)?.kind;
}
