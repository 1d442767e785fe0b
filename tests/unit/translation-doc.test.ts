// A translation's live document (ADR 0074): names, a block's text as the rows hold it, and a save from a
// form or the API applied as the smallest change, so a translator typing elsewhere keeps their words.
import { describe, it, expect } from "vitest";
import * as Y from "yjs";
import { blockField, blockIdOfField, fragmentText, parseTranslationDocName, setFragmentText, translationDocFrom, translationDocName } from "~/domain/translation-doc";

describe("translation documents", () => {
  it("names one document per paper and language, and nothing else", () => {
    expect(translationDocName("p1", "ku")).toBe("p1:ku");
    expect(parseTranslationDocName("p1:en")).toEqual({ paperId: "p1", language: "en" });
    for (const bad of ["p1", "p1:fr", "p1:en:x", ":en", "p 1:en", `${"x".repeat(65)}:en`]) expect(parseTranslationDocName(bad)).toBeNull();
    expect(blockIdOfField(blockField("b-1"))).toBe("b-1");
    expect(blockIdOfField("default")).toBeNull();
  });

  it("reads a block's paragraphs as lines, and starts a document from rows", () => {
    const doc = translationDocFrom([
      { blockId: "a", text: "one\ntwo" },
      { blockId: "b", text: "  padded  " },
    ]);
    expect(fragmentText(doc.getXmlFragment(blockField("a")))).toBe("one\ntwo");
    expect(doc.getXmlFragment(blockField("a")).length).toBe(2);
    expect(fragmentText(doc.getXmlFragment(blockField("b")))).toBe("padded");
  });

  it("changes only what differs, so a concurrent insertion elsewhere in the paragraph survives", () => {
    const server = translationDocFrom([{ blockId: "a", text: "The quick fox jumps." }]);
    const typist = new Y.Doc();
    Y.applyUpdate(typist, Y.encodeStateAsUpdate(server));
    const fragment = (d: Y.Doc) => d.getXmlFragment(blockField("a"));
    // The typist adds a word at the end while a form saves a change near the start.
    ((fragment(typist).get(0) as Y.XmlElement).get(0) as Y.XmlText).insert("The quick fox jumps".length, " high");
    expect(setFragmentText(fragment(server), "The brown fox jumps.")).toBe(true);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(typist));
    Y.applyUpdate(typist, Y.encodeStateAsUpdate(server));
    expect(fragmentText(fragment(server))).toBe("The brown fox jumps high.");
    expect(fragmentText(fragment(typist))).toBe(fragmentText(fragment(server)));
    // Unchanged text writes nothing; several lines replace the block.
    expect(setFragmentText(fragment(server), " The brown fox jumps high. ")).toBe(false);
    expect(setFragmentText(fragment(server), "line one\nline two")).toBe(true);
    expect(fragmentText(fragment(server))).toBe("line one\nline two");
  });
});
