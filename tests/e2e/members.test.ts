// The members page (/members) over real HTTP against the built server (demo seed): organizers list,
// add, change roles and remove; the last organizer can be neither demoted nor removed; every other role
// is refused the page and its actions, and a refused or invalid action changes nothing.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { startAppServer, type AppServer } from "../helpers/app-server.js";
import { newMember, postForm, signInAs } from "../security/helpers.js";

describe("the members page", () => {
  let app: AppServer;
  let conferenceId: string;
  let organizer: string;
  const prisma = () => app.running.services.prisma;
  const get = async (cookie: string | null) => {
    const res = await fetch(`${app.url}/members`, { headers: cookie ? { cookie } : {}, redirect: "manual" });
    return { status: res.status, html: await res.text() };
  };
  /** Memberships of the conference as (email, role, force) rows, to show that a refusal changed nothing. */
  const members = async () =>
    (await prisma().membership.findMany({ where: { conferenceId }, include: { user: { select: { email: true } } }, orderBy: { id: "asc" } })).map((m) => [m.user.email, m.role, m.forceId]);
  const membershipOf = (email: string) => prisma().membership.findFirstOrThrow({ where: { conferenceId, user: { email } } });

  beforeAll(async () => {
    app = await startAppServer();
    conferenceId = (await prisma().conference.findFirstOrThrow()).id;
    organizer = await signInAs(app.url, "organizer@example.org");
  });
  afterAll(async () => app?.stop());

  it("lists the members for organizers only", async () => {
    const page = await get(organizer);
    expect(page.status).toBe(200);
    for (const email of ["organizer@example.org", "committee@example.org", "delegate@example.org", "observer@example.org"]) expect(page.html).toContain(email);
    for (const email of ["committee@example.org", "delegate@example.org", "observer@example.org"]) {
      expect([email, (await get(await signInAs(app.url, email))).status]).toEqual([email, 403]);
    }
    expect((await get(null)).status).toBe(302);
  });

  it("adds, changes the role of and removes a member; input is checked", async () => {
    const email = `new-${Date.now()}@example.org`;
    const added = await postForm(app.url, "/members", organizer, { intent: "add", email, name: "عضو جديد", role: "COMMITTEE" });
    expect(added.status).toBe(200);
    expect(added.html).toContain("أُضيف العضو.");
    expect(added.html).toMatch(/\/welcome\/[A-Za-z0-9_-]+/); // a new account chooses its own password
    const m = await membershipOf(email);
    expect(m.role).toBe("COMMITTEE");
    expect((await get(organizer)).html).toContain(email);

    // Already a member; a delegate without a force; an address that is none; an unknown role or intent.
    const before = await members();
    const refusals: [Record<string, string>, number, string | null][] = [
      [{ intent: "add", email, role: "OBSERVER" }, 409, null],
      [{ intent: "add", email: `d-${email}`, role: "DELEGATE" }, 400, "اختر القوة التي يمثلها المندوب."],
      [{ intent: "add", email: "not-an-address", role: "OBSERVER" }, 400, null],
      [{ intent: "add", email: `x-${email}`, role: "KING" }, 400, null],
      [{ intent: "role", membershipId: m.id, role: "DELEGATE" }, 400, "اختر القوة التي يمثلها المندوب."],
      [{ intent: "role", membershipId: "no-such-membership", role: "OBSERVER" }, 404, null],
      [{ intent: "remove", membershipId: "no-such-membership" }, 404, null],
      [{ intent: "promote", membershipId: m.id }, 400, null],
    ];
    for (const [fields, status, message] of refusals) {
      const r = await postForm(app.url, "/members", organizer, fields);
      expect([fields, r.status]).toEqual([fields, status]);
      if (message) expect(r.html).toContain(message);
    }
    expect(await members()).toEqual(before);

    const force = await prisma().force.findFirstOrThrow({ where: { conferenceId } });
    const role = await postForm(app.url, "/members", organizer, { intent: "role", membershipId: m.id, role: "DELEGATE", forceId: force.id });
    expect(role.status).toBe(200);
    expect(role.html).toContain("حُدّث الدور.");
    expect(await membershipOf(email)).toMatchObject({ role: "DELEGATE", forceId: force.id });

    const removed = await postForm(app.url, "/members", organizer, { intent: "remove", membershipId: m.id });
    expect(removed.status).toBe(200);
    expect(removed.html).toContain("أُزيل العضو.");
    expect(await prisma().membership.count({ where: { id: m.id } })).toBe(0);
    expect(await prisma().auditEvent.count({ where: { subjectId: m.id, action: { in: ["member.role", "member.remove"] } } })).toBe(2);
  });

  it("the last organizer can be neither demoted nor removed; with two, one of them can be demoted", async () => {
    const self = await membershipOf("organizer@example.org");
    expect(await prisma().membership.count({ where: { conferenceId, role: "ORGANIZER" } })).toBe(1);
    for (const fields of [
      { intent: "role", membershipId: self.id, role: "COMMITTEE" } as Record<string, string>,
      { intent: "remove", membershipId: self.id },
    ]) {
      const r = await postForm(app.url, "/members", organizer, fields);
      expect(r.status).toBe(409);
      expect(r.html).toContain("لا يمكن إزالة آخر منسق أو تغيير دوره.");
    }
    expect(await membershipOf("organizer@example.org")).toMatchObject({ role: "ORGANIZER" });

    const second = await newMember(prisma(), conferenceId, "ORGANIZER");
    expect((await postForm(app.url, "/members", organizer, { intent: "role", membershipId: second.membershipId, role: "OBSERVER" })).status).toBe(200);
    // The only organizer again.
    expect((await postForm(app.url, "/members", organizer, { intent: "remove", membershipId: self.id })).status).toBe(409);
  });

  it("refuses every action to the other roles, and changes nothing", async () => {
    const target = await newMember(prisma(), conferenceId, "OBSERVER");
    const before = await members();
    for (const email of ["committee@example.org", "delegate@example.org", "observer@example.org"]) {
      const cookie = await signInAs(app.url, email);
      for (const fields of [
        { intent: "add", email: `intruder-${Date.now()}@example.org`, role: "ORGANIZER" } as Record<string, string>,
        { intent: "role", membershipId: target.membershipId, role: "ORGANIZER" },
        { intent: "remove", membershipId: target.membershipId },
      ]) {
        expect([email, fields.intent, (await postForm(app.url, "/members", cookie, fields)).status]).toEqual([email, fields.intent, 403]);
      }
    }
    expect((await postForm(app.url, "/members", null, { intent: "remove", membershipId: target.membershipId })).status).not.toBe(200);
    expect(await members()).toEqual(before);
  });
});
