// Debian's Chromium through playwright-core (never a downloaded browser), fresh profile each launch
// (playwright's launch() makes a new temporary user-data-dir itself).
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { signIn, startTestServer, type TestServer } from "./server.js";

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * A separate browser profile signed in as `email` (own cookies, own IndexedDB, no shared
 * BroadcastChannel). The context is pushed onto `contexts` so the suite can close them all.
 */
export async function signedInPage(
  browser: Browser,
  baseUrl: string,
  email: string,
  contexts: BrowserContext[],
  opts: { javaScriptEnabled?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page; cookie: string }> {
  const cookie = await signIn(baseUrl, email);
  const [name, value] = cookie.split("=") as [string, string];
  const context = await browser.newContext({ javaScriptEnabled: opts.javaScriptEnabled ?? true });
  contexts.push(context);
  await context.addCookies([{ name, value, url: baseUrl }]);
  return { context, page: await context.newPage(), cookie };
}

/**
 * The real server and Chromium for a suite: started before its tests, closed after them together with
 * every browser context the tests pushed onto `contexts`.
 */
export function chromiumSuite(): { server: TestServer; browser: Browser; contexts: BrowserContext[] } {
  const suite = { server: undefined as unknown as TestServer, browser: undefined as unknown as Browser, contexts: [] as BrowserContext[] };
  beforeAll(async () => {
    [suite.server, suite.browser] = await Promise.all([startTestServer(), launchBrowser()]);
  });
  afterAll(async () => {
    for (const c of suite.contexts) await c.close().catch(() => {});
    await suite.browser?.close();
    await suite.server?.stop();
  });
  return suite;
}
