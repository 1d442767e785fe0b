// An open paper in Chromium whose session ends elsewhere (sign-out from another request) stops
// retrying and tells the reader, instead of reconnecting forever or dropping edits silently.
import { describe, it } from "vitest";
import { chromiumSuite, signedInPage } from "../helpers/browser.js";

const WAIT = { timeout: 30_000 };

describe("the paper when its session ends", () => {
  const suite = chromiumSuite();

  it("signing out elsewhere turns the open editor's badge to 'ended' within seconds", async () => {
    const { page, cookie } = await signedInPage(suite.browser, suite.server.url, "committee2@example.org", suite.contexts);
    await page.goto(`${suite.server.url}/paper`);
    await page.waitForSelector('[data-testid="paper-connection"][data-state="connected"]', WAIT);
    // The same session signs out from another request (another tab, a script with the cookie).
    const res = await fetch(`${suite.server.url}/logout`, { method: "POST", headers: { cookie }, redirect: "manual" });
    if (res.status !== 302) throw new Error(`logout answered ${res.status}`);
    await page.waitForSelector('[data-testid="paper-connection"][data-state="ended"]', { timeout: 10_000 });
  });
});
