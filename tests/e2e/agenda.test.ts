// The agenda and the projector over real HTTP against the built server (demo seed, ADR 0054): an
// organizer adds a session and items and reorders them with the no-JS up/down buttons; the chair puts
// an amendment on the floor and the projector shows it with its proposed text; "next" moves on; a
// delegate reads but cannot edit; anonymous visitors go to /login; the .ics parses; bad input and
// unknown query parameters are 400s.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { startAppServer, type AppServer } from "../helpers/app-server.js";
import { postForm, signInAs } from "../security/helpers.js";
import { AgendaSchema } from "~/domain/agenda-schema";

describe("the agenda pages", () => {
  let app: AppServer;
  let conferenceId: string;
  let organizer: string;
  let delegate: string;
  const prisma = () => app.running.services.prisma;
  const get = async (path: string, cookie: string | null) => {
    const res = await fetch(`${app.url}${path}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });
    return { status: res.status, html: await res.text(), headers: res.headers };
  };
  const items = () => prisma().agendaItem.findMany({ where: { session: { conferenceId } }, orderBy: { position: "asc" } });

  beforeAll(async () => {
    app = await startAppServer();
    conferenceId = (await prisma().conference.findFirstOrThrow()).id;
    // This suite builds its own agenda from an empty one: the demo's seeded sessions (and their items) go first.
    await prisma().agendaSession.deleteMany({ where: { conferenceId } });
    organizer = await signInAs(app.url, "organizer@example.org");
    delegate = await signInAs(app.url, "delegate@example.org");
  }, 240_000);
  afterAll(async () => app?.stop());

  it("an organizer builds the agenda, reorders it and chairs it; the projector follows", async () => {
    expect((await get("/agenda", organizer)).html).toContain('data-testid="agenda-empty"');
    const added = await postForm(app.url, "/agenda", organizer, { intent: "addSession", title: "الجلسة الأولى", day: "2026-12-10", startsAt: "09:00", endsAt: "12:00", room: "القاعة الكبرى", chair: "" });
    expect(added.status).toBe(302);
    const session = await prisma().agendaSession.findFirstOrThrow({ where: { conferenceId } });
    for (const fields of [
      { kind: "FREE", title: "الافتتاح", refId: "", notes: "" },
      { kind: "PAPER_SECTION", title: "التعديل المطروح", refId: "المبادئ العامة", notes: "نص الملاحظة" },
    ]) {
      expect((await postForm(app.url, "/agenda", organizer, { intent: "addItem", sessionId: session.id, ...fields })).status).toBe(302);
    }
    let [first, second] = await items();
    // "Up" on the second item: the amendment comes first.
    expect((await postForm(app.url, "/agenda", organizer, { intent: "move", itemId: second!.id, version: String(second!.version), position: "0" })).status).toBe(302);
    expect((await items()).map((i) => i.id)).toEqual([second!.id, first!.id]);
    for (const i of await items()) expect((await postForm(app.url, "/agenda", organizer, { intent: "transition", itemId: i.id, version: String(i.version), to: "SCHEDULED" })).status).toBe(302);

    expect((await postForm(app.url, "/agenda", organizer, { intent: "next", currentId: "" })).status).toBe(302);
    [first, second] = await items();
    expect(first).toMatchObject({ kind: "PAPER_SECTION", status: "CURRENT" });
    const page = await get("/agenda", organizer);
    expect(page.html).toContain('data-testid="agenda-next"');
    expect(page.html).toContain("التعديل المطروح");

    const screen = await get("/projector", delegate);
    expect(screen.status).toBe(200);
    expect(screen.html).toContain('data-testid="projector-item"');
    expect(screen.html).toContain("التعديل المطروح");
    expect(screen.html).toContain("نص الملاحظة");
    expect(screen.html).not.toContain('aria-label="'); // no navigation chrome
    expect(screen.html).toContain('http-equiv="refresh"');

    // A second press of the same "next" (it still names no current item) is refused and skips nothing.
    const again = await postForm(app.url, "/agenda", organizer, { intent: "next", currentId: "" });
    expect(again.status).toBe(409);
    expect(again.html).toContain('data-reason="moved_on"');
    expect((await postForm(app.url, "/agenda", organizer, { intent: "next", currentId: first!.id })).status).toBe(302);
    expect((await items()).map((i) => i.status)).toEqual(["DONE", "CURRENT"]);
    expect((await get("/projector", delegate)).html).toContain("الافتتاح");
  });

  it("the .ics export parses: one event per session, at its time in the conference's zone", async () => {
    const ics = await get("/agenda.ics", delegate);
    expect(ics.status).toBe(200);
    expect(ics.headers.get("content-type")).toContain("text/calendar");
    const unfolded = ics.html.replace(/\r\n[ \t]/g, "");
    expect(unfolded.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(unfolded.trimEnd().endsWith("END:VCALENDAR")).toBe(true);
    const events = unfolded.split("BEGIN:VEVENT").slice(1);
    expect(events).toHaveLength(1);
    const field = (name: string) => new RegExp(`^${name}[:;](.*)$`, "m").exec(events[0]!)?.[1]?.replace(/\r$/, "");
    expect(field("SUMMARY")).toBe("الجلسة الأولى");
    // 09:00 in Damascus (UTC+3) is 06:00 UTC.
    expect(field("DTSTART")).toBe("20261210T060000Z");
    expect(field("DTEND")).toBe("20261210T090000Z");
    expect(field("UID")).toMatch(/^agenda-session-/);
  });

  it("a delegate reads the agenda but cannot edit or chair it; nothing changes", async () => {
    const page = await get("/agenda", delegate);
    expect(page.status).toBe(200);
    expect(page.html).toContain("الجلسة الأولى");
    expect(page.html).not.toContain('data-testid="agenda-next"');
    expect(page.html).not.toContain('data-testid="agenda-add-session"');
    const before = await items();
    const session = await prisma().agendaSession.findFirstOrThrow({ where: { conferenceId } });
    expect((await postForm(app.url, "/agenda", delegate, { intent: "addSession", title: "x", day: "2026-12-11", startsAt: "09:00" })).status).toBe(403);
    expect((await postForm(app.url, "/agenda", delegate, { intent: "addItem", sessionId: session.id, kind: "FREE", title: "x" })).status).toBe(403);
    expect((await postForm(app.url, "/agenda", delegate, { intent: "next", currentId: before[1]!.id })).status).toBe(403);
    expect((await postForm(app.url, "/agenda", delegate, { intent: "move", itemId: before[1]!.id, version: String(before[1]!.version), position: "0" })).status).toBe(403);
    expect(await items()).toEqual(before);
  });

  it("GET /api/v1/conferences/:id/agenda answers the documented shape; anonymous callers get 401", async () => {
    const res = await fetch(`${app.url}/api/v1/conferences/${conferenceId}/agenda`, { headers: { cookie: delegate } });
    expect(res.status).toBe(200);
    const agenda = AgendaSchema.parse(await res.json());
    expect(agenda.timeZone).toBe("Asia/Damascus");
    expect(agenda.sessions[0]!.items.map((i) => i.status)).toEqual(["DONE", "CURRENT"]);
    expect(agenda.currentItemId).toBe(agenda.sessions[0]!.items[1]!.id);
    expect((await fetch(`${app.url}/api/v1/conferences/${conferenceId}/agenda`)).status).toBe(401);
    expect((await fetch(`${app.url}/api/v1/conferences/no-such-conference/agenda`, { headers: { cookie: delegate } })).status).toBe(403);
  });

  it("anonymous visitors are sent to /login", async () => {
    for (const path of ["/agenda", "/projector", "/agenda.ics"]) {
      const res = await get(path, null);
      expect(res.status, path).toBe(302);
      expect(res.headers.get("location"), path).toMatch(/^\/login/);
    }
    expect((await postForm(app.url, "/agenda", null, { intent: "next", currentId: "" })).status).toBe(302);
  });

  it("bad input and unknown query parameters are 400s that change nothing", async () => {
    const count = await prisma().agendaSession.count();
    for (const fields of [
      { intent: "addSession", title: "", day: "2026-12-10", startsAt: "09:00" },
      { intent: "addSession", title: "x", day: "2026-02-30", startsAt: "09:00" },
      { intent: "addSession", title: "x", day: "2026-12-10", startsAt: "9am" },
      { intent: "nope" },
    ] as Record<string, string>[]) {
      expect((await postForm(app.url, "/agenda", organizer, fields)).status, JSON.stringify(fields)).toBe(400);
    }
    expect(await prisma().agendaSession.count()).toBe(count);
    const [i] = await items();
    expect((await postForm(app.url, "/agenda", organizer, { intent: "move", itemId: i!.id, version: "x", position: "0" })).status).toBe(400);
    for (const path of ["/agenda?bogus=1", "/projector?bogus=1", "/agenda.ics?x=1", "/agenda?done=2"]) expect((await get(path, organizer)).status, path).toBe(400);
    expect((await get("/agenda?done=1", organizer)).status).toBe(200);
  });

  it("the projector quotes the amendment on the floor with its proposed text and word diff", async () => {
    const paper = await prisma().paper.findFirstOrThrow({ where: { conferenceId } });
    const force = await prisma().force.findFirstOrThrow({ where: { conferenceId } });
    const owner = await prisma().user.findUniqueOrThrow({ where: { email: "organizer@example.org" } });
    const amendment = await prisma().amendment.create({
      data: { paperId: paper.id, forceId: force.id, type: "REPLACE", state: "SUBMITTED", quotedText: "تلتزم الدولة بالحياد", proposedText: "تلتزم الدولة بالحياد التام", createdById: owner.id },
    });
    const session = await prisma().agendaSession.findFirstOrThrow({ where: { conferenceId } });
    expect((await postForm(app.url, "/agenda", organizer, { intent: "addItem", sessionId: session.id, kind: "AMENDMENT", title: "تعديل الحياد", refId: amendment.id, notes: "" })).status).toBe(302);
    const item = await prisma().agendaItem.findFirstOrThrow({ where: { refId: amendment.id } });
    expect((await postForm(app.url, "/agenda", organizer, { intent: "transition", itemId: item.id, version: String(item.version), to: "SCHEDULED" })).status).toBe(302);
    expect((await postForm(app.url, "/agenda", organizer, { intent: "current", itemId: item.id, version: String(item.version + 1) })).status).toBe(302);
    const screen = await get("/projector", delegate);
    expect(screen.html).toContain('data-testid="projector-amendment"');
    expect(screen.html).toContain("تلتزم الدولة بالحياد التام");
    expect(screen.html).toMatch(/<ins[^>]*>[^<]*التام/);
    expect(screen.html).not.toContain('data-testid="projector-vote"');
  });
});
