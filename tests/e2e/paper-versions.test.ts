// Versions of the working paper in Chromium against the real server: save (a plain form, no JS), compare
// with <ins>/<del>, restore as a new change that open editors receive live, delegates cannot save or
// restore, DOCX export, and the print view.
import { describe, it, expect } from "vitest";
import type { Page } from "playwright-core";
import JSZip from "jszip";
import { chromiumSuite, signedInPage } from "../helpers/browser.js";

const WAIT = { timeout: 30_000 };

describe("paper versions in Chromium", () => {
  const suite = chromiumSuite();


  const as = (email: string, opts: { javaScriptEnabled?: boolean } = {}) => signedInPage(suite.browser, suite.server.url, email, suite.contexts, opts);

  async function openPaper(page: Page) {
    await page.goto(`${suite.server.url}/paper`);
    await page.waitForSelector('[data-testid="paper-connection"][data-state="connected"]', WAIT);
  }

  let savedId = "";

  it("saves a named version with a plain form (no JavaScript) and refuses an empty name", async () => {
    const { page, cookie } = await as("committee@example.org", { javaScriptEnabled: false });
    await page.goto(`${suite.server.url}/paper/versions`);
    await page.fill('input[name="name"]', "قبل جلسة التعديل");
    await page.click('button[type="submit"]:has-text("حفظ نسخة")');
    expect(await page.locator('[role="status"]').innerText()).toBe("حُفظت النسخة «قبل جلسة التعديل».");
    const row = page.locator("tr[data-version]", { hasText: "قبل جلسة التعديل" });
    expect(await row.locator("td").nth(1).innerText()).toBe("عضو اللجنة التحضيرية");
    savedId = (await row.getAttribute("data-version"))!;

    // Automatic (daily) versions may appear at any time; count the named ones.
    const named = page.locator("tr[data-version]:not([data-automatic])");
    const before = await named.count();
    const res = await fetch(`${suite.server.url}/paper/versions`, { method: "POST", headers: { cookie, "content-type": "application/x-www-form-urlencoded" }, body: "name=%20%20" });
    expect(res.status).toBe(400);
    // Reloading after saving does not save again (the form redirects).
    await page.reload();
    await page.goto(`${suite.server.url}/paper/versions`);
    expect(await named.count()).toBe(before);
  });

  it("compares that version with the edited text, marking insertions and deletions", async () => {
    const { page } = await as("committee@example.org");
    await openPaper(page);
    await page.locator('[data-testid="paper-editor"] p', { hasText: "للمكتب خطط وبرامج" }).click();
    await page.keyboard.press("End");
    // Replace the last word and add a phrase: "والبعيد." → "والطويل، وفق جدول زمني."
    for (let i = 0; i < "والبعيد.".length; i++) await page.keyboard.press("Backspace");
    await page.keyboard.type("والطويل، وفق جدول زمني.");
    await page.waitForSelector('[data-testid="paper-connection"][data-unsynced="0"]', WAIT);

    await page.goto(`${suite.server.url}/paper/compare?from=${savedId}&to=current`);
    const changed = page.locator('[data-testid="paper-diff"] [data-status="changed"]');
    expect(await changed.count()).toBe(1);
    // Whole words: the full stop both texts end with is kept, not deleted and re-inserted.
    expect(await changed.locator("del").allInnerTexts()).toEqual(["والبعيد"]);
    expect((await changed.locator("ins").allInnerTexts()).join("")).toBe("والطويل، وفق جدول زمني");
    expect(await changed.getAttribute("dir")).toBe("auto");
    // Marked with elements, never shown as markup text.
    expect(await page.locator('[data-testid="paper-diff"]').innerText()).not.toMatch(/<\/?(ins|del)>|&lt;/);
    expect(await page.locator('[data-testid="compare-summary"]').innerText()).toContain("أُضيفت");
  });

  it("restores the version as a new change: an open editor receives it live, the replaced text is kept", async () => {
    const watcher = await as("committee2@example.org");
    await openPaper(watcher.page);
    expect(await watcher.page.locator('[data-testid="paper-editor"]').innerText()).toContain("وفق جدول زمني.");

    const { page } = await as("organizer@example.org");
    await page.goto(`${suite.server.url}/paper/versions/${savedId}`);
    expect(await page.locator('[data-testid="version-text"]').innerText()).toContain("والمتوسط والبعيد.");
    await page.click('[data-testid="restore-button"]');
    await page.waitForSelector('[data-testid="version-restored"]', WAIT);

    await watcher.page.waitForFunction(() => {
      const t = document.querySelector('[data-testid="paper-editor"]')?.textContent ?? "";
      return t.includes("والمتوسط والبعيد.") && !t.includes("وفق جدول زمني.");
    }, undefined, WAIT);

    await page.goto(`${suite.server.url}/paper/versions`);
    const kept = page.locator("tr[data-version]", { hasText: "قبل استعادة «قبل جلسة التعديل»" });
    expect(await kept.count()).toBe(1);
    await kept.locator("a").first().click();
    expect(await page.locator('[data-testid="version-text"]').innerText()).toContain("وفق جدول زمني.");
  });

  it("delegates see versions but cannot save or restore", async () => {
    const { page, cookie } = await as("delegate@example.org");
    await page.goto(`${suite.server.url}/paper/versions`);
    expect(await page.locator("tr[data-version]").count()).toBeGreaterThan(0);
    expect(await page.locator('input[name="name"]').count()).toBe(0);
    await page.goto(`${suite.server.url}/paper/versions/${savedId}`);
    await page.waitForSelector('[data-testid="version-text"]');
    expect(await page.locator('[data-testid="restore-form"]').count()).toBe(0);
    for (const [path, body] of [[`/paper/versions/${savedId}`, ""], ["/paper/versions", "name=x"]] as const) {
      const res = await fetch(`${suite.server.url}${path}`, { method: "POST", headers: { cookie, "content-type": "application/x-www-form-urlencoded" }, body, redirect: "manual" });
      expect(res.status, path).toBe(403);
    }
  });

  it("exports the current text and a version to DOCX with Arabic paragraphs right-to-left", async () => {
    const { cookie } = await as("observer@example.org");
    for (const q of ["", `?version=${savedId}`]) {
      const res = await fetch(`${suite.server.url}/paper/export${q}`, { headers: { cookie } });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
      expect(decodeURIComponent(res.headers.get("content-disposition")!)).toContain("ورقة-عمل-مكتب-العلاقات-العامة");
      const zip = await JSZip.loadAsync(await res.arrayBuffer());
      const xml = await zip.file("word/document.xml")!.async("string");
      expect(xml).toContain("هيكلية المكتب ومهامه");
      expect(xml).toMatch(/<w:pPr><w:pStyle w:val="Heading2"\/><w:bidi\/>/);
    }
    expect((await fetch(`${suite.server.url}/paper/export?version=nope`, { headers: { cookie } })).status).toBe(404);
  });

  it("answers bad or unknown version references with 400/404", async () => {
    const { cookie } = await as("observer@example.org");
    const status = async (path: string) => (await fetch(`${suite.server.url}${path}`, { headers: { cookie } })).status;
    expect(await status("/paper/compare")).toBe(400);
    expect(await status("/paper/compare?from=%3Cscript%3E&to=current")).toBe(400);
    expect(await status("/paper/compare?from=nope&to=current")).toBe(404);
    expect(await status(`/paper/compare?from=${savedId}&to=nope`)).toBe(404);
    expect(await status("/paper/versions/nope")).toBe(404);
    expect(await status("/paper/print?version=nope")).toBe(404);
    expect(await status(`/paper/compare?from=${savedId}&to=current`)).toBe(200);
  });

  it("prints cleanly: no navigation or buttons on paper, the text and its title only", async () => {
    const { page } = await as("observer@example.org");
    await page.goto(`${suite.server.url}/paper/print?version=${savedId}`);
    await page.emulateMedia({ media: "print" });
    expect(await page.locator("header nav").isVisible()).toBe(false);
    expect(await page.locator('button:has-text("اطبع")').isVisible()).toBe(false);
    expect(await page.locator('[data-testid="paper-print"] h1').innerText()).toBe("ورقة عمل مكتب العلاقات العامة");
    expect(await page.locator('[data-testid="paper-print"]').innerText()).toContain("والمتوسط والبعيد.");
    const pdf = await page.pdf({ format: "A4" });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  });
});
