// A paper's document from its stored parts (snapshot + the update rows after it), shared by the load on
// the main thread (persistence.ts) and the fold thread (fold-worker.mjs). Plain JavaScript so the
// worker can import it (ADR 0011).
import * as Y from "yjs";

/** Rows merged into one update before applying, in runs of this many. */
const MERGE_RUN = 100;

/**
 * A fresh Y.Doc holding snapshot and rows. The rows are merged first, in bounded runs: applying hundreds
 * of small updates one by one is many times slower, and merging a whole long history at once is
 * super-linear.
 * @param {Uint8Array | null} snapshot
 * @param {Uint8Array[]} rows
 * @returns {Y.Doc}
 */
export function docFromStored(snapshot, rows) {
  const doc = new Y.Doc();
  Y.transact(doc, () => {
    if (snapshot) Y.applyUpdate(doc, snapshot);
    for (let i = 0; i < rows.length; i += MERGE_RUN) {
      const run = rows.slice(i, i + MERGE_RUN);
      Y.applyUpdate(doc, run.length === 1 ? run[0] : Y.mergeUpdates(run));
    }
  });
  return doc;
}
