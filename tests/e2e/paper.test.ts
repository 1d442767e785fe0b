// The working paper in real Chromium against the real server (production build, embedded database):
// two committee members co-draft in Arabic and see each other's carets; a delegate reads live without
// editing; offline typing reaches the other member after reconnecting; the page reads without JS.
import { describe, it, expect } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { chromiumSuite, signedInPage } from "../helpers/browser.js";

const COMMITTEE = "عضو اللجنة التحضيرية";
const WAIT = { timeout: 30_000 };

describe("working paper in Chromium", () => {
  const suite = chromiumSuite();


  /** A separate browser profile per person (own cookies, own IndexedDB, no shared BroadcastChannel). */
  async function as(email: string, opts: { javaScriptEnabled?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
    return signedInPage(suite.browser, suite.server.url, email, suite.contexts, opts);
  }

  async function openPaper(page: Page) {
    await page.goto(`${suite.server.url}/paper`);
    await page.waitForSelector('[data-testid="paper-editor"]', WAIT);
    await page.waitForSelector('[data-testid="paper-connection"][data-state="connected"]', WAIT);
  }

  const editorText = (page: Page) => page.locator('[data-testid="paper-editor"]').innerText();

  /** Puts the caret at the end of the paragraph that contains `text`. */
  async function caretAfter(page: Page, text: string) {
    await page.locator('[data-testid="paper-editor"] p', { hasText: text }).first().click();
    await page.keyboard.press("End");
  }

  it("two committee members: Arabic typed in one appears in the other, with the first member's named caret", async () => {
    const a = await as("committee@example.org");
    const b = await as("committee2@example.org");
    await Promise.all([openPaper(a.page), openPaper(b.page)]);

    // Both see each other in "here now".
    await b.page.waitForFunction((name) => document.querySelector('[data-testid="paper-presence"]')?.textContent?.includes(name), COMMITTEE, WAIT);

    await caretAfter(a.page, "يتألف المكتب من رئاسة مشتركة");
    const typed = " وتُعقد اجتماعاته كل أسبوعين.";
    await a.page.keyboard.type(typed);

    await b.page.waitForFunction((t) => document.querySelector('[data-testid="paper-editor"]')?.textContent?.includes(t.trim()), typed, WAIT);
    // The typed words landed inside the same paragraph, in order.
    expect(await b.page.locator('[data-testid="paper-editor"] p', { hasText: "يتألف المكتب" }).innerText()).toContain(`الوطني السوري.${typed}`);

    // B sees A's caret labelled with A's name, in A's colour.
    const label = b.page.locator(".collaboration-carets__label", { hasText: COMMITTEE });
    await label.waitFor(WAIT);
    expect(await label.innerText()).toBe(COMMITTEE);

    // Every paragraph takes its own direction.
    expect(await b.page.locator('[data-testid="paper-editor"] p').first().getAttribute("dir")).toBe("auto");
    expect(await b.page.evaluate(() => getComputedStyle(document.querySelector('[data-testid="paper-editor"] p')!).direction)).toBe("rtl");

    // The live outline lists the sections and jumps to one.
    const outline = b.page.locator('[data-testid="paper-outline"] button');
    expect(await outline.count()).toBe(5);
    await outline.nth(4).click();
    await b.page.waitForFunction(() => {
      const h = [...document.querySelectorAll('[data-testid="paper-editor"] h2')][4] as HTMLElement | undefined;
      if (!h) return false;
      const r = h.getBoundingClientRect();
      return r.top >= 0 && r.top < window.innerHeight;
    }, undefined, WAIT);

    // A new heading typed by A shows up in B's outline.
    await caretAfter(a.page, "للمكتب خطط وبرامج");
    await a.page.keyboard.press("Enter");
    await a.page.locator('[data-testid="paper-toolbar"] button[title="عنوان قسم"]').click();
    await a.page.keyboard.type("٦. قسم جديد");
    await b.page.waitForFunction(() => [...document.querySelectorAll('[data-testid="paper-outline"] button')].some((x) => x.textContent === "٦. قسم جديد"), undefined, WAIT);

    // An English paragraph reads left-to-right inside the Arabic paper; a table arrives as a table.
    await a.page.keyboard.press("Enter");
    await a.page.keyboard.type("The committee meets every two weeks.");
    await a.page.locator('[data-testid="paper-toolbar"] button[title="إدراج جدول"]').click();
    await a.page.keyboard.type("القوة");
    const english = b.page.locator('[data-testid="paper-editor"] p', { hasText: "The committee meets every two weeks." });
    await english.waitFor(WAIT);
    expect(await english.evaluate((el) => getComputedStyle(el).direction)).toBe("ltr");
    await b.page.locator('[data-testid="paper-editor"] table th', { hasText: "القوة" }).waitFor(WAIT);
    expect(await b.page.locator('[data-testid="paper-editor"] table tr').count()).toBe(3);

    // Links: web addresses only; a javascript: address is refused with a message.
    await a.page.locator('[data-testid="paper-editor"] p', { hasText: "The committee meets" }).dblclick();
    await a.page.locator('[data-testid="paper-toolbar"] button[title="رابط"]').click();
    await a.page.fill("#paper-link-href", "javascript:alert(1)");
    await a.page.keyboard.press("Enter");
    await a.page.locator('[data-testid="paper-toolbar"] [role="alert"]').waitFor(WAIT);
    await a.page.fill("#paper-link-href", "https://example.org/paper");
    await a.page.keyboard.press("Enter");
    await b.page.locator('[data-testid="paper-editor"] a[href="https://example.org/paper"]').waitFor(WAIT);
    expect(await b.page.locator('[data-testid="paper-editor"] a[href^="javascript"]').count()).toBe(0);
  });

  it("a delegate reads the same text live, with no editing affordances", async () => {
    const d = await as("delegate@example.org");
    await openPaper(d.page);
    await d.page.waitForSelector('[data-testid="paper-readonly"]');
    expect(await d.page.locator('[data-testid="paper-toolbar"]').count()).toBe(0);
    expect(await d.page.locator('[data-testid="save-version-form"]').count()).toBe(0);
    expect(await d.page.locator('[data-testid="paper-editor"]').getAttribute("contenteditable")).toBe("false");

    // Typing changes nothing.
    const before = await editorText(d.page);
    await d.page.locator('[data-testid="paper-editor"] p').first().click();
    await d.page.keyboard.type("محاولة كتابة من المندوب");
    expect(await editorText(d.page)).toBe(before);

    // A committee member's edit arrives live.
    const a = await as("committee@example.org");
    await openPaper(a.page);
    await caretAfter(a.page, "تتابع ممثليات المجلس");
    await a.page.keyboard.type(" وتنسق مع المكتب.");
    await d.page.waitForFunction(() => document.querySelector('[data-testid="paper-editor"]')?.textContent?.includes("وتنسق مع المكتب."), undefined, WAIT);
    expect(await editorText(a.page)).not.toContain("محاولة كتابة من المندوب");
  });

  it("offline edits are kept, counted, and reach the other member after reconnecting", async () => {
    const a = await as("committee@example.org");
    const b = await as("committee2@example.org");
    await Promise.all([openPaper(a.page), openPaper(b.page)]);

    await a.context.setOffline(true);
    await a.page.waitForSelector('[data-testid="paper-connection"][data-state="offline"]', WAIT);
    await caretAfter(a.page, "تقوم دبلوماسية المجلس");
    const offline = " كُتبت هذه الجملة دون اتصال.";
    await a.page.keyboard.type(offline);
    expect(Number(await a.page.locator('[data-testid="paper-connection"]').getAttribute("data-unsynced"))).toBeGreaterThan(0);
    expect(await a.page.locator('[data-testid="paper-unsynced"]').innerText()).toMatch(/بانتظار المزامنة/);
    expect(await editorText(b.page)).not.toContain(offline.trim());

    await a.context.setOffline(false);
    await b.page.waitForFunction((t) => document.querySelector('[data-testid="paper-editor"]')?.textContent?.includes(t), offline.trim(), WAIT);
    await a.page.waitForSelector('[data-testid="paper-connection"][data-state="connected"][data-unsynced="0"]', WAIT);

    // Offline again, and this time the tab is closed before the network returns: the edit lives only in
    // IndexedDB, and is sent when the paper is next opened.
    await a.context.setOffline(true);
    await a.page.waitForSelector('[data-testid="paper-connection"][data-state="offline"]', WAIT);
    await caretAfter(a.page, "تقوم دبلوماسية المجلس");
    const closed = " وهذه كُتبت ثم أُغلقت الصفحة.";
    await a.page.keyboard.type(closed);
    // A read transaction on the update store runs after every write y-indexeddb has queued before it.
    const stored = await a.page.evaluate(async () => {
      const info = (await indexedDB.databases()).find((d) => d.name?.startsWith("tawafuq-paper-"));
      return new Promise<number>((resolve, reject) => {
        const req = indexedDB.open(info!.name!);
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const count = req.result.transaction("updates", "readonly").objectStore("updates").count();
          count.onsuccess = () => {
            req.result.close();
            resolve(count.result);
          };
        };
      });
    });
    expect(stored).toBeGreaterThan(0);
    await a.page.close();
    expect(await editorText(b.page)).not.toContain(closed.trim());
    await a.context.setOffline(false);

    const again = await a.context.newPage();
    await openPaper(again);
    await b.page.waitForFunction((t) => document.querySelector('[data-testid="paper-editor"]')?.textContent?.includes(t), closed.trim(), WAIT);
  });

  it("serves the current text to a reader without JavaScript", async () => {
    const r = await as("observer@example.org", { javaScriptEnabled: false });
    await r.page.goto(`${suite.server.url}/paper`);
    expect(await r.page.locator('[data-testid="paper-title"]').innerText()).toBe("ورقة عمل مكتب العلاقات العامة");
    const text = await r.page.locator('[data-testid="paper-static"]').innerText();
    expect(text).toContain("١. هيكلية المكتب ومهامه على المستوى الوطني");
    // Edits made live earlier in this run are in the server-rendered text too.
    expect(text).toContain("وتنسق مع المكتب.");
    expect(await r.page.locator('[data-testid="paper-static"] h2').first().getAttribute("dir")).toBe("auto");
    expect(await r.page.locator('[data-testid="paper-outline"] a').count()).toBe(6);
  });
});
