import * as l10n from '@vscode/l10n';

/** The kinds of Light record the explorer, Go to Record and the tools show: where each is listed and fetched, what
 *  names it, and which of its fields Light lets a list filter and sort by (from Light's OpenAPI spec). The one owner
 *  of these facts. */

export type LightRecord = Record<string, unknown>;

export type KindId = 'vendors' | 'customers' | 'bills' | 'invoices' | 'ledgerAccounts' | 'users' | 'products' | 'contracts' | 'expenses' | 'bankAccounts';

/** How a status reads at a glance; the adapter picks an icon for each. */
export type Tone = 'good' | 'waiting' | 'attention' | 'inactive' | 'neutral';

export interface RecordKind {
  id: KindId;
  /** "Vendors" (the words are looked up in the l10n bundle each time they are read) */
  readonly title: string;
  /** "vendor" */
  readonly noun: string;
  /** "vendors", within a sentence */
  readonly plural: string;
  listPath: string;
  /** A plain array without pages (bank accounts). */
  unpaged?: boolean;
  /** The GET for one record; absent where Light has none (then the list, filtered by id, answers). */
  getPath?: (id: string) => string;
  idOf(r: LightRecord): string;
  /** The label and the short text after it in a tree or a pick. */
  labelOf(r: LightRecord): string;
  detailOf(r: LightRecord): string;
  statusOf(r: LightRecord): string | undefined;
  /** The key fields, for tooltips and for text a model reads. */
  fieldsOf(r: LightRecord): Array<[string, string]>;
  filterFields: readonly string[];
  sortFields: readonly string[];
  /** Server-side search: Light's `searchTerm`, or a filter field a typed number is matched against. */
  search?: 'searchTerm' | { filterField: string };
}

export function text(r: LightRecord, path: string): string | undefined {
  let v: unknown = r;
  for (const key of path.split('.')) v = v && typeof v === 'object' ? (v as LightRecord)[key] : undefined;
  return typeof v === 'string' && v ? v : typeof v === 'number' ? String(v) : undefined;
}

/** Minor units (Light's amounts) in the record's currency: 123456, EUR → "€1,234.56". */
export function money(minor: unknown, currency: unknown): string | undefined {
  if (typeof minor !== 'number' || !Number.isFinite(minor)) return undefined;
  const code = typeof currency === 'string' && /^[A-Z]{3}$/.test(currency) ? currency : undefined;
  if (!code) return (minor / 100).toFixed(2);
  try {
    const format = new Intl.NumberFormat('en-US', { style: 'currency', currency: code });
    return format.format(minor / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
  } catch {
    return `${(minor / 100).toFixed(2)} ${code}`;
  }
}

const day = (r: LightRecord, path: string) => text(r, path)?.slice(0, 10);
/** A day of the record in words ("due 2024-05-01"); undefined when the record has none. */
const dayAs = (r: LightRecord, path: string, words: (day: string) => string) => {
  const d = day(r, path);
  return d && words(d);
};
const due = (r: LightRecord) => dayAs(r, 'dueDate', (d) => l10n.t('due {0}', d));
const join = (...parts: Array<string | undefined>) => parts.filter(Boolean).join(' · ');
const fields = (pairs: Array<[string, string | undefined]>): Array<[string, string]> =>
  pairs.filter((p): p is [string, string] => p[1] !== undefined && p[1] !== '');
/** A reimbursement's employee, as the bill list names them (`user.userFirstName`). */
const payerName = (r: LightRecord) => [text(r, 'user.userFirstName'), text(r, 'user.userLastName')].filter(Boolean).join(' ') || undefined;
const personName = (r: LightRecord) => [text(r, 'firstName'), text(r, 'lastName')].filter(Boolean).join(' ') || text(r, 'email') || text(r, 'id') || '';

const TONES: Record<string, Tone> = {
  ACTIVE: 'good', PAID: 'good', COMPLETED: 'good', APPROVED: 'good',
  ONBOARDING: 'waiting', IN_REVIEW: 'waiting', DRAFT: 'waiting', IN_DRAFT: 'waiting', CREATED: 'waiting', INIT: 'waiting',
  OPEN: 'waiting', OPEN_IN_PROGRESS: 'waiting', PAYMENT_PENDING: 'waiting', PARTIALLY_PAID: 'waiting', SCHEDULED: 'waiting',
  APPROVAL_REQUESTED: 'waiting', APPROVAL_PENDING: 'waiting', READY_FOR_PAYMENT_RELEASE: 'waiting', SUBMITTED_FOR_REVIEW: 'waiting',
  PENDING_TERMINATION: 'attention', PAYMENT_PAUSED: 'attention', UNPAID: 'attention', FAILED: 'attention', DECLINED: 'attention', OVERDUE: 'attention', REVERSED: 'attention',
  ARCHIVED: 'inactive', CANCELLED: 'inactive', CANCELED: 'inactive', TERMINATED: 'inactive', DEACTIVATED: 'inactive', DISABLED: 'inactive',
  DISABLED_EXTERNALLY: 'inactive',
};

/** Light's enums are open: a status this extension has not heard of reads as neutral. */
export function toneOf(status: string | undefined): Tone {
  if (!status) return 'neutral';
  return (Object.hasOwn(TONES, status) ? TONES[status] : undefined) ?? (/FAIL|DECLIN|ERROR/.test(status) ? 'attention' : /PENDING|PROGRESS|REQUESTED/.test(status) ? 'waiting' : 'neutral');
}

export const KINDS: readonly RecordKind[] = [
  {
    id: 'vendors', listPath: '/v1/vendors',
    get title() { return l10n.t('Vendors'); }, get noun() { return l10n.t('vendor'); }, get plural() { return l10n.t('vendors'); },
    getPath: (id) => `/v1/vendors/${encodeURIComponent(id)}`,
    idOf: (r) => text(r, 'vendorId') ?? '',
    labelOf: (r) => text(r, 'name') ?? text(r, 'vendorId') ?? '',
    detailOf: (r) => join(text(r, 'identifier'), text(r, 'country')),
    statusOf: (r) => text(r, 'status'),
    fieldsOf: (r) => fields([[l10n.t('Name'), text(r, 'name')], [l10n.t('Identifier'), text(r, 'identifier')], [l10n.t('Status'), text(r, 'status')], [l10n.t('Email'), text(r, 'email')], [l10n.t('Country'), text(r, 'country')], [l10n.t('Currency'), text(r, 'currency')]]),
    filterFields: ['id', 'status', 'type', 'ledgerAccountId', 'ledgerTaxId', 'spendLastMtd', 'createdAt', 'updatedAt'],
    sortFields: ['name', 'spendLastMtd', 'createdAt', 'updatedAt'],
    search: 'searchTerm',
  },
  {
    id: 'customers', listPath: '/v1/customers',
    get title() { return l10n.t('Customers'); }, get noun() { return l10n.t('customer'); }, get plural() { return l10n.t('customers'); },
    getPath: (id) => `/v1/customers/${encodeURIComponent(id)}`,
    idOf: (r) => text(r, 'id') ?? '',
    labelOf: (r) => text(r, 'name') ?? text(r, 'id') ?? '',
    detailOf: (r) => join(text(r, 'email'), text(r, 'billingAddress.country')),
    statusOf: (r) => text(r, 'status'),
    fieldsOf: (r) => fields([[l10n.t('Name'), text(r, 'name')], [l10n.t('Email'), text(r, 'email')], [l10n.t('Status'), text(r, 'status')], [l10n.t('VAT number'), text(r, 'vatNumber')], [l10n.t('Type'), text(r, 'type')]]),
    filterFields: ['billingAddressCity', 'billingAddressCountry', 'businessRegistrationNumber', 'createdAt', 'description', 'email', 'id', 'name', 'status', 'updatedAt', 'vatNumber'],
    sortFields: ['name', 'email', 'createdAt', 'updatedAt'],
    search: 'searchTerm',
  },
  {
    id: 'bills', listPath: '/v1/bff/invoice-payables',
    get title() { return l10n.t('Bills'); }, get noun() { return l10n.t('bill'); }, get plural() { return l10n.t('bills'); },
    getPath: (id) => `/v1/invoice-payables/${encodeURIComponent(id)}`,
    idOf: (r) => text(r, 'id') ?? '',
    labelOf: (r) => text(r, 'vendor.vendorName') ?? text(r, 'payeeName') ?? payerName(r) ?? '',
    detailOf: (r) => join(money(r.amount, r.currency), text(r, 'invoiceNumber'), due(r), text(r, 'state')),
    statusOf: (r) => text(r, 'state'),
    fieldsOf: (r) => fields([[l10n.t('Vendor'), text(r, 'vendor.vendorName') ?? text(r, 'payeeName')], [l10n.t('Number'), text(r, 'invoiceNumber')], [l10n.t('Amount'), money(r.amount, r.currency)], [l10n.t('Issued'), day(r, 'issuedDate')], [l10n.t('Due'), day(r, 'dueDate')], [l10n.t('State'), text(r, 'state')]]),
    filterFields: ['approverUserId', 'id', 'vendorId', 'userId', 'companyEntityId', 'senderBankAccountId', 'amount', 'description', 'documentNumber', 'dueDate', 'issuedDate', 'paymentAt', 'createdAt', 'updatedAt', 'state', 'vendorName', 'userFirstName', 'userLastName', 'type'],
    sortFields: ['amount', 'canceledAt', 'companyEntityName', 'description', 'dueDate', 'fromAccountName', 'createdAt', 'invoiceNumber', 'issuedDate', 'ocrCompletedAt', 'paymentAt', 'senderEmail', 'state', 'vendorName', 'businessPartnerName', 'nextApproverName'],
    search: { filterField: 'documentNumber' },
  },
  {
    id: 'invoices', listPath: '/v1/invoice-receivables',
    get title() { return l10n.t('Invoices'); }, get noun() { return l10n.t('invoice'); }, get plural() { return l10n.t('invoices'); },
    getPath: (id) => `/v1/invoice-receivables/${encodeURIComponent(id)}`,
    idOf: (r) => text(r, 'id') ?? '',
    labelOf: (r) => text(r, 'invoiceNumber') ?? l10n.t('Draft invoice'),
    detailOf: (r) => join(money(r.amount, r.currency), due(r), text(r, 'state')),
    statusOf: (r) => text(r, 'state'),
    fieldsOf: (r) => fields([[l10n.t('Number'), text(r, 'invoiceNumber')], [l10n.t('Customer'), text(r, 'customerId')], [l10n.t('Amount'), money(r.amount, r.currency)], [l10n.t('Invoice date'), day(r, 'invoiceDate')], [l10n.t('Due'), day(r, 'dueDate')], [l10n.t('State'), text(r, 'state')]]),
    filterFields: ['companyEntityId', 'contractId', 'currency', 'customerId', 'invoiceTemplateId', 'payeeBankAccountId', 'paymentType', 'openedAt', 'documentNumber', 'documentStatus', 'dueDate', 'effectiveInvoiceDate', 'einvoiceStatus', 'id', 'invoiceDate', 'postingDate', 'state', 'updatedAt'],
    sortFields: ['amount', 'companyEntityId', 'createdAt', 'customer', 'description', 'dueDate', 'effectiveInvoiceDate', 'invoiceDate', 'invoiceNumber', 'openedAt', 'postingDate', 'state', 'updatedAt'],
    search: { filterField: 'documentNumber' },
  },
  {
    id: 'ledgerAccounts', listPath: '/v1/ledger-accounts',
    get title() { return l10n.t('Ledger accounts'); }, get noun() { return l10n.t('ledger account'); }, get plural() { return l10n.t('ledger accounts'); },
    idOf: (r) => text(r, 'id') ?? '',
    labelOf: (r) => join(text(r, 'code'), text(r, 'label')),
    detailOf: (r) => join(text(r, 'type')),
    statusOf: (r) => text(r, 'status'),
    fieldsOf: (r) => fields([[l10n.t('Code'), text(r, 'code')], [l10n.t('Label'), text(r, 'label')], [l10n.t('Type'), text(r, 'type')], [l10n.t('Status'), text(r, 'status')]]),
    filterFields: ['id', 'companyEntityId', 'code', 'sourceType', 'status', 'type', 'category', 'createdAt', 'updatedAt'],
    sortFields: ['code', 'label', 'context', 'type', 'category', 'status', 'createdAt', 'updatedAt'],
  },
  {
    id: 'users', listPath: '/v1/users',
    get title() { return l10n.t('Users'); }, get noun() { return l10n.t('user'); }, get plural() { return l10n.t('users'); },
    idOf: (r) => text(r, 'id') ?? '',
    labelOf: personName,
    detailOf: (r) => join(text(r, 'email')),
    statusOf: (r) => text(r, 'status'),
    fieldsOf: (r) => fields([[l10n.t('Name'), personName(r)], [l10n.t('Email'), text(r, 'email')], [l10n.t('Status'), text(r, 'status')]]),
    filterFields: ['id', 'userGroupId', 'status', 'email', 'createdAt', 'updatedAt', 'role', 'assignedRole'],
    sortFields: ['firstName', 'lastName', 'status', 'createdAt', 'updatedAt'],
  },
  {
    id: 'products', listPath: '/v1/products',
    get title() { return l10n.t('Products'); }, get noun() { return l10n.t('product'); }, get plural() { return l10n.t('products'); },
    getPath: (id) => `/v1/products/${encodeURIComponent(id)}`,
    idOf: (r) => text(r, 'id') ?? '',
    labelOf: (r) => text(r, 'name') ?? text(r, 'id') ?? '',
    detailOf: (r) => join(text(r, 'pricingType'), text(r, 'billingRecurrence')),
    statusOf: (r) => text(r, 'state'),
    fieldsOf: (r) => fields([[l10n.t('Name'), text(r, 'name')], [l10n.t('Pricing'), text(r, 'pricingType')], [l10n.t('Recurrence'), text(r, 'billingRecurrence')], [l10n.t('State'), text(r, 'state')]]),
    filterFields: ['id', 'name', 'pricingType', 'recurrence', 'state', 'invoiceReceivableId', 'updatedAt'],
    sortFields: ['name', 'createdAt', 'updatedAt'],
  },
  {
    id: 'contracts', listPath: '/v1/contracts',
    get title() { return l10n.t('Contracts'); }, get noun() { return l10n.t('contract'); }, get plural() { return l10n.t('contracts'); },
    getPath: (id) => `/v1/contracts/${encodeURIComponent(id)}`,
    idOf: (r) => text(r, 'id') ?? '',
    labelOf: (r) => text(r, 'description') ?? text(r, 'id') ?? '',
    detailOf: (r) => join(money(r.estimatedAmount, r.currency), dayAs(r, 'startDate', (d) => l10n.t('from {0}', d)), dayAs(r, 'endDate', (d) => l10n.t('to {0}', d)), text(r, 'state')),
    statusOf: (r) => text(r, 'state'),
    fieldsOf: (r) => fields([[l10n.t('Description'), text(r, 'description')], [l10n.t('Customer'), text(r, 'customerId')], [l10n.t('Estimated'), money(r.estimatedAmount, r.currency)], [l10n.t('Start'), day(r, 'startDate')], [l10n.t('End'), day(r, 'endDate')], [l10n.t('State'), text(r, 'state')]]),
    filterFields: [],
    sortFields: ['activatedAt', 'companyEntityId', 'companyEntityName', 'createdAt', 'customerId', 'customerName', 'description', 'endDate', 'estimatedAmount', 'renewalDate', 'startDate', 'state', 'terminatedAt'],
  },
  {
    id: 'expenses', listPath: '/v1/expenses',
    get title() { return l10n.t('Expenses'); }, get noun() { return l10n.t('expense'); }, get plural() { return l10n.t('expenses'); },
    getPath: (id) => `/v1/expenses/${encodeURIComponent(id)}`,
    idOf: (r) => text(r, 'id') ?? '',
    labelOf: (r) => join(day(r, 'performedDate') ?? l10n.t('Expense'), text(r, 'originalCurrency')),
    detailOf: (r) => join(text(r, 'status')),
    statusOf: (r) => text(r, 'status'),
    fieldsOf: (r) => fields([[l10n.t('Date'), day(r, 'performedDate')], [l10n.t('User'), text(r, 'userId')], [l10n.t('Currency'), text(r, 'originalCurrency')], [l10n.t('Status'), text(r, 'status')]]),
    filterFields: ['id', 'userId', 'status', 'performedDate', 'createdAt', 'updatedAt'],
    sortFields: ['userId', 'status', 'performedDate', 'createdAt'],
  },
  {
    id: 'bankAccounts', listPath: '/v1/bank-accounts', unpaged: true,
    get title() { return l10n.t('Bank accounts'); }, get noun() { return l10n.t('bank account'); }, get plural() { return l10n.t('bank accounts'); },
    idOf: (r) => text(r, 'id') ?? '',
    labelOf: (r) => text(r, 'name') ?? text(r, 'bankName') ?? text(r, 'id') ?? '',
    detailOf: (r) => join(text(r, 'bankName'), text(r, 'currency')),
    statusOf: () => undefined,
    fieldsOf: (r) => fields([[l10n.t('Name'), text(r, 'name')], [l10n.t('Bank'), text(r, 'bankName')], [l10n.t('Currency'), text(r, 'currency')], [l10n.t('Type'), text(r, 'type')]]),
    filterFields: [],
    sortFields: [],
  },
];

export function kindOf(id: string): RecordKind | undefined {
  return KINDS.find((k) => k.id === id);
}

/** Fields that name another record, by the kind they name. Light names ids after their kind (`vendorId`), and a few
 *  fields after their role (`senderBankAccountId`, `defaultLedgerAccountId`). */
const LINKED: Array<[RegExp, KindId]> = [
  [/^vendorId$/, 'vendors'],
  [/^customerId$/, 'customers'],
  [/^(invoicePayableId)$/, 'bills'],
  [/^(invoiceReceivableId)$/, 'invoices'],
  [/^(userId|approverUserId|managerIds)$/, 'users'],
  [/^(productId)$/, 'products'],
  [/^contractId$/, 'contracts'],
  [/^expenseId$/, 'expenses'],
  [/^(accountId|ledgerAccountId|defaultLedgerAccountId)$/, 'ledgerAccounts'],
  [/(^bankAccountId|BankAccountId)$/, 'bankAccounts'],
];

export function linkedKind(field: string): KindId | undefined {
  return LINKED.find(([re]) => re.test(field))?.[1];
}
