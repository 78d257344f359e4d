import type { Clock } from '../clock';

/** One refresh timer per session, at its refresh point. A timer can fire before its point (timers round, clocks
 *  drift): then the session's own check says 'notYet' and the timer arms itself again for the point. */
export class RefreshTimers {
  private readonly timers = new Map<string, unknown>();

  constructor(
    private readonly clock: Clock,
    /** When session `id` is due (epoch ms), or undefined when it never is (an API key). */
    private readonly refreshPoint: (id: string) => number | undefined,
  ) {}

  /** Arms session `id`'s timer for its refresh point, or for `retryMs` from now; `fire` decides what happens. */
  arm(id: string, retryMs: number | undefined, fire: () => 'stop' | 'notYet'): void {
    this.disarm(id);
    const at = this.refreshPoint(id);
    if (at === undefined) return;
    const delay = retryMs ?? Math.max(0, Math.ceil(at - this.clock.now()));
    this.timers.set(
      id,
      this.clock.setTimeout(() => {
        this.timers.delete(id);
        if (fire() === 'notYet') this.arm(id, undefined, fire);
      }, delay),
    );
  }

  armed(id: string): boolean {
    return this.timers.has(id);
  }

  disarm(id: string): void {
    const t = this.timers.get(id);
    if (t !== undefined) this.clock.clearTimeout(t);
    this.timers.delete(id);
  }

  dispose(): void {
    for (const id of [...this.timers.keys()]) this.disarm(id);
  }
}
