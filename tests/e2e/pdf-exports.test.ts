// PDF exports over real HTTP against the built server (demo seed, ADR 0064/0065): the paper and the
// amendment table as PDFs made on the server, read back with pdf.js's text extraction and checked for
// Arabic words in reading order; the paper in one translation or bilingual (PDF, DOCX, print) with missing
// translations marked; a bold word of the paper drawn with the bold face in its place; bad parameters and
// the wrong people refused.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { unzipSync, strFromU8 } from "fflate";
import { startAppServer, type AppServer } from "../helpers/app-server.js";
import { postForm, signInAs } from "../security/helpers.js";
import * as Y from "yjs";
import { PAPER_FRAGMENT, paperBlocks } from "~/domain/paper-doc";
import { pdfItems, pdfText } from "../helpers/pdf-text.js";

const SENTENCE = "للمكتب خطط وبرامج على المدى القريب والمتوسط والبعيد.";
const KURDISH = "Ji bo nivîsgehê plan û bernameyên li ser demên nêzîk, navîn û dûr hene.";
const ENGLISH = "The office has plans and programmes for the near, medium and long term.";
const RATIONALE = "صياغة أوضح تخدم التوافق";
/** A word the editor marks bold, in a paragraph of the demo paper. */
const BOLD_IN = "تتابع ممثليات المجلس";
const BOLD = "السياسية";
/** Words in this order, whatever spaces and line breaks the extraction puts between them. */
const inOrder = (words: string) => new RegExp(words.split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("\\s+"));

describe("PDF exports", () => {
  let app: AppServer;
  let paperId: string;
  const cookies: Record<string, string> = {};
  const get = (path: string, who: string | null) => fetch(`${app.url}${path}`, { headers: who ? { cookie: cookies[who]! } : {}, redirect: "manual" });
  const pdfOf = async (path: string, who = "committee") => {
    const res = await get(path, who);
    expect(res.status, path).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
    return (await pdfText(bytes)).join("\n");
  };

  beforeAll(async () => {
    app = await startAppServer();
    for (const who of ["committee", "delegate", "delegate2", "observer"]) cookies[who] = await signInAs(app.url, `${who}@example.org`);
    paperId = (await app.running.services.prisma.paper.findFirstOrThrow()).id;
    const doc = await app.running.services.papers.read(paperId);
    const block = paperBlocks(doc).find((b) => b.text === SENTENCE)!;
    for (const [language, text] of [["ku", KURDISH], ["en", ENGLISH]] as const) {
      const saved = await postForm(app.url, "/paper/translations", cookies.committee!, { intent: "save", blockId: block.id, language, view: "side", text });
      expect(saved.status).toBe(302);
    }
    // Bold as the editor stores it: a formatting attribute on the paragraph's text.
    const committeeId = (await app.running.services.prisma.user.findUniqueOrThrow({ where: { email: "committee@example.org" } })).id;
    await app.running.services.papers.change(paperId, committeeId, (d) => {
      const para = d.getXmlFragment(PAPER_FRAGMENT).toArray().find((n) => n instanceof Y.XmlElement && n.toArray()[0]?.toString().startsWith(BOLD_IN)) as Y.XmlElement;
      const text = para.toArray()[0] as Y.XmlText;
      text.format(text.toString().indexOf(BOLD), BOLD.length, { bold: {} });
    });
  }, 240_000);
  afterAll(async () => app?.stop());

  it("exports the paper as a PDF whose text reads the Arabic in order", async () => {
    const text = await pdfOf("/paper/export.pdf");
    expect(text).toMatch(inOrder(SENTENCE));
    expect(text).toMatch(inOrder("استراتيجية عمل المكتب في المرحلة الراهنة"));
    // Each reader role may export what it may read.
    expect(await pdfOf("/paper/export.pdf", "observer")).toMatch(inOrder(SENTENCE));
  });

  it("draws the paper's bold word with the bold face, between its neighbours in reading order", async () => {
    const res = await get("/paper/export.pdf", "committee");
    expect(res.status).toBe(200);
    const items = (await pdfItems(new Uint8Array(await res.arrayBuffer()))).flat();
    const at = items.findIndex((i) => i.str.trim() === BOLD);
    expect(at, JSON.stringify(items.map((i) => i.str))).toBeGreaterThan(0);
    expect(items[at]!.font).toMatch(/\+Vazirmatn-Bold$/);
    expect(items[at - 1]).toMatchObject({ str: expect.stringContaining("الجهات"), font: expect.stringMatching(/\+Vazirmatn-Regular$/) });
    expect(items[at + 1]).toMatchObject({ str: expect.stringContaining("الدولية"), font: expect.stringMatching(/\+Vazirmatn-Regular$/) });
  });

  it("exports the paper in Kurdish, in English, and bilingual with missing translations marked", async () => {
    const ku = await pdfOf("/paper/export.pdf?lang=ku");
    expect(ku).toContain(KURDISH);
    expect(ku).toContain("Hîn werger tune");
    expect(ku).not.toMatch(inOrder(SENTENCE));
    const en = await pdfOf("/paper/export.pdf?lang=en");
    expect(en).toContain(ENGLISH);
    // "+" typed into an address arrives as a space; both spellings work.
    for (const q of ["ar%2Bku", "ar+ku"]) {
      const both = await pdfOf(`/paper/export.pdf?lang=${q}`);
      // Each column reads whole: the Arabic, then its Kurdish (wrapped in the narrower column).
      expect(both).toMatch(new RegExp(`${inOrder(SENTENCE).source}\\s+${inOrder(KURDISH).source}`));
      expect(both).toContain("Nivîsa Erebî (ya fermî)");
    }
  });

  it("applies the language to the DOCX and the print view", async () => {
    const docx = await get("/paper/export?lang=ar%2Ben", "committee");
    expect(docx.status).toBe(200);
    const xml = strFromU8(unzipSync(new Uint8Array(await docx.arrayBuffer()))["word/document.xml"]!);
    expect(xml).toContain(SENTENCE);
    expect(xml).toContain(ENGLISH);
    expect(xml).toContain("Not translated yet");
    expect(xml).toContain("<w:bidiVisual");
    const kuDocx = strFromU8(unzipSync(new Uint8Array(await (await get("/paper/export?lang=ku", "committee")).arrayBuffer()))["word/document.xml"]!);
    expect(kuDocx).toContain(KURDISH);
    expect(kuDocx).not.toContain(SENTENCE);
    const print = await (await get("/paper/print?lang=ar%2Bku", "delegate")).text();
    expect(print).toContain('data-testid="paper-bilingual"');
    expect(print).toContain(KURDISH);
    expect(print).toContain('data-status="missing"');
  });

  it("refuses bad parameters and people who are not signed in", async () => {
    for (const q of ["lang=fr", "lang=ku%2Ben", "version=a%20b", "colour=red"]) expect((await get(`/paper/export.pdf?${q}`, "committee")).status, q).toBe(400);
    expect((await get("/paper/export.pdf?version=nope", "committee")).status).toBe(404);
    expect((await get("/amendments/table.pdf?state=FOO", "committee")).status).toBe(400);
    for (const path of ["/paper/export.pdf", "/amendments/table.pdf", "/paper/export?lang=ku"]) {
      const res = await get(path, null);
      expect(res.status, path).toBeGreaterThanOrEqual(300);
      expect(res.status, path).toBeLessThan(400);
      expect(res.headers.get("content-type") ?? "").not.toContain("pdf");
    }
  });

  it("exports the amendment table as a PDF, a delegate's holding only their own force's amendments", async () => {
    const api = async (who: string, path: string, body: unknown) =>
      fetch(`${app.url}/api/v1${path}`, { method: "POST", headers: { cookie: cookies[who]!, "content-type": "application/json" }, body: JSON.stringify(body) });
    const created = await api("delegate", `/papers/${paperId}/amendments`, { type: "REPLACE", start: 10, end: 30, proposedText: "نص بديل مقترح", rationale: RATIONALE });
    expect(created.status).toBe(201);
    const { amendment } = (await created.json()) as { amendment: { id: string } };
    expect((await api("delegate", `/amendments/${amendment.id}/transitions`, { to: "SUBMITTED" })).status).toBe(200);

    const committee = await pdfOf("/amendments/table.pdf");
    expect(committee).toMatch(inOrder("الجدول الموحد للتعديلات"));
    expect(committee).toMatch(inOrder(RATIONALE));
    expect(committee).toMatch(inOrder("نص بديل مقترح"));
    expect(await pdfOf("/amendments/table.pdf", "delegate")).toMatch(inOrder(RATIONALE));
    // Another force's delegate gets the table without it.
    expect(await pdfOf("/amendments/table.pdf", "delegate2")).not.toMatch(inOrder(RATIONALE));
  });
});
