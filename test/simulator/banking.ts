// Seeded bank accounts of the company's entities, with valid IBAN check digits and US routing numbers.
// They take the ids and codes of the bank ledger accounts, which point at them.

import { COMPANY_CREATED_MS, DATA_EPOCH_MS, DAY_MS, isoDateTime } from './companies';
import type { BankAccountModel, CompanyEntityModel, LedgerAccountModel } from './models';
import { BANK_ACCOUNT_PURPOSES, BANK_PROVIDERS, PLACES } from './names';
import { Prng } from './prng';

/** An IBAN: country, ISO 13616 check digits (mod 97), then the domestic account (BBAN). */
export function ibanOf(country: string, bban: string): string {
  const numeric = `${bban}${country}00`.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rest = 0;
  for (const digit of numeric) {
    rest = (rest * 10 + Number(digit)) % 97;
  }
  return `${country}${String(98 - rest).padStart(2, '0')}${bban}`;
}

/** A nine-digit ABA routing number whose last digit is its checksum. */
export function routingNumber(r: Prng): string {
  const d = `${r.pick(['02', '03', '07', '11', '12', '21', '26', '31'])}${r.digits(6)}`.split('').map(Number);
  const sum = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + d[2] + d[5];
  return `${d.join('')}${(10 - (sum % 10)) % 10}`;
}

export function buildBankAccounts(r: Prng, companyId: string, entities: CompanyEntityModel[], ledgerAccounts: LedgerAccountModel[], count: number): BankAccountModel[] {
  const linked = ledgerAccounts.filter((a) => a.bankAccountId !== null);
  const out: BankAccountModel[] = [];
  for (let i = 0; i < count; i++) {
    const ledger = linked[i] as LedgerAccountModel | undefined;
    const entity = ledger ? ledger.companyEntities[i % ledger.companyEntities.length] : entities[i % entities.length];
    const country = entity.address.country;
    const place = PLACES.find((p) => p.city === entity.address.city);
    const providers = BANK_PROVIDERS.filter((b) => b[3] === country);
    const [bankProvider, bankName, bic] = r.pick(providers.length > 0 ? providers : BANK_PROVIDERS);
    const uk = country === 'GB';
    const bankCode = uk ? `${r.int(10, 89)}${r.digits(4)}` : routingNumber(r);
    const accountNumber = uk ? r.digits(8) : r.digits(r.int(10, 12));
    const virtual = i > 0 && r.chance(0.2);
    const round = Math.floor(i / BANK_ACCOUNT_PURPOSES.length);
    out.push({
      id: ledger?.bankAccountId ?? r.uuid(),
      companyId,
      companyEntityId: entity.id,
      name: `${BANK_ACCOUNT_PURPOSES[i % BANK_ACCOUNT_PURPOSES.length]}${round > 0 ? ` ${round + 1}` : ''} (${entity.localCurrency})`,
      type: virtual ? 'VIRTUAL' : 'PHYSICAL',
      bankProvider,
      paymentSchedulingEligibility: virtual ? 'INELIGIBLE' : r.pick(['INTERNAL', 'BANK_PROVIDER'] as const),
      iban: uk ? ibanOf(country, `${bic.slice(0, 4)}${bankCode}${accountNumber}`) : null,
      bic,
      domesticBankAccountNumber: accountNumber,
      domesticBankCode: bankCode,
      currency: entity.localCurrency,
      bankCountry: country,
      bankCity: entity.address.city,
      bankAddress: `${r.int(1, 400)} ${place?.street ?? entity.address.street}`,
      bankZipcode: entity.address.zipcode,
      bankName,
      bankState: place?.state ?? null,
      ledgerAccountCode: ledger?.code ?? 1020 + i,
      createdAt: ledger?.createdAt ?? isoDateTime(r.between(COMPANY_CREATED_MS, DATA_EPOCH_MS - 30 * DAY_MS)),
    });
  }
  return out;
}
