// Debian's Chromium through playwright-core (never a downloaded browser), fresh profile each launch
// (playwright's launch() makes a new temporary user-data-dir itself).
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { signIn, startTestServer, type TestServer } from "./server.js";
import type { AppServer } from "./app-server.js";

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

/**
 * The in-process app server (its services at hand, e.g. prisma) and Chromium for a suite, with the
 * cookies of `who` (demo accounts, signed in once): started before its tests, closed after them together
 * with every browser context the tests pushed onto `contexts`.
 */
export function appChromiumSuite(who: string[], env: Record<string, string> = {}) {
  const suite = { app: undefined as unknown as AppServer, browser: undefined as unknown as Browser, contexts: [] as BrowserContext[], cookies: {} as Record<string, string> };
  beforeAll(async () => {
    // Loaded here, not at the top: suites of the built server (startTestServer) need not load the app.
    const { startAppServer } = await import("./app-server.js");
    [suite.app, suite.browser] = await Promise.all([startAppServer(env), launchBrowser()]);
    for (const w of who) suite.cookies[w] = await signIn(suite.app.url, `${w}@example.org`);
  }, 240_000);
  afterAll(async () => {
    for (const c of suite.contexts) await c.close().catch(() => {});
    await suite.browser?.close();
    await suite.app?.stop();
  });
  return suite;
}

/** Selects `phrase` inside the element `root`, as a reader dragging over it would. */
export const selectPhrase = (page: Page, root: string, phrase: string) =>
  page.evaluate(
    ({ root, phrase }) => {
      const walker = document.createTreeWalker(document.querySelector(root)!, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const at = n.textContent!.indexOf(phrase);
        if (at < 0) continue;
        const r = document.createRange();
        r.setStart(n, at);
        r.setEnd(n, at + phrase.length);
        const s = document.getSelection()!;
        s.removeAllRanges();
        s.addRange(r);
        return;
      }
      throw new Error(`"${phrase}" not found in ${root}`);
    },
    { root, phrase },
  );

/**
 * Selects `phrase` until `[data-testid=chosen-quote]` shows it: a selection made before the page's
 * script has hydrated can be re-rendered away, so one attempt is not enough.
 */
export async function selectUntilQuoted(page: Page, root: string, phrase: string, timeout = 30_000) {
  const until = Date.now() + timeout;
  for (;;) {
    await selectPhrase(page, root, phrase);
    try {
      await page.waitForFunction((p) => document.querySelector("[data-testid=chosen-quote]")?.textContent === p, phrase, { timeout: 1_000 });
      return;
    } catch (e) {
      if (Date.now() > until) throw e;
    }
  }
}

/**
 * A person's drag of a dnd-kit handle onto a board column: press, move past the activation distance, then
 * in steps sideways onto the column (a board's columns share one row's height, so the handle's height is inside it).
 */
export async function dragToColumn(page: Page, handle: Locator, column: Locator) {
  await handle.scrollIntoViewIfNeeded();
  const from = (await handle.boundingBox())!;
  const to = (await column.boundingBox())!;
  const y = from.y + from.height / 2;
  await page.mouse.move(from.x + from.width / 2, y);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 - 10, y, { steps: 3 });
  await page.mouse.move(to.x + to.width / 2, y, { steps: 15 });
  await page.mouse.up();
}
