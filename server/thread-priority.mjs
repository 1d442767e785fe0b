// Background threads (the embedded database, compaction's fold) yield the CPU to the main thread:
// broadcasts and page renders wait on the main thread, while these threads' work is write-behind or
// queued anyway. On Linux the nice value is per thread, and os.setPriority(0, …) sets the calling
// thread's; on one shared core, without it, a database write held a broadcast back for a whole time
// slice (bench:collab p99, ADR 0013). Plain JavaScript: imported by the worker threads' .mjs files.
import { setPriority } from "node:os";

/**
 * Niceness of background threads: 10 gives them ~10% of a core the main thread also wants (and all of
 * an idle one). BACKGROUND_THREAD_NICE overrides it; 0 leaves them at the main thread's priority.
 * @param {Record<string, string | undefined>} [env]
 * @returns {number}
 */
export function backgroundNice(env = process.env) {
  const raw = env.BACKGROUND_THREAD_NICE;
  const n = raw === undefined || raw === "" ? 10 : Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 19) throw new Error(`BACKGROUND_THREAD_NICE must be an integer from 0 to 19, got "${raw}"`);
  return n;
}

/** @param {number} [nice] */
export function lowerThreadPriority(nice = backgroundNice()) {
  // Elsewhere the call renices the whole process, main thread included.
  if (process.platform !== "linux" || nice === 0) return;
  try {
    setPriority(0, nice);
  } catch {
    // Not permitted here: run as is.
  }
}
