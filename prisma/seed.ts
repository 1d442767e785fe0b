// Demo seed: runs on first start of the embedded database (or with SEED_DEMO=1). Idempotent: does
// nothing when a conference exists already.
import type { AmendmentState, Invitation, Prisma, PrismaClient } from "@prisma/client";
import * as Y from "yjs";
import { hashPassword } from "../app/domain/accounts.server.js";
import { buildPaperState, paperText } from "../app/domain/paper-doc.js";
import { pathTo } from "../app/domain/invitation-status.js";
import { amendmentPathTo } from "../app/domain/amendment-states.js";
import { anchorData } from "../app/domain/amendments/commands.server.js";
import { issueCodesIn } from "../app/domain/conference-day/delegate-codes.server.js";
import { calendarDay, conferenceZone, toDbDate } from "../app/domain/due-dates.js";
import { foldArabic, nameKey } from "../app/domain/arabic.js";
import * as demo from "./seed-data/demo.js";

const hour = 3600_000;
const day = 24 * hour;
type Tx = Prisma.TransactionClient;

/** A confirmed delegation's members, each named in the invitation's history as the pipeline records it. */
async function seedDelegation(
  tx: Tx,
  inv: Pick<Invitation, "id" | "status" | "version">,
  members: demo.DemoMember[],
  ctx: { userIds: Map<string, string>; organizerId: string; at: number },
) {
  for (const [i, m] of members.entries()) {
    const accountId = m.account ? ctx.userIds.get(m.account)! : null;
    const member = await tx.delegationMember.create({
      data: {
        invitationId: inv.id,
        name: m.name,
        role: m.role ?? null,
        contact: m.contact ?? null,
        isSubstitute: m.isSubstitute ?? false,
        userId: accountId,
        isVotingDelegate: !!accountId,
        createdAt: new Date(ctx.at + i * 60_000),
      },
    });
    await tx.invitationEvent.create({
      data: {
        invitationId: inv.id,
        actorId: accountId ?? ctx.organizerId,
        kind: "DELEGATION",
        fromStatus: inv.status,
        toStatus: inv.status,
        data: { action: "added", memberId: member.id, name: member.name, isSubstitute: member.isSubstitute },
        createdAt: member.createdAt,
      },
    });
  }
  // Each change of the delegation is a new version of the invitation, as delegationChange bumps it.
  if (members.length) await tx.invitation.update({ where: { id: inv.id }, data: { version: inv.version + members.length } });
}

/**
 * An amendment with the history the domain would have written on its way to its state (createAmendment,
 * transition, recommend): anchored as createAmendment anchors a selection, submitted in the open phase.
 */
async function seedAmendment(
  tx: Tx,
  a: demo.DemoAmendment,
  ctx: { paperId: string; doc: Y.Doc; forceId: string; phaseId: string; userIds: Map<string, string>; at: number },
): Promise<string> {
  const text = paperText(ctx.doc);
  const start = text.indexOf(a.quote);
  if (start < 0 || text.lastIndexOf(a.quote) !== start) throw new Error(`Demo amendment ${a.key}: «${a.quote}» must occur exactly once in the paper`);
  const by = ctx.userIds.get(a.by)!;
  const committee = ctx.userIds.get("committee@example.org")!;
  const decider = ctx.userIds.get("committee2@example.org")!;
  let at = ctx.at;
  const events: Prisma.AmendmentEventCreateManyAmendmentInput[] = [];
  const data: Prisma.AmendmentUncheckedCreateInput = {
    paperId: ctx.paperId,
    forceId: ctx.forceId,
    type: a.type,
    proposedText: a.proposedText,
    proposedTitle: a.proposedTitle ?? null,
    rationale: a.rationale,
    ...anchorData(ctx.doc, start, start + a.quote.length),
    createdById: by,
    createdAt: new Date(at),
  };
  let from: AmendmentState | null = null;
  for (const to of amendmentPathTo(a.state)) {
    const when = new Date(at);
    const decision = to === "ACCEPTED" || to === "REJECTED";
    if (to === "SUBMITTED") Object.assign(data, { submittedById: by, submittedAt: when, phaseId: ctx.phaseId });
    if (decision) Object.assign(data, { decisionReason: a.decisionReason!, decidedById: decider, decidedAt: when });
    events.push({
      kind: "TRANSITION",
      actorId: to === "DRAFT" || to === "SUBMITTED" ? by : decision ? decider : committee,
      fromState: from,
      toState: to,
      note: decision ? a.decisionReason! : null,
      data: to === "SUBMITTED" ? { phaseId: ctx.phaseId, requestedById: null } : undefined,
      createdAt: when,
    });
    at += 4 * hour;
    // The committee recommends while the amendment is under review.
    if (to === "UNDER_REVIEW" && a.recommendation) {
      Object.assign(data, { recommendation: a.recommendation.value, recommendationNote: a.recommendation.note, recommendedById: committee });
      events.push({
        kind: "RECOMMENDATION",
        actorId: committee,
        fromState: to,
        toState: to,
        note: a.recommendation.note,
        data: { recommendation: a.recommendation.value },
        createdAt: new Date(at),
      });
      at += 4 * hour;
    }
    from = to;
  }
  // Each step after the creation bumped the version, as the domain's compare-and-set does.
  const row = await tx.amendment.create({ data: { ...data, state: a.state, version: events.length, events: { createMany: { data: events } } } });
  return row.id;
}

export async function seedDemo(prisma: PrismaClient): Promise<boolean> {
  if (await prisma.conference.count()) return false;
  const passwordHash = await hashPassword(demo.DEMO_PASSWORD);
  const now = Date.now();

  await prisma.$transaction(
    async (tx) => {
      const conf = await tx.conference.create({
        include: { amendmentPhases: true },
        data: {
          ...demo.conference,
          phase: "INVITATIONS",
          // The demo's accounts share a published password; a second factor would only stand in the way
          // of trying it. Every new conference requires it (the column's default).
          requireSecondFactor: false,
          startsOn: new Date(now + 45 * day),
          endsOn: new Date(now + 47 * day),
          // The amendment window's first phase (ADR 0061).
          amendmentPhases: { create: { name: "القراءة الأولى", openAt: new Date(now - 2 * day), closeAt: new Date(now + 30 * day) } },
        },
      });
      const forceIds = new Map<string, string>();
      for (const f of demo.forces) {
        const contacts = f.contact ? [f.contact] : [];
        const force = await tx.force.create({
          data: {
            conferenceId: conf.id,
            kind: f.kind,
            nameAr: f.nameAr,
            nameKu: f.nameKu,
            nameEn: f.nameEn,
            nameKey: nameKey(f.nameAr),
            searchText: foldArabic([f.nameAr, f.nameKu, f.nameEn, ...contacts.map((c) => `${c.name} ${c.role}`), f.city, f.country].filter(Boolean).join(" ")),
            region: f.region,
            country: f.country,
            city: f.city,
            isMember: f.isMember,
            isOfficial: f.isOfficial ?? true,
            tags: f.tags ?? [],
            contacts: { create: contacts },
          },
        });
        forceIds.set(f.key, force.id);
      }

      const userIds = new Map<string, string>();
      for (const u of demo.users) {
        const user = await tx.user.create({ data: { email: u.email, name: u.name, passwordHash } });
        userIds.set(u.email, user.id);
        await tx.membership.create({
          data: { userId: user.id, conferenceId: conf.id, role: u.role, forceId: u.forceKey ? forceIds.get(u.forceKey)! : null },
        });
      }
      const organizerId = userIds.get("organizer@example.org")!;

      for (const f of demo.forces) {
        if (!f.invitation) continue;
        const path = pathTo(f.invitation);
        const inv = await tx.invitation.create({
          data: {
            conferenceId: conf.id,
            forceId: forceIds.get(f.key)!,
            status: f.invitation,
            version: path.length,
            seatQuota: f.kind === "PERSONALITY" ? 1 : 3,
            confirmationDeadline: new Date(now + (f.invitation === "SENT" ? -1 : 20) * day),
          },
        });
        // History along the legal path, a day apart, so the timeline reads as it happened.
        let at = now - path.length * day;
        let from: (typeof path)[number] | null = null;
        for (const to of path) {
          await tx.invitationEvent.create({
            data: { invitationId: inv.id, actorId: organizerId, fromStatus: from, toStatus: to, createdAt: new Date((at += day)) },
          });
          from = to;
        }
        await seedDelegation(tx, inv, demo.delegations[f.key] ?? [], { userIds, organizerId, at: at + day / 4 });
      }
      // Codes for the confirmed delegations, as confirming gives them; no mail context, so nothing is mailed
      // (the members' contacts are phone numbers anyway).
      await issueCodesIn(tx, { conferenceId: conf.id });

      // The amendments' anchors are positions in this very document: the snapshot is its state.
      const paperState = buildPaperState(demo.sections);
      const paper = await tx.paper.create({
        data: {
          conferenceId: conf.id,
          title: demo.paperTitle,
          snapshots: { create: { state: Buffer.from(paperState), upToUpdate: 0n } },
          versions: { create: { name: "المسودة الأولى", state: Buffer.from(buildPaperState(demo.sections)), automatic: false, createdById: organizerId } },
        },
      });
      const doc = new Y.Doc();
      Y.applyUpdate(doc, paperState);
      const amendmentIds = new Map<string, string>();
      for (const [i, a] of demo.amendments.entries()) {
        const id = await seedAmendment(tx, a, {
          paperId: paper.id,
          doc,
          forceId: forceIds.get(a.forceKey)!,
          phaseId: conf.amendmentPhases[0]!.id,
          userIds,
          // An hour apart, each step four hours after the last, all inside the open phase.
          at: now - (44 - i) * hour,
        });
        amendmentIds.set(a.key, id);
      }

      const agendaDay = toDbDate(calendarDay(conf.startsOn!, conferenceZone(conf)));
      for (const [position, s] of demo.agenda.entries()) {
        await tx.agendaSession.create({
          data: {
            conferenceId: conf.id,
            title: s.title,
            day: agendaDay,
            startsAt: s.startsAt,
            endsAt: s.endsAt,
            room: s.room,
            chair: s.chair,
            position,
            items: {
              create: s.items.map((item, n) => ({
                position: n,
                kind: item.kind,
                title: item.title,
                notes: item.notes ?? "",
                status: "SCHEDULED" as const,
                // What the agenda stores for each kind: a section's heading, an amendment's id.
                refId: item.section !== undefined ? demo.sections[item.section]!.title : item.amendment ? amendmentIds.get(item.amendment)! : null,
              })),
            },
          },
        });
      }

      await tx.representation.createMany({
        data: [
          { conferenceId: conf.id, country: "مصر", area: "ARAB", city: "القاهرة" },
          { conferenceId: conf.id, country: "ألمانيا", area: "EUROPE", city: "برلين" },
          { conferenceId: conf.id, country: "الولايات المتحدة", area: "AMERICA", city: "واشنطن" },
        ],
      });
      await tx.planItem.createMany({
        data: [
          { conferenceId: conf.id, horizon: "SHORT", goal: "استكمال دعوات المؤتمر وتأكيد الحضور", ownerId: organizerId, dueOn: new Date(now + 14 * day), status: "IN_PROGRESS" },
          { conferenceId: conf.id, horizon: "MEDIUM", goal: "تطوير العلاقة مع العشائر والشرائح الاجتماعية", dueOn: new Date(now + 90 * day) },
          { conferenceId: conf.id, horizon: "LONG", goal: "بناء توافقات وطنية جامعة", dueOn: new Date(now + 365 * day) },
        ],
      });
    },
    { timeout: 60_000 },
  );
  return true;
}
