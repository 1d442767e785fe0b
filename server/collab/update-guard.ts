// What a writer's update must be before it touches the live paper: a decodable Yjs update (the whole
// of it, delete set included, so Yjs never half-applies a truncated one) that only writes into the
// paper's own top-level types. An update creating any other root type was made for another document.
import * as Y from "yjs";
import { CloseCode, CloseError } from "./options.js";

export function checkUpdate(update: Uint8Array, allowedRoots: ReadonlySet<string>): void {
  let decoded: { structs: Array<Y.Item | Y.GC | Y.Skip> };
  try {
    decoded = Y.decodeUpdate(update);
  } catch (err) {
    throw new CloseError(CloseCode.malformed, `malformed update: ${(err as Error).message || "undecodable"}`);
  }
  for (const struct of decoded.structs) {
    // Items written at the top of a root type name it; nested ones point at their parent by id.
    // (Decoded items carry the root's name where the typings say a type.)
    const parent = struct instanceof Y.Item ? (struct.parent as unknown) : null;
    if (typeof parent === "string" && !allowedRoots.has(parent)) {
      throw new CloseError(CloseCode.foreignUpdate, `update writes to "${parent.slice(0, 40)}", not part of this paper`);
    }
  }
}

/**
 * The paper's state as an update, without what waits in Yjs' pending store (structs whose
 * dependencies never arrived): those are not part of the paper and must not reach other clients.
 */
export function encodeIntegratedState(doc: Y.Doc, stateVector?: Uint8Array): Uint8Array {
  const store = doc.store as unknown as { pendingStructs: unknown; pendingDs: unknown };
  const { pendingStructs, pendingDs } = store;
  if (pendingStructs === null && pendingDs === null) return Y.encodeStateAsUpdate(doc, stateVector);
  store.pendingStructs = null;
  store.pendingDs = null;
  try {
    return Y.encodeStateAsUpdate(doc, stateVector);
  } finally {
    store.pendingStructs = pendingStructs;
    store.pendingDs = pendingDs;
  }
}

export function hasPending(doc: Y.Doc): boolean {
  const store = doc.store as unknown as { pendingStructs: unknown; pendingDs: unknown };
  return store.pendingStructs !== null || store.pendingDs !== null;
}

export function dropPending(doc: Y.Doc): void {
  const store = doc.store as unknown as { pendingStructs: unknown; pendingDs: unknown };
  store.pendingStructs = null;
  store.pendingDs = null;
}
