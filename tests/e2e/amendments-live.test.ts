// The rest of issue 5 through the real server (production build, demo seed, live collab store) and
// Chromium: a delegate proposes from the live /paper view while a committee member edits before the
// selected text; bad anchor payloads over HTTP; a draft anchored to other text from its page; the
// amendment window set and shown in the conference's time zone.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import * as Y from "yjs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchBrowser, selectPhrase, selectUntilQuoted, signedInPage } from "../helpers/browser.js";
import { signIn } from "../helpers/server.js";
import { startAppServer, type AppServer } from "../helpers/app-server.js";
import { appendSections, paperText } from "../../app/domain/paper-doc.js";
import { createAnchor } from "../../app/domain/anchors.js";

const PHRASE = "رئاسة مشتركة ولجان متخصصة";
// No space: Chrome types a space before text as a no-break space.
const PREFIX = "أولاً:";
const WAIT = { timeout: 30_000 };

describe("amendments from the live paper, draft re-anchoring, the window's time zone", () => {
  let server: AppServer;
  let browser: Browser;
  let paperId: string;
  const contexts: BrowserContext[] = [];
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    [server, browser] = await Promise.all([startAppServer({ TAWAFUQ_TIME_ZONE: "Asia/Damascus" }), launchBrowser()]);
    for (const who of ["delegate", "organizer"]) cookies[who] = await signIn(server.url, `${who}@example.org`);
    paperId = (await server.running.db.prisma.paper.findFirstOrThrow()).id;
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.stop();
  });

  const as = async (who: string, opts: { javaScriptEnabled?: boolean } = {}) => (await signedInPage(browser, server.url, `${who}@example.org`, contexts, opts)).page;
  /** Waits for the editor's text (without the other people's caret labels) to include `text`. */
  const editorHas = (page: Page, text: string) =>
    page.waitForFunction(
      (t) => {
        const copy = document.querySelector('[data-testid="paper-editor"]')?.cloneNode(true) as HTMLElement | undefined;
        copy?.querySelectorAll(".collaboration-carets__caret").forEach((c) => c.remove());
        return copy?.textContent?.includes(t);
      },
      text,
      WAIT,
    );
  async function openPaper(page: Page) {
    await page.goto(`${server.url}/paper`);
    await page.waitForSelector('[data-testid="paper-connection"][data-state="connected"]', WAIT);
    await editorHas(page, "يتألف المكتب");
  }
  const api = async (who: string, body: unknown) => {
    const res = await fetch(`${server.url}/api/v1/papers/${paperId}/amendments`, {
      method: "POST",
      headers: { cookie: cookies[who]!, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  const livePaperText = async () => paperText(await server.running.services.papers.read(paperId));

  it("a delegate selects Arabic text in the live paper and submits; a committee edit before it meanwhile does not move the anchor", async () => {
    const [committee, delegate] = await Promise.all([as("committee"), as("delegate")]);
    await Promise.all([openPaper(committee), openPaper(delegate)]);
    // Only those who draft for a force get the affordance.
    expect(await committee.$('[data-testid="propose-layer"]')).toBeNull();
    expect(await delegate.getAttribute('[data-testid="paper-editor"]', "contenteditable")).toBe("false");

    await selectPhrase(delegate, '[data-testid="paper-editor"]', PHRASE);
    await delegate.click('[data-testid="propose-from-selection"]', WAIT);
    await delegate.waitForSelector('[data-testid="propose-panel"]');
    expect(await delegate.textContent('[data-testid="propose-quote"]')).toBe(PHRASE);

    // Between selecting and saving, the committee types at the start of the same paragraph.
    const offsetBefore = (await livePaperText()).indexOf(PHRASE);
    await committee.locator('[data-testid="paper-editor"] p', { hasText: "يتألف المكتب" }).first().click();
    await committee.evaluate(() => {
      const p = [...document.querySelectorAll('[data-testid="paper-editor"] p')].find((el) => el.textContent!.includes("يتألف المكتب"))!;
      const r = document.createRange();
      r.setStart(p.firstChild!, 0);
      r.collapse(true);
      document.getSelection()!.removeAllRanges();
      document.getSelection()!.addRange(r);
    });
    await committee.keyboard.type(PREFIX);
    await editorHas(delegate, `${PREFIX}يتألف المكتب`);
    expect((await livePaperText()).indexOf(PHRASE)).toBe(offsetBefore + PREFIX.length);

    await delegate.check('[data-testid="propose-panel"] [data-testid="type-REPLACE"]');
    await delegate.fill('[data-testid="propose-panel"] [data-testid="proposed-text"]', "قيادة جماعية منتخبة");
    await delegate.fill('[data-testid="propose-panel"] [data-testid="rationale"]', "توسيع المشاركة");
    await delegate.click('[data-testid="propose-panel"] [data-testid="submit-now"]');
    await delegate.waitForURL(/\/amendments\/[^/?]+\?notice=submitted/, WAIT);
    const id = new URL(delegate.url()).pathname.split("/").pop()!;
    // The URL changes a moment before the new page renders: wait for the rendered state.
    await delegate.waitForSelector('[data-testid="amendment-view"][data-state="SUBMITTED"]', { timeout: 10_000 });
    await delegate.waitForSelector('[data-testid="anchor"][data-anchor="intact"]', { timeout: 10_000 });
    expect(await delegate.textContent('[data-testid="original"]')).toBe(PHRASE);

    const row = await server.running.db.prisma.amendment.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ quotedText: PHRASE, anchorOffset: offsetBefore + PREFIX.length, state: "SUBMITTED", type: "REPLACE" });
  });

  it("bad anchor payloads over HTTP: 400/409 with the reason, nothing written", async () => {
    const count = () => server.running.db.prisma.amendment.count({ where: { paperId } });
    const before = await count();
    const doc = await server.running.services.papers.read(paperId);
    const at = paperText(doc).indexOf("مرتكزات");
    expect(at).toBeGreaterThan(0);
    const good = createAnchor(doc, at, at + "مرتكزات".length);
    const b64 = (u: Uint8Array) => Buffer.from(u).toString("base64");
    const anchor = { start: b64(good.start), end: b64(good.end), quote: good.quote };
    const draft = { type: "REPLACE", proposedText: "نص" };

    const badBase64 = await api("delegate", { ...draft, anchor: { ...anchor, start: "not base64!" } });
    expect(badBase64).toMatchObject({ status: 400, body: { error: { code: "bad_request" } } });
    expect(badBase64.body.error.message).toMatch(/anchor\.start: Not a position/);
    const foreignDoc = new Y.Doc();
    appendSections(foreignDoc, [{ title: "عنوان", paragraphs: ["مرتكزات أخرى"] }]);
    const foreign = createAnchor(foreignDoc, paperText(foreignDoc).indexOf("مرتكزات"), paperText(foreignDoc).indexOf("مرتكزات") + 7);
    const other = await api("delegate", { ...draft, anchor: { start: b64(foreign.start), end: b64(foreign.end), quote: foreign.quote } });
    expect(other).toMatchObject({ status: 400, body: { error: { code: "bad_request", details: { reason: "anchorForeign" } } } });
    expect(other.body.error.message).toMatch(/not positions in this paper/);
    expect(await api("delegate", { ...draft, anchor: { ...anchor, end: anchor.start } })).toMatchObject({ status: 400, body: { error: { details: { reason: "selection" } } } });
    expect(await api("delegate", { ...draft, anchor: { ...anchor, quote: "" } })).toMatchObject({ status: 400, body: { error: { details: { reason: "selection" } } } });
    const changed = await api("delegate", { ...draft, anchor: { ...anchor, quote: "شيء آخر" } });
    expect(changed).toMatchObject({ status: 409, body: { error: { code: "conflict", details: { reason: "anchorChanged" } } } });
    expect(await count()).toBe(before);

    // The same anchor, well formed, is taken; plain offsets still work too.
    expect(await api("delegate", { ...draft, anchor })).toMatchObject({ status: 201, body: { amendment: { anchor: { status: "intact", quote: "مرتكزات" } } } });
    expect(await api("delegate", { ...draft, start: at, end: at + 7 })).toMatchObject({ status: 201, body: { amendment: { anchor: { quote: "مرتكزات" } } } });
  });

  it("a delegate anchors a draft to other text from the amendment page", async () => {
    const created = await api("delegate", { type: "DELETE", start: 10, end: 20, rationale: "حشو" });
    expect(created.status).toBe(201);
    const id = created.body.amendment.id as string;
    const page = await as("delegate");
    await page.goto(`${server.url}/amendments/${id}`);
    await page.click('[data-testid="change-text"] summary');
    await selectUntilQuoted(page, '[data-testid="change-text"] [data-testid="paper"]', "الحوار مع القوى السورية الديمقراطية");
    await page.click('[data-testid="edit-form"] [data-testid="save"]');
    await page.waitForURL(/notice=saved/, WAIT);
    // The URL changes a moment before the new page renders: wait for the rendered anchor.
    await page.waitForFunction(() => document.querySelector('[data-testid="anchor"] blockquote')?.textContent === "الحوار مع القوى السورية الديمقراطية", null, { timeout: 10_000 });
    const row = await server.running.db.prisma.amendment.findUniqueOrThrow({ where: { id }, include: { events: true } });
    expect(row).toMatchObject({ quotedText: "الحوار مع القوى السورية الديمقراطية", version: 2, state: "DRAFT" });
    expect(row.events.find((e) => e.kind === "EDITED")?.data).toEqual({ fields: ["anchor"] });
  });

  it("the organizer sets the window in Damascus time: 10:00 there is 07:00Z, and the form shows 10:00 back", async () => {
    const page = await as("organizer");
    await page.goto(`${server.url}/amendments`);
    expect(await page.textContent('[data-testid="window-zone"]')).toContain("توقيت سوريا (\u2066UTC+03:00\u2069)");
    // The demo's window is its first phase (ADR 0061): its row's form sets its times.
    await page.fill('[data-testid="phase"] [data-testid="phase-open"]', "2026-03-01T10:00");
    await page.fill('[data-testid="phase"] [data-testid="phase-close"]', "2099-12-31T18:00");
    await page.click('[data-testid="phase"] [data-testid="phase-save"]');
    await page.waitForURL(/notice=phaseSaved/, WAIT);
    const first = () => server.running.db.prisma.amendmentPhase.findFirstOrThrow({ orderBy: { openAt: "asc" } });
    expect((await first()).openAt.toISOString()).toBe("2026-03-01T07:00:00.000Z");
    expect((await first()).closeAt.toISOString()).toBe("2099-12-31T15:00:00.000Z");
    // A fresh load shows the stored instants on the conference's clock again.
    await page.goto(`${server.url}/amendments`);
    expect(await page.inputValue('[data-testid="phase"] [data-testid="phase-open"]')).toBe("2026-03-01T10:00");
    expect(await page.inputValue('[data-testid="phase"] [data-testid="phase-close"]')).toBe("2099-12-31T18:00");
    // The open window's closing time is shown on the conference's clock.
    expect(await page.textContent('[data-testid="window-state"]')).toContain("18:00");

    // A time that does not exist is refused, and the window stays as it was.
    const res = await fetch(`${server.url}/amendments`, {
      method: "POST",
      headers: { cookie: cookies.organizer!, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "window", openAt: "2026-02-30T10:00", closeAt: "2099-12-31T18:00" }),
    });
    expect(res.status).toBe(400);
    expect((await first()).openAt.toISOString()).toBe("2026-03-01T07:00:00.000Z");
  });
});
