// "What changed today" against the built server over HTTP: a card moved on the board shows on the
// organizers' and the committee's activity page, filtered by kind and day; the wrong roles are refused,
// and a malformed filter is a 400, never a 500. Each change reads as a label in the reader's language; an
// action without one yet shows as its code.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { startAppServer, type AppServer } from "../helpers/app-server.js";
import { signInAs } from "../security/helpers.js";
import { calendarDay } from "~/domain/due-dates";
import { recordAudit } from "~/domain/audit.server";
import { localeCookie } from "~/locale.server";

describe("the activity page", () => {
  let app: AppServer;
  const cookies: Record<string, string> = {};
  const get = (who: string, path: string, cookie = "") => fetch(`${app.url}${path}`, { headers: { cookie: [cookies[who]!, cookie].filter(Boolean).join("; ") }, redirect: "manual" });

  beforeAll(async () => {
    app = await startAppServer();
    for (const who of ["organizer", "committee", "delegate", "observer"]) cookies[who] = (await signInAs(app.url, `${who}@example.org`)).split(";")[0]!;
    // A change today: the demo's CANDIDATE "كتلة الساحل المدني" approved through the board's no-JS form.
    const inv = await app.running.services.prisma.invitation.findFirstOrThrow({ where: { force: { nameAr: "كتلة الساحل المدني" } } });
    const form = new URLSearchParams({ id: inv.id, to: "APPROVED", version: String(inv.version) });
    const moved = await fetch(`${app.url}/invitations/board`, { method: "POST", body: form, headers: { cookie: cookies.organizer! }, redirect: "manual" });
    expect(moved.status).toBeLessThan(400);
    // An outreach action the page has no label for (yet): written as any change is, in the audit trail.
    await recordAudit(app.running.services.prisma, { actorId: null, action: "outreach.somethingNew", subjectType: "OutreachEntry", conferenceId: inv.conferenceId });
  }, 240_000);
  afterAll(async () => app?.stop());

  it("shows today's invitation change to organizers and the committee, and filters by kind and day", async () => {
    for (const who of ["organizer", "committee"]) {
      const res = await get(who, "/activity");
      expect(res.status, who).toBe(200);
      const html = await res.text();
      expect(html).toContain('data-action="invitation.status"');
      expect(html).toContain("ما تغيّر اليوم");
      expect(html).toContain("تغيّر حال دعوة");
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

  it("says what changed in the reader's language, and an unlabelled action as its code", async () => {
    const rowOf = (html: string, action: string) => html.match(new RegExp(`<li[^>]*data-action="${action.replace(/\./g, "\\.")}"[\\s\\S]*?</li>`))?.[0] ?? "";
    for (const [lang, label] of [["en", "Invitation status changed"], ["ku", "Rewşa vexwendinekê hat guhertin"], ["ar", "تغيّر حال دعوة"]] as const) {
      const html = await (await get("organizer", "/activity", (await localeCookie.serialize(lang)).split(";")[0]!)).text();
      const row = rowOf(html, "invitation.status");
      expect(row, lang).toContain(label);
      expect(row, lang).not.toMatch(/>invitation\.status</);
      expect(rowOf(html, "outreach.somethingNew"), lang).toMatch(/<code[^>]*>outreach\.somethingNew<\/code>/);
    }
  });

  it("refuses delegates and observers, and answers a malformed filter with 400", async () => {
    for (const who of ["delegate", "observer"]) expect((await get(who, "/activity")).status, who).toBe(403);
    expect((await get("organizer", "/activity?kind=sign-ins")).status).toBe(400);
    expect((await get("organizer", "/activity?day=yesterday")).status).toBe(400);
  });
});
