// The paper's translations over real HTTP against the built server (demo seed, ADR 0063): a committee
// member translates a block with the no-JS form; two editors change that block's Arabic at once and the
// page marks the translation out of date with the Arabic diff; confirming makes it current again. The
// paper page shows progress per language. Delegates read but cannot write; bad input is a clear 4xx and
// stores nothing.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import * as Y from "yjs";
import { startAppServer, type AppServer } from "../helpers/app-server.js";
import { postForm, signInAs } from "../security/helpers.js";
import { paperBlocks } from "~/domain/paper-doc";
import { localeCookie } from "~/locale.server";

describe("the paper's translations", () => {
  let app: AppServer;
  let paperId: string;
  let committee: string;
  let delegate: string;
  const services = () => app.running.services;
  const get = async (path: string, cookie: string | null) => {
    const res = await fetch(`${app.url}${path}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });
    return { status: res.status, html: await res.text(), headers: res.headers };
  };
  const blockOf = (html: string, id: string) => {
    const at = html.indexOf(`data-block="${id}"`);
    expect(at).toBeGreaterThan(-1);
    return html.slice(at, html.indexOf("</li>", at));
  };

  beforeAll(async () => {
    app = await startAppServer();
    paperId = (await services().prisma.paper.findFirstOrThrow()).id;
    committee = await signInAs(app.url, "committee@example.org");
    delegate = await signInAs(app.url, "delegate@example.org");
  }, 240_000);
  afterAll(async () => app?.stop());

  it("translates a block, and marks it out of date with the Arabic diff when two editors change it at once", async () => {
    const doc = await services().papers.read(paperId);
    const block = paperBlocks(doc).find((b) => b.type === "paragraph" && b.text.length > 10)!;
    const page = await get("/paper/translations?lang=en", committee);
    expect(page.status).toBe(200);
    expect(blockOf(page.html, block.id)).toContain('data-status="missing"');

    const saved = await postForm(app.url, "/paper/translations", committee, { intent: "save", blockId: block.id, language: "en", view: "side", text: "An English text of the clause." });
    expect(saved.status).toBe(302);
    let html = (await get("/paper/translations?lang=en", committee)).html;
    expect(blockOf(html, block.id)).toContain('data-status="current"');
    expect(blockOf(html, block.id)).toContain("An English text of the clause.");

    // Two editors from the same state, offline from each other; the server merges both changes.
    const state = Y.encodeStateAsUpdate(doc);
    const edits = ["أولاً ", " بالإجماع"].map((words, i) => {
      const d = new Y.Doc();
      Y.applyUpdate(d, state);
      const el = d.getXmlFragment("default").toArray().find((n) => n instanceof Y.XmlElement && n.getAttribute("blockid") === block.id) as Y.XmlElement;
      const text = el.get(0) as Y.XmlText;
      text.insert(i === 0 ? 0 : text.length, words);
      return Y.encodeStateAsUpdate(d, Y.encodeStateVector(doc));
    });
    await Promise.all(edits.map((u, i) => services().papers.change(paperId, `test-editor-${i}`, (d) => Y.applyUpdate(d, u))));

    html = (await get("/paper/translations?lang=en", committee)).html;
    const outdated = blockOf(html, block.id);
    expect(outdated).toContain('data-status="outdated"');
    expect(outdated).toContain('data-testid="translation-diff"');
    expect([...outdated.matchAll(/<ins[^>]*>([^<]*)<\/ins>/g)].map((m) => m[1]!.trim())).toEqual(["أولاً", "بالإجماع"]);
    expect(outdated).not.toContain("<del");
    expect(outdated).toContain(`أولاً ${block.text} بالإجماع`);

    const row = await services().prisma.paperTranslation.findFirstOrThrow({ where: { paperId, blockId: block.id, language: "en" } });
    expect((await postForm(app.url, "/paper/translations", committee, { intent: "confirm", blockId: block.id, language: "en", version: String(row.version) })).status).toBe(302);
    html = (await get("/paper/translations?lang=en&view=alone", committee)).html;
    expect(blockOf(html, block.id)).toContain('data-status="current"');
    expect(blockOf(html, block.id)).not.toContain("translation-diff");
    // A second confirm with the old version is refused: someone else's save is never overwritten.
    const stale = await postForm(app.url, "/paper/translations", committee, { intent: "save", blockId: block.id, language: "en", version: String(row.version), text: "Overwrite?" });
    expect(stale.status).toBe(409);
    expect(stale.html).toContain('data-reason="stale"');
  });

  it("shows progress per language on the paper page", async () => {
    const { html } = await get("/paper", delegate);
    expect(html).toContain('data-testid="translation-progress"');
    expect(html).toContain('data-language="ku"');
    expect(html).toContain('href="/paper/translations"');
  });

  it("lets delegates read but not write, and sends visitors to sign in", async () => {
    const [block] = paperBlocks(await services().papers.read(paperId));
    const page = await get("/paper/translations?lang=ku", delegate);
    expect(page.status).toBe(200);
    expect(page.html).not.toContain('data-testid="translation-form"');
    const refused = await postForm(app.url, "/paper/translations", delegate, { intent: "save", blockId: block!.id, language: "ku", text: "Na" });
    expect(refused.status).toBe(403);
    expect((await get("/paper/translations", null)).status).toBe(302);
    expect((await postForm(app.url, "/paper/translations", null, { intent: "save", blockId: block!.id, language: "ku", text: "Na" })).status).toBe(302);
    expect(await services().prisma.paperTranslation.count({ where: { language: "ku" } })).toBe(0);
  });

  it("answers bad input with a clear 4xx and stores nothing", async () => {
    const [block] = paperBlocks(await services().papers.read(paperId));
    const post = (fields: Record<string, string>) => postForm(app.url, "/paper/translations", committee, fields);
    expect((await post({ intent: "save", blockId: block!.id, language: "fr", text: "Non" })).status).toBe(400);
    const empty = await post({ intent: "save", blockId: block!.id, language: "ku", text: "   " });
    expect(empty.status).toBe(400);
    expect(empty.html).toContain('data-testid="translations-error"');
    expect((await post({ intent: "save", blockId: block!.id, language: "ku", text: "x".repeat(20_001) })).status).toBe(400);
    expect((await post({ intent: "save", blockId: "<script>", language: "ku", text: "Na" })).status).toBe(400);
    expect((await post({ intent: "save", blockId: "no-such-block", language: "ku", text: "Na" })).status).toBe(404);
    expect((await post({ intent: "publish", blockId: block!.id, language: "ku", text: "Na" })).status).toBe(400);
    expect((await post({ intent: "confirm", blockId: block!.id, language: "ku" })).status).toBe(400);
    expect((await get("/paper/translations?lang=fr", committee)).status).toBe(400);
    expect((await get("/paper/translations?view=grid", committee)).status).toBe(400);
    expect(await services().prisma.paperTranslation.count({ where: { language: "ku" } })).toBe(0);
  });

  it("answers the API: readers read, the committee saves; wrong roles, bad input and stale versions are refused", async () => {
    const blocks = paperBlocks(await services().papers.read(paperId)).filter((b) => b.text.trim());
    const block = blocks[blocks.length - 1]!;
    const call = async (cookie: string | null, method: string, path: string, body?: unknown) => {
      const res = await fetch(`${app.url}/api/v1${path}`, { method, headers: { ...(cookie ? { cookie } : {}), ...(body !== undefined ? { "content-type": "application/json" } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as any };
    };
    const path = `/papers/${paperId}/translations`;
    const read = await call(delegate, "GET", `${path}?lang=ku`);
    expect(read.status).toBe(200);
    expect(read.body.blocks.find((b: any) => b.blockId === block.id)).toMatchObject({ status: "missing", arabic: block.text, translation: null });
    expect(read.body.progress.map((p: any) => p.language)).toEqual(["ku", "en"]);
    expect((await call(null, "GET", `${path}?lang=ku`)).status).toBe(401);
    expect((await call(delegate, "GET", `${path}?lang=fr`)).status).toBe(400);
    expect((await call(delegate, "GET", path)).status).toBe(400);
    expect((await call(delegate, "GET", `/papers/no-such-paper/translations?lang=ku`)).status).toBe(404);

    const first = { blockId: block.id, language: "ku", intent: "save", text: "Nivîsa kurdî ya bendê." };
    // Delegates read but do not write; visitors are not let in.
    const refused = await call(delegate, "POST", path, first);
    expect(refused.status).toBe(403);
    expect((await call(null, "POST", path, first)).status).toBe(401);
    expect((await call(committee, "POST", path, { ...first, language: "fr" })).status).toBe(400);
    expect((await call(committee, "POST", path, { ...first, text: "x".repeat(20_001) })).status).toBe(400);
    expect((await call(committee, "POST", path, { ...first, extra: 1 })).status).toBe(400);
    expect(await services().prisma.paperTranslation.count({ where: { language: "ku", blockId: block.id } })).toBe(0);

    const saved = await call(committee, "POST", path, first);
    expect(saved).toEqual({ status: 200, body: { blockId: block.id, language: "ku", version: 1, status: "current" } });
    const again = await call(committee, "POST", path, { ...first, text: "Guhertin", version: 1 });
    expect(again.body.version).toBe(2);
    // The first version again: someone saved since; nothing changes.
    const stale = await call(committee, "POST", path, { ...first, text: "Li ser nivîsa yekî din", version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("stale_version");
    const after = (await call(delegate, "GET", `${path}?lang=ku`)).body.blocks.find((b: any) => b.blockId === block.id);
    expect(after).toMatchObject({ status: "current", translation: { text: "Guhertin", version: 2 } });
    await services().prisma.paperTranslation.deleteMany({ where: { language: "ku" } });
  });

  it("shows an amendment's clause in the reader's language beside the Arabic, which stays authoritative", async () => {
    // A delegate's draft on the paper's text (offsets into its plain text): the committee's page and API read it once submitted,
    // the force's delegate reads the draft itself.
    const made = await fetch(`${app.url}/api/v1/papers/${paperId}/amendments`, {
      method: "POST",
      headers: { cookie: delegate, "content-type": "application/json" },
      body: JSON.stringify({ type: "REPLACE", start: 60, end: 70, proposedText: "نص بديل", rationale: "لأن" }),
    });
    expect(made.status).toBe(201);
    const amendmentId = ((await made.json()) as any).amendment.id as string;
    const view = (await (await fetch(`${app.url}/api/v1/amendments/${amendmentId}`, { headers: { cookie: delegate } })).json()) as any;
    expect(view.clause).not.toBeNull();
    const found = { id: amendmentId, clause: view.clause as { blockId: string; arabic: string; translations: { language: string; status: string }[] } };
    const { id, clause } = found!;
    expect(clause.translations.map((t) => t.language)).toEqual(["ku", "en"]);
    const saved = await fetch(`${app.url}/api/v1/papers/${paperId}/translations`, {
      method: "POST",
      headers: { cookie: committee, "content-type": "application/json" },
      body: JSON.stringify({ blockId: clause.blockId, language: "ku", intent: "save", text: "Bend bi kurdî ya guhertinê." }),
    });
    expect(saved.status).toBe(200);
    const kurdish = `${delegate}; ${(await localeCookie.serialize("ku")).split(";")[0]}`;
    const page = await get(`/amendments/${id}`, kurdish);
    expect(page.status).toBe(200);
    const at = page.html.indexOf('data-testid="clause-translation"');
    expect(at).toBeGreaterThan(-1);
    const section = page.html.slice(at, page.html.indexOf("</section>", at));
    expect(section).toContain('data-status="current"');
    expect(section).toContain("Bend bi kurdî ya guhertinê.");
    expect(section).toContain(clause.arabic.slice(0, 20));
    // The Arabic reader reads the quote itself: no second copy.
    expect((await get(`/amendments/${id}`, delegate)).html).not.toContain('data-testid="clause-translation"');
    // The API carries the same.
    const again = (await (await fetch(`${app.url}/api/v1/amendments/${id}`, { headers: { cookie: delegate } })).json()) as any;
    expect(again.clause.translations.find((t: any) => t.language === "ku")).toEqual({ language: "ku", text: "Bend bi kurdî ya guhertinê.", status: "current" });
    await services().prisma.paperTranslation.deleteMany({ where: { language: "ku" } });
    await services().prisma.amendment.delete({ where: { id } });
  });
});
