// Translations live in Chromium against the built server (demo seed, ADR 0070): a translator's save shows
// on another translator's open page without a reload; a translator who is typing keeps the text, is shown
// the newer translation someone saved meanwhile, is refused (stale) instead of overwriting it, and saves
// after choosing to keep their own text.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchBrowser, signedInPage } from "../helpers/browser.js";
import { startAppServer, type AppServer } from "../helpers/app-server.js";
import { paperBlocks } from "~/domain/paper-doc";

const WAIT = { timeout: 30_000 };

describe("translations live in Chromium", () => {
  let server: AppServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startAppServer(), launchBrowser()]);
  }, 300_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.stop();
  });

  async function open(who: string) {
    const { page, cookie } = await signedInPage(browser, server.url, `${who}@example.org`, contexts);
    await page.goto(`${server.url}/paper/translations?lang=en`);
    // Live once the shared socket joined the conference (the page marks it on <html>).
    await page.waitForFunction(() => document.documentElement.dataset.live === "on", undefined, WAIT);
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
    return { page, cookie };
  }
  const sameDocument = (page: Page) => page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument === true);

  it("shows another translator's save at once, and never lets a typist overwrite it unknowingly", async () => {
    const paperId = (await server.running.services.prisma.paper.findFirstOrThrow()).id;
    const block = paperBlocks(await server.running.services.papers.read(paperId)).find((b) => b.type === "paragraph" && b.text.length > 10)!;
    const [organizer, committee] = [await open("organizer"), await open("committee")];
    const area = (page: Page) => page.locator(`[data-block="${block.id}"] textarea[name="text"]`);

    // The organizer saves with the form; the committee member's page shows it without a reload.
    await area(organizer.page).fill("The organizer's English text.");
    await organizer.page.locator(`[data-block="${block.id}"] button[value="save"]`).click();
    await expect.poll(() => area(committee.page).inputValue(), WAIT).toBe("The organizer's English text.");
    expect(await sameDocument(committee.page)).toBe(true);
    await expect.poll(() => committee.page.locator(`[data-block="${block.id}"]`).getAttribute("data-status"), WAIT).toBe("current");

    // The committee member types; meanwhile the organizer saves again (through the API).
    await area(committee.page).fill("The committee's draft.");
    const res = await fetch(`${server.url}/api/v1/papers/${paperId}/translations`, {
      method: "POST",
      headers: { cookie: organizer.cookie, "content-type": "application/json" },
      body: JSON.stringify({ blockId: block.id, language: "en", intent: "save", text: "The organizer's second text.", version: 1 }),
    });
    expect(res.status).toBe(200);
    const overtaken = committee.page.locator(`[data-block="${block.id}"] [data-testid="translation-overtaken"]`);
    await overtaken.waitFor(WAIT);
    expect(await overtaken.textContent()).toContain("The organizer's second text.");
    expect(await area(committee.page).inputValue()).toBe("The committee's draft.");

    // Saving now is refused: the draft stays in the box, the organizer's text in the database.
    await committee.page.locator(`[data-block="${block.id}"] button[value="save"]`).click();
    await committee.page.getByTestId("translations-error").waitFor(WAIT);
    expect(await committee.page.getByTestId("translations-error").getAttribute("data-reason")).toBe("stale");
    expect(await area(committee.page).inputValue()).toBe("The committee's draft.");
    const row = () => server.running.services.prisma.paperTranslation.findFirstOrThrow({ where: { paperId, blockId: block.id, language: "en" } });
    expect((await row()).text).toBe("The organizer's second text.");

    // Having read theirs, the committee member keeps (a merge of) their own.
    await area(committee.page).fill("The committee's merged text.");
    await overtaken.getByRole("button").click();
    await committee.page.locator(`[data-block="${block.id}"] button[value="save"]`).click();
    await expect.poll(async () => (await row()).text, WAIT).toBe("The committee's merged text.");
    expect((await row()).version).toBe(3);
    await expect.poll(() => area(organizer.page).inputValue(), WAIT).toBe("The committee's merged text.");
  });
});
