// The sort, filter and search fields of each list, as Light documents them for its list endpoints.

import type {
  CompanyDataset,
  ContractModel,
  CustomerModel,
  ExpenseModel,
  InvoicePayableModel,
  InvoiceReceivableModel,
  LedgerAccountModel,
  ProductModel,
  UserModel,
  VendorModel,
} from './models';
import { ledgerCategory } from './names';
import type { FieldKind, FieldSpec, ListSpec, Scalar } from './query';

function f<T>(kind: FieldKind, get: (r: T) => Scalar | Scalar[]): FieldSpec<T> {
  return { kind, get };
}

const VENDOR_CREATED = f<VendorModel>('date', (v) => v.vendorCreatedAt);
const VENDOR_UPDATED = f<VendorModel>('date', (v) => v.updatedAt);
const VENDOR_SPEND = f<VendorModel>('number', (v) => v.lastMtdSpendInGroupCurrency);

export const VENDOR_LIST: ListSpec<VendorModel> = {
  idOf: (v) => v.vendorId,
  sortFields: { name: f('string', (v) => v.name), spendLastMtd: VENDOR_SPEND, createdAt: VENDOR_CREATED, updatedAt: VENDOR_UPDATED },
  filterFields: {
    id: f('string', (v) => v.vendorId),
    status: f('string', (v) => v.status),
    type: f('string', (v) => v.type),
    ledgerAccountId: f('string', (v) => v.defaultCompanyEntity?.accountId ?? null),
    ledgerTaxId: f('string', (v) => v.defaultCompanyEntity?.taxCodeId ?? null),
    spendLastMtd: VENDOR_SPEND,
    createdAt: VENDOR_CREATED,
    updatedAt: VENDOR_UPDATED,
  },
  search: (v) => [v.name, v.email, v.identifier, v.vatId, v.website],
  defaultSort: 'name:asc',
};

const str = <T>(get: (r: T) => Scalar | Scalar[]) => f<T>('string', get);
const date = <T>(get: (r: T) => Scalar | Scalar[]) => f<T>('date', get);

export const CUSTOMER_LIST: ListSpec<CustomerModel> = {
  idOf: (c) => c.id,
  sortFields: { name: str((c) => c.name), email: str((c) => c.email), createdAt: date((c) => c.createdAt), updatedAt: date((c) => c.updatedAt) },
  filterFields: {
    billingAddressCity: str((c) => c.billingAddress.city),
    billingAddressCountry: str((c) => c.billingAddress.country),
    businessRegistrationNumber: str((c) => c.businessRegistrationNumber),
    createdAt: date((c) => c.createdAt),
    description: str((c) => c.description),
    email: str((c) => c.email),
    id: str((c) => c.id),
    name: str((c) => c.name),
    status: str((c) => c.status),
    updatedAt: date((c) => c.updatedAt),
    vatNumber: str((c) => c.vatNumber),
  },
  search: (c) => [c.name, c.email, c.domain, c.vatNumber],
  defaultSort: 'name:asc',
};

export function receivableList(data: CompanyDataset): ListSpec<InvoiceReceivableModel> {
  const customerNames = new Map(data.customers.map((c) => [c.id, c.name]));
  return {
    idOf: (i) => i.id,
    sortFields: {
      amount: f('number', (i) => i.amount),
      companyEntityId: str((i) => i.companyEntityId),
      createdAt: date((i) => i.createdAt),
      customer: str((i) => (i.customerId ? (customerNames.get(i.customerId) ?? null) : null)),
      description: str((i) => i.description),
      dueDate: date((i) => i.dueDate),
      effectiveInvoiceDate: date((i) => i.effectiveInvoiceDate),
      invoiceDate: date((i) => i.invoiceDate),
      invoiceNumber: str((i) => i.invoiceNumber),
      openedAt: date((i) => i.openedAt),
      postingDate: date((i) => i.postingDate),
      state: str((i) => i.state),
      updatedAt: date((i) => i.updatedAt),
    },
    filterFields: {
      companyEntityId: str((i) => i.companyEntityId),
      contractId: str((i) => i.contractId),
      currency: str((i) => i.currency),
      customerId: str((i) => i.customerId),
      invoiceTemplateId: str((i) => i.invoiceTemplateId),
      payeeBankAccountId: str((i) => i.payeeBankAccountId),
      paymentType: str((i) => i.paymentType),
      openedAt: date((i) => i.openedAt),
      documentNumber: str((i) => i.invoiceNumber),
      documentStatus: str(() => null),
      dueDate: date((i) => i.dueDate),
      effectiveInvoiceDate: date((i) => i.effectiveInvoiceDate),
      einvoiceStatus: str(() => null),
      id: str((i) => i.id),
      invoiceDate: date((i) => i.invoiceDate),
      postingDate: date((i) => i.postingDate),
      state: str((i) => i.state),
      updatedAt: date((i) => i.updatedAt),
    },
    defaultSort: 'createdAt:desc',
  };
}

const partnerName = (p: InvoicePayableModel) => p.vendor?.vendorName ?? (p.user ? `${p.user.userFirstName} ${p.user.userLastName}` : null);

export const PAYABLE_LIST: ListSpec<InvoicePayableModel> = {
  idOf: (p) => p.id,
  sortFields: {
    amount: f('number', (p) => p.amount),
    canceledAt: date((p) => p.canceledAt),
    companyEntityName: str((p) => p.companyEntityName),
    description: str((p) => p.description),
    dueDate: date((p) => p.dueDate),
    fromAccountName: str(() => null),
    createdAt: date((p) => p.createdAt),
    invoiceNumber: str((p) => p.invoiceNumber),
    issuedDate: date((p) => p.issuedDate),
    ocrCompletedAt: date((p) => p.ocrCompletedAt),
    paymentAt: date((p) => p.paymentAt),
    senderEmail: str((p) => p.senderEmail),
    state: str((p) => p.state),
    vendorName: str((p) => p.vendor?.vendorName ?? null),
    businessPartnerName: str(partnerName),
    nextApproverName: str((p) => p.nextApprover?.fullName ?? null),
  },
  filterFields: {
    approverUserId: str((p) => p.nextApprover?.userId ?? null),
    id: str((p) => p.id),
    vendorId: str((p) => p.vendor?.vendorId ?? null),
    userId: str((p) => p.user?.userId ?? null),
    companyEntityId: str((p) => p.companyEntityId),
    senderBankAccountId: str((p) => p.senderBankAccountId),
    amount: f('number', (p) => p.amount),
    description: str((p) => p.description),
    documentNumber: str((p) => p.invoiceNumber),
    dueDate: date((p) => p.dueDate),
    issuedDate: date((p) => p.issuedDate),
    paymentAt: date((p) => p.paymentAt),
    createdAt: date((p) => p.createdAt),
    updatedAt: date((p) => p.updatedAt),
    state: str((p) => p.state),
    vendorName: str((p) => p.vendor?.vendorName ?? null),
    userFirstName: str((p) => p.user?.userFirstName ?? null),
    userLastName: str((p) => p.user?.userLastName ?? null),
    type: str((p) => p.type),
  },
  defaultSort: 'createdAt:desc',
};

export const LEDGER_LIST: ListSpec<LedgerAccountModel> = {
  idOf: (a) => a.id,
  sortFields: {
    code: f('number', (a) => a.code),
    label: str((a) => a.label),
    context: str((a) => a.context),
    type: str((a) => a.type),
    category: str((a) => ledgerCategory(a.type)),
    status: str((a) => a.status),
    createdAt: date((a) => a.createdAt),
    updatedAt: date((a) => a.updatedAt),
  },
  filterFields: {
    id: str((a) => a.id),
    companyEntityId: str((a) => a.companyEntities.map((e) => e.id)),
    code: f('number', (a) => a.code),
    sourceType: str(() => null),
    status: str((a) => a.status),
    type: str((a) => a.type),
    category: str((a) => ledgerCategory(a.type)),
    createdAt: date((a) => a.createdAt),
    updatedAt: date((a) => a.updatedAt),
  },
  defaultSort: 'code:asc',
};

export const USER_LIST: ListSpec<UserModel> = {
  idOf: (u) => u.id,
  sortFields: {
    firstName: str((u) => u.firstName),
    lastName: str((u) => u.lastName),
    status: str((u) => u.status),
    createdAt: date((u) => u.createdAt),
    updatedAt: date((u) => u.updatedAt),
  },
  filterFields: {
    id: str((u) => u.id),
    userGroupId: str((u) => u.groups.map((g) => g.id)),
    status: str((u) => u.status),
    email: str((u) => u.email),
    createdAt: date((u) => u.createdAt),
    updatedAt: date((u) => u.updatedAt),
    role: str((u) => u.roles),
    assignedRole: str((u) => u.roles),
  },
  defaultSort: 'lastName:asc,firstName:asc',
};

export function productList(data: CompanyDataset): ListSpec<ProductModel> {
  const invoicesOf = new Map<string, string[]>();
  for (const invoice of data.invoiceReceivables) {
    for (const line of invoice.lines ?? []) {
      invoicesOf.set(line.productId, [...(invoicesOf.get(line.productId) ?? []), invoice.id]);
    }
  }
  return {
    idOf: (p) => p.id,
    sortFields: { name: str((p) => p.name), createdAt: date((p) => p.createdAt), updatedAt: date((p) => p.updatedAt) },
    filterFields: {
      id: str((p) => p.id),
      name: str((p) => p.name),
      pricingType: str((p) => p.pricingType),
      recurrence: str((p) => p.billingRecurrence),
      state: str((p) => p.state),
      invoiceReceivableId: str((p) => invoicesOf.get(p.id) ?? []),
      updatedAt: date((p) => p.updatedAt),
    },
    defaultSort: 'name:asc',
  };
}

/** Light documents the sort fields of listContracts but names no filter fields: the simulator filters on
 *  `id` and on the sort fields that are fields of the contract itself. */
export function contractList(data: CompanyDataset): ListSpec<ContractModel> {
  const customerNames = new Map(data.customers.map((c) => [c.id, c.name]));
  const entityNames = new Map(data.entities.map((e) => [e.id, e.name]));
  const own = {
    activatedAt: date<ContractModel>((c) => c.activatedAt),
    companyEntityId: str<ContractModel>((c) => c.companyEntityId),
    createdAt: date<ContractModel>((c) => c.createdAt),
    customerId: str<ContractModel>((c) => c.customerId),
    description: str<ContractModel>((c) => c.description),
    endDate: date<ContractModel>((c) => c.endDate),
    estimatedAmount: f<ContractModel>('number', (c) => c.estimatedAmount),
    renewalDate: date<ContractModel>((c) => c.renewalDate),
    startDate: date<ContractModel>((c) => c.startDate),
    state: str<ContractModel>((c) => c.state),
    terminatedAt: date<ContractModel>((c) => c.terminatedAt),
  };
  return {
    idOf: (c) => c.id,
    sortFields: {
      ...own,
      companyEntityName: str((c) => (c.companyEntityId ? (entityNames.get(c.companyEntityId) ?? null) : null)),
      customerName: str((c) => (c.customerId ? (customerNames.get(c.customerId) ?? null) : null)),
    },
    filterFields: { id: str((c) => c.id), ...own },
    defaultSort: 'createdAt:desc',
  };
}

export const EXPENSE_LIST: ListSpec<ExpenseModel> = {
  idOf: (e) => e.id,
  sortFields: {
    userId: str((e) => e.userId),
    status: str((e) => e.status),
    performedDate: date((e) => e.performedDate),
    createdAt: date((e) => e.createdAt),
  },
  filterFields: {
    id: str((e) => e.id),
    userId: str((e) => e.userId),
    status: str((e) => e.status),
    performedDate: date((e) => e.performedDate),
    createdAt: date((e) => e.createdAt),
    updatedAt: date((e) => e.updatedAt),
  },
  defaultSort: 'createdAt:desc',
};
