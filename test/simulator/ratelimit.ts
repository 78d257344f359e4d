// Fixed-window rate limiting per access token or API key, with Light's X-RateLimit-* headers.

const WINDOW_MS = 60_000;

interface Window {
  startedAt: number;
  count: number;
}

export interface RateDecision {
  allowed: boolean;
  headers: Record<string, string>;
}

export class RateLimiter {
  private windows = new Map<string, Window>();

  constructor(private limit: number) {}

  setLimit(limit: number): void {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new TypeError('The rate limit must be a positive integer');
    }
    this.limit = limit;
    this.windows = new Map();
  }

  /** Count one request for `key` and say whether it may proceed. */
  hit(key: string, now = Date.now()): RateDecision {
    let window = this.windows.get(key);
    if (!window || now - window.startedAt >= WINDOW_MS) {
      window = { startedAt: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count++;
    const resetAt = window.startedAt + WINDOW_MS;
    const allowed = window.count <= this.limit;
    const headers: Record<string, string> = {
      'X-RateLimit-Limit': String(this.limit),
      'X-RateLimit-Remaining': String(Math.max(0, this.limit - window.count)),
      'X-RateLimit-Reset': String(Math.ceil(resetAt / 1000)),
    };
    if (!allowed) {
      headers['Retry-After'] = String(Math.max(1, Math.ceil((resetAt - now) / 1000)));
    }
    return { allowed, headers };
  }
}
