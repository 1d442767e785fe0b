// The check-in desk in Chromium against the built server (ADR 0055): a scanner's keystrokes into the
// focused field, a check-in made while the device is offline that waits and is sent once back online
// (a replayed queue checks nobody in twice), the camera reading a QR badge (Chromium's fake camera
// playing a picture of it), and the observer's attendance board following live.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import QRCode from "qrcode";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { startAppServer, type AppServer } from "../helpers/app-server.js";
import { signInAs } from "../security/helpers.js";

/** One grey-scale Y4M frame with the QR code of `text` (what Chromium's fake camera plays in a loop). */
function qrVideo(text: string, file: string) {
  const W = 320, H = 240, scale = 6;
  const qr = QRCode.create(text, { errorCorrectionLevel: "M" }).modules;
  const size = (qr.size + 8) * scale; // four modules of quiet zone each side
  const x0 = (W - size) / 2, y0 = (H - size) / 2;
  const y = Buffer.alloc(W * H, 255);
  for (let r = 0; r < qr.size; r++) for (let c = 0; c < qr.size; c++) {
    if (!qr.get(r, c)) continue;
    for (let dy = 0; dy < scale; dy++) for (let dx = 0; dx < scale; dx++) y[(y0 + (r + 4) * scale + dy) * W + x0 + (c + 4) * scale + dx] = 0;
  }
  const chroma = Buffer.alloc((W / 2) * (H / 2) * 2, 128);
  writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420jpeg\nFRAME\n`), y, chroma]));
}

describe("the check-in desk in Chromium", () => {
  let app: AppServer;
  let browser: Browser;
  let dir: string;
  const contexts: BrowserContext[] = [];
  let conferenceId: string;
  const members: string[] = [];
  const prisma = () => app.running.services.prisma;
  const code = async (id: string) => (await prisma().delegationMember.findUniqueOrThrow({ where: { id } })).checkInCode!;
  const rows = (id: string) => prisma().attendance.count({ where: { delegationMemberId: id } });
  const pageAs = async (email: string, path: string): Promise<{ page: Page; context: BrowserContext }> => {
    const [name, value] = (await signInAs(app.url, email)).split(";")[0]!.split("=") as [string, string];
    const context = await browser.newContext();
    contexts.push(context);
    await context.addCookies([{ name, value, url: app.url }]);
    const page = await context.newPage();
    const csp: string[] = [];
    page.on("console", (m) => m.text().includes("Content Security Policy") && csp.push(m.text()));
    await page.goto(`${app.url}${path}`);
    (page as unknown as { csp: string[] }).csp = csp;
    return { page, context };
  };

  beforeAll(async () => {
    app = await startAppServer();
    conferenceId = (await prisma().conference.findFirstOrThrow()).id;
    const inv = await prisma().invitation.findFirstOrThrow({ where: { conferenceId, force: { nameEn: "Democratic Horizon Party" } } });
    for (const name of ["سلمى يوسف", "خالد إبراهيم", "ليلى حسن"]) members.push((await prisma().delegationMember.create({ data: { invitationId: inv.id, name } })).id);
    // The badges page issues the codes.
    const organizer = await signInAs(app.url, "organizer@example.org");
    expect((await fetch(`${app.url}/checkin/badges`, { headers: { cookie: organizer } })).status).toBe(200);
    dir = mkdtempSync(join(tmpdir(), "checkin-cam-"));
    qrVideo(await code(members[2]!), join(dir, "badge.y4m"));
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", `--use-file-for-fake-video-capture=${join(dir, "badge.y4m")}`],
    });
  }, 120_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await app?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("reads a scanner's keystrokes, queues a check-in while offline and sends it once, and the board follows", async () => {
    const { page: board } = await pageAs("observer@example.org", "/checkin/board");
    await board.getByTestId("board-live").waitFor();
    const present = async () => Number(await board.getByTestId("board-members").getAttribute("data-present"));
    const before = await present();

    const { page, context } = await pageAs("organizer@example.org", "/checkin");
    await page.waitForFunction(() => document.activeElement?.getAttribute("name") === "code");
    // A wedge scanner types into whatever has the focus and presses Enter.
    await page.keyboard.type(await code(members[0]!));
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByTestId("checkin-result").getAttribute("data-already")).toBe("false");
    expect(await page.getByTestId("checkin-result").innerText()).toContain("سلمى يوسف");
    expect(await page.getByTestId("field-code").inputValue()).toBe("");
    await expect.poll(present).toBe(before + 1);

    await context.setOffline(true);
    const khaled = await code(members[1]!);
    await page.getByTestId("field-code").fill(khaled);
    await page.keyboard.press("Enter");
    await page.getByTestId("checkin-pending").waitFor();
    expect(await page.getByTestId("checkin-pending").innerText()).toContain(khaled);
    expect(await rows(members[1]!)).toBe(0);
    // The same code scanned twice while offline, and once more before the network comes back.
    await page.getByTestId("field-code").fill(khaled);
    await page.keyboard.press("Enter");
    await context.setOffline(false);
    await page.getByTestId("checkin-pending").waitFor({ state: "detached" });
    expect(await page.getByTestId("checkin-result").innerText()).toContain("خالد إبراهيم");
    expect(await rows(members[1]!)).toBe(1);
    expect(await page.evaluate(() => localStorage.getItem("tawafuq.checkin.queue"))).toBe("[]");
    await expect.poll(present).toBe(before + 2);
    expect((page as unknown as { csp: string[] }).csp).toEqual([]);
  }, 60_000);

  it("reads a badge's QR code with the camera and checks its member in", async () => {
    const { page } = await pageAs("organizer@example.org", "/checkin");
    await page.getByTestId("checkin-camera").click();
    await expect.poll(() => page.getByTestId("checkin-result").innerText({ timeout: 500 }).catch(() => ""), { timeout: 20_000 }).toContain("ليلى حسن");
    expect(await rows(members[2]!)).toBe(1);
    expect((page as unknown as { csp: string[] }).csp).toEqual([]);
  }, 60_000);
});
