import { Clock, sleep, systemClock } from '../core/clock';
import { createHash, randomUUID } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { HeldLock, WindowCoordinator } from '../core/auth/crossWindow';
import type { Logger } from '../core/log';

/** What the windows of one machine share besides SecretStorage, in files that every window sees at once.
 *
 *  SecretStorage cannot carry mutual exclusion: each VS Code window reads and writes its own cached copy, flushed
 *  to the shared store after a delay and announced to the others after that. So three facts live here instead,
 *  in the extension's global storage folder (one per machine, shared by every window whose extension host runs
 *  there):
 *  - a lock per session, taken with an exclusive create (`open(…, 'wx')`), naming its owner, process and expiry;
 *    a holder whose process is gone, or whose lock outlived its expiry, is taken over;
 *  - which refresh tokens were spent, one small file per spent token named by its SHA-256 fingerprint, holding the
 *    session that replaced it sealed with a key derived from the spent token (see handoffSeal.ts): a window whose
 *    copy of SecretStorage is behind never sends a rotated token again, and opens the successor with the token it
 *    holds — no other window and no other process can;
 *  - when a session was signed out, so that a refresh finishing afterwards in any window stores nothing.
 *  No token, key or secret is written here in the clear. The files are a few bytes, read and written synchronously: each
 *  operation is a single system call or two, and a refresh cannot be interleaved halfway through one. */

export interface WindowCoordinatorOptions {
  /** Identifies this window in locks. */
  owner: string;
  logger: Logger;
  /** How often a waiting window looks at the lock again. */
  pollMs?: number;
  /** Wall-clock time, shared by every window on the machine. */
  clock?: Clock;
  /** Whether a process id is alive (another window's extension host). */
  isAlive?: (pid: number) => boolean;
}

interface LockFile {
  owner: string;
  pid: number;
  until: number;
}

/** How long a spent token's record is kept: a window asleep for longer refreshes with SecretStorage's copy. */
const KEEP_SPENT_MS = 7 * 24 * 3600_000;
const PRUNE_EVERY_MS = 3600_000;

export function fingerprint(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 32);
}

export class FileWindowCoordinator implements WindowCoordinator {
  private readonly pollMs: number;
  private readonly clock: Clock;
  private readonly isAlive: (pid: number) => boolean;
  private ready: boolean | undefined;
  private warned = false;
  private prunedAt = 0;

  constructor(
    private readonly dir: string,
    private readonly opts: WindowCoordinatorOptions,
  ) {
    this.pollMs = opts.pollMs ?? 15;
    this.clock = opts.clock ?? systemClock;
    this.isAlive = opts.isAlive ?? processAlive;
  }

  /** Holds the lock for `key` once no other live window does; a holder past `ttlMs` or whose process is gone is
   *  taken over. After `waitMs` the lock is taken over regardless (a clock that jumped back cannot keep it). When
   *  the folder cannot be used, every caller gets the lock at once: the window then refreshes alone. */
  async lock(key: string, ttlMs: number, waitMs: number): Promise<HeldLock> {
    const file = this.file(key, 'lock');
    const mine: LockFile = { owner: `${this.opts.owner}:${randomUUID()}`, pid: process.pid, until: 0 };
    if (!this.usable()) return { release: async () => undefined };
    const giveUpAt = this.clock.now() + waitMs;
    for (;;) {
      mine.until = this.clock.now() + ttlMs;
      try {
        const fd = fs.openSync(file, 'wx');
        try {
          fs.writeSync(fd, JSON.stringify(mine));
        } finally {
          fs.closeSync(fd);
        }
        return { release: async () => this.release(file, mine.owner) };
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return this.unusable(e);
      }
      const held = this.readLock(file);
      if (held === 'gone') continue;
      if (held === 'writing' || !this.stale(held)) {
        if (this.clock.now() < giveUpAt) {
          await sleep(this.clock, this.pollMs);
          continue;
        }
        this.opts.logger.warn(`Took over a Light refresh lock held for longer than ${Math.round(waitMs / 1000)} s.`);
      }
      this.takeOver(file, held === 'writing' ? undefined : held);
    }
  }

  /** When some window already spent `refreshToken`: the sealed session that replaced it. */
  async spent(key: string, refreshToken: string): Promise<string | undefined> {
    const raw = this.read(key, `${fingerprint(refreshToken)}.spent`);
    try {
      const sealed = raw === undefined ? undefined : (JSON.parse(raw) as { sealed?: unknown }).sealed;
      return typeof sealed === 'string' ? sealed : undefined;
    } catch {
      return undefined;
    }
  }

  /** Called as soon as Light answered a refresh: `spentToken` no longer works; `sealed` is what replaced it. */
  async recordSpent(key: string, spentToken: string, sealed: string): Promise<void> {
    this.write(key, `${fingerprint(spentToken)}.spent`, JSON.stringify({ at: this.clock.now(), sealed }));
    this.prune();
  }

  /** When the session `key` was last signed out, in any window of this machine. */
  async signedOutAt(key: string): Promise<number | undefined> {
    const raw = this.read(key, 'signout');
    try {
      const at = raw === undefined ? NaN : Number((JSON.parse(raw) as { at?: unknown })?.at);
      return Number.isFinite(at) ? at : undefined;
    } catch {
      return undefined;
    }
  }

  async recordSignOut(key: string, at: number): Promise<void> {
    this.write(key, 'signout', JSON.stringify({ at: Math.max(at, (await this.signedOutAt(key)) ?? 0) }));
  }

  private stale(lock: LockFile | 'unreadable'): boolean {
    if (lock === 'unreadable') return true;
    return lock.until <= this.clock.now() || (lock.pid !== process.pid && !this.isAlive(lock.pid));
  }

  private readLock(file: string): LockFile | 'gone' | 'writing' | 'unreadable' {
    let raw: string;
    try {
      raw = fs.readFileSync(file, 'utf8');
    } catch {
      return 'gone';
    }
    try {
      const l = JSON.parse(raw) as LockFile;
      if (typeof l.owner === 'string' && typeof l.pid === 'number' && typeof l.until === 'number') return l;
    } catch {
      // created but not written yet, or left half-written by a crash: judged by its age
    }
    let age = Infinity;
    try {
      age = this.clock.now() - fs.statSync(file).mtimeMs;
    } catch {
      // gone meanwhile
    }
    return age < 2_000 ? 'writing' : 'unreadable';
  }

  /** Moves the stale lock aside and deletes it, unless what was moved is not the lock judged stale (another window
   *  took it over first): that one is put back. */
  private takeOver(file: string, judged: LockFile | 'unreadable' | undefined): void {
    const aside = `${file}.${randomUUID()}`;
    try {
      fs.renameSync(file, aside);
    } catch {
      return;
    }
    const moved = this.readLock(aside);
    const same = typeof moved === 'object' && typeof judged === 'object' ? moved.owner === judged.owner : typeof moved !== 'object';
    quietly(() => !same && fs.linkSync(aside, file));
    quietly(() => fs.unlinkSync(aside));
  }

  private release(file: string, owner: string): void {
    const held = this.readLock(file);
    if (typeof held === 'object' && held.owner === owner) quietly(() => fs.unlinkSync(file));
  }

  /** Removes spent-token records older than a week, at most once an hour. */
  private prune(): void {
    const now = this.clock.now();
    if (now - this.prunedAt < PRUNE_EVERY_MS) return;
    this.prunedAt = now;
    try {
      for (const name of fs.readdirSync(this.dir)) {
        if (!name.endsWith('.spent')) continue;
        const file = path.join(this.dir, name);
        quietly(() => now - fs.statSync(file).mtimeMs > KEEP_SPENT_MS && fs.unlinkSync(file));
      }
    } catch {
      // the folder went away: nothing to prune
    }
  }

  private read(key: string, kind: string): string | undefined {
    if (!this.usable()) return undefined;
    try {
      return fs.readFileSync(this.file(key, kind), 'utf8');
    } catch {
      return undefined;
    }
  }

  /** Replaces a file whole (write aside, then rename), so a reader never sees half of it. */
  private write(key: string, kind: string, text: string): void {
    if (!this.usable()) return;
    const file = this.file(key, kind);
    const tmp = `${file}.${randomUUID()}.tmp`;
    try {
      fs.writeFileSync(tmp, text);
      fs.renameSync(tmp, file);
    } catch (e) {
      quietly(() => fs.unlinkSync(tmp));
      this.unusable(e);
    }
  }

  private file(key: string, kind: string): string {
    return path.join(this.dir, `${createHash('sha256').update(key).digest('hex').slice(0, 24)}.${kind}`);
  }

  private usable(): boolean {
    if (this.ready === undefined) {
      try {
        fs.mkdirSync(this.dir, { recursive: true });
        this.ready = true;
      } catch (e) {
        this.unusable(e);
        this.ready = false;
      }
    }
    return this.ready;
  }

  private unusable(e: unknown): HeldLock {
    if (!this.warned) {
      this.warned = true;
      this.opts.logger.warn(
        `Cannot use ${this.dir} to coordinate Light refreshes with other windows (${(e as Error).message}); this window refreshes on its own.`,
      );
    }
    return { release: async () => undefined };
  }
}

function quietly(fn: () => unknown): void {
  try {
    fn();
  } catch {
    // already gone, or taken by another window
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
