// The bell in Chromium against the built server (demo seed): a delegate's open page counts up without a
// reload when the committee takes the force's amendment under review and decides it, while another
// force's delegate's bell stays at zero; and every page holds one socket.io connection, shared by the bell
// and the page's live parts (app/components/realtime/socket.ts).
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import type { Browser, BrowserContext, Page, WebSocket } from "playwright-core";
import { launchBrowser, signedInPage } from "../helpers/browser.js";
import { signIn } from "../helpers/server.js";
import { startAppServer, type AppServer } from "../helpers/app-server.js";
import { rooms } from "../../app/domain/rooms.js";

const WAIT = { timeout: 30_000 };

describe("the bell's live count in Chromium", () => {
  let server: AppServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const cookies: Record<string, string> = {};
  let amendmentId: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startAppServer(), launchBrowser()]);
    for (const who of ["delegate", "committee"]) cookies[who] = await signIn(server.url, `${who}@example.org`);
  }, 300_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.stop();
  });

  const api = async (who: string, path: string, body: unknown) => {
    const res = await fetch(`${server.url}/api/v1${path}`, { method: "POST", headers: { cookie: cookies[who]!, "content-type": "application/json" }, body: JSON.stringify(body) });
    expect(res.status, await res.clone().text()).toBeLessThan(300);
    return (await res.json()) as any;
  };

  /** Opens `path` as `who`; `sockets` lists the page's socket.io connections, `joined` settles once one is open. */
  async function open(who: string, path: string) {
    const { page } = await signedInPage(browser, server.url, `${who}@example.org`, contexts);
    const sockets: WebSocket[] = [];
    const joined = new Promise<void>((resolve) =>
      page.on("websocket", (ws) => {
        if (!ws.url().includes("/socket.io/")) return;
        sockets.push(ws);
        // Engine.io's open, then socket.io's CONNECT answer ("40…"): the server has put it in its user's room.
        ws.on("framereceived", (f) => typeof f.payload === "string" && f.payload.startsWith("40") && resolve());
      }),
    );
    await page.goto(`${server.url}${path}`);
    await joined;
    // Marks this document: a reload would lose it.
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
    return { page, sockets };
  }
  const unread = async (page: Page) => Number(await page.getByTestId("bell").getAttribute("data-unread"));
  const sameDocument = (page: Page) => page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument === true);

  it("counts up on the delegate's open page without a reload; the other force's bell does not move", async () => {
    const delegate = await open("delegate", "/");
    const other = await open("delegate2", "/");
    expect(await unread(delegate.page)).toBe(0);
    expect(await unread(other.page)).toBe(0);

    const paper = await server.running.db.prisma.paper.findFirstOrThrow();
    amendmentId = (await api("delegate", `/papers/${paper.id}/amendments`, { type: "INSERT", start: 60, end: 70, proposedText: "نص مضاف" })).amendment.id;
    await api("delegate", `/amendments/${amendmentId}/transitions`, { to: "SUBMITTED" });
    // Recommending a submitted amendment takes it under review: the force's delegates are told.
    await api("committee", `/amendments/${amendmentId}/recommendation`, { recommendation: "REJECT", note: "ملاحظة اللجنة" });
    await delegate.page.waitForSelector('[data-testid="bell"][data-unread="1"]', WAIT);
    expect(await delegate.page.getByTestId("bell-count").innerText()).toBe("1");
    await api("committee", `/amendments/${amendmentId}/transitions`, { to: "REJECTED", note: "سبب القرار" });
    await delegate.page.waitForSelector('[data-testid="bell"][data-unread="2"]', WAIT);
    expect(await delegate.page.getByTestId("bell").getAttribute("aria-label")).toBe("الإشعارات، غير المقروءة: 2");
    expect(await sameDocument(delegate.page)).toBe(true);

    // The other delegate's page was connected all along and heard nothing.
    expect(await unread(other.page)).toBe(0);
    expect(await other.page.getByTestId("bell-count").count()).toBe(0);
    expect(await sameDocument(other.page)).toBe(true);
    expect([delegate.sockets.length, other.sockets.length]).toEqual([1, 1]);
  }, 90_000);

  it("a page with the bell and live parts holds one connection, which still counts", async () => {
    // The amendment page (bell + live amendment updates) and the invitations table (bell + live invitations).
    const amendment = await open("delegate", `/amendments/${amendmentId}`);
    await amendment.page.waitForSelector('html[data-live="on"]', WAIT);
    const invitations = await open("organizer", "/invitations");
    await invitations.page.waitForSelector('[data-testid="live-status"][data-connected="1"]', WAIT);
    // Time for a second connection to show, if one were made.
    await amendment.page.waitForTimeout(1000);
    expect([amendment.sockets.length, invitations.sockets.length]).toEqual([1, 1]);

    // The bell on that page still hears its account's room through the shared connection (a change to
    // the amendment would also reload the page's data, which would show the count without the socket).
    const delegateId = (await server.running.db.prisma.user.findUniqueOrThrow({ where: { email: "delegate@example.org" } })).id;
    server.running.services.realtime.emit(rooms.user(delegateId), "notification.new", { unread: 7 });
    await amendment.page.waitForSelector('[data-testid="bell"][data-unread="7"]', WAIT);
    expect(await sameDocument(amendment.page)).toBe(true);
  }, 90_000);
});
