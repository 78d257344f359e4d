import type { Clock } from '../../src/core/clock';

/** A clock that moves only when told: `advance` runs every timer that falls due, in order. */
export class FakeClock implements Clock {
  private timers: Array<{ at: number; fn: () => void; id: number }> = [];
  private nextId = 1;

  /** `early`: timers fire this many ms before they are due, as real ones may (they round, clocks drift). */
  constructor(
    public time = Date.UTC(2026, 0, 1),
    private readonly early = 0,
  ) {}

  now = (): number => this.time;

  setTimeout = (fn: () => void, ms: number): unknown => {
    const id = this.nextId++;
    this.timers.push({ at: this.time + Math.max(0, ms) - this.early, fn, id });
    return id;
  };

  clearTimeout = (handle: unknown): void => {
    this.timers = this.timers.filter((t) => t.id !== handle);
  };

  get pending(): number {
    return this.timers.length;
  }

  nextAt(): number | undefined {
    return this.timers.length ? Math.min(...this.timers.map((t) => t.at)) : undefined;
  }

  /** Moves time forward by `ms`, firing due timers (letting promises settle between them). */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = Math.max(this.time, due.at);
      due.fn();
      await settle();
    }
    this.time = end;
    await settle();
  }

  /** Lets time pass while `work` runs on real I/O (a request that hangs until its timeout): `stepMs` of this clock
   *  per few real milliseconds, until `work` settles. */
  async passWhile<T>(work: Promise<T>, stepMs = 50): Promise<T> {
    let settled = false;
    const watched = work.finally(() => (settled = true));
    while (!settled) {
      await new Promise((r) => setTimeout(r, 5));
      if (!settled) await this.advance(stepMs);
    }
    return watched;
  }

  /** Jumps the wall clock without firing timers: a laptop that slept. */
  jump(ms: number): void {
    this.time += ms;
  }
}

export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
}
