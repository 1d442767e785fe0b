// Reordering the agenda in Chromium against the built server (ADR 0057): once hydrated, an organizer
// drags an item by its handle with the mouse, then moves one with the keyboard alone (Space, ArrowDown,
// Space), and the order stands after a reload; the drag handle announces itself, and a drop whose
// version went stale meanwhile reloads the agenda and says so. Sessions drag within their day the same
// way (ADR 0071), by mouse and by keyboard, taking the time slot of their new place.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchBrowser } from "../helpers/browser.js";
import { startAppServer, type AppServer } from "../helpers/app-server.js";
import { signInAs } from "../security/helpers.js";

describe("the agenda in Chromium", () => {
  let app: AppServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let conferenceId: string;
  let sessionId: string;
  let afternoonId: string;
  const prisma = () => app.running.services.prisma;
  const order = async () => (await prisma().agendaItem.findMany({ where: { sessionId }, orderBy: { position: "asc" } })).map((i) => i.title);
  const shown = (page: Page) => page.locator(`[data-session="${sessionId}"] [data-testid="agenda-item-title"]`).allTextContents();

  async function organizerPage(): Promise<Page> {
    const [name, value] = (await signInAs(app.url, "organizer@example.org")).split(";")[0]!.split("=") as [string, string];
    // Tall enough that both sessions are on screen: the mouse drags only within the viewport.
    const context = await browser.newContext({ viewport: { width: 1280, height: 1600 } });
    contexts.push(context);
    await context.addCookies([{ name, value, url: app.url }]);
    const page = await context.newPage();
    await page.goto(`${app.url}/agenda`);
    // The handles render only after hydration.
    await page.getByTestId("agenda-drag").first().waitFor();
    return page;
  }

  beforeAll(async () => {
    [app, browser] = await Promise.all([startAppServer(), launchBrowser()]);
    conferenceId = (await prisma().conference.findFirstOrThrow()).id;
    // This suite builds its own agenda from an empty one: the demo's seeded sessions (and their items) go first.
    await prisma().agendaSession.deleteMany({ where: { conferenceId } });
    const session = await prisma().agendaSession.create({ data: { conferenceId, title: "الجلسة الأولى", day: new Date("2026-12-10T00:00:00Z"), startsAt: "09:00", position: 0 } });
    sessionId = session.id;
    for (const [position, title] of ["الافتتاح", "التقرير", "النقاش", "الختام"].entries()) await prisma().agendaItem.create({ data: { sessionId, title, position, status: "SCHEDULED" } });
    afternoonId = (await prisma().agendaSession.create({ data: { conferenceId, title: "جلسة الظهيرة", day: new Date("2026-12-10T00:00:00Z"), startsAt: "11:00", endsAt: "12:00", position: 1 } })).id;
  }, 240_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await app?.stop();
  });

  it("drags an item by mouse to a new place; the order persists after a reload", async () => {
    const page = await organizerPage();
    expect(await shown(page)).toEqual(["الافتتاح", "التقرير", "النقاش", "الختام"]);
    const handle = page.locator('[data-testid="agenda-item"]', { hasText: "الختام" }).getByTestId("agenda-drag");
    expect(await handle.getAttribute("aria-label")).toContain("الختام");
    expect(await handle.getAttribute("aria-roledescription")).toBeTruthy();
    const from = (await handle.boundingBox())!;
    const to = (await page.locator('[data-testid="agenda-item"]', { hasText: "التقرير" }).boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    // Past the activation distance, then in steps over the target so the sortable sees the way.
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2 - 10, { steps: 3 });
    await page.mouse.move(from.x + from.width / 2, to.y + to.height / 4, { steps: 15 });
    await page.mouse.up();
    await expect.poll(order, { timeout: 10_000 }).toEqual(["الافتتاح", "الختام", "التقرير", "النقاش"]);
    await page.reload();
    await page.getByTestId("agenda-drag").first().waitFor();
    expect(await shown(page)).toEqual(["الافتتاح", "الختام", "التقرير", "النقاش"]);
  });

  it("moves an item with the keyboard alone (Space, ArrowDown, Space), announced in Arabic; it persists", async () => {
    const page = await organizerPage();
    const handle = page.locator('[data-testid="agenda-item"]', { hasText: "الافتتاح" }).getByTestId("agenda-drag");
    await handle.focus();
    await page.keyboard.press("Space");
    const live = page.locator('[id^="DndLiveRegion"]');
    await expect.poll(() => live.textContent()).toContain("رُفع البند «الافتتاح»");
    await page.keyboard.press("ArrowDown");
    await expect.poll(() => live.textContent()).toContain("«الافتتاح» الآن عند الموضع 2 من 4");
    await page.keyboard.press("Space");
    await expect.poll(() => live.textContent()).toContain("وُضع البند «الافتتاح»");
    await expect.poll(order, { timeout: 10_000 }).toEqual(["الختام", "الافتتاح", "التقرير", "النقاش"]);
    await page.reload();
    await page.getByTestId("agenda-drag").first().waitFor();
    expect(await shown(page)).toEqual(["الختام", "الافتتاح", "التقرير", "النقاش"]);
  });

  it("a drop on an item someone else changed meanwhile is refused, reloads and says so", async () => {
    const page = await organizerPage();
    const item = await prisma().agendaItem.findFirstOrThrow({ where: { sessionId, title: "النقاش" } });
    // Another organizer edits the item after this page was loaded.
    await prisma().agendaItem.update({ where: { id: item.id }, data: { title: "النقاش العام", version: { increment: 1 } } });
    const handle = page.locator('[data-testid="agenda-item"]', { hasText: "النقاش" }).getByTestId("agenda-drag");
    await handle.focus();
    // Each key waits for the previous one's announcement, as a person would: the sensor listens once lifted.
    const live = page.locator('[id^="DndLiveRegion"]');
    await page.keyboard.press("Space");
    await expect.poll(() => live.textContent()).toContain("رُفع البند «النقاش»");
    await page.keyboard.press("ArrowUp");
    await expect.poll(() => live.textContent()).toContain("الآن عند الموضع");
    await page.keyboard.press("Space");
    await page.locator('[data-testid="agenda-error"][data-reason="stale_version"]').waitFor({ timeout: 10_000 });
    // Reloaded: the new title shows, and the order is unchanged.
    await page.locator('[data-testid="agenda-item-title"]', { hasText: "النقاش العام" }).waitFor();
    expect(await order()).toEqual(["الختام", "الافتتاح", "التقرير", "النقاش العام"]);
    expect(await shown(page)).toEqual(["الختام", "الافتتاح", "التقرير", "النقاش العام"]);
  });

  it("drags a session above another of its day by mouse and back by keyboard; it takes that time slot", async () => {
    const page = await organizerPage();
    const boxes = () => page.getByTestId("agenda-session-box").evaluateAll((els) => els.map((e) => e.getAttribute("data-id")));
    const slots = async () => (await prisma().agendaSession.findMany({ where: { conferenceId }, orderBy: [{ day: "asc" }, { startsAt: "asc" }, { position: "asc" }] })).map((s) => [s.title, s.startsAt, s.endsAt]);
    expect(await boxes()).toEqual([sessionId, afternoonId]);
    const box = (id: string) => page.locator(`[data-testid="agenda-session-box"][data-id="${id}"]`);
    const handle = box(afternoonId).getByTestId("agenda-session-drag");
    expect(await handle.getAttribute("aria-label")).toContain("جلسة الظهيرة");
    const from = (await handle.boundingBox())!;
    const target = (await box(sessionId).boundingBox())!;
    const x = from.x + from.width / 2;
    const y = from.y + from.height / 2;
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x, y - 10, { steps: 3 });
    // The dragged box's top onto the first box's top.
    await page.mouse.move(x, y - ((await box(afternoonId).boundingBox())!.y - target.y), { steps: 15 });
    await page.mouse.up();
    await expect.poll(slots, { timeout: 10_000 }).toEqual([["جلسة الظهيرة", "09:00", null], ["الجلسة الأولى", "11:00", "12:00"]]);
    await expect.poll(boxes).toEqual([afternoonId, sessionId]);

    // Back with the keyboard alone, announced in Arabic.
    await page.reload();
    await page.getByTestId("agenda-session-drag").first().waitFor();
    await box(afternoonId).getByTestId("agenda-session-drag").focus();
    const live = page.locator('[id^="DndLiveRegion"]');
    await page.keyboard.press("Space");
    await expect.poll(() => live.textContent()).toContain("رُفعت الجلسة «جلسة الظهيرة»");
    await page.keyboard.press("ArrowDown");
    await expect.poll(() => live.textContent()).toContain("الآن عند الموضع 2 من 2");
    await page.keyboard.press("Space");
    await expect.poll(() => live.textContent()).toContain("وُضعت الجلسة «جلسة الظهيرة»");
    await expect.poll(slots, { timeout: 10_000 }).toEqual([["الجلسة الأولى", "09:00", null], ["جلسة الظهيرة", "11:00", "12:00"]]);
    await page.reload();
    await page.getByTestId("agenda-session-drag").first().waitFor();
    expect(await boxes()).toEqual([sessionId, afternoonId]);
  });

  it("clears the add form after a session is added, keeps what was typed when refused, and shows the day as the reader reads it", async () => {
    const page = await organizerPage();
    const form = page.locator("form", { has: page.getByTestId("agenda-add-session") });
    const fill = async (title: string, startsAt: string, endsAt: string) => {
      await form.locator("input[name=title]").fill(title);
      await form.locator("input[name=day]").fill("2026-12-11");
      await form.locator("input[name=startsAt]").fill(startsAt);
      await form.locator("input[name=endsAt]").fill(endsAt);
    };
    // Ends before it starts: refused, and nothing typed is lost.
    await fill("جلسة اليوم الثاني", "10:00", "09:00");
    await form.getByTestId("agenda-add-session").click();
    await expect.poll(() => page.getByTestId("agenda-error").count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await form.locator("input[name=title]").inputValue()).toBe("جلسة اليوم الثاني");
    expect(await form.locator("input[name=startsAt]").inputValue()).toBe("10:00");
    await form.locator("input[name=endsAt]").fill("12:00");
    await form.getByTestId("agenda-add-session").click();
    const added = page.locator('[data-testid="agenda-session"]', { hasText: "جلسة اليوم الثاني" });
    await added.waitFor({ timeout: 20_000 });
    // The new session's day in Arabic words, not as an ISO date; the form is empty for the next one.
    expect(await added.innerText()).toContain("11 كانون الأول 2026");
    expect(await added.innerText()).not.toContain("2026-12-11");
    await expect.poll(() => form.locator("input[name=title]").inputValue(), { timeout: 20_000 }).toBe("");
    expect(await form.locator("input[name=day]").inputValue()).toBe("");
    expect(await prisma().agendaSession.count({ where: { conferenceId, title: "جلسة اليوم الثاني" } })).toBe(1);
  });
});
