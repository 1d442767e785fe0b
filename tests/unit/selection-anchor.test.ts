// The live paper's selection → anchor (ADR 0050): ProseMirror positions map onto the Y.Doc's paper text
// the same way for every kind of block the schema has, and the server finds the browser's positions
// again after concurrent edits, or refuses with the reason.
import { describe, it, expect } from "vitest";
import * as Y from "yjs";
import { getSchema } from "@tiptap/core";
import { prosemirrorJSONToYDoc, yXmlFragmentToProseMirrorRootNode } from "@tiptap/y-tiptap";
import { fromBase64 } from "lib0/buffer";
import { paperExtensions } from "~/components/editor/schema";
import { anchorOfSelection, paperOffsetAt } from "~/components/editor/selection-anchor";
import { layoutOf, locateSelection } from "~/domain/anchors";
import { PAPER_FRAGMENT } from "~/domain/paper-doc";
import { DomainError } from "~/domain/errors";

const schema = getSchema(paperExtensions());
const text = (t: string, marks?: { type: string }[]) => ({ type: "text", text: t, ...(marks ? { marks } : {}) });
const para = (...content: object[]) => ({ type: "paragraph", content });
const PAPER = {
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 2 }, content: [text("١. الهيكلية")] },
    para(text("يعمل مكتب "), text("العلاقات العامة", [{ type: "bold" }]), text(" على تطوير آلية عمله.")),
    para(text("سطر أول"), { type: "hardBreak" }, text("سطر ثانٍ")),
    { type: "bulletList", content: [{ type: "listItem", content: [para(text("بند أول"))] }, { type: "listItem", content: [para(text("بند ثانٍ"))] }] },
    {
      type: "table",
      content: [{ type: "tableRow", content: [{ type: "tableCell", content: [para(text("خلية أ"))] }, { type: "tableCell", content: [para(text("خلية ب"))] }] }],
    },
    { type: "heading", attrs: { level: 2 }, content: [text("٢. الحوار")] },
    para(text("استمرار التواصل والحوار مع القوى السورية.")),
  ],
};

function paper() {
  const ydoc = prosemirrorJSONToYDoc(schema, PAPER, PAPER_FRAGMENT);
  const pm = yXmlFragmentToProseMirrorRootNode(ydoc.getXmlFragment(PAPER_FRAGMENT), schema);
  return { ydoc, pm };
}
const noLeaf = () => "";
/** What the reader selected, as the paper text has it: blocks joined by "\\n", line breaks at the ends trimmed. */
const expected = (pm: ReturnType<typeof paper>["pm"], from: number, to: number) => pm.textBetween(from, to, "\n", noLeaf).replace(/^\n+|\n+$/g, "");

function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    return err as DomainError;
  }
  throw new Error("expected a refusal");
}

describe("ProseMirror selection → paper-text anchor", () => {
  it("every textblock position maps onto the same character of layoutOf", () => {
    const { ydoc, pm } = paper();
    const layout = layoutOf(ydoc);
    const starts = layout.blocks.map((b) => b.start);
    let blocks = 0;
    pm.descendants((node, pos) => {
      if (node.type.name !== "heading" && node.type.name !== "paragraph") return true;
      const b = layout.blocks[blocks++]!;
      expect(node.textBetween(0, node.content.size, undefined, noLeaf)).toBe(b.text);
      expect(paperOffsetAt(pm, pos + 1, starts)).toBe(b.start);
      expect(paperOffsetAt(pm, pos + 1 + node.content.size, starts)).toBe(b.end);
      return false;
    });
    expect(blocks).toBe(layout.blocks.length);
  });

  it("any selection's anchor quotes exactly the selected text (bold, hard breaks, lists, tables)", () => {
    const { ydoc, pm } = paper();
    const size = pm.content.size;
    let checked = 0;
    for (let from = 0; from < size; from += 3)
      for (let to = from + 1; to <= size; to += 5) {
        const want = expected(pm, from, to);
        const a = anchorOfSelection(ydoc, pm, from, to);
        if (!want.replace(/\n/g, "")) continue; // only line breaks selected: nothing to anchor
        expect(a?.quote, `[${from}, ${to})`).toBe(want);
        // …and the server finds the same range from the positions alone.
        const at = locateSelection(ydoc, { start: fromBase64(a!.start), end: fromBase64(a!.end), quote: a!.quote });
        expect(layoutOf(ydoc).text.slice(at.from, at.to)).toBe(want);
        checked++;
      }
    expect(checked).toBeGreaterThan(500);
  });

  it("an empty selection, or one over no text, has no anchor", () => {
    const { ydoc, pm } = paper();
    expect(anchorOfSelection(ydoc, pm, 5, 5)).toBeNull();
    expect(anchorOfSelection(ydoc, pm, 9, 4)).toBeNull();
  });
});

describe("locateSelection: the browser's positions in the server's document", () => {
  const PHRASE = "العلاقات العامة";
  /** The browser: a client of the server's document that anchors a phrase. */
  function browserAnchor(server: Y.Doc) {
    const browser = new Y.Doc();
    Y.applyUpdate(browser, Y.encodeStateAsUpdate(server));
    const pm = yXmlFragmentToProseMirrorRootNode(browser.getXmlFragment(PAPER_FRAGMENT), schema);
    let from = -1;
    pm.descendants((n, pos) => {
      if (from < 0 && n.isText && n.text!.includes(PHRASE)) from = pos + n.text!.indexOf(PHRASE);
    });
    const a = anchorOfSelection(browser, pm, from, from + PHRASE.length)!;
    return { start: fromBase64(a.start), end: fromBase64(a.end), quote: a.quote };
  }
  const block = (doc: Y.Doc) => layoutOf(doc).blocks[1]!.segments;
  /** Index of a phrase in an XmlText's characters (toString() would include the bold tags). */
  const indexIn = (t: Y.XmlText, phrase: string) => (t.toDelta() as { insert: string }[]).map((d) => d.insert).join("").indexOf(phrase);

  it("holds the selected text after an edit before it (offsets would have moved)", () => {
    const { ydoc } = paper();
    const sent = browserAnchor(ydoc);
    const before = layoutOf(ydoc).text.indexOf(PHRASE);
    block(ydoc)[0]!.text.insert(0, "أولاً: ");
    const at = locateSelection(ydoc, sent);
    expect(at.from).toBe(before + "أولاً: ".length);
    expect(layoutOf(ydoc).text.slice(at.from, at.to)).toBe(PHRASE);
  });

  it("refuses when the text changed inside, or was deleted, since it was selected (409)", () => {
    const { ydoc } = paper();
    const sent = browserAnchor(ydoc);
    const seg = block(ydoc)[0]!;
    const local = indexIn(seg.text, "العلاقات") + 3;
    expect(local).toBeGreaterThan(3);
    seg.text.insert(local, "ـ");
    expect(refusal(() => locateSelection(ydoc, sent))).toMatchObject({ code: "conflict", details: { reason: "anchorChanged" } });
    const other = paper().ydoc;
    const sent2 = browserAnchor(other);
    const seg2 = block(other)[0]!;
    const at = indexIn(seg2.text, PHRASE);
    expect(at).toBeGreaterThan(0);
    seg2.text.delete(at, PHRASE.length);
    expect(refusal(() => locateSelection(other, sent2))).toMatchObject({ code: "conflict", details: { reason: "anchorGone" } });
  });

  it("refuses positions of another document, garbage, an empty selection and a quote that is not the text (400/409)", () => {
    const { ydoc } = paper();
    const sent = browserAnchor(ydoc);
    const stranger = paper().ydoc; // same text, other Yjs clients
    expect(refusal(() => locateSelection(stranger, sent))).toMatchObject({ code: "bad_request", details: { reason: "anchorForeign" } });
    expect(refusal(() => locateSelection(ydoc, { ...sent, start: new Uint8Array([255, 1, 2]) }))).toMatchObject({ code: "bad_request", details: { reason: "anchorForeign" } });
    expect(refusal(() => locateSelection(ydoc, { ...sent, end: sent.start }))).toMatchObject({ code: "bad_request", details: { reason: "selection" } });
    expect(refusal(() => locateSelection(ydoc, { ...sent, quote: "" }))).toMatchObject({ code: "bad_request", details: { reason: "selection" } });
    expect(refusal(() => locateSelection(ydoc, { ...sent, quote: "نص آخر" }))).toMatchObject({ code: "conflict", details: { reason: "anchorChanged" } });
  });
});
