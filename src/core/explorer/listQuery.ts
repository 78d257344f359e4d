import * as l10n from '@vscode/l10n';
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

const SIGNS: Record<Exclude<Operator, 'in' | 'not_in'>, string> = { eq: '=', ne: '≠', gt: '>', gte: '≥', lt: '<', lte: '≤' };

/** How an operator reads in a view's description. */
function operatorWord(op: Operator): string {
  if (op === 'in') return l10n.t('is one of');
  if (op === 'not_in') return l10n.t('is none of');
  return SIGNS[op];
}

/** A condition typed as `field op value` or Light's own `field:op:value`; throws a LightError that says what is wrong. */
export function parseCondition(kind: RecordKind, input: string): Condition {
  const raw = input.trim();
  const m = /^([A-Za-z][\w.]*)\s*(?::\s*(eq|ne|in|not_in|gt|gte|lt|lte)\s*:|\s+(eq|ne|in|not_in|gt|gte|lt|lte)\s+|\s*(!=|>=|<=|=|>|<|≠|≥|≤)\s*)(.*)$/i.exec(raw);
  if (!m) throw new LightError('config', l10n.t('Write a filter as "field operator value", e.g. "status eq ACTIVE" or "amount:gte:50000".'));
  const [, field, colonOp, wordOp, symbol, rest] = m;
  const op = ((colonOp ?? wordOp)?.toLowerCase() ?? SYMBOLS[symbol]) as Operator;
  checkField(kind, field, kind.filterFields, 'filter');
  const values = (op === 'in' || op === 'not_in' ? rest.split('|') : [rest]).map((v) => v.trim());
  if (values.some((v) => !v)) {
    throw new LightError('config', op === 'in' || op === 'not_in' ? l10n.t('The filter on "{0}" needs a value between each |.', field) : l10n.t('The filter on "{0}" needs a value.', field));
  }
  if (values.some((v) => v.includes(','))) throw new LightError('config', l10n.t('A filter value cannot contain a comma: Light separates filters with commas.'));
  return { field, op, values };
}

const SYMBOLS: Record<string, Operator> = { '=': 'eq', '!=': 'ne', '≠': 'ne', '>': 'gt', '>=': 'gte', '≥': 'gte', '<': 'lt', '<=': 'lte', '≤': 'lte' };

export function sortOf(kind: RecordKind, field: string, direction: 'asc' | 'desc'): Sort {
  checkField(kind, field, kind.sortFields, 'sort');
  return { field, direction };
}

function checkField(kind: RecordKind, field: string, allowed: readonly string[], what: 'filter' | 'sort'): void {
  if (allowed.includes(field)) return;
  const fields = allowed.join(', ');
  let message: string;
  if (what === 'filter') {
    message = fields
      ? l10n.t('Light cannot filter {0} by "{1}". It can filter them by: {2}.', kind.plural, field, fields)
      : l10n.t('Light cannot filter {0}.', kind.plural);
  } else {
    message = fields ? l10n.t('Light cannot sort {0} by "{1}". It can sort them by: {2}.', kind.plural, field, fields) : l10n.t('Light cannot sort {0}.', kind.plural);
  }
  throw new LightError('config', message);
}

/** The query parameters for a view (empty parts left out). */
export function toQuery(view: ListView): Pick<ListQuery, 'filter' | 'sort'> {
  const filter = view.conditions.map((c) => `${c.field}:${c.op}:${c.values.join('|')}`).join(',');
  return { ...(filter ? { filter } : {}), ...(view.sort ? { sort: `${view.sort.field}:${view.sort.direction}` } : {}) };
}

/** "status = ACTIVE, amount ≥ 50000 · by dueDate ↓" */
export function describeView(view: ListView): string {
  const filters = view.conditions.map((c) => `${c.field} ${operatorWord(c.op)} ${c.values.join(' | ')}`).join(', ');
  const sort = view.sort ? l10n.t('by {0} {1}', view.sort.field, view.sort.direction === 'asc' ? '↑' : '↓') : '';
  return [filters, sort].filter(Boolean).join(' · ');
}

/** Adds or replaces the condition on the same field. */
export function withCondition(view: ListView, condition: Condition): ListView {
  return { ...view, conditions: [...view.conditions.filter((c) => c.field !== condition.field), condition] };
}
