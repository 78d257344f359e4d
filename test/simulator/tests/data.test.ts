import * as assert from 'assert';
import { DEV_CREDENTIALS, Simulator, startSimulator } from '..';
import { apiGet, basic } from '../../support/simulatorClient';

const TINY = { vendors: 12, customers: 6, invoiceReceivables: 6, invoicePayables: 6, ledgerAccounts: 6, users: 3 };
const KEY = basic(DEV_CREDENTIALS.production.apiKey);

async function firstPage(sim: Simulator, path: string): Promise<Record<string, unknown>[]> {
  const res = await apiGet(sim, `${path}?cursor=0&limit=200`, KEY);
  return ((await res.json()) as { records: Record<string, unknown>[] }).records;
}

describe('Light simulator: companies and data', () => {
  it('exposes both companies with their dev credentials', async () => {
    const sim = await startSimulator({ counts: TINY });
    try {
      assert.match(sim.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      const [prod, sandbox] = sim.companies;
      assert.deepStrictEqual(
        { name: prod.name, environment: prod.environment, clientId: prod.clientId, clientSecret: prod.clientSecret, apiKey: prod.apiKey, mcpToken: prod.mcpToken },
        { name: 'Northwind Trading', environment: 'production', ...DEV_CREDENTIALS.production },
      );
      assert.deepStrictEqual(
        { name: sandbox.name, environment: sandbox.environment, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret, apiKey: sandbox.apiKey, mcpToken: sandbox.mcpToken },
        { name: 'Northwind Trading (Sandbox)', environment: 'sandbox', ...DEV_CREDENTIALS.sandbox },
      );
      assert.strictEqual(prod.userEmails.length, 3);
      assert.ok(prod.userEmails.every((e) => /^[a-z.0-9-]+@northwind\.example$/.test(e)));
      assert.ok(sandbox.userEmails.every((e) => e.endsWith('@sandbox.northwind.example')));
    } finally {
      await sim.stop();
    }
  });

  it('names a company as told (companyNames), everywhere it shows its name', async () => {
    const sim = await startSimulator({ counts: TINY, companyNames: ['Acme *Bold* [x](command:y)'] });
    try {
      assert.deepStrictEqual(sim.companies.map((c) => c.name), ['Acme *Bold* [x](command:y)', 'Northwind Trading (Sandbox)']);
      const current = (await (await apiGet(sim, '/v1/companies/current', KEY)).json()) as { name: string };
      assert.strictEqual(current.name, 'Acme *Bold* [x](command:y)');
    } finally {
      await sim.stop();
    }
  });

  it('generates the same records for the same seed, and others for another seed', async () => {
    const a = await startSimulator({ counts: TINY, seed: 7 });
    const b = await startSimulator({ counts: TINY, seed: 7 });
    const c = await startSimulator({ counts: TINY, seed: 8 });
    try {
      assert.deepStrictEqual(await firstPage(a, '/v1/vendors'), await firstPage(b, '/v1/vendors'));
      assert.deepStrictEqual(a.companies, b.companies);
      assert.notDeepStrictEqual(await firstPage(a, '/v1/vendors'), await firstPage(c, '/v1/vendors'));
    } finally {
      await Promise.all([a.stop(), b.stop(), c.stop()]);
    }
  });

  it('follows the field names and types of the Light models', async () => {
    const sim = await startSimulator({ counts: TINY });
    try {
      const company = (await (await apiGet(sim, '/v1/companies/current', KEY)).json()) as Record<string, unknown>;
      assert.deepStrictEqual(Object.keys(company).sort(), [
        'baseCurrency', 'contractEmail', 'createdAt', 'id', 'invoiceEmail', 'logoUrl', 'name', 'receiptEmail', 'updatedAt',
      ]);
      const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
      const dateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
      const date = /^\d{4}-\d{2}-\d{2}$/;

      for (const v of await firstPage(sim, '/v1/vendors')) {
        assert.match(v.vendorId as string, uuid);
        assert.strictEqual(typeof v.name, 'string');
        assert.ok(['EXTERNAL', 'USER'].includes(v.type as string));
        assert.ok(['ONBOARDING', 'IN_REVIEW', 'ACTIVE', 'FAILED'].includes(v.status as string));
        assert.match(v.vendorCreatedAt as string, dateTime);
      }
      for (const c of await firstPage(sim, '/v1/customers')) {
        assert.ok(['ACTIVE', 'ARCHIVED'].includes(c.status as string));
        assert.strictEqual(typeof (c.billingAddress as Record<string, unknown>).city, 'string');
      }
      for (const i of await firstPage(sim, '/v1/invoice-receivables')) {
        assert.ok(Number.isInteger(i.amount));
        assert.match(i.postingDate as string, date);
        assert.ok(['DRAFT', 'OPEN', 'PAYMENT_PENDING', 'PARTIALLY_PAID', 'PAID', 'REVERSED', 'ARCHIVED'].includes(i.state as string));
      }
      for (const p of await firstPage(sim, '/v1/bff/invoice-payables')) {
        assert.ok(['VENDOR_INVOICE', 'REIMBURSEMENT'].includes(p.type as string));
        assert.ok(Number.isInteger(p.amount));
        assert.match(p.createdAt as string, dateTime);
      }
      for (const a of await firstPage(sim, '/v1/ledger-accounts')) {
        assert.ok(Number.isInteger(a.code));
        assert.strictEqual(typeof a.label, 'string');
      }
      for (const u of await firstPage(sim, '/v1/users')) {
        assert.ok(['ACTIVE', 'DEACTIVATED'].includes(u.status as string));
        assert.match(u.email as string, /@/);
      }
    } finally {
      await sim.stop();
    }
  });

  it('refuses invalid options', async () => {
    await assert.rejects(startSimulator({ rateLimitPerMinute: 0 }), TypeError);
    await assert.rejects(startSimulator({ counts: { vendors: -1 } }), TypeError);
    await assert.rejects(startSimulator({ codeTtlSeconds: 0 }), TypeError);
  });
});
