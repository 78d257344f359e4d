// Seeded, deterministic data of one simulated company: company, entities, users, ledger accounts;
// vendors and customers come from records.ts, invoices from invoices.ts, products and contracts from
// contracts.ts, expenses from expenses.ts and bank accounts from banking.ts. Each kind of record has its
// own random stream, so adding records of one kind never changes those of another.

import { buildBankAccounts } from './banking';
import { COMPANY_CREATED_MS, CompanyProfile, DATA_EPOCH_MS, DAY_MS, isoDateTime } from './companies';
import { buildContracts, buildProducts } from './contracts';
import { buildExpenses } from './expenses';
import { buildInvoicePayables, buildInvoiceReceivables } from './invoices';
import type { CompanyDataset, CompanyEntityModel, LedgerAccountModel, UserGroupModel, UserModel } from './models';
import { FIRST_NAMES, LAST_NAMES, LEDGER_LABELS, PLACES, slug } from './names';
import { Prng } from './prng';
import { buildCustomers, buildVendors } from './records';
import type { SimulatorCounts } from './types';

export const DEFAULT_COUNTS: SimulatorCounts = {
  vendors: 1200,
  customers: 300,
  invoiceReceivables: 400,
  invoicePayables: 500,
  ledgerAccounts: 120,
  users: 25,
  products: 80,
  contracts: 60,
  expenses: 150,
  bankAccounts: 4,
};

const USER_ROLES = ['CONTROLLER', 'AP_CLERK', 'AR_CLERK', 'INVOICE_APPROVER', 'CARDHOLDER', 'REIMBURSEMENT', 'REPORT_VIEWER', 'PURCHASE_REQUESTER'];

export function buildDataset(profile: CompanyProfile, counts: SimulatorCounts, seed: number | string): CompanyDataset {
  const rng = (label: string) => new Prng(`${seed}:${profile.key}:${label}`);
  const base = rng('company');
  const companyId = base.uuid();
  const created = isoDateTime(COMPANY_CREATED_MS);
  const company = {
    id: companyId,
    name: profile.name,
    invoiceEmail: `invoices@${profile.emailDomain}`,
    receiptEmail: `receipts@${profile.emailDomain}`,
    contractEmail: null,
    logoUrl: null,
    baseCurrency: profile.baseCurrency,
    createdAt: created,
    updatedAt: isoDateTime(DATA_EPOCH_MS - 12 * DAY_MS),
  };
  const entities = buildEntities(base, companyId, profile);
  const users = buildUsers(rng('users'), companyId, entities, profile, counts.users);
  const ledgerAccounts = buildLedgerAccounts(rng('ledger'), companyId, entities, counts.ledgerAccounts);
  const ctx = { companyId, entities, users, ledgerAccounts, groupCurrency: profile.baseCurrency };
  const vendors = buildVendors(rng('vendors'), ctx, counts.vendors);
  const customers = buildCustomers(rng('customers'), counts.customers);
  const invoiceReceivables = buildInvoiceReceivables(rng('receivables'), ctx, customers, counts.invoiceReceivables);
  const bankAccounts = buildBankAccounts(rng('bank-accounts'), companyId, entities, ledgerAccounts, counts.bankAccounts);
  const products = buildProducts(rng('products'), ctx, invoiceReceivables, counts.products);
  return {
    company,
    entities,
    users,
    vendors,
    customers,
    ledgerAccounts,
    invoiceReceivables,
    invoicePayables: buildInvoicePayables(rng('payables'), ctx, vendors, counts.invoicePayables),
    products,
    contracts: buildContracts(rng('contracts'), ctx, { customers, products, receivables: invoiceReceivables, bankAccounts }, counts.contracts),
    expenses: buildExpenses(rng('expenses'), ctx, counts.expenses),
    bankAccounts,
  };
}

function buildEntities(r: Prng, companyId: string, profile: CompanyProfile): CompanyEntityModel[] {
  const specs = [
    { code: 'US01', name: `${profile.name.replace(' (Sandbox)', '')} Inc.`, place: PLACES[0], currency: 'USD' },
    { code: 'GB01', name: `${profile.name.replace(' (Sandbox)', '')} Ltd`, place: PLACES[3], currency: 'GBP' },
  ];
  return specs.map((s) => ({
    id: r.uuid(),
    companyId,
    code: s.code,
    localCurrency: s.currency,
    displayName: s.name,
    vatNumber: s.place.country === 'GB' ? `GB${r.digits(9)}` : `US${r.digits(9)}`,
    name: s.name,
    address: { country: s.place.country, city: s.place.city, zipcode: s.place.zipcode, street: `${r.int(1, 400)} ${s.place.street}` },
    status: 'ACTIVE' as const,
    seedInvoiceNumber: 1,
    createdAt: isoDateTime(COMPANY_CREATED_MS),
    updatedAt: isoDateTime(COMPANY_CREATED_MS + 30 * DAY_MS),
  }));
}

function buildUsers(r: Prng, companyId: string, entities: CompanyEntityModel[], profile: CompanyProfile, count: number): UserModel[] {
  const pairs: [string, string][] = [];
  for (const first of FIRST_NAMES) {
    for (const last of LAST_NAMES) {
      pairs.push([first, last]);
    }
  }
  r.shuffle(pairs);
  const firstIndex = pairs.findIndex(([f, l]) => f === 'Avery' && l === 'Morgan');
  [pairs[0], pairs[firstIndex]] = [pairs[firstIndex], pairs[0]];
  const groups: UserGroupModel[] = ['Finance', 'Operations', 'Sales'].map((name) => ({
    id: r.uuid(),
    name,
    description: `${name} team`,
    companyId,
    memberCount: 0,
    createdAt: isoDateTime(COMPANY_CREATED_MS),
    updatedAt: isoDateTime(COMPANY_CREATED_MS),
  }));
  const users: UserModel[] = [];
  for (let i = 0; i < count; i++) {
    const [firstName, lastName] = pairs[i % pairs.length];
    const suffix = i >= pairs.length ? String(Math.floor(i / pairs.length) + 1) : '';
    const place = r.pick(PLACES.slice(0, 4));
    const createdMs = i === 0 ? COMPANY_CREATED_MS : r.between(COMPANY_CREATED_MS, DATA_EPOCH_MS - 30 * DAY_MS);
    const group = groups[i % groups.length];
    group.memberCount++;
    users.push({
      id: r.uuid(),
      companyId,
      companyEntityId: entities[place.country === 'GB' ? 1 : 0].id,
      email: `${slug(firstName)}.${slug(lastName)}${suffix}@${profile.emailDomain}`,
      firstName,
      lastName,
      phoneNumber: { countryCode: place.country, localNumber: `${place.phonePrefix}${r.digits(7)}` },
      avatarUrl: `https://avatars.northwind.example/${slug(firstName)}-${slug(lastName)}.png`,
      country: place.country,
      city: place.city,
      zipcode: place.zipcode,
      address: `${r.int(1, 300)} ${place.street}`,
      status: i > 0 && r.chance(0.1) ? 'DEACTIVATED' : 'ACTIVE',
      createdAt: isoDateTime(createdMs),
      updatedAt: isoDateTime(r.between(createdMs, DATA_EPOCH_MS)),
      roles: i === 0 ? ['SUPERUSER', 'COMPANY_ADMIN'] : [r.pick(USER_ROLES)],
      groups: [group],
      managerIds: i === 0 ? [] : [users[0].id],
    });
  }
  return users;
}

function buildLedgerAccounts(r: Prng, companyId: string, entities: CompanyEntityModel[], count: number): LedgerAccountModel[] {
  const accounts: LedgerAccountModel[] = [];
  for (let i = 0; i < count; i++) {
    const [baseCode, baseLabel, type] = LEDGER_LABELS[i % LEDGER_LABELS.length];
    const round = Math.floor(i / LEDGER_LABELS.length);
    const createdMs = r.between(COMPANY_CREATED_MS, COMPANY_CREATED_MS + 365 * DAY_MS);
    accounts.push({
      id: r.uuid(),
      companyId,
      bankAccountId: type === 'BANK' ? r.uuid() : null,
      cardAccountId: type === 'CARD' ? r.uuid() : null,
      cashAndEquivalentsAccountId: type === 'CASH_AND_EQUIVALENTS' ? r.uuid() : null,
      code: baseCode + round,
      label: round === 0 ? baseLabel : `${baseLabel} ${round + 1}`,
      type,
      status: r.weighted([['ACTIVE', 12], ['DISABLED', 1], ['DISABLED_EXTERNALLY', 1]] as const),
      context: r.chance(0.2) ? 'Imported from previous ERP' : null,
      revaluateFxBalance: type === 'BANK' && round > 0,
      companyEntities: round % 2 === 0 ? entities : [entities[0]],
      customProperties: null,
      createdAt: isoDateTime(createdMs),
      updatedAt: isoDateTime(r.between(createdMs, DATA_EPOCH_MS)),
    });
  }
  return accounts;
}
