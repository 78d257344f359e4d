import * as l10n from '@vscode/l10n';
import type { LightClient } from '../api/lightClient';
import { LightError, toLightError } from '../errors';
import type { Page } from '../../lightApi';
import type { LightRecord, RecordKind } from './catalog';
import { ListView, toQuery } from './listQuery';

/** Pages grow while a person keeps asking for more: 50, then 100, then Light's maximum, 200. */
export const PAGE_SIZES = [50, 100, 200] as const;

export type ListingState =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'loaded' }
  | { kind: 'failed'; error: LightError };

/** One list of one kind, as far as it was loaded: nothing is fetched until asked, each `loadMore` fetches the next
 *  page (Light's `nextCursor`), and there is no cap on how far a person goes. A refresh starts again from the first
 *  page; a load that a refresh or a new view superseded is dropped. */
export class Listing {
  records: LightRecord[] = [];
  state: ListingState = { kind: 'idle' };
  private cursor: string | undefined = '0';
  private pages = 0;
  private generation = 0;
  private running?: Promise<void>;

  constructor(
    readonly kind: RecordKind,
    private readonly client: () => LightClient,
    public view: ListView = { conditions: [] },
  ) {}

  get hasMore(): boolean {
    return this.cursor !== undefined;
  }

  get started(): boolean {
    return this.pages > 0 || this.state.kind !== 'idle';
  }

  /** The next page; joins a load already running. */
  loadMore(): Promise<void> {
    if (this.running) return this.running;
    if (!this.hasMore) return Promise.resolve();
    const generation = this.generation;
    this.state = { kind: 'loading' };
    this.running = this.fetch(generation).finally(() => {
      if (generation === this.generation) this.running = undefined;
    });
    return this.running;
  }

  /** Forgets what was loaded (a new view, a refresh, another account); the next `loadMore` starts at the first page. */
  reset(view: ListView = this.view): void {
    this.generation++;
    this.running = undefined;
    this.view = view;
    this.records = [];
    this.cursor = '0';
    this.pages = 0;
    this.state = { kind: 'idle' };
  }

  private async fetch(generation: number): Promise<void> {
    try {
      const page = await this.page();
      if (generation !== this.generation) return;
      const seen = new Set(this.records.map((r) => this.kind.idOf(r)));
      for (const r of page.records) {
        const id = this.kind.idOf(r);
        if (seen.has(id)) continue;
        seen.add(id);
        this.records.push(r);
      }
      const next = page.hasMore && page.nextCursor != null ? String(page.nextCursor) : undefined;
      if (next !== undefined && next === this.cursor) throw new LightError('http', l10n.t('Light answered {0} with the same cursor again.', this.kind.listPath));
      this.cursor = next;
      this.pages++;
      this.state = { kind: 'loaded' };
    } catch (e) {
      if (generation === this.generation) this.state = { kind: 'failed', error: toLightError(e) };
    }
  }

  private async page(): Promise<Page<LightRecord>> {
    const client = this.client();
    if (this.kind.unpaged) {
      const all = await client.get<unknown>(this.kind.listPath);
      if (!Array.isArray(all)) throw new LightError('http', l10n.t('Light answered {0} without a list.', this.kind.listPath));
      return { records: all as LightRecord[], hasMore: false, nextCursor: null, prevCursor: null };
    }
    const limit = PAGE_SIZES[Math.min(this.pages, PAGE_SIZES.length - 1)];
    return client.list<LightRecord>(this.kind.listPath, { limit, cursor: this.cursor, ...toQuery(this.view) });
  }
}

/** One record by id: its GET where Light has one, else its list filtered by id (users, ledger accounts), else the
 *  whole unpaged list (bank accounts). Undefined when Light has no such record. */
export async function fetchRecord(client: LightClient, kind: RecordKind, id: string, signal?: AbortSignal): Promise<LightRecord | undefined> {
  // An id that could change the request (a comma starts another filter) names no record.
  if (!/^[\w.-]{1,200}$/.test(id) || /^\.+$/.test(id)) return undefined;
  try {
    if (kind.getPath) return await client.get<LightRecord>(kind.getPath(id), undefined, { signal });
    if (kind.unpaged) return ((await client.get<LightRecord[]>(kind.listPath, undefined, { signal })) ?? []).find((r) => kind.idOf(r) === id);
    const page = await client.list<LightRecord>(kind.listPath, { filter: `id:eq:${id}`, limit: 1 }, { signal });
    return page.records.find((r) => kind.idOf(r) === id);
  } catch (e) {
    const err = toLightError(e);
    if (err.status === 404) return undefined;
    throw err;
  }
}
