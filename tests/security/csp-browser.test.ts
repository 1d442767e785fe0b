// The Content-Security-Policy in real Chromium (ADR 0024): the main pages, signed in, hydrate and open
// their live connections (Yjs websocket on /paper, socket.io on the board) without a single violation,
// while a script injected without the page's nonce is blocked.
import { describe, it, expect } from "vitest";
import type { Page } from "playwright-core";
import { chromiumSuite, signedInPage } from "../helpers/browser.js";

const WAIT = { timeout: 30_000 };

describe("CSP in Chromium", () => {
  const suite = chromiumSuite();

  /** A signed-in page that records every CSP violation (console and securitypolicyviolation events). */
  async function watchedPage(email: string): Promise<{ page: Page; violations: string[] }> {
    const { context, page } = await signedInPage(suite.browser, suite.server.url, email, suite.contexts);
    const violations: string[] = [];
    // Init scripts run from the DevTools protocol, outside the page's CSP.
    await context.addInitScript(() => {
      const w = window as unknown as { __csp: string[] };
      w.__csp = [];
      document.addEventListener("securitypolicyviolation", (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
    });
    page.on("console", (m) => {
      if (/Content.Security.Policy/i.test(m.text())) violations.push(`console: ${m.text()}`);
    });
    page.on("pageerror", (e) => violations.push(`pageerror: ${e.message}`));
    return { page, violations };
  }

  async function open(page: Page, path: string): Promise<string> {
    const res = await page.goto(`${suite.server.url}${path}`);
    expect(res?.status()).toBe(200);
    const policy = (await res!.allHeaders())["content-security-policy"] ?? "";
    expect(policy).toMatch(/script-src 'self' 'nonce-[^']+'/);
    return policy;
  }

  const reported = (page: Page) => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);

  it("the main pages hydrate and connect without a CSP violation", async () => {
    const { page, violations } = await watchedPage("organizer@example.org");

    await open(page, "/");
    await page.waitForSelector('[data-testid="dashboard-title"]', WAIT);
    // Hydrated: a client-side navigation keeps the document (a marker set on window survives).
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 7));
    await page.click('nav a[href="/amendments"]');
    await page.waitForURL(/\/amendments$/, WAIT);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(7);
    expect(await reported(page)).toEqual([]);

    await open(page, "/paper");
    // The live editor mounts only with JavaScript, and connects over the Yjs websocket.
    await page.waitForSelector('[data-testid="paper-editor"]', WAIT);
    await page.waitForSelector('[data-testid="paper-connection"][data-state="connected"]', WAIT);
    expect(await reported(page)).toEqual([]);

    await open(page, "/invitations/board");
    await page.waitForSelector('[data-testid="live-status"][data-connected="1"]', WAIT); // socket.io
    expect(await reported(page)).toEqual([]);

    for (const path of ["/amendments", "/invitations/dashboard", "/plans", "/members"]) {
      await open(page, path);
      await page.waitForLoadState("networkidle");
      expect([path, await reported(page)]).toEqual([path, []]);
    }
    expect(violations).toEqual([]);
  });

  it("a script injected without the nonce does not run, and the violation is reported", async () => {
    const { page } = await watchedPage("committee@example.org");
    await open(page, "/paper");
    await page.waitForSelector('[data-testid="paper-editor"]', WAIT);
    await page.evaluate(() => {
      const s = document.createElement("script");
      s.textContent = "window.__injected = true";
      document.body.append(s);
      const img = document.createElement("img");
      img.setAttribute("onerror", "window.__injected = true");
      img.src = "data:,x";
      document.body.append(img);
    });
    await page.waitForFunction(() => (window as unknown as { __csp: string[] }).__csp.length >= 2, undefined, WAIT);
    expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
    const violations = await reported(page);
    expect(violations.some((v) => v.startsWith("script-src-elem"))).toBe(true);
    expect(violations.some((v) => v.startsWith("script-src-attr"))).toBe(true);
  });
});
