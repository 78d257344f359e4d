import * as l10n from '@vscode/l10n';
import type { LightClient } from '../api/lightClient';
import { Clock, sleep } from '../clock';
import { LightError, toLightError } from '../errors';
import { KINDS, LightRecord, RecordKind } from './catalog';
import { fetchRecord } from './listing';

/** Go to Record: what a typed term finds, searched by Light itself (so nothing has to be loaded first). Vendors and
 *  customers by Light's `searchTerm`; bills and invoices by their number; any kind by an id pasted whole. */

export interface Found {
  kind: RecordKind;
  record: LightRecord;
}

export interface SearchResult {
  found: Found[];
  /** Kinds whose search failed (the others' results are still shown). */
  failed: Array<{ kind: RecordKind; error: LightError }>;
}

const PER_KIND = 10;
const ID_LIKE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function searchRecords(client: LightClient, term: string, signal?: AbortSignal): Promise<SearchResult> {
  const t = term.trim();
  if (t.length < 2) return { found: [], failed: [] };
  const searches: Array<[RecordKind, Promise<LightRecord[]>]> = [];
  for (const kind of KINDS) {
    if (ID_LIKE.test(t)) {
      searches.push([kind, fetchRecord(client, kind, t, signal).then((r) => (r ? [r] : []))]);
    } else if (kind.search === 'searchTerm') {
      searches.push([kind, client.list<LightRecord>(kind.listPath, { searchTerm: t, limit: PER_KIND }, { signal }).then((p) => p.records)]);
    } else if (kind.search && !/[,|:]/.test(t)) {
      searches.push([kind, client.list<LightRecord>(kind.listPath, { filter: `${kind.search.filterField}:eq:${t}`, limit: PER_KIND }, { signal }).then((p) => p.records)]);
    }
  }
  const settled = await Promise.allSettled(searches.map(([, p]) => p));
  if (signal?.aborted) throw new LightError('cancelled', l10n.t('Cancelled.'));
  const result: SearchResult = { found: [], failed: [] };
  settled.forEach((s, i) => {
    const kind = searches[i][0];
    if (s.status === 'fulfilled') result.found.push(...s.value.map((record) => ({ kind, record })));
    else result.failed.push({ kind, error: toLightError(s.reason) });
  });
  return result;
}

/** Searches as a person types: waits `debounceMs` after the last keystroke, aborts the search a newer term
 *  superseded, and hands on only the latest term's result. */
export class SearchAsYouType {
  private current?: AbortController;

  constructor(
    private readonly clock: Clock,
    private readonly search: (term: string, signal: AbortSignal) => Promise<SearchResult>,
    private readonly debounceMs = 250,
  ) {}

  /** The result for `term`, or undefined when a newer term came first. */
  async type(term: string): Promise<SearchResult | undefined> {
    this.current?.abort();
    const mine = new AbortController();
    this.current = mine;
    try {
      await sleep(this.clock, this.debounceMs, mine.signal);
      const result = await this.search(term, mine.signal);
      return mine.signal.aborted ? undefined : result;
    } catch (e) {
      if (mine.signal.aborted) return undefined;
      throw e;
    } finally {
      if (this.current === mine) this.current = undefined;
    }
  }

  dispose(): void {
    this.current?.abort();
  }
}
