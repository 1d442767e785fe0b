// ADR 0037 on PGlite and PostgreSQL: the domain refuses the wrong role on its own, with no page or gate
// in front of it (members, paper versions), and an invitation command announces its committed change
// itself: every change to the staff room, each force's own change to that force's room, nothing when
// refused.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { backends, freshDb, type TestDb } from "../helpers/db.js";
import { pipelineFixture, type PipelineFixture } from "../helpers/pipeline.js";
import { dbPaperStore } from "../helpers/paper-store.js";
import { addMember, disableAccount, listMembers, removeMember, renewAccountSetup, setRole } from "~/domain/members.server";
import { restoreVersion, saveVersion } from "~/domain/papers.server";
import { createDelegateLink, revokeDelegateLink } from "~/domain/accounts.server";
import { addDelegationMember, bulkTransition, createInvitation, transitionInvitation, updateTerms } from "~/domain/invitations.server";
import { assertMay } from "~/domain/errors";
import { INVITATION_CHANGED } from "~/domain/invitations-live";
import { rooms } from "~/domain/rooms";
import type { Actor } from "~/policy";

describe.each(backends)("the domain asks the policy itself, on %s", (backend) => {
  let db: TestDb;
  let fx: PipelineFixture;
  let outsider: Actor;
  let paperId: string;

  beforeAll(async () => {
    db = await freshDb(backend);
    fx = await pipelineFixture(db.prisma);
    // An organizer, but of another conference.
    outsider = (await pipelineFixture(db.prisma, "other")).organizer;
    paperId = (await db.prisma.paper.create({ data: { conferenceId: fx.conferenceId, title: "الورقة" } })).id;
  });
  afterAll(async () => db?.destroy());

  it("assertMay throws forbidden, with the message given or the default one", () => {
    expect(() => assertMay(fx.organizer, "member.manage", { conferenceId: fx.conferenceId })).not.toThrow();
    expect(() => assertMay(fx.committee, "member.manage", { conferenceId: fx.conferenceId })).toThrow(expect.objectContaining({ code: "forbidden", message: "You are not allowed to do this" }));
    expect(() => assertMay(fx.delegate, "force.manage", { conferenceId: fx.conferenceId }, "Only organizers")).toThrow(expect.objectContaining({ code: "forbidden", message: "Only organizers" }));
  });

  it("members commands refuse every role but the conference's organizers, and change nothing", async () => {
    const conferenceId = fx.conferenceId;
    const target = await db.prisma.membership.findFirstOrThrow({ where: { conferenceId, userId: fx.observer.id } });
    const before = await db.prisma.membership.findMany({ where: { conferenceId }, orderBy: { id: "asc" } });
    for (const actor of [fx.committee, fx.observer, fx.delegate, outsider]) {
      await expect(listMembers(db.prisma, actor, conferenceId)).rejects.toMatchObject({ code: "forbidden" });
      await expect(addMember(db.prisma, actor, { conferenceId, email: "intruder@example.org", name: "دخيل", role: "ORGANIZER" })).rejects.toMatchObject({ code: "forbidden" });
      await expect(setRole(db.prisma, actor, { conferenceId, membershipId: target.id, role: "ORGANIZER" })).rejects.toMatchObject({ code: "forbidden" });
      await expect(removeMember(db.prisma, actor, { conferenceId, membershipId: target.id })).rejects.toMatchObject({ code: "forbidden" });
      await expect(renewAccountSetup(db.prisma, actor, { conferenceId, membershipId: target.id })).rejects.toMatchObject({ code: "forbidden" });
      await expect(disableAccount(db.prisma, actor, { conferenceId, membershipId: target.id })).rejects.toMatchObject({ code: "forbidden" });
    }
    expect(await db.prisma.membership.findMany({ where: { conferenceId }, orderBy: { id: "asc" } })).toEqual(before);
    expect(await db.prisma.user.findUnique({ where: { email: "intruder@example.org" } })).toBeNull();
    // The organizer may.
    const added = await addMember(db.prisma, fx.organizer, { conferenceId, email: "welcome@example.org", name: "مرحب", role: "OBSERVER" });
    expect(added.newAccount).toBe(true);
    expect((await listMembers(db.prisma, fx.organizer, conferenceId)).length).toBe(before.length + 1);
  });

  it("delegate sign-in links are created and revoked by organizers only", async () => {
    const conferenceId = fx.conferenceId;
    const link = { conferenceId, forceId: fx.ownForceId, personName: "مندوب جديد" };
    const { link: made } = await createDelegateLink(db.prisma, fx.organizer, link);
    for (const actor of [fx.committee, fx.observer, fx.delegate, outsider]) {
      await expect(createDelegateLink(db.prisma, actor, link)).rejects.toMatchObject({ code: "forbidden" });
      await expect(revokeDelegateLink(db.prisma, actor, { conferenceId, id: made.id })).rejects.toMatchObject({ code: "forbidden" });
    }
    expect(await db.prisma.delegateLink.count({ where: { conferenceId } })).toBe(1);
    expect((await db.prisma.delegateLink.findUniqueOrThrow({ where: { id: made.id } })).revokedAt).toBeNull();
    await revokeDelegateLink(db.prisma, fx.organizer, { conferenceId, id: made.id });
    expect((await db.prisma.delegateLink.findUniqueOrThrow({ where: { id: made.id } })).revokedAt).not.toBeNull();
  });

  it("saving and restoring paper versions refuse delegates, observers and other conferences", async () => {
    const deps = { prisma: db.prisma, papers: dbPaperStore(db.prisma) };
    const saved = await saveVersion(deps, fx.committee, { paperId, name: "نسخة اللجنة" });
    for (const actor of [fx.delegate, fx.observer, outsider]) {
      await expect(saveVersion(deps, actor, { paperId, name: "نسخة دخيلة" })).rejects.toMatchObject({ code: "forbidden" });
      await expect(restoreVersion(deps, actor, { paperId, versionId: saved.id, keptAsName: "قبل" })).rejects.toMatchObject({ code: "forbidden" });
    }
    expect((await db.prisma.paperVersion.findMany({ where: { paperId } })).map((v) => v.name)).toEqual(["نسخة اللجنة"]);
    await expect(saveVersion(deps, fx.committee, { paperId: "no-such-paper", name: "x" })).rejects.toMatchObject({ code: "not_found" });
  });

  it("invitation commands announce their committed change: all to the staff room, each force only its own", async () => {
    const heard: { room: string; event: string; payload: unknown }[] = [];
    const meta = { realtime: { emit: (room: string, event: string, payload: unknown) => heard.push({ room, event, payload }) } };
    const conferenceId = fx.conferenceId;
    const staff = rooms.staff(conferenceId);
    const forceRoom = (f: string) => rooms.force(conferenceId, f);
    const other = await db.prisma.force.create({ data: { conferenceId, kind: "PARTY", nameAr: "حزب آخر", nameKey: "حزب آخر", searchText: "حزب آخر", region: "ABROAD" } });
    const said = (actorId: string, changes: object[]) => ({ event: INVITATION_CHANGED, payload: { conferenceId, actorId, changes } });
    const take = () => heard.splice(0);

    const own = await createInvitation(db.prisma, fx.organizer, conferenceId, { forceId: fx.ownForceId }, meta);
    const c1 = { id: own.id, forceId: fx.ownForceId, status: "CANDIDATE", version: 1 };
    expect(take()).toEqual([{ room: staff, ...said(fx.organizer.id, [c1]) }, { room: forceRoom(fx.ownForceId), ...said(fx.organizer.id, [c1]) }]);

    const theirs = await createInvitation(db.prisma, fx.organizer, conferenceId, { forceId: other.id }, meta);
    take();
    const moved = await transitionInvitation(db.prisma, fx.organizer, own.id, { to: "APPROVED", version: own.version }, meta);
    const c2 = { id: own.id, forceId: fx.ownForceId, status: "APPROVED", version: moved.version };
    expect(take()).toEqual([{ room: staff, ...said(fx.organizer.id, [c2]) }, { room: forceRoom(fx.ownForceId), ...said(fx.organizer.id, [c2]) }]);

    // Many at once: the staff hear them together, each force only of its own.
    const bulk = await bulkTransition(db.prisma, fx.organizer, conferenceId, { to: "WITHDRAWN", items: [{ id: moved.id, version: moved.version }, { id: theirs.id, version: theirs.version }] }, meta);
    const byId = new Map(bulk.changed.map((c) => [c.id, { id: c.id, forceId: c.forceId, status: "WITHDRAWN", version: c.version }]));
    const [a, b] = [byId.get(own.id)!, byId.get(theirs.id)!];
    const got = take();
    expect(got[0]).toEqual({ room: staff, ...said(fx.organizer.id, bulk.changed.map((c) => byId.get(c.id)!)) });
    expect(got.slice(1)).toEqual(
      expect.arrayContaining([
        { room: forceRoom(fx.ownForceId), ...said(fx.organizer.id, [a]) },
        { room: forceRoom(other.id), ...said(fx.organizer.id, [b]) },
      ]),
    );
    expect(got).toHaveLength(3);

    // Back to a candidate; new terms; the force's own delegate names someone.
    const again = await bulkTransition(db.prisma, fx.organizer, conferenceId, { to: "CANDIDATE", items: [{ id: own.id }] }, meta);
    take();
    const terms = await updateTerms(db.prisma, fx.organizer, own.id, { version: again.changed[0]!.version, seatQuota: 4 }, meta);
    const c3 = { id: own.id, forceId: fx.ownForceId, status: "CANDIDATE", version: terms.version };
    expect(take()).toEqual([{ room: staff, ...said(fx.organizer.id, [c3]) }, { room: forceRoom(fx.ownForceId), ...said(fx.organizer.id, [c3]) }]);
    const named = await addDelegationMember(db.prisma, fx.delegate, own.id, { version: terms.version, name: "مندوب" }, meta);
    const c4 = { ...c3, version: named.invitation.version };
    expect(take()).toEqual([{ room: staff, ...said(fx.delegate.id, [c4]) }, { room: forceRoom(fx.ownForceId), ...said(fx.delegate.id, [c4]) }]);

    // Refused or stale: nothing is said.
    await expect(transitionInvitation(db.prisma, fx.delegate, own.id, { to: "APPROVED", version: named.invitation.version }, meta)).rejects.toMatchObject({ code: "forbidden" });
    await expect(transitionInvitation(db.prisma, fx.organizer, own.id, { to: "APPROVED", version: 1 }, meta)).rejects.toMatchObject({ code: "stale_version" });
    await expect(bulkTransition(db.prisma, fx.committee, conferenceId, { to: "APPROVED", items: [{ id: own.id }] }, meta)).rejects.toMatchObject({ code: "forbidden" });
    expect(take()).toEqual([]);
  });
});
