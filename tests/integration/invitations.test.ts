// The invitation pipeline's core on PGlite and PostgreSQL: the graph is enforced (property test with
// fast-check over random sequences of calls), refusals change nothing, versions stop silent lost
// updates, every change is in the append-only history, roles are enforced, attention and dashboard.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import fc from "fast-check";
import type { InvitationStatus } from "@prisma/client";
import { backends, freshDb, type TestDb } from "../helpers/db.js";
import { pipelineFixture, type PipelineFixture } from "../helpers/pipeline.js";
import { createForce } from "~/domain/forces.server";
import {
  addDelegationMember,
  bulkTransition,
  createInvitation,
  dashboardFigures,
  getInvitation,
  listInvitations,
  needsAttention,
  parseInvitationQuery,
  removeDelegationMember,
  transitionInvitation,
  updateDelegationMember,
  updateTerms,
} from "~/domain/invitations.server";
import { canTransition, invitationStatuses, invitationTransitions, pathTo } from "~/domain/invitation-status";
import type { Actor } from "~/policy";

describe.each(backends)("invitation pipeline on %s", (backend) => {
  let db: TestDb;
  let fx: PipelineFixture;
  let n = 0;
  const newInvitation = async (extra: { seatQuota?: number; confirmationDeadline?: string } = {}) => {
    const f = await createForce(db.prisma, fx.organizer, fx.conferenceId, { kind: "PARTY", nameAr: `قوة رقم ${++n}`, region: "NORTH_EAST_SYRIA" });
    return createInvitation(db.prisma, fx.organizer, fx.conferenceId, { forceId: f.id, ...extra });
  };
  const walk = async (id: string, to: InvitationStatus, actor: Actor = fx.organizer) => {
    let inv = await getInvitation(db.prisma, actor, id);
    for (const s of pathTo(to).slice(1)) inv = { ...inv, ...(await transitionInvitation(db.prisma, actor, id, { to: s, version: inv.version })) };
    return inv;
  };
  const snapshot = async (id: string) => {
    const i = await db.prisma.invitation.findUniqueOrThrow({ where: { id } });
    return { status: i.status, version: i.version, events: await db.prisma.invitationEvent.count({ where: { invitationId: id } }) };
  };

  beforeAll(async () => {
    db = await freshDb(backend);
    fx = await pipelineFixture(db.prisma);
  });
  afterAll(async () => db?.destroy());

  it("no sequence of calls reaches a state outside the graph; refusals change nothing", async () => {
    const actors = () => [fx.organizer, fx.organizer2, fx.committee, fx.observer, fx.delegate];
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            to: fc.constantFrom(...invitationStatuses),
            actor: fc.integer({ min: 0, max: 4 }),
            stale: fc.integer({ min: 0, max: 5 }),
          }),
          { minLength: 1, maxLength: 12 },
        ),
        async (steps) => {
          const created = await newInvitation();
          const id = created.id;
          let model = { status: "CANDIDATE" as InvitationStatus, version: created.version, events: 1 };
          for (const step of steps) {
            const actor = actors()[step.actor]!;
            // Organizers mostly; stale version only now and then so that long legal walks happen.
            const useStale = step.stale === 0 && step.actor < 2;
            const version = useStale ? model.version - 1 || model.version + 7 : model.version;
            const res = await transitionInvitation(db.prisma, actor, id, { to: step.to, version }).then(
              (v) => ({ ok: true as const, v }),
              (e) => ({ ok: false as const, e }),
            );
            const isOrganizer = step.actor < 2;
            const legal = canTransition(model.status, step.to);
            if (isOrganizer && !useStale && legal) {
              expect(res.ok, `${model.status} → ${step.to}`).toBe(true);
              model = { status: step.to, version: model.version + 1, events: model.events + 1 };
            } else {
              expect(res.ok).toBe(false);
              const code = (res as { e: { code: string } }).e.code;
              if (step.actor === 4) expect(code).toBe("not_found"); // another force's invitation: invisible
              else if (!isOrganizer) expect(code).toBe("forbidden");
              else if (useStale) expect(code).toBe("stale_version");
              else expect(code).toBe("illegal_transition");
            }
            expect(await snapshot(id)).toEqual(model);
          }
          // The history is a legal chain from CANDIDATE.
          const events = await db.prisma.invitationEvent.findMany({ where: { invitationId: id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
          expect(events[0]).toMatchObject({ kind: "CREATED", fromStatus: null, toStatus: "CANDIDATE" });
          const chain = events.filter((e) => e.kind === "STATUS");
          let at: InvitationStatus = "CANDIDATE";
          for (const e of chain) {
            expect(e.fromStatus).toBe(at);
            expect(canTransition(e.fromStatus!, e.toStatus)).toBe(true);
            at = e.toStatus;
          }
          expect(at).toBe(model.status);
        },
      ),
      { numRuns: 25 },
    );
  });

  it("every status is reachable along the graph, with who/when/from→to/note recorded", async () => {
    for (const target of invitationStatuses) {
      const inv = await newInvitation();
      const done = await walk(inv.id, target);
      expect(done.status).toBe(target);
    }
    const inv = await newInvitation();
    await transitionInvitation(db.prisma, fx.organizer, inv.id, { to: "APPROVED", version: inv.version, note: "وافقت اللجنة في اجتماع ٣ آب" });
    const d = await getInvitation(db.prisma, fx.committee, inv.id);
    expect(d.events.at(-1)).toMatchObject({ kind: "STATUS", fromStatus: "CANDIDATE", toStatus: "APPROVED", note: "وافقت اللجنة في اجتماع ٣ آب", actor: { id: fx.organizer.id, name: "organizer" } });
    expect(d.allowedNext).toEqual([...invitationTransitions.APPROVED]);
  });

  it("an illegal transition is a 409 with a clear message, and changes nothing", async () => {
    const inv = await newInvitation();
    const before = await snapshot(inv.id);
    const err = await transitionInvitation(db.prisma, fx.organizer, inv.id, { to: "ATTENDED", version: inv.version }).catch((e) => e);
    expect(err).toMatchObject({ code: "illegal_transition", status: 409, details: { from: "CANDIDATE", to: "ATTENDED", allowed: ["APPROVED", "WITHDRAWN"] } });
    expect(err.message).toMatch(/cannot move from CANDIDATE to ATTENDED/);
    expect(await snapshot(inv.id)).toEqual(before);
  });

  it("two organizers changing the same invitation at once: one wins, the other is told and sees the current state", async () => {
    const inv = await walk((await newInvitation()).id, "SENT");
    const results = await Promise.allSettled([
      transitionInvitation(db.prisma, fx.organizer, inv.id, { to: "CONFIRMED", version: inv.version }),
      transitionInvitation(db.prisma, fx.organizer2, inv.id, { to: "DECLINED", version: inv.version }),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r) => r.status === "rejected") as PromiseRejectedResult[];
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toMatchObject({ code: "stale_version", status: 409 });
    const winner = (won[0] as PromiseFulfilledResult<{ status: InvitationStatus; version: number }>).value;
    expect(lost[0]!.reason.details.current).toMatchObject({ status: winner.status, version: winner.version });
    const s = await snapshot(inv.id);
    expect(s).toMatchObject({ status: winner.status, version: inv.version + 1 });
  });

  it("bulk change reports which rows changed and which were refused, and why", async () => {
    const a = await newInvitation();
    const b = await walk((await newInvitation()).id, "APPROVED");
    const c = await newInvitation();
    const d = await walk((await newInvitation()).id, "ATTENDED");
    const res = await bulkTransition(db.prisma, fx.organizer, fx.conferenceId, {
      to: "APPROVED",
      note: "دفعة أولى",
      items: [{ id: a.id, version: a.version }, { id: b.id, version: b.version }, { id: c.id, version: c.version + 5 }, { id: d.id }, { id: "nope" }],
    });
    expect(res.changed.map((r) => r.id)).toEqual([a.id]);
    expect(Object.fromEntries(res.refused.map((r) => [r.id, r.code]))).toEqual({ [b.id]: "illegal_transition", [c.id]: "stale_version", [d.id]: "illegal_transition", nope: "not_found" });
    expect(res.refused.find((r) => r.id === b.id)!.message).toMatch(/already APPROVED/);
    expect((await snapshot(a.id)).status).toBe("APPROVED");
    expect((await snapshot(c.id)).status).toBe("CANDIDATE");
    await expect(bulkTransition(db.prisma, fx.committee, fx.conferenceId, { to: "APPROVED", items: [{ id: c.id }] })).rejects.toMatchObject({ code: "forbidden" });
    expect((await snapshot(c.id)).status).toBe("CANDIDATE");
  });

  it("terms and delegation: versioned, recorded, with needs-attention reasons", async () => {
    const now = new Date("2030-01-10T12:00:00Z");
    const overdue = await walk((await newInvitation({ confirmationDeadline: "2030-01-05" })).id, "SENT");
    const confirmed = await walk((await newInvitation({ seatQuota: 1 })).id, "CONFIRMED");
    const attention = async () => {
      const rows = (await needsAttention(db.prisma, fx.organizer, fx.conferenceId, now)).rows;
      return Object.fromEntries(rows.filter((r) => [overdue.id, confirmed.id].includes(r.id)).map((r) => [r.id, r.attention]));
    };
    expect(await attention()).toEqual({ [overdue.id]: ["deadline_passed"], [confirmed.id]: ["no_delegates"] });

    const a1 = await addDelegationMember(db.prisma, fx.organizer, confirmed.id, { version: confirmed.version, name: "ليلى أحمد", role: "رئيسة الوفد", needsVisa: true });
    const a2 = await addDelegationMember(db.prisma, fx.organizer, confirmed.id, { version: a1.invitation.version, name: "آزاد عمر" });
    expect(a2.invitation).toMatchObject({ namedDelegates: 2, seatQuota: 1 });
    expect(await attention()).toEqual({ [overdue.id]: ["deadline_passed"], [confirmed.id]: ["over_quota"] });
    const stale = await addDelegationMember(db.prisma, fx.organizer, confirmed.id, { version: a1.invitation.version, name: "متأخر" }).catch((e) => e);
    expect(stale).toMatchObject({ code: "stale_version" });
    const t = await updateTerms(db.prisma, fx.organizer, confirmed.id, { version: a2.invitation.version, seatQuota: 3 });
    const r = await addDelegationMember(db.prisma, fx.organizer, confirmed.id, { version: t.version, name: "بديل", isSubstitute: true });
    expect(r.invitation).toMatchObject({ namedDelegates: 2, substitutes: 1, seatQuota: 3 });
    expect(await attention()).toEqual({ [overdue.id]: ["deadline_passed"] });
    await updateTerms(db.prisma, fx.organizer, overdue.id, { version: overdue.version, confirmationDeadline: "2030-02-01" });
    expect(await attention()).toEqual({});
    const removed = await removeDelegationMember(db.prisma, fx.organizer, confirmed.id, r.result.id, r.invitation.version);
    expect(removed.invitation.substitutes).toBe(0);

    const d = await getInvitation(db.prisma, fx.organizer, confirmed.id);
    expect(d.events.filter((e) => e.kind !== "STATUS").map((e) => [e.kind, (e.data as { action?: string } | null)?.action ?? null])).toEqual([
      ["CREATED", null],
      ["DELEGATION", "added"],
      ["DELEGATION", "added"],
      ["TERMS", null],
      ["DELEGATION", "added"],
      ["DELEGATION", "removed"],
    ]);
    expect(d.events.find((e) => e.kind === "TERMS")!.data).toEqual({ seatQuota: [1, 3] });
  });

  it("updating a delegation member: replaces its fields, versioned and recorded; wrong role, wrong invitation and bad input change nothing", async () => {
    const inv = await walk((await newInvitation({ seatQuota: 2 })).id, "CONFIRMED");
    const force = (await db.prisma.invitation.findUniqueOrThrow({ where: { id: inv.id } })).forceId;
    // A delegate of this force, and one of another force.
    const user = await db.prisma.user.create({ data: { email: `own-delegate-${inv.id}@example.org`, name: "مندوب القوة" } });
    await db.prisma.membership.create({ data: { userId: user.id, conferenceId: fx.conferenceId, role: "DELEGATE", forceId: force } });
    const ownDelegate: Actor = { id: user.id, memberships: [{ conferenceId: fx.conferenceId, role: "DELEGATE", forceId: force }] };
    const added = await addDelegationMember(db.prisma, fx.organizer, inv.id, { version: inv.version, name: "ليلى أحمد", role: "رئيسة الوفد", contact: "+963 1", needsVisa: true });
    const memberId = added.result.id;
    const row = () => db.prisma.delegationMember.findUniqueOrThrow({ where: { id: memberId } });

    const up = await updateDelegationMember(db.prisma, fx.organizer, inv.id, memberId, { version: added.invitation.version, name: "  ليلى أحمد الحسن ", role: "", contact: "+963 2", isSubstitute: true, consentToPublish: true });
    expect(up.invitation).toMatchObject({ version: added.invitation.version + 1, namedDelegates: 0, substitutes: 1 });
    // A whole replacement: fields left out return to their defaults, empty text to nothing.
    expect(up.result).toMatchObject({ id: memberId, name: "ليلى أحمد الحسن", role: null, contact: "+963 2", isSubstitute: true, needsVisa: false, consentToPublish: true });
    expect(await row()).toMatchObject({ name: "ليلى أحمد الحسن", isSubstitute: true });
    // The force's own delegate may edit its delegation too (ADR 0021).
    const byDelegate = await updateDelegationMember(db.prisma, ownDelegate, inv.id, memberId, { version: up.invitation.version, name: "ليلى", isSubstitute: false });
    expect(byDelegate.invitation).toMatchObject({ namedDelegates: 1, substitutes: 0 });

    const unchanged = async () => ({ member: await row(), inv: await snapshot(inv.id) });
    const before = await unchanged();
    const version = byDelegate.invitation.version;
    const refused = async (actor: Actor, input: unknown, code: string, id = memberId, invitationId = inv.id) => {
      await expect(updateDelegationMember(db.prisma, actor, invitationId, id, input as never)).rejects.toMatchObject({ code });
      expect(await unchanged()).toEqual(before);
    };
    // Wrong roles: committee and observers read but do not name delegates; another force's delegate does not see it.
    await refused(fx.committee, { version, name: "x" }, "forbidden");
    await refused(fx.observer, { version, name: "x" }, "forbidden");
    await refused({ ...fx.delegate, memberships: [{ conferenceId: fx.conferenceId, role: "DELEGATE", forceId: fx.ownForceId }] }, { version, name: "x" }, "not_found");
    // Bad input.
    await refused(fx.organizer, { version, name: "   " }, "bad_request");
    await refused(fx.organizer, { version, name: "ن".repeat(201) }, "bad_request");
    await refused(fx.organizer, { version, name: "x", contact: "ن".repeat(301) }, "bad_request");
    await refused(fx.organizer, { name: "x" }, "bad_request");
    await refused(fx.organizer, { version: 0, name: "x" }, "bad_request");
    await refused(fx.organizer, { version: "1", name: "x" }, "bad_request");
    await refused(fx.organizer, { version, name: "x", isSubstitute: "yes" }, "bad_request");
    // A stale version, a member of another invitation, an unknown member.
    await refused(fx.organizer, { version: version - 1, name: "x" }, "stale_version");
    const other = await walk((await newInvitation()).id, "CONFIRMED");
    await refused(fx.organizer, { version: other.version, name: "x" }, "not_found", memberId, other.id);
    await refused(fx.organizer, { version, name: "x" }, "not_found", "no-such-member");
    // A withdrawn invitation's delegation no longer changes.
    const withdrawn = await transitionInvitation(db.prisma, fx.organizer, inv.id, { to: "WITHDRAWN", version });
    await expect(updateDelegationMember(db.prisma, fx.organizer, inv.id, memberId, { version: withdrawn.version, name: "x" })).rejects.toMatchObject({ code: "conflict" });
    expect((await row()).name).toBe("ليلى");

    const d = await getInvitation(db.prisma, fx.organizer, inv.id);
    const delegation = d.events.filter((e) => e.kind === "DELEGATION").map((e) => e.data as { action: string; name: string });
    expect(delegation.map((e) => [e.action, e.name])).toEqual([
      ["added", "ليلى أحمد"],
      ["updated", "ليلى أحمد الحسن"],
      ["updated", "ليلى"],
    ]);
  });

  it("the history cannot be rewritten, even with SQL; it goes only with its invitation", async () => {
    const inv = await newInvitation();
    await expect(db.sql.exec(`UPDATE "InvitationEvent" SET "note" = 'forged' WHERE "invitationId" = '${inv.id}'`)).rejects.toThrow(/append-only/);
    await expect(db.sql.exec(`DELETE FROM "InvitationEvent" WHERE "invitationId" = '${inv.id}'`)).rejects.toThrow(/append-only/);
    await db.prisma.invitation.delete({ where: { id: inv.id } });
    expect(await db.prisma.invitationEvent.count({ where: { invitationId: inv.id } })).toBe(0);
  });

  it("roles: delegates see only their own force's invitation; committee and observers read; only organizers change status", async () => {
    const own = await createInvitation(db.prisma, fx.organizer, fx.conferenceId, { forceId: fx.ownForceId, seatQuota: 2 });
    const other = await newInvitation();
    const mine = await listInvitations(db.prisma, fx.delegate, fx.conferenceId, parseInvitationQuery({}));
    expect(mine.rows.map((r) => r.id)).toEqual([own.id]);
    await expect(getInvitation(db.prisma, fx.delegate, other.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(transitionInvitation(db.prisma, fx.delegate, own.id, { to: "APPROVED", version: own.version })).rejects.toMatchObject({ code: "forbidden" });
    // Delegates name their own delegation (ADR 0021).
    const added = await addDelegationMember(db.prisma, fx.delegate, own.id, { version: own.version, name: "مندوب أول", consentToPublish: false, contact: "+963" });
    for (const reader of [fx.committee, fx.observer]) {
      expect((await listInvitations(db.prisma, reader, fx.conferenceId, parseInvitationQuery({}))).page.total).toBeGreaterThan(2);
      await expect(transitionInvitation(db.prisma, reader, other.id, { to: "APPROVED", version: other.version })).rejects.toMatchObject({ code: "forbidden" });
      await expect(updateTerms(db.prisma, reader, other.id, { version: other.version, seatQuota: 9 })).rejects.toMatchObject({ code: "forbidden" });
      await expect(addDelegationMember(db.prisma, reader, own.id, { version: added.invitation.version, name: "x" })).rejects.toMatchObject({ code: "forbidden" });
    }
    // Observers see only the names that may be published; the committee sees the whole delegation.
    expect((await getInvitation(db.prisma, fx.observer, own.id)).delegates).toEqual([]);
    expect((await getInvitation(db.prisma, fx.committee, own.id)).delegates[0]).toMatchObject({ name: "مندوب أول", contact: "+963" });
    await expect(dashboardFigures(db.prisma, fx.delegate, fx.conferenceId)).rejects.toMatchObject({ code: "forbidden" });
    expect((await snapshot(other.id)).status).toBe("CANDIDATE");
  });

  it("the table: folded search, force filters, status, sorting both ways, paging past the end", async () => {
    const f = await createForce(db.prisma, fx.organizer, fx.conferenceId, { kind: "TRIBE", nameAr: "عشيرة الوادي ١٠٠%", region: "ABROAD", tags: ["عشائر"], isMember: true, contacts: [{ name: "الشيخ فهد" }] });
    const inv = await createInvitation(db.prisma, fx.organizer, fx.conferenceId, { forceId: f.id, confirmationDeadline: "2031-01-01" });
    for (const st of ["SENT", "CONFIRMED", "DECLINED", "WITHDRAWN", "APPROVED", "ATTENDED", "NO_RESPONSE", "SENT", "CONFIRMED", "NO_SHOW"] as const) await walk((await newInvitation()).id, st);
    const q = (p: Record<string, string>) => listInvitations(db.prisma, fx.organizer, fx.conferenceId, parseInvitationQuery({ pageSize: "500", ...p }));
    expect((await q({ q: "الشيـخ" })).rows.map((r) => r.id)).toEqual([inv.id]); // contact, tatweel
    expect((await q({ q: "%" })).rows.map((r) => r.id)).toEqual([inv.id]);
    expect((await q({ q: "_" })).rows).toEqual([]);
    expect((await q({ kind: "TRIBE", region: "ABROAD", member: "true", tag: "عشائر", status: "CANDIDATE" })).rows.map((r) => r.id)).toEqual([inv.id]);
    expect((await q({ kind: "TRIBE", status: "SENT" })).rows).toEqual([]);
    const asc = (await q({ sort: "status" })).rows;
    const desc = (await q({ sort: "status", dir: "desc" })).rows;
    expect(asc.length).toBeGreaterThan(10);
    const order = invitationStatuses as readonly string[];
    for (let i = 1; i < asc.length; i++) expect(order.indexOf(asc[i]!.status)).toBeGreaterThanOrEqual(order.indexOf(asc[i - 1]!.status));
    expect(desc.map((r) => r.status)).toEqual(asc.map((r) => r.status).reverse());
    const byDeadline = (await q({ sort: "deadline" })).rows;
    expect(byDeadline.findIndex((r) => r.id === inv.id)).toBeLessThan(byDeadline.findIndex((r) => r.confirmationDeadline === null));
    const total = (await q({})).page.total;
    const p2 = await listInvitations(db.prisma, fx.organizer, fx.conferenceId, parseInvitationQuery({ pageSize: "5", page: "2" }));
    expect(p2.rows).toHaveLength(5);
    expect(p2.page).toMatchObject({ total, pages: Math.ceil(total / 5) });
    const past = await listInvitations(db.prisma, fx.organizer, fx.conferenceId, parseInvitationQuery({ pageSize: "5", page: "9999" }));
    expect(past.rows).toEqual([]);
    expect(past.page.total).toBe(total);
    const row = (await q({ q: "الوادي ١٠٠" })).rows[0]!;
    expect(row).toMatchObject({ force: { nameAr: "عشيرة الوادي ١٠٠%", kind: "TRIBE", archived: false }, namedDelegates: 0, substitutes: 0, allowedNext: ["APPROVED", "WITHDRAWN"] });
    expect(row.confirmationDeadline).toBe("2031-01-01T20:59:59.999Z"); // the end of 1 January in Damascus (UTC+3)
  });

  it("dashboard figures by kind and region, seats against quota, readiness", async () => {
    const fresh = await freshDb(backend);
    try {
      const f2 = await pipelineFixture(fresh.prisma, "dash");
      const mk = async (name: string, kind: "PARTY" | "CSO", region: "ABROAD" | "NORTH_EAST_SYRIA", to: InvitationStatus, quota = 2) => {
        const f = await createForce(fresh.prisma, f2.organizer, f2.conferenceId, { kind, nameAr: name, region });
        let inv = await createInvitation(fresh.prisma, f2.organizer, f2.conferenceId, { forceId: f.id, seatQuota: quota });
        for (const s of pathTo(to).slice(1)) inv = await transitionInvitation(fresh.prisma, f2.organizer, inv.id, { to: s, version: inv.version });
        return inv;
      };
      const c1 = await mk("أ", "PARTY", "ABROAD", "CONFIRMED");
      await addDelegationMember(fresh.prisma, f2.organizer, c1.id, { version: c1.version, name: "عضو" });
      await mk("ب", "PARTY", "NORTH_EAST_SYRIA", "CONFIRMED", 3);
      await mk("ج", "CSO", "ABROAD", "DECLINED");
      await mk("د", "CSO", "ABROAD", "SENT");
      await mk("ه", "CSO", "ABROAD", "WITHDRAWN");
      const fig = await dashboardFigures(fresh.prisma, f2.organizer, f2.conferenceId);
      expect(fig.byKind).toEqual({ PARTY: { confirmed: 2, pending: 0, declined: 0, withdrawn: 0 }, CSO: { confirmed: 0, pending: 1, declined: 1, withdrawn: 1 } });
      expect(fig.byRegion.ABROAD).toEqual({ confirmed: 1, pending: 1, declined: 1, withdrawn: 1 });
      expect(fig.seats).toEqual({ quotaConfirmed: 5, namedConfirmed: 1, quotaOpen: 2 });
      // Settled: c1 (confirmed with a delegate) and the declined one, of 4 in play.
      expect(fig.readiness).toEqual({ settled: 2, active: 4, percent: 50 });
      expect(fig.attention).toBe(1); // the confirmed invitation without delegates
    } finally {
      await fresh.destroy();
    }
  });
});
