// Accounts on both databases: passwords, sessions, delegate links (expiry, revocation, single use), API tokens.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { backends, freshDb, type TestDb } from "../helpers/db.js";
import { seedDemo } from "../../prisma/seed.js";
import {
  createDelegateLink,
  createSession,
  endSession,
  issueApiToken,
  redeemDelegateLink,
  revokeApiToken,
  revokeDelegateLink,
  userForApiToken,
  userForSession,
  verifyCredentials,
} from "~/domain/accounts.server";
import { addMember, removeMember, setRole } from "~/domain/members.server";
import { actorFor } from "../helpers/actors.js";

describe.each(backends)("accounts on %s", (backend) => {
  let db: TestDb;
  let conferenceId: string;
  let organizerId: string;
  let forceId: string;
  beforeAll(async () => {
    db = await freshDb(backend);
    expect(await seedDemo(db.prisma)).toBe(true);
    expect(await seedDemo(db.prisma)).toBe(false); // idempotent
    const conf = await db.prisma.conference.findFirstOrThrow();
    conferenceId = conf.id;
    organizerId = (await db.prisma.user.findUniqueOrThrow({ where: { email: "organizer@example.org" } })).id;
    forceId = (await db.prisma.force.findFirstOrThrow({ where: { nameEn: "Syrian Dawn Party" } })).id;
  });
  afterAll(async () => db?.destroy());

  it("seeds the six demo accounts with their roles and two delegates of different forces", async () => {
    const ms = await db.prisma.membership.findMany({ include: { user: true } });
    const byEmail = Object.fromEntries(ms.map((m) => [m.user.email, m]));
    expect(byEmail["organizer@example.org"]!.role).toBe("ORGANIZER");
    expect(byEmail["committee@example.org"]!.role).toBe("COMMITTEE");
    expect(byEmail["committee2@example.org"]!.role).toBe("COMMITTEE");
    expect(byEmail["observer@example.org"]!.role).toBe("OBSERVER");
    expect(byEmail["delegate@example.org"]!.role).toBe("DELEGATE");
    expect(byEmail["delegate@example.org"]!.forceId).toBeTruthy();
    expect(byEmail["delegate@example.org"]!.forceId).not.toBe(byEmail["delegate2@example.org"]!.forceId);
    const forces = await db.prisma.force.groupBy({ by: ["kind"], _count: true });
    expect(forces.length).toBe(8);
    const statuses = await db.prisma.invitation.groupBy({ by: ["status"], _count: true });
    expect(statuses.length).toBeGreaterThanOrEqual(6);
  });

  it("verifies the demo password and refuses wrong ones and unknown accounts alike", async () => {
    const u = await verifyCredentials(db.prisma, "Organizer@Example.org ", "tawafuq-demo");
    expect(u.memberships[0]!.role).toBe("ORGANIZER");
    const wrong = await verifyCredentials(db.prisma, "organizer@example.org", "nope").catch((e) => e);
    const unknown = await verifyCredentials(db.prisma, "nobody@example.org", "nope").catch((e) => e);
    expect(wrong.code).toBe("unauthenticated");
    expect(unknown.code).toBe("unauthenticated");
    expect(wrong.message).toBe(unknown.message);
  });

  it("sessions resolve to the user until ended", async () => {
    const s = await createSession(db.prisma, organizerId);
    expect((await userForSession(db.sql, s.id))?.email).toBe("organizer@example.org");
    await endSession(db.prisma, s.id);
    expect(await userForSession(db.sql, s.id)).toBeNull();
    const expired = await db.prisma.session.create({ data: { id: "expired-session", userId: organizerId, expiresAt: new Date(Date.now() - 1000) } });
    expect(await userForSession(db.sql, expired.id)).toBeNull();
  });

  it("a delegate link is stored hashed, exchanged once for a DELEGATE membership of its force", async () => {
    const { link, token } = await createDelegateLink(db.prisma, await actorFor(db.prisma, organizerId), { conferenceId, forceId, personName: "نور", email: "noor@example.org" });
    expect(Buffer.from(token, "base64url").length).toBeGreaterThanOrEqual(16);
    expect(link.tokenHash).not.toContain(token);
    expect(link.expiresAt.getTime() - Date.now()).toBeGreaterThan(13.9 * 86400_000);
    const { userId } = await redeemDelegateLink(db.prisma, token);
    const m = await db.prisma.membership.findFirstOrThrow({ where: { userId, conferenceId } });
    expect([m.role, m.forceId]).toEqual(["DELEGATE", forceId]);
    await expect(redeemDelegateLink(db.prisma, token)).rejects.toMatchObject({ code: "gone", message: /already used/ });
  });

  it("two simultaneous redemptions: exactly one wins", async () => {
    const { token } = await createDelegateLink(db.prisma, await actorFor(db.prisma, organizerId), { conferenceId, forceId, personName: "سمر" });
    const results = await Promise.allSettled([redeemDelegateLink(db.prisma, token), redeemDelegateLink(db.prisma, token)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });

  it("expired, revoked and unknown links are refused with distinct reasons", async () => {
    const expired = await createDelegateLink(db.prisma, await actorFor(db.prisma, organizerId), { conferenceId, forceId, personName: "أ" });
    await db.prisma.delegateLink.update({ where: { id: expired.link.id }, data: { expiresAt: new Date(Date.now() - 1) } });
    await expect(redeemDelegateLink(db.prisma, expired.token)).rejects.toMatchObject({ code: "gone", message: /expired/ });
    const revoked = await createDelegateLink(db.prisma, await actorFor(db.prisma, organizerId), { conferenceId, forceId, personName: "ب" });
    await revokeDelegateLink(db.prisma, await actorFor(db.prisma, organizerId), { conferenceId, id: revoked.link.id });
    await expect(redeemDelegateLink(db.prisma, revoked.token)).rejects.toMatchObject({ code: "gone", message: /revoked/ });
    await expect(redeemDelegateLink(db.prisma, "not-a-token")).rejects.toMatchObject({ code: "not_found" });
  });

  it("API tokens authenticate until revoked", async () => {
    const { id, token } = await issueApiToken(db.prisma, { userId: organizerId, name: "ci" });
    expect((await userForApiToken(db.prisma, token))?.id).toBe(organizerId);
    await revokeApiToken(db.prisma, { id, userId: organizerId });
    expect(await userForApiToken(db.prisma, token)).toBeNull();
  });

  it("members: add, change role, cannot remove or demote the last organizer", async () => {
    const organizer = await actorFor(db.prisma, organizerId);
    const { membership: m } = await addMember(db.prisma, organizer, { conferenceId, email: "New@Example.org", name: "جديد", role: "COMMITTEE" });
    await expect(addMember(db.prisma, organizer, { conferenceId, email: "new@example.org", name: "x", role: "OBSERVER" })).rejects.toMatchObject({ code: "conflict" });
    await expect(setRole(db.prisma, organizer, { conferenceId, membershipId: m.id, role: "DELEGATE" })).rejects.toMatchObject({ code: "bad_request" });
    await setRole(db.prisma, organizer, { conferenceId, membershipId: m.id, role: "DELEGATE", forceId });
    const org = await db.prisma.membership.findFirstOrThrow({ where: { conferenceId, role: "ORGANIZER" } });
    await expect(setRole(db.prisma, organizer, { conferenceId, membershipId: org.id, role: "OBSERVER" })).rejects.toMatchObject({ code: "conflict" });
    await expect(removeMember(db.prisma, organizer, { conferenceId, membershipId: org.id })).rejects.toMatchObject({ code: "conflict" });
    await removeMember(db.prisma, organizer, { conferenceId, membershipId: m.id });
    expect(await db.prisma.auditEvent.count({ where: { action: { startsWith: "member." } } })).toBeGreaterThanOrEqual(3);
  });
});
