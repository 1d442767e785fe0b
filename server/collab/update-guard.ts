// What a writer's update must be before it touches a live document: a decodable Yjs update (the whole
// of it, delete set included, so Yjs never half-applies a truncated one) that only writes into the
// document's own top-level types. An update creating any other root type was made for another document.
// And what it writes must be the editor's schema (ADR 0028): element nodes it knows, with their own
// attributes, text, and marks it knows; an unknown element (say `script`) would make every reader's
// page fail, and other Yjs types have no place in a ProseMirror document. A translation (ADR 0074) is
// plainer still: per block a fragment of paragraphs of unformatted text.
import * as Y from "yjs";
import { CloseCode, CloseError } from "./options.js";
import { blockIdOfField, markProblem, paperSchemaSpec, TRANSLATION_PARAGRAPH } from "../../app/server-exports.server.js";

/** What one kind of document may hold. */
export interface DocRules {
  /** "paper" or "translation", for close reasons. */
  readonly noun: string;
  ownsRoot(name: string): boolean;
  /** Why the item has no place in the document, or null. */
  problem(item: Y.Item): string | null;
}

export function paperRules(allowedRoots: ReadonlySet<string>): DocRules {
  return { noun: "paper", ownsRoot: (name) => allowedRoots.has(name), problem: schemaProblem };
}

export const translationRules: DocRules = {
  noun: "translation",
  ownsRoot: (name) => blockIdOfField(name) !== null,
  problem(item) {
    const c = item.content;
    if (c instanceof Y.ContentType) {
      if (c.type instanceof Y.XmlText) return null;
      if (c.type instanceof Y.XmlElement) return c.type.nodeName === TRANSLATION_PARAGRAPH ? null : `unknown node "${c.type.nodeName.slice(0, 40)}"`;
      return "a shared type the translation does not use";
    }
    if (c instanceof Y.ContentFormat) return "formatting";
    if (item.parentSub !== null) return c instanceof Y.ContentDeleted ? null : `attribute "${item.parentSub.slice(0, 40)}"`;
    if (c instanceof Y.ContentEmbed || c instanceof Y.ContentBinary || c instanceof Y.ContentDoc || c instanceof Y.ContentJSON || c instanceof Y.ContentAny) {
      return "content the translation does not use";
    }
    return null;
  },
};

function schemaProblem(item: Y.Item): string | null {
  const { nodes, nodeAttributes } = paperSchemaSpec();
  const c = item.content;
  if (c instanceof Y.ContentType) {
    if (c.type instanceof Y.XmlText) return null;
    if (c.type instanceof Y.XmlElement) return nodes.has(c.type.nodeName) ? null : `unknown node "${c.type.nodeName.slice(0, 40)}"`;
    return "a shared type the paper does not use";
  }
  if (c instanceof Y.ContentFormat) return markProblem(c.key, c.value);
  if (item.parentSub !== null) {
    // An attribute of an element: a name the schema gives some node, a plain value.
    if (!nodeAttributes.has(item.parentSub)) return `unknown attribute "${item.parentSub.slice(0, 40)}"`;
    if (c instanceof Y.ContentAny) return c.arr.every((v) => v === null || ["string", "number", "boolean"].includes(typeof v)) ? null : "an attribute that is not a plain value";
    return c instanceof Y.ContentDeleted ? null : "an attribute that is not a plain value";
  }
  if (c instanceof Y.ContentEmbed || c instanceof Y.ContentBinary || c instanceof Y.ContentDoc || c instanceof Y.ContentJSON || c instanceof Y.ContentAny) {
    return "content the paper does not use";
  }
  return null;
}

export function checkUpdate(update: Uint8Array, rules: DocRules): void {
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
    if (typeof parent === "string" && !rules.ownsRoot(parent)) {
      throw new CloseError(CloseCode.foreignUpdate, `update writes to "${parent.slice(0, 40)}", not part of this ${rules.noun}`);
    }
    const problem = struct instanceof Y.Item ? rules.problem(struct) : null;
    if (problem) throw new CloseError(CloseCode.foreignUpdate, `update writes ${problem}, outside the ${rules.noun}'s schema`);
  }
}

/**
 * The document's state as an update, without what waits in Yjs' pending store (structs whose
 * dependencies never arrived): those are not part of the document and must not reach other clients.
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
