import * as l10n from '@vscode/l10n';
import { fetchCurrentCompany } from '../api/lightClient';
import { Clock, systemClock } from '../clock';
import { LightError } from '../errors';
import { registerSecret } from '../log';
import type { Environment } from '../auth/environment';
import type { StoredSession } from '../auth/tokenStore';
import { newSession } from './oauthSignIn';

/** An API key is checked against /v1/companies/current before anything is stored: a bad key stores nothing. */
export async function signInWithApiKey(env: Environment, rawKey: string, clock: Clock = systemClock): Promise<StoredSession> {
  // Invisible characters a copy from a web page or chat can carry are never part of a key.
  const key = rawKey.replace(/[\u200b-\u200d\u2060\ufeff]/g, '').trim().replace(/^Basic\s+/i, '');
  if (!key || /\s/.test(key)) {
    throw new LightError('config', l10n.t('That is not an API key: it is empty or has spaces in it. Copy the key from Light (Settings > API Keys) and paste it whole.'));
  }
  registerSecret(key);
  try {
    const company = await fetchCurrentCompany(env.apiBaseUrl, `Basic ${key}`);
    return newSession(env, 'apiKey', company, { accessToken: key, createdAt: clock.now() });
  } catch (e) {
    if (e instanceof LightError && e.kind === 'unauthorized') {
      throw new LightError(
        'unauthorized',
        l10n.t(
          'Light did not accept that API key at {0}. Check that it was copied whole, that it has not been deleted in Light (Settings > API Keys), and that "light.environment" points at the company\'s environment.',
          env.apiBaseUrl,
        ),
        { status: e.status },
      );
    }
    throw e;
  }
}
