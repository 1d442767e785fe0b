// The B4 editing trace (crdt-benchmarks): 259,778 single-character edits writing a LaTeX paper. Read from
// the shared data folder (never copied into the repository), or from BENCH_B4_TRACE; when the file is
// missing, a synthetic trace of the same shape (182,315 inserts, 77,463 deletes, same final length)
// stands in, and the report says so.
import { existsSync, readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import * as Y from "yjs";

export const DEFAULT_TRACE = "/work/shared/data/automerge-paper.json.gz";

export interface Trace {
  source: string;
  synthetic: boolean;
  /** [position, deleteCount, insertText] in order. */
  patches: [number, number, string][];
  endContent: string;
}

export function loadTrace(path = process.env.BENCH_B4_TRACE || DEFAULT_TRACE): Trace {
  if (existsSync(path)) {
    const raw = JSON.parse(gunzipSync(readFileSync(path)).toString()) as {
      endContent: string;
      txns: { patches: [number, number, string][] }[];
    };
    return { source: path, synthetic: false, patches: raw.txns.flatMap((t) => t.patches), endContent: raw.endContent };
  }
  return syntheticTrace();
}

/** Same counts as B4: typing with occasional backspaces and jumps, deterministic. */
export function syntheticTrace(inserts = 182_315, deletes = 77_463): Trace {
  let seed = 4;
  const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const letters = "abcdefghijklmnopqrstuvwxyz     \\{}.,\n";
  const patches: [number, number, string][] = [];
  let length = 0;
  let cursor = 0;
  let ins = inserts;
  let del = deletes;
  while (ins + del > 0) {
    if (rand() < 0.02) cursor = Math.floor(rand() * (length + 1));
    const doDelete = del > 0 && length > 0 && cursor > 0 && rand() < del / (ins + del);
    if (doDelete) {
      patches.push([cursor - 1, 1, ""]);
      cursor--;
      length--;
      del--;
    } else if (ins > 0) {
      patches.push([cursor, 0, letters[Math.floor(rand() * letters.length)]!]);
      cursor++;
      length++;
      ins--;
    } else {
      cursor = length;
    }
  }
  const doc = new Y.Doc();
  const text = doc.getText();
  for (const [pos, d, s] of patches) {
    if (d) text.delete(pos, d);
    if (s) text.insert(pos, s);
  }
  return { source: "synthetic (B4 file not found)", synthetic: true, patches, endContent: text.toString() };
}

/**
 * Replays the trace into a paper-shaped document (one paragraph in the XmlFragment "default"), one
 * transaction per edit; returns the final state and every update in order (the raw update log).
 */
export function replay(trace: Trace): { state: Uint8Array; updates: Uint8Array[]; text: string } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => updates.push(u));
  const fragment = doc.getXmlFragment("default");
  const paragraph = new Y.XmlElement("paragraph");
  const text = new Y.XmlText();
  paragraph.insert(0, [text]);
  fragment.insert(0, [paragraph]);
  for (const [pos, d, s] of trace.patches) {
    doc.transact(() => {
      if (d) text.delete(pos, d);
      if (s) text.insert(pos, s);
    });
  }
  const result = text.toString();
  return { state: Y.encodeStateAsUpdate(doc), updates, text: result };
}
