// Drag and drop on the invitation board in Chromium against the built server (issue 19): an organizer
// drags a card by its handle to a column the graph allows (the status changes, a history row is
// written), to one it refuses (the domain's refusal shows, the card stays), and moves one with the
// keyboard alone; the nine columns fit a 1280 px window without sideways scrolling.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";
import { dragToColumn, launchBrowser } from "../helpers/browser.js";
import { startAppServer, type AppServer } from "../helpers/app-server.js";
import { signInAs } from "../security/helpers.js";

describe("the invitation board's drag and drop in Chromium", () => {
  let app: AppServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const prisma = () => app.running.services.prisma;
  const invitationOf = (nameAr: string) => prisma().invitation.findFirstOrThrow({ where: { force: { nameAr } }, include: { events: { orderBy: { createdAt: "asc" } } } });

  async function boardPage(): Promise<Page> {
    const [name, value] = (await signInAs(app.url, "organizer@example.org")).split(";")[0]!.split("=") as [string, string];
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    await context.addCookies([{ name, value, url: app.url }]);
    const page = await context.newPage();
    await page.goto(`${app.url}/invitations/board`);
    // The handles render only after hydration.
    await page.getByTestId("card-drag").first().waitFor();
    return page;
  }
  const cardIn = (page: Page, status: string, name: string) => page.locator(`[data-testid="column-${status}"] [data-testid="card"]`, { hasText: name });

  beforeAll(async () => {
    [app, browser] = await Promise.all([startAppServer(), launchBrowser()]);
  }, 240_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await app?.stop();
  });

  it("the nine columns fit a 1280 px window: no sideways scrolling of the board or the page", async () => {
    const page = await boardPage();
    const sizes = await page.evaluate(() => {
      const board = document.querySelector('[data-testid="board"]')!;
      return { board: [board.scrollWidth, board.clientWidth], page: [document.documentElement.scrollWidth, document.documentElement.clientWidth] };
    });
    expect(sizes.board[0]).toBeLessThanOrEqual(sizes.board[1]!);
    expect(sizes.page[0]).toBeLessThanOrEqual(sizes.page[1]!);
    const last = (await page.getByTestId("column-WITHDRAWN").boundingBox())!;
    const first = (await page.getByTestId("column-CANDIDATE").boundingBox())!;
    // Right to left: the first status stands at the right edge, the last at the left, both in the window.
    expect(last.x).toBeGreaterThanOrEqual(0);
    expect(first.x + first.width).toBeLessThanOrEqual(1280);
    expect(first.x).toBeGreaterThan(last.x);
    // The hydrated board (handles, live region) passes axe: no serious or critical violation.
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} ${v.nodes[0]?.target.join(" ")}`)).toEqual([]);
  });

  it("a drag to a column the graph allows changes the status and writes a history row", async () => {
    const page = await boardPage();
    const name = "حزب ضفاف الفرات"; // SENT in the demo
    const handle = cardIn(page, "SENT", name).getByTestId("card-drag");
    expect(await handle.getAttribute("aria-label")).toContain(name);
    await dragToColumn(page, handle, page.getByTestId("column-CONFIRMED"));
    await cardIn(page, "CONFIRMED", name).waitFor({ timeout: 20_000 });
    await expect.poll(async () => (await invitationOf(name)).status, { timeout: 10_000 }).toBe("CONFIRMED");
    const last = (await invitationOf(name)).events.at(-1)!;
    expect([last.kind, last.fromStatus, last.toStatus]).toEqual(["STATUS", "SENT", "CONFIRMED"]);
    expect(await page.getByTestId("action-error").count()).toBe(0);
  });

  it("a drag to a column the graph refuses shows the refusal and the card stays where it was", async () => {
    const page = await boardPage();
    const name = "عشيرة السهل الشرقي"; // CANDIDATE in the demo
    const before = await invitationOf(name);
    await dragToColumn(page, cardIn(page, "CANDIDATE", name).getByTestId("card-drag"), page.getByTestId("column-ATTENDED"));
    const error = page.locator('[data-testid="action-error"][data-code="illegal_transition"]');
    await error.waitFor({ timeout: 20_000 });
    expect(await error.getAttribute("role")).toBe("alert");
    expect(await error.innerText()).toContain("لا يمكن نقل الدعوة من «مرشح» إلى «حضر»");
    expect(await cardIn(page, "CANDIDATE", name).count()).toBe(1);
    expect(await cardIn(page, "ATTENDED", name).count()).toBe(0);
    const after = await invitationOf(name);
    expect([after.status, after.version, after.events.length]).toEqual([before.status, before.version, before.events.length]);
  });

  it("moves a card with the keyboard alone (Space, arrow, Space), announced in Arabic", async () => {
    const page = await boardPage();
    const name = "المحامي عمر الحسن"; // CANDIDATE in the demo
    await cardIn(page, "CANDIDATE", name).getByTestId("card-drag").focus();
    const live = page.locator('[id^="DndLiveRegion"]');
    await page.keyboard.press("Space");
    await expect.poll(() => live.textContent()).toContain(`رُفعت بطاقة «${name}» من عمود «مرشح»`);
    // Right to left, the next status (APPROVED) stands to the left.
    await page.keyboard.press("ArrowLeft");
    await expect.poll(() => live.textContent()).toContain(`فوق عمود «موافق عليه». الانتقال مسموح.`);
    await page.keyboard.press("Space");
    await cardIn(page, "APPROVED", name).waitFor({ timeout: 20_000 });
    await expect.poll(async () => (await invitationOf(name)).status, { timeout: 10_000 }).toBe("APPROVED");
  });
});
