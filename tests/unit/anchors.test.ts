// Anchors follow the text through concurrent edits by other Yjs clients; resolving says intact,
// changed (with the quote then and the text now) or orphaned; merges keep other anchors alive.
import { describe, it, expect } from "vitest";
import * as Y from "yjs";
import fc from "fast-check";
import { appendSections, paperText, PAPER_FRAGMENT } from "~/domain/paper-doc";
import { cloneDoc, createAnchor, insertSection, layoutOf, resolveAnchor, spliceText, paragraphsOf } from "~/domain/anchors";

const SECTIONS = [
  { title: "١. الهيكلية", paragraphs: ["يعمل مكتب العلاقات العامة على تطوير آلية عمله.", "يتألف المكتب من رئاسة مشتركة ولجان متخصصة."] },
  { title: "٢. الحوار", paragraphs: ["استمرار التواصل والحوار مع القوى السورية."] },
];

function server(): Y.Doc {
  const doc = new Y.Doc();
  appendSections(doc, SECTIONS);
  return doc;
}
/** An editor client that starts from the server's state (a separate Yjs client id). */
function clientOf(doc: Y.Doc): Y.Doc {
  const c = new Y.Doc();
  Y.applyUpdate(c, Y.encodeStateAsUpdate(doc));
  return c;
}
const sync = (to: Y.Doc, ...from: Y.Doc[]) => from.forEach((f) => Y.applyUpdate(to, Y.encodeStateAsUpdate(f, Y.encodeStateVector(to))));
/** The XmlText of the n-th block of a document. */
const textOfBlock = (doc: Y.Doc, n: number) => (doc.getXmlFragment(PAPER_FRAGMENT).get(n) as Y.XmlElement).get(0) as Y.XmlText;
const anchorOn = (doc: Y.Doc, phrase: string) => {
  const at = paperText(doc).indexOf(phrase);
  expect(at).toBeGreaterThanOrEqual(0);
  return createAnchor(doc, at, at + phrase.length);
};

describe("layout", () => {
  it("has the same text as paperText, offsets line up with blocks", () => {
    const doc = server();
    const l = layoutOf(doc);
    expect(l.text).toBe(paperText(doc));
    for (const b of l.blocks) expect(l.text.slice(b.start, b.end)).toBe(b.text);
    expect(l.blocks.map((b) => b.type)).toEqual(["heading", "paragraph", "paragraph", "heading", "paragraph"]);
  });
  it("counts formatted runs and embeds correctly", () => {
    const doc = new Y.Doc();
    const p = new Y.XmlElement("paragraph");
    doc.getXmlFragment(PAPER_FRAGMENT).insert(0, [p]);
    const t = new Y.XmlText();
    p.insert(0, [t]);
    t.insert(0, "مرحبا ");
    t.insert(6, "بالعالم", { bold: true });
    t.insertEmbed(13, { image: "x" });
    t.insert(14, " الجديد");
    expect(layoutOf(doc).text).toBe("مرحبا بالعالم الجديد");
    const a = createAnchor(doc, 14, 20); // "الجديد" sits after the embed
    expect(a.quote).toBe("الجديد");
    expect(resolveAnchor(doc, a).status).toBe("intact");
  });
});

describe("createAnchor", () => {
  it("quotes the selection, records the section and the state vector", () => {
    const doc = server();
    const a = anchorOn(doc, "العلاقات العامة");
    expect(a.quote).toBe("العلاقات العامة");
    expect(a.sectionTitle).toBe("١. الهيكلية");
    expect(Y.decodeStateVector(a.stateVector).get(doc.clientID)).toBeGreaterThan(0);
  });
  it("rejects empty selections and selections outside the paper", () => {
    const doc = server();
    const len = paperText(doc).length;
    expect(() => createAnchor(doc, 5, 5)).toThrow(/outside the paper|empty/);
    expect(() => createAnchor(doc, -1, 3)).toThrow();
    expect(() => createAnchor(doc, 3, len + 1)).toThrow();
    expect(() => createAnchor(doc, 1.5, 3)).toThrow();
  });
  it("trims a bound on the line break into the neighbouring block", () => {
    const doc = server();
    const l = layoutOf(doc);
    const a = createAnchor(doc, l.blocks[0]!.end, l.blocks[1]!.end + 1); // "\n" + paragraph + "\n"
    expect(a.quote).toBe(l.blocks[1]!.text);
  });
  it("spans blocks", () => {
    const doc = server();
    const l = layoutOf(doc);
    const a = createAnchor(doc, l.blocks[1]!.start + 5, l.blocks[2]!.start + 6);
    expect(a.quote).toBe(l.text.slice(l.blocks[1]!.start + 5, l.blocks[2]!.start + 6));
    expect(a.quote).toContain("\n");
    expect(resolveAnchor(doc, a).status).toBe("intact");
  });
});

describe("resolveAnchor under concurrent edits", () => {
  const phrase = "العلاقات العامة";
  const setup = () => {
    const doc = server();
    const a = anchorOn(doc, phrase);
    return { doc, a, e1: clientOf(doc), e2: clientOf(doc) };
  };

  it("edits before and after the anchor by two concurrent clients: intact, offsets follow", () => {
    const { doc, a, e1, e2 } = setup();
    textOfBlock(e1, 1).insert(0, "نصّ جديد قبله ");
    textOfBlock(e2, 1).insert(textOfBlock(e2, 1).length, " وبعده.");
    textOfBlock(e2, 0).insert(0, "عنوان: ");
    sync(doc, e1, e2);
    const r = resolveAnchor(doc, a);
    expect(r.status).toBe("intact");
    expect(r.textNow).toBe(phrase);
    expect(paperText(doc).slice(r.from!, r.to!)).toBe(phrase);
    expect(r.from).toBe(a.from + "نصّ جديد قبله ".length + "عنوان: ".length);
  });

  it("text typed right against either bound stays outside the anchor", () => {
    const { doc, a, e1, e2 } = setup();
    const local = a.from - layoutOf(doc).blocks[1]!.start;
    textOfBlock(e1, 1).insert(local, "«");
    textOfBlock(e2, 1).insert(local + phrase.length, "»");
    sync(doc, e1, e2);
    const r = resolveAnchor(doc, a);
    expect(r.status).toBe("intact");
    expect(paperText(doc)).toContain(`«${phrase}»`);
  });

  it("an edit inside the anchor: changed, with the quote then and the text now", () => {
    const { doc, a, e1, e2 } = setup();
    const local = a.from - layoutOf(doc).blocks[1]!.start;
    textOfBlock(e1, 1).insert(local + "العلاقات".length, " الخارجية و");
    textOfBlock(e2, 1).insert(0, "أولاً: "); // concurrent, before
    sync(doc, e1, e2);
    const r = resolveAnchor(doc, a);
    expect(r.status).toBe("changed");
    expect(r.quote).toBe(phrase);
    expect(r.textNow).toBe("العلاقات الخارجية و العامة");
  });

  it("part of the anchored text deleted: changed; all of it deleted: orphaned", () => {
    const { doc, a, e1 } = setup();
    const local = a.from - layoutOf(doc).blocks[1]!.start;
    textOfBlock(e1, 1).delete(local, "العلاقات ".length);
    sync(doc, e1);
    expect(resolveAnchor(doc, a)).toMatchObject({ status: "changed", textNow: "العامة" });
    textOfBlock(e1, 1).delete(local, "العامة".length);
    sync(doc, e1);
    expect(resolveAnchor(doc, a)).toMatchObject({ status: "orphaned", from: null, textNow: null, quote: phrase });
  });

  it("deleted and retyped in the same place (select + type): orphaned, the new text is not the old one", () => {
    const { doc, a, e1 } = setup();
    const local = a.from - layoutOf(doc).blocks[1]!.start;
    textOfBlock(e1, 1).delete(local, phrase.length);
    textOfBlock(e1, 1).insert(local, phrase);
    sync(doc, e1);
    expect(resolveAnchor(doc, a).status).toBe("orphaned");
  });

  it("the anchored paragraph removed by another client: orphaned", () => {
    const { doc, a, e1 } = setup();
    e1.getXmlFragment(PAPER_FRAGMENT).delete(1, 1);
    sync(doc, e1);
    expect(resolveAnchor(doc, a).status).toBe("orphaned");
  });

  it("re-anchoring an orphan on new text makes it intact again", () => {
    const { doc, a, e1 } = setup();
    e1.getXmlFragment(PAPER_FRAGMENT).delete(1, 1);
    sync(doc, e1);
    expect(resolveAnchor(doc, a).status).toBe("orphaned");
    const b = anchorOn(doc, "رئاسة مشتركة");
    expect(resolveAnchor(doc, b)).toMatchObject({ status: "intact", sectionTitle: "١. الهيكلية" });
  });

  it("resolves identically on any replica once synced (encoded positions travel)", () => {
    const { doc, a, e1 } = setup();
    textOfBlock(e1, 1).insert(0, "قبل ");
    sync(doc, e1);
    const replica = clientOf(doc);
    expect(resolveAnchor(replica, a)).toEqual(resolveAnchor(doc, a));
  });

  it("property: any concurrent edits outside the anchor leave it intact", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ client: fc.integer({ min: 0, max: 1 }), side: fc.boolean(), del: fc.boolean(), n: fc.nat(40), text: fc.string({ minLength: 1, maxLength: 5 }) }), { maxLength: 12 }),
        (ops) => {
          const { doc, a, e1, e2 } = setup();
          for (const op of ops) {
            const c = op.client ? e2 : e1;
            const l = layoutOf(c);
            const r = resolveAnchor(c, a, l);
            const block = l.blocks[1]!;
            // Outside = strictly before r.from or at/after r.to within the anchored paragraph.
            const lo = block.start, hi = block.end;
            const pos = op.side ? lo + (op.n % (r.from! - lo + 1)) : r.to! + (op.n % (hi - r.to! + 1));
            const t = textOfBlock(c, 1);
            if (op.del) {
              const room = op.side ? r.from! - pos : hi - pos;
              if (room > 0) t.delete(pos - lo, Math.min(room, 1 + (op.n % 3)));
            } else t.insert(pos - lo, op.text);
          }
          sync(doc, e1, e2);
          const r = resolveAnchor(doc, a);
          return r.status === "intact" && r.textNow === phrase;
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe("spliceText / insertSection (the edits a merge makes)", () => {
  it("REPLACE inside a paragraph keeps a neighbouring anchor in the same paragraph intact", () => {
    const doc = server();
    const target = anchorOn(doc, "العامة");
    const neighbour = anchorOn(doc, "تطوير آلية عمله");
    spliceText(doc, target.from, target.to, ["الخارجية"]);
    expect(paperText(doc)).toContain("مكتب العلاقات الخارجية على تطوير");
    expect(resolveAnchor(doc, neighbour)).toMatchObject({ status: "intact", textNow: "تطوير آلية عمله" });
    expect(resolveAnchor(doc, target).status).toBe("orphaned");
  });

  it("inserted text keeps the formatting of the text before it", () => {
    const doc = server();
    const t = textOfBlock(doc, 1);
    t.format(0, 4, { bold: true });
    spliceText(doc, 0 + layoutOf(doc).blocks[1]!.start + 4, layoutOf(doc).blocks[1]!.start + 4, ["ـهـ"]);
    expect((t.toDelta() as { insert: string; attributes?: object }[])[0]).toEqual({ insert: "يعملـهـ", attributes: { bold: true } });
  });

  it("DELETE across blocks removes the blocks in between and keeps the outer ones", () => {
    const doc = server();
    const l = layoutOf(doc);
    const keep = anchorOn(doc, "استمرار التواصل");
    spliceText(doc, l.blocks[1]!.start + 4, l.blocks[2]!.start + 6, []);
    const after = layoutOf(doc);
    expect(after.blocks.map((b) => b.text)).toEqual([l.blocks[0]!.text, "يعمل", l.blocks[2]!.text.slice(6), l.blocks[3]!.text, l.blocks[4]!.text]);
    expect(resolveAnchor(doc, keep).status).toBe("intact");
  });

  it("DELETE of a whole paragraph removes the paragraph", () => {
    const doc = server();
    const l = layoutOf(doc);
    spliceText(doc, l.blocks[2]!.start, l.blocks[2]!.end, []);
    expect(layoutOf(doc).blocks.map((b) => b.text)).toEqual([l.blocks[0]!.text, l.blocks[1]!.text, l.blocks[3]!.text, l.blocks[4]!.text]);
  });

  it("REPLACE with several paragraphs in the middle of one splits it like Enter", () => {
    const doc = server();
    const a = anchorOn(doc, "العامة");
    spliceText(doc, a.from, a.to, paragraphsOf("الخارجية.\nفقرة جديدة كاملة.\n\nوأخرى:"));
    const texts = layoutOf(doc).blocks.map((b) => b.text);
    expect(texts.slice(1, 5)).toEqual(["يعمل مكتب العلاقات الخارجية.", "فقرة جديدة كاملة.", "وأخرى:", " على تطوير آلية عمله."]);
  });

  it("INSERT at the end of a paragraph with several paragraphs adds them after it", () => {
    const doc = server();
    const l = layoutOf(doc);
    spliceText(doc, l.blocks[4]!.end, l.blocks[4]!.end, [" وتعزيزه.", "فقرة ختامية."]);
    expect(layoutOf(doc).blocks.slice(4).map((b) => b.text)).toEqual(["استمرار التواصل والحوار مع القوى السورية. وتعزيزه.", "فقرة ختامية."]);
  });

  it("NEW_SECTION goes after the anchored section, before the next heading", () => {
    const doc = server();
    const a = anchorOn(doc, "١. الهيكلية");
    insertSection(doc, a.from, "١ مكرر. الشفافية", ["ينشر المكتب تقاريره دورياً."]);
    const l = layoutOf(doc);
    expect(l.blocks.map((b) => b.text)).toEqual(["١. الهيكلية", SECTIONS[0]!.paragraphs[0], SECTIONS[0]!.paragraphs[1], "١ مكرر. الشفافية", "ينشر المكتب تقاريره دورياً.", "٢. الحوار", SECTIONS[1]!.paragraphs[0]]);
    expect(l.blocks[3]).toMatchObject({ type: "heading", level: 2 });
  });

  it("cloneDoc previews without touching the original", () => {
    const doc = server();
    const before = paperText(doc);
    const copy = cloneDoc(doc);
    const a = anchorOn(copy, "العامة");
    spliceText(copy, a.from, a.to, ["الخارجية"]);
    expect(paperText(doc)).toBe(before);
    expect(paperText(copy)).not.toBe(before);
  });
});
