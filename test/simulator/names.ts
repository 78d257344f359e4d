// Word lists for the simulator's generated records. The names of people, companies and products are fictional;
// the banks are real ones, from Light's list of bank providers.

export const FIRST_NAMES = [
  'Avery', 'Jordan', 'Morgan', 'Riley', 'Casey', 'Quinn', 'Harper', 'Rowan', 'Elena', 'Marcus',
  'Sofia', 'Lukas', 'Amara', 'Nils', 'Ingrid', 'Mateo', 'Priya', 'Tomás', 'Hannah', 'Yusuf',
  'Chloé', 'Kenji', 'Freya', 'Omar', 'Liam', 'Astrid', 'Noah', 'Zara', 'Felix', 'Maya',
];

export const LAST_NAMES = [
  'Morgan', 'Lindqvist', 'Okafor', 'Bennett', 'Fischer', 'Duarte', 'Nakamura', 'Larsen', 'Moreau',
  'Kowalski', 'Haddad', 'Ivanova', 'Sullivan', 'Rossi', 'Andersen', 'Chen', 'García', 'Müller',
  'Novak', 'Petrov', 'Walsh', 'Dubois', 'Bauer', 'Silva', 'Berg', 'Kaur', 'Hughes', 'Varga',
];

const VENDOR_HEADS = [
  'Acme', 'Blue Harbor', 'Cedar & Pine', 'Summit', 'Northstar', 'Brightline', 'Copperleaf', 'Redwood',
  'Silverline', 'Evergreen', 'Harborview', 'Ironbridge', 'Lakeside', 'Meridian', 'Oakridge', 'Pioneer',
  'Quarry Hill', 'Riverstone', 'Sterling', 'Tidewater', 'Union Square', 'Vantage', 'Westfield',
  'Atlas', 'Beacon', 'Crescent', 'Driftwood', 'Falcon', 'Granite', 'Highland', 'Juniper', 'Keystone',
  'Lighthouse', 'Maple', 'Nordic', 'Orchard', 'Polaris', 'Sierra', 'Trident', 'Zenith',
];

const VENDOR_TRADES = [
  'Office Supplies', 'Logistics', 'Consulting', 'Software', 'Cloud Services', 'Catering', 'Print',
  'Legal', 'Facilities', 'Freight', 'Analytics', 'Security', 'Telecom', 'Design Studio', 'Staffing',
  'Energy', 'Packaging', 'Travel', 'Marketing', 'Hardware', 'Cleaning', 'Insurance Brokers',
  'Translation', 'Recruiting', 'Data Systems', 'Events', 'Media', 'Engineering', 'Payroll', 'Audit',
];

const LEGAL_FORMS = ['Inc.', 'LLC', 'Ltd', 'GmbH', 'AB', 'SAS', 'B.V.', 'ApS'];

const CUSTOMER_HEADS = [
  'Aurora', 'Bluebird', 'Cobalt', 'Dunmore', 'Elmstead', 'Foxglove', 'Glenwood', 'Hawthorne',
  'Indigo', 'Jasper', 'Kingsbridge', 'Larkspur', 'Marlow', 'Newhaven', 'Oakhurst', 'Primrose',
  'Quayside', 'Rosewood', 'Stonegate', 'Thornbury', 'Upland', 'Valewood', 'Willowbrook', 'Yardley',
];

const CUSTOMER_TRADES = [
  'Retail', 'Hotels', 'Clinics', 'Bakery', 'Fitness', 'Outfitters', 'Labs', 'Motors', 'Foods',
  'Pharmacy', 'Architects', 'Dental', 'Academy', 'Brewing', 'Florists', 'Gallery', 'Robotics',
];

export interface Place {
  country: string;
  state?: string;
  city: string;
  zipcode: string;
  street: string;
  currency: string;
  phonePrefix: string;
}

export const PLACES: readonly Place[] = [
  { country: 'US', state: 'NY', city: 'New York', zipcode: '10001', street: 'Broadway', currency: 'USD', phonePrefix: '212' },
  { country: 'US', state: 'CA', city: 'San Francisco', zipcode: '94105', street: 'Market Street', currency: 'USD', phonePrefix: '415' },
  { country: 'US', state: 'TX', city: 'Austin', zipcode: '78701', street: 'Congress Avenue', currency: 'USD', phonePrefix: '512' },
  { country: 'GB', city: 'London', zipcode: 'EC2A 4NE', street: 'Shoreditch High Street', currency: 'GBP', phonePrefix: '20' },
  { country: 'GB', city: 'Manchester', zipcode: 'M1 1AD', street: 'Deansgate', currency: 'GBP', phonePrefix: '161' },
  { country: 'DE', city: 'Berlin', zipcode: '10115', street: 'Torstraße', currency: 'EUR', phonePrefix: '30' },
  { country: 'DE', city: 'Munich', zipcode: '80331', street: 'Sendlinger Straße', currency: 'EUR', phonePrefix: '89' },
  { country: 'FR', city: 'Paris', zipcode: '75002', street: 'Rue du Sentier', currency: 'EUR', phonePrefix: '1' },
  { country: 'NL', city: 'Amsterdam', zipcode: '1017 CE', street: 'Keizersgracht', currency: 'EUR', phonePrefix: '20' },
  { country: 'SE', city: 'Stockholm', zipcode: '111 57', street: 'Drottninggatan', currency: 'SEK', phonePrefix: '8' },
  { country: 'DK', city: 'Copenhagen', zipcode: '1050', street: 'Bredgade', currency: 'DKK', phonePrefix: '33' },
  { country: 'NO', city: 'Oslo', zipcode: '0159', street: 'Karl Johans gate', currency: 'NOK', phonePrefix: '22' },
];

export const BANKS = ['First Harbor Bank', 'Union Savings', 'Nordic Commerce Bank', 'Metro Trust', 'Crown Bank'];

/** Bank providers of the company's own accounts: Light's provider value, bank name, BIC, country. */
export const BANK_PROVIDERS: readonly (readonly [string, string, string, string])[] = [
  ['JPM_CHASE', 'JPMorgan Chase Bank', 'CHASUS33', 'US'],
  ['SVB', 'Silicon Valley Bank', 'SVBKUS6S', 'US'],
  ['BANK_OF_AMERICA', 'Bank of America', 'BOFAUS3N', 'US'],
  ['BARCLAYS', 'Barclays Bank', 'BARCGB22', 'GB'],
  ['HSBC', 'HSBC UK Bank', 'HBUKGB4B', 'GB'],
  ['LLOYDS_BANK', 'Lloyds Bank', 'LOYDGB2L', 'GB'],
];

/** Units of a currency per US dollar, roughly: enough for prices and converted amounts to look right. */
export const PER_USD: Readonly<Record<string, number>> = { USD: 1, GBP: 0.79, EUR: 0.92, SEK: 10.5, DKK: 6.9, NOK: 10.8 };

export const BANK_ACCOUNT_PURPOSES = ['Operating', 'Savings', 'Payroll', 'Collections', 'Reserve', 'Payouts'];

/** Products sold: name, billing recurrence, pricing type, base price in cents. */
export const PRODUCT_ITEMS: readonly (readonly [string, 'ONE_TIME' | 'MONTHLY' | 'QUARTERLY' | 'HALF_YEARLY' | 'YEARLY', 'FIXED' | 'PACKAGE', number])[] = [
  ['Platform subscription', 'MONTHLY', 'FIXED', 49_00],
  ['Analytics add-on', 'MONTHLY', 'FIXED', 19_00],
  ['Seat pack (10 users)', 'MONTHLY', 'PACKAGE', 90_00],
  ['API call bundle', 'MONTHLY', 'PACKAGE', 25_00],
  ['Annual license', 'YEARLY', 'FIXED', 1_200_00],
  ['Premium support', 'YEARLY', 'FIXED', 2_400_00],
  ['Data retention plan', 'QUARTERLY', 'FIXED', 300_00],
  ['Compliance review', 'HALF_YEARLY', 'FIXED', 1_500_00],
  ['Implementation package', 'ONE_TIME', 'FIXED', 5_000_00],
  ['Onboarding workshop', 'ONE_TIME', 'FIXED', 1_800_00],
  ['Data migration', 'ONE_TIME', 'FIXED', 3_500_00],
  ['Consulting day', 'ONE_TIME', 'FIXED', 1_400_00],
  ['Training course', 'ONE_TIME', 'FIXED', 650_00],
  ['Hardware kit', 'ONE_TIME', 'PACKAGE', 899_00],
  ['Managed hosting', 'MONTHLY', 'FIXED', 350_00],
  ['Security audit', 'YEARLY', 'FIXED', 4_000_00],
];

export const PRODUCT_TIERS: readonly (readonly [string, number])[] = [
  ['Starter', 1], ['Team', 2], ['Business', 4], ['Enterprise', 8], ['Premier', 12],
];

export const CONTRACT_TITLES = ['Subscription agreement', 'Master services agreement', 'Annual platform agreement', 'Support renewal', 'Pilot agreement'];

/** Expense line descriptions with their reimbursement category. */
export const EXPENSE_ITEMS: readonly (readonly [string, string])[] = [
  ['Taxi to client meeting', 'Travel'],
  ['Train ticket', 'Travel'],
  ['Flight to the annual kickoff', 'Travel'],
  ['Hotel, 2 nights', 'Lodging'],
  ['Team lunch', 'Meals'],
  ['Client dinner', 'Meals'],
  ['Conference ticket', 'Training'],
  ['Online course', 'Training'],
  ['USB-C adapters', 'Office supplies'],
  ['Printer paper and toner', 'Office supplies'],
  ['Design tool subscription', 'Software'],
  ['Mobile phone bill', 'Phone and internet'],
];

export const LEDGER_LABELS: readonly (readonly [number, string, string])[] = [
  [1000, 'Bank - Operating', 'BANK'],
  [1010, 'Bank - Savings', 'BANK'],
  [1050, 'Corporate Card', 'CARD'],
  [1100, 'Petty Cash', 'CASH_AND_EQUIVALENTS'],
  [1200, 'Accounts Receivable', 'ACCOUNTS_RECEIVABLE'],
  [1300, 'Inventory', 'INVENTORY'],
  [1400, 'Prepaid Expenses', 'OTHER_CURRENT_ASSET'],
  [1500, 'Software Licenses', 'INTANGIBLE_NON_CURRENT_ASSET'],
  [1600, 'Office Equipment', 'TANGIBLE_NON_CURRENT_ASSET'],
  [2000, 'Accounts Payable', 'ACCOUNTS_PAYABLE'],
  [2100, 'VAT Payable', 'OTHER_CURRENT_LIABILITY'],
  [2200, 'Corporate Tax Payable', 'CORPORATE_TAX_PAYABLE'],
  [2500, 'Long-term Loan', 'LONG_TERM_LOAN'],
  [3000, 'Share Capital', 'CONTRIBUTED_CAPITAL'],
  [3100, 'Retained Earnings', 'RETAINED_EARNINGS'],
  [4000, 'Revenue - Subscriptions', 'REVENUE'],
  [4100, 'Revenue - Services', 'REVENUE'],
  [4900, 'Discounts Given', 'DISCOUNT'],
  [5000, 'Cost of Sales', 'COST_OF_SALES'],
  [6000, 'Salaries', 'PERSONNEL_COST'],
  [6100, 'Rent', 'GENERAL_AND_ADMINISTRATIVE_EXPENSE'],
  [6200, 'Software Subscriptions', 'GENERAL_AND_ADMINISTRATIVE_EXPENSE'],
  [6300, 'Travel', 'OTHER_OPERATING_EXPENSE'],
  [6400, 'Marketing', 'DISTRIBUTION_COST'],
  [6500, 'Depreciation', 'DEPRECIATION_AND_AMORTIZATION'],
  [7000, 'Interest Expense', 'INTEREST_EXPENSE'],
  [7100, 'FX Loss (realized)', 'EXCHANGE_RATE_LOSS_REALIZED'],
  [7200, 'Interest Income', 'INTEREST_INCOME'],
  [7300, 'FX Gain (realized)', 'EXCHANGE_RATE_GAIN_REALIZED'],
  [8000, 'Income Tax', 'INCOME_TAX'],
];

/** Financial-statement category of a ledger account type (used for sorting and filtering). */
export function ledgerCategory(type: string): string {
  if (/ASSET|BANK|CARD|CASH|RECEIVABLE|INVENTORY/.test(type)) return 'ASSET';
  if (/LIABILITY|PAYABLE|LOAN|OVERDRAFT/.test(type)) return 'LIABILITY';
  if (/CAPITAL|EARNINGS|EQUITY|COMPREHENSIVE/.test(type)) return 'EQUITY';
  if (/REVENUE|DISCOUNT|INCOME|GAIN/.test(type) && type !== 'INCOME_TAX') return 'INCOME';
  return 'EXPENSE';
}

/** `count` distinct "Head Trade Form" names in a seeded order. */
export function companyNames(kind: 'vendor' | 'customer', count: number, shuffle: <T>(items: T[]) => T[]): string[] {
  const heads = kind === 'vendor' ? VENDOR_HEADS : CUSTOMER_HEADS;
  const trades = kind === 'vendor' ? VENDOR_TRADES : CUSTOMER_TRADES;
  const all: string[] = [];
  for (const head of heads) {
    for (const trade of trades) {
      for (const form of LEGAL_FORMS) {
        all.push(`${head} ${trade} ${form}`);
      }
    }
  }
  const names = shuffle(all).slice(0, count);
  for (let i = names.length; i < count; i++) {
    names.push(`${all[i % all.length]} ${Math.floor(i / all.length) + 1}`);
  }
  return names;
}

export function slug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
