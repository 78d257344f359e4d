import * as vscode from 'vscode';
import type { LightClient } from '../../core/api/lightClient';
import { systemClock } from '../../core/clock';
import type { LightRecord, RecordKind } from '../../core/explorer/catalog';
import { searchRecords, SearchAsYouType, SearchResult } from '../../core/explorer/recordSearch';
import { scriptedAnswers } from '../ask';

type Item = vscode.QuickPickItem & { found?: { kind: RecordKind; record: LightRecord } };

/** Light: Go to Record…: searches Light as the user types (debounced, a superseded search aborted) and resolves with
 *  the record picked, or undefined when dismissed. */
export async function goToRecord(client: LightClient, accountLabel: string, initial = ''): Promise<{ kind: RecordKind; record: LightRecord } | undefined> {
  const scripted = scriptedAnswers().shift(); // a test build's tests type a term: the first record found is picked
  if (scripted !== undefined) return (await searchRecords(client, scripted)).found[0];
  const qp = vscode.window.createQuickPick<Item>();
  qp.title = vscode.l10n.t('Go to Light Record — {0}', accountLabel);
  qp.placeholder = vscode.l10n.t('Vendor or customer name, bill or invoice number, or a record id');
  qp.matchOnDescription = true;
  qp.matchOnDetail = true;
  qp.value = initial;
  const typing = new SearchAsYouType(systemClock, (term, signal) => searchRecords(client, term, signal));
  const show = (term: string, result: SearchResult) => {
    const items: Item[] = [];
    let last: RecordKind | undefined;
    for (const found of result.found) {
      if (found.kind !== last) items.push({ label: found.kind.title, kind: vscode.QuickPickItemKind.Separator });
      last = found.kind;
      items.push({
        label: found.kind.labelOf(found.record) || found.kind.idOf(found.record),
        description: found.kind.detailOf(found.record),
        detail: `${found.kind.noun} · ${found.kind.idOf(found.record)}`,
        alwaysShow: true,
        found,
      });
    }
    for (const f of result.failed) items.push({ label: `$(error) ${vscode.l10n.t("Couldn't search {0}", f.kind.plural)}`, detail: f.error.message, alwaysShow: true });
    if (!result.found.length && !result.failed.length && term.trim().length >= 2) items.push({ label: vscode.l10n.t('No Light record matches "{0}"', term.trim()), alwaysShow: true });
    qp.items = items;
  };
  const search = (term: string) => {
    if (term.trim().length < 2) {
      typing.dispose();
      qp.busy = false;
      qp.items = [];
      return;
    }
    qp.busy = true;
    typing.type(term).then(
      (result) => {
        if (!result) return; // a newer term is on its way
        qp.busy = false;
        show(term, result);
      },
      (e: unknown) => {
        qp.busy = false;
        qp.items = [{ label: `$(error) ${(e as Error).message}`, alwaysShow: true }];
      },
    );
  };
  return new Promise((resolve) => {
    let picked: Item['found'];
    qp.onDidChangeValue(search);
    qp.onDidAccept(() => {
      picked = qp.selectedItems[0]?.found;
      if (picked) qp.hide();
    });
    qp.onDidHide(() => {
      typing.dispose();
      qp.dispose();
      resolve(picked);
    });
    qp.show();
    if (initial) search(initial);
  });
}
