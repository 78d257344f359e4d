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
  if (!kind) throw new LightError('config', `Unknown resource "${String(input.resource)}". Use one of: ${RESOURCES.join(', ')}.`);
  return kind;
}

/** What a search would read, in words, for the confirmation ("vendors matching "acme", sorted by name:asc"). */
export function describeSearch(input: SearchInput): string {
  const kind = resourceOf(input);
  return [kind.title.toLowerCase(), input.searchTerm && `matching "${input.searchTerm}"`, input.filter && `where ${input.filter}`, input.sort && `sorted by ${input.sort}`]
    .filter(Boolean)
    .join(', ');
}

export function companyText(session: StoredSession, company: Company | undefined): string {
  return [
    `Signed in to Light as ${session.label} (${session.kind === 'apiKey' ? 'API key' : 'OAuth'}).`,
    `Environment: ${session.environment} (${session.apiBaseUrl}).`,
    `Company: ${company?.name ?? session.company.name} (id ${session.company.id})${company?.baseCurrency ? `, base currency ${company.baseCurrency}` : ''}.`,
    `Readable resources: ${RESOURCES.join(', ')}. Amounts are in minor units of their currency (cents).`,
  ].join('\n');
}

export async function searchText(client: LightClient, input: SearchInput, signal?: AbortSignal): Promise<string> {
  const kind = resourceOf(input);
  const limit = Math.min(MAX_LIMIT, Math.max(1, Math.floor(Number(input.limit) || DEFAULT_LIMIT)));
  if (input.searchTerm && kind.search !== 'searchTerm') {
    throw new LightError('config', `Light searches only vendors and customers by searchTerm; for ${kind.title.toLowerCase()}, use a filter (fields: ${kind.filterFields.join(', ') || 'none'}).`);
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
  if (!record) return `Light has no ${kind.noun} with id "${id}". Find its id with light_search first.`;
  const json = JSON.stringify(maskRecord(record));
  const cut = json.length > MAX_RECORD_CHARS ? `${json.slice(0, MAX_RECORD_CHARS)}… (cut at ${MAX_RECORD_CHARS} characters)` : json;
  return `${kind.noun} ${kind.labelOf(record)} (bank details masked):\n${cut}`;
}

function listText(kind: RecordKind, records: LightRecord[], cursor: string | undefined): string {
  if (!records.length) return `No ${kind.title.toLowerCase()} match.`;
  const lines = records.map((r) => `- ${kind.fieldsOf(r).map(([k, v]) => `${k}: ${v}`).join('; ')}; id: ${kind.idOf(r)}`);
  const more = cursor ? `More: call again with cursor "${cursor}".` : 'That is all of them.';
  return [`${records.length} ${records.length === 1 ? kind.noun : kind.title.toLowerCase()}:`, ...lines, more].join('\n');
}

/** An error as text the model can act on. */
export function errorText(e: unknown): string {
  const err = toLightError(e);
  if (err.kind === 'unauthorized' && !err.status) return 'The user is not signed in to Light. Ask them to run "Sign in to Light" from the Command Palette (or the Light view), then try again.';
  if (err.kind === 'unauthorized') return `Light did not accept the sign-in (HTTP ${err.status}). Ask the user to run "Sign in to Light" again.`;
  if (err.status === 429) return `Light's rate limit was reached.${err.retryAfterSeconds !== undefined ? ` Try again in ${err.retryAfterSeconds} seconds.` : ' Try again in a minute.'}`;
  if (err.kind === 'config') return `That request cannot be made: ${err.message}`;
  if (err.kind === 'cancelled') return 'Cancelled.';
  return `Light could not answer: ${err.message}`;
}

