// Seeded invoice receivables (sales invoices) and invoice payables (bills).

import { DATA_EPOCH_MS, DAY_MS, isoDate, isoDateTime } from './companies';
import type { CustomerModel, InvoicePayableModel, InvoiceReceivableLineModel, InvoiceReceivableModel, VendorModel } from './models';
import { Prng } from './prng';
import type { BuildContext } from './records';

const SPAN_MS = 2 * 365 * DAY_MS;

const RECEIVABLE_STATES = [
  ['DRAFT', 3], ['OPEN', 5], ['PAYMENT_PENDING', 1], ['PARTIALLY_PAID', 1], ['PAID', 12], ['REVERSED', 1], ['ARCHIVED', 1],
] as const;

const PAYABLE_STATES = [
  ['IN_DRAFT', 2], ['APPROVAL_PENDING', 3], ['DECLINED', 1], ['READY_FOR_PAYMENT_RELEASE', 2], ['SCHEDULED', 2],
  ['PAYMENT_PENDING', 1], ['PAID', 12], ['COMPLETED', 3], ['CANCELLED', 1],
] as const;

const SERVICES = ['Annual subscription', 'Implementation services', 'Support plan', 'Consulting hours', 'Training workshop', 'License renewal'];
const BILL_ITEMS = ['Office supplies', 'Cloud hosting', 'Freight charges', 'Legal retainer', 'Catering', 'Hardware', 'Software licenses', 'Marketing campaign'];

export function buildInvoiceReceivables(r: Prng, ctx: BuildContext, customers: CustomerModel[], count: number): InvoiceReceivableModel[] {
  const numbers = new Map<string, number>();
  const out: InvoiceReceivableModel[] = [];
  for (let i = 0; i < count; i++) {
    const id = r.uuid();
    const entity = r.pick(ctx.entities);
    const customer = customers.length > 0 ? r.pick(customers) : null;
    const state = r.weighted(RECEIVABLE_STATES);
    const postingMs = r.between(DATA_EPOCH_MS - SPAN_MS, DATA_EPOCH_MS - DAY_MS);
    const netTerms = r.pick([14, 30, 30, 45, 60]);
    const isDraft = state === 'DRAFT';
    const seq = (numbers.get(entity.id) ?? 0) + 1;
    if (!isDraft) {
      numbers.set(entity.id, seq);
    }
    const lineCount = r.int(1, 3);
    const lines: InvoiceReceivableLineModel[] = [];
    for (let l = 0; l < lineCount; l++) {
      const net = r.int(5, 500) * 1000;
      const tax = Math.round(net * 0.2);
      lines.push({
        id: r.uuid(),
        companyId: ctx.companyId,
        invoiceReceivableId: id,
        productId: r.uuid(),
        quantity: r.int(1, 10),
        taxCodeId: r.uuid(),
        accountId: null,
        discountAmount: null,
        netAmount: net,
        taxAmount: tax,
        billingStart: null,
        billingEnd: null,
        createdAt: isoDateTime(postingMs),
        updatedAt: isoDateTime(postingMs),
      });
    }
    const amount = lines.reduce((sum, l) => sum + (l.netAmount ?? 0) + (l.taxAmount ?? 0), 0);
    out.push({
      id,
      companyId: ctx.companyId,
      contractId: r.chance(0.3) ? r.uuid() : null,
      companyEntityId: entity.id,
      amount,
      paymentType: r.weighted([['BANK_TRANSFER', 8], ['STRIPE', 2], ['DIRECT_DEBIT', 1], ['AIRWALLEX', 1]] as const),
      payeeBankAccountId: r.uuid(),
      invoiceDate: isDraft ? null : isoDate(postingMs),
      effectiveInvoiceDate: isoDate(postingMs),
      postingDate: isoDate(postingMs),
      dueDate: isDraft ? null : isoDate(postingMs + netTerms * DAY_MS),
      netTerms,
      customerId: customer ? customer.id : null,
      invoiceTemplateId: null,
      invoiceTemplateAdditionalText: null,
      invoiceNumber: isDraft ? null : `${entity.code}-${String(seq).padStart(5, '0')}`,
      state,
      openedAt: isDraft ? null : isoDateTime(postingMs + 3600_000),
      poNumber: r.chance(0.3) ? `PO-${r.digits(6)}` : null,
      reference: null,
      description: r.pick(SERVICES),
      currency: entity.localCurrency,
      taxEngineName: 'LIGHT',
      areLinesWithTax: false,
      localCurrencyFxRate: null,
      groupCurrencyFxRate: null,
      lines,
      customProperties: null,
      createdAt: isoDateTime(postingMs - DAY_MS),
      updatedAt: isoDateTime(r.between(postingMs, DATA_EPOCH_MS)),
      updatedBy: r.pick(ctx.users).id,
      failureContext: null,
    });
  }
  return out;
}

export function buildInvoicePayables(r: Prng, ctx: BuildContext, vendors: VendorModel[], count: number): InvoicePayableModel[] {
  const out: InvoicePayableModel[] = [];
  for (let i = 0; i < count; i++) {
    const isReimbursement = r.chance(0.1) || vendors.length === 0;
    const vendor = isReimbursement ? null : r.pick(vendors);
    const submitter = r.pick(ctx.users);
    const approver = r.pick(ctx.users);
    const entity = r.pick(ctx.entities);
    const state = r.weighted(PAYABLE_STATES);
    // Issued at least 45 days before the data epoch, so payment and processing dates stay in the past.
    const issuedMs = r.between(DATA_EPOCH_MS - SPAN_MS, DATA_EPOCH_MS - 45 * DAY_MS);
    const createdMs = issuedMs + r.int(0, 5) * DAY_MS;
    const paid = state === 'PAID' || state === 'COMPLETED';
    const item = r.pick(BILL_ITEMS);
    const amount = isReimbursement ? r.int(5, 400) * 100 : r.int(20, 20000) * 100;
    out.push({
      id: r.uuid(),
      type: isReimbursement ? 'REIMBURSEMENT' : 'VENDOR_INVOICE',
      metadata: { type: isReimbursement ? 'REIMBURSEMENT_METADATA' : 'VENDOR_INVOICE_METADATA' },
      documentKey: `documents/${ctx.companyId}/${r.uuid()}.pdf`,
      documentName: isReimbursement ? `receipt-${i + 1}.jpg` : `invoice-${r.digits(6)}.pdf`,
      senderEmail: vendor?.email ?? null,
      companyId: ctx.companyId,
      failureReason: null,
      failureContext: null,
      state,
      version: r.int(1, 8),
      approvalNote: state === 'DECLINED' ? 'Duplicate of an earlier invoice' : null,
      payeeName: vendor ? vendor.name : `${submitter.firstName} ${submitter.lastName}`,
      payeeIban: vendor?.bankAccountNumber ?? null,
      payeeBban: vendor?.domesticBankAccountNumber ?? null,
      payeeBic: vendor?.bankAccountBic ?? null,
      payeeBankCode: vendor?.domesticBankAccountCode ?? null,
      payeeCountry: vendor?.country ?? submitter.country,
      payeeAddress: vendor?.address ?? submitter.address,
      payeeZipcode: vendor?.zipcode ?? submitter.zipcode,
      payeeBankName: vendor?.bankName ?? null,
      payeeBankCountry: vendor?.bankCountry ?? null,
      payeeBankAddress: null,
      payeeBankZipcode: null,
      payeeCity: vendor?.city ?? submitter.city,
      payeeBankCity: vendor?.bankCity ?? null,
      fiNumber: null,
      invoiceNumber: isReimbursement ? null : `INV-${r.digits(6)}`,
      companyEntityId: entity.id,
      companyEntityName: entity.name,
      amount,
      currency: vendor?.currency ?? entity.localCurrency,
      issuedDate: isoDate(issuedMs),
      dueDate: isoDate(issuedMs + 30 * DAY_MS),
      paymentAt: paid ? isoDateTime(issuedMs + r.int(10, 40) * DAY_MS) : null,
      ocrCompletedAt: isoDateTime(createdMs + 120_000),
      canceledAt: state === 'CANCELLED' ? isoDateTime(createdMs + 2 * DAY_MS) : null,
      description: vendor ? `${item} - ${vendor.name}` : `${item} (expense claim)`,
      senderBankAccountId: paid ? r.uuid() : null,
      cancellationReason: state === 'CANCELLED' ? 'Sent by mistake' : null,
      vendor: vendor ? { vendorId: vendor.vendorId, vendorName: vendor.name, vendorEmail: vendor.email, vendorCountry: vendor.country } : null,
      user: { userId: submitter.id, userFirstName: submitter.firstName, userLastName: submitter.lastName, userAvatarUrl: submitter.avatarUrl },
      nextApprover:
        state === 'APPROVAL_PENDING'
          ? {
              userId: approver.id,
              firstName: approver.firstName,
              lastName: approver.lastName,
              fullName: `${approver.firstName} ${approver.lastName}`,
              approvalSentAt: isoDateTime(createdMs + 3600_000),
            }
          : null,
      reimbursement: null,
      createdAt: isoDateTime(createdMs),
      updatedAt: isoDateTime(Math.min(DATA_EPOCH_MS, createdMs + r.int(0, 60) * DAY_MS)),
      paymentPausedBy: null,
      paymentPausedAt: null,
    });
  }
  return out;
}
