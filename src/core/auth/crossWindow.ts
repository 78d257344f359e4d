import { onFirstUse } from '../firstUse';

/** What the windows of one machine share besides SecretStorage, immediately where SecretStorage lags or never
 *  tells (src/node/windowCoordinator.ts keeps it in files). Keys are session ids; tokens appear only as
 *  fingerprints, successors only sealed (handoffSeal.ts). */
export interface HeldLock {
  release(): Promise<void>;
}

export interface WindowCoordinator {
  /** Holds the lock for `key` once no other live window does; a crashed or expired holder is taken over, and
   *  after `waitMs` the lock is taken over regardless. */
  lock(key: string, ttlMs: number, waitMs: number): Promise<HeldLock>;
  /** When some window already spent `refreshToken`: the sealed session that replaced it. */
  spent(key: string, refreshToken: string): Promise<string | undefined>;
  recordSpent(key: string, spentToken: string, sealed: string): Promise<void>;
  /** When the session `key` was last signed out, in any window of this machine. */
  signedOutAt(key: string): Promise<number | undefined>;
  recordSignOut(key: string, at: number): Promise<void>;
}

/** A coordinator made by its first call, so that nothing of it is loaded or touched at activation. */
export function onFirstCall(make: () => WindowCoordinator): WindowCoordinator {
  const coordinator = onFirstUse(make);
  return {
    lock: (key, ttlMs, waitMs) => coordinator().lock(key, ttlMs, waitMs),
    spent: (key, refreshToken) => coordinator().spent(key, refreshToken),
    recordSpent: (key, spentToken, sealed) => coordinator().recordSpent(key, spentToken, sealed),
    signedOutAt: (key) => coordinator().signedOutAt(key),
    recordSignOut: (key, at) => coordinator().recordSignOut(key, at),
  };
}

/** The rule sign-out wins by: a session stored before its account was last signed out (in any window of the
 *  machine) is a ghost — a refresh that finished late — and nothing of it is kept. */
export async function signedOutSince(coordinator: WindowCoordinator, session: { id: string; createdAt: number }): Promise<boolean> {
  const at = await coordinator.signedOutAt(session.id);
  return at !== undefined && at >= session.createdAt;
}
