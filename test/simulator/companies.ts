// The two simulated companies and their development credentials.

import type { SimEnvironment } from './types';

export interface CompanyProfile {
  key: SimEnvironment;
  name: string;
  environment: SimEnvironment;
  clientId: string;
  clientSecret: string;
  apiKey: string;
  mcpToken: string;
  emailDomain: string;
  baseCurrency: string;
}

/** OAuth clients, API keys and personal MCP tokens the simulator accepts. They are for local development only. */
export const DEV_CREDENTIALS = {
  production: {
    clientId: 'light-vscode-dev',
    clientSecret: 'light-vscode-dev-secret',
    apiKey: 'light-dev-api-key',
    mcpToken: 'lmcp_dev_northwind_production',
  },
  sandbox: {
    clientId: 'light-vscode-sandbox',
    clientSecret: 'light-vscode-sandbox-secret',
    apiKey: 'light-sandbox-api-key',
    mcpToken: 'lmcp_dev_northwind_sandbox',
  },
} as const;

export const COMPANY_PROFILES: readonly CompanyProfile[] = [
  {
    key: 'production',
    name: 'Northwind Trading',
    environment: 'production',
    ...DEV_CREDENTIALS.production,
    emailDomain: 'northwind.example',
    baseCurrency: 'USD',
  },
  {
    key: 'sandbox',
    name: 'Northwind Trading (Sandbox)',
    environment: 'sandbox',
    ...DEV_CREDENTIALS.sandbox,
    emailDomain: 'sandbox.northwind.example',
    baseCurrency: 'USD',
  },
];

/** Generated records are dated before this fixed instant, so data never depends on the clock. */
export const DATA_EPOCH_MS = Date.UTC(2025, 5, 30, 12, 0, 0);
export const COMPANY_CREATED_MS = Date.UTC(2021, 2, 15, 9, 30, 0);

export function isoDateTime(ms: number): string {
  return new Date(ms).toISOString();
}

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export const DAY_MS = 24 * 60 * 60 * 1000;
