// Block ids (ADR 0062) in the real editor: in Chromium, two committee members edit the same paper; one
// splits a paragraph with Enter while the other types into it. Every block in both editors carries an
// id, the ids are unique, the split paragraph's first half keeps its id and its second half has a new
// one, and both editors agree.
import { describe, it, expect } from "vitest";
import type { Page } from "playwright-core";
import { chromiumSuite, signedInPage } from "../helpers/browser.js";

const WAIT = { timeout: 30_000 };

describe("block ids in Chromium", () => {
  const suite = chromiumSuite();
  const as = (email: string) => signedInPage(suite.browser, suite.server.url, email, suite.contexts);

  async function openPaper(page: Page) {
    await page.goto(`${suite.server.url}/paper`);
    await page.waitForSelector('[data-testid="paper-connection"][data-state="connected"]', WAIT);
  }
  /** [id, text] of every paragraph and heading in the editor, in order. */
  const blocks = (page: Page) =>
    page.$$eval('[data-testid="paper-editor"] :is(p, h1, h2, h3, h4)', (els) =>
      els.map((e) => {
        // Others' carets (with their names) sit inside the text: not part of it.
        const copy = e.cloneNode(true) as Element;
        copy.querySelectorAll('[class*="caret"]').forEach((c) => c.remove());
        return [e.getAttribute("data-blockid"), copy.textContent ?? ""] as const;
      }),
    );

  it("a split keeps the first half's id, gives the second a new one, and ids stay unique under concurrent typing", async () => {
    const a = await as("committee@example.org");
    const b = await as("committee2@example.org");
    await Promise.all([openPaper(a.page), openPaper(b.page)]);
    const before = await blocks(a.page);
    expect(before.every(([id]) => !!id)).toBe(true);
    const target = before.find(([, text]) => text.includes("للمكتب خطط وبرامج"))!;

    // A splits the paragraph after its first word; B, at the same time, types at its end.
    const pa = a.page.locator(`[data-testid="paper-editor"] p[data-blockid="${target[0]}"]`);
    await pa.click();
    await a.page.keyboard.press("End");
    const pb = b.page.locator(`[data-testid="paper-editor"] p[data-blockid="${target[0]}"]`);
    await pb.click();
    await b.page.keyboard.press("End");
    await Promise.all([a.page.keyboard.press("Enter"), b.page.keyboard.type(" نص متزامن")]);

    for (const p of [a.page, b.page]) await p.waitForSelector('[data-testid="paper-connection"][data-unsynced="0"]', WAIT);
    await a.page.waitForFunction(() => document.querySelector('[data-testid="paper-editor"]')?.textContent?.includes("نص متزامن"), undefined, WAIT);
    await b.page.waitForFunction((n) => document.querySelectorAll('[data-testid="paper-editor"] :is(p, h1, h2, h3, h4)').length === n, before.length + 1, WAIT);

    const [afterA, afterB] = [await blocks(a.page), await blocks(b.page)];
    expect(afterB).toEqual(afterA);
    const ids = afterA.map(([id]) => id);
    expect(ids.every((id) => !!id)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    // Split at its end: the paragraph (with the other member's words) keeps its id, the new empty
    // paragraph after it has a new one. (Mid-text and at-start splits: tests/unit/block-ids.test.ts.)
    const i = ids.indexOf(target[0]);
    expect(afterA[i]![1]).toBe(`${target[1]} نص متزامن`);
    expect(afterA[i + 1]![1]).toBe("");
    expect(afterA[i + 1]![0]).not.toBe(target[0]);
    // The other blocks kept their ids.
    expect(ids.filter((id) => id !== afterA[i + 1]![0])).toEqual(before.map(([id]) => id));
  });
});
