// Stable identity of the paper's blocks (ADR 0062): every paragraph and heading (at any depth: in
// lists, quotes and tables too, the same blocks as paperBlocks) carries a `blockid` attribute in the
// Yjs document. Editors assign ids to the blocks they create (Tiptap's UniqueID); the collab server
// repairs what is missing or duplicated with ids derived from the block's own Yjs item, so every
// replica computing the repair writes the same value, and readers that see a paper before its repair
// compute exactly the ids the repair will write.
import * as Y from "yjs";
import { PAPER_FRAGMENT } from "./paper-doc";

// Lower case: it is rendered as `data-blockid`, and HTML attribute names are case-insensitive.
export const BLOCK_ID_ATTRIBUTE = "blockid";
export const BLOCK_NODE_TYPES = ["paragraph", "heading"] as const;
const blockTypes: ReadonlySet<string> = new Set(BLOCK_NODE_TYPES);

/** What an editor may write as an id: short, URL- and HTML-safe. */
export const isValidBlockId = (v: unknown): v is string => typeof v === "string" && /^[A-Za-z0-9_-]{1,64}$/.test(v);

/** The paper's blocks in document order, as their Yjs elements. */
export function blockElements(doc: Y.Doc): Y.XmlElement[] {
  const out: Y.XmlElement[] = [];
  const walk = (node: Y.XmlElement | Y.XmlFragment) => {
    for (const child of node.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue;
      if (blockTypes.has(child.nodeName)) out.push(child);
      else walk(child);
    }
  };
  walk(doc.getXmlFragment(PAPER_FRAGMENT));
  return out;
}

/** An id from the element's Yjs item (client, clock): the same on every replica, unique in the doc. */
function derivedId(el: Y.XmlElement): string {
  const id = el._item?.id;
  return id ? `y${id.client.toString(36)}-${id.clock.toString(36)}` : "y-unintegrated";
}

/**
 * The id each block has once repaired. Rule: a valid id is kept by the first block carrying it in
 * document order (a split's first half, a merge's survivor); any other block (no id, an invalid id, a
 * later duplicate from a concurrent move or a foreign writer) gets the id derived from its Yjs item.
 */
export function effectiveBlockIds(elements: Y.XmlElement[]): string[] {
  const kept = new Set<string>();
  const own = elements.map((el) => {
    const v = el.getAttribute(BLOCK_ID_ATTRIBUTE) as unknown;
    if (!isValidBlockId(v) || kept.has(v)) return null;
    kept.add(v);
    return v;
  });
  return elements.map((el, i) => {
    const mine = own[i];
    if (mine) return mine;
    const base = derivedId(el);
    let id = base;
    for (let n = 2; kept.has(id); n++) id = `${base}-${n}`;
    kept.add(id);
    return id;
  });
}

/** True when some block's stored id differs from its effective one. */
export function blockIdsNeedRepair(doc: Y.Doc): boolean {
  const els = blockElements(doc);
  const ids = effectiveBlockIds(els);
  return els.some((el, i) => el.getAttribute(BLOCK_ID_ATTRIBUTE) !== ids[i]);
}

/** Writes the effective ids where they differ (call inside the caller's transaction). Returns how many. */
export function repairBlockIds(doc: Y.Doc): number {
  const els = blockElements(doc);
  const ids = effectiveBlockIds(els);
  let n = 0;
  doc.transact(() => {
    els.forEach((el, i) => {
      if (el.getAttribute(BLOCK_ID_ATTRIBUTE) === ids[i]) return;
      el.setAttribute(BLOCK_ID_ATTRIBUTE, ids[i]!);
      n++;
    });
  });
  return n;
}
