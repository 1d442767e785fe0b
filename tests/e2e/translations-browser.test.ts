// Translations co-edited live in Chromium against the built server (demo seed, ADR 0074): two translators
// in two browser profiles type into the same block's live editor; each sees the other's text and the
// other's name on a caret in that block, the text reaches the row (and so a reader's page), and an
// out-of-date translation is still confirmed with its form. Without JavaScript the forms are as before
// (tests/e2e/translations.test.ts).
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchBrowser, signedInPage } from "../helpers/browser.js";
import { startAppServer, type AppServer } from "../helpers/app-server.js";
import { paperBlocks } from "~/domain/paper-doc";
import { saveTranslation } from "~/domain/translations.server";
import { actorFor } from "../helpers/actors.js";

const WAIT = { timeout: 30_000 };

describe("translations co-edited live in Chromium", () => {
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
    const { page } = await signedInPage(browser, server.url, `${who}@example.org`, contexts);
    await page.goto(`${server.url}/paper/translations?lang=en`);
    return page;
  }
  const prisma = () => server.running.services.prisma;
  const nameOf = async (who: string) => (await prisma().user.findUniqueOrThrow({ where: { email: `${who}@example.org` } })).name;

  it("shows each translator the other's keystrokes and named caret in the same block, and writes them through", async () => {
    const paperId = (await prisma().paper.findFirstOrThrow()).id;
    const block = paperBlocks(await server.running.services.papers.read(paperId)).find((b) => b.type === "paragraph" && b.text.length > 10)!;
    const [organizer, committee] = [await open("organizer"), await open("committee")];
    for (const page of [organizer, committee]) await page.locator(`[data-testid="translations-connection"][data-state="connected"]`).waitFor(WAIT);
    const editor = (page: Page) => page.locator(`[data-block="${block.id}"] [data-testid="translation-live"]`);
    // The editor's text without the others' carets (their names are inside the text's DOM).
    const typed = (page: Page) =>
      editor(page).evaluate((el) => {
        const copy = el.cloneNode(true) as HTMLElement;
        for (const caret of copy.querySelectorAll(".collaboration-carets__caret")) caret.remove();
        return copy.textContent ?? "";
      });
    // Without JavaScript's forms: no textarea, no save button for a translator with the live editor.
    expect(await organizer.locator(`[data-block="${block.id}"] textarea`).count()).toBe(0);

    await editor(organizer).click();
    await organizer.keyboard.type("The organizer writes.");
    await expect.poll(() => typed(committee), WAIT).toContain("The organizer writes.");

    await editor(committee).click();
    await committee.keyboard.press("End");
    await committee.keyboard.type(" The committee adds.");
    await expect.poll(() => typed(organizer), WAIT).toContain("The organizer writes. The committee adds.");
    // The organizer types on: both see the whole text.
    await editor(organizer).click();
    await organizer.keyboard.press("End");
    await organizer.keyboard.type(" Done.");
    for (const page of [organizer, committee]) {
      await expect.poll(() => typed(page), WAIT).toBe("The organizer writes. The committee adds. Done.");
    }

    // Each sees the other's caret, with the other's name, in this block's editor.
    const [organizerName, committeeName] = [await nameOf("organizer"), await nameOf("committee")];
    const caretNames = (page: Page) => page.locator(`[data-block="${block.id}"] .collaboration-carets__label`).allInnerTexts();
    await expect.poll(() => caretNames(committee), WAIT).toContain(organizerName);
    await editor(committee).click();
    await committee.keyboard.press("End");
    await committee.keyboard.type("!");
    await expect.poll(() => caretNames(organizer), WAIT).toContain(committeeName);

    // The server wrote the live text through to the row: up to date against the Arabic now.
    const row = () => prisma().paperTranslation.findUnique({ where: { paperId_blockId_language: { paperId, blockId: block.id, language: "en" } } });
    await expect.poll(async () => (await row())?.text ?? "", WAIT).toBe("The organizer writes. The committee adds. Done.!");
    expect((await row())!.sourceText).toBe(block.text);
    // …so a reader's page shows it.
    const observer = await open("observer");
    await expect.poll(() => observer.locator(`[data-block="${block.id}"]`).innerText(), WAIT).toContain("The committee adds.");
    expect(await observer.locator(`[data-block="${block.id}"] [data-testid="translation-live"]`).count()).toBe(0);
  });

  it("keeps the out-of-date diff and the confirm form beside the live editor", async () => {
    const paperId = (await prisma().paper.findFirstOrThrow()).id;
    const block = paperBlocks(await server.running.services.papers.read(paperId)).filter((b) => b.type === "paragraph" && b.text.length > 10)[1]!;
    // A translation saved with the form or the API, then made from older Arabic (as after the block was edited).
    const organizer = await actorFor(prisma(), (await prisma().user.findUniqueOrThrow({ where: { email: "organizer@example.org" } })).id);
    await saveTranslation(server.running.services, organizer, paperId, { blockId: block.id, language: "en", intent: "save", text: "An older translation." });
    await prisma().paperTranslation.update({ where: { paperId_blockId_language: { paperId, blockId: block.id, language: "en" } }, data: { sourceText: `${block.text} (older)` } });
    const committee = await open("committee");
    await committee.locator(`[data-testid="translations-connection"][data-state="connected"]`).waitFor(WAIT);
    const li = committee.locator(`[data-block="${block.id}"]`);
    expect(await li.getAttribute("data-status")).toBe("outdated");
    await li.getByTestId("translation-diff").waitFor(WAIT);
    // The save reached the live document: the editor holds it.
    await expect.poll(() => li.getByTestId("translation-live").innerText(), WAIT).toContain("An older translation.");
    await li.locator(`[data-testid="translation-confirm"] button[value="confirm"]`).click();
    await expect.poll(() => li.getAttribute("data-status"), WAIT).toBe("current");
    expect(await li.getByTestId("translation-diff").count()).toBe(0);
  });
});
