import * as assert from 'assert';
import type { LightClient } from '../../../src/core/api/lightClient';
import { LightError } from '../../../src/core/errors';
import { KINDS, KindId, kindOf, LightRecord, linkedKind, money, RecordKind, text, toneOf } from '../../../src/core/explorer/catalog';
import { curlCommand, shellQuote } from '../../../src/core/explorer/curl';
import { Condition, describeView, ListView, OPERATORS, parseCondition, sortOf, toQuery, withCondition } from '../../../src/core/explorer/listQuery';
import { fetchRecord, Listing, PAGE_SIZES } from '../../../src/core/explorer/listing';
import { parseRecordAddress, RECORD_SCHEME, recordPath, recordQuery } from '../../../src/core/explorer/recordAddress';
import { SearchAsYouType, searchRecords, SearchResult } from '../../../src/core/explorer/recordSearch';
import { isSensitive, mask, maskRecord, renderRecord } from '../../../src/core/explorer/recordText';
import type { ListQuery, Page } from '../../../src/lightApi';
import { FakeClock, settle } from '../../support/fakeClock';

const kind = (id: KindId): RecordKind => kindOf(id) as RecordKind;
const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';
const configError = (pattern: RegExp) => (e: unknown) => e instanceof LightError && e.kind === 'config' && pattern.test(e.message);

// Records shaped like Light's OpenAPI schemas (the fields a list answers, with realistic values).
const IDS = {
  company: '0b6f1a52-3c1d-4e8a-9f21-7d5a0c3e9b14',
  entity: '5e2c8f41-9a7b-4d3e-8c16-2f0b7a9d4e63',
  vendor: '3f1c2a4e-8b7d-4c1e-9a2f-5d6e7f8a9b01',
  customer: '8a4d2c19-6e3f-4b7a-a5d8-1c9e0f2b3a74',
  bill: 'c7e93b28-1f4a-4d6c-b8e2-9a0d5f3c7e16',
  invoice: 'e1b5a7d3-4c9f-4e2a-9b6d-8f0c3a1e5d27',
  ledger: '2d9f4b6a-8c1e-4a3d-b7f5-0e6c9a2d4b81',
  ledger2: '9c3e1a7f-5b2d-4f8e-a6c4-3d0b8e1f7a92',
  user: '6b8e2f4d-0a3c-4e9b-8d1f-7c5a2e9b0d36',
  manager1: '4a7c9e1b-3d5f-4b2a-9e8c-6f1d3b5a7c40',
  manager2: 'f2d4b6a8-1c3e-4d5f-a7b9-0e2c4a6d8f13',
  product: 'a9f1c3e5-7b2d-4a6c-8e0f-2b4d6f8a1c35',
  contract: 'd3b5f7a9-2c4e-4b6d-9f1a-3c5e7a9b2d48',
  expense: 'b4c6e8a0-3d5f-4c7e-a9b1-4d6f8b0c3e59',
  bankAccount: '1e3a5c7d-9f2b-4d4e-8a6c-5e7b9d1f3a60',
  approver: '7f9b1d3e-5a7c-4e8f-b2d4-6a8c0e2b4d71',
};

const VENDOR: LightRecord = {
  type: 'EXTERNAL',
  vendorId: IDS.vendor,
  companyId: IDS.company,
  companyEntityIds: [IDS.entity],
  defaultCompanyEntity: {
    id: '0c2e4a6b-8d1f-4e3a-9c5b-7e9d1f3b5a82',
    vendorId: IDS.vendor,
    companyEntityId: IDS.entity,
    accountId: IDS.ledger,
    taxCodeId: null,
    costCenterId: null,
    senderBankAccountId: IDS.bankAccount,
    createdAt: '2025-03-04T09:15:00.000Z',
    updatedAt: '2025-03-04T09:15:00.000Z',
  },
  vatId: 'DE298765432',
  businessRegistrationNumber: 'HRB 184512',
  identifier: 'V-1042',
  name: 'Nordlicht Papier GmbH',
  description: null,
  avatarUrl: null,
  email: 'ap@nordlicht-papier.example',
  phoneNumber: { countryCode: '+49', localNumber: '301234567' },
  website: 'https://nordlicht-papier.example',
  country: 'DE',
  city: 'Berlin',
  address: 'Torstraße 118',
  zipcode: '10119',
  bankName: 'Deutsche Bank',
  bankCountry: 'DE',
  bankCity: 'Berlin',
  bankAddress: null,
  bankZipcode: null,
  bankAccountNumber: 'DE89370400440532013000',
  bankAccountBic: 'DEUTDEBBXXX',
  domesticBankAccountNumber: '0532013000',
  domesticBankAccountCode: '37040044',
  swedishBankgiroNumber: '5050-1055',
  swedishPlusgiroNumber: null,
  bankRecipientName: 'Nordlicht Papier GmbH',
  vendorCreatedAt: '2025-03-04T09:15:00.000Z',
  approvers: [{ id: IDS.approver, userId: IDS.user, vendorId: IDS.vendor, priority: 1, createdAt: '2025-03-04T09:16:00.000Z' }],
  notes: [],
  currency: 'EUR',
  contractValue: 1_200_000,
  createdBy: IDS.user,
  status: 'ACTIVE',
  failureContext: null,
  version: 3,
  updatedAt: '2025-11-20T14:02:11.000Z',
  customProperties: null,
  lastMtdSpendInGroupCurrency: 452_000,
  groupCurrency: 'EUR',
};

const CUSTOMER: LightRecord = {
  id: IDS.customer,
  name: 'Fjord Analytics AB',
  email: 'billing@fjord-analytics.example',
  address: { country: 'SE', city: 'Göteborg', state: null, zipcode: '411 04', street: 'Kungsgatan 12', street2: null },
  billingAddress: { country: 'SE', city: 'Göteborg', state: null, zipcode: '411 04', street: 'Kungsgatan 12', street2: null },
  shippingAddress: null,
  status: 'ACTIVE',
  description: 'Analytics subscription',
  vatNumber: 'SE556677889901',
  businessRegistrationNumber: '556677-8899',
  easCode: null,
  einvoiceAddress: null,
  einvoiceNetwork: 'PEPPOL',
  type: 'BUSINESS',
  logoUrl: null,
  domain: 'fjord-analytics.example',
  externalSource: null,
  createdAt: '2025-01-10T08:00:00.000Z',
  updatedAt: '2025-06-01T12:00:00.000Z',
  customProperties: null,
  recipientEmails: ['billing@fjord-analytics.example'],
  ccEmails: [],
};

const BILL: LightRecord = {
  id: IDS.bill,
  type: 'VENDOR_INVOICE',
  metadata: { type: 'VENDOR_INVOICE_METADATA' },
  documentKey: null,
  documentName: 'invoice-2025-0117.pdf',
  senderEmail: 'billing@nordlicht-papier.example',
  companyId: IDS.company,
  failureReason: null,
  failureContext: null,
  state: 'SCHEDULED',
  version: 2,
  approvalNote: null,
  payeeName: 'Nordlicht Papier GmbH',
  payeeIban: 'DE89370400440532013000',
  payeeBban: '370400440532013000',
  payeeBic: 'DEUTDEBBXXX',
  payeeBankCode: '37040044',
  payeeCountry: 'DE',
  payeeAddress: 'Torstraße 118',
  payeeZipcode: '10119',
  payeeBankName: 'Deutsche Bank',
  payeeBankCountry: 'DE',
  payeeBankAddress: null,
  payeeBankZipcode: null,
  payeeCity: 'Berlin',
  payeeBankCity: 'Berlin',
  fiNumber: null,
  invoiceNumber: 'NP-2025-0117',
  companyEntityId: IDS.entity,
  companyEntityName: 'Northwind Trading GmbH',
  amount: 123_456,
  currency: 'EUR',
  issuedDate: '2025-11-02',
  dueDate: '2025-12-02T00:00:00.000Z',
  paymentAt: null,
  ocrCompletedAt: '2025-11-03T10:00:00.000Z',
  canceledAt: null,
  description: 'Paper, November',
  senderBankAccountId: IDS.bankAccount,
  cancellationReason: null,
  vendor: { vendorId: IDS.vendor, vendorName: 'Nordlicht Papier GmbH', vendorEmail: 'ap@nordlicht-papier.example', vendorCountry: 'DE' },
  user: null,
  nextApprover: { userId: IDS.manager1, firstName: 'Maja', lastName: 'Berg', fullName: 'Maja Berg', approvalSentAt: '2025-11-03T10:05:00.000Z' },
  reimbursement: null,
  createdAt: '2025-11-03T09:58:00.000Z',
  updatedAt: '2025-11-04T16:20:00.000Z',
  paymentPausedBy: null,
  paymentPausedAt: null,
};

const REIMBURSEMENT: LightRecord = {
  ...BILL,
  id: 'a0c2e4f6-1b3d-4f5a-8c7e-9d1b3f5a7c02',
  type: 'REIMBURSEMENT',
  metadata: { type: 'REIMBURSEMENT_METADATA' },
  payeeName: null,
  invoiceNumber: null,
  amount: 4250,
  vendor: null,
  user: { userId: IDS.user, userFirstName: 'Ada', userLastName: 'Lindqvist', userAvatarUrl: null },
  state: 'APPROVAL_PENDING',
};

const INVOICE: LightRecord = {
  id: IDS.invoice,
  companyId: IDS.company,
  contractId: IDS.contract,
  companyEntityId: IDS.entity,
  amount: 990_000,
  paymentType: 'BANK_TRANSFER',
  payeeBankAccountId: IDS.bankAccount,
  invoiceDate: '2025-10-01',
  effectiveInvoiceDate: '2025-10-01',
  postingDate: '2025-10-01',
  dueDate: '2025-10-31',
  netTerms: 30,
  customerId: IDS.customer,
  invoiceTemplateId: null,
  invoiceTemplateAdditionalText: null,
  invoiceNumber: 'INV-2025-0042',
  state: 'OPEN',
  openedAt: '2025-10-01T07:00:00.000Z',
  poNumber: 'PO-7781',
  reference: null,
  description: 'Analytics, October',
  currency: 'SEK',
  taxEngineName: 'LIGHT',
  areLinesWithTax: true,
  localCurrencyFxRate: 1,
  groupCurrencyFxRate: 0.0871,
  lines: null,
  customProperties: null,
  createdAt: '2025-09-30T15:00:00.000Z',
  updatedAt: '2025-10-01T07:00:00.000Z',
  updatedBy: IDS.user,
  failureContext: null,
};

const LEDGER_ACCOUNT: LightRecord = {
  id: IDS.ledger,
  companyId: IDS.company,
  bankAccountId: IDS.bankAccount,
  cardAccountId: null,
  cashAndEquivalentsAccountId: null,
  code: 1200,
  label: 'Bank (Deutsche Bank)',
  type: 'BANK',
  status: 'ACTIVE',
  context: null,
  revaluateFxBalance: false,
  companyEntities: [{ id: IDS.entity, companyId: IDS.company, code: 'DE01', name: 'Northwind Trading GmbH', status: 'ACTIVE' }],
  customProperties: null,
  createdAt: '2024-12-01T00:00:00.000Z',
  updatedAt: '2024-12-01T00:00:00.000Z',
};

const USER: LightRecord = {
  id: IDS.user,
  companyId: IDS.company,
  companyEntityId: IDS.entity,
  email: 'ada.lindqvist@northwind.example',
  firstName: 'Ada',
  lastName: 'Lindqvist',
  phoneNumber: { countryCode: '+46', localNumber: '701234567' },
  avatarUrl: 'https://avatars.example/ada.png',
  country: 'SE',
  city: 'Stockholm',
  zipcode: '111 22',
  address: 'Drottninggatan 5',
  status: 'ACTIVE',
  createdAt: '2024-12-01T00:00:00.000Z',
  updatedAt: '2025-02-01T00:00:00.000Z',
  roles: ['CONTROLLER', 'INVOICE_APPROVER'],
  groups: [{ id: 'ab12cd34-ef56-4a78-9b01-c23d45e67f89', name: 'Finance', description: null, companyId: IDS.company, memberCount: 4 }],
  managerIds: [IDS.manager1, IDS.manager2],
};

const PRODUCT: LightRecord = {
  id: IDS.product,
  companyId: IDS.company,
  name: 'Analytics Pro seat',
  pricingType: 'FIXED',
  billingRecurrence: 'MONTHLY',
  pricings: [{ currency: 'EUR', amount: 4900 }, { currency: 'SEK', amount: 55_000 }],
  state: 'ACTIVE',
  defaultTaxId: null,
  defaultAvataxCode: null,
  defaultLedgerAccountId: IDS.ledger2,
  externalSource: { name: 'HUBSPOT', externalId: 'hs-991' },
  createdAt: '2025-01-05T00:00:00.000Z',
  updatedAt: '2025-01-05T00:00:00.000Z',
  customProperties: null,
};

const CONTRACT: LightRecord = {
  id: IDS.contract,
  companyId: IDS.company,
  startDate: '2025-01-01',
  endDate: '2025-12-31T00:00:00.000Z',
  activatedAt: '2025-01-01T00:00:00.000Z',
  terminatedAt: null,
  terminationReason: null,
  renewalDate: '2026-01-01',
  companyEntityId: IDS.entity,
  invoiceTemplateId: null,
  currency: 'SEK',
  estimatedAmount: 11_880_000,
  paymentType: 'BANK_TRANSFER',
  payeeBankAccountId: IDS.bankAccount,
  billingStart: '2025-01-01',
  netTerms: 30,
  invoiceLeadDays: 5,
  description: 'Analytics platform 2025',
  customerId: IDS.customer,
  state: 'ACTIVE',
  areLinesWithTax: true,
  lines: null,
  taxEngineName: 'LIGHT',
  externalId: null,
  externalSource: null,
  customProperties: null,
  createdAt: '2024-12-15T00:00:00.000Z',
  updatedAt: '2024-12-15T00:00:00.000Z',
};

const EXPENSE: LightRecord = {
  id: IDS.expense,
  receiptDocumentKey: 'receipts/2025/11/taxi.pdf',
  originalCurrency: 'NOK',
  billingCurrency: 'EUR',
  status: 'SUBMITTED_FOR_REVIEW',
  userId: IDS.user,
  companyId: IDS.company,
  performedDate: '2025-11-12T18:30:00.000Z',
  lineItems: [
    {
      id: 'c5e7a9b1-4d6f-4e8a-b0c2-5e7a9c1d3f64',
      expenseId: IDS.expense,
      originalAmount: 42_000,
      billingAmount: 3612,
      accountId: IDS.ledger2,
      costCenterId: null,
      description: 'Taxi to the airport',
      reimbursementCategoryId: null,
      createdAt: '2025-11-12T19:00:00.000Z',
      updatedAt: '2025-11-12T19:00:00.000Z',
    },
  ],
  createdAt: '2025-11-12T19:00:00.000Z',
  updatedAt: '2025-11-13T08:00:00.000Z',
};

const BANK_ACCOUNT: LightRecord = {
  id: IDS.bankAccount,
  companyId: IDS.company,
  companyEntityId: IDS.entity,
  name: 'Operating account',
  type: 'PHYSICAL',
  bankProvider: 'DEUTSCHE_BANK',
  paymentSchedulingEligibility: 'BANK_PROVIDER',
  iban: 'DE44500105175407324931',
  bic: 'INGDDEFFXXX',
  domesticBankAccountNumber: '5407324931',
  domesticBankCode: '50010517',
  currency: 'EUR',
  bankCountry: 'DE',
  bankCity: 'Frankfurt',
  bankAddress: null,
  bankZipcode: null,
  bankName: 'ING',
  bankState: null,
  ledgerAccountCode: 1200,
  createdAt: '2024-12-01T00:00:00.000Z',
};

const SAMPLES: Record<KindId, LightRecord> = {
  vendors: VENDOR,
  customers: CUSTOMER,
  bills: BILL,
  invoices: INVOICE,
  ledgerAccounts: LEDGER_ACCOUNT,
  users: USER,
  products: PRODUCT,
  contracts: CONTRACT,
  expenses: EXPENSE,
  bankAccounts: BANK_ACCOUNT,
};

describe('the Light explorer: record kinds', () => {
  it('names ten kinds, each once, each listed under /v1/ with a title and a noun', () => {
    assert.deepStrictEqual(
      KINDS.map((k) => k.id),
      ['vendors', 'customers', 'bills', 'invoices', 'ledgerAccounts', 'users', 'products', 'contracts', 'expenses', 'bankAccounts'],
    );
    assert.strictEqual(new Set(KINDS.map((k) => k.id)).size, KINDS.length);
    assert.strictEqual(new Set(KINDS.map((k) => k.listPath)).size, KINDS.length);
    for (const k of KINDS) {
      assert.match(k.listPath, /^\/v1\/[a-z/-]+[a-z]$/, k.id);
      assert.ok(k.title.trim().length > 0 && k.noun.trim().length > 0, k.id);
      assert.strictEqual(kindOf(k.id), k);
    }
    assert.strictEqual(kindOf('vendor'), undefined);
    assert.strictEqual(kindOf('toString'), undefined);
  });

  it("fetches one record at Light's GET for it, and by the list where Light has none", () => {
    const gets = Object.fromEntries(KINDS.map((k) => [k.id, k.getPath?.('id/with space')]));
    assert.deepStrictEqual(gets, {
      vendors: '/v1/vendors/id%2Fwith%20space',
      customers: '/v1/customers/id%2Fwith%20space',
      bills: '/v1/invoice-payables/id%2Fwith%20space',
      invoices: '/v1/invoice-receivables/id%2Fwith%20space',
      ledgerAccounts: undefined,
      users: undefined,
      products: '/v1/products/id%2Fwith%20space',
      contracts: '/v1/contracts/id%2Fwith%20space',
      expenses: '/v1/expenses/id%2Fwith%20space',
      bankAccounts: undefined,
    });
    assert.strictEqual(kind('bills').listPath, '/v1/bff/invoice-payables');
    assert.deepStrictEqual(KINDS.filter((k) => k.unpaged).map((k) => k.id), ['bankAccounts']);
  });

  // The "Available fields" of each list's `filter` and `sort` parameters in Light's OpenAPI spec.
  const SPEC_FIELDS: Record<KindId, { filter: string[]; sort: string[] }> = {
    vendors: {
      filter: ['id', 'status', 'type', 'ledgerAccountId', 'ledgerTaxId', 'spendLastMtd', 'createdAt', 'updatedAt'],
      sort: ['name', 'spendLastMtd', 'createdAt', 'updatedAt'],
    },
    customers: {
      filter: ['billingAddressCity', 'billingAddressCountry', 'businessRegistrationNumber', 'createdAt', 'description', 'email', 'id', 'name', 'status', 'updatedAt', 'vatNumber'],
      sort: ['name', 'email', 'createdAt', 'updatedAt'],
    },
    bills: {
      filter: ['approverUserId', 'id', 'vendorId', 'userId', 'companyEntityId', 'senderBankAccountId', 'amount', 'description', 'documentNumber', 'dueDate', 'issuedDate', 'paymentAt', 'createdAt', 'updatedAt', 'state', 'vendorName', 'userFirstName', 'userLastName', 'type'],
      sort: ['amount', 'canceledAt', 'companyEntityName', 'description', 'dueDate', 'fromAccountName', 'createdAt', 'invoiceNumber', 'issuedDate', 'ocrCompletedAt', 'paymentAt', 'senderEmail', 'state', 'vendorName', 'businessPartnerName', 'nextApproverName'],
    },
    invoices: {
      filter: ['companyEntityId', 'contractId', 'currency', 'customerId', 'invoiceTemplateId', 'payeeBankAccountId', 'paymentType', 'openedAt', 'documentNumber', 'documentStatus', 'dueDate', 'effectiveInvoiceDate', 'einvoiceStatus', 'id', 'invoiceDate', 'postingDate', 'state', 'updatedAt'],
      sort: ['amount', 'companyEntityId', 'createdAt', 'customer', 'description', 'dueDate', 'effectiveInvoiceDate', 'invoiceDate', 'invoiceNumber', 'openedAt', 'postingDate', 'state', 'updatedAt'],
    },
    ledgerAccounts: {
      filter: ['id', 'companyEntityId', 'code', 'sourceType', 'status', 'type', 'category', 'createdAt', 'updatedAt'],
      sort: ['code', 'label', 'context', 'type', 'category', 'status', 'createdAt', 'updatedAt'],
    },
    users: {
      filter: ['id', 'userGroupId', 'status', 'email', 'createdAt', 'updatedAt', 'role', 'assignedRole'],
      sort: ['firstName', 'lastName', 'status', 'createdAt', 'updatedAt'],
    },
    products: {
      filter: ['id', 'name', 'pricingType', 'recurrence', 'state', 'invoiceReceivableId', 'updatedAt'],
      sort: ['name', 'createdAt', 'updatedAt'],
    },
    // listContracts documents its operators but names no filter field.
    contracts: {
      filter: [],
      sort: ['activatedAt', 'companyEntityId', 'companyEntityName', 'createdAt', 'customerId', 'customerName', 'description', 'endDate', 'estimatedAmount', 'renewalDate', 'startDate', 'state', 'terminatedAt'],
    },
    expenses: {
      filter: ['id', 'userId', 'status', 'performedDate', 'createdAt', 'updatedAt'],
      sort: ['userId', 'status', 'performedDate', 'createdAt'],
    },
    // getBankAccountsForCompany takes no parameters.
    bankAccounts: { filter: [], sort: [] },
  };

  for (const k of KINDS) {
    it(`${k.id}: filters and sorts by exactly the fields Light's spec lists for ${k.listPath}`, () => {
      assert.deepStrictEqual([...k.filterFields], SPEC_FIELDS[k.id].filter);
      assert.deepStrictEqual([...k.sortFields], SPEC_FIELDS[k.id].sort);
    });
  }

  it('searches by a field the list filters by', () => {
    for (const k of KINDS) {
      if (k.search && k.search !== 'searchTerm') assert.ok(k.filterFields.includes(k.search.filterField), k.id);
    }
    assert.deepStrictEqual(KINDS.filter((k) => k.search === 'searchTerm').map((k) => k.id), ['vendors', 'customers']);
  });

  const EXPECTED: Record<KindId, { id: string; label: string; detail: string; status: string | undefined; fields: Array<[string, string]> }> = {
    vendors: {
      id: IDS.vendor,
      label: 'Nordlicht Papier GmbH',
      detail: 'V-1042 · DE',
      status: 'ACTIVE',
      fields: [['Name', 'Nordlicht Papier GmbH'], ['Identifier', 'V-1042'], ['Status', 'ACTIVE'], ['Email', 'ap@nordlicht-papier.example'], ['Country', 'DE'], ['Currency', 'EUR']],
    },
    customers: {
      id: IDS.customer,
      label: 'Fjord Analytics AB',
      detail: 'billing@fjord-analytics.example · SE',
      status: 'ACTIVE',
      fields: [['Name', 'Fjord Analytics AB'], ['Email', 'billing@fjord-analytics.example'], ['Status', 'ACTIVE'], ['VAT number', 'SE556677889901'], ['Type', 'BUSINESS']],
    },
    bills: {
      id: IDS.bill,
      label: 'Nordlicht Papier GmbH',
      detail: '€1,234.56 · NP-2025-0117 · due 2025-12-02 · SCHEDULED',
      status: 'SCHEDULED',
      fields: [['Vendor', 'Nordlicht Papier GmbH'], ['Number', 'NP-2025-0117'], ['Amount', '€1,234.56'], ['Issued', '2025-11-02'], ['Due', '2025-12-02'], ['State', 'SCHEDULED']],
    },
    invoices: {
      id: IDS.invoice,
      label: 'INV-2025-0042',
      detail: 'SEK\u00a09,900.00 · due 2025-10-31 · OPEN',
      status: 'OPEN',
      fields: [['Number', 'INV-2025-0042'], ['Customer', IDS.customer], ['Amount', 'SEK\u00a09,900.00'], ['Invoice date', '2025-10-01'], ['Due', '2025-10-31'], ['State', 'OPEN']],
    },
    ledgerAccounts: {
      id: IDS.ledger,
      label: '1200 · Bank (Deutsche Bank)',
      detail: 'BANK',
      status: 'ACTIVE',
      fields: [['Code', '1200'], ['Label', 'Bank (Deutsche Bank)'], ['Type', 'BANK'], ['Status', 'ACTIVE']],
    },
    users: {
      id: IDS.user,
      label: 'Ada Lindqvist',
      detail: 'ada.lindqvist@northwind.example',
      status: 'ACTIVE',
      fields: [['Name', 'Ada Lindqvist'], ['Email', 'ada.lindqvist@northwind.example'], ['Status', 'ACTIVE']],
    },
    products: {
      id: IDS.product,
      label: 'Analytics Pro seat',
      detail: 'FIXED · MONTHLY',
      status: 'ACTIVE',
      fields: [['Name', 'Analytics Pro seat'], ['Pricing', 'FIXED'], ['Recurrence', 'MONTHLY'], ['State', 'ACTIVE']],
    },
    contracts: {
      id: IDS.contract,
      label: 'Analytics platform 2025',
      detail: 'SEK\u00a0118,800.00 · from 2025-01-01 · to 2025-12-31 · ACTIVE',
      status: 'ACTIVE',
      fields: [['Description', 'Analytics platform 2025'], ['Customer', IDS.customer], ['Estimated', 'SEK\u00a0118,800.00'], ['Start', '2025-01-01'], ['End', '2025-12-31'], ['State', 'ACTIVE']],
    },
    expenses: {
      id: IDS.expense,
      label: '2025-11-12 · NOK',
      detail: 'SUBMITTED_FOR_REVIEW',
      status: 'SUBMITTED_FOR_REVIEW',
      fields: [['Date', '2025-11-12'], ['User', IDS.user], ['Currency', 'NOK'], ['Status', 'SUBMITTED_FOR_REVIEW']],
    },
    bankAccounts: {
      id: IDS.bankAccount,
      label: 'Operating account',
      detail: 'ING · EUR',
      status: undefined,
      fields: [['Name', 'Operating account'], ['Bank', 'ING'], ['Currency', 'EUR'], ['Type', 'PHYSICAL']],
    },
  };

  for (const k of KINDS) {
    it(`${k.id}: names a record as Light sends it`, () => {
      const r = SAMPLES[k.id];
      const want = EXPECTED[k.id];
      assert.strictEqual(k.idOf(r), want.id);
      assert.strictEqual(k.labelOf(r), want.label);
      assert.strictEqual(k.detailOf(r), want.detail);
      assert.strictEqual(k.statusOf(r), want.status);
      assert.deepStrictEqual(k.fieldsOf(r), want.fields);
    });
  }

  it("names a reimbursement by the employee's name and a bill without a vendor by its payee", () => {
    const bills = kind('bills');
    assert.strictEqual(bills.labelOf(REIMBURSEMENT), 'Ada Lindqvist');
    assert.strictEqual(bills.detailOf(REIMBURSEMENT), '€42.50 · due 2025-12-02 · APPROVAL_PENDING');
    assert.strictEqual(bills.labelOf({ ...BILL, vendor: null, payeeName: 'Kiosk am Eck' }), 'Kiosk am Eck');
    assert.strictEqual(bills.labelOf({ ...BILL, vendor: null, payeeName: null, user: null, amount: null }), '');
  });

  it('names an invoice without a number as a draft, a user without a name by email, a person without either by id', () => {
    assert.strictEqual(kind('invoices').labelOf({ ...INVOICE, invoiceNumber: null, state: 'DRAFT' }), 'Draft invoice');
    assert.strictEqual(kind('users').labelOf({ ...USER, firstName: '', lastName: null }), 'ada.lindqvist@northwind.example');
    assert.strictEqual(kind('users').labelOf({ id: IDS.user }), IDS.user);
    assert.strictEqual(kind('users').labelOf({ firstName: 'Ada' }), 'Ada');
    assert.strictEqual(kind('vendors').labelOf({ vendorId: IDS.vendor, name: '' }), IDS.vendor);
    assert.strictEqual(kind('bankAccounts').labelOf({ id: IDS.bankAccount, name: null, bankName: 'ING' }), 'ING');
    assert.strictEqual(kind('expenses').labelOf({ id: IDS.expense }), 'Expense');
  });

  const ODD: Array<[string, LightRecord]> = [
    ['an empty record', {}],
    ['every field null', Object.fromEntries([...new Set(Object.values(SAMPLES).flatMap((r) => Object.keys(r)))].map((key) => [key, null]))],
    [
      'fields of the wrong type',
      {
        id: 42, vendorId: ['x'], name: { first: 'A' }, amount: '12.00', currency: 7, dueDate: 20251231, code: 'not a number', firstName: true,
        vendor: 'Nordlicht', user: 'Ada', billingAddress: [], state: 12, status: {}, performedDate: 1.5, estimatedAmount: NaN,
      },
    ],
    ['statuses Light has not sent before', { id: 'x', vendorId: 'x', status: 'ON_HOLD_NEW', state: 'SOMETHING_ELSE', type: 'SATELLITE' }],
    ['nested objects that are null', { id: 'x', vendor: null, user: null, billingAddress: null, nextApprover: null }],
  ];

  for (const [what, record] of ODD) {
    it(`reads ${what} without throwing, for every kind`, () => {
      for (const k of KINDS) {
        const id = k.idOf(record);
        assert.strictEqual(typeof id, 'string', k.id);
        assert.strictEqual(typeof k.labelOf(record), 'string', k.id);
        assert.strictEqual(typeof k.detailOf(record), 'string', k.id);
        const status = k.statusOf(record);
        assert.ok(status === undefined || typeof status === 'string', k.id);
        assert.strictEqual(typeof toneOf(status), 'string');
        for (const [label, value] of k.fieldsOf(record)) {
          assert.ok(typeof label === 'string' && label.length > 0, k.id);
          assert.ok(typeof value === 'string' && value.length > 0, `${k.id} ${label}`);
          assert.doesNotMatch(value, /undefined|null|NaN|\[object/, `${k.id} ${label}`);
        }
        assert.doesNotMatch(k.labelOf(record) + k.detailOf(record), /undefined|null|NaN|\[object/, k.id);
      }
    });
  }

  it('has no id for a record without one, and reads numbers as text', () => {
    for (const k of KINDS) assert.strictEqual(k.idOf({}), '', k.id);
    assert.strictEqual(kind('vendors').idOf({ id: IDS.vendor }), '', 'a vendor is named by vendorId');
    assert.strictEqual(text({ a: { b: { c: 'deep' } } }, 'a.b.c'), 'deep');
    assert.strictEqual(text({ code: 0 }, 'code'), '0');
    assert.strictEqual(text({ a: '' }, 'a'), undefined);
    assert.strictEqual(text({ a: null }, 'a.b'), undefined);
    assert.strictEqual(text({ a: 'x' }, 'a.length'), undefined);
  });
});

describe('the Light explorer: amounts and statuses', () => {
  const table: Array<[unknown, unknown, string | undefined]> = [
    [123_456, 'EUR', '€1,234.56'],
    [5, 'EUR', '€0.05'],
    [0, 'USD', '$0.00'],
    [-250_075, 'GBP', '-£2,500.75'],
    [99_900, 'SEK', 'SEK\u00a0999.00'],
    [123_456, 'JPY', '¥123,456'],
    [123_456, 'KWD', 'KWD\u00a0123.456'],
    [1_000_000_000_00, 'EUR', '€1,000,000,000.00'],
    [123_456, 'XTS', 'XTS\u00a01,234.56'],
    [123_456, undefined, '1234.56'],
    [123_456, null, '1234.56'],
    [123_456, 'eur', '1234.56'],
    [123_456, 'EURO', '1234.56'],
    [123_456, '', '1234.56'],
    ['123456', 'EUR', undefined],
    [null, 'EUR', undefined],
    [undefined, 'EUR', undefined],
    [NaN, 'EUR', undefined],
    [Infinity, 'EUR', undefined],
    [{ amount: 5 }, 'EUR', undefined],
  ];
  for (const [minor, currency, want] of table) {
    it(`money(${String(minor)}, ${String(currency)}) → ${String(want)}`, () => assert.strictEqual(money(minor, currency), want));
  }

  it("reads every status Light's spec names, and one it has never sent, as a tone", () => {
    const tones: Record<string, string> = {
      ACTIVE: 'good', PAID: 'good', COMPLETED: 'good',
      ONBOARDING: 'waiting', IN_REVIEW: 'waiting', DRAFT: 'waiting', IN_DRAFT: 'waiting', OPEN: 'waiting', SCHEDULED: 'waiting',
      APPROVAL_PENDING: 'waiting', READY_FOR_PAYMENT_RELEASE: 'waiting', PENDING_PAYMENT_APPROVAL: 'waiting',
      APPROVED_ACCOUNTING_ENTRY_PENDING: 'waiting', SUBMITTED_FOR_REVIEW: 'waiting', OPEN_IN_PROGRESS: 'waiting',
      FAILED: 'attention', DECLINED: 'attention', REVERSED: 'attention', PENDING_TERMINATION: 'attention',
      ARCHIVED: 'inactive', CANCELLED: 'inactive', TERMINATED: 'inactive', DEACTIVATED: 'inactive', DISABLED: 'inactive', DISABLED_EXTERNALLY: 'inactive',
      PAYOUT_FAILED_TWICE: 'attention', SYNC_ERROR: 'attention', WAITING_PENDING: 'waiting', SOMETHING_NEW: 'neutral',
    };
    for (const [status, tone] of Object.entries(tones)) assert.strictEqual(toneOf(status), tone, status);
    assert.strictEqual(toneOf(undefined), 'neutral');
    assert.strictEqual(toneOf(''), 'neutral');
    for (const odd of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) assert.strictEqual(toneOf(odd), 'neutral', odd);
  });

  it('links the fields that name another record to its kind, and no others', () => {
    const table: Array<[string, KindId | undefined]> = [
      ['vendorId', 'vendors'], ['customerId', 'customers'], ['invoicePayableId', 'bills'], ['invoiceReceivableId', 'invoices'],
      ['userId', 'users'], ['approverUserId', 'users'], ['managerIds', 'users'], ['productId', 'products'], ['contractId', 'contracts'],
      ['expenseId', 'expenses'], ['accountId', 'ledgerAccounts'], ['ledgerAccountId', 'ledgerAccounts'], ['defaultLedgerAccountId', 'ledgerAccounts'],
      ['bankAccountId', 'bankAccounts'], ['senderBankAccountId', 'bankAccounts'], ['payeeBankAccountId', 'bankAccounts'],
      ['id', undefined], ['companyId', undefined], ['companyEntityId', undefined], ['costCenterId', undefined], ['taxCodeId', undefined],
      ['vendorName', undefined], ['myvendorId', undefined], ['vendorIds', undefined], ['cardAccountId', undefined], ['bankAccountNumber', undefined],
    ];
    for (const [field, want] of table) assert.strictEqual(linkedKind(field), want, field);
  });
});

describe('the Light explorer: filters and sorts', () => {
  const vendors = kind('vendors');
  const bills = kind('bills');

  it('reads every way of writing each operator', () => {
    const table: Array<[string, Condition]> = [
      ['status eq ACTIVE', { field: 'status', op: 'eq', values: ['ACTIVE'] }],
      ['status EQ ACTIVE', { field: 'status', op: 'eq', values: ['ACTIVE'] }],
      ['state:IN:OPEN|PAID', { field: 'state', op: 'in', values: ['OPEN', 'PAID'] }],
      ['status:eq:ACTIVE', { field: 'status', op: 'eq', values: ['ACTIVE'] }],
      ['  status : eq : ACTIVE  ', { field: 'status', op: 'eq', values: ['ACTIVE'] }],
      ['status = ACTIVE', { field: 'status', op: 'eq', values: ['ACTIVE'] }],
      ['status=ACTIVE', { field: 'status', op: 'eq', values: ['ACTIVE'] }],
      ['status ne FAILED', { field: 'status', op: 'ne', values: ['FAILED'] }],
      ['status:ne:FAILED', { field: 'status', op: 'ne', values: ['FAILED'] }],
      ['status != FAILED', { field: 'status', op: 'ne', values: ['FAILED'] }],
      ['status ≠ FAILED', { field: 'status', op: 'ne', values: ['FAILED'] }],
      ['amount gt 100', { field: 'amount', op: 'gt', values: ['100'] }],
      ['amount:gt:100', { field: 'amount', op: 'gt', values: ['100'] }],
      ['amount > 100', { field: 'amount', op: 'gt', values: ['100'] }],
      ['amount gte 50000', { field: 'amount', op: 'gte', values: ['50000'] }],
      ['amount:gte:50000', { field: 'amount', op: 'gte', values: ['50000'] }],
      ['amount >= 50000', { field: 'amount', op: 'gte', values: ['50000'] }],
      ['amount>=50000', { field: 'amount', op: 'gte', values: ['50000'] }],
      ['amount ≥ 50000', { field: 'amount', op: 'gte', values: ['50000'] }],
      ['amount lt -5', { field: 'amount', op: 'lt', values: ['-5'] }],
      ['amount:lt:-5', { field: 'amount', op: 'lt', values: ['-5'] }],
      ['amount < -5', { field: 'amount', op: 'lt', values: ['-5'] }],
      ['amount lte 0', { field: 'amount', op: 'lte', values: ['0'] }],
      ['amount:lte:0', { field: 'amount', op: 'lte', values: ['0'] }],
      ['amount <= 0', { field: 'amount', op: 'lte', values: ['0'] }],
      ['amount ≤ 0', { field: 'amount', op: 'lte', values: ['0'] }],
      ['state in PAID|SCHEDULED', { field: 'state', op: 'in', values: ['PAID', 'SCHEDULED'] }],
      ['state:in:PAID|SCHEDULED|IN_DRAFT', { field: 'state', op: 'in', values: ['PAID', 'SCHEDULED', 'IN_DRAFT'] }],
      ['state in PAID | SCHEDULED', { field: 'state', op: 'in', values: ['PAID', 'SCHEDULED'] }],
      ['state not_in CANCELLED|DECLINED', { field: 'state', op: 'not_in', values: ['CANCELLED', 'DECLINED'] }],
      ['state:not_in:CANCELLED', { field: 'state', op: 'not_in', values: ['CANCELLED'] }],
      ['vendorName eq Nordlicht Papier GmbH', { field: 'vendorName', op: 'eq', values: ['Nordlicht Papier GmbH'] }],
      ['vendorId:ne:null', { field: 'vendorId', op: 'ne', values: ['null'] }],
      ['createdAt gte 2025-01-01T00:00:00Z', { field: 'createdAt', op: 'gte', values: ['2025-01-01T00:00:00Z'] }],
      ['createdAt:lt:2025-06-30T23:59:59.999Z', { field: 'createdAt', op: 'lt', values: ['2025-06-30T23:59:59.999Z'] }],
      ['description eq a=b', { field: 'description', op: 'eq', values: ['a=b'] }],
    ];
    for (const [input, want] of table) {
      const k = want.field === 'status' ? vendors : bills;
      assert.deepStrictEqual(parseCondition(k, input), want, input);
    }
    assert.deepStrictEqual([...OPERATORS], ['eq', 'ne', 'in', 'not_in', 'gt', 'gte', 'lt', 'lte']);
  });

  it('refuses a field the list cannot filter by, naming the fields it can', () => {
    assert.throws(
      () => parseCondition(vendors, 'name eq Nordlicht'),
      configError(/^Light cannot filter vendors by "name"\. It can filter them by: id, status, type, ledgerAccountId, ledgerTaxId, spendLastMtd, createdAt, updatedAt\.$/),
    );
    assert.throws(() => parseCondition(vendors, 'Status eq ACTIVE'), configError(/by "Status"/));
    assert.throws(() => parseCondition(kind('contracts'), 'state eq ACTIVE'), configError(/^Light cannot filter contracts\.$/));
    assert.throws(() => parseCondition(kind('bankAccounts'), 'currency eq EUR'), configError(/^Light cannot filter bank accounts\.$/));
  });

  it('refuses an empty value, saying which', () => {
    assert.throws(() => parseCondition(vendors, 'status:eq:'), configError(/^The filter on "status" needs a value\.$/));
    assert.throws(() => parseCondition(vendors, 'status =   '), configError(/^The filter on "status" needs a value\.$/));
    assert.throws(() => parseCondition(bills, 'state in PAID||SCHEDULED'), configError(/needs a value between each \|/));
    assert.throws(() => parseCondition(bills, 'state:in:PAID|'), configError(/needs a value between each \|/));
    assert.throws(() => parseCondition(bills, 'state not_in |'), configError(/needs a value between each \|/));
    assert.throws(() => parseCondition(vendors, 'status eq'), configError(/needs a value|"field operator value"/));
  });

  it('refuses a comma, which would start another filter', () => {
    assert.throws(() => parseCondition(vendors, 'status eq ACTIVE,type:eq:USER'), configError(/cannot contain a comma/));
    assert.throws(() => parseCondition(bills, 'state in PAID|A,B'), configError(/cannot contain a comma/));
  });

  it('refuses what is not a filter, showing how to write one', () => {
    for (const input of ['', '   ', 'status', 'ACTIVE', '= ACTIVE', 'status ~ ACTIVE', 'status like ACTIVE', 'status:between:1', '1status eq A']) {
      assert.throws(() => parseCondition(vendors, input), configError(/^Write a filter as "field operator value", e\.g\. "status eq ACTIVE" or "amount:gte:50000"\.$/), input);
    }
  });

  it('sorts only by the fields the list sorts by', () => {
    assert.deepStrictEqual(sortOf(vendors, 'name', 'desc'), { field: 'name', direction: 'desc' });
    assert.throws(() => sortOf(vendors, 'status', 'asc'), configError(/^Light cannot sort vendors by "status"\. It can sort them by: name, spendLastMtd, createdAt, updatedAt\.$/));
    assert.throws(() => sortOf(kind('bankAccounts'), 'name', 'asc'), configError(/^Light cannot sort bank accounts\.$/));
  });

  it("builds Light's query from a view, and leaves out what is empty", () => {
    assert.deepStrictEqual(toQuery({ conditions: [] }), {});
    assert.deepStrictEqual(toQuery({ conditions: [], sort: { field: 'name', direction: 'desc' } }), { sort: 'name:desc' });
    const view: ListView = {
      conditions: [parseCondition(bills, 'state in PAID | SCHEDULED'), parseCondition(bills, 'amount ≥ 50000'), parseCondition(bills, 'vendorId != null')],
      sort: sortOf(bills, 'dueDate', 'asc'),
    };
    const q = toQuery(view);
    assert.deepStrictEqual(q, { filter: 'state:in:PAID|SCHEDULED,amount:gte:50000,vendorId:ne:null', sort: 'dueDate:asc' });
    assert.deepStrictEqual(
      (q.filter as string).split(',').map((part) => parseCondition(bills, part)),
      view.conditions,
      "Light's own spelling reads back as the same conditions",
    );
  });

  it('describes a view in words', () => {
    assert.strictEqual(describeView({ conditions: [] }), '');
    assert.strictEqual(describeView({ conditions: [], sort: { field: 'name', direction: 'asc' } }), 'by name ↑');
    assert.strictEqual(
      describeView({
        conditions: [parseCondition(bills, 'state:in:PAID|SCHEDULED'), parseCondition(bills, 'amount:gte:50000'), parseCondition(bills, 'type:not_in:REIMBURSEMENT')],
        sort: { field: 'dueDate', direction: 'desc' },
      }),
      'state is one of PAID | SCHEDULED, amount ≥ 50000, type is none of REIMBURSEMENT · by dueDate ↓',
    );
    assert.strictEqual(
      describeView({ conditions: ['eq', 'ne', 'gt', 'lt', 'lte'].map((op) => ({ field: 'amount', op: op as Condition['op'], values: ['1'] })) }),
      'amount = 1, amount ≠ 1, amount > 1, amount < 1, amount ≤ 1',
    );
  });

  it('adds a condition, or replaces the one on the same field, without changing the view it was given', () => {
    const status = parseCondition(vendors, 'status eq ACTIVE');
    const type = parseCondition(vendors, 'type eq EXTERNAL');
    const view: ListView = { conditions: [status], sort: { field: 'name', direction: 'asc' } };
    const added = withCondition(view, type);
    assert.deepStrictEqual(added, { conditions: [status, type], sort: { field: 'name', direction: 'asc' } });
    const replaced = withCondition(added, parseCondition(vendors, 'status in ONBOARDING|IN_REVIEW'));
    assert.deepStrictEqual(replaced.conditions, [type, { field: 'status', op: 'in', values: ['ONBOARDING', 'IN_REVIEW'] }]);
    assert.deepStrictEqual(view, { conditions: [status], sort: { field: 'name', direction: 'asc' } });
  });
});

describe('the Light explorer: a record as text', () => {
  const SHAPES: Array<[string, unknown]> = [
    ['an empty object', {}],
    ['an empty array', []],
    ['empty arrays and objects inside', { a: [], b: {}, c: [[], {}], d: [{}] }],
    ['nested objects', { a: { b: { c: { d: 'deep' } } }, e: 1 }],
    ['arrays of arrays and objects', { m: [[1, 2], [3, [4, [5]]]], o: [{ a: 1 }, { b: [true, false, null] }] }],
    ['numbers', { zero: 0, negative: -1.5, big: 123_456_789_012, tiny: 1e-7, huge: 1e21, exp: 2.5e-10, int: 42 }],
    ['booleans and null', { t: true, f: false, n: null, list: [null, true, false] }],
    ['unicode', { name: 'Grüße aus Göteborg – Ærø 日本語 😀', emoji: '👩‍👩‍👧', rtl: 'مرحبا', key: 'Straße' }],
    ['quotes, backslashes and control characters', { q: 'say "hi"', b: 'C:\\path\\to', both: '\\"', nl: 'a\nb\tc\r', bell: '\u0007', sep: '\u2028\u2029', nul: '\u0000' }],
    ['odd keys', { 'with space': 1, 'with "quote"': 2, 'back\\slash': 3, '': 4, 'ü': 5, '123': 6 }],
    ['a top-level array of records', [{ id: 'a' }, { id: 'b', vendorId: 'v' }]],
    ['a bare string', 'just text'],
    ['a bare number', 12.5],
    ['null', null],
    ['fields that are undefined', { a: 1, b: undefined, c: { d: undefined }, e: 'x' }],
  ];
  const ALL: Array<[string, unknown]> = [...SHAPES, ...Object.entries(SAMPLES).map(([k, r]) => [`a sample ${k} record`, r] as [string, unknown]), ['a reimbursement', REIMBURSEMENT]];

  for (const [what, value] of ALL) {
    it(`renders ${what} exactly as JSON.stringify(…, null, 2) does`, () => {
      assert.strictEqual(renderRecord(value, true).text, json(value));
      const masked = renderRecord(value);
      assert.strictEqual(masked.text, json(maskRecord(value)));
      assert.deepStrictEqual(JSON.parse(masked.text), JSON.parse(json(maskRecord(value))));
    });
  }

  for (const [what, value] of ALL) {
    it(`links in ${what} slice exactly the id out of the text`, () => {
      for (const shown of [false, true]) {
        const r = renderRecord(value, shown);
        for (const link of r.links) {
          assert.strictEqual(r.text.slice(link.start, link.end), link.id);
          assert.strictEqual(r.text[link.start - 1], '"');
          assert.strictEqual(r.text[link.end], '"');
        }
      }
    });
  }

  const linksOf = (value: unknown) => renderRecord(value).links.map((l) => [l.kind, l.id]);

  it("links the ids of other records at any depth, and not the record's own id", () => {
    assert.deepStrictEqual(linksOf(BILL), [
      ['bankAccounts', IDS.bankAccount],
      ['vendors', IDS.vendor],
      ['users', IDS.manager1],
    ]);
    assert.deepStrictEqual(linksOf(USER), [
      ['users', IDS.manager1],
      ['users', IDS.manager2],
    ]);
    assert.deepStrictEqual(linksOf(EXPENSE), [
      ['users', IDS.user],
      ['expenses', IDS.expense],
      ['ledgerAccounts', IDS.ledger2],
    ]);
    assert.deepStrictEqual(linksOf(INVOICE), [
      ['contracts', IDS.contract],
      ['bankAccounts', IDS.bankAccount],
      ['customers', IDS.customer],
    ]);
    assert.deepStrictEqual(linksOf(VENDOR), [
      ['vendors', IDS.vendor],
      ['vendors', IDS.vendor],
      ['ledgerAccounts', IDS.ledger],
      ['bankAccounts', IDS.bankAccount],
      ['users', IDS.user],
      ['vendors', IDS.vendor],
    ]);
    assert.deepStrictEqual(linksOf(CUSTOMER), []);
    assert.deepStrictEqual(linksOf(PRODUCT), [['ledgerAccounts', IDS.ledger2]]);
    assert.deepStrictEqual(linksOf(REIMBURSEMENT), [
      ['bankAccounts', IDS.bankAccount],
      ['users', IDS.user],
      ['users', IDS.manager1],
    ]);
  });

  it('does not link a record to itself', () => {
    const links = renderRecord(VENDOR, false, { kind: 'vendors', id: IDS.vendor }).links.map((l) => [l.kind, l.id]);
    assert.deepStrictEqual(links, [
      ['ledgerAccounts', IDS.ledger],
      ['bankAccounts', IDS.bankAccount],
      ['users', IDS.user],
    ]);
    assert.strictEqual(renderRecord(VENDOR, false, { kind: 'customers', id: IDS.vendor }).links.length, 6, 'only the same kind and id is the record itself');
  });

  it('links neither null nor empty ids, nor ids that are not strings', () => {
    assert.deepStrictEqual(linksOf({ vendorId: null, customerId: '', userId: 42, managerIds: [], contractId: { id: 'x' }, productId: [null, 'p1', ''] }), [['products', 'p1']]);
  });

  it('finds link offsets after text that JSON escapes or that takes two code units', () => {
    const r = renderRecord({ description: 'Größe "XL" \\ 😀\n', nested: [{ note: '\u2028', vendorId: 'v-1' }], managerIds: ['u-1', 'u-2'] });
    assert.deepStrictEqual(
      r.links.map((l) => [l.kind, r.text.slice(l.start, l.end)]),
      [['vendors', 'v-1'], ['users', 'u-1'], ['users', 'u-2']],
    );
  });

  const SENSITIVE_FIELDS = [
    'payeeIban', 'payeeBban', 'payeeBic', 'payeeBankCode', 'fiNumber', 'bankAccountNumber', 'bankAccountBic', 'domesticBankAccountNumber',
    'domesticBankAccountCode', 'swedishBankgiroNumber', 'swedishPlusgiroNumber', 'payeeSwedishBankgiroNumber', 'payeeSwedishPlusgiroNumber',
    'iban', 'bic', 'domesticBankCode', 'IBAN', 'routingNumber', 'sortCode',
  ];
  const PLAIN_FIELDS = [
    'id', 'name', 'vatId', 'vatNumber', 'invoiceNumber', 'documentNumber', 'poNumber', 'businessRegistrationNumber', 'phoneNumber', 'localNumber',
    'ledgerAccountCode', 'accountCode', 'bankName', 'bankCountry', 'bankCity', 'bankAccountId', 'senderBankAccountId', 'bankRecipientName', 'currency',
  ];

  it("knows which of Light's fields are bank details", () => {
    for (const f of SENSITIVE_FIELDS) assert.strictEqual(isSensitive(f), true, f);
    for (const f of PLAIN_FIELDS) assert.strictEqual(isSensitive(f), false, f);
  });

  it('masks bank details to their last four characters, and short ones whole', () => {
    assert.strictEqual(mask('DE89370400440532013000'), '•••• 3000');
    assert.strictEqual(mask('DEUTDEBB'), '•••• DEBB');
    assert.strictEqual(mask('1234567'), '•••• 4567');
    assert.strictEqual(mask('123456'), '••••');
    assert.strictEqual(mask('1'), '••••');
  });

  it('masks bank details at any depth unless asked to show them', () => {
    const record = {
      id: 'r1',
      payeeIban: 'DE89370400440532013000',
      payeeBic: 'DEUTDEBBXXX',
      fiNumber: null,
      payeeBban: '',
      counterparty: { accounts: [{ iban: 'GB29NWBK60161331926819', bic: 'NWBKGB2L', bankName: 'NatWest' }], domesticBankAccountNumber: 12_345_678 },
      history: [[{ swedishBankgiroNumber: '5050-1055' }]],
      senderBankAccountId: IDS.bankAccount,
    };
    const original = structuredClone(record);
    const hidden = renderRecord(record);
    assert.strictEqual(hidden.masked, 6);
    for (const secret of ['DE89370400440532013000', 'DEUTDEBBXXX', 'GB29NWBK60161331926819', 'NWBKGB2L', '12345678', '5050-1055']) {
      assert.ok(!hidden.text.includes(secret), secret);
    }
    assert.deepStrictEqual(JSON.parse(hidden.text), {
      id: 'r1',
      payeeIban: '•••• 3000',
      payeeBic: '•••• BXXX',
      fiNumber: null,
      payeeBban: '',
      counterparty: { accounts: [{ iban: '•••• 6819', bic: '•••• GB2L', bankName: 'NatWest' }], domesticBankAccountNumber: '•••• 5678' },
      history: [[{ swedishBankgiroNumber: '•••• 1055' }]],
      senderBankAccountId: IDS.bankAccount,
    });
    assert.deepStrictEqual(maskRecord(record), JSON.parse(hidden.text));
    assert.deepStrictEqual(hidden.links.map((l) => l.id), [IDS.bankAccount]);

    const shown = renderRecord(record, true);
    assert.strictEqual(shown.masked, 0);
    assert.strictEqual(shown.text, json(record));
    assert.deepStrictEqual(record, original, 'the record itself is left as it was');
  });

  it("masks every bank detail of Light's vendors, bills and bank accounts", () => {
    const vendor = maskRecord(VENDOR) as LightRecord;
    assert.deepStrictEqual(
      [vendor.bankAccountNumber, vendor.bankAccountBic, vendor.domesticBankAccountNumber, vendor.domesticBankAccountCode, vendor.swedishBankgiroNumber, vendor.swedishPlusgiroNumber],
      ['•••• 3000', '•••• BXXX', '•••• 3000', '•••• 0044', '•••• 1055', null],
    );
    assert.strictEqual(vendor.name, VENDOR.name);
    assert.deepStrictEqual(vendor.phoneNumber, VENDOR.phoneNumber);
    const bill = maskRecord(BILL) as LightRecord;
    assert.deepStrictEqual([bill.payeeIban, bill.payeeBban, bill.payeeBic, bill.payeeBankCode], ['•••• 3000', '•••• 3000', '•••• BXXX', '•••• 0044']);
    assert.strictEqual(bill.invoiceNumber, BILL.invoiceNumber);
    const account = maskRecord(BANK_ACCOUNT) as LightRecord;
    assert.deepStrictEqual([account.iban, account.bic, account.domesticBankAccountNumber, account.domesticBankCode, account.ledgerAccountCode], ['•••• 4931', '•••• FXXX', '•••• 4931', '•••• 0517', 1200]);
    for (const r of [VENDOR, BILL, BANK_ACCOUNT]) {
      const t = renderRecord(r).text;
      for (const secret of ['DE89370400440532013000', 'DE44500105175407324931', 'DEUTDEBBXXX', 'INGDDEFFXXX']) assert.ok(!t.includes(secret), secret);
    }
  });

  it('masks nothing in a record without bank details, and keeps values that are not text or numbers', () => {
    assert.deepStrictEqual(maskRecord(CUSTOMER), CUSTOMER);
    assert.strictEqual(renderRecord(CUSTOMER).masked, 0);
    assert.deepStrictEqual(maskRecord({ iban: true, bic: { code: 'X' }, payeeIban: [null] }), { iban: true, bic: { code: 'X' }, payeeIban: [null] });
  });
});

describe('the Light explorer: cURL commands', () => {
  /** Splits a command line the way a POSIX shell would, without expanding anything. */
  function shellWords(line: string): string[] {
    const words: string[] = [];
    let word: string | undefined;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (c === ' ') {
        if (word !== undefined) words.push(word);
        word = undefined;
      } else if (c === "'") {
        const end = line.indexOf("'", i + 1);
        assert.ok(end > i, `unterminated quote in ${line}`);
        word = (word ?? '') + line.slice(i + 1, end);
        i = end;
      } else if (c === '"') {
        const end = line.indexOf('"', i + 1);
        assert.ok(end > i, `unterminated quote in ${line}`);
        word = (word ?? '') + line.slice(i + 1, end);
        i = end;
      } else if (c === '\\') {
        word = (word ?? '') + line[++i];
      } else {
        word = (word ?? '') + c;
      }
    }
    if (word !== undefined) words.push(word);
    return words;
  }

  it('quotes for a POSIX shell: nothing inside is expanded', () => {
    for (const s of ["O'Brien", "''", "it's a 'test'", 'with space', '$HOME `id` $(id) "x" \\ ; & |', '', 'ü 😀']) {
      const quoted = shellQuote(s);
      assert.match(quoted, /^'/);
      assert.deepStrictEqual(shellWords(quoted), [s], s);
    }
    assert.strictEqual(shellQuote("O'Brien"), `'O'\\''Brien'`);
  });

  it('names the access token as a variable, never the token itself', () => {
    const cmd = curlCommand('http://127.0.0.1:4010', '/v1/vendors', { limit: 50, cursor: '0', filter: 'status:eq:ACTIVE', sort: 'name:desc' }, 'oauth');
    assert.strictEqual(
      cmd,
      `curl -sS 'http://127.0.0.1:4010/v1/vendors?limit=50&cursor=0&filter=status%3Aeq%3AACTIVE&sort=name%3Adesc' -H 'Accept: application/json' -H "Authorization: Bearer $LIGHT_ACCESS_TOKEN"`,
    );
    assert.deepStrictEqual(shellWords(cmd), [
      'curl', '-sS', 'http://127.0.0.1:4010/v1/vendors?limit=50&cursor=0&filter=status%3Aeq%3AACTIVE&sort=name%3Adesc',
      '-H', 'Accept: application/json', '-H', 'Authorization: Bearer $LIGHT_ACCESS_TOKEN',
    ]);
  });

  it('names an API key as $LIGHT_API_KEY, sent as Basic', () => {
    const cmd = curlCommand('https://api.light.inc', '/v1/companies/current', {}, 'apiKey');
    assert.strictEqual(cmd, `curl -sS 'https://api.light.inc/v1/companies/current' -H 'Accept: application/json' -H "Authorization: Basic $LIGHT_API_KEY"`);
    assert.ok(!cmd.includes('Bearer'));
    assert.ok(!curlCommand('https://api.light.inc', '/v1/users', {}, 'oauth').includes('LIGHT_API_KEY'));
  });

  it("quotes a path and values with quotes and spaces so the shell passes them to cURL as they are", () => {
    const cmd = curlCommand('https://api.light.inc', "/v1/vendors/O'Brien & Sons", { filter: "name:eq:O'Brien & Sons $HOME", searchTerm: '', cursor: undefined }, 'oauth');
    const words = shellWords(cmd);
    assert.strictEqual(words.length, 7);
    const url = new URL(words[2]);
    assert.strictEqual(decodeURIComponent(url.pathname), "/v1/vendors/O'Brien & Sons");
    assert.deepStrictEqual([...url.searchParams], [['filter', "name:eq:O'Brien & Sons $HOME"]]);
    assert.strictEqual(words[6], 'Authorization: Bearer $LIGHT_ACCESS_TOKEN');
    // The one double-quoted word holds nothing but the header and its variable.
    assert.deepStrictEqual(cmd.match(/"[^"]*"/g), ['"Authorization: Bearer $LIGHT_ACCESS_TOKEN"']);
  });
});

describe('the Light explorer: record addresses', () => {
  const ACCOUNT = 'custom:127.0.0.1:4010/c1';

  it('round-trips kind, id and account through the path and query', () => {
    const cases: Array<[KindId, string, string]> = [
      ['vendors', IDS.vendor, 'Nordlicht Papier GmbH'],
      ['bills', IDS.bill, 'Nordlicht Papier GmbH'],
      ['ledgerAccounts', IDS.ledger, '1200 · Bank (Deutsche Bank)'],
      ['users', 'id with space', 'A/B: C? *D* "E" <F> |G| #H %I \\J'],
      ['customers', 'ü-ñ-😀', ''],
      ['products', '100%', '   '],
      ['contracts', 'a/b?c#d', '..'],
      ['expenses', 'x', '\u0000\u0007\n\ttab'],
      ['bankAccounts', '%E0%A4%A', 'x'.repeat(59) + '😀 and more'],
      ['invoices', IDS.invoice, '😀'.repeat(100)],
    ];
    for (const [k, id, label] of cases) {
      const path = recordPath(k, id, label);
      assert.deepStrictEqual(parseRecordAddress(path, recordQuery(ACCOUNT)), { accountId: ACCOUNT, kind: k, id }, `${k} ${id} ${label}`);
      assert.doesNotThrow(() => encodeURIComponent(path), path);
      if (!/^[\w-]+$/.test(id)) continue;
      assert.match(path, new RegExp(`^/${k}/[^/]+/[^/]+\\.json$`), path);
      const name = path.split('/')[3].replace(/\.json$/, '');
      assert.doesNotMatch(name, /[\\/:*?"<>|#%]/, path);
      assert.ok([...name].every((c) => c >= ' '), `no control characters in ${path}`);
      assert.ok([...name].length <= 60, path);
      assert.strictEqual(name, name.trim(), path);
    }
  });

  it('names the document after the label, tidied, or after the id when the label has nothing to show', () => {
    assert.strictEqual(recordPath('vendors', IDS.vendor, '  Nordlicht  Papier   GmbH '), `/vendors/${IDS.vendor}/Nordlicht Papier GmbH.json`);
    assert.strictEqual(recordPath('users', 'u1', 'a/b:c'), '/users/u1/a b c.json');
    assert.strictEqual(recordPath('users', 'u1', ' /:* '), '/users/u1/u1.json');
    assert.strictEqual(recordPath('users', 'u1', 'x'.repeat(59) + '😀'), `/users/u1/${'x'.repeat(59)}😀.json`);
    assert.strictEqual(recordPath('users', 'u1', 'x'.repeat(59) + ' tail'), `/users/u1/${'x'.repeat(59)}.json`);
    assert.strictEqual(RECORD_SCHEME, 'light');
  });

  it('keeps an account id with any characters in the query', () => {
    for (const account of [ACCOUNT, 'oauth:production:api.light.inc/c&d=e?f#g', 'ü 😀 +%']) {
      assert.strictEqual(parseRecordAddress(recordPath('vendors', 'v1', 'x'), recordQuery(account))?.accountId, account);
    }
  });

  it('reads nothing from an address that does not name a record', () => {
    const q = recordQuery(ACCOUNT);
    const bad: Array<[string, string]> = [
      ['/unknown/v1/x.json', q],
      ['/toString/v1/x.json', q],
      ['/__proto__/v1/x.json', q],
      ['/vendor/v1/x.json', q],
      ['/vendors//x.json', q],
      ['/vendors', q],
      ['/', q],
      ['', q],
      ['vendors/v1/x.json', q],
      ['/vendors/%E0%A4%A/x.json', q],
      ['/vendors/v1/x.json', ''],
      ['/vendors/v1/x.json', 'account='],
      ['/vendors/v1/x.json', 'other=1'],
    ];
    for (const [path, query] of bad) assert.strictEqual(parseRecordAddress(path, query), undefined, `${path} ? ${query}`);
  });
});

/** A Light client that answers only when the test says: each call waits in `calls` until resolved or rejected. */
class ScriptedLight {
  readonly calls: Array<{ method: 'list' | 'get'; path: string; query: ListQuery; signal?: AbortSignal; resolve(v: unknown): void; reject(e: unknown): void }> = [];

  list = (path: string, query: ListQuery = {}, options: { signal?: AbortSignal } = {}): Promise<unknown> =>
    new Promise((resolve, reject) => this.calls.push({ method: 'list', path, query, signal: options.signal, resolve, reject }));

  get = (path: string, query: ListQuery = {}, options: { signal?: AbortSignal } = {}): Promise<unknown> =>
    new Promise((resolve, reject) => this.calls.push({ method: 'get', path, query, signal: options.signal, resolve, reject }));

  get client(): LightClient {
    return this as unknown as LightClient;
  }

  last() {
    const call = this.calls[this.calls.length - 1];
    assert.ok(call, 'a call was made');
    return call;
  }
}

/** A Light list of `count` records served by cursor, as Light pages (limit capped at 200). */
class PagedLight {
  readonly queries: ListQuery[] = [];
  constructor(private readonly all: LightRecord[]) {}

  list = async (_path: string, query: ListQuery = {}): Promise<Page<LightRecord>> => {
    this.queries.push(query);
    await Promise.resolve();
    const start = query.cursor === '0' || query.cursor === undefined ? 0 : Number(query.cursor.slice(1));
    const end = Math.min(start + Math.min(query.limit ?? 50, 200), this.all.length);
    const hasMore = end < this.all.length;
    return { records: this.all.slice(start, end), hasMore, nextCursor: hasMore ? `c${end}` : null, prevCursor: null };
  };

  get client(): LightClient {
    return this as unknown as LightClient;
  }
}

const page = (ids: string[], nextCursor: string | null): Page<LightRecord> => ({ records: ids.map((id) => ({ id, name: `Customer ${id}` })), hasMore: nextCursor !== null, nextCursor, prevCursor: null });
const vendorsNumbered = (n: number) => Array.from({ length: n }, (_, i) => ({ vendorId: `v${String(i).padStart(5, '0')}`, name: `Vendor ${i}` }));

describe('the Light explorer: a listing', () => {
  it('fetches nothing until asked', () => {
    const light = new ScriptedLight();
    const listing = new Listing(kind('customers'), () => light.client);
    assert.strictEqual(light.calls.length, 0);
    assert.deepStrictEqual(listing.state, { kind: 'idle' });
    assert.strictEqual(listing.started, false);
    assert.strictEqual(listing.hasMore, true);
    assert.deepStrictEqual(listing.records, []);
  });

  it("grows its pages 50, 100, 200, 200 … following Light's cursor, to the end", async () => {
    const light = new PagedLight(vendorsNumbered(750));
    const view: ListView = { conditions: [{ field: 'status', op: 'eq', values: ['ACTIVE'] }], sort: { field: 'name', direction: 'desc' } };
    const listing = new Listing(kind('vendors'), () => light.client, view);
    const counts: number[] = [];
    while (listing.hasMore) {
      await listing.loadMore();
      assert.deepStrictEqual(listing.state, { kind: 'loaded' });
      counts.push(listing.records.length);
    }
    assert.deepStrictEqual([...PAGE_SIZES], [50, 100, 200]);
    assert.deepStrictEqual(light.queries.map((q) => q.limit), [50, 100, 200, 200, 200]);
    assert.deepStrictEqual(light.queries.map((q) => q.cursor), ['0', 'c50', 'c150', 'c350', 'c550']);
    assert.ok(light.queries.every((q) => q.filter === 'status:eq:ACTIVE' && q.sort === 'name:desc'));
    assert.deepStrictEqual(counts, [50, 150, 350, 550, 750]);
    assert.deepStrictEqual(listing.records.map((r) => r.vendorId), vendorsNumbered(750).map((r) => r.vendorId));
    assert.strictEqual(listing.hasMore, false);
    assert.strictEqual(listing.started, true);
    await listing.loadMore();
    assert.strictEqual(light.queries.length, 5, 'nothing more is asked once Light said there is no more');
    assert.deepStrictEqual(listing.state, { kind: 'loaded' });
  });

  it('stops where Light says there is no more, even with a cursor, or with a cursor and no more', async () => {
    const light = new ScriptedLight();
    const listing = new Listing(kind('customers'), () => light.client);
    const first = listing.loadMore();
    light.last().resolve({ records: [{ id: 'a' }], hasMore: false, nextCursor: 'c1', prevCursor: null });
    await first;
    assert.strictEqual(listing.hasMore, false);
    listing.reset();
    const again = listing.loadMore();
    light.last().resolve({ records: [{ id: 'a' }], hasMore: true, nextCursor: null, prevCursor: null });
    await again;
    assert.strictEqual(listing.hasMore, false);
    assert.strictEqual(light.calls.length, 2);
  });

  it('drops records it already has, across pages and within one', async () => {
    const light = new ScriptedLight();
    const listing = new Listing(kind('customers'), () => light.client);
    let load = listing.loadMore();
    light.last().resolve(page(['a', 'b', 'c'], 'p2'));
    await load;
    load = listing.loadMore();
    light.last().resolve(page(['c', 'd', 'a', 'e', 'e'], 'p3'));
    await load;
    assert.deepStrictEqual(listing.records.map((r) => r.id), ['a', 'b', 'c', 'd', 'e']);
    assert.strictEqual(light.last().query.cursor, 'p2');
    assert.strictEqual(light.last().query.limit, 100);
  });

  it('fails, rather than loops, when Light answers the same cursor again', async () => {
    const light = new ScriptedLight();
    const listing = new Listing(kind('customers'), () => light.client);
    let load = listing.loadMore();
    light.last().resolve(page(['a'], 'p2'));
    await load;
    load = listing.loadMore();
    light.last().resolve(page(['b'], 'p2'));
    await load;
    assert.strictEqual(listing.state.kind, 'failed');
    assert.match(listing.state.kind === 'failed' ? listing.state.error.message : '', /^Light answered \/v1\/customers with the same cursor again\.$/);
    assert.strictEqual(listing.hasMore, true);
    load = listing.loadMore();
    assert.strictEqual(light.last().query.cursor, 'p2', 'the next try asks for the same page');
    assert.strictEqual(light.last().query.limit, 100);
    light.last().resolve(page(['b', 'c'], null));
    await load;
    assert.deepStrictEqual(listing.state, { kind: 'loaded' });
    assert.deepStrictEqual(listing.records.map((r) => r.id), ['a', 'b', 'c']);
    assert.strictEqual(listing.hasMore, false);
  });

  it('shares one request between loads asked for while it runs', async () => {
    const light = new ScriptedLight();
    const listing = new Listing(kind('customers'), () => light.client);
    const a = listing.loadMore();
    const b = listing.loadMore();
    const c = listing.loadMore();
    assert.strictEqual(a, b);
    assert.strictEqual(b, c);
    assert.strictEqual(light.calls.length, 1);
    assert.deepStrictEqual(listing.state, { kind: 'loading' });
    assert.strictEqual(listing.started, true);
    light.last().resolve(page(['a', 'b'], 'p2'));
    await Promise.all([a, b, c]);
    assert.deepStrictEqual(listing.records.map((r) => r.id), ['a', 'b']);
    const d = listing.loadMore();
    assert.notStrictEqual(d, a);
    assert.strictEqual(light.calls.length, 2);
    light.last().resolve(page([], null));
    await d;
  });

  it('drops a page that a reset superseded, and starts again from the first page with the new view', async () => {
    const light = new ScriptedLight();
    const listing = new Listing(kind('customers'), () => light.client);
    let load = listing.loadMore();
    light.last().resolve(page(['a', 'b'], 'p2'));
    await load;
    const stale = listing.loadMore();
    const staleCall = light.last();
    const view: ListView = { conditions: [{ field: 'status', op: 'eq', values: ['ARCHIVED'] }] };
    listing.reset(view);
    assert.strictEqual(listing.records.length, 0);
    assert.deepStrictEqual(listing.state, { kind: 'idle' });
    assert.strictEqual(listing.started, false);
    assert.strictEqual(listing.view, view);

    load = listing.loadMore();
    const fresh = light.last();
    assert.notStrictEqual(fresh, staleCall);
    assert.strictEqual(fresh.query.cursor, '0');
    assert.strictEqual(fresh.query.limit, 50);
    assert.strictEqual(fresh.query.filter, 'status:eq:ARCHIVED');

    staleCall.resolve(page(['c', 'd'], 'p3'));
    await stale;
    assert.strictEqual(listing.records.length, 0, 'the superseded page is dropped');
    assert.deepStrictEqual(listing.state, { kind: 'loading' });
    assert.strictEqual(listing.loadMore(), load, 'the new load is still the running one');

    fresh.resolve(page(['x'], 'q2'));
    await load;
    assert.deepStrictEqual(listing.records.map((r) => r.id), ['x']);
    assert.deepStrictEqual(listing.state, { kind: 'loaded' });
  });

  it('ignores the failure of a load that a reset superseded', async () => {
    const light = new ScriptedLight();
    const listing = new Listing(kind('customers'), () => light.client);
    const stale = listing.loadMore();
    const staleCall = light.last();
    listing.reset();
    staleCall.reject(new LightError('http', 'Light answered HTTP 503 (/v1/customers).', { status: 503 }));
    await stale;
    assert.deepStrictEqual(listing.state, { kind: 'idle' });
  });

  it('keeps a failure as its state, and the next load tries the same page again', async () => {
    const light = new ScriptedLight();
    const listing = new Listing(kind('customers'), () => light.client);
    let load = listing.loadMore();
    light.last().resolve(page(['a', 'b'], 'p2'));
    await load;

    load = listing.loadMore();
    const outage = new LightError('http', 'Light answered HTTP 503 SERVICE_UNAVAILABLE (/v1/customers).', { status: 503 });
    light.last().reject(outage);
    await load;
    assert.deepStrictEqual(listing.state, { kind: 'failed', error: outage });
    assert.deepStrictEqual(listing.records.map((r) => r.id), ['a', 'b']);
    assert.strictEqual(listing.hasMore, true);

    load = listing.loadMore();
    assert.deepStrictEqual(listing.state, { kind: 'loading' });
    assert.deepStrictEqual([light.last().query.cursor, light.last().query.limit], ['p2', 100]);
    light.last().reject(new TypeError("Cannot read properties of undefined (reading 'records')"));
    await load;
    assert.strictEqual(listing.state.kind, 'failed');
    assert.strictEqual(listing.state.kind === 'failed' && listing.state.error.kind, 'bug');

    load = listing.loadMore();
    assert.deepStrictEqual([light.last().query.cursor, light.last().query.limit], ['p2', 100]);
    light.last().resolve(page(['c'], 'p3'));
    await load;
    assert.deepStrictEqual(listing.state, { kind: 'loaded' });
    assert.deepStrictEqual(listing.records.map((r) => r.id), ['a', 'b', 'c']);
    load = listing.loadMore();
    assert.deepStrictEqual([light.last().query.cursor, light.last().query.limit], ['p3', 200]);
    light.last().resolve(page([], null));
    await load;
  });

  it("loads bank accounts, which Light answers as one plain array, in one go", async () => {
    const light = new ScriptedLight();
    const listing = new Listing(kind('bankAccounts'), () => light.client);
    const load = listing.loadMore();
    assert.deepStrictEqual([light.last().method, light.last().path], ['get', '/v1/bank-accounts']);
    light.last().resolve([BANK_ACCOUNT, { ...BANK_ACCOUNT, id: 'second' }]);
    await load;
    assert.deepStrictEqual(listing.records.map((r) => r.id), [IDS.bankAccount, 'second']);
    assert.strictEqual(listing.hasMore, false);
    await listing.loadMore();
    assert.strictEqual(light.calls.length, 1);

    listing.reset();
    const again = listing.loadMore();
    light.last().resolve({ records: [BANK_ACCOUNT] });
    await again;
    assert.strictEqual(listing.state.kind, 'failed');
    assert.match(listing.state.kind === 'failed' ? listing.state.error.message : '', /^Light answered \/v1\/bank-accounts without a list\.$/);
  });

  it('asks the client only when it loads, so a new account takes effect on the next load', async () => {
    const first = new ScriptedLight();
    const second = new ScriptedLight();
    let current = first;
    const listing = new Listing(kind('customers'), () => current.client);
    let load = listing.loadMore();
    first.last().resolve(page(['a'], 'p2'));
    await load;
    current = second;
    listing.reset();
    load = listing.loadMore();
    assert.strictEqual(first.calls.length, 1);
    assert.strictEqual(second.calls.length, 1);
    second.last().resolve(page(['z'], null));
    await load;
    assert.deepStrictEqual(listing.records.map((r) => r.id), ['z']);
  });
});

const notFound = () => new LightError('http', 'Light answered HTTP 404 NOT_FOUND (/v1/…).', { status: 404, code: 'NOT_FOUND' });

describe('the Light explorer: one record', () => {

  it("fetches a record at its GET (a bill's is /v1/invoice-payables/{id})", async () => {
    const light = new ScriptedLight();
    const got = fetchRecord(light.client, kind('bills'), IDS.bill);
    assert.deepStrictEqual([light.last().method, light.last().path], ['get', `/v1/invoice-payables/${IDS.bill}`]);
    light.last().resolve(BILL);
    assert.strictEqual(await got, BILL);
  });

  it('fetches a user or a ledger account by its list filtered by id, and only a record with that id', async () => {
    for (const [k, record] of [['users', USER], ['ledgerAccounts', LEDGER_ACCOUNT]] as const) {
      const light = new ScriptedLight();
      const id = record.id as string;
      let got = fetchRecord(light.client, kind(k), id);
      assert.deepStrictEqual([light.last().method, light.last().path, light.last().query], ['list', kind(k).listPath, { filter: `id:eq:${id}`, limit: 1 }]);
      light.last().resolve({ records: [record], hasMore: false, nextCursor: null, prevCursor: null });
      assert.strictEqual(await got, record);
      got = fetchRecord(light.client, kind(k), id);
      light.last().resolve({ records: [{ ...record, id: 'someone-else' }], hasMore: false, nextCursor: null, prevCursor: null });
      assert.strictEqual(await got, undefined);
    }
  });

  it('finds a bank account in the whole list', async () => {
    const light = new ScriptedLight();
    let got = fetchRecord(light.client, kind('bankAccounts'), 'second');
    assert.deepStrictEqual([light.last().method, light.last().path], ['get', '/v1/bank-accounts']);
    light.last().resolve([BANK_ACCOUNT, { ...BANK_ACCOUNT, id: 'second' }]);
    assert.strictEqual((await got)?.id, 'second');
    got = fetchRecord(light.client, kind('bankAccounts'), 'third');
    light.last().resolve([BANK_ACCOUNT]);
    assert.strictEqual(await got, undefined);
  });

  it('is undefined for a record Light does not have, and throws any other failure', async () => {
    const light = new ScriptedLight();
    let got = fetchRecord(light.client, kind('vendors'), IDS.vendor);
    light.last().reject(notFound());
    assert.strictEqual(await got, undefined);
    got = fetchRecord(light.client, kind('vendors'), IDS.vendor);
    light.last().reject(new LightError('http', 'Light answered HTTP 500 (/v1/vendors/…).', { status: 500 }));
    await assert.rejects(got, (e: unknown) => e instanceof LightError && e.status === 500);
  });

  it('passes its signal on', async () => {
    const light = new ScriptedLight();
    const abort = new AbortController();
    const got = fetchRecord(light.client, kind('users'), IDS.user, abort.signal);
    assert.strictEqual(light.last().signal, abort.signal);
    light.last().resolve({ records: [], hasMore: false, nextCursor: null, prevCursor: null });
    assert.strictEqual(await got, undefined);
  });

  it('asks Light nothing for an id that could change the request', async () => {
    const light = new ScriptedLight();
    for (const id of ['', 'a,b', 'a:b', 'a|b', 'a/b', '../x', '..', '.', 'a b', 'a?b', 'a#b', 'a%2Fb', 'x'.repeat(201)]) {
      for (const k of KINDS) assert.strictEqual(await fetchRecord(light.client, k, id), undefined, `${k.id} ${id}`);
    }
    assert.strictEqual(light.calls.length, 0);
  });
});

describe('the Light explorer: searching', () => {
  const empty: Page<LightRecord> = { records: [], hasMore: false, nextCursor: null, prevCursor: null };

  it('searches nothing for less than two characters', async () => {
    const light = new ScriptedLight();
    for (const term of ['', ' ', 'a', '  b  ']) assert.deepStrictEqual(await searchRecords(light.client, term), { found: [], failed: [] });
    assert.strictEqual(light.calls.length, 0);
  });

  it('searches vendors and customers by searchTerm and bills and invoices by their number, in one go', async () => {
    const light = new ScriptedLight();
    const result = searchRecords(light.client, '  NP-2025-0117 ');
    assert.deepStrictEqual(
      light.calls.map((c) => [c.path, c.query]),
      [
        ['/v1/vendors', { searchTerm: 'NP-2025-0117', limit: 10 }],
        ['/v1/customers', { searchTerm: 'NP-2025-0117', limit: 10 }],
        ['/v1/bff/invoice-payables', { filter: 'documentNumber:eq:NP-2025-0117', limit: 10 }],
        ['/v1/invoice-receivables', { filter: 'documentNumber:eq:NP-2025-0117', limit: 10 }],
      ],
    );
    light.calls[0].resolve(empty);
    light.calls[1].resolve(empty);
    light.calls[2].resolve({ ...empty, records: [BILL] });
    light.calls[3].reject(new LightError('http', 'Light answered HTTP 502 (/v1/invoice-receivables).', { status: 502 }));
    const r = await result;
    assert.deepStrictEqual(r.found.map((f) => [f.kind.id, f.record.id]), [['bills', IDS.bill]]);
    assert.deepStrictEqual(r.failed.map((f) => [f.kind.id, f.error.status]), [['invoices', 502]]);
  });

  it('sends a term with a comma, colon or bar only as a searchTerm, never into a filter', async () => {
    for (const term of ['Nordlicht, Papier', 'a:b', 'x|y']) {
      const light = new ScriptedLight();
      const result = searchRecords(light.client, term);
      assert.deepStrictEqual(light.calls.map((c) => c.path), ['/v1/vendors', '/v1/customers']);
      assert.ok(light.calls.every((c) => c.query.searchTerm === term && c.query.filter === undefined));
      light.calls[0].resolve({ ...empty, records: [VENDOR] });
      light.calls[1].resolve(empty);
      assert.deepStrictEqual((await result).found.map((f) => f.kind.id), ['vendors']);
    }
  });

  it('looks an id pasted whole up in every kind', async () => {
    const light = new ScriptedLight();
    const result = searchRecords(light.client, IDS.vendor.toUpperCase());
    assert.strictEqual(light.calls.length, KINDS.length);
    for (const call of light.calls) {
      if (call.method === 'list') call.resolve(empty);
      else if (call.path === '/v1/bank-accounts') call.resolve([BANK_ACCOUNT]);
      else if (call.path.startsWith('/v1/vendors/')) call.resolve(VENDOR);
      else call.reject(notFound());
    }
    const r = await result;
    assert.deepStrictEqual(r.found.map((f) => f.kind.id), ['vendors']);
    assert.deepStrictEqual(r.failed, []);
    assert.deepStrictEqual(
      light.calls.filter((c) => c.method === 'list').map((c) => [c.path, c.query.filter]),
      [['/v1/ledger-accounts', `id:eq:${IDS.vendor.toUpperCase()}`], ['/v1/users', `id:eq:${IDS.vendor.toUpperCase()}`]],
    );
  });

  it('is cancelled when its signal aborts, and passes the signal to every request', async () => {
    const light = new ScriptedLight();
    const abort = new AbortController();
    const result = searchRecords(light.client, 'Nordlicht', abort.signal);
    assert.ok(light.calls.every((c) => c.signal === abort.signal));
    abort.abort();
    for (const c of light.calls) c.resolve(empty);
    await assert.rejects(result, (e: unknown) => e instanceof LightError && e.kind === 'cancelled');
  });

  function recorder() {
    const calls: Array<{ term: string; signal: AbortSignal; resolve(r: SearchResult): void; reject(e: unknown): void }> = [];
    const search = (term: string, signal: AbortSignal) => new Promise<SearchResult>((resolve, reject) => calls.push({ term, signal, resolve, reject }));
    return { calls, search };
  }
  const resultFor = (term: string): SearchResult => ({ found: [{ kind: kind('vendors'), record: { vendorId: term } }], failed: [] });

  it('as a person types, searches only the last of several quick terms, after the pause', async () => {
    const clock = new FakeClock();
    const { calls, search } = recorder();
    const typing = new SearchAsYouType(clock, search, 250);
    const results: Array<Promise<SearchResult | undefined>> = [];
    for (const term of ['no', 'nor', 'nord', 'nordl']) {
      results.push(typing.type(term));
      await clock.advance(100);
    }
    assert.strictEqual(calls.length, 0);
    await clock.advance(149);
    assert.strictEqual(calls.length, 0, 'not before the pause is over');
    await clock.advance(1);
    assert.deepStrictEqual(calls.map((c) => c.term), ['nordl']);
    calls[0].resolve(resultFor('nordl'));
    assert.deepStrictEqual(await Promise.all(results), [undefined, undefined, undefined, resultFor('nordl')]);
    assert.strictEqual(clock.pending, 0, 'no timer is left behind');
  });

  it('aborts a search a newer term superseded, and hands on nothing from it even if it answers', async () => {
    const clock = new FakeClock();
    const { calls, search } = recorder();
    const typing = new SearchAsYouType(clock, search, 250);
    const first = typing.type('nord');
    await clock.advance(250);
    assert.strictEqual(calls.length, 1);
    assert.strictEqual(calls[0].signal.aborted, false);

    const second = typing.type('nordlicht');
    assert.strictEqual(calls[0].signal.aborted, true);
    calls[0].resolve(resultFor('nord'));
    assert.strictEqual(await first, undefined);

    await clock.advance(250);
    const third = typing.type('nordlicht papier');
    await settle();
    assert.strictEqual(calls[1].signal.aborted, true);
    calls[1].reject(new LightError('cancelled', 'Cancelled.'));
    assert.strictEqual(await second, undefined);

    await clock.advance(250);
    assert.strictEqual(calls[2].signal.aborted, false);
    calls[2].resolve(resultFor('nordlicht papier'));
    assert.deepStrictEqual(await third, resultFor('nordlicht papier'));
  });

  it("passes on the failure of a search no newer term superseded, and aborts the current one when disposed", async () => {
    const clock = new FakeClock();
    const { calls, search } = recorder();
    const typing = new SearchAsYouType(clock, search, 250);
    const failing = typing.type('nord');
    await clock.advance(250);
    calls[0].reject(new LightError('http', 'Light answered HTTP 500.', { status: 500 }));
    await assert.rejects(failing, (e: unknown) => e instanceof LightError && e.status === 500);

    const waiting = typing.type('papier');
    typing.dispose();
    assert.strictEqual(await waiting, undefined);
    await clock.advance(1000);
    assert.strictEqual(calls.length, 1, 'a disposed search never runs');
    assert.strictEqual(clock.pending, 0);
  });
});
