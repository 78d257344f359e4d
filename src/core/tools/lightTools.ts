import * as l10n from '@vscode/l10n';
import type { LightClient } from '../api/lightClient';
import type { StoredSession } from '../auth/tokenStore';
import { LightError, toLightError } from '../errors';
import { KINDS, kindOf, LightRecord, RecordKind } from '../explorer/catalog';
import { fetchRecord } from '../explorer/listing';
import { parseCondition, sortOf, toQuery } from '../explorer/listQuery';
import { maskRecord } from '../explorer/recordText';
import type { Company } from '../../lightApi';

/** What Light's language-model tools read and the text they answer with: compact, key fields first, bank details
 *  masked, and errors as text a model can act on. Read-only. The input schemas are built from the catalog, so the
 *  tools offer exactly the kinds, filter and sort fields the explorer does. */

export const MAX_LIMIT = 50;
const DEFAULT_LIMIT = 20;
/** A record answered whole is cut at this many characters of JSON. */
const MAX_RECORD_CHARS = 12_000;

export interface SearchInput {
  resource: string;
  searchTerm?: string;
  filter?: string;
  sort?: string;
  limit?: number;
  cursor?: string;
}

export interface GetInput {
  resource: string;
  id: string;
}

const RESOURCES = KINDS.map((k) => k.id);

export const SEARCH_SCHEMA = {
  type: 'object',
  properties: {
    resource: { type: 'string', enum: RESOURCES, description: 'The kind of Light record to list: bills are invoices payable, invoices are invoices receivable.' },
    searchTerm: { type: 'string', description: 'Vendors and customers only: a case-insensitive partial match on name, email, identifier, VAT number.' },
    filter: {
      type: 'string',
      description:
        "Light's filter: field:operator:value, comma-separated; operators eq, ne, in, not_in, gt, gte, lt, lte; | between the values of in and not_in; dates as YYYY-MM-DD; amounts in minor units (cents). Fields per resource: " +
        KINDS.filter((k) => k.filterFields.length).map((k) => `${k.id}: ${k.filterFields.join(', ')}`).join('; '),
    },
    sort: { type: 'string', description: 'field:asc or field:desc. Fields per resource: ' + KINDS.filter((k) => k.sortFields.length).map((k) => `${k.id}: ${k.sortFields.join(', ')}`).join('; ') },
    limit: { type: 'number', minimum: 1, maximum: MAX_LIMIT, description: `How many records (default ${DEFAULT_LIMIT}, at most ${MAX_LIMIT}).` },
    cursor: { type: 'string', description: 'The cursor a previous answer gave, for the next page.' },
  },
  required: ['resource'],
} as const;

export const GET_SCHEMA = {
  type: 'object',
  properties: {
    resource: { type: 'string', enum: RESOURCES, description: 'The kind of Light record.' },
    id: { type: 'string', description: "The record's id (vendors: vendorId)." },
  },
  required: ['resource', 'id'],
} as const;

/** The kind an input names; a LightError naming the kinds there are otherwise. */
export function resourceOf(input: { resource?: unknown }): RecordKind {
  const kind = typeof input.resource === 'string' ? kindOf(input.resource) : undefined;
  if (!kind) throw new LightError('config', l10n.t('Unknown resource "{0}". Use one of: {1}.', String(input.resource), RESOURCES.join(', ')));
  return kind;
}

/** What a search would read, in words, for the confirmation ("vendors matching "acme", sorted by name:asc"). */
export function describeSearch(input: SearchInput): string {
  const kind = resourceOf(input);
  return [
    kind.plural,
    input.searchTerm && l10n.t('matching "{0}"', input.searchTerm),
    input.filter && l10n.t('where {0}', input.filter),
    input.sort && l10n.t('sorted by {0}', input.sort),
  ]
    .filter(Boolean)
    .join(', ');
}

export function companyText(session: StoredSession, company: Company | undefined): string {
  const name = company?.name ?? session.company.name;
  return [
    session.kind === 'apiKey' ? l10n.t('Signed in to Light as {0} (API key).', session.label) : l10n.t('Signed in to Light as {0} (OAuth).', session.label),
    l10n.t('Environment: {0} ({1}).', session.environment, session.apiBaseUrl),
    company?.baseCurrency
      ? l10n.t('Company: {0} (id {1}), base currency {2}.', name, session.company.id, company.baseCurrency)
      : l10n.t('Company: {0} (id {1}).', name, session.company.id),
    l10n.t('Readable resources: {0}. Amounts are in minor units of their currency (cents).', RESOURCES.join(', ')),
  ].join('\n');
}

export async function searchText(client: LightClient, input: SearchInput, signal?: AbortSignal): Promise<string> {
  const kind = resourceOf(input);
  const limit = Math.min(MAX_LIMIT, Math.max(1, Math.floor(Number(input.limit) || DEFAULT_LIMIT)));
  if (input.searchTerm && kind.search !== 'searchTerm') {
    throw new LightError('config', l10n.t('Light searches only vendors and customers by searchTerm; for {0}, use a filter (fields: {1}).', kind.plural, kind.filterFields.join(', ') || l10n.t('none')));
  }
  const conditions = (input.filter ?? '').split(',').filter((c) => c.trim()).map((c) => parseCondition(kind, c));
  const [sortField, direction] = (input.sort ?? '').split(':');
  const sort = sortField ? sortOf(kind, sortField, direction === 'desc' ? 'desc' : 'asc') : undefined;
  if (kind.unpaged) {
    const all = ((await client.get<LightRecord[]>(kind.listPath, undefined, { signal })) ?? []).slice(0, limit);
    return listText(kind, all, undefined);
  }
  const page = await client.list<LightRecord>(kind.listPath, { limit, cursor: input.cursor, searchTerm: input.searchTerm, ...toQuery({ conditions, sort }) }, { signal });
  return listText(kind, page.records, page.hasMore && page.nextCursor != null ? String(page.nextCursor) : undefined);
}

export async function getText(client: LightClient, input: GetInput, signal?: AbortSignal): Promise<string> {
  const kind = resourceOf(input);
  const id = typeof input.id === 'string' ? input.id.trim() : '';
  const record = id ? await fetchRecord(client, kind, id, signal) : undefined;
  if (!record) return l10n.t('Light has no {0} with id "{1}". Find its id with light_search first.', kind.noun, id);
  const json = JSON.stringify(maskRecord(record));
  const cut = json.length > MAX_RECORD_CHARS ? l10n.t('{0}… (cut at {1} characters)', json.slice(0, MAX_RECORD_CHARS), MAX_RECORD_CHARS) : json;
  return l10n.t('{0} {1} (bank details masked):', kind.noun, kind.labelOf(record)) + `\n${cut}`;
}

function listText(kind: RecordKind, records: LightRecord[], cursor: string | undefined): string {
  if (!records.length) return l10n.t('No {0} match.', kind.plural);
  const lines = records.map((r) => `- ${kind.fieldsOf(r).map(([k, v]) => `${k}: ${v}`).join('; ')}; id: ${kind.idOf(r)}`);
  const more = cursor ? l10n.t('More: call again with cursor "{0}".', cursor) : l10n.t('That is all of them.');
  const count =
    records.length === 1
      ? l10n.t({ message: '1 {0}:', args: [kind.noun], comment: ['Heads a list of one record; {0} is its kind, e.g. "1 vendor:"'] })
      : l10n.t({ message: '{0} {1}:', args: [records.length, kind.plural], comment: ['Heads a list of records; {0} is how many, {1} their kind, e.g. "20 vendors:"'] });
  return [count, ...lines, more].join('\n');
}

/** An error as text the model can act on. */
export function errorText(e: unknown): string {
  const err = toLightError(e);
  if (err.kind === 'unauthorized' && !err.status) return l10n.t('The user is not signed in to Light. Ask them to run "Sign in to Light" from the Command Palette (or the Light view), then try again.');
  if (err.kind === 'unauthorized') return l10n.t('Light did not accept the sign-in (HTTP {0}). Ask the user to run "Sign in to Light" again.', err.status ?? '');
  if (err.status === 429) {
    return err.retryAfterSeconds !== undefined ? l10n.t("Light's rate limit was reached. Try again in {0} seconds.", err.retryAfterSeconds) : l10n.t("Light's rate limit was reached. Try again in a minute.");
  }
  if (err.kind === 'config') return l10n.t('That request cannot be made: {0}', err.message);
  if (err.kind === 'cancelled') return l10n.t('Cancelled.');
  return l10n.t('Light could not answer: {0}', err.message);
}

