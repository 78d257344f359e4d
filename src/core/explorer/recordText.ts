import { KindId, linkedKind } from './catalog';

/** A record as the read-only JSON document a person reads: two-space JSON, bank details masked unless asked for,
 *  and where in the text each id of another record is (for links). */

export interface RecordLink {
  /** Offsets of the id in the text, without its quotes. */
  start: number;
  end: number;
  kind: KindId;
  id: string;
}

export interface RenderedRecord {
  text: string;
  links: RecordLink[];
  /** How many values were masked. */
  masked: number;
}

/** Bank details by field name: IBAN, BBAN, BIC, account numbers, bank codes, Swedish giro numbers, FI numbers. */
const SENSITIVE = /(iban|bban|bic|accountnumber|bankcode|bankaccountcode|bankgiro(number)?|plusgiro(number)?|finumber|routingnumber|sortcode)$/i;

export function isSensitive(field: string): boolean {
  return SENSITIVE.test(field);
}

/** "DE89370400440532013000" → "•••• 3000"; short values are hidden whole. */
export function mask(value: string): string {
  return value.length > 6 ? `•••• ${value.slice(-4)}` : '••••';
}

/** Masks every sensitive value in a record, at any depth (for text shown or handed to a model). */
export function maskRecord(value: unknown): unknown {
  return render(value, false).value;
}

/** `self`: the record's own kind and id, which are not links (a vendor names itself in `defaultCompanyEntity`). */
export function renderRecord(record: unknown, showSensitive = false, self?: { kind: KindId; id: string }): RenderedRecord {
  const r = render(record, showSensitive, self);
  return { text: r.text, links: r.links, masked: r.masked };
}

function render(root: unknown, showSensitive: boolean, self?: { kind: KindId; id: string }): RenderedRecord & { value: unknown } {
  let text = '';
  let masked = 0;
  const links: RecordLink[] = [];
  const write = (value: unknown, indent: string, field?: string): unknown => {
    if (value === null || typeof value !== 'object') {
      let shown = value;
      if (field && isSensitive(field) && (typeof value === 'string' || typeof value === 'number') && value !== '' && !showSensitive) {
        shown = mask(String(value));
        masked++;
      }
      const json = JSON.stringify(shown === undefined ? null : shown);
      const kind = field ? linkedKind(field) : undefined;
      if (kind && typeof shown === 'string' && shown && !(kind === self?.kind && shown === self.id)) links.push({ start: text.length + 1, end: text.length + json.length - 1, kind, id: shown });
      text += json;
      return shown;
    }
    const inner = indent + '  ';
    if (Array.isArray(value)) {
      if (!value.length) return (text += '[]'), [];
      text += '[\n';
      const out = value.map((v, i) => {
        text += inner;
        const w = write(v, inner, field);
        text += i < value.length - 1 ? ',\n' : '\n';
        return w;
      });
      text += `${indent}]`;
      return out;
    }
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (!entries.length) return (text += '{}'), {};
    text += '{\n';
    const out: Record<string, unknown> = {};
    entries.forEach(([k, v], i) => {
      text += `${inner}${JSON.stringify(k)}: `;
      out[k] = write(v, inner, k);
      text += i < entries.length - 1 ? ',\n' : '\n';
    });
    text += `${indent}}`;
    return out;
  };
  const value = write(root, '');
  return { text: text + '\n', links, masked, value };
}
