// The app's one chart (ADR 0067) on the figures page, against the built server: amendments by state and
// by force are charts whose table says the same numbers as the database; the page is whole without
// JavaScript; bars grow from the right in Arabic and from the left in English; only staff who read every
// force's amendments get the figures (a delegate is refused by the domain, and by the page).
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchBrowser } from "../helpers/browser.js";
import { startAppServer, type AppServer } from "../helpers/app-server.js";
import { actorFor } from "../helpers/actors.js";
import { signInAs } from "../security/helpers.js";
import { amendmentFigures } from "~/domain/amendments/figures.server";

// Geometry of app/components/charts/StackedBars.tsx: 560 wide, labels 170 on the reading side.
const WIDTH = 560;
const LABEL_W = 170;

describe("charts on the figures page", () => {
  let app: AppServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const prisma = () => app.running.services.prisma;
  let conferenceId: string;

  async function pageAs(email: string, opts: { js?: boolean; lang?: string } = {}): Promise<Page> {
    const [name, value] = (await signInAs(app.url, email)).split(";")[0]!.split("=") as [string, string];
    const context = await browser.newContext({ javaScriptEnabled: opts.js ?? true });
    contexts.push(context);
    await context.addCookies([{ name, value, url: app.url }]);
    if (opts.lang) await context.request.post(`${app.url}/lang`, { form: { locale: opts.lang, next: "/login" }, maxRedirects: 0 });
    return context.newPage();
  }

  beforeAll(async () => {
    [app, browser] = await Promise.all([startAppServer(), launchBrowser()]);
    const conference = await prisma().conference.findFirstOrThrow();
    conferenceId = conference.id;
    const paper = await prisma().paper.findFirstOrThrow({ where: { conferenceId } });
    // The figures are checked against this suite's own amendments: the demo's seeded ones go first.
    await prisma().amendment.deleteMany({ where: { paperId: paper.id } });
    const organizer = await prisma().user.findFirstOrThrow({ where: { email: "organizer@example.org" } });
    const force = (nameAr: string) => prisma().force.findFirstOrThrow({ where: { conferenceId, nameAr } });
    const horizon = await force("حزب الأفق الديمقراطي");
    const coast = await force("كتلة الساحل المدني");
    const states = [
      [horizon, "SUBMITTED"], [horizon, "UNDER_REVIEW"], [horizon, "ACCEPTED"], [horizon, "REJECTED"], [horizon, "DRAFT"],
      [coast, "ACCEPTED_WITH_CHANGES"], [coast, "WITHDRAWN"], [coast, "DRAFT"],
    ] as const;
    for (const [f, state] of states) await prisma().amendment.create({ data: { paperId: paper.id, forceId: f.id, type: "GENERAL", state, proposedText: "نص", rationale: "سبب", createdById: organizer.id } });
  }, 240_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await app?.stop();
  });

  const tableOf = (page: Page, testId: string) =>
    page.locator(`[data-testid="${testId}-table"] tbody tr`).evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent!.trim())));

  it("without JavaScript: amendments by state and by force as charts with tables that match the database; drafts not counted", async () => {
    const page = await pageAs("organizer@example.org", { js: false });
    await page.goto(`${app.url}/invitations/dashboard`);
    const byState = await tableOf(page, "chart-amendments-by-state");
    expect(byState.map((r) => r[1])).toEqual(["1", "1", "1", "1", "1", "1", "0"]); // SUBMITTED … WITHDRAWN, MERGED; no DRAFT row
    expect(byState[0]![0]).toBe("مقدَّم");
    const byForce = await tableOf(page, "chart-amendments-by-force");
    // Most amendments first: open, accepted, rejected, withdrawn, total.
    expect(byForce).toEqual([
      ["حزب الأفق الديمقراطي", "2", "1", "1", "0", "4"],
      ["كتلة الساحل المدني", "0", "1", "0", "1", "2"],
    ]);
    // The image says it in words too, and each segment has its tooltip.
    const label = await page.getAttribute('[data-testid="chart-amendments-by-force"] svg', "aria-label");
    expect(label).toContain("حزب الأفق الديمقراطي: قيد النظر 2، مقبولة 1، مرفوضة 1، مسحوبة 0");
    expect(await page.getAttribute('[data-testid="chart-amendments-by-force"] svg', "role")).toBe("img");
    expect(await page.locator('[data-testid="chart-amendments-by-force"] rect title').first().textContent()).toMatch(/^حزب الأفق الديمقراطي — قيد النظر: 2$/);
    // The pipeline's charts are the same component.
    expect(await page.locator('[data-chart="stacked-bars"]').count()).toBe(4);
    // The table opens without JavaScript (native <details>).
    await page.click('[data-testid="chart-amendments-by-state"] summary');
    expect(await page.isVisible('[data-testid="chart-amendments-by-state-table"]')).toBe(true);
  });

  it("bars grow from the reading side: the right in Arabic, the left in English", async () => {
    const geometry = async (page: Page) =>
      page.locator('[data-testid="chart-amendments-by-force"] rect').evaluateAll((rs) => rs.map((r) => [Number(r.getAttribute("x")), Number(r.getAttribute("width"))]));
    const ar = await pageAs("organizer@example.org", { js: false });
    await ar.goto(`${app.url}/invitations/dashboard`);
    const arBars = await geometry(ar);
    expect(arBars.length).toBeGreaterThan(0);
    // The biggest row (4) fills the bar area from its right edge (560 − 170 = 390).
    expect(Math.max(...arBars.map(([x, w]) => x! + w!))).toBeCloseTo(WIDTH - LABEL_W, 3);
    for (const [x, w] of arBars) expect(x! + w!).toBeLessThanOrEqual(WIDTH - LABEL_W + 0.001);

    const en = await pageAs("organizer@example.org", { js: false, lang: "en" });
    await en.goto(`${app.url}/invitations/dashboard`);
    expect(await en.evaluate(() => document.documentElement.lang)).toBe("en");
    const enBars = await geometry(en);
    expect(Math.min(...enBars.map(([x]) => x!))).toBeCloseTo(LABEL_W, 3);
  });

  it("only staff who read every force's amendments get the figures: a delegate is refused", async () => {
    const delegate = await prisma().user.findFirstOrThrow({ where: { email: "delegate@example.org" } });
    await expect(amendmentFigures(prisma(), await actorFor(prisma(), delegate.id), conferenceId)).rejects.toMatchObject({ code: "forbidden" });
    const committee = await prisma().user.findFirstOrThrow({ where: { email: "committee@example.org" } });
    expect((await amendmentFigures(prisma(), await actorFor(prisma(), committee.id), conferenceId)).byState.SUBMITTED).toBe(1);
    const page = await pageAs("delegate@example.org", { js: false });
    expect((await page.goto(`${app.url}/invitations/dashboard`))!.status()).toBe(403);
  });
});
