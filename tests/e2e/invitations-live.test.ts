// Live board in two Chromium pages: an organizer drags a card (allowed move) and uses a card's form;
// a committee member's board and table follow without reloading. A move the graph refuses changes
// nothing on either page.
import { describe, it, expect } from "vitest";
import type { Page } from "playwright-core";
import { chromiumSuite, dragToColumn } from "../helpers/browser.js";
import { signIn } from "../helpers/server.js";

describe("live invitation board in Chromium", () => {
  const suite = chromiumSuite();
  /** How many times a page without a live connection had its attempt refused. */
  const refusedLive = new WeakMap<Page, number>();

  async function pageAs(email: string, path: string, opts: { live?: boolean } = {}): Promise<Page> {
    const ctx = await suite.browser.newContext({ viewport: { width: 1500, height: 1000 } });
    suite.contexts.push(ctx);
    const cookie = await signIn(suite.server.url, email);
    const [name, ...rest] = cookie.split("=");
    await ctx.addCookies([{ name: name!, value: rest.join("="), url: suite.server.url }]);
    const page = await ctx.newPage();
    if (opts.live === false) {
      const refused = () => refusedLive.set(page, (refusedLive.get(page) ?? 0) + 1);
      await page.route("**/socket.io/**", (route) => (refused(), route.abort()));
      await page.routeWebSocket(/socket\.io/, (ws) => (refused(), ws.close()));
    }
    await page.goto(`${suite.server.url}${path}`);
    await page.waitForSelector(`[data-testid="live-status"][data-connected="${opts.live === false ? 0 : 1}"]`, { timeout: 30_000 });
    return page;
  }
  const drag = (page: Page, status: string, name: string, to: string) => dragToColumn(page, cardIn(page, status, name).getByTestId("card-drag"), page.getByTestId(`column-${to}`));
  const cardIn = (page: Page, status: string, name: string) => page.locator(`[data-testid="column-${status}"] [data-testid="card"]`, { hasText: name });
  /**
   * Records, from now on, whether the card ever shows in that column: a later change (the marker that
   * proves the page has received everything before it) would hide a transient wrong state.
   */
  async function watchColumn(page: Page, status: string, name: string): Promise<() => Promise<boolean>> {
    const key = `${status}|${name}`;
    await page.evaluate(
      ([key, status, name]) => {
        const w = window as unknown as { seen?: Record<string, boolean> };
        const seen = (w.seen ??= {});
        const check = () => {
          for (const card of document.querySelectorAll(`[data-testid="column-${status}"] [data-testid="card"]`)) if (card.textContent?.includes(name!)) seen[key!] = true;
        };
        seen[key!] = false;
        check();
        new MutationObserver(check).observe(document.body, { childList: true, subtree: true, characterData: true });
      },
      [key, status, name],
    );
    return () => page.evaluate((key) => (window as unknown as { seen: Record<string, boolean> }).seen[key]!, key);
  }


  it("a drag on one organizer's board shows on a committee member's board and table without reload", async () => {
    const organizer = await pageAs("organizer@example.org", "/invitations/board");
    const committee = await pageAs("committee@example.org", "/invitations/board");
    const table = await pageAs("committee2@example.org", "/invitations?status=CONFIRMED");
    await committee.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
    await table.evaluate(() => ((window as unknown as { marker: number }).marker = 43));
    const name = "الكاتبة ليلى منصور"; // SENT in the demo
    await cardIn(committee, "SENT", name).waitFor();
    const rowsBefore = await table.locator('[data-testid="invitation-row"]').count();

    await drag(organizer, "SENT", name, "CONFIRMED");
    await cardIn(organizer, "CONFIRMED", name).waitFor({ timeout: 20_000 });
    await cardIn(committee, "CONFIRMED", name).waitFor({ timeout: 20_000 });
    expect(await cardIn(committee, "SENT", name).count()).toBe(0);
    await table.locator('[data-testid="invitation-row"]', { hasText: name }).waitFor({ timeout: 20_000 });
    expect(await table.locator('[data-testid="invitation-row"]').count()).toBe(rowsBefore + 1);
    // Same documents: updated in place, not reloaded.
    expect(await committee.evaluate(() => (window as unknown as { marker: number }).marker)).toBe(42);
    expect(await table.evaluate(() => (window as unknown as { marker: number }).marker)).toBe(43);
    // Committee members have no forms and no drag handles.
    expect(await committee.locator('[data-testid="card-form"]').count()).toBe(0);
    expect(await committee.getByTestId("card-drag").count()).toBe(0);
  });

  it("a refused drop changes nothing; the card's form moves it and the other board follows", async () => {
    const organizer = await pageAs("organizer@example.org", "/invitations/board");
    const committee = await pageAs("committee@example.org", "/invitations/board");
    const name = "كتلة الساحل المدني"; // CANDIDATE in the demo
    await cardIn(organizer, "CANDIDATE", name).waitFor();

    const attendedOnOrganizer = await watchColumn(organizer, "ATTENDED", name);
    const attendedOnCommittee = await watchColumn(committee, "ATTENDED", name);

    // CANDIDATE → ATTENDED is not in the graph: the domain refuses the drop.
    await drag(organizer, "CANDIDATE", name, "ATTENDED");
    await organizer.locator('[data-testid="action-error"][data-code="illegal_transition"]').waitFor({ timeout: 20_000 });
    expect(await cardIn(organizer, "CANDIDATE", name).count()).toBe(1);

    // The per-card form (what works without JavaScript) offers only allowed moves.
    const card = cardIn(organizer, "CANDIDATE", name);
    const options = await card.locator("select option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(options).toEqual(["APPROVED", "WITHDRAWN"]);
    await card.locator("select").selectOption("APPROVED");
    await card.locator('button[type="submit"]').click();
    await cardIn(organizer, "APPROVED", name).waitFor({ timeout: 20_000 });
    await cardIn(committee, "APPROVED", name).waitFor({ timeout: 20_000 });
    expect(await cardIn(committee, "CANDIDATE", name).count()).toBe(0);
    // The allowed move is the marker: the refused one, had it gone through, came before it on both pages.
    expect(await attendedOnOrganizer()).toBe(false);
    expect(await attendedOnCommittee()).toBe(false);
  });

  it("the stale page loses: its move is refused with a message and it then shows the current state", async () => {
    const a = await pageAs("organizer@example.org", "/invitations/board");
    // Page b has no live connection (as when the network drops it), so it keeps the old state.
    const b = await pageAs("organizer@example.org", "/invitations/board", { live: false });
    const name = "الكتلة الوطنية للتغيير"; // APPROVED in the demo
    await cardIn(b, "APPROVED", name).waitFor();
    // Its live connection was tried and refused (not merely not tried yet).
    await expect.poll(() => refusedLive.get(b) ?? 0, { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await b.getAttribute('[data-testid="live-status"]', "data-connected")).toBe("0");
    const withdrawnOnA = await watchColumn(a, "WITHDRAWN", name);
    await cardIn(a, "APPROVED", name).locator("select").selectOption("SENT");
    await cardIn(a, "APPROVED", name).locator('button[type="submit"]').click();
    await cardIn(a, "SENT", name).waitFor({ timeout: 20_000 });
    expect(await cardIn(b, "APPROVED", name).count()).toBe(1);

    await cardIn(b, "APPROVED", name).locator("select").selectOption("WITHDRAWN");
    await cardIn(b, "APPROVED", name).locator('button[type="submit"]').click();
    await b.waitForSelector('[data-testid="action-error"][data-code="stale_version"]', { timeout: 20_000 });
    await cardIn(b, "SENT", name).waitFor({ timeout: 20_000 });
    // b, now current, moves it on: a sees that later change, so anything before it has reached a too.
    await cardIn(b, "SENT", name).locator("select").selectOption("CONFIRMED");
    await cardIn(b, "SENT", name).locator('button[type="submit"]').click();
    await cardIn(a, "CONFIRMED", name).waitFor({ timeout: 20_000 });
    expect(await withdrawnOnA()).toBe(false);
  });

  it("pages with dates hydrate cleanly in a browser far from the office's time zone, and show the office's time", async () => {
    const ctx = await suite.browser.newContext({ timezoneId: "Pacific/Kiritimati" }); // UTC+14; the office is in Damascus
    suite.contexts.push(ctx);
    const [name, ...rest] = (await signIn(suite.server.url, "organizer@example.org")).split("=");
    await ctx.addCookies([{ name: name!, value: rest.join("="), url: suite.server.url }]);
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(`${suite.server.url}/invitations`);
    const href = (await page.locator('[data-testid="invitation-row"] a').first().getAttribute("href"))!;
    for (const path of ["/invitations", "/invitations/attention", href]) {
      const served = await (await ctx.request.get(`${suite.server.url}${path}`)).text();
      await page.goto(`${suite.server.url}${path}`);
      await page.waitForLoadState("networkidle");
      expect(errors, path).toEqual([]); // React's hydration errors (#418, #425) land here
      if (path === href) {
        // The timeline after hydration says what the server rendered: the office's hour, not the browser's.
        const first = (await page.locator('[data-testid="timeline"] li').first().innerText()).trim();
        const hour = /\d{1,2}:\d{2}|[٠-٩]{1,2}:[٠-٩]{2}/.exec(first)?.[0];
        expect(hour).toBeTruthy();
        expect(served).toContain(hour!);
      }
    }
  });

  it("the table's bulk change works without JavaScript: each row is checked against the graph, and the result says which changed and why the others were refused", async () => {
    const ctx = await suite.browser.newContext({ javaScriptEnabled: false });
    suite.contexts.push(ctx);
    const [name, ...rest] = (await signIn(suite.server.url, "organizer@example.org")).split("=");
    await ctx.addCookies([{ name: name!, value: rest.join("="), url: suite.server.url }]);
    const page = await ctx.newPage();
    await page.goto(`${suite.server.url}/invitations`);
    const row = (by: string) => page.locator(`[data-testid="invitation-row"]${by}`);
    const ids: string[] = [];
    for (const status of ["APPROVED", "SENT", "CANDIDATE"]) {
      const first = row(`[data-status="${status}"]`).first();
      ids.push((await first.getAttribute("data-id"))!);
      await first.locator('input[type="checkbox"]').check();
    }
    await page.selectOption('[data-testid="bulk-to"]', "SENT");
    await Promise.all([page.waitForNavigation(), page.click('[data-testid="bulk-apply"]')]);
    // Arabic counts agree with their number: one changed, two (dual) refused.
    expect(await page.innerText('[data-testid="bulk-changed"]')).toBe("تغيّرت دعوة واحدة.");
    expect(await page.innerText('[data-testid="bulk-refused"]')).toBe("رُفضت دعوتان:");
    const reasons = await page.locator('[data-testid="bulk-result"] li').evaluateAll((els) => els.map((e) => `${(e as HTMLElement).dataset.code} ${e.textContent}`));
    expect(reasons).toHaveLength(2);
    expect(reasons.filter((r) => r.includes("هي في حالة «أُرسلت» أصلاً"))).toHaveLength(1);
    expect(reasons.filter((r) => r.includes("لا يمكن نقل الدعوة من «مرشح» إلى «أُرسلت»"))).toHaveLength(1);
    expect(reasons.every((r) => r.startsWith("illegal_transition "))).toBe(true);
    const statusOf = (id: string) => row(`[data-id="${id}"]`).getAttribute("data-status");
    expect([await statusOf(ids[0]!), await statusOf(ids[1]!), await statusOf(ids[2]!)]).toEqual(["SENT", "SENT", "CANDIDATE"]);
  });
});
