// The coordination area on the real server (production build, PGlite, demo seed), in Chromium and over
// HTTP: log a meeting with a tribe, add a follow-up, see it due on the dashboard, complete it; forms
// without JavaScript; the header search; a delegate kept out; every /api/v1 endpoint with its errors.
import { describe, it, expect } from "vitest";
import type { Page } from "playwright-core";
import { chromiumSuite } from "../helpers/browser.js";
import { signIn } from "../helpers/server.js";

const TRIBE = "عشيرة الوادي الأخضر";
const SUMMARY = "اجتماع مع شيخ عشيرة الوادي الأخضر حول المشاركة في المؤتمر";
const FOLLOW_UP = "إرسال نص الدعوة الرسمية إلى الشيخ";

async function signInPage(page: Page, base: string, email: string) {
  await page.goto(`${base}/login`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', "tawafuq-demo");
  await page.click('button[type="submit"]:has-text("تسجيل الدخول")');
  await page.waitForSelector('[data-testid="dashboard-title"]');
}

describe("coordination on the real server", () => {
  const suite = chromiumSuite();

  it("logs a meeting with a tribe, adds a follow-up, sees it due on the dashboard and completes it", async () => {
    const ctx = await suite.browser.newContext();
    const page = await ctx.newPage();
    page.setDefaultTimeout(60_000);
    await signInPage(page, suite.server.url, "committee@example.org");

    await page.click('nav >> text="التواصل"');
    await page.click('[data-testid="outreach-new"]');
    await page.selectOption('[data-testid="field-forceId"]', { label: TRIBE });
    await page.selectOption('[data-testid="field-contactId"]', { label: "الشيخ فهد الراشد — شيخ العشيرة" });
    await page.selectOption('[data-testid="field-channel"]', "MEETING");
    await page.fill('[data-testid="field-participants"]', "عضو اللجنة التحضيرية");
    await page.fill('[data-testid="field-summary"]', SUMMARY);
    await page.fill('[data-testid="field-outcome"]', "وافق الشيخ مبدئياً على المشاركة");
    const today = await page.inputValue('[data-testid="field-occurredOn"]');
    expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await page.fill('[data-testid="field-followUp"]', FOLLOW_UP);
    await page.fill('[data-testid="field-followUpDue"]', today);
    await page.selectOption('[data-testid="field-followUpOwnerId"]', { label: "عضو اللجنة التحضيرية" });
    await page.click('[data-testid="outreach-save"]');
    await page.waitForSelector('[data-testid="notice"]');
    expect(await page.textContent('[data-testid="outreach-entry"]')).toContain(SUMMARY);
    expect(await page.getAttribute('[data-testid="entry-follow-up"] [data-due]', "data-due")).toBe("today");

    // The tribe's timeline merges the meeting with the seeded invitation history: the invitation was
    // confirmed today too, and a day's events sit above that day's outreach (ADR 0042).
    await page.click(`a:has-text("الخط الزمني: ${TRIBE}")`);
    await page.waitForSelector('[data-testid="timeline"]');
    const items = await page.$$eval('[data-testid="timeline-item"]', (els) => els.map((e) => [e.getAttribute("data-kind") ?? "", e.textContent ?? ""] as const));
    const meeting = items.findIndex(([k, text]) => k === "outreach" && text.includes(SUMMARY));
    expect(meeting).toBeGreaterThan(0);
    expect(items[meeting - 1]![0]).toBe("invitation");
    expect(items[meeting - 1]![1]).toContain("مؤكد");
    expect(items.slice(meeting + 1).every(([k]) => k === "invitation")).toBe(true);

    // Dashboard: due today, in my list.
    await page.click('nav >> text="لوحة المتابعة"');
    const due = page.locator('[data-testid="dashboard-my-due"] [data-testid="follow-up"]', { hasText: FOLLOW_UP });
    await due.waitFor();
    expect(await due.locator("[data-due]").getAttribute("data-due")).toBe("today");
    expect(await due.locator("[data-due]").textContent()).toBe("مستحقة اليوم");

    // Complete it from the dashboard: it leaves the list.
    await due.locator('[data-testid="complete-follow-up"]').click();
    await page.waitForSelector('[data-testid="dashboard-due"] >> text="لا متابعات مستحقة عليك الآن."');
    expect(await page.locator('[data-testid="dashboard-my-due"]').count()).toBe(0);
    expect(new URL(page.url()).pathname).toBe("/");

    // The header search finds the entry and the force, Arabic folded («الاخضر» without hamza).
    await page.fill('[data-testid="header-search"]', "الوادي الاخضر");
    await page.click('[data-testid="header-search-submit"]');
    await page.waitForSelector('[data-testid="search-results"]');
    expect(await page.textContent('[data-testid="group-force"]')).toContain(TRIBE);
    expect(await page.textContent('[data-testid="group-outreach"]')).toContain("الوادي الأخضر");
    await page.click('[data-testid="group-outreach"] [data-testid="search-hit"] a');
    await page.waitForSelector('[data-testid="outreach-entry"]');
    expect(await page.getAttribute('[data-testid="entry-follow-up"] [data-due]', "data-due")).toBe("done");
    await ctx.close();
  }, 300_000);

  it("works without JavaScript and gives back a refused form with everything typed", async () => {
    const ctx = await suite.browser.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    page.setDefaultTimeout(60_000);
    await signInPage(page, suite.server.url, "organizer@example.org");
    await page.goto(`${suite.server.url}/outreach/new`);
    await page.selectOption('[data-testid="field-forceId"]', { label: "عشيرة السهل الشرقي" });
    await page.fill('[data-testid="field-summary"]', "اتصال هاتفي أول مع وجهاء عشيرة السهل الشرقي");
    await page.fill('[data-testid="field-followUp"]', "ترتيب زيارة");
    await page.click('[data-testid="outreach-save"]');
    await page.waitForSelector('[data-testid="error-followUpDue"]');
    expect(await page.textContent('[data-testid="error-followUpDue"]')).toBe("المتابعة تحتاج نصاً وموعداً ومسؤولاً.");
    expect(await page.inputValue('[data-testid="field-summary"]')).toBe("اتصال هاتفي أول مع وجهاء عشيرة السهل الشرقي");
    expect(await page.inputValue('[data-testid="field-followUp"]')).toBe("ترتيب زيارة");
    expect(await page.inputValue('[data-testid="field-forceId"]')).not.toBe("");

    // Plans: a new item, then its status changed from the board card.
    await page.goto(`${suite.server.url}/plans/new`);
    await page.fill('[data-testid="field-goal"]', "لقاء مع ممثلي العشائر في دير الزور");
    await page.selectOption('[data-testid="field-horizon"]', "SHORT");
    await page.click('[data-testid="plan-save"]');
    await page.waitForSelector('[data-testid="plan-item"]');
    await page.goto(`${suite.server.url}/plans`);
    const card = page.locator('[data-testid="column-SHORT"] [data-testid="plan-card"]', { hasText: "لقاء مع ممثلي العشائر" });
    await card.locator("select").selectOption("DONE");
    await card.locator('button[type="submit"]').click();
    await page.waitForSelector('[data-testid="progress-chart"]');
    expect(await page.locator('[data-testid="column-SHORT"] [data-testid="plan-card"][data-status="DONE"]', { hasText: "لقاء مع ممثلي العشائر" }).count()).toBe(1);
    expect(await page.textContent('[data-testid="progress-end-SHORT"]')).toBe("50%");

    // Representations: grouped by area, a duplicate spelling refused.
    await page.goto(`${suite.server.url}/representations/new`);
    await page.fill('[data-testid="field-country"]', "المانيا");
    await page.selectOption('[data-testid="field-area"]', "EUROPE");
    await page.click('[data-testid="representation-save"]');
    await page.waitForSelector('[data-testid="error-country"]');
    expect(await page.inputValue('[data-testid="field-country"]')).toBe("المانيا");
    await page.goto(`${suite.server.url}/representations`);
    expect(await page.textContent('[data-testid="area-EUROPE"]')).toContain("ألمانيا");
    await ctx.close();
  }, 300_000);

  it("keeps a delegate out of the area and out of its search results", async () => {
    const ctx = await suite.browser.newContext();
    const page = await ctx.newPage();
    page.setDefaultTimeout(60_000);
    await signInPage(page, suite.server.url, "delegate@example.org");
    expect(await page.locator('nav >> text="التواصل"').count()).toBe(0);
    expect(await page.locator('[data-testid="dashboard-due"]').count()).toBe(0);
    const res = await page.goto(`${suite.server.url}/outreach`);
    expect(res!.status()).toBe(403);
    await page.goto(`${suite.server.url}/search?q=${encodeURIComponent("الوادي الاخضر")}`);
    await page.waitForSelector('[data-testid="search-none"]');
    await ctx.close();
  }, 300_000);

  it("serves every /api/v1 endpoint of the area with clear errors", async () => {
    const committee = await signIn(suite.server.url, "committee@example.org");
    const observer = await signIn(suite.server.url, "observer@example.org");
    const delegate = await signIn(suite.server.url, "delegate@example.org");
    const call = async (cookie: string | null, method: string, path: string, body?: unknown, raw?: string) => {
      const res = await fetch(`${suite.server.url}${path}`, {
        method,
        headers: { ...(cookie ? { cookie } : {}), ...(body !== undefined || raw ? { "content-type": "application/json" } : {}) },
        body: raw ?? (body !== undefined ? JSON.stringify(body) : undefined),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    };

    expect((await call(null, "GET", "/api/v1/outreach")).status).toBe(401);
    expect(await call(delegate, "GET", "/api/v1/outreach")).toMatchObject({ status: 403, body: { error: { code: "forbidden" } } });
    expect(await call(committee, "POST", "/api/v1/outreach", undefined, "{not json")).toMatchObject({ status: 400, body: { error: { code: "bad_request" } } });
    const forces = await call(committee, "GET", `/api/v1/search?q=${encodeURIComponent("عشيره السهل")}&kinds=force`);
    const forceId = forces.body.groups[0].hits[0].id as string;
    const bad = await call(committee, "POST", "/api/v1/outreach", { forceId, occurredOn: "2020-01-01", channel: "CALL", summary: "" });
    expect(bad).toMatchObject({ status: 400, body: { error: { details: { fieldErrors: { summary: ["required"] } } } } });
    expect((await call(observer, "POST", "/api/v1/outreach", { forceId, occurredOn: "2020-01-01", channel: "CALL", summary: "x" })).status).toBe(403);

    const me = (await call(committee, "GET", "/api/v1/me")).body;
    const created = await call(committee, "POST", "/api/v1/outreach", {
      forceId,
      occurredOn: "2026-01-05",
      channel: "CALL",
      summary: "اتصال بشأن الوفد",
      followUp: "إرسال قائمة الوفد",
      followUpDue: "2026-01-06",
      followUpOwnerId: me.id,
    });
    expect(created).toMatchObject({ status: 201, body: { channel: "CALL", followUp: { state: "overdue", owner: { id: me.id } } } });
    const id = created.body.id as string;
    expect((await call(observer, "GET", `/api/v1/outreach/${id}`)).body.summary).toBe("اتصال بشأن الوفد");
    // Not readable is not found: a delegate learns nothing, not even that the entry exists.
    expect((await call(delegate, "GET", `/api/v1/outreach/${id}`)).status).toBe(404);
    expect((await call(committee, "GET", "/api/v1/outreach/nope")).status).toBe(404);
    expect((await call(committee, "PATCH", `/api/v1/outreach/${id}`, { outcome: "وعدوا بالرد خلال أسبوع" })).body).toMatchObject({ outcome: "وعدوا بالرد خلال أسبوع", summary: "اتصال بشأن الوفد" });
    const mine = await call(committee, "GET", "/api/v1/outreach/follow-ups?owner=me&dueNow=1");
    expect(mine.body.followUps.map((e: { id: string }) => e.id)).toContain(id);
    expect((await call(committee, "POST", `/api/v1/outreach/${id}/follow-up`, { done: "yes" })).status).toBe(400);
    expect((await call(committee, "POST", `/api/v1/outreach/${id}/follow-up`, { done: true })).body.followUp.state).toBe("done");
    const timeline = await call(observer, "GET", `/api/v1/outreach/forces/${forceId}/timeline`);
    expect(timeline.body.items.map((i: { id: string }) => i.id)).toContain(id);
    expect((await call(committee, "GET", `/api/v1/outreach?forceId=${forceId}&channel=CALL`)).body.entries.map((e: { id: string }) => e.id)).toContain(id);

    const plan = await call(committee, "POST", "/api/v1/plans", { horizon: "MEDIUM", goal: "خطة تواصل مع الجاليات", dueOn: "2099-01-01" });
    expect(plan).toMatchObject({ status: 201, body: { status: "PLANNED", dueState: "later" } });
    expect((await call(committee, "POST", "/api/v1/plans", { horizon: "MEDIUM", goal: "x", dueOn: "2001-01-01" })).body.error.details.fieldErrors.dueOn).toEqual(["dueInPast"]);
    expect((await call(committee, "PATCH", `/api/v1/plans/${plan.body.id}`, { status: "IN_PROGRESS" })).body.status).toBe("IN_PROGRESS");
    expect((await call(observer, "GET", "/api/v1/plans?horizon=MEDIUM")).body.items.map((i: { id: string }) => i.id)).toContain(plan.body.id);
    expect((await call(observer, "GET", "/api/v1/plans/progress")).body.progress.map((p: { horizon: string }) => p.horizon)).toEqual(["SHORT", "MEDIUM", "LONG"]);
    expect((await call(observer, "DELETE", `/api/v1/plans/${plan.body.id}`)).status).toBe(403);
    expect((await call(committee, "DELETE", `/api/v1/plans/${plan.body.id}`)).status).toBe(204);
    expect((await call(committee, "GET", `/api/v1/plans/${plan.body.id}`)).status).toBe(404);

    expect((await call(committee, "POST", "/api/v1/representations", { country: "المانيا", area: "EUROPE" })).status).toBe(409);
    const rep = await call(committee, "POST", "/api/v1/representations", { country: "السويد", area: "EUROPE", city: "ستوكهولم" });
    expect(rep).toMatchObject({ status: 201, body: { status: "ACTIVE" } });
    expect((await call(committee, "PATCH", `/api/v1/representations/${rep.body.id}`, { status: "PAUSED" })).body.status).toBe("PAUSED");
    const areas = (await call(observer, "GET", "/api/v1/representations")).body.areas;
    expect(areas.find((a: { area: string }) => a.area === "EUROPE").representations.map((r: { country: string }) => r.country)).toContain("السويد");
    expect((await call(observer, "GET", `/api/v1/representations/${rep.body.id}`)).body.representation.country).toBe("السويد");
    expect((await call(committee, "DELETE", `/api/v1/representations/${rep.body.id}`)).status).toBe(204);

    const found = await call(observer, "GET", `/api/v1/search?q=${encodeURIComponent("قائمه الوفد")}`);
    expect(found.body.groups.map((g: { kind: string }) => g.kind)).toContain("outreach");
    expect((await call(delegate, "GET", `/api/v1/search?q=${encodeURIComponent("قائمه الوفد")}`)).body.groups).toEqual([]);
    expect((await call(observer, "GET", "/api/v1/search?q=x&kinds=nonsense")).status).toBe(400);
    expect((await call(observer, "PUT", "/api/v1/search?q=x")).status).toBe(405);

    expect((await call(committee, "DELETE", `/api/v1/outreach/${id}`)).status).toBe(204);
    expect((await call(committee, "GET", `/api/v1/outreach/${id}`)).status).toBe(404);
  }, 300_000);
});
