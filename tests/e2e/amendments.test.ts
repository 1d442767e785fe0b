// Amendments through the real server (production build, demo seed): the JSON API and its errors, the
// exports, and the journey in Chromium — a delegate selects Arabic text and submits; a committee member
// sees it arrive live, recommends and accepts; the paper changes in a third committee page; the delegate
// sees the decision live. A second force, without JavaScript, proposes through the paragraph form and
// never sees the first force's amendment.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { unzipSync, strFromU8 } from "fflate";
import { launchBrowser, selectUntilQuoted } from "../helpers/browser.js";
import { signIn } from "../helpers/server.js";
import { startAppServer, type AppServer } from "../helpers/app-server.js";

const PHRASE = "رئاسة مشتركة ولجان متخصصة";
const PROPOSED = "قيادة جماعية منتخبة ولجان متخصصة";
const XSS = `<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>`;

describe("amendments in the running app", () => {
  let server: AppServer;
  let browser: Browser;
  const cookies: Record<string, string> = {};
  let paperId: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startAppServer(), launchBrowser()]);
    for (const who of ["delegate", "delegate2", "committee", "committee2", "observer"]) cookies[who] = await signIn(server.url, `${who}@example.org`);
    paperId = (await server.running.db.prisma.paper.findFirstOrThrow()).id;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const api = async (who: string | null, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: { ...(who ? { cookie: cookies[who]! } : {}), ...(body !== undefined ? { "content-type": "application/json" } : {}) },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as any };
  };

  it("API: list, create, transitions, recommendation; errors are clear 4xx JSON", async () => {
    expect((await api(null, "GET", `/papers/${paperId}/amendments`)).status).toBe(401);
    const bad = await api("delegate", "POST", `/papers/${paperId}/amendments`, { type: "REPLACE", start: 5, end: 999_999, proposedText: "نص" });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: "bad_request" } } });
    expect(bad.body.error.message).toMatch(/outside the paper/);
    expect((await api("delegate", "POST", `/papers/${paperId}/amendments`, "{not json")).status).toBe(400);
    expect((await api("delegate", "POST", `/papers/${paperId}/amendments`, { type: "REPLACE", start: 5, end: 9, proposedText: "ن".repeat(20_001) })).status).toBe(400);
    expect((await api("delegate", "POST", `/papers/${paperId}/amendments`, { type: "REPLACE", start: 5, end: 9, proposedText: "" })).body.error.details.reason).toBe("needsText");
    expect((await api("delegate", "POST", `/papers/nope/amendments`, { type: "REPLACE", start: 5, end: 9, proposedText: "x" })).status).toBe(404);

    const created = await api("delegate", "POST", `/papers/${paperId}/amendments`, { type: "DELETE", start: 10, end: 20, rationale: "حشو" });
    expect(created.status).toBe(201);
    const id = created.body.amendment.id as string;
    expect(created.body.amendment).toMatchObject({ state: "DRAFT", type: "DELETE", anchor: { status: "intact" } });
    // The draft is the force's: the other force and the committee do not see it.
    expect((await api("delegate2", "GET", `/papers/${paperId}/amendments`)).body.amendments.map((a: any) => a.id)).not.toContain(id);
    expect((await api("committee", "GET", `/papers/${paperId}/amendments`)).body.amendments.map((a: any) => a.id)).not.toContain(id);
    expect((await api("delegate2", "GET", `/amendments/${id}`)).status).toBe(404);

    expect((await api("delegate", "POST", `/amendments/${id}/transitions`, { to: "ACCEPTED" })).status).toBe(409);
    const sub = await api("delegate", "POST", `/amendments/${id}/transitions`, { to: "SUBMITTED" });
    expect(sub).toMatchObject({ status: 200, body: { state: "SUBMITTED" } });
    expect((await api("committee", "GET", `/papers/${paperId}/amendments?state=SUBMITTED`)).body.amendments.map((a: any) => a.id)).toContain(id);
    expect((await api("committee", "GET", `/papers/${paperId}/amendments?state=BOGUS`)).status).toBe(400);
    expect((await fetch(`${server.url}/api/v1/amendments/${id}/transitions`, { headers: { cookie: cookies.committee! } })).status).toBe(405);
    expect((await api("delegate", "POST", `/amendments/${id}/recommendation`, { recommendation: "ACCEPT" })).status).toBe(403);
    const rec = await api("committee", "POST", `/amendments/${id}/recommendation`, { recommendation: "REJECT", note: "يضعف النص" });
    expect(rec.body.amendment).toMatchObject({ state: "UNDER_REVIEW", recommendation: "REJECT" });
    expect((await api("committee", "POST", `/amendments/${id}/recommendation`, { recommendation: "MAYBE" })).status).toBe(400);
    // The force sees the state, not the committee's recommendation (decisions are not published).
    expect((await api("delegate", "GET", `/amendments/${id}`)).body.amendment).toMatchObject({ state: "UNDER_REVIEW", recommendation: null });
    const rej = await api("committee", "POST", `/amendments/${id}/transitions`, { to: "REJECTED", note: "يبقى النص" });
    expect(rej.body.state).toBe("REJECTED");
    expect((await api("delegate", "POST", `/amendments/${id}/transitions`, { to: "WITHDRAWN" })).status).toBe(409);
  });

  it("page steps (no-JS forms) refuse the wrong caller and bad input, changing nothing", async () => {
    const created = await api("delegate", "POST", `/papers/${paperId}/amendments`, { type: "DELETE", start: 30, end: 40, rationale: "سبب أول" });
    const id = created.body.amendment.id as string;
    const step = async (who: string | null, fields: Record<string, string>) => {
      const res = await fetch(`${server.url}/amendments/${id}`, {
        method: "POST",
        headers: who ? { cookie: cookies[who]! } : {},
        body: new URLSearchParams(fields),
        redirect: "manual",
      });
      return { status: res.status, location: res.headers.get("location") };
    };
    const anonymous = await step(null, { intent: "update", rationale: "دخيل" });
    expect([302, 303]).toContain(anonymous.status);
    expect(anonymous.location).toMatch(/^\/login/);
    // The draft is the delegate's force's: to everyone else it does not exist.
    expect((await step("delegate2", { intent: "update", rationale: "دخيل", version: "1" })).status).toBe(404);
    expect((await step("observer", { intent: "comment", body: "دخيل" })).status).toBe(404);
    expect((await step("committee", { intent: "recommend", recommendation: "REJECT" })).status).toBe(404);
    expect((await step("delegate", { intent: "explode" })).status).toBe(400);
    expect((await step("delegate", { intent: "update", rationale: "س".repeat(10_001), version: "1" })).status).toBe(400);
    expect((await step("delegate", { intent: "update", type: "NOT_A_TYPE", version: "1" })).status).toBe(400);
    const after = await api("delegate", "GET", `/amendments/${id}`);
    expect(after.body.amendment).toMatchObject({ version: created.body.amendment.version, rationale: "سبب أول", state: "DRAFT" });
    expect(await server.running.db.prisma.comment.count({ where: { amendmentId: id } })).toBe(0);
  });

  it("exports: CSV with BOM and Arabic, DOCX laid out right to left", async () => {
    const csv = await fetch(`${server.url}/amendments/table.csv`, { headers: { cookie: cookies.committee! } });
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain("القوة");
    expect(text).toContain("مرفوض");
    const docx = await fetch(`${server.url}/amendments/table.docx`, { headers: { cookie: cookies.committee! } });
    expect(docx.status).toBe(200);
    const files = unzipSync(new Uint8Array(await docx.arrayBuffer()));
    const xml = strFromU8(files["word/document.xml"]!);
    expect(xml).toContain("<w:bidi");
    expect(xml).toContain("<w:rtl");
    expect(xml).toContain("<w:bidiVisual");
    expect(xml).toContain("مرتكزات الدبلوماسية");
    // Not for a delegate's other force's eyes: a delegate's table holds only what they may see.
    const theirs = await (await fetch(`${server.url}/amendments/table.csv`, { headers: { cookie: cookies.delegate2! } })).text();
    expect(theirs).not.toContain("مرفوض");
  });

  it("journey in Chromium: propose, submit, live queue, recommend, accept and merge, live decision", async () => {
    const contextFor = async (who: string, opts: { javaScriptEnabled?: boolean } = {}) => {
      const ctx = await browser.newContext({ locale: "ar", ...opts });
      const [name, value] = cookies[who]!.split("=") as [string, string];
      await ctx.addCookies([{ name, value, url: server.url }]);
      return ctx;
    };
    const live = (page: Page) => page.waitForFunction(() => document.documentElement.dataset.live === "on", null, { timeout: 30_000 });
    const contexts: BrowserContext[] = [];
    try {
      const [delegateCtx, committeeCtx, committee2Ctx, noJsCtx] = await Promise.all([
        contextFor("delegate"),
        contextFor("committee"),
        contextFor("committee2"),
        contextFor("delegate2", { javaScriptEnabled: false }),
      ]);
      contexts.push(delegateCtx, committeeCtx, committee2Ctx, noJsCtx);

      // The committee's queue is open before anything is submitted.
      const queue = await committeeCtx.newPage();
      await queue.goto(`${server.url}/amendments`);
      expect(await queue.evaluate(() => document.dir)).toBe("rtl");
      await live(queue);
      // A third committee page shows the consolidated table with the section's current text.
      const third = await committee2Ctx.newPage();
      await third.goto(`${server.url}/amendments/table`);
      await live(third);
      expect(await third.textContent("main")).toContain("يتألف المكتب من رئاسة مشتركة ولجان متخصصة");

      // …and a fourth, the live paper editor (the collab server's document).
      const editor = await committee2Ctx.newPage();
      await editor.goto(`${server.url}/paper`);
      await editor.waitForSelector('[data-testid="paper-connection"][data-state="connected"]', { timeout: 30_000 });
      await editor.waitForFunction((t) => document.querySelector('[data-testid="paper-editor"]')?.textContent?.includes(t), PHRASE, { timeout: 30_000 });

      // The delegate selects Arabic text in the read-only paper.
      const d = await delegateCtx.newPage();
      await d.goto(`${server.url}/amendments/new`);
      await d.waitForSelector('[data-testid="paper"] p[data-start]');
      await selectUntilQuoted(d, '[data-testid="paper"]', PHRASE);
      await d.check('[data-testid="type-REPLACE"]');
      await d.fill('[data-testid="proposed-text"]', PROPOSED);
      await d.fill('[data-testid="rationale"]', `توسيع المشاركة ${XSS}`);
      await d.click('[data-testid="submit-now"]');
      await d.waitForURL(/\/amendments\/[^/]+\?notice=submitted/);
      const amendmentUrl = d.url().split("?")[0]!;
      const id = amendmentUrl.split("/").pop()!;
      // The URL changes a moment before the new page renders: wait for the rendered state.
      await d.waitForSelector('[data-testid="amendment-view"][data-state="SUBMITTED"]', { timeout: 10_000 });
      // Script in the text is shown as text, never run.
      expect(await d.textContent('[data-testid="rationale"]')).toContain("<script>");
      expect(await d.evaluate(() => (window as any).__xss)).toBeUndefined();
      await live(d);

      // It arrives in the committee's queue without a reload.
      await queue.waitForSelector(`[data-testid="queue"] tr[data-amendment="${id}"]`, { timeout: 30_000 });

      // The committee opens it: original, proposal, Arabic word diff, the paper after.
      await queue.click(`tr[data-amendment="${id}"] a`);
      await queue.waitForSelector('[data-testid="amendment-view"]');
      expect(await queue.textContent('[data-testid="original"]')).toBe(PHRASE);
      expect(await queue.$$eval('[data-testid="diff"] del', (els) => els.map((e) => e.textContent?.trim()))).toContain("رئاسة مشتركة");
      expect((await queue.$$eval('[data-testid="diff"] ins', (els) => els.map((e) => e.textContent))).join("")).toContain("قيادة جماعية منتخبة");
      expect(await queue.textContent('[data-testid="preview"] [data-mark="changed"]')).toContain(PROPOSED);
      expect(await queue.evaluate(() => (window as any).__xss)).toBeUndefined();

      // Recommend, then decide: accept and merge at once.
      await queue.selectOption('[data-testid="recommend-form"] select[name="recommendation"]', "ACCEPT");
      await queue.fill('[data-testid="recommend-form"] input[name="note"]', "صياغة أوضح");
      await queue.click('[data-testid="recommend"]');
      await queue.waitForURL(/notice=recommended/);
      await queue.check('[data-testid="decision-ACCEPTED"]');
      await queue.fill('[data-testid="decision-reason"]', "يوسع المشاركة");
      // Merging at once is asked for: the box starts unticked.
      expect(await queue.isChecked('[data-testid="merge-now"]')).toBe(false);
      await queue.check('[data-testid="merge-now"]');
      await queue.click('[data-testid="decide"]');
      await queue.waitForURL(/notice=merged/);
      // The URL changes a moment before the new page renders: wait for the rendered state.
      await queue.waitForSelector('[data-testid="amendment-view"][data-state="MERGED"]', { timeout: 10_000 });

      // The paper changed in the open editor at once (one Yjs transaction from the server)…
      await editor.waitForFunction((t) => document.querySelector('[data-testid="paper-editor"]')?.textContent?.includes(t), `يتألف المكتب من ${PROPOSED}`, { timeout: 30_000 });
      // …and in the third committee page, without a reload.
      await third.waitForFunction((text) => document.querySelector("main")!.textContent!.includes(text), `يتألف المكتب من ${PROPOSED}`, { timeout: 30_000 });

      // The delegate sees the decision without a reload (the reason waits for publication).
      await d.waitForFunction(() => document.querySelector("[data-testid=amendment-view]")?.getAttribute("data-state") === "MERGED", null, { timeout: 30_000 });
      expect(await d.textContent('[data-testid="decision"]')).not.toContain("يوسع المشاركة");
      expect(await d.textContent('[data-testid="decision"]')).not.toContain("صياغة أوضح");

      // The other force, without JavaScript: does not see it, and proposes through the paragraph form.
      const n = await noJsCtx.newPage();
      await n.goto(`${server.url}/amendments`);
      expect(await n.$(`tr[data-amendment="${id}"]`)).toBeNull();
      await n.goto(`${server.url}/amendments/new`);
      const lastBlock = await n.$$eval('[data-testid="paper"] input[name="block"]', (els) => (els.at(-1) as HTMLInputElement).value);
      await n.check(`[data-testid="paper"] input[name="block"][value="${lastBlock}"]`);
      await n.fill('input[name="quote"]', "الحوار مع القوى السورية الديمقراطية");
      await n.check('[data-testid="type-INSERT"]');
      await n.fill('[data-testid="proposed-text"]', "والمدنية");
      await n.click('[data-testid="save-draft"]');
      await n.waitForURL(/notice=created/);
      expect(await n.textContent('[data-testid="anchor"]')).toContain("الحوار مع القوى السورية الديمقراطية");
      await n.click('[data-testid="submit"]');
      await n.waitForURL(/notice=submitted/);
      expect(await n.getAttribute('[data-testid="amendment-view"]', "data-state")).toBe("SUBMITTED");

      // Published decisions: the other force now sees the merged amendment and its reason.
      await queue.goto(`${server.url}/amendments`);
      await queue.click('[data-testid="publish"]');
      await queue.waitForURL(/notice=published/);
      await n.goto(`${server.url}/amendments/${id}`);
      expect(await n.textContent('[data-testid="decision"]')).toContain("يوسع المشاركة");
      expect(await n.$('[data-testid="comment-form"]')).toBeNull();
    } finally {
      for (const c of contexts) await c.close();
    }
  });
});
