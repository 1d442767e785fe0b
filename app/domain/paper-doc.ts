// The working paper as a Yjs document: ProseMirror content in the XmlFragment "default", node names as
// Tiptap's StarterKit defines them (heading/paragraph), so the editor opens it as is.
import * as Y from "yjs";
import { blockElements, effectiveBlockIds, repairBlockIds } from "./block-ids";

export const PAPER_FRAGMENT = "default";

export interface PaperSection {
  title: string;
  paragraphs: string[];
}

export function appendSections(doc: Y.Doc, sections: PaperSection[]) {
  const fragment = doc.getXmlFragment(PAPER_FRAGMENT);
  const nodes: Y.XmlElement[] = [];
  for (const s of sections) {
    const h = new Y.XmlElement("heading");
    h.setAttribute("level", 2 as unknown as string);
    h.insert(0, [new Y.XmlText(s.title)]);
    nodes.push(h);
    for (const p of s.paragraphs) {
      const el = new Y.XmlElement("paragraph");
      el.insert(0, [new Y.XmlText(p)]);
      nodes.push(el);
    }
  }
  doc.transact(() => {
    fragment.insert(fragment.length, nodes);
    // New blocks get their ids now, as an editor would give them (ADR 0062).
    repairBlockIds(doc);
  });
}

export function buildPaperState(sections: PaperSection[]): Uint8Array {
  const doc = new Y.Doc();
  appendSections(doc, sections);
  return Y.encodeStateAsUpdate(doc);
}

/** Plain text of the paper, one block a line (search, exports, diffs). */
export function paperText(doc: Y.Doc): string {
  return paperBlocks(doc)
    .map((b) => b.text)
    .join("\n");
}

export interface PaperBlock {
  /** Stable block id (ADR 0062): the stored one, or the one the collab server's repair will write. */
  id: string;
  type: string;
  level?: number;
  text: string;
}

export function paperBlocks(doc: Y.Doc): PaperBlock[] {
  const els = blockElements(doc);
  const ids = effectiveBlockIds(els);
  return els.map((el, i) => {
    const level = el.getAttribute("level") as unknown as number | undefined;
    return { id: ids[i]!, type: el.nodeName, level: level ? Number(level) : undefined, text: textOf(el) };
  });
}

function textOf(el: Y.XmlElement): string {
  return el
    .toArray()
    .map((c) => (c instanceof Y.XmlText
        ? (c.toDelta() as { insert: unknown }[]).map((d) => (typeof d.insert === "string" ? d.insert : "")).join("")
        : c instanceof Y.XmlElement ? textOf(c) : ""))
    .join("");
}
