// Sliding-window limiter for sign-in attempts, per account and per IP (ADR 0005). In-process: with
// several instances each keeps its own window, which still bounds guessing per instance.
export class AttemptLimiter {
  private hits = new Map<string, number[]>();
  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until another attempt is allowed, or 0. */
  retryAfter(key: string): number {
    const recent = this.recent(key);
    if (recent.length < this.max) return 0;
    return Math.ceil((recent[0]! + this.windowMs - this.now()) / 1000);
  }

  fail(key: string) {
    const recent = this.recent(key);
    recent.push(this.now());
    this.hits.set(key, recent);
    if (this.hits.size > 50_000) this.sweep();
  }

  reset(key: string) {
    this.hits.delete(key);
  }

  private recent(key: string): number[] {
    const cutoff = this.now() - this.windowMs;
    return (this.hits.get(key) ?? []).filter((t) => t > cutoff);
  }

  private sweep() {
    for (const key of this.hits.keys()) if (!this.recent(key).length) this.hits.delete(key);
  }
}

/** 10 failures per account and 30 per IP in 15 minutes. */
export const signInLimits = {
  account: new AttemptLimiter(10, 15 * 60_000),
  ip: new AttemptLimiter(30, 15 * 60_000),
};
