// Erasure of a person (ADR 0033, 0034) on PGlite and PostgreSQL: after it the person's name, email and phone
// are in no text or JSON column of any table (scanned with SQL) — the append-only audit trail included,
// whose sealed values read as erased once the person's key is gone while its chain still verifies — the
// force, invitation and history rows remain, an erased account cannot sign in, and only organizers erase,
// from the pages only after a confirmation step.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { backends, type TestDb } from "../helpers/db.js";
import { withDemoWorld, type DemoWorld } from "../helpers/coordination.js";
import { createForce } from "~/domain/forces.server";
import { createOutreach, deleteOutreach } from "~/domain/outreach.server";
import { listAudit, verifyAuditChain } from "~/domain/audit.server";
import { addDelegationMember, createInvitation, getInvitation, updateTerms } from "~/domain/invitations.server";
import { addMember } from "~/domain/members.server";
import { completeAccountSetup, createDelegateLink, verifyCredentials } from "~/domain/accounts.server";
import { eraseContact, eraseDelegate, eraseMember } from "~/domain/erasure.server";
import { DomainError } from "~/domain/errors";
import { startTestServer, signIn, type TestServer } from "../helpers/server.js";
import { actorFor } from "../helpers/actors.js";
import { enqueueMail } from "~/domain/mail/outbox.server";

const ERASED = "«محذوف»";

/** Every [table, column] whose text or JSON still holds `value`. */
async function whereIs(db: TestDb, value: string): Promise<string[]> {
  const cols = (await db.sql.query(
    `SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND (data_type IN ('text', 'character varying', 'json', 'jsonb') OR (data_type = 'ARRAY' AND udt_name = '_text'))
        AND table_name <> '_prisma_migrations'`,
  )) as { table_name: string; column_name: string }[];
  const found: string[] = [];
  for (const c of cols) {
    const rows = (await db.sql.query(`SELECT count(*)::int AS n FROM "${c.table_name}" WHERE "${c.column_name}"::text LIKE '%' || $1 || '%'`, [value])) as { n: number }[];
    if (rows[0]!.n > 0) found.push(`${c.table_name}.${c.column_name}`);
  }
  return found;
}

describe.each(backends)("erasure on %s", (backend) => {
  let db: TestDb;
  let w: DemoWorld;
  withDemoWorld(backend, (d, world) => void ((db = d), (w = world)));

  it("a contact of a force: gone from every table, the force and its outreach stay", async () => {
    const o = w.actors.organizer;
    const f = await createForce(db.prisma, o, w.conferenceId, {
      kind: "PARTY",
      nameAr: "حزب الاختبار للمحو",
      region: "ABROAD",
      contacts: [{ name: "ريم القاسمي", role: "منسقة", phone: "+963 933 111 222", email: "reem.erase@example.org", messaging: "@reem_erase" }],
    });
    const contact = f.contacts[0]!;
    const entry = await createOutreach(db.prisma, o, w.conferenceId, { forceId: f.id, contactId: contact.id, occurredOn: "2026-11-01", channel: "CALL", participants: "ريم القاسمي", summary: "اتصال مع ريم القاسمي حول الدعوة" });
    // A deleted entry lives on only in the audit trail, which erasure cannot rewrite: it must not quote her.
    const gone = await createOutreach(db.prisma, o, w.conferenceId, { forceId: f.id, contactId: contact.id, occurredOn: "2026-11-02", channel: "CALL", participants: "ريم القاسمي", summary: "موعد ثان مع reem.erase@example.org" });
    await deleteOutreach(db.prisma, o, gone.id);
    // A letter to her still queued, and one already sent: neither outlives the erasure (ADR 0049).
    for (const state of ["QUEUED", "SENT"] as const) {
      const id = await enqueueMail(db.prisma, { conferenceId: w.conferenceId, kind: "invitation.letter", to: { address: "Reem.Erase@example.org", name: "ريم القاسمي" }, locale: "ar", subject: "دعوة", text: "السيدة ريم القاسمي", html: "<p>ريم القاسمي</p>" });
      await db.prisma.outboxMail.update({ where: { id: id! }, data: { state } });
    }
    // A notice and a digest to someone else that quote her words stay, without her name.
    await db.prisma.notification.create({ data: { userId: o.id, conferenceId: w.conferenceId, kind: "followup.due", params: { followUp: "الاتصال بـ ريم القاسمي" }, link: "/outreach" } });
    const digest = await enqueueMail(db.prisma, { conferenceId: w.conferenceId, kind: "digest", userId: o.id, to: { address: "organizer@example.org" }, locale: "ar", subject: "ملخص", text: "• الاتصال بـ ريم القاسمي", html: "<p>الاتصال بـ ريم القاسمي</p>" });
    const otherMail = await enqueueMail(db.prisma, { conferenceId: w.conferenceId, kind: "invitation.letter", to: { address: "someone.else@example.org" }, locale: "ar", subject: "دعوة", text: "نص", html: "<p>نص</p>" });
    await eraseContact(db.prisma, o, w.conferenceId, contact.id, { ip: "198.51.100.30" });
    for (const v of ["ريم القاسمي", "reem.erase@example.org", "+963 933 111 222", "@reem_erase"]) expect([v, await whereIs(db, v)]).toEqual([v, []]);
    // The folded search copy too.
    expect(await whereIs(db, "ريم القاسمي".replace("ي", "ي"))).toEqual([]);
    const after = await db.prisma.contact.findUniqueOrThrow({ where: { id: contact.id } });
    expect(after.name).toMatch(/^شخص محذوف #/);
    expect(await db.prisma.force.findUnique({ where: { id: f.id } })).not.toBeNull();
    const e = await db.prisma.outreachEntry.findUniqueOrThrow({ where: { id: entry.id } });
    expect(e.contactId).toBe(contact.id);
    expect(e.summary).toContain("شخص محذوف");
    expect(await db.prisma.outboxMail.count({ where: { id: otherMail! } })).toBe(1);
    expect((await db.prisma.outboxMail.findUniqueOrThrow({ where: { id: digest! } })).text).toMatch(/^• الاتصال بـ شخص محذوف #/);
    const logged = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "person.erase", subjectId: contact.id } });
    expect(JSON.stringify(logged.data)).not.toContain("ريم");
    expect(logged).toMatchObject({ actorId: o.id, ip: "198.51.100.30", conferenceId: w.conferenceId });
    expect((await verifyAuditChain(db.prisma)).ok).toBe(true);
  });

  it("a delegate: gone from the delegation, its history and the sign-in links; the invitation and its events stay", async () => {
    const o = w.actors.organizer;
    const f = await createForce(db.prisma, o, w.conferenceId, { kind: "BLOC", nameAr: "كتلة المحو", region: "ABROAD" });
    let inv = await createInvitation(db.prisma, o, w.conferenceId, { forceId: f.id });
    inv = await updateTerms(db.prisma, o, inv.id, { version: inv.version, seatQuota: 3 });
    const added = await addDelegationMember(db.prisma, o, inv.id, { version: inv.version, name: "كاوا برزنجي", role: "رئيس الوفد", contact: "kawa.erase@example.org +964 750 000 9999", travelNeeds: "تأشيرة" });
    await createDelegateLink(db.prisma, await actorFor(db.prisma, o.id), { conferenceId: w.conferenceId, forceId: f.id, personName: "كاوا برزنجي", email: "kawa.erase@example.org" });
    const eventsBefore = await db.prisma.invitationEvent.count({ where: { invitationId: inv.id } });
    const delegation = async () =>
      (await listAudit(db.prisma, o, w.conferenceId, { kind: "invitation" }, { erased: ERASED })).rows.find((r) => r.action === "invitation.delegation" && (r.data as { memberId?: string }).memberId === added.result.id);
    // Sealed under the delegate's key, opened for the page while the key exists.
    expect((await delegation())?.data).toMatchObject({ action: "added", name: "كاوا برزنجي" });
    await eraseDelegate(db.prisma, o, w.conferenceId, added.result.id);
    expect((await delegation())?.data).toMatchObject({ action: "added", name: ERASED });
    expect((await verifyAuditChain(db.prisma)).ok).toBe(true);
    for (const v of ["كاوا برزنجي", "kawa.erase@example.org", "+964 750 000 9999"]) expect([v, await whereIs(db, v)]).toEqual([v, []]);
    expect(await db.prisma.invitationEvent.count({ where: { invitationId: inv.id } })).toBe(eventsBefore);
    const view = await getInvitation(db.prisma, o, inv.id);
    expect(JSON.stringify(view)).toContain("شخص محذوف");
    // The history is still append-only outside an erasure.
    await expect(db.sql.query(`UPDATE "InvitationEvent" SET "note" = 'x' WHERE "invitationId" = $1`, [inv.id])).rejects.toThrow(/append-only/);
  });

  it("a member account: cannot sign in, no name or email left, not even in the audit trail's record of adding them", async () => {
    const o = w.actors.organizer;
    const added = await addMember(db.prisma, o, { conferenceId: w.conferenceId, email: "nour.erase@example.org", name: "نور الهدى المحو", role: "COMMITTEE" });
    await completeAccountSetup(db.prisma, added.setupToken!, "a long enough passphrase 42");
    const user = await db.prisma.user.findUniqueOrThrow({ where: { email: "nour.erase@example.org" } });
    await verifyCredentials(db.prisma, "nour.erase@example.org", "a long enough passphrase 42");
    // Her notifications, preferences and mail go too: a notice naming her, a digest to her address.
    await db.prisma.notification.create({ data: { userId: user.id, conferenceId: w.conferenceId, kind: "amendment.comment", params: { author: "نور الهدى المحو" }, link: "/amendments" } });
    await db.prisma.notificationPreference.create({ data: { userId: user.id, kind: "amendment.submitted", channel: "DIGEST" } });
    await enqueueMail(db.prisma, { conferenceId: w.conferenceId, kind: "digest", userId: user.id, to: { address: "nour.erase@example.org", name: "نور الهدى المحو" }, locale: "ar", subject: "ملخص", text: "نص", html: "<p>نص</p>" });
    const addedRow = async () => (await listAudit(db.prisma, o, w.conferenceId, { kind: "member" }, { erased: ERASED })).rows.find((r) => r.action === "member.add" && r.subjectId === added.membership.id)!;
    expect((await addedRow()).data).toMatchObject({ email: "nour.erase@example.org", role: "COMMITTEE" });
    await eraseMember(db.prisma, o, w.conferenceId, user.id, { ip: "198.51.100.31" });
    await expect(verifyCredentials(db.prisma, "nour.erase@example.org", "a long enough passphrase 42")).rejects.toBeInstanceOf(DomainError);
    const u = await db.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect([u.passwordHash, u.totpSecret, u.disabledAt === null]).toEqual([null, null, false]);
    expect(await db.prisma.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.prisma.membership.count({ where: { userId: user.id } })).toBe(1);
    expect(await whereIs(db, "نور الهدى المحو")).toEqual([]);
    // The append-only trail's "member.add" row kept the email sealed under the account's key, now deleted.
    expect(await whereIs(db, "nour.erase@example.org")).toEqual([]);
    expect((await addedRow()).data).toMatchObject({ email: ERASED, role: "COMMITTEE" });
    expect(await db.prisma.personKey.count({ where: { kind: "user", personId: user.id } })).toBe(0);
    expect([await db.prisma.notification.count({ where: { userId: user.id } }), await db.prisma.notificationPreference.count({ where: { userId: user.id } })]).toEqual([0, 0]);
    expect(await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "person.erase", subjectId: user.id } })).toMatchObject({ actorId: o.id, ip: "198.51.100.31" });
    expect((await verifyAuditChain(db.prisma)).ok).toBe(true);
  });

  it("only organizers erase", async () => {
    const f = await createForce(db.prisma, w.actors.organizer, w.conferenceId, { kind: "PARTY", nameAr: "حزب الصلاحيات", region: "ABROAD", contacts: [{ name: "سامر" }] });
    for (const who of [w.actors.committee, w.actors.observer, w.actors.delegate, w.outsider]) {
      await expect(eraseContact(db.prisma, who, w.conferenceId, f.contacts[0]!.id)).rejects.toMatchObject({ code: "forbidden" });
    }
    expect((await db.prisma.contact.findUniqueOrThrow({ where: { id: f.contacts[0]!.id } })).name).toBe("سامر");
  });
});

describe("erasure from the pages (no JavaScript)", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  }, 60_000);
  afterAll(async () => server?.stop());

  it("asks first, naming who goes; erases on confirmation; refuses every other role at both steps; the trail keeps nothing readable", async () => {
    const organizer = await signIn(server.url, "organizer@example.org");
    const others = { committee: await signIn(server.url, "committee@example.org"), delegate: await signIn(server.url, "delegate@example.org"), observer: await signIn(server.url, "observer@example.org"), anonymous: "" };
    const get = async (path: string, cookie: string) => (await fetch(`${server.url}${path}`, { headers: { cookie } })).json() as Promise<any>;
    const list = await get("/api/v1/conferences", organizer);
    const conf = list.conferences?.[0]?.id ?? list[0].id;
    const forces = await get(`/api/v1/conferences/${conf}/forces?pageSize=200`, organizer);
    const force = forces.data.find((f: any) => f.contacts.length);
    const contact = force.contacts[0];
    const contactName = async () => (await get(`/api/v1/conferences/${conf}/forces/${force.id}`, organizer)).contacts.find((c: any) => c.id === contact.id).name;
    const post = async (path: string, cookie: string, body: Record<string, string>) => {
      const res = await fetch(`${server.url}${path}`, { method: "POST", headers: { ...(cookie ? { cookie } : {}), origin: server.url }, body: new URLSearchParams(body), redirect: "manual" });
      return { status: res.status, html: await res.text() };
    };
    const refused = (status: number) => [302, 303, 401, 403].includes(status);

    // The force page: the button asks, the confirmation names the contact, its own button erases.
    const ask = { intent: "erase-contact", contactId: contact.id };
    for (const [who, cookie] of Object.entries(others)) {
      for (const body of [ask, { ...ask, confirm: "yes" }]) expect([who, refused((await post(`/forces/${force.id}`, cookie, body)).status)]).toEqual([who, true]);
    }
    const asked = await post(`/forces/${force.id}`, organizer, ask);
    expect(asked.status).toBe(200);
    expect(asked.html).toContain('data-testid="erase-confirm"');
    expect(asked.html).toContain(contact.name);
    expect(asked.html).toContain('name="confirm" value="yes"');
    expect(await contactName()).toBe(contact.name);
    expect((await post(`/forces/${force.id}`, organizer, { ...ask, confirm: "yes" })).status).toBe(200);
    expect(await contactName()).toMatch(/^شخص محذوف #/);

    // The members page, for the observer's account; a failed sign-in first leaves its email in the trail
    // (one for an address with no account leaves only a keyed hash: tests/security/audit-page.test.ts).
    const me = await get("/api/v1/me", others.observer);
    const observerId = me.user?.id ?? me.id;
    await fetch(`${server.url}/login`, { method: "POST", body: new URLSearchParams({ email: "observer@example.org", password: "wrong-password-1" }), redirect: "manual" });
    await fetch(`${server.url}/login`, { method: "POST", body: new URLSearchParams({ email: "nobody.here@example.org", password: "wrong-password-2" }), redirect: "manual" });
    const csv = async () => (await fetch(`${server.url}/audit.csv?kind=signin`, { headers: { cookie: organizer } })).text();
    expect(await csv()).toContain("observer@example.org");
    expect(await csv()).not.toContain("nobody.here@example.org");
    const askMember = { intent: "erase", userId: observerId };
    for (const [who, cookie] of Object.entries(others)) {
      for (const body of [askMember, { ...askMember, confirm: "yes" }]) expect([who, refused((await post("/members", cookie, body)).status)]).toEqual([who, true]);
    }
    const askedMember = await post("/members", organizer, askMember);
    expect(askedMember.status).toBe(200);
    expect(askedMember.html).toContain('data-testid="erase-confirm"');
    expect(askedMember.html).toContain("observer@example.org");
    const stillThere = await fetch(`${server.url}/login`, { method: "POST", body: new URLSearchParams({ email: "observer@example.org", password: "tawafuq-demo", next: "/" }), redirect: "manual" });
    expect(stillThere.status).toBe(302);
    expect((await post("/members", organizer, { ...askMember, confirm: "yes" })).status).toBe(200);
    const login = await fetch(`${server.url}/login`, { method: "POST", body: new URLSearchParams({ email: "observer@example.org", password: "tawafuq-demo", next: "/" }), redirect: "manual" });
    expect(login.status).not.toBe(302);

    // The trail: the sealed email reads as erased on the page and in the CSV.
    const after = await csv();
    expect(after).not.toContain("observer@example.org");
    expect(after).toContain(ERASED);
    const page = await (await fetch(`${server.url}/audit?kind=signin`, { headers: { cookie: organizer } })).text();
    expect(page).not.toContain("observer@example.org");
    expect(page).toContain(ERASED);
    const erasures = await (await fetch(`${server.url}/audit.csv?kind=person`, { headers: { cookie: organizer } })).text();
    expect(erasures.split("person.erase").length - 1).toBe(2);
  });
});
