// The audit page and its CSV (issue 17, ADR 0032) on the real server over HTTP: organizers read their
// conference's events with IPs, filter them with a plain GET form, download them as CSV; other roles get
// 403; invalid filters 400; sign-ins (failed ones with the email tried — sealed under the account's key, or
// a keyed hash when it names none — never the password) and exports are recorded with the client's address.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { startAppServer, type AppServer } from "../helpers/app-server.js";
import { verifyAuditChain } from "~/domain/audit.server";
import { newMember, signInAs } from "./helpers.js";

describe("audit page", () => {
  let app: AppServer;
  let conferenceId: string;
  let organizer: string;
  let organizerId: string;
  const prisma = () => app.running.services.prisma;
  const get = async (path: string, cookie: string) => {
    const res = await fetch(`${app.url}${path}`, { headers: { cookie }, redirect: "manual" });
    return { status: res.status, type: res.headers.get("content-type") ?? "", text: await res.text() };
  };

  beforeAll(async () => {
    app = await startAppServer();
    conferenceId = (await prisma().conference.findFirstOrThrow()).id;
    organizerId = (await prisma().user.findUniqueOrThrow({ where: { email: "organizer@example.org" } })).id;
    organizer = await signInAs(app.url, "organizer@example.org");
  });
  afterAll(async () => app?.stop());

  it("records sign-ins with the address, and a failed one with the email tried but not the password", async () => {
    const { id, email } = await newMember(prisma(), conferenceId, "OBSERVER");
    const wrong = "not-the-password-4821";
    const res = await fetch(`${app.url}/login`, { method: "POST", body: new URLSearchParams({ email, password: wrong }), redirect: "manual" });
    expect(res.status).toBe(401);
    await signInAs(app.url, email);
    const events = await prisma().auditEvent.findMany({ where: { action: { startsWith: "signin." }, OR: [{ actorId: id }, { subjectId: id }] }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["signin.failure", "signin.success"]);
    // The email is sealed under the account's key (ADR 0034), not stored in clear.
    expect(events[0]).toMatchObject({ actorId: null, subjectType: "User", subjectId: id, data: { email: { sealedFor: `user:${id}` } } });
    expect(JSON.stringify(events[0]!.data)).not.toContain(email);
    for (const e of events) expect(e.ip).toMatch(/127\.0\.0\.1|::1/);
    const leaked = await prisma().$queryRawUnsafe<unknown[]>(`SELECT 1 FROM "AuditEvent" WHERE concat_ws(' ', "data"::text, "subjectId", "actorId") LIKE $1`, `%${wrong}%`);
    expect(leaked).toEqual([]);

    // An address with no account: only a keyed hash, the same for the same address.
    const stranger = "no-such-account@example.org";
    for (let i = 0; i < 2; i++) await fetch(`${app.url}/login`, { method: "POST", body: new URLSearchParams({ email: stranger, password: wrong }), redirect: "manual" });
    const unknown = await prisma().auditEvent.findMany({ where: { action: "signin.failure", subjectId: null }, orderBy: { id: "desc" }, take: 2 });
    expect(unknown.map((e) => Object.keys(e.data as object))).toEqual([["emailDigest"], ["emailDigest"]]);
    expect((unknown[0]!.data as { emailDigest: string }).emailDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(unknown[0]!.data).toEqual(unknown[1]!.data);
    const clear = await prisma().$queryRawUnsafe<unknown[]>(`SELECT 1 FROM "AuditEvent" WHERE "data"::text LIKE $1`, `%${stranger}%`);
    expect(clear).toEqual([]);

    expect((await get("/members", organizer)).text).toContain('data-testid="audit-link"');
    const page = await get("/audit?kind=signin", organizer);
    expect(page.status).toBe(200);
    expect(page.text).toContain('data-action="signin.failure"');
    expect(page.text).toContain(email);
    expect(page.text).not.toContain('data-action="export.');
  });

  it("records exports with the filters and the address", async () => {
    const res = await fetch(`${app.url}/forces/export?format=csv`, { headers: { cookie: organizer } });
    expect(res.status).toBe(200);
    await res.arrayBuffer();
    const e = await prisma().auditEvent.findFirstOrThrow({ where: { action: "export.forces" }, orderBy: { id: "desc" } });
    expect(e).toMatchObject({ actorId: organizerId, conferenceId, data: { format: "csv" } });
    expect(e.ip).toMatch(/127\.0\.0\.1|::1/);
  });

  it("filters by person, kind and day, pages back by id, and downloads the filtered list as CSV", async () => {
    const byPerson = await get(`/audit?actor=${organizerId}&kind=export`, organizer);
    expect(byPerson.status).toBe(200);
    expect(byPerson.text).toContain('data-action="export.forces"');
    expect(byPerson.text).not.toContain('data-action="signin.');

    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Damascus" }).format(new Date());
    expect((await get(`/audit?day=${today}`, organizer)).text).toContain('data-action="signin.success"');
    expect((await get(`/audit?day=2020-01-01`, organizer)).text).toContain('data-testid="audit-empty"');

    const rowsOf = (html: string) => html.split('data-testid="audit-event"').length - 1;
    const newest = await prisma().auditEvent.findFirstOrThrow({ where: { conferenceId, action: { startsWith: "export." } }, orderBy: { id: "desc" } });
    const all = await get(`/audit?kind=export`, organizer);
    const older = await get(`/audit?kind=export&before=${newest.id}`, organizer);
    expect(older.status).toBe(200);
    expect(rowsOf(older.text)).toBe(rowsOf(all.text) - 1);

    const csv = await fetch(`${app.url}/audit.csv?kind=signin`, { headers: { cookie: organizer } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    const text = await csv.text();
    const lines = text.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toMatch(/^id,time/);
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.slice(1).every((l) => l.includes(",signin."))).toBe(true);
    expect(await prisma().auditEvent.count({ where: { action: "export.audit", actorId: organizerId } })).toBe(1);
  });

  it("answers 400 to invalid filters", async () => {
    for (const q of ["kind=bogus", "day=2026-13-01", "day=yesterday", "before=abc", "before=0", "colour=red", "kind=signin&kind=export", `actor=${"x".repeat(101)}`]) {
      expect((await get(`/audit?${q}`, organizer)).status, q).toBe(400);
      expect((await get(`/audit.csv?${q}`, organizer)).status, q).toBe(400);
    }
  });

  it("refuses committee members, delegates and observers (403), page and CSV", async () => {
    for (const role of ["COMMITTEE", "DELEGATE", "OBSERVER"] as const) {
      const { email } = await newMember(prisma(), conferenceId, role);
      const cookie = await signInAs(app.url, email);
      expect((await get("/audit", cookie)).status, role).toBe(403);
      expect((await get("/audit.csv", cookie)).status, role).toBe(403);
    }
    const anonymous = await fetch(`${app.url}/audit.csv`, { redirect: "manual" });
    expect([302, 401, 403]).toContain(anonymous.status);
  });

  it("leaves a chain that verifies", async () => {
    expect(await verifyAuditChain(prisma())).toMatchObject({ ok: true });
  });
});
