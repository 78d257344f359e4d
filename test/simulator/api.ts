// The Light REST API routes (/v1/...), answered from one company's data set. Authentication and
// rate limiting happen before, in server.ts.

import { createHash } from 'crypto';
import type { ServerResponse } from 'http';
import { BadRequest, clientException, sendBadRequest, sendJson, sendNotFound } from './http';
import type { CompanyDataset, ExpenseModel, InvoicePayableModel, UserModel } from './models';
import { runList } from './query';
import { CUSTOMER_LIST, EXPENSE_LIST, LEDGER_LIST, PAYABLE_LIST, USER_LIST, VENDOR_LIST, contractList, productList, receivableList } from './resources';

/** A deterministic UUID-shaped id derived from another id. */
function derivedId(id: string, label: string): string {
  const h = createHash('sha256').update(`${label}:${id}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Fields shared by the list model (ExternalBffInvoicePayableV1Model) and the detail model. */
const SHARED_PAYABLE_FIELDS = [
  'id', 'type', 'metadata', 'companyId', 'state', 'failureReason', 'failureContext', 'approvalNote', 'cancellationReason',
  'payeeName', 'payeeIban', 'payeeBban', 'payeeBic', 'payeeBankCode', 'payeeCountry', 'payeeAddress', 'payeeZipcode',
  'payeeBankName', 'payeeBankCountry', 'payeeBankAddress', 'payeeBankZipcode', 'payeeCity', 'payeeBankCity', 'companyEntityId',
  'invoiceNumber', 'amount', 'currency', 'description', 'senderBankAccountId', 'fiNumber', 'paymentAt', 'ocrCompletedAt',
  'canceledAt', 'issuedDate', 'dueDate', 'updatedAt', 'paymentPausedBy', 'paymentPausedAt', 'senderEmail', 'documentName',
] as const;

/** GET /v1/invoice-payables/{id} answers Light's detailed invoice payable model (ExternalInvoicePayableV1Model). */
function payableDetail(p: InvoicePayableModel, includeOutstandingBalance: boolean): Record<string, unknown> {
  const { vendor, createdAt } = p;
  const paid = p.state === 'PAID' || p.state === 'COMPLETED' || p.state === 'CANCELLED';
  return {
    ...Object.fromEntries(SHARED_PAYABLE_FIELDS.map((key) => [key, p[key]])),
    invoicePayableId: derivedId(p.id, 'invoice-payable'),
    warningContext: null,
    payeeSwedishBankgiroNumber: null,
    payeeSwedishPlusgiroNumber: null,
    vendorId: vendor?.vendorId ?? null,
    vendorDetailsOcr: vendor ? { name: vendor.vendorName, email: vendor.vendorEmail, country: vendor.vendorCountry } : null,
    outstandingBalance: includeOutstandingBalance ? (paid ? 0 : p.amount) : null,
    norKidReference: null,
    swissPaymentReference: null,
    invoiceCreatedAt: createdAt,
    purchaseOrderId: null,
    lineItemsIncludeTax: false,
    localCurrencyFxRate: null,
    groupCurrencyFxRate: null,
    lineItems: [
      {
        id: derivedId(p.id, 'line'),
        invoicePayableId: p.id,
        type: p.type,
        amount: p.amount,
        netAmount: p.amount,
        description: p.description,
        taxCodeId: null,
        taxAmount: 0,
        accountId: null,
        costCenterId: null,
        createdAt,
        updatedAt: p.updatedAt,
      },
    ],
    customProperties: null,
  };
}

function userView(u: UserModel, query: URLSearchParams): Partial<UserModel> {
  const { roles, groups, managerIds, ...rest } = u;
  return {
    ...rest,
    ...(query.get('includeRoles') === 'true' ? { roles } : {}),
    ...(query.get('includeGroups') === 'true' ? { groups } : {}),
    ...(query.get('includeManagers') === 'true' ? { managerIds } : {}),
  };
}

function byId<T>(res: ServerResponse, headers: Record<string, string>, label: string, id: string, record: T | undefined, view: (r: T) => unknown = (r) => r): void {
  if (record === undefined) {
    sendNotFound(res, `${label} with id '${id}' not found`, headers);
  } else {
    sendJson(res, 200, view(record), headers);
  }
}

const ROUTES: RegExp[] = [
  /^\/v1\/companies\/current$/,
  /^\/v1\/(vendors|customers|invoice-receivables|bff\/invoice-payables|ledger-accounts|users|products|contracts|expenses|bank-accounts)$/,
  /^\/v1\/(vendors|customers|invoice-receivables|invoice-payables|products|contracts|expenses)\/([^/]+)$/,
];

/** Answer an authenticated API request; `headers` (rate limit) go on every answer. */
export function handleApi(data: CompanyDataset, method: string, path: string, query: URLSearchParams, res: ServerResponse, headers: Record<string, string>): void {
  try {
    dispatch(data, method, path, query, res, headers);
  } catch (err) {
    if (!(err instanceof BadRequest)) {
      throw err;
    }
    sendBadRequest(res, err.item, headers);
  }
}

function dispatch(data: CompanyDataset, method: string, path: string, query: URLSearchParams, res: ServerResponse, headers: Record<string, string>): void {
  const route = ROUTES.findIndex((r) => r.test(path));
  if (route < 0) {
    sendNotFound(res, `No route for ${method} ${path}`, headers);
    return;
  }
  if (method !== 'GET') {
    const message = `Method ${method} is not allowed on ${path}`;
    sendJson(res, 405, clientException('MethodNotAllowedException', 'METHOD_NOT_ALLOWED', [{ type: 'METHOD_NOT_ALLOWED', message, path: [], context: {} }]), {
      ...headers,
      Allow: 'GET',
    });
    return;
  }
  if (route === 0) {
    sendJson(res, 200, data.company, headers);
    return;
  }
  const match = ROUTES[route].exec(path) as RegExpExecArray;
  const resource = match[1];
  if (route === 2) {
    let id: string;
    try {
      id = decodeURIComponent(match[2]);
    } catch {
      id = match[2];
    }
    switch (resource) {
      case 'vendors':
        return byId(res, headers, 'Vendor', id, data.vendors.find((v) => v.vendorId === id));
      case 'customers':
        return byId(res, headers, 'Customer', id, data.customers.find((c) => c.id === id));
      case 'invoice-receivables':
        return byId(res, headers, 'Invoice receivable', id, data.invoiceReceivables.find((i) => i.id === id));
      case 'products':
        return byId(res, headers, 'Product', id, data.products.find((p) => p.id === id));
      case 'contracts':
        return byId(res, headers, 'Contract', id, data.contracts.find((c) => c.id === id));
      case 'expenses':
        return byId(res, headers, 'Expense', id, data.expenses.find((e) => e.id === id));
      default:
        return byId(res, headers, 'Invoice payable', id, data.invoicePayables.find((p) => p.id === id), (p) =>
          payableDetail(p, query.get('includeOutstandingBalance') === 'true'),
        );
    }
  }
  switch (resource) {
    case 'vendors':
      return sendJson(res, 200, runList(VENDOR_LIST, data.vendors, query), headers);
    case 'customers':
      return sendJson(res, 200, runList(CUSTOMER_LIST, data.customers, query), headers);
    case 'invoice-receivables': {
      const page = runList(receivableList(data), data.invoiceReceivables, query);
      // Lines only come with a single invoice fetched by id.
      return sendJson(res, 200, { ...page, records: page.records.map((i) => ({ ...i, lines: null })) }, headers);
    }
    case 'bff/invoice-payables':
      return sendJson(res, 200, runList(PAYABLE_LIST, data.invoicePayables, query), headers);
    case 'ledger-accounts': {
      const page = runList(LEDGER_LIST, data.ledgerAccounts, query);
      const withProps = query.get('includeCustomProperties') === 'true';
      return sendJson(res, 200, { ...page, records: page.records.map((a) => ({ ...a, customProperties: withProps ? [] : null })) }, headers);
    }
    case 'products':
      return sendJson(res, 200, runList(productList(data), data.products, query), headers);
    case 'contracts': {
      const page = runList(contractList(data), data.contracts, query);
      // Lines only come with a single contract fetched by id.
      return sendJson(res, 200, { ...page, records: page.records.map((c) => ({ ...c, lines: null })) }, headers);
    }
    case 'expenses': {
      const billingAmountTotal = (matching: ExpenseModel[]) => ({
        billingAmountTotal: matching.reduce((sum, e) => sum + e.lineItems.reduce((s, l) => s + l.billingAmount, 0), 0),
      });
      return sendJson(res, 200, runList(EXPENSE_LIST, data.expenses, query, billingAmountTotal), headers);
    }
    case 'bank-accounts':
      // getBankAccountsForCompany answers every account as a plain array: no envelope, no paging.
      return sendJson(res, 200, data.bankAccounts, headers);
    default: {
      const page = runList(USER_LIST, data.users, query);
      return sendJson(res, 200, { ...page, records: page.records.map((u) => userView(u, query)) }, headers);
    }
  }
}
