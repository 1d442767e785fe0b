// Account takeover paths (issue 16, ADR 0023), each closed with a regression test:
// - a delegate link never signs its holder in as an existing account, nor moves a delegate;
// - adding an existing account never touches its credentials, new members choose their own password;
// - API tokens act only for the account that made them, with a scope and an expiry.
// Domain rules on both databases, then the same paths through the real server over HTTP.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { backends, freshDb, type TestDb } from "../helpers/db.js";
import { startTestServer, signIn, type TestServer } from "../helpers/server.js";
import { seedDemo } from "../../prisma/seed.js";
import {
  completeAccountSetup,
  createDelegateLink,
  issueApiToken,
  redeemDelegateLink,
  revokeApiToken,
  userForApiToken,
  verifyCredentials,
} from "~/domain/accounts.server";
import { addMember, renewAccountSetup } from "~/domain/members.server";
import { actorFor } from "../helpers/actors.js";
import { createSession, userForSession } from "~/domain/sessions.server";

const STRONG = "river-olive-lantern-qamishli";

describe.each(backends)("takeover paths on %s", (backend) => {
  let db: TestDb;
  let conferenceId: string;
  let organizerId: string;
  let forceA: string;
  let forceB: string;
  const idOf = async (email: string) => (await db.prisma.user.findUniqueOrThrow({ where: { email } })).id;
  beforeAll(async () => {
    db = await freshDb(backend);
    await seedDemo(db.prisma);
    conferenceId = (await db.prisma.conference.findFirstOrThrow()).id;
    organizerId = await idOf("organizer@example.org");
    const delegate = await db.prisma.membership.findFirstOrThrow({ where: { user: { email: "delegate@example.org" } } });
    forceA = delegate.forceId!;
    forceB = (await db.prisma.force.findFirstOrThrow({ where: { conferenceId, id: { not: forceA } } })).id;
  });
  afterAll(async () => db?.destroy());

  it("a link made out to an existing account's email is refused to anyone but that account", async () => {
    const { token } = await createDelegateLink(db.prisma, await actorFor(db.prisma, organizerId), { conferenceId, forceId: forceB, personName: "x", email: "Organizer@example.org" });
    await expect(redeemDelegateLink(db.prisma, token)).rejects.toMatchObject({ code: "conflict", details: { reason: "accountExists" } });
    const observerId = await idOf("observer@example.org");
    await expect(redeemDelegateLink(db.prisma, token, { signedInUserId: observerId })).rejects.toMatchObject({ details: { reason: "accountExists" } });
    // Nothing changed: the organizer is still the organizer, and the link is still unused.
    const m = await db.prisma.membership.findFirstOrThrow({ where: { userId: organizerId, conferenceId } });
    expect([m.role, m.forceId]).toEqual(["ORGANIZER", null]);
    expect((await db.prisma.delegateLink.findFirstOrThrow({ where: { tokenHash: { not: "" }, personName: "x" } })).usedAt).toBeNull();
  });

  it("a link never moves an existing delegate to another force, even when that delegate accepts it", async () => {
    const delegateId = await idOf("delegate@example.org");
    const { token } = await createDelegateLink(db.prisma, await actorFor(db.prisma, organizerId), { conferenceId, forceId: forceB, personName: "y", email: "delegate@example.org" });
    await expect(redeemDelegateLink(db.prisma, token)).rejects.toMatchObject({ details: { reason: "accountExists" } });
    await expect(redeemDelegateLink(db.prisma, token, { signedInUserId: delegateId })).rejects.toMatchObject({ details: { reason: "alreadyMember" } });
    const m = await db.prisma.membership.findFirstOrThrow({ where: { userId: delegateId, conferenceId } });
    expect(m.forceId).toBe(forceA);
  });

  it("the account the link names accepts it while signed in, and nobody else's account changes", async () => {
    const outsider = await db.prisma.user.create({ data: { email: "outsider@example.org", name: "خارج" } });
    const { token } = await createDelegateLink(db.prisma, await actorFor(db.prisma, organizerId), { conferenceId, forceId: forceB, personName: "z", email: "outsider@example.org" });
    const { userId, newAccount } = await redeemDelegateLink(db.prisma, token, { signedInUserId: outsider.id });
    expect([userId, newAccount]).toEqual([outsider.id, false]);
    const m = await db.prisma.membership.findFirstOrThrow({ where: { userId, conferenceId } });
    expect([m.role, m.forceId]).toEqual(["DELEGATE", forceB]);
  });

  it("a link without an email, or for a new email, binds a new account", async () => {
    const { token } = await createDelegateLink(db.prisma, await actorFor(db.prisma, organizerId), { conferenceId, forceId: forceB, personName: "جديد" });
    const r = await redeemDelegateLink(db.prisma, token, { signedInUserId: organizerId });
    expect(r.newAccount).toBe(true);
    expect(r.userId).not.toBe(organizerId);
  });

  it("adding an existing account never touches its password, and its sessions stay its own", async () => {
    const outsider = await db.prisma.user.create({ data: { email: "has-password@example.org", name: "ع", passwordHash: await (await import("@node-rs/argon2")).hash(STRONG) } });
    const session = await createSession(db.prisma, outsider.id);
    // The old form's password field: whatever an organizer sends, it is not a parameter any more.
    const added = await addMember(db.prisma, await actorFor(db.prisma, organizerId), { conferenceId, email: "HAS-PASSWORD@example.org", name: "new name", role: "COMMITTEE", ...({ password: "organizer-chosen-pass" } as object) });
    expect([added.newAccount, added.setupToken]).toEqual([false, null]);
    expect((await verifyCredentials(db.prisma, "has-password@example.org", STRONG)).id).toBe(outsider.id);
    await expect(verifyCredentials(db.prisma, "has-password@example.org", "organizer-chosen-pass")).rejects.toMatchObject({ code: "unauthenticated" });
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: outsider.id } })).name).toBe("ع");
    expect((await userForSession(db.sql, session.id))?.id).toBe(outsider.id);
    // And nobody can hand out a password link for it.
    await expect(renewAccountSetup(db.prisma, await actorFor(db.prisma, organizerId), { conferenceId, membershipId: added.membership.id })).rejects.toMatchObject({ details: { reason: "hasPassword" } });
  });

  it("a new member chooses their own password through a one-time link that refuses weak ones", async () => {
    const added = await addMember(db.prisma, await actorFor(db.prisma, organizerId), { conferenceId, email: "fresh@example.org", name: "Fresh Member", role: "OBSERVER" });
    expect(added.newAccount).toBe(true);
    const token = added.setupToken!;
    expect((await db.prisma.user.findUniqueOrThrow({ where: { email: "fresh@example.org" } })).passwordHash).toBeNull();
    expect(await db.prisma.accountToken.count({ where: { tokenHash: token } })).toBe(0); // stored hashed
    await expect(completeAccountSetup(db.prisma, token, "short")).rejects.toMatchObject({ details: { reason: "tooShort" } });
    await expect(completeAccountSetup(db.prisma, token, "password1234")).rejects.toMatchObject({ details: { reason: "common" } });
    await expect(completeAccountSetup(db.prisma, token, "fresh@example.org!")).rejects.toMatchObject({ details: { reason: "common" } });
    await completeAccountSetup(db.prisma, token, STRONG);
    expect((await verifyCredentials(db.prisma, "fresh@example.org", STRONG)).email).toBe("fresh@example.org");
    await expect(completeAccountSetup(db.prisma, token, `${STRONG}-again`)).rejects.toMatchObject({ code: "gone" });
  });

  it("API tokens act for their owner only, expire, carry a scope, and only the owner revokes them; creation is audited", async () => {
    const { id, token, scope, expiresAt } = await issueApiToken(db.prisma, { userId: organizerId, name: "mine" });
    expect(scope).toBe("READ");
    expect(Math.round((expiresAt.getTime() - Date.now()) / 86400_000)).toBe(90);
    expect((await userForApiToken(db.prisma, token))).toMatchObject({ id: organizerId, tokenScope: "READ" });
    expect(await db.prisma.auditEvent.count({ where: { action: "apiToken.issue", subjectId: id, actorId: organizerId } })).toBe(1);
    const committeeId = await idOf("committee@example.org");
    await expect(revokeApiToken(db.prisma, { id, userId: committeeId })).rejects.toMatchObject({ code: "not_found" });
    expect(await userForApiToken(db.prisma, token)).not.toBeNull();
    await db.prisma.apiToken.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await userForApiToken(db.prisma, token)).toBeNull();
    await expect(issueApiToken(db.prisma, { userId: organizerId, name: "forever", days: 10_000 })).rejects.toMatchObject({ code: "bad_request" });
  });
});

describe("takeover paths through the server", () => {
  let server: TestServer;
  let organizer: string;
  const form = (path: string, cookie: string | null, fields: Record<string, string>) =>
    fetch(`${server.url}${path}`, { method: "POST", headers: cookie ? { cookie } : {}, body: new URLSearchParams(fields), redirect: "manual" });
  const secretOf = (html: string) => /data-testid="secret">([^<]+)</.exec(html)?.[1];
  const me = async (cookie: string) => (await fetch(`${server.url}/api/v1/me`, { headers: { cookie } })).json() as Promise<any>;
  beforeAll(async () => {
    server = await startTestServer();
    organizer = await signIn(server.url, "organizer@example.org");
  });
  afterAll(async () => {
    await server?.stop();
  });

  const forceIds = async () => {
    const page = await (await fetch(`${server.url}/members`, { headers: { cookie: organizer } })).text();
    return [...page.matchAll(/<option value="([a-z0-9]{20,})"/g)].map((m) => m[1]!);
  };

  it("a link holder cannot sign in as the organizer whose email the link names", async () => {
    const [forceId] = await forceIds();
    const made = secretOf(await (await form("/members", organizer, { intent: "link", forceId: forceId!, personName: "دخيل", email: "organizer@example.org", days: "14" })).text());
    const res = await form(new URL(made!).pathname, null, {});
    expect(res.status).toBe(409);
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(await res.text()).toContain("سجّل الدخول إليه أولاً");
    expect((await me(organizer)).memberships[0].role).toBe("ORGANIZER");
  });

  it("a delegate signed in to their own account cannot be moved to another force by a link", async () => {
    const delegate = await signIn(server.url, "delegate@example.org");
    const before = (await me(delegate)).memberships[0].forceId;
    const other = (await forceIds()).find((f) => f !== before)!;
    const made = secretOf(await (await form("/members", organizer, { intent: "link", forceId: other, personName: "م", email: "delegate@example.org", days: "14" })).text());
    const res = await form(new URL(made!).pathname, delegate, {});
    expect(res.status).toBe(409);
    expect((await me(delegate)).memberships[0].forceId).toBe(before);
  });

  it("'add member' keeps an existing account's password whatever the form carries; a new member gets a password link", async () => {
    const res = await form("/members", organizer, { intent: "add", email: "observer@example.org", name: "x", role: "COMMITTEE", password: "organizer-chosen-pass" });
    expect([200, 409]).toContain(res.status); // already a member of the demo conference: refused, nothing changed
    await signIn(server.url, "observer@example.org"); // the owner's password still works
    await expect(signIn(server.url, "observer@example.org", "organizer-chosen-pass")).rejects.toThrow();

    const added = await form("/members", organizer, { intent: "add", email: "newcomer@example.org", name: "Newcomer", role: "OBSERVER" });
    const link = secretOf(await added.text());
    expect(link).toMatch(/\/welcome\/[A-Za-z0-9_-]{43}$/);
    const path = new URL(link!).pathname;
    expect((await fetch(`${server.url}${path}`)).status).toBe(200);
    const weak = await form(path, null, { password: "password1234", confirm: "password1234" });
    expect(weak.status).toBe(400);
    const ok = await form(path, null, { password: STRONG, confirm: STRONG });
    expect(ok.status).toBe(302);
    expect((await me(ok.headers.get("set-cookie")!.split(";")[0]!)).email).toBe("newcomer@example.org");
    await signIn(server.url, "newcomer@example.org", STRONG);
    expect((await form(path, null, { password: `${STRONG}x`, confirm: `${STRONG}x` })).status).toBe(410);
  });

  it("organizers can no longer mint tokens for others; a member's token is their own, read-only unless asked, revocable by them alone", async () => {
    const minted = await form("/members", organizer, { intent: "token", userEmail: "delegate@example.org", name: "x" });
    expect(minted.status).toBe(400);
    expect(secretOf(await minted.text())).toBeUndefined();

    const delegate = await signIn(server.url, "delegate@example.org");
    const created = await form("/account/tokens", delegate, { intent: "create", name: "ci", scope: "READ", days: "30" });
    const token = secretOf(await created.text())!;
    expect(token).toMatch(/^tq_/);
    const bearer = { authorization: `Bearer ${token}` };
    expect(((await (await fetch(`${server.url}/api/v1/me`, { headers: bearer })).json()) as any).email).toBe("delegate@example.org");
    const write = await fetch(`${server.url}/api/v1/me`, { method: "PATCH", headers: { ...bearer, "content-type": "application/json" }, body: JSON.stringify({ name: "x" }) });
    expect(write.status).toBe(403);
    // Tokens are for the API: a token cannot drive the account pages (e.g. mint itself a successor).
    expect((await fetch(`${server.url}/account/tokens`, { headers: bearer, redirect: "manual" })).status).toBe(302);

    const list = await (await fetch(`${server.url}/account/tokens`, { headers: { cookie: delegate } })).text();
    const tokenId = /name="tokenId" value="([^"]+)"/.exec(list)![1]!;
    // Someone else cannot see or revoke it.
    expect(await (await fetch(`${server.url}/account/tokens`, { headers: { cookie: organizer } })).text()).not.toContain(tokenId);
    expect((await form("/account/tokens", organizer, { intent: "revoke", tokenId })).status).toBe(404);
    expect((await fetch(`${server.url}/api/v1/me`, { headers: bearer })).status).toBe(200);
    expect((await form("/account/tokens", delegate, { intent: "revoke", tokenId })).status).toBe(200);
    expect((await fetch(`${server.url}/api/v1/me`, { headers: bearer })).status).toBe(401);
  });
});
