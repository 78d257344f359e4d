// The simulator's own types for the Light records it serves, written from the field names and
// types of Light's public API models (Light's enums are open: the values used here are a subset).

export interface PhoneNumber {
  countryCode: string;
  localNumber: string;
}

export interface Address {
  country: string;
  city: string;
  state?: string;
  zipcode: string;
  street: string;
  street2?: string;
}

export interface CompanyModel {
  id: string;
  name: string;
  invoiceEmail: string;
  receiptEmail: string | null;
  contractEmail: string | null;
  logoUrl: string | null;
  baseCurrency: string;
  createdAt: string;
  updatedAt: string;
}

export interface CompanyEntityModel {
  id: string;
  companyId: string;
  code: string;
  localCurrency: string;
  displayName: string;
  vatNumber: string;
  name: string;
  address: Address;
  status: 'ACTIVE' | 'HIDDEN' | 'INACTIVE';
  seedInvoiceNumber: number;
  createdAt: string;
  updatedAt: string;
}

export interface UserGroupModel {
  id: string;
  name: string;
  description: string;
  companyId: string;
  memberCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface UserModel {
  id: string;
  companyId: string;
  companyEntityId: string;
  email: string;
  firstName: string;
  lastName: string;
  phoneNumber: PhoneNumber;
  avatarUrl: string;
  country: string;
  city: string;
  zipcode: string;
  address: string;
  status: 'ACTIVE' | 'DEACTIVATED';
  createdAt: string;
  updatedAt: string;
  roles: string[];
  groups: UserGroupModel[];
  managerIds: string[];
}

export interface DefaultVendorCompanyEntity {
  id: string;
  vendorId: string;
  companyEntityId: string | null;
  accountId: string | null;
  taxCodeId: string | null;
  costCenterId: string | null;
  senderBankAccountId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface VendorModel {
  type: 'EXTERNAL' | 'USER';
  vendorId: string;
  companyId: string;
  companyEntityIds: string[];
  defaultCompanyEntity: DefaultVendorCompanyEntity | null;
  vatId: string | null;
  businessRegistrationNumber: string | null;
  identifier: string | null;
  name: string;
  description: string | null;
  avatarUrl: string | null;
  email: string | null;
  phoneNumber: PhoneNumber | null;
  website: string | null;
  country: string | null;
  city: string | null;
  address: string | null;
  zipcode: string | null;
  bankName: string | null;
  bankCountry: string | null;
  bankCity: string | null;
  bankAddress: string | null;
  bankZipcode: string | null;
  bankAccountNumber: string | null;
  bankAccountBic: string | null;
  domesticBankAccountNumber: string | null;
  domesticBankAccountCode: string | null;
  swedishBankgiroNumber: string | null;
  swedishPlusgiroNumber: string | null;
  bankRecipientName: string | null;
  vendorCreatedAt: string;
  approvers: { id: string; userId: string; vendorId: string; priority: number; createdAt: string }[];
  notes: unknown[];
  currency: string;
  contractValue: number | null;
  createdBy: string | null;
  status: 'ONBOARDING' | 'IN_REVIEW' | 'ACTIVE' | 'FAILED';
  failureContext: null;
  version: number;
  updatedAt: string;
  customProperties: unknown[] | null;
  lastMtdSpendInGroupCurrency: number | null;
  groupCurrency: string;
}

export interface CustomerModel {
  id: string;
  name: string;
  email: string | null;
  address: Address;
  billingAddress: Address;
  shippingAddress: Address;
  status: 'ACTIVE' | 'ARCHIVED';
  description: string | null;
  vatNumber: string | null;
  businessRegistrationNumber: string | null;
  easCode: string | null;
  einvoiceAddress: string | null;
  einvoiceNetwork: string | null;
  type: 'BUSINESS' | 'CONSUMER' | 'GOVERNMENT' | null;
  logoUrl: string | null;
  domain: string | null;
  externalSource: { name: string; externalId: string } | null;
  createdAt: string;
  updatedAt: string;
  customProperties: unknown[] | null;
  recipientEmails: string[];
  ccEmails: string[];
}

export interface InvoiceReceivableLineModel {
  id: string;
  companyId: string;
  invoiceReceivableId: string;
  productId: string;
  quantity: number;
  taxCodeId: string | null;
  accountId: string | null;
  discountAmount: number | null;
  netAmount: number | null;
  taxAmount: number | null;
  billingStart: string | null;
  billingEnd: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface InvoiceReceivableModel {
  id: string;
  companyId: string;
  contractId: string | null;
  companyEntityId: string | null;
  amount: number;
  paymentType: string;
  payeeBankAccountId: string | null;
  invoiceDate: string | null;
  effectiveInvoiceDate: string;
  postingDate: string;
  dueDate: string | null;
  netTerms: number | null;
  customerId: string | null;
  invoiceTemplateId: string | null;
  invoiceTemplateAdditionalText: string | null;
  invoiceNumber: string | null;
  state: string;
  openedAt: string | null;
  poNumber: string | null;
  reference: string | null;
  description: string | null;
  currency: string;
  taxEngineName: string;
  areLinesWithTax: boolean;
  localCurrencyFxRate: number | null;
  groupCurrencyFxRate: number | null;
  lines: InvoiceReceivableLineModel[] | null;
  customProperties: unknown[] | null;
  createdAt: string;
  updatedAt: string;
  updatedBy: string | null;
  failureContext: null;
}

export interface InvoicePayableModel {
  id: string;
  type: 'REIMBURSEMENT' | 'VENDOR_INVOICE';
  metadata: { type: 'VENDOR_INVOICE_METADATA' | 'REIMBURSEMENT_METADATA' };
  documentKey: string | null;
  documentName: string | null;
  senderEmail: string | null;
  companyId: string;
  failureReason: string | null;
  failureContext: null;
  state: string;
  version: number;
  approvalNote: string | null;
  payeeName: string | null;
  payeeIban: string | null;
  payeeBban: string | null;
  payeeBic: string | null;
  payeeBankCode: string | null;
  payeeCountry: string | null;
  payeeAddress: string | null;
  payeeZipcode: string | null;
  payeeBankName: string | null;
  payeeBankCountry: string | null;
  payeeBankAddress: string | null;
  payeeBankZipcode: string | null;
  payeeCity: string | null;
  payeeBankCity: string | null;
  fiNumber: string | null;
  invoiceNumber: string | null;
  companyEntityId: string | null;
  companyEntityName: string | null;
  amount: number | null;
  currency: string | null;
  issuedDate: string | null;
  dueDate: string | null;
  paymentAt: string | null;
  ocrCompletedAt: string | null;
  canceledAt: string | null;
  description: string | null;
  senderBankAccountId: string | null;
  cancellationReason: string | null;
  vendor: { vendorId: string | null; vendorName: string | null; vendorEmail: string | null; vendorCountry: string | null } | null;
  user: { userId: string | null; userFirstName: string | null; userLastName: string | null; userAvatarUrl: string | null } | null;
  nextApprover: { userId: string; firstName: string; lastName: string; fullName: string; approvalSentAt: string } | null;
  reimbursement: null;
  createdAt: string;
  updatedAt: string;
  paymentPausedBy: string | null;
  paymentPausedAt: string | null;
}

export interface LedgerAccountModel {
  id: string;
  companyId: string;
  bankAccountId: string | null;
  cardAccountId: string | null;
  cashAndEquivalentsAccountId: string | null;
  code: number;
  label: string;
  type: string;
  status: 'ACTIVE' | 'DISABLED_EXTERNALLY' | 'DISABLED';
  context: string | null;
  revaluateFxBalance: boolean;
  companyEntities: CompanyEntityModel[];
  customProperties: unknown[] | null;
  createdAt: string;
  updatedAt: string;
}

export interface ProductModel {
  id: string;
  companyId: string;
  name: string;
  pricingType: 'FIXED' | 'PACKAGE';
  billingRecurrence: 'ONE_TIME' | 'MONTHLY' | 'QUARTERLY' | 'HALF_YEARLY' | 'YEARLY';
  pricings: { currency: string; amount: number }[];
  state: 'ACTIVE' | 'ARCHIVED';
  defaultTaxId: string | null;
  defaultAvataxCode: string | null;
  defaultLedgerAccountId: string | null;
  externalSource: { name: string; externalId: string } | null;
  createdAt: string;
  updatedAt: string;
  customProperties: unknown[] | null;
}

export interface ContractLineModel {
  id: string;
  companyId: string;
  contractId: string;
  productId: string;
  billingStart: string | null;
  billingEnd: string | null;
  billingRecurrence: ProductModel['billingRecurrence'];
  accountId: string | null;
  taxCodeId: string | null;
  avataxCode: string | null;
  discount: { type: 'PERCENTAGE' | 'AMOUNT'; value: number; startDate: string | null; endDate: string | null } | null;
  quantity: number | null;
  priceOverwrite: number | null;
  productNameOverwrite: string | null;
  amortizationTemplateId: string | null;
  amortizationStartDate: string | null;
  amortizationEndDate: string | null;
  aiValueSuggestions: unknown[] | null;
  customProperties: unknown[] | null;
  createdAt: string;
  updatedAt: string;
}

export interface ContractModel {
  id: string;
  companyId: string;
  startDate: string | null;
  endDate: string | null;
  activatedAt: string | null;
  terminatedAt: string | null;
  terminationReason: string | null;
  renewalDate: string | null;
  companyEntityId: string | null;
  invoiceTemplateId: string | null;
  currency: string;
  estimatedAmount: number | null;
  paymentType: 'AIRWALLEX' | 'BANK_TRANSFER' | 'DIRECT_DEBIT' | 'STRIPE' | null;
  payeeBankAccountId: string | null;
  billingStart: string | null;
  netTerms: number | null;
  invoiceLeadDays: number | null;
  description: string | null;
  customerId: string | null;
  state: 'CREATED' | 'DRAFT' | 'ACTIVE' | 'PENDING_TERMINATION' | 'TERMINATED';
  areLinesWithTax: boolean;
  /** Only returned with a single contract fetched by id; lists leave it null. */
  lines: ContractLineModel[] | null;
  taxEngineName: 'AVATAX' | 'LIGHT' | 'SPHERE';
  externalId: string | null;
  externalSource: 'HUBSPOT' | 'SALESFORCE' | null;
  customProperties: unknown[] | null;
  createdAt: string;
  updatedAt: string;
}

export interface ExpenseLineItemModel {
  id: string;
  expenseId: string;
  originalAmount: number;
  billingAmount: number;
  accountId: string | null;
  costCenterId: string;
  description: string;
  reimbursementCategoryId: string;
  createdAt: string;
  updatedAt: string;
}

export interface ExpenseModel {
  id: string;
  receiptDocumentKey: string;
  originalCurrency: string;
  billingCurrency: string;
  status: 'CREATED' | 'IN_DRAFT' | 'SUBMITTED_FOR_REVIEW' | 'CANCELLED';
  userId: string;
  companyId: string;
  performedDate: string;
  lineItems: ExpenseLineItemModel[];
  createdAt: string;
  updatedAt: string;
}

export interface BankAccountModel {
  id: string;
  companyId: string;
  companyEntityId: string;
  name: string;
  type: 'PHYSICAL' | 'VIRTUAL';
  bankProvider: string;
  paymentSchedulingEligibility: 'INTERNAL' | 'BANK_PROVIDER' | 'INELIGIBLE';
  iban: string | null;
  bic: string | null;
  domesticBankAccountNumber: string | null;
  domesticBankCode: string | null;
  currency: string;
  bankCountry: string;
  bankCity: string | null;
  bankAddress: string | null;
  bankZipcode: string | null;
  bankName: string;
  bankState: string | null;
  ledgerAccountCode: number;
  createdAt: string;
}

/** All the records of one company. */
export interface CompanyDataset {
  company: CompanyModel;
  entities: CompanyEntityModel[];
  users: UserModel[];
  vendors: VendorModel[];
  customers: CustomerModel[];
  invoiceReceivables: InvoiceReceivableModel[];
  invoicePayables: InvoicePayableModel[];
  ledgerAccounts: LedgerAccountModel[];
  products: ProductModel[];
  contracts: ContractModel[];
  expenses: ExpenseModel[];
  bankAccounts: BankAccountModel[];
}
