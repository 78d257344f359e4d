// Seeded products and the contracts that sell them to customers. Their ids include the product and
// contract ids that invoice receivables already point at, so those links resolve.

import { COMPANY_CREATED_MS, DATA_EPOCH_MS, DAY_MS, isoDate, isoDateTime } from './companies';
import type { BankAccountModel, ContractLineModel, ContractModel, CustomerModel, InvoiceReceivableModel, ProductModel } from './models';
import { CONTRACT_TITLES, PER_USD, PRODUCT_ITEMS, PRODUCT_TIERS } from './names';
import { Prng } from './prng';
import type { BuildContext } from './records';

const SPAN_MS = 2 * 365 * DAY_MS;
const BILLINGS_PER_YEAR = { ONE_TIME: 0, MONTHLY: 12, QUARTERLY: 4, HALF_YEARLY: 2, YEARLY: 1 } as const;
const CONTRACT_STATES = [['CREATED', 1], ['DRAFT', 2], ['ACTIVE', 10], ['PENDING_TERMINATION', 1], ['TERMINATED', 2]] as const;
const INVOICED_STATES = [['ACTIVE', 8], ['PENDING_TERMINATION', 1], ['TERMINATED', 2]] as const;
const PAYMENT_TYPES = [['BANK_TRANSFER', 8], ['STRIPE', 2], ['DIRECT_DEBIT', 1], ['AIRWALLEX', 1]] as const;
const TERMINATION_REASONS = ['Customer moved to another provider', 'Replaced by a new contract', 'Budget cuts'];

export function buildProducts(r: Prng, ctx: BuildContext, receivables: InvoiceReceivableModel[], count: number): ProductModel[] {
  const knownIds = [...new Set(receivables.flatMap((i) => (i.lines ?? []).map((l) => l.productId)))];
  const revenue = ctx.ledgerAccounts.filter((a) => a.type === 'REVENUE');
  const currencies = [...new Set([ctx.groupCurrency, ...ctx.entities.map((e) => e.localCurrency)])];
  const out: ProductModel[] = [];
  for (let i = 0; i < count; i++) {
    const [item, billingRecurrence, pricingType, basePrice] = PRODUCT_ITEMS[i % PRODUCT_ITEMS.length];
    const [tier, factor] = PRODUCT_TIERS[Math.floor(i / PRODUCT_ITEMS.length) % PRODUCT_TIERS.length];
    const round = Math.floor(i / (PRODUCT_ITEMS.length * PRODUCT_TIERS.length));
    const createdMs = r.between(COMPANY_CREATED_MS, DATA_EPOCH_MS - DAY_MS);
    out.push({
      id: knownIds[i] ?? r.uuid(),
      companyId: ctx.companyId,
      name: `${item} - ${tier}${round > 0 ? ` ${round + 1}` : ''}`,
      pricingType,
      billingRecurrence,
      pricings: currencies.map((currency) => ({ currency, amount: Math.round((basePrice * factor * (PER_USD[currency] ?? 1)) / 100) * 100 })),
      state: r.chance(0.1) ? 'ARCHIVED' : 'ACTIVE',
      defaultTaxId: r.chance(0.7) ? r.uuid() : null,
      defaultAvataxCode: r.chance(0.2) ? r.pick(['SW054000', 'SW052000', 'SC040200']) : null,
      defaultLedgerAccountId: revenue.length > 0 ? r.pick(revenue).id : null,
      externalSource: r.chance(0.2) ? { name: r.pick(['CHARGEBEE', 'HUBSPOT', 'SALESFORCE', 'STRIPE']), externalId: `prod_${r.digits(10)}` } : null,
      createdAt: isoDateTime(createdMs),
      updatedAt: isoDateTime(r.between(createdMs, DATA_EPOCH_MS)),
      customProperties: null,
    });
  }
  return out;
}

export interface ContractInputs {
  customers: CustomerModel[];
  products: ProductModel[];
  receivables: InvoiceReceivableModel[];
  bankAccounts: BankAccountModel[];
}

export function buildContracts(r: Prng, ctx: BuildContext, inputs: ContractInputs, count: number): ContractModel[] {
  const { customers, products, bankAccounts } = inputs;
  const invoiced = new Map<string, InvoiceReceivableModel>();
  for (const invoice of inputs.receivables) {
    if (invoice.contractId !== null && !invoiced.has(invoice.contractId)) invoiced.set(invoice.contractId, invoice);
  }
  const firstInvoices = [...invoiced.values()];
  const productsById = new Map(products.map((p) => [p.id, p]));
  const out: ContractModel[] = [];
  for (let n = 0; n < count; n++) {
    const invoice = firstInvoices[n] as InvoiceReceivableModel | undefined;
    const id = invoice?.contractId ?? r.uuid();
    const entity = ctx.entities.find((e) => e.id === invoice?.companyEntityId) ?? r.pick(ctx.entities);
    const customerId = invoice ? invoice.customerId : customers.length > 0 ? r.pick(customers).id : null;
    const state = r.weighted(invoice ? INVOICED_STATES : CONTRACT_STATES);
    const startMs = invoice ? Date.parse(invoice.postingDate) - r.int(0, 120) * DAY_MS : r.between(DATA_EPOCH_MS - SPAN_MS, DATA_EPOCH_MS - 10 * DAY_MS);
    const years = r.pick([1, 1, 2, 3, 0]);
    const endMs = years > 0 ? startMs + years * 365 * DAY_MS : null;
    const createdMs = startMs - r.between(DAY_MS, 30 * DAY_MS);
    const live = state !== 'CREATED' && state !== 'DRAFT';
    const terminatedMs = state === 'TERMINATED' ? r.between(startMs, DATA_EPOCH_MS) : null;
    const currency = invoice?.currency ?? entity.localCurrency;
    const source = r.chance(0.2) ? r.pick(['HUBSPOT', 'SALESFORCE'] as const) : null;
    const lines: ContractLineModel[] = [];
    const lineCount = products.length > 0 ? r.int(1, 3) : 0;
    for (let l = 0; l < lineCount; l++) {
      const product = r.pick(products);
      lines.push({
        id: r.uuid(),
        companyId: ctx.companyId,
        contractId: id,
        productId: product.id,
        billingStart: isoDate(startMs),
        billingEnd: endMs === null ? null : isoDate(endMs),
        billingRecurrence: product.billingRecurrence,
        accountId: product.defaultLedgerAccountId,
        taxCodeId: product.defaultTaxId,
        avataxCode: product.defaultAvataxCode,
        discount: r.chance(0.15) ? { type: 'PERCENTAGE', value: r.pick([5, 10, 12.5, 20]), startDate: isoDate(startMs), endDate: null } : null,
        quantity: product.pricingType === 'PACKAGE' ? r.int(1, 5) : r.pick([1, 1, 1, 5, 10, 25]),
        priceOverwrite: null,
        productNameOverwrite: null,
        amortizationTemplateId: null,
        amortizationStartDate: null,
        amortizationEndDate: null,
        aiValueSuggestions: null,
        customProperties: null,
        createdAt: isoDateTime(createdMs),
        updatedAt: isoDateTime(createdMs),
      });
    }
    const lineValue = (line: ContractLineModel): number => {
      const product = productsById.get(line.productId) as ProductModel;
      const price = (product.pricings.find((p) => p.currency === currency) ?? product.pricings[0]).amount;
      const billings = BILLINGS_PER_YEAR[line.billingRecurrence] * Math.max(years, 1) || 1;
      return price * (line.quantity ?? 1) * billings * (1 - (line.discount?.value ?? 0) / 100);
    };
    out.push({
      id,
      companyId: ctx.companyId,
      startDate: isoDate(startMs),
      endDate: endMs === null ? null : isoDate(endMs),
      activatedAt: live ? isoDateTime(r.between(createdMs, startMs)) : null,
      terminatedAt: terminatedMs === null ? null : isoDateTime(terminatedMs),
      terminationReason: state === 'TERMINATED' || state === 'PENDING_TERMINATION' ? r.pick(TERMINATION_REASONS) : null,
      renewalDate: endMs !== null && r.chance(0.6) ? isoDate(endMs) : null,
      companyEntityId: entity.id,
      invoiceTemplateId: null,
      currency,
      estimatedAmount: lines.length > 0 ? Math.round(lines.reduce((sum, line) => sum + lineValue(line), 0)) : null,
      paymentType: invoice ? (invoice.paymentType as ContractModel['paymentType']) : r.weighted(PAYMENT_TYPES),
      payeeBankAccountId: bankAccounts.find((b) => b.companyEntityId === entity.id)?.id ?? null,
      billingStart: isoDate(startMs),
      netTerms: r.pick([14, 30, 30, 45, 60]),
      invoiceLeadDays: r.pick([0, 7, 14]),
      description: `${r.pick(CONTRACT_TITLES)} ${new Date(startMs).getUTCFullYear()}`,
      customerId,
      state,
      areLinesWithTax: false,
      lines,
      taxEngineName: r.chance(0.1) ? 'AVATAX' : 'LIGHT',
      externalId: source === null ? null : source === 'HUBSPOT' ? r.digits(11) : `006${r.digits(12)}`,
      externalSource: source,
      customProperties: null,
      createdAt: isoDateTime(createdMs),
      updatedAt: isoDateTime(r.between(Math.max(createdMs, terminatedMs ?? 0), DATA_EPOCH_MS)),
    });
  }
  return out;
}
