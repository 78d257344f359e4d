import { KindId, kindOf } from './catalog';

/** Where a record document lives: `light:/<kind>/<id>/<label>.json?account=<account id>`. The account is part of the
 *  address, so two accounts' records never share a document; the label only names the tab. */

export const RECORD_SCHEME = 'light';

export interface RecordAddress {
  accountId: string;
  kind: KindId;
  id: string;
}

export function recordPath(kind: KindId, id: string, label: string): string {
  const printable = [...label].filter((c) => c >= ' ').join('');
  const name = [...printable.replace(/[\\/:*?"<>|#%]+/g, ' ').replace(/\s+/g, ' ').trim()].slice(0, 60).join('').trim() || id;
  return `/${kind}/${encodeURIComponent(id)}/${name}.json`;
}

export function recordQuery(accountId: string): string {
  return new URLSearchParams({ account: accountId }).toString();
}

/** The record a document's path and query name; undefined for anything else. */
export function parseRecordAddress(path: string, query: string): RecordAddress | undefined {
  const [, kind, id] = path.split('/');
  const accountId = new URLSearchParams(query).get('account');
  if (!kind || !id || !accountId || !kindOf(kind)) return undefined;
  try {
    return { accountId, kind: kind as KindId, id: decodeURIComponent(id) };
  } catch {
    return undefined;
  }
}
