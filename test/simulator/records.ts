// Seeded vendors and customers.

import { COMPANY_CREATED_MS, DATA_EPOCH_MS, DAY_MS, isoDateTime } from './companies';
import type { CompanyEntityModel, CustomerModel, LedgerAccountModel, UserModel, VendorModel } from './models';
import { BANKS, PLACES, Place, companyNames, slug } from './names';
import { Prng } from './prng';

export interface BuildContext {
  companyId: string;
  entities: CompanyEntityModel[];
  users: UserModel[];
  ledgerAccounts: LedgerAccountModel[];
  groupCurrency: string;
}

function iban(r: Prng, place: Place): string | null {
  if (place.country === 'US') {
    return null;
  }
  return `${place.country}${r.digits(2)}${r.digits(place.country === 'GB' ? 18 : 16)}`;
}

export function buildVendors(r: Prng, ctx: BuildContext, count: number): VendorModel[] {
  const names = companyNames('vendor', count, (items) => r.shuffle(items));
  const expenseAccounts = ctx.ledgerAccounts.filter((a) => a.code >= 5000 && a.code < 7000);
  return names.map((name, i) => {
    const place = r.pick(PLACES);
    const domain = `${slug(name.split(' ').slice(0, -1).join(' '))}.example`;
    const vendorId = r.uuid();
    const createdMs = r.between(COMPANY_CREATED_MS, DATA_EPOCH_MS - DAY_MS);
    const updatedMs = r.between(createdMs, DATA_EPOCH_MS);
    const isUser = r.chance(0.04);
    const status = r.weighted([['ACTIVE', 40], ['ONBOARDING', 3], ['IN_REVIEW', 2], ['FAILED', 1]] as const);
    const account = expenseAccounts.length > 0 ? r.pick(expenseAccounts) : null;
    const entity = r.pick(ctx.entities);
    const hasBank = !isUser && r.chance(0.8);
    return {
      type: isUser ? 'USER' : 'EXTERNAL',
      vendorId,
      companyId: ctx.companyId,
      companyEntityIds: r.chance(0.3) ? ctx.entities.map((e) => e.id) : [entity.id],
      defaultCompanyEntity: account
        ? {
            id: r.uuid(),
            vendorId,
            companyEntityId: entity.id,
            accountId: account.id,
            taxCodeId: r.chance(0.7) ? r.uuid() : null,
            costCenterId: null,
            senderBankAccountId: null,
            createdAt: isoDateTime(createdMs),
            updatedAt: isoDateTime(updatedMs),
          }
        : null,
      vatId: place.country === 'US' ? null : `${place.country}${r.digits(9)}`,
      businessRegistrationNumber: r.chance(0.6) ? r.digits(8) : null,
      identifier: `V-${String(10000 + i)}`,
      name,
      description: r.chance(0.3) ? `Preferred supplier for ${name.split(' ').slice(-2, -1)[0].toLowerCase()}` : null,
      avatarUrl: r.chance(0.5) ? `https://logos.${domain}/logo.png` : null,
      email: r.chance(0.85) ? `billing@${domain}` : null,
      phoneNumber: r.chance(0.7) ? { countryCode: place.country, localNumber: `${place.phonePrefix}${r.digits(7)}` } : null,
      website: r.chance(0.7) ? `https://www.${domain}` : null,
      country: place.country,
      city: place.city,
      address: `${r.int(1, 999)} ${place.street}`,
      zipcode: place.zipcode,
      bankName: hasBank ? r.pick(BANKS) : null,
      bankCountry: hasBank ? place.country : null,
      bankCity: hasBank ? place.city : null,
      bankAddress: null,
      bankZipcode: null,
      bankAccountNumber: hasBank ? iban(r, place) : null,
      bankAccountBic: hasBank && place.country !== 'US' ? `${slug(name).slice(0, 4).toUpperCase().padEnd(4, 'X')}${place.country}2X` : null,
      domesticBankAccountNumber: hasBank && place.country === 'US' ? r.digits(10) : null,
      domesticBankAccountCode: hasBank && place.country === 'US' ? `0${r.digits(8)}` : null,
      swedishBankgiroNumber: hasBank && place.country === 'SE' ? `${r.digits(3)}-${r.digits(4)}` : null,
      swedishPlusgiroNumber: null,
      bankRecipientName: null,
      vendorCreatedAt: isoDateTime(createdMs),
      approvers: r.chance(0.4)
        ? [{ id: r.uuid(), userId: r.pick(ctx.users).id, vendorId, priority: 1, createdAt: isoDateTime(createdMs) }]
        : [],
      notes: [],
      currency: place.currency,
      contractValue: r.chance(0.25) ? r.int(10, 2000) * 10000 : null,
      createdBy: r.pick(ctx.users).id,
      status,
      failureContext: null,
      version: r.int(1, 6),
      updatedAt: isoDateTime(updatedMs),
      customProperties: null,
      lastMtdSpendInGroupCurrency: r.chance(0.6) ? r.int(0, 5_000_000) : null,
      groupCurrency: ctx.groupCurrency,
    };
  });
}

export function buildCustomers(r: Prng, count: number): CustomerModel[] {
  const names = companyNames('customer', count, (items) => r.shuffle(items));
  return names.map((name) => {
    const place = r.pick(PLACES);
    const domain = `${slug(name.split(' ').slice(0, -1).join(' '))}.example`;
    const createdMs = r.between(COMPANY_CREATED_MS, DATA_EPOCH_MS - DAY_MS);
    const address = { country: place.country, city: place.city, zipcode: place.zipcode, street: `${r.int(1, 999)} ${place.street}` };
    const peppol = place.country !== 'US' && r.chance(0.3);
    return {
      id: r.uuid(),
      name,
      email: r.chance(0.9) ? `accounts@${domain}` : null,
      address,
      billingAddress: address,
      shippingAddress: r.chance(0.8) ? address : { ...address, street: `${r.int(1, 999)} ${place.street}` },
      status: r.chance(0.08) ? 'ARCHIVED' : 'ACTIVE',
      description: r.chance(0.25) ? `Key account since ${new Date(createdMs).getUTCFullYear()}` : null,
      vatNumber: place.country === 'US' ? null : `${place.country}${r.digits(9)}`,
      businessRegistrationNumber: r.chance(0.5) ? r.digits(8) : null,
      easCode: peppol ? '0088' : null,
      einvoiceAddress: peppol ? r.digits(13) : null,
      einvoiceNetwork: peppol ? 'PEPPOL' : null,
      type: r.weighted([['BUSINESS', 18], ['CONSUMER', 1], ['GOVERNMENT', 1]] as const),
      logoUrl: null,
      domain,
      externalSource: r.chance(0.2) ? { name: r.pick(['HUBSPOT', 'SALESFORCE', 'STRIPE']), externalId: `ext_${r.digits(10)}` } : null,
      createdAt: isoDateTime(createdMs),
      updatedAt: isoDateTime(r.between(createdMs, DATA_EPOCH_MS)),
      customProperties: null,
      recipientEmails: [`accounts@${domain}`],
      ccEmails: r.chance(0.3) ? [`finance@${domain}`] : [],
    };
  });
}
