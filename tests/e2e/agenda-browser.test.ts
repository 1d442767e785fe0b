// Reordering the agenda in Chromium against the built server (ADR 0057): once hydrated, an organizer
// drags an item by its handle with the mouse, then moves one with the keyboard alone (Space, ArrowDown,
// Space), and the order stands after a reload; the drag handle announces itself, and a drop whose
// version went stale meanwhile reloads the agenda and says so.
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
  const prisma = () => app.running.services.prisma;
  const order = async () => (await prisma().agendaItem.findMany({ where: { sessionId }, orderBy: { position: "asc" } })).map((i) => i.title);
  const shown = (page: Page) => page.locator(`[data-session="${sessionId}"] [data-testid="agenda-item-title"]`).allTextContents();

  async function organizerPage(): Promise<Page> {
    const [name, value] = (await signInAs(app.url, "organizer@example.org")).split(";")[0]!.split("=") as [string, string];
    const context = await browser.newContext();
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
    const session = await prisma().agendaSession.create({ data: { conferenceId, title: "الجلسة الأولى", day: new Date("2026-12-10T00:00:00Z"), startsAt: "09:00", position: 0 } });
    sessionId = session.id;
    for (const [position, title] of ["الافتتاح", "التقرير", "النقاش", "الختام"].entries()) await prisma().agendaItem.create({ data: { sessionId, title, position, status: "SCHEDULED" } });
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
});
