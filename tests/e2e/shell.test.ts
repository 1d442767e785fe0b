// New user's first steps in real Chromium: sign in as the demo organizer, Arabic RTL dashboard,
// switch to English (LTR), sign out.
import { describe, it, expect } from "vitest";
import { chromiumSuite } from "../helpers/browser.js";

describe("shell in Chromium", () => {
  const suite = chromiumSuite();

  it("signs in, reads Arabic RTL, switches to English LTR, signs out", async () => {
    const page = await suite.browser.newPage();
    await page.goto(`${suite.server.url}/`);
    expect(new URL(page.url()).pathname).toBe("/login");
    expect(await page.evaluate(() => document.dir)).toBe("rtl");
    await page.fill('input[name="email"]', "organizer@example.org");
    await page.fill('input[name="password"]', "tawafuq-demo");
    await page.click('button[type="submit"]:has-text("تسجيل الدخول")');
    await page.waitForSelector('[data-testid="dashboard-title"]');
    expect(await page.evaluate(() => [document.dir, document.documentElement.lang])).toEqual(["rtl", "ar"]);
    expect(await page.textContent('[data-testid="dashboard-title"]')).toBe("لوحة المتابعة");
    expect(await page.textContent('[data-testid="my-role"]')).toBe("منسق");

    // With JavaScript the choice applies at once (the button is for browsers without it).
    await page.waitForFunction(() => !document.querySelector('[data-testid="lang-submit"]'));
    await page.selectOption('[data-testid="lang-select"]', "en");
    await page.waitForFunction(() => document.dir === "ltr");
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
    expect(await page.textContent('[data-testid="dashboard-title"]')).toBe("Dashboard");

    // Remembered: a fresh load stays English.
    await page.reload();
    expect(await page.evaluate(() => document.dir)).toBe("ltr");

    await page.click('[data-testid="sign-out"]');
    await page.waitForURL(/\/login/);
    await page.goto(`${suite.server.url}/`);
    expect(new URL(page.url()).pathname).toBe("/login");
  });
});
