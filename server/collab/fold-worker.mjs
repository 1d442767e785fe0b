// Compaction's fold on its own thread (ADR 0011): a stored snapshot and the update rows after it,
// applied to a fresh Y.Doc and encoded as the new snapshot, without holding up broadcasts on the main
// thread. Plain JavaScript for the same reason as server/db/pglite-worker.mjs. The rows arrive packed
// in one buffer with their end offsets, and the state goes back as a transferred buffer.
import { parentPort } from "node:worker_threads";
import { lowerThreadPriority } from "../thread-priority.mjs";
import * as Y from "yjs";
import { docFromStored } from "./stored-doc.mjs";

lowerThreadPriority();

parentPort.on("message", ({ id, snapshot, packed, ends }) => {
  try {
    const rows = [];
    let start = 0;
    for (const end of ends) {
      rows.push(packed.subarray(start, end));
      start = end;
    }
    const doc = docFromStored(snapshot ?? null, rows);
    const state = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    parentPort.postMessage({ id, state }, [state.buffer]);
  } catch (err) {
    parentPort.postMessage({ id, error: String(err?.message ?? err) });
  }
});
