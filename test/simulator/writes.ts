// Writes: POST /v1/customers (createCustomer) and PATCH /v1/customers/{customerId} (updateCustomer), with Light's
// X-Idempotency-Key: the same key with the same body answers the first answer again and changes nothing; the same
// key with another body is refused (422). Enough of Light's write side for clients to prove they retry safely.

import { createHash, randomUUID } from 'crypto';
import type { ServerResponse } from 'http';
import { clientException, sendJson, sendNotFound } from './http';
import type { CompanyDataset, CustomerModel } from './models';
import { forgetSortedLists } from './query';

const CUSTOMERS = /^\/v1\/customers$/;
const CUSTOMER = /^\/v1\/customers\/([^/]+)$/;
const EDITABLE = ['name', 'email', 'description', 'vatNumber', 'businessRegistrationNumber', 'domain', 'type'] as const;

interface Remembered {
  request: string;
  status: number;
  body: unknown;
}

/** Keys seen per dataset (per company). */
const seen = new WeakMap<CompanyDataset, Map<string, Remembered>>();

export function isWrite(method: string, path: string): boolean {
  return (method === 'POST' && CUSTOMERS.test(path)) || (method === 'PATCH' && CUSTOMER.test(path));
}

/** Answers a write; returns true when it changed the data (a replayed key changes nothing). */
export function handleWrite(data: CompanyDataset, method: string, path: string, body: string, key: string | undefined, res: ServerResponse, headers: Record<string, string>): boolean {
  const request = createHash('sha256').update(`${method} ${path}\n${body}`).digest('hex');
  const keys = seen.get(data) ?? new Map<string, Remembered>();
  seen.set(data, keys);
  const earlier = key ? keys.get(key) : undefined;
  if (earlier) {
    if (earlier.request !== request) {
      const message = 'X-Idempotency-Key was already used with a different request';
      sendJson(res, 422, clientException('UnprocessableContentException', 'UNPROCESSABLE_CONTENT', [{ type: 'UNPROCESSABLE_CONTENT', message, path: [], context: {} }]), headers);
    } else {
      sendJson(res, earlier.status, earlier.body, headers);
    }
    return false;
  }
  let input: Record<string, unknown>;
  try {
    input = JSON.parse(body) as Record<string, unknown>;
    if (!input || typeof input !== 'object' || Array.isArray(input)) throw new Error('not an object');
  } catch {
    sendJson(res, 400, clientException('BadRequestException', 'BAD_REQUEST', [{ type: 'BAD_REQUEST', message: 'The body must be a JSON object', path: [], context: {} }]), headers);
    return false;
  }
  let answer: { status: number; body: unknown };
  const match = CUSTOMER.exec(path);
  if (!match) {
    if (typeof input.name !== 'string' || !input.name.trim()) {
      sendJson(res, 400, clientException('BadRequestException', 'BAD_REQUEST', [{ type: 'BAD_REQUEST', message: 'name is required', path: ['name'], context: {} }]), headers);
      return false;
    }
    const now = new Date().toISOString();
    const noAddress = { country: '', city: '', zipcode: '', street: '' };
    const customer: CustomerModel = {
      id: randomUUID(), name: input.name, email: null, address: noAddress, billingAddress: noAddress, shippingAddress: noAddress, status: 'ACTIVE',
      description: null, vatNumber: null, businessRegistrationNumber: null, easCode: null, einvoiceAddress: null, einvoiceNetwork: null, type: null,
      logoUrl: null, domain: null, externalSource: null, createdAt: now, updatedAt: now, customProperties: null, recipientEmails: [], ccEmails: [],
    };
    apply(customer, input);
    data.customers.push(customer);
    answer = { status: 200, body: customer };
  } else {
    const customer = data.customers.find((c) => c.id === decodeURIComponent(match[1]));
    if (!customer) {
      sendNotFound(res, `Customer ${match[1]} not found`, headers);
      return false;
    }
    apply(customer, input);
    customer.updatedAt = new Date().toISOString();
    answer = { status: 200, body: customer };
  }
  forgetSortedLists();
  if (key) keys.set(key, { request, ...answer });
  sendJson(res, answer.status, answer.body, headers);
  return true;
}

function apply(customer: CustomerModel, input: Record<string, unknown>): void {
  const target = customer as unknown as Record<string, unknown>;
  for (const field of EDITABLE) if (typeof input[field] === 'string') target[field] = input[field];
}
