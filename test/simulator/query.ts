// Light's list semantics: filter=field:op:value, sort=field:dir, searchTerm, limit, and cursor
// pagination (cursor=0 starts; without a cursor the deprecated offset mode answers with `total`).
// Cursors are keyset cursors: they hold the sort key of a boundary record, so each record of a
// stable data set is visited exactly once however the pages are walked.

import { BadRequest } from './http';

export type Scalar = string | number | boolean | null;
export type FieldKind = 'string' | 'number' | 'date' | 'boolean';

export interface FieldSpec<T> {
  kind: FieldKind;
  /** A scalar, or an array for many-valued fields (matches when any element matches). */
  get: (record: T) => Scalar | Scalar[];
}

export interface ListSpec<T> {
  idOf: (record: T) => string;
  sortFields: Record<string, FieldSpec<T>>;
  filterFields: Record<string, FieldSpec<T>>;
  /** Texts searched by `searchTerm`; lists without it ignore the parameter, like Light. */
  search?: (record: T) => (string | null)[];
  defaultSort: string;
}

export interface ListPage<T> {
  records: T[];
  hasMore: boolean;
  nextCursor: string | null;
  prevCursor: string | null;
  total?: number;
}

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;
const OPERATORS = ['eq', 'ne', 'in', 'not_in', 'gt', 'gte', 'lt', 'lte'] as const;
type Operator = (typeof OPERATORS)[number];

interface SortKey<T> {
  field: FieldSpec<T>;
  desc: boolean;
}

interface CursorData {
  s: string;
  k: Scalar[];
  d: 'next' | 'prev';
}

function fail(param: string, type: string, message: string, context: Record<string, unknown> = {}): never {
  throw new BadRequest({ type, message, path: [param], context });
}

/** A sort key with its values lowercased once, so sorting many records compares plain strings. */
interface Key {
  k: Scalar[];
  l: (string | null)[];
}

function keyOf(values: Scalar[]): Key {
  return { k: values, l: values.map((v) => (v === null ? null : String(v).toLowerCase())) };
}

function compareAt(a: Scalar, b: Scalar, la: string | null, lb: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (la !== lb) return (la as string) < (lb as string) ? -1 : 1;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function compareScalars(a: Scalar, b: Scalar): number {
  return compareAt(a, b, a === null ? null : String(a).toLowerCase(), b === null ? null : String(b).toLowerCase());
}

function parseSort<T>(spec: ListSpec<T>, raw: string): SortKey<T>[] {
  return raw.split(',').map((part) => {
    const [name, dir = 'asc', ...rest] = part.trim().split(':');
    const field = spec.sortFields[name];
    if (!field || rest.length > 0) {
      fail('sort', 'INVALID_SORT', `Invalid sort field '${name}'`, { field: name, allowed: Object.keys(spec.sortFields) });
    }
    if (dir !== 'asc' && dir !== 'desc') {
      fail('sort', 'INVALID_SORT', `Invalid sort direction '${dir}', use asc or desc`, { field: name });
    }
    return { field, desc: dir === 'desc' };
  });
}

function parseValue(kind: FieldKind, text: string, filter: string): Scalar {
  if (text === 'null') return null;
  if (kind === 'number') {
    const n = Number(text);
    if (text.trim() === '' || !Number.isFinite(n)) fail('filter', 'INVALID_FILTER', `Invalid number '${text}'`, { filter });
    return n;
  }
  if (kind === 'date') {
    if (Number.isNaN(Date.parse(text))) fail('filter', 'INVALID_FILTER', `Invalid date '${text}'`, { filter });
    return text;
  }
  if (kind === 'boolean') {
    if (text !== 'true' && text !== 'false') fail('filter', 'INVALID_FILTER', `Invalid boolean '${text}'`, { filter });
    return text === 'true';
  }
  return text;
}

function compareForFilter(kind: FieldKind, a: Scalar, b: Scalar): number {
  if (kind === 'date' && typeof a === 'string' && typeof b === 'string') return Date.parse(a) - Date.parse(b);
  if (kind === 'string' && typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return compareScalars(a, b);
}

function parseFilter<T>(spec: ListSpec<T>, raw: string): ((record: T) => boolean)[] {
  return raw.split(',').map((filter) => {
    const first = filter.indexOf(':');
    const second = filter.indexOf(':', first + 1);
    if (first < 0 || second < 0) {
      fail('filter', 'INVALID_FILTER', `Invalid filter '${filter}', expected field:operator:value`, { filter });
    }
    const name = filter.slice(0, first).trim();
    const op = filter.slice(first + 1, second) as Operator;
    const field = spec.filterFields[name];
    if (!field) {
      fail('filter', 'INVALID_FILTER', `Invalid filter field '${name}'`, { filter, field: name, allowed: Object.keys(spec.filterFields) });
    }
    if (!OPERATORS.includes(op)) {
      fail('filter', 'INVALID_FILTER', `Invalid filter operator '${op}'`, { filter, operator: op, allowed: [...OPERATORS] });
    }
    const rawValue = filter.slice(second + 1);
    const values = (op === 'in' || op === 'not_in' ? rawValue.split('|') : [rawValue]).map((v) => parseValue(field.kind, v, filter));
    const test = (v: Scalar): boolean => {
      const c = (w: Scalar) => (v === null || w === null ? (v === w ? 0 : NaN) : compareForFilter(field.kind, v, w));
      switch (op) {
        case 'eq': case 'in': case 'ne': case 'not_in': return values.some((w) => c(w) === 0);
        case 'gt': return c(values[0]) > 0;
        case 'gte': return c(values[0]) >= 0;
        case 'lt': return c(values[0]) < 0;
        case 'lte': return c(values[0]) <= 0;
      }
    };
    const negate = op === 'ne' || op === 'not_in';
    return (record: T) => {
      const got = field.get(record);
      const list = Array.isArray(got) ? got : [got];
      const hit = list.some(test);
      return negate ? !hit : hit;
    };
  });
}

function parseLimit(raw: string | null): number {
  if (raw === null || raw === '') return DEFAULT_LIMIT;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) {
    fail('limit', 'INVALID_PARAMETER', `limit must be a positive integer, got '${raw}'`);
  }
  return Math.min(Number(raw), MAX_LIMIT);
}

function encodeCursor(data: CursorData): string {
  return Buffer.from(JSON.stringify(data)).toString('base64url');
}

function decodeCursor(raw: string, signature: string, keyLength: number): CursorData {
  try {
    const data = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as CursorData;
    if (data && data.s === signature && Array.isArray(data.k) && data.k.length === keyLength && (data.d === 'next' || data.d === 'prev')) return data;
  } catch {
    // reported below
  }
  return fail('cursor', 'INVALID_CURSOR', 'Invalid cursor, or it belongs to a different sort order', { cursor: raw });
}

function searchTest(term: string): (text: string | null) => boolean {
  const pattern = new RegExp(term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
  return (text) => text !== null && pattern.test(text);
}

/** First index in sorted `rows` whose key compares above `key` (or at or above it, with `orEqual`). */
function boundary<R extends Key>(rows: R[], key: Key, cmp: (a: Key, b: Key) => number, orEqual: boolean): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const c = cmp(rows[mid], key);
    if (c > 0 || (orEqual && c === 0)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

type Row<T> = Key & { r: T };

/** Each list's records in the sort orders asked for lately, so a page does not sort the whole list again. */
let sortedCache = new WeakMap<readonly unknown[], Map<string, Row<unknown>[]>>();
const SORTS_KEPT = 8;

/** Forget every sorted order: call it whenever records are added or changed. */
export function forgetSortedLists(): void {
  sortedCache = new WeakMap();
}

function sortedRows<T>(all: readonly T[], sortText: string, sort: () => Row<T>[]): Row<T>[] {
  let bySort = sortedCache.get(all);
  if (!bySort) {
    bySort = new Map();
    sortedCache.set(all, bySort);
  }
  let rows = bySort.get(sortText) as Row<T>[] | undefined;
  if (!rows) {
    rows = sort();
    bySort.set(sortText, rows);
    if (bySort.size > SORTS_KEPT) bySort.delete(bySort.keys().next().value as string);
  }
  return rows;
}

/** One page of a list; `summary`, if given, adds fields computed over every matching record (not just the page). */
export function runList<T>(spec: ListSpec<T>, all: readonly T[], query: URLSearchParams, summary?: (matching: T[]) => Record<string, unknown>): ListPage<T> {
  const limit = parseLimit(query.get('limit'));
  const sortText = query.get('sort') || spec.defaultSort;
  const sorts = parseSort(spec, sortText);
  const filters = query.get('filter') ? parseFilter(spec, query.get('filter') as string) : [];
  const term = spec.search ? (query.get('searchTerm') ?? '').trim() : '';
  const matches = term ? searchTest(term) : null;
  const cmp = (a: Key, b: Key): number => {
    for (let i = 0; i < a.k.length; i++) {
      const c = compareAt(a.k[i], b.k[i], a.l[i], b.l[i]);
      if (c !== 0) return i < sorts.length && sorts[i].desc ? -c : c;
    }
    return 0;
  };
  let rows = sortedRows(all, sortText, () => {
    const sorted = all.map((r) => ({ r, ...keyOf([...sorts.map((s) => s.field.get(r) as Scalar), spec.idOf(r)]) }));
    return sorted.sort(cmp);
  });
  if (filters.length > 0 || matches) {
    rows = rows.filter(({ r }) => filters.every((f) => f(r)) && (!matches || (spec.search as (r: T) => (string | null)[])(r).some(matches)));
  }
  const extra = summary ? summary(rows.map((x) => x.r)) : {};

  const cursor = query.get('cursor');
  if (cursor === null || cursor === '') {
    const offsetText = query.get('offset') ?? '0';
    if (!/^\d+$/.test(offsetText)) fail('offset', 'INVALID_PARAMETER', `offset must be a non-negative integer, got '${offsetText}'`);
    const offset = Number(offsetText);
    const page = rows.slice(offset, offset + limit).map((x) => x.r);
    return { ...extra, records: page, hasMore: offset + limit < rows.length, total: rows.length, nextCursor: null, prevCursor: null };
  }
  const signature = sortText;
  let start = 0;
  let end: number;
  if (cursor === '0') {
    end = Math.min(limit, rows.length);
  } else {
    const data = decodeCursor(cursor, signature, sorts.length + 1);
    const key = keyOf(data.k);
    if (data.d === 'next') {
      start = boundary(rows, key, cmp, false);
      end = Math.min(start + limit, rows.length);
    } else {
      end = boundary(rows, key, cmp, true);
      start = Math.max(0, end - limit);
    }
  }
  const page = rows.slice(start, end);
  const hasMore = end < rows.length;
  return {
    ...extra,
    records: page.map((x) => x.r),
    hasMore,
    nextCursor: hasMore && page.length > 0 ? encodeCursor({ s: signature, k: page[page.length - 1].k, d: 'next' }) : null,
    prevCursor: start > 0 && page.length > 0 ? encodeCursor({ s: signature, k: page[0].k, d: 'prev' }) : null,
  };
}
