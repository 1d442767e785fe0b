// Bare Yjs: Y.applyUpdate of a snapshot into a fresh Y.Doc, in a process that does nothing else.
// Prints the times in ms as a JSON array (first call first).
import { readFileSync } from "node:fs";
import * as Y from "yjs";

const snapshot = readFileSync(process.argv[2]!);
const runs = Number(process.argv[3] ?? 5);
const times: number[] = [];
for (let i = 0; i < runs; i++) {
  const doc = new Y.Doc();
  const t0 = performance.now();
  Y.applyUpdate(doc, snapshot);
  times.push(performance.now() - t0);
  doc.destroy();
}
console.log(JSON.stringify(times));
