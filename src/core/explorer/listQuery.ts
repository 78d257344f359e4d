import { LightError } from '../errors';
import type { ListQuery } from '../../lightApi';
import type { RecordKind } from './catalog';

/** Light's list filters (`field:op:value`, comma-separated; `|` between the values of `in` and `not_in`) and sorts
 *  (`field:asc|desc`), built from what a person picks and checked against the fields the kind's list accepts. */

export const OPERATORS = ['eq', 'ne', 'in', 'not_in', 'gt', 'gte', 'lt', 'lte'] as const;
export type Operator = (typeof OPERATORS)[number];

export interface Condition {
  field: string;
  op: Operator;
  values: string[];
}

export interface Sort {
  field: string;
  direction: 'asc' | 'desc';
}

export interface ListView {
  conditions: Condition[];
  sort?: Sort;
}

export const OPERATOR_WORDS: Record<Operator, string> = {
  eq: '=', ne: '≠', in: 'is one of', not_in: 'is none of', gt: '>', gte: '≥', lt: '<', lte: '≤',
};

/** A condition typed as `field op value` or Light's own `field:op:value`; throws a LightError that says what is wrong. */
export function parseCondition(kind: RecordKind, input: string): Condition {
  const raw = input.trim();
  const m = /^([A-Za-z][\w.]*)\s*(?::\s*(eq|ne|in|not_in|gt|gte|lt|lte)\s*:|\s+(eq|ne|in|not_in|gt|gte|lt|lte)\s+|\s*(!=|>=|<=|=|>|<|≠|≥|≤)\s*)(.*)$/i.exec(raw);
  if (!m) throw new LightError('config', `Write a filter as "field operator value", e.g. "status eq ACTIVE" or "amount:gte:50000".`);
  const [, field, colonOp, wordOp, symbol, rest] = m;
  const op = ((colonOp ?? wordOp)?.toLowerCase() ?? SYMBOLS[symbol]) as Operator;
  checkField(kind, field, kind.filterFields, 'filter');
  const values = (op === 'in' || op === 'not_in' ? rest.split('|') : [rest]).map((v) => v.trim());
  if (values.some((v) => !v)) throw new LightError('config', `The filter on "${field}" needs a value${op === 'in' || op === 'not_in' ? ' between each |' : ''}.`);
  if (values.some((v) => v.includes(','))) throw new LightError('config', 'A filter value cannot contain a comma: Light separates filters with commas.');
  return { field, op, values };
}

const SYMBOLS: Record<string, Operator> = { '=': 'eq', '!=': 'ne', '≠': 'ne', '>': 'gt', '>=': 'gte', '≥': 'gte', '<': 'lt', '<=': 'lte', '≤': 'lte' };

export function sortOf(kind: RecordKind, field: string, direction: 'asc' | 'desc'): Sort {
  checkField(kind, field, kind.sortFields, 'sort');
  return { field, direction };
}

function checkField(kind: RecordKind, field: string, allowed: readonly string[], what: 'filter' | 'sort'): void {
  if (!allowed.includes(field)) {
    throw new LightError(
      'config',
      allowed.length
        ? `Light cannot ${what} ${kind.title.toLowerCase()} by "${field}". It can ${what} them by: ${allowed.join(', ')}.`
        : `Light cannot ${what} ${kind.title.toLowerCase()}.`,
    );
  }
}

/** The query parameters for a view (empty parts left out). */
export function toQuery(view: ListView): Pick<ListQuery, 'filter' | 'sort'> {
  const filter = view.conditions.map((c) => `${c.field}:${c.op}:${c.values.join('|')}`).join(',');
  return { ...(filter ? { filter } : {}), ...(view.sort ? { sort: `${view.sort.field}:${view.sort.direction}` } : {}) };
}

/** "status = ACTIVE, amount ≥ 50000 · by dueDate ↓" */
export function describeView(view: ListView): string {
  const filters = view.conditions.map((c) => `${c.field} ${OPERATOR_WORDS[c.op]} ${c.values.join(' | ')}`).join(', ');
  const sort = view.sort ? `by ${view.sort.field} ${view.sort.direction === 'asc' ? '↑' : '↓'}` : '';
  return [filters, sort].filter(Boolean).join(' · ');
}

/** Adds or replaces the condition on the same field. */
export function withCondition(view: ListView, condition: Condition): ListView {
  return { ...view, conditions: [...view.conditions.filter((c) => c.field !== condition.field), condition] };
}
