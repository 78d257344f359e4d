// Seeded expenses (expense claims) of the company's users, with their line items.

import { DATA_EPOCH_MS, DAY_MS, isoDate, isoDateTime } from './companies';
import type { ExpenseLineItemModel, ExpenseModel } from './models';
import { EXPENSE_ITEMS, PER_USD, ledgerCategory } from './names';
import { Prng } from './prng';
import type { BuildContext } from './records';

const SPAN_MS = 2 * 365 * DAY_MS;
const STATUSES = [['SUBMITTED_FOR_REVIEW', 10], ['IN_DRAFT', 3], ['CREATED', 2], ['CANCELLED', 1]] as const;
const COST_CENTERS = 4;

export function buildExpenses(r: Prng, ctx: BuildContext, count: number): ExpenseModel[] {
  const costCenters = Array.from({ length: COST_CENTERS }, () => r.uuid());
  const categories = new Map([...new Set(EXPENSE_ITEMS.map(([, category]) => category))].map((category) => [category, r.uuid()]));
  const operating = ctx.ledgerAccounts.filter((a) => a.code >= 6100 && a.code < 6500);
  const accounts = operating.length > 0 ? operating : ctx.ledgerAccounts.filter((a) => ledgerCategory(a.type) === 'EXPENSE');
  const out: ExpenseModel[] = [];
  for (let i = 0; i < count; i++) {
    const id = r.uuid();
    const user = r.pick(ctx.users);
    const entity = ctx.entities.find((e) => e.id === user.companyEntityId) ?? ctx.entities[0];
    const billingCurrency = entity.localCurrency;
    const originalCurrency = r.chance(0.2) ? r.pick(Object.keys(PER_USD)) : billingCurrency;
    const performedMs = r.between(DATA_EPOCH_MS - SPAN_MS, DATA_EPOCH_MS - 6 * DAY_MS);
    const createdMs = performedMs + r.between(0, 5 * DAY_MS);
    const lineItems: ExpenseLineItemModel[] = [];
    const lineCount = r.int(1, 3);
    for (let l = 0; l < lineCount; l++) {
      const [description, category] = r.pick(EXPENSE_ITEMS);
      const originalAmount = r.int(400, 80_000);
      lineItems.push({
        id: r.uuid(),
        expenseId: id,
        originalAmount,
        billingAmount: Math.round((originalAmount * (PER_USD[billingCurrency] ?? 1)) / (PER_USD[originalCurrency] ?? 1)),
        accountId: accounts.length > 0 ? r.pick(accounts).id : null,
        costCenterId: r.pick(costCenters),
        description,
        reimbursementCategoryId: categories.get(category) as string,
        createdAt: isoDateTime(createdMs),
        updatedAt: isoDateTime(createdMs),
      });
    }
    out.push({
      id,
      receiptDocumentKey: `receipts/${ctx.companyId}/${r.uuid()}.jpg`,
      originalCurrency,
      billingCurrency,
      status: r.weighted(STATUSES),
      userId: user.id,
      companyId: ctx.companyId,
      performedDate: isoDate(performedMs),
      lineItems,
      createdAt: isoDateTime(createdMs),
      updatedAt: isoDateTime(r.between(createdMs, DATA_EPOCH_MS)),
    });
  }
  return out;
}
