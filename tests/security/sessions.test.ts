// Sessions a coalition can trust (ADR 0005, 0025), on the real server (production build) over HTTP:
// hashed ids, idle timeout, the "your sessions" page, password change with rotation, disabling an account.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { startAppServer, type AppServer } from "../helpers/app-server.js";
import { sha256 } from "~/domain/tokens.server";
import { commitSession, sessionIdFromCookieHeader } from "~/session.server";
import { issueApiToken, userForApiToken } from "~/domain/accounts.server";
import { disableAccount } from "~/domain/members.server";
import { CHROME_ANDROID, FIREFOX_WINDOWS, PASSWORD, meStatus, newMember, postForm, signInAs } from "./helpers.js";

describe("sessions", () => {
  let app: AppServer;
  let conferenceId: string;
  let organizer: string;
  const prisma = () => app.running.services.prisma;
  const storedId = async (cookie: string) => sha256((await sessionIdFromCookieHeader(app.running.services, cookie))!);

  beforeAll(async () => {
    app = await startAppServer();
    conferenceId = (await prisma().conference.findFirstOrThrow()).id;
    organizer = await signInAs(app.url, "organizer@example.org");
  });
  afterAll(async () => app?.stop());

  it("stores only the hash of the cookie's session id; the stored id signed as a cookie authenticates nothing", async () => {
    const { email } = await newMember(prisma(), conferenceId, "OBSERVER");
    const cookie = await signInAs(app.url, email);
    const sessionId = (await sessionIdFromCookieHeader(app.running.services, cookie))!;
    expect(sessionId).toBeTruthy();
    expect(await prisma().session.findUnique({ where: { id: sessionId } })).toBeNull();
    const row = await prisma().session.findUniqueOrThrow({ where: { id: sha256(sessionId) } });
    expect(await meStatus(app.url, cookie)).toBe(200);
    // What a backup or a WAL file shows, turned into a validly signed cookie:
    const forged = (await commitSession(app.running.services, row.id)).split(";")[0]!;
    expect(await meStatus(app.url, forged)).toBe(401);
  });

  it("refuses a session unused for 13 hours (idle limit 12) and refreshes lastSeenAt on use", async () => {
    const { email } = await newMember(prisma(), conferenceId, "OBSERVER");
    const idle = await signInAs(app.url, email);
    const used = await signInAs(app.url, email);
    const hours = (h: number) => new Date(Date.now() - h * 3600_000);
    await prisma().session.update({ where: { id: await storedId(idle) }, data: { lastSeenAt: hours(13) } });
    await prisma().session.update({ where: { id: await storedId(used) }, data: { lastSeenAt: hours(11) } });
    expect(await meStatus(app.url, idle)).toBe(401);
    expect(await meStatus(app.url, used)).toBe(200);
    // The touch is written after the answer: wait for it.
    const id = await storedId(used);
    for (let i = 0; i < 50; i++) {
      const { lastSeenAt } = await prisma().session.findUniqueOrThrow({ where: { id } });
      if (lastSeenAt > hours(0.1)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect((await prisma().session.findUniqueOrThrow({ where: { id } })).lastSeenAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(await meStatus(app.url, used)).toBe(200);
  });

  it("lists the account's sessions with device, IP and this device; ends one of its own, never another account's", async () => {
    const me = await newMember(prisma(), conferenceId, "COMMITTEE");
    const other = await newMember(prisma(), conferenceId, "OBSERVER");
    const laptop = await signInAs(app.url, me.email, PASSWORD, FIREFOX_WINDOWS);
    const phone = await signInAs(app.url, me.email, PASSWORD, CHROME_ANDROID);
    const theirs = await signInAs(app.url, other.email);

    const page = await (await fetch(`${app.url}/account/sessions`, { headers: { cookie: laptop } })).text();
    expect(page.match(/data-testid="(this-device|session)"/g)).toHaveLength(2);
    const thisRow = /data-testid="this-device">(.*?)<\/tr>/s.exec(page)![1]!;
    expect(thisRow).toContain("Firefox 128");
    expect(thisRow).toContain("Windows 10");
    expect(thisRow).toContain("هذا الجهاز");
    expect(page).toMatch(/Chrome 126 · Android 14/);
    expect(page).toContain("127.0.0.1");
    expect(page).not.toContain(await storedId(theirs));

    // Another account's session id: refused, and that session lives on.
    const foreign = await postForm(app.url, "/account/sessions", laptop, { intent: "end", sessionId: await storedId(theirs) });
    expect(foreign.status).toBe(404);
    expect(await meStatus(app.url, theirs)).toBe(200);
    // Bad input and anonymous callers change nothing.
    expect((await postForm(app.url, "/account/sessions", laptop, { intent: "end", sessionId: "x".repeat(500) })).status).toBe(400);
    expect((await postForm(app.url, "/account/sessions", null, { intent: "end-others" })).status).toBe(302);

    const one = await postForm(app.url, "/account/sessions", laptop, { intent: "end", sessionId: await storedId(phone) });
    expect(one.status).toBe(200);
    expect(one.html).toContain("انتهت الجلسة.");
    expect(await meStatus(app.url, phone)).toBe(401);
    expect(await meStatus(app.url, laptop)).toBe(200);

    const again = await signInAs(app.url, me.email);
    const more = await signInAs(app.url, me.email, PASSWORD, CHROME_ANDROID);
    const others = await postForm(app.url, "/account/sessions", laptop, { intent: "end-others" });
    expect(others.status).toBe(200);
    expect([await meStatus(app.url, again), await meStatus(app.url, more), await meStatus(app.url, laptop), await meStatus(app.url, theirs)]).toEqual([401, 401, 200, 200]);
    expect(await prisma().session.count({ where: { userId: me.id } })).toBe(1);
    // Ending sessions and signing out are in the audit trail, with the address they came from.
    const ends = await prisma().auditEvent.findMany({ where: { actorId: me.id, action: { startsWith: "account.session" } }, orderBy: { id: "asc" } });
    expect(ends.map((e) => [e.action, e.ip !== null])).toEqual([["account.sessionEnd", true], ["account.sessionsEndOthers", true]]);
    expect(ends[1]!.data).toEqual({ ended: 2 });
    await postForm(app.url, "/logout", laptop, {});
    expect(await prisma().auditEvent.count({ where: { actorId: me.id, action: "signin.signout" } })).toBe(1);
  });

  it("changes the password: current one checked, the new one twice and acceptable; rotates this session, ends the others", async () => {
    const me = await newMember(prisma(), conferenceId, "COMMITTEE", "Salma Haddad");
    const here = await signInAs(app.url, me.email);
    const elsewhere = await signInAs(app.url, me.email, PASSWORD, CHROME_ANDROID);
    const strong = "Qx7 lantern orbit meadow";
    const change = (fields: Record<string, string>, cookie = here) => postForm(app.url, "/account/password", cookie, fields);
    const error = (html: string) => /data-testid="password-error">([^<]+)</.exec(html)?.[1];

    const wrong = await change({ current: "not-it", password: strong, again: strong });
    expect(wrong.status).toBe(400);
    expect(error(wrong.html)).toBe("كلمة المرور الحالية غير صحيحة.");
    expect(error((await change({ current: PASSWORD, password: strong, again: `${strong}!` })).html)).toBe("كلمتا المرور غير متطابقتين.");
    expect(error((await change({ current: PASSWORD, password: "short-one", again: "short-one" })).html)).toMatch(/قصيرة/);
    expect(error((await change({ current: PASSWORD, password: "password12345", again: "password12345" })).html)).toMatch(/شائعة/);
    expect(error((await change({ current: PASSWORD, password: "Salma Haddad 2026", again: "Salma Haddad 2026" })).html)).toMatch(/شائعة/);
    const long = "x".repeat(201);
    expect(error((await change({ current: PASSWORD, password: long, again: long })).html)).toMatch(/طويلة/);
    // Nothing changed so far.
    expect([await meStatus(app.url, here), await meStatus(app.url, elsewhere)]).toEqual([200, 200]);

    const before = await storedId(here);
    const ok = await change({ current: PASSWORD, password: strong, again: strong });
    expect(ok.status).toBe(302);
    const rotated = ok.setCookie!.split(";")[0]!;
    const shown = await fetch(`${app.url}/account/password?changed`, { headers: { cookie: rotated } });
    expect(await shown.text()).toContain("تغيّرت كلمة المرور");
    expect(await storedId(rotated)).not.toBe(before);
    expect([await meStatus(app.url, rotated), await meStatus(app.url, here), await meStatus(app.url, elsewhere)]).toEqual([200, 401, 401]);
    const user = await prisma().user.findUniqueOrThrow({ where: { id: me.id } });
    expect(user.passwordChangedAt!.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(await prisma().auditEvent.count({ where: { actorId: me.id, action: "password.change" } })).toBe(1);
    await expect(signInAs(app.url, me.email)).rejects.toThrow(/401/);
    expect(await meStatus(app.url, await signInAs(app.url, me.email, strong))).toBe(200);
    // Anonymous: sent to sign in.
    expect((await postForm(app.url, "/account/password", null, { current: strong, password: strong, again: strong })).status).toBe(302);
  });

  it("bounds wrong current passwords per account", async () => {
    const me = await newMember(prisma(), conferenceId, "OBSERVER");
    const cookie = await signInAs(app.url, me.email);
    const strong = "Qx7 lantern orbit meadow";
    for (let i = 0; i < 5; i++) expect((await postForm(app.url, "/account/password", cookie, { current: "wrong", password: strong, again: strong })).status).toBe(400);
    const limited = await postForm(app.url, "/account/password", cookie, { current: PASSWORD, password: strong, again: strong });
    expect(limited.status).toBe(429);
    expect(await prisma().user.findUniqueOrThrow({ where: { id: me.id }, select: { passwordChangedAt: true } })).toEqual({ passwordChangedAt: null });
  });

  it("disabling an account (organizers only) ends its sessions and revokes its API tokens", async () => {
    const target = await newMember(prisma(), conferenceId, "COMMITTEE");
    const s1 = await signInAs(app.url, target.email);
    const s2 = await signInAs(app.url, target.email, PASSWORD, CHROME_ANDROID);
    const { token } = await issueApiToken(prisma(), { userId: target.id, name: "script" });
    // The wrong role: a committee member may not.
    const committee = await signInAs(app.url, "committee@example.org");
    const refused = await postForm(app.url, "/members", committee, { intent: "disable", membershipId: target.membershipId });
    expect(refused.status).toBe(403);
    expect(await meStatus(app.url, s1)).toBe(200);

    const done = await postForm(app.url, "/members", organizer, { intent: "disable", membershipId: target.membershipId });
    expect(done.status).toBe(200);
    expect(done.html).toContain("عُطّل الحساب");
    expect([await meStatus(app.url, s1), await meStatus(app.url, s2)]).toEqual([401, 401]);
    expect(await prisma().session.count({ where: { userId: target.id } })).toBe(0);
    expect(await userForApiToken(prisma(), token)).toBeNull();
    expect(await prisma().apiToken.count({ where: { userId: target.id, revokedAt: null } })).toBe(0);
    expect((await prisma().user.findUniqueOrThrow({ where: { id: target.id } })).disabledAt).not.toBeNull();
    expect(await prisma().auditEvent.count({ where: { action: "account.disable", subjectId: target.id } })).toBe(1);
    await expect(signInAs(app.url, target.email)).rejects.toThrow(/401/);
    // The members page shows it.
    expect(await (await fetch(`${app.url}/members`, { headers: { cookie: organizer } })).text()).toContain("الحساب معطّل");

    // Not oneself; not an account that belongs to another conference too.
    const self = await prisma().membership.findFirstOrThrow({ where: { conferenceId, user: { email: "organizer@example.org" } } });
    const selfTry = await postForm(app.url, "/members", organizer, { intent: "disable", membershipId: self.id });
    expect(selfTry.status).toBe(409);
    expect(selfTry.html).toContain("لا يمكنك تعطيل حسابك.");
    const shared = await newMember(prisma(), conferenceId, "OBSERVER");
    const elsewhere = await prisma().conference.create({ data: { slug: `other-${shared.id}`, nameAr: "مؤتمر آخر", city: "القامشلي" } });
    await prisma().membership.create({ data: { userId: shared.id, conferenceId: elsewhere.id, role: "OBSERVER" } });
    const sharedTry = await postForm(app.url, "/members", organizer, { intent: "disable", membershipId: shared.membershipId });
    expect(sharedTry.status).toBe(403);
    expect((await prisma().user.findUniqueOrThrow({ where: { id: shared.id } })).disabledAt).toBeNull();
    // The domain function asks the policy module itself.
    const observer = await prisma().user.findUniqueOrThrow({ where: { email: "observer@example.org" }, include: { memberships: true } });
    const victim = await newMember(prisma(), conferenceId, "OBSERVER");
    await expect(disableAccount(prisma(), observer, { conferenceId, membershipId: victim.membershipId })).rejects.toMatchObject({ code: "forbidden" });
  });
});
