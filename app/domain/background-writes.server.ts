// Background jobs that write a lot (a reminder run queues thousands of mails) do so in short chunks and
// leave the database and the server's thread to others between them (ADR 0076): pages that arrive
// meanwhile are answered first, instead of queueing behind a burst of transactions.

/** The share of the time a background job may spend in its own writes. */
export const BACKGROUND_SHARE = 0.5;

/** The longest pause between two chunks, however slow the last one was. */
const MAX_PAUSE_MS = 5_000;

export interface ChunkOptions {
  /** The job's share of the time, from 0 (exclusive) to 1 (no pauses). */
  share?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `write` on consecutive chunks of `items`, one after the other, in order. After each chunk but the
 * last it pauses so that its writes take about `share` of the time: a chunk that took 40 ms is followed,
 * at the default half share, by a 40 ms pause. Returns each chunk's result.
 */
export async function writeInChunks<T, R>(items: readonly T[], size: number, write: (chunk: T[]) => Promise<R>, opts: ChunkOptions = {}): Promise<R[]> {
  if (!Number.isInteger(size) || size < 1) throw new Error(`writeInChunks: chunk size must be a whole number ≥ 1, got ${size}`);
  const share = opts.share ?? BACKGROUND_SHARE;
  if (!(share > 0 && share <= 1)) throw new Error(`writeInChunks: share must be in (0, 1], got ${share}`);
  const now = opts.now ?? (() => performance.now());
  const sleep = opts.sleep ?? realSleep;
  const results: R[] = [];
  for (let at = 0; at < items.length; at += size) {
    const started = now();
    results.push(await write(items.slice(at, at + size)));
    if (at + size < items.length && share < 1) {
      const pause = Math.min(MAX_PAUSE_MS, ((now() - started) * (1 - share)) / share);
      if (pause > 0) await sleep(pause);
    }
  }
  return results;
}
