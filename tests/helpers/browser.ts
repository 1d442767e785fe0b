// Debian's Chromium through playwright-core (never a downloaded browser), fresh profile each launch
// (playwright's launch() makes a new temporary user-data-dir itself).
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { signIn } from "./server.js";

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
