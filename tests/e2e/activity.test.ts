// "What changed today" against the built server over HTTP: a card moved on the board shows on the
// organizers' and the committee's activity page, filtered by kind and day; the wrong roles are refused,
// and a malformed filter is a 400, never a 500.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { startAppServer, type AppServer } from "../helpers/app-server.js";
import { signInAs } from "../security/helpers.js";
import { calendarDay } from "~/domain/due-dates";

describe("the activity page", () => {
  let app: AppServer;
  const cookies: Record<string, string> = {};
  const get = (who: string, path: string) => fetch(`${app.url}${path}`, { headers: { cookie: cookies[who]! }, redirect: "manual" });

  beforeAll(async () => {
    app = await startAppServer();
    for (const who of ["organizer", "committee", "delegate", "observer"]) cookies[who] = (await signInAs(app.url, `${who}@example.org`)).split(";")[0]!;
    // A change today: the demo's CANDIDATE "كتلة الساحل المدني" approved through the board's no-JS form.
    const inv = await app.running.services.prisma.invitation.findFirstOrThrow({ where: { force: { nameAr: "كتلة الساحل المدني" } } });
    const form = new URLSearchParams({ id: inv.id, to: "APPROVED", version: String(inv.version) });
    const moved = await fetch(`${app.url}/invitations/board`, { method: "POST", body: form, headers: { cookie: cookies.organizer! }, redirect: "manual" });
    expect(moved.status).toBeLessThan(400);
  }, 240_000);
  afterAll(async () => app?.stop());

  it("shows today's invitation change to organizers and the committee, and filters by kind and day", async () => {
    for (const who of ["organizer", "committee"]) {
      const res = await get(who, "/activity");
      expect(res.status, who).toBe(200);
      const html = await res.text();
      expect(html).toContain('data-action="invitation.status"');
      expect(html).toContain("ما تغيّر اليوم");
    }
    const amendmentsOnly = await (await get("committee", "/activity?kind=amendments")).text();
    expect(amendmentsOnly).not.toContain('data-action="invitation.status"');
    const invitationsOnly = await (await get("committee", "/activity?kind=invitations")).text();
    expect(invitationsOnly).toContain('data-kind="invitations"');
    const today = calendarDay(new Date());
    const yesterday = new Date(`${today}T12:00:00Z`);
    yesterday.setUTCDate(yesterday.getUTCDate() - 1);
    const before = await (await get("committee", `/activity?day=${yesterday.toISOString().slice(0, 10)}`)).text();
    expect(before).toContain('data-testid="activity-none"');
  });

  it("refuses delegates and observers, and answers a malformed filter with 400", async () => {
    for (const who of ["delegate", "observer"]) expect((await get(who, "/activity")).status, who).toBe(403);
    expect((await get("organizer", "/activity?kind=sign-ins")).status).toBe(400);
    expect((await get("organizer", "/activity?day=yesterday")).status).toBe(400);
  });
});
