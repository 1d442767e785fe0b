// Stable block identity (ADR 0062): what the editor does on split, merge and paste, and that ids stay
// unique and untouched blocks keep theirs under concurrent Yjs edits synced in any order.
import { describe, it, expect, vi } from "vitest";
import fc from "fast-check";
import * as Y from "yjs";
import { Editor, type JSONContent } from "@tiptap/core";
import { paperExtensions } from "../../app/components/editor/schema";
import { appendSections, paperBlocks } from "../../app/domain/paper-doc";
import { BLOCK_ID_ATTRIBUTE, blockElements, blockIdsNeedRepair, effectiveBlockIds, repairBlockIds } from "../../app/domain/block-ids";

// Tiptap's keymaps ask navigator for the platform; Node 20 has none.
vi.stubGlobal("navigator", { platform: "Linux", userAgent: "node", maxTouchPoints: 0 });

/** A writing editor without a DOM: the extensions' plugins on a headless state (UniqueID included). */
function headless(content: JSONContent) {
  const editor = new Editor({ element: null, extensions: paperExtensions({ assignBlockIds: true }), content });
  (editor as unknown as { editorState: unknown }).editorState = editor.state.reconfigure({ plugins: editor.extensionManager.plugins });
  return editor;
}
const para = (id: string | null, text: string): JSONContent => ({ type: "paragraph", attrs: { [BLOCK_ID_ATTRIBUTE]: id }, content: text ? [{ type: "text", text }] : undefined });
function paragraphWith(id: string, text: string) {
  const p = new Y.XmlElement("paragraph");
  p.setAttribute(BLOCK_ID_ATTRIBUTE, id);
  p.insert(0, [new Y.XmlText(text)]);
  return p;
}
const blocks = (e: Editor) => (e.getJSON().content ?? []).map((n) => ({ id: n.attrs?.[BLOCK_ID_ATTRIBUTE] as string | null, text: (n.content ?? []).map((c) => (c as { text?: string }).text ?? "").join("") }));

describe("the editor's block ids", () => {
  it("a split keeps the id on the first half and gives the second a new one", () => {
    const e = headless({ type: "doc", content: [para("a1", "hello world"), para("b2", "second")] });
    e.chain().setTextSelection(6).splitBlock().run();
    const [first, second, third] = blocks(e);
    expect(first).toEqual({ id: "a1", text: "hello" });
    expect(second!.text).toBe(" world");
    expect(second!.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(third).toEqual({ id: "b2", text: "second" });
  });

  it("Enter at the start of a block leaves its id with its text", () => {
    const e = headless({ type: "doc", content: [para("a1", "hello")] });
    e.chain().setTextSelection(1).splitBlock().run();
    const [empty, text] = blocks(e);
    expect(text).toEqual({ id: "a1", text: "hello" });
    expect(empty!.id).not.toBe("a1");
  });

  it("a merge keeps the surviving block's id", () => {
    const e = headless({ type: "doc", content: [para("a1", "first"), para("b2", "second")] });
    e.chain().setTextSelection(8).joinBackward().run();
    expect(blocks(e)).toEqual([{ id: "a1", text: "firstsecond" }]);
  });

  it("inserted blocks get fresh ids; a copy carrying an id the paper has is left to the server's repair", () => {
    // A real paste has its ids stripped by UniqueID's transformPasted (DOM only); a programmatic insert
    // with an existing id is what the server's repair is for.
    const e = headless({ type: "doc", content: [para("a1", "first")] });
    e.commands.insertContentAt(e.state.doc.content.size, [para(null, "new"), para(null, "newer")]);
    const ids = blocks(e).map((b) => b.id);
    expect(ids[0]).toBe("a1");
    expect(new Set(ids).size).toBe(3);
    expect(ids.every((id) => typeof id === "string" && id.length > 0)).toBe(true);
    const doc = new Y.Doc();
    const frag = doc.getXmlFragment("default");
    frag.insert(0, [paragraphWith("a1", "first"), paragraphWith("a1", "copy")]);
    expect(effectiveBlockIds(blockElements(doc))[0]).toBe("a1");
    expect(effectiveBlockIds(blockElements(doc))[1]).not.toBe("a1");
  });

  it("is part of the schema everywhere, but only a writing editor assigns", () => {
    const e = new Editor({ element: null, extensions: paperExtensions(), content: { type: "doc", content: [para(null, "x")] } });
    e.commands.insertContentAt(e.state.doc.content.size, para(null, "y"));
    expect(blocks(e).map((b) => b.id)).toEqual([null, null]);
  });
});

// ——— Concurrent edits on Yjs replicas, as the editors' updates reach the server ———

type Op =
  | { kind: "type"; block: number; text: string }
  | { kind: "split"; block: number; at: number }
  | { kind: "merge"; block: number }
  | { kind: "move"; block: number; to: number }
  | { kind: "paste"; block: number } // a copy keeping the id (a foreign writer; the editor would not)
  | { kind: "bare"; at: number } // a block without id (a writer without UniqueID)
  | { kind: "delete"; block: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("type" as const), block: fc.nat(20), text: fc.constantFrom("و", " نص", "x") }),
  fc.record({ kind: fc.constant("split" as const), block: fc.nat(20), at: fc.nat(10) }),
  fc.record({ kind: fc.constant("merge" as const), block: fc.nat(20) }),
  fc.record({ kind: fc.constant("move" as const), block: fc.nat(20), to: fc.nat(20) }),
  fc.record({ kind: fc.constant("paste" as const), block: fc.nat(20) }),
  fc.record({ kind: fc.constant("bare" as const), at: fc.nat(20) }),
  fc.record({ kind: fc.constant("delete" as const), block: fc.nat(20) }),
);

let fresh = 0;
const textOf = (el: Y.XmlElement) => (el.get(0) instanceof Y.XmlText ? (el.get(0) as Y.XmlText).toString() : "");
function paragraph(text: string, id: string | null) {
  const p = new Y.XmlElement("paragraph");
  if (id) p.setAttribute(BLOCK_ID_ATTRIBUTE, id);
  p.insert(0, [new Y.XmlText(text)]);
  return p;
}

/** Applies op as the editor's binding would write it; returns the ids of the blocks it touched. */
function apply(doc: Y.Doc, op: Op): string[] {
  const frag = doc.getXmlFragment("default");
  const n = frag.length;
  if (!n) return [];
  const i = ("block" in op ? op.block : op.at) % n;
  const el = frag.get(i) as Y.XmlElement;
  const id = String(el.getAttribute(BLOCK_ID_ATTRIBUTE));
  const text = el.get(0) as Y.XmlText;
  switch (op.kind) {
    case "type":
      text.insert(text.length, op.text);
      return [];
    case "split": {
      const at = Math.min(op.at, text.length);
      const tail = text.toString().slice(at);
      doc.transact(() => {
        text.delete(at, text.length - at);
        frag.insert(i + 1, [paragraph(tail, `n${++fresh}`)]);
      });
      return [id];
    }
    case "merge": {
      if (i + 1 >= n) return [];
      const next = frag.get(i + 1) as Y.XmlElement;
      const nextId = String(next.getAttribute(BLOCK_ID_ATTRIBUTE));
      doc.transact(() => {
        text.insert(text.length, textOf(next));
        frag.delete(i + 1, 1);
      });
      return [id, nextId];
    }
    case "move": {
      const copy = paragraph(textOf(el), el.getAttribute(BLOCK_ID_ATTRIBUTE) ?? null);
      doc.transact(() => {
        frag.delete(i, 1);
        frag.insert(Math.min(op.to, frag.length), [copy]);
      });
      return [id];
    }
    case "paste":
      frag.insert(i + 1, [paragraph(textOf(el), el.getAttribute(BLOCK_ID_ATTRIBUTE) ?? null)]);
      return [id];
    case "bare":
      frag.insert(i, [paragraph("بلا معرّف", null)]);
      return [];
    case "delete":
      frag.delete(i, 1);
      return [id];
  }
}

function replica(state: Uint8Array, clientID: number) {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  Y.applyUpdate(doc, state);
  return doc;
}
const syncPair = (a: Y.Doc, b: Y.Doc) => {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
};
const storedIds = (doc: Y.Doc) => blockElements(doc).map((el) => el.getAttribute(BLOCK_ID_ATTRIBUTE));

describe("block ids under concurrent edits", () => {
  const base = new Y.Doc();
  appendSections(base, [{ title: "الباب الأول", paragraphs: ["المادة الأولى", "المادة الثانية", "المادة الثالثة", "المادة الرابعة"] }]);
  const baseState = Y.encodeStateAsUpdate(base);
  const originalIds = paperBlocks(base).map((b) => b.id);

  it("the seed gives every block a unique id", () => {
    expect(new Set(originalIds).size).toBe(5);
    expect(blockIdsNeedRepair(base)).toBe(false);
  });

  it("stay unique after repair, converge on every replica, and untouched blocks keep theirs", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(2), opArb), { minLength: 1, maxLength: 12 }),
        fc.array(fc.tuple(fc.nat(2), fc.nat(2)), { maxLength: 6 }),
        fc.boolean(),
        (ops, midSyncs, twoRepairers) => {
          const docs = [replica(baseState, 101), replica(baseState, 202), replica(baseState, 303)];
          const touched = new Set<string>();
          ops.forEach(([who, op], k) => {
            for (const id of apply(docs[who]!, op)) touched.add(id);
            // Syncs between some of the edits, in varied pairs and orders.
            const s = midSyncs[k];
            if (s && s[0] !== s[1]) syncPair(docs[s[0]]!, docs[s[1]]!);
          });
          // Effective ids are computed the same on every replica once they hold the same state.
          for (const a of docs) for (const b of docs) syncPair(a, b);
          const effective = effectiveBlockIds(blockElements(docs[0]!));
          for (const d of docs) expect(effectiveBlockIds(blockElements(d))).toEqual(effective);
          expect(new Set(effective).size).toBe(effective.length);
          // The server repairs (and, with two instances, both repair the same state concurrently).
          repairBlockIds(docs[0]!);
          if (twoRepairers) repairBlockIds(docs[1]!);
          for (const a of docs) for (const b of docs) syncPair(a, b);
          const stored = storedIds(docs[0]!);
          expect(stored).toEqual(effective);
          for (const d of docs) expect(storedIds(d)).toEqual(stored);
          expect(blockIdsNeedRepair(docs[2]!)).toBe(false);
          // A block no one split, merged, moved, pasted or deleted is still there, under its id, once.
          for (const id of originalIds) if (!touched.has(id)) expect(stored.filter((s) => s === id)).toHaveLength(1);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("a concurrent move of the same block by two clients leaves one block with its id", () => {
    const [a, b] = [replica(baseState, 1), replica(baseState, 2)];
    apply(a, { kind: "move", block: 1, to: 4 });
    apply(b, { kind: "move", block: 1, to: 0 });
    syncPair(a, b);
    const moved = originalIds[1]!;
    expect(storedIds(a).filter((id) => id === moved)).toHaveLength(2);
    repairBlockIds(a);
    syncPair(a, b);
    expect(storedIds(b).filter((id) => id === moved)).toHaveLength(1);
    expect(new Set(storedIds(b)).size).toBe(storedIds(b).length);
  });
});
